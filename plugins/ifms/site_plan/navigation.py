"""The site's menu: in the order a specialist uses it, for the plugin and the plain site alike.

MkDocs (and Zensical) build the navigation from the folder tree when mkdocs.yml has no ``nav``:
index pages first, then the pages of a folder alphabetically, then its sub-folders, each titled
after its folder name. That puts "Afdrukversie" first and the records oldest first. The plugin
orders the menu as it is used instead (:class:`MenuOrder`): the start page, then where one
stands (Herregistratie, Voortgang, Tijdlijn), then the record folders (feedback rounds, POPs,
conversations, reflections; each newest first, as their index pages list them), then the
reference pages (Overzicht, Profiel, Afdrukversie), then the specialist's own pages (Privacy)
and folders as MkDocs orders them. The start page is called "Start" in the menu, so the site's
name (the menu's heading) is not there twice. A record folder is named after what it holds
("POP's", "Feedbackrondes") and a long one keeps only its index page in the menu.

The MkDocs adapter (``mkdocs_ifms.nav``) applies this order to MkDocs' navigation; a plain site
has no plugin to do that, so ``ifms export-site`` writes the same menu as an explicit ``nav:``
(:func:`explicit_nav`; a test compares the two sites' menus). A ``nav:`` of the specialist's own
in mkdocs.yml is left exactly as written by both. The folder tree follows
``mkdocs.structure.files.file_sort_key`` and ``mkdocs.utils.nest_paths`` of MkDocs 1.6.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from ifms.pages.renderer import page_path
from ifms.site_plan.plan import SitePlan

NavItem = Any
"""A page path (``"pop/2024.md"``), ``{title: path}`` or a section ``{title: [items]}``, as
mkdocs.yml writes them."""

HOME_PAGES = ("index.md", "README.md")
INDEX_NAMES = ("index", "README")
KIND_ORDER = ("feedback", "pop", "conversation", "reflection", "questionnaire")
"""Record folders in the menu: the order of the overview page."""
LEAD_PAGES = ("evidence_page", "preparation_page", "progress_page", "timeline_page")
"""Where the specialist stands: right after the start page."""
REFERENCE_PAGES = ("overview_page", "profile", "print_page")
"""After the records (``profile``: the profile's page)."""


class MenuOrder:
    """Sort keys for the items of one menu level: pages by their path, folders by the paths of
    the record pages they hold."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        options = plan.options
        self.lead = {getattr(options, name): rank for rank, name in enumerate(LEAD_PAGES) if getattr(options, name)}
        reference = {getattr(options, name): rank for rank, name in enumerate(REFERENCE_PAGES)
                     if name != "profile" and getattr(options, name)}
        self.dates: dict[str, date] = {}
        for record in plan.portfolio.records():
            path = page_path(record)
            if record.kind == "profile":
                reference.setdefault(path, REFERENCE_PAGES.index("profile"))
            elif isinstance(dated := getattr(record, "date", None), date):
                self.dates[path] = dated
        self.reference = reference

    def page_key(self, path: str, position: int) -> tuple:
        """Where the page at ``path`` goes among its folder's items (``position``: where MkDocs
        put it, which decides between equals)."""
        if PurePosixPath(path).stem in INDEX_NAMES:
            return (0, 0, position)
        if path in self.lead:
            return (1, self.lead[path], position)
        if path in self.dates:  # newest first
            return (3, -self.dates[path].toordinal(), position)
        if path in self.reference:
            return (4, self.reference[path], position)
        return (5, 0, position)

    def folder_key(self, record_pages: Iterable[str], position: int) -> tuple:
        """Where a folder goes among its parent's items: a record folder by its kind, after
        the lead pages; any other folder with the specialist's own pages."""
        kinds = {self.plan.page_kinds[path] for path in record_pages if path in self.plan.page_kinds}
        if not kinds:
            return (5, 1, position)
        kind = kinds.pop() if len(kinds) == 1 else None
        return (2, KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), position)

    def home_title(self) -> str:
        return self.plan.locale.t("nav.home")


def explicit_nav(plan: SitePlan, pages: Iterable[str]) -> list[NavItem]:
    """The navigation of a site with ``pages`` (paths of every Markdown page in it)."""
    tree: dict[str, Any] = {"pages": [], "folders": {}}
    for path in sorted(pages, key=_sort_key):
        node = tree
        for part in PurePosixPath(path).parent.parts:
            node = node["folders"].setdefault(part, {"pages": [], "folders": {}})
        node["pages"].append(path)
    order = MenuOrder(plan)
    items = _items(plan, order, tree)
    return [{order.home_title(): item} if item in HOME_PAGES else item for item in items]


def _items(plan: SitePlan, order: MenuOrder, node: dict[str, Any]) -> list[NavItem]:
    keyed: list[tuple[tuple, NavItem]] = []
    for path in node["pages"]:
        keyed.append((order.page_key(path, len(keyed)), path))
    for name, folder in node["folders"].items():
        children = _items(plan, order, folder)
        records = [path for path in folder["pages"] if plan.is_record_page(path)]
        title = plan.section_title(records) or _folder_title(name)
        if len(records) > plan.options.nav_max_records:
            children = [child for child in children if child not in records]
        keyed.append((order.folder_key(_all_pages(folder), len(keyed)), {title: children}))
    return [item for _, item in sorted(keyed, key=lambda pair: pair[0])]


def _all_pages(folder: dict[str, Any]) -> list[str]:
    """Every page in a folder of the tree, its sub-folders' too."""
    found = list(folder["pages"])
    for child in folder["folders"].values():
        found.extend(_all_pages(child))
    return found


def ordered(items: Sequence[Any], keys: Sequence[tuple]) -> list[Any]:
    """``items`` sorted by their ``keys`` (one each, in the same order)."""
    return [item for _, item in sorted(zip(keys, items, strict=True), key=lambda pair: pair[0])]


def _sort_key(path: str) -> tuple:
    parts = PurePosixPath(path).parts
    return (parts[:-1], posixpath.splitext(parts[-1])[0] != "index", parts[-1])


def _folder_title(name: str) -> str:
    """A folder's name as MkDocs titles it: dashes and underscores as spaces, capitalised
    when it was all lower case."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
