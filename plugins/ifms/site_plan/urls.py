"""Page URLs and relative links, as MkDocs (and Zensical, which keeps its rules) make them.

The print page's pictures are linked from inside HTML that no engine rewrites, so the plan
computes their relative URLs itself; written here rather than imported because the core
imports nothing from MkDocs. Both functions follow ``mkdocs.structure.files.File.url`` and
``mkdocs.utils.get_relative_url`` of MkDocs 1.6 (a test compares them).
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """``afdrukken.md`` -> ``afdrukken/`` (or ``afdrukken.html``); ``index.md`` -> ``./``."""
    stem, _ = posixpath.splitext(path)
    folder, name = posixpath.split(stem)
    if not use_directory_urls:
        url = f"{posixpath.join(folder, 'index') if name == 'README' else stem}.html"
    elif name in ("index", "README"):
        url = f"{folder}/" if folder else "./"
    else:
        url = f"{stem}/"
    return quote(url)


def relative_url(target: str, here: str) -> str:
    """``target`` (a path in the site) as seen from the page whose URL is ``here``."""
    folder, _, last = here.rpartition("/")
    base = folder if "." in last else here
    base_parts = _parts(base)
    target_parts = _parts(target)
    common = 0
    for a, b in zip(base_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."
    return relative + "/" if target.endswith("/") else relative


def _parts(url: str) -> list[str]:
    """Slash-separated parts, normalised; ``..`` above the root has no effect."""
    normal = posixpath.normpath(url if url.startswith("/") else "/" + url)[1:]
    return normal.split("/") if normal else []
