"""What the plugin refuses before anything is built: the portfolio is private."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from ifms.i18n.locale import Locale
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
