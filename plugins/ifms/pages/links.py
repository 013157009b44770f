"""Links in what a record says: to the web, to mail, within the site; never something that runs.

Markdown in a YAML field (a comment pasted from an anonymous respondent, a POP's notes) may
keep its links, but a ``javascript:``, ``data:`` or ``vbscript:`` address would run in the
browser and stay clickable in the PDF. Hand-written, because the one rule needed (which
schemes an ``href`` or ``src`` may have) is smaller than configuring a general HTML sanitiser
to leave the rest of the page exactly as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""What an address may start with; one without a scheme (a path, ``#anchor``) is fine too."""

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
"""Browsers drop these inside an address: ``java\\tscript:`` is ``javascript:``."""
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ADDRESS = re.compile(r"""(\s)(href|src|xlink:href|action|formaction)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""",
                      re.IGNORECASE)

Rewrite = Callable[[str, str], "str | None"]
"""(attribute, address as the browser reads it) -> the address to use, or None to drop it."""


def is_safe(url: str) -> bool:
    """Whether ``url`` leads somewhere rather than runs something."""
    plain = _INVISIBLE.sub("", html.unescape(url)).lower()
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def rewrite_addresses(text: str, rewrite: Rewrite) -> str:
    """Every ``href``/``src`` in the tags of ``text`` through ``rewrite``; text between the
    tags is left as it is."""
    def attribute(found: re.Match[str]) -> str:
        space, name, equals, quoted = found.groups()
        value = quoted[1:-1] if quoted[:1] in "\"'" else quoted
        new = rewrite(name.lower(), html.unescape(value))
        return "" if new is None else f'{space}{name}{equals}"{html.escape(new, quote=True)}"'

    return _TAG.sub(lambda tag: _ADDRESS.sub(attribute, tag.group(0)), text)


def without_unsafe_links(text: str) -> str:
    """``text`` with every address that would run something removed (the link's text stays)."""
    return rewrite_addresses(text, lambda _name, url: url if is_safe(url) else None)
