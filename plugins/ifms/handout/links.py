"""Links and pictures in the handout: a link to a record in it jumps to that record's section,
every other link to the site becomes plain text, and pictures come from where the handout
says (files beside the site page, or embedded in the PDF).

A Python-Markdown tree processor, like MkDocs' own link rewriting: it sees every link the
Markdown produced, whether a template or the specialist wrote it. Removing the links to pages
that are not in the handout is what keeps the file names of private records out of it.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ifms.pages.links import is_safe, rewrite_addresses

ImageSource = Callable[[str, str], "str | None"]
"""(path in the site, ``#fragment`` or "") -> the ``src`` to use, or None to leave it out."""


@dataclass
class LinkPolicy:
    anchors: dict[str, str]
    """Page path in the site (``reflecties/x.md``) -> id of its section in the handout."""
    image_source: ImageSource
    here: str = field(default="index.md")
    """The page the Markdown being converted belongs to; relative links start from it."""

    def href(self, url: str) -> str | None:
        """Where a link goes in the handout; None: not in it, keep only the link's text."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            # The web, mail: the specialist's own choice to share; nothing that runs.
            return url if is_safe(url) else None
        if not parts.path:
            return url if parts.fragment else None  # within the same page
        target = self.site_path(parts.path)
        if target is None:
            return None
        candidates = [target]
        if parts.path.endswith("/"):
            candidates = [posixpath.join(target, "index.md"), target + ".md"]
        for candidate in candidates:
            if candidate in self.anchors:
                return "#" + self.anchors[candidate]
        return None

    def src(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None  # nothing is loaded from other servers
        target = self.site_path(parts.path)
        if target is None:
            return None
        return self.image_source(target, f"#{parts.fragment}" if parts.fragment else "")

    def site_path(self, path: str) -> str | None:
        """A relative URL as a path in the site's source tree; None if it leaves the site."""
        if path.startswith("/"):
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(self.here), unquote(path)))
        return None if joined == ".." or joined.startswith("../") else joined


class _Rewriter(Treeprocessor):
    def __init__(self, md: Markdown, policy: LinkPolicy) -> None:
        super().__init__(md)
        self.policy = policy

    def run(self, root: ET.Element) -> None:
        # Raw HTML in the Markdown (``<a href="privé.md">``) is kept aside by Markdown until the
        # end: the same policy applies to it, so no file name or file:// path reaches the PDF.
        stash = self.md.htmlStash.rawHtmlBlocks
        stash[:] = [rewrite_addresses(block, self._raw) if isinstance(block, str) else block for block in stash]
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter("img")):
            src = self.policy.src(element.get("src", ""))
            if src is None:
                _unwrap(parents[element], element)
            else:
                element.set("src", src)
        for element in list(root.iter("a")):
            if "href" not in element.attrib:
                continue
            href = self.policy.href(element.get("href", ""))
            if href is None:
                _unwrap(parents[element], element)
                for child in element:
                    parents[child] = parents[element]
            else:
                element.set("href", href)


    def _raw(self, name: str, url: str) -> str | None:
        return self.policy.src(url) if name == "src" else self.policy.href(url)


class HandoutLinks(Extension):
    """Registers the rewriting after Markdown's inline patterns made the links."""

    def __init__(self, policy: LinkPolicy) -> None:
        super().__init__()
        self.policy = policy

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Rewriter(md, self.policy), "ifms_handout_links", 0)


def _unwrap(parent: ET.Element, element: ET.Element) -> None:
    """Replace ``element`` by its text and children, keeping the text around it."""
    index = list(parent).index(element)
    children = list(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    before = element.text or ""
    if index > 0:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + before
    else:
        parent.text = (parent.text or "") + before
    after = element.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + after
    elif index > 0:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + after
    else:
        parent.text = (parent.text or "") + after
