"""The site's navigation as the plugin shapes it, written out as an explicit ``nav:``.

MkDocs (and Zensical) build the navigation from the folder tree when mkdocs.yml has no ``nav``:
index pages first, then the pages of a folder alphabetically, then its sub-folders, each titled
after its folder name. The plugin renames a record folder after what it holds ("POP's",
"Feedbackrondes") and keeps a long list out of the navigation (only its index page lists it).
A plain site has no plugin to do that, so the export writes the same navigation explicitly;
the ordering follows ``mkdocs.structure.files.file_sort_key`` and ``mkdocs.utils.nest_paths``
of MkDocs 1.6 (a test compares the two sites' menus).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from ifms.site_plan.plan import SitePlan

NavItem = Any
"""A page path (``"pop/2024.md"``) or a section ``{title: [items]}``, as mkdocs.yml writes them."""


def explicit_nav(plan: SitePlan, pages: Iterable[str]) -> list[NavItem]:
    """The navigation of a site with ``pages`` (paths of every Markdown page in it)."""
    tree: dict[str, Any] = {"pages": [], "folders": {}}
    for path in sorted(pages, key=_sort_key):
        node = tree
        for part in PurePosixPath(path).parent.parts:
            node = node["folders"].setdefault(part, {"pages": [], "folders": {}})
        node["pages"].append(path)
    return _items(plan, tree)


def _items(plan: SitePlan, node: dict[str, Any]) -> list[NavItem]:
    items: list[NavItem] = []
    for path in node["pages"]:
        items.append(path)
    for name, folder in node["folders"].items():
        children = _items(plan, folder)
        records = [path for path in folder["pages"] if plan.is_record_page(path)]
        title = plan.section_title(records) or _folder_title(name)
        if len(records) > plan.options.nav_max_records:
            children = [child for child in children if child not in records]
        items.append({title: children})
    return items


def _sort_key(path: str) -> tuple:
    parts = PurePosixPath(path).parts
    return (parts[:-1], posixpath.splitext(parts[-1])[0] != "index", parts[-1])


def _folder_title(name: str) -> str:
    """A folder's name as MkDocs titles it: dashes and underscores as spaces, capitalised
    when it was all lower case."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
