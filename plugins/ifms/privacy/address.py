"""The private site is served on this computer only: which addresses are this computer."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1`` and ``localhost``; every other address reaches other computers."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
