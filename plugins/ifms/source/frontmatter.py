"""Split a Markdown page into its YAML front matter and its body.

The delimiters are those MkDocs itself recognises (``---`` ... ``---`` or ``...``), so a page
means the same to this package as to the site; the line offset keeps error lines exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The same pattern as mkdocs.utils.meta.YAML_RE; the core may not import MkDocs.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class MarkdownParts:
    front_matter: str | None
    body: str
    body_first_line: int


def split(text: str) -> MarkdownParts:
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if not match:
        return MarkdownParts(None, text, 1)
    return MarkdownParts(match.group(1), text[match.end():], match.group(0).count("\n") + 1)


_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def first_heading(body: str) -> str | None:
    """The page's first level-1 heading, which MkDocs would also use as its title."""
    match = _H1.search(body)
    return match.group(1).strip() if match else None
