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

META_TEXT = ("title", "subtitle", "description")
"""Front-matter keys Material writes into the page as they are (its ``<title>``, the menu,
``<meta name="description">``): they must be escaped as text, by any engine."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
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


_DESTINATION = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
"""The address of a Markdown link or picture: ``[text](address "title")``."""
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(>?(?:[ \t]|$))", re.MULTILINE)
"""A reference definition: ``[name]: address``."""


def markdown_without_unsafe_links(text: str) -> str:
    """The same rule for Markdown that an engine without this package renders (``ifms
    export-site``): an address that would run something becomes ``#``; raw HTML tags in the
    Markdown lose such an address as in :func:`without_unsafe_links`."""
    def checked(found: re.Match[str]) -> str:
        start, address = found.group(1), found.group(2)
        end = found.group(3) if found.re is _REFERENCE else ""
        return start + (address if is_safe(address) else "#") + end

    return without_unsafe_links(_REFERENCE.sub(checked, _DESTINATION.sub(checked, text)))
