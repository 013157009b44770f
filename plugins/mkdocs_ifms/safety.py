"""What the plugin refuses before anything is built: the portfolio is private."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from ifms.i18n.locale import Locale
from ifms.privacy.address import is_loopback


def refuse_public_address(host: str, locale: Locale) -> None:
    """``mkdocs serve`` only on this computer (127.0.0.1)."""
    if not is_loopback(host):
        raise PluginError(locale.t("build.not_loopback", host=host))
