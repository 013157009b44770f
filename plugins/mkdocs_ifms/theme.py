"""The theme speaks the portfolio's language, and says what the site is.

One language setting makes the whole site one language: the plugin's ``lang`` when it is given
(it then sets Material's ``theme.language`` too, so the search box, the table of contents and
the other words of the theme follow), otherwise the theme's language, which the plugin follows
(see :meth:`ifms.options.Options.language`). Without this, ``lang: en`` left Material saying
"Zoeken" and "Inhoudsopgave".

With Material the plugin also puts two templates of its own before the theme's (after a
``theme.custom_dir`` of the specialist's, which still wins): the footer says it is a private
portfolio on this computer instead of only "Made with Material for MkDocs", and the 404 page is
in the site's language with a way back to the start page. Their words come from the locale,
handed to the templates as ``config.theme.ifms``. The light/dark toggle's tooltip follows the
language too when mkdocs.yml has the example's words for it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ifms.i18n.locale import Locale
from ifms.options import Options

TEMPLATES = Path(__file__).resolve().parent / "theme"
"""``404.html`` and ``partials/copyright.html`` for Material."""


def speak_the_language(config: MkDocsConfig, options: Options, settings: Options) -> None:
    """The theme in the build's language, with the plugin's footer and 404 page (Material)."""
    theme = config.theme
    if theme is None:
        return
    if options.lang:  # the plugin's own setting wins, for the theme too
        theme["language"] = settings.lang
    if theme.name != "material":
        return
    locale = Locale(settings.lang)
    _toggle_names(theme.get("palette"), locale)
    theme["ifms"] = {
        "footer": locale.t("theme.footer_published" if settings.allow_gh_deploy else "theme.footer"),
        "made_with": locale.t("theme.made_with"),
        "not_found": locale.t("theme.not_found"),
        "not_found_text": locale.t("theme.not_found_text"),
        "to_start": locale.t("theme.to_start"),
    }
    folder = str(TEMPLATES)
    if folder not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, folder)


def _toggle_names(palette: object, locale: Locale) -> None:
    """The light/dark toggle's tooltip in the site's language, where mkdocs.yml has the example's
    words for it in either language ("Donkere weergave", "Dark mode"); words of one's own stay."""
    for scheme in palette if isinstance(palette, list) else [palette]:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if not isinstance(toggle, dict):
            continue
        for key in ("theme.toggle_dark", "theme.toggle_light"):
            if toggle.get("name") in {Locale(lang).t(key) for lang in ("nl", "en")}:
                toggle["name"] = locale.t(key)
                break
