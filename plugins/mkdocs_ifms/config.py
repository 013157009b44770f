"""Options of the ``ifms`` plugin in mkdocs.yml; defaults come from :class:`ifms.settings.Settings`."""

from __future__ import annotations

import datetime

from ifms.handout.selection import SECTIONS
from ifms.locale import SUPPORTED
from ifms.rules import Thresholds
from ifms.settings import Settings
from mkdocs.config import base
from mkdocs.config import config_options as c

_DEFAULTS = Settings()
_RULES = Thresholds()


class IfmsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    lang = c.Optional(c.Choice(SUPPORTED))
    """Language of generated pages and messages; default: the theme's language, else Dutch."""
    today = c.Optional(c.Type((str, datetime.date)))
    """Judge the portfolio as on this day (YYYY-MM-DD); default ``IFMS_TODAY`` or the build date."""
    anonymity_threshold = c.Type(int, default=_DEFAULTS.anonymity_threshold)
    overview_page = c.Type(str, default=_DEFAULTS.overview_page)
    """Path of the generated overview page; empty: no overview page."""
    evidence_page = c.Type(str, default=_DEFAULTS.evidence_page)
    timeline_page = c.Type(str, default=_DEFAULTS.timeline_page)
    progress_page = c.Type(str, default=_DEFAULTS.progress_page)
    print_page = c.Type(str, default="afdrukken.md")
    """Path of the print page (the handout for the browser's own print); empty: none."""
    pdf = c.Type(bool, default=False)
    """Also write the handout as a PDF into the site (or set ``IFMS_PDF=1``); not in serve."""
    pdf_file = c.Type(str, default="ifms-portfolio.pdf")
    """Name of that PDF inside the site folder."""
    pdf_kinds = c.ListOfItems(c.Choice(SECTIONS), default=list(SECTIONS))
    """Which parts go into the handout (print page and PDF)."""
    pdf_from = c.Optional(c.Type(datetime.date))
    """Leave records dated before this day out of the handout; default: the start of the
    current registration period."""
    pdf_all = c.Type(bool, default=False)
    """Without ``pdf_from``: all records, not only those of the current registration period."""
    pdf_to = c.Optional(c.Type(datetime.date))
    """Leave records dated after this day out of the handout."""
    privacy_check = c.Type(bool, default=True)
    """Warn in the build log about a BSN or other patient details in the portfolio's files."""
    cache = c.Type(bool, default=True)
    """Keep drawn charts in ``cache_dir`` so an unchanged chart is never drawn again."""
    cache_dir = c.Type(str, default=".cache/ifms")
    nav_max_records = c.Type(int, default=25)
    """A folder with more records shows only its index page in the navigation."""
    home_summary = c.Type(bool, default=True)
    """Show the re-registration status under the title of the home page."""

    # The re-registration rules' thresholds (see ifms.rules.Thresholds and FORMAT.md).
    window_years = c.Type(int, default=_RULES.window_years)
    hours_per_week = c.Type((int, float), default=_RULES.hours_per_week)
    max_work_gap_years = c.Type(int, default=_RULES.max_work_gap_years)
    cme_hours = c.Type((int, float), default=_RULES.cme_hours)
    covid_reduction_per_month = c.Type((int, float), default=_RULES.covid_reduction_per_month)
    covid_reduction_max = c.Type((int, float), default=_RULES.covid_reduction_max)
    covid_last_expiry = c.Type(datetime.date, default=_RULES.covid_last_expiry)
    min_groups = c.Type(int, default=_RULES.min_groups)
    feedback_months = c.Type(int, default=_RULES.feedback_months)
    pop_days = c.Type(int, default=_RULES.pop_days)
    rgs_lead_months = c.Type(int, default=_RULES.rgs_lead_months)
    max_years_between_ifms = c.Type(int, default=_RULES.max_years_between_ifms)
    templates_dir = c.Type(str, default="site_templates")
    """Folder (next to mkdocs.yml) whose templates replace the packaged ones of the same name."""
