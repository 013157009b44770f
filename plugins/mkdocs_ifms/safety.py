"""What the plugin refuses before anything is built (the portfolio is private), and what it
makes safe in every page: what a specialist writes is text, wherever it lands."""

from __future__ import annotations

import html

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from ifms.i18n.locale import Locale
from ifms.pages.links import META_TEXT
from ifms.privacy.address import is_loopback


def refuse_publishing(command: str, allowed: bool, locale: Locale) -> None:
    """``mkdocs gh-deploy`` puts the site on the internet, every private record in it; only
    with the option ``allow_gh_deploy: true``."""
    if command == "gh-deploy" and not allowed:
        raise PluginError(locale.t("build.no_gh_deploy"))


def refuse_public_address(host: str, locale: Locale) -> None:
    """``mkdocs serve`` only on this computer (127.0.0.1)."""
    if not is_loopback(host):
        raise PluginError(locale.t("build.not_loopback", host=host))


def titles_as_text(page: Page) -> None:
    """The page's title, subtitle and description as text in every place Material shows them.

    Material writes ``page.meta.title``, ``subtitle`` and ``description`` into the HTML as
    they are, and a title taken from the page's first heading through ``striptags``, which
    turns ``&lt;script&gt;`` back into a live tag in ``<title>``. So the front-matter values
    are escaped, and a title from the heading (escaped by Markdown already) is given as the
    page's meta title, which Material writes without ``striptags``. Not on the home page,
    whose ``<title>`` is the site's name alone.
    """
    meta = page.meta
    for key in META_TEXT:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
    if "title" not in meta and page.title and not page.is_homepage:
        meta["title"] = page.title
