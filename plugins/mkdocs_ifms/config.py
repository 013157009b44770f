"""Options of the ``ifms`` plugin in mkdocs.yml; defaults come from :class:`ifms.settings.Settings`."""

from __future__ import annotations

import datetime

from mkdocs.config import base
from mkdocs.config import config_options as c

from ifms.locale import SUPPORTED
from ifms.settings import Settings

_DEFAULTS = Settings()


class IfmsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    lang = c.Optional(c.Choice(SUPPORTED))
    """Language of generated pages and messages; default: the theme's language, else Dutch."""
    today = c.Optional(c.Type((str, datetime.date)))
    """Judge the portfolio as on this day (YYYY-MM-DD); default ``IFMS_TODAY`` or the build date."""
    anonymity_threshold = c.Type(int, default=_DEFAULTS.anonymity_threshold)
    overview_page = c.Type(str, default=_DEFAULTS.overview_page)
    """Path of the generated overview page; empty: no overview page."""
    templates_dir = c.Type(str, default="site_templates")
    """Folder (next to mkdocs.yml) whose templates replace the packaged ones of the same name."""
