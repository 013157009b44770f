"""Nav shaping: the menu in the order a specialist uses it, record folders named after what
they hold, long lists kept out of the menu.

The order and the titles come from the core (:mod:`ifms.site_plan.navigation`, which the plain
site of ``ifms export-site`` writes out too); this module applies them to MkDocs' navigation.
Material renders the whole navigation into every page, so a section with hundreds of
reflections makes a build quadratic: a section with more records than ``nav_max_records``
shows only its index page, which lists them all by year. A ``nav:`` of the specialist's own in
mkdocs.yml is left exactly as written.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ifms.site_plan.navigation import MenuOrder, ordered
from ifms.site_plan.plan import SitePlan


def shape_sections(nav: Navigation, plan: SitePlan, max_records: int, *, own_nav: bool = False) -> None:
    """Title, trim and order the navigation MkDocs made from the folder tree (nothing when
    mkdocs.yml has a ``nav:`` of its own)."""
    if own_nav:
        return
    order = MenuOrder(plan)
    hidden: dict[int, list[Page]] = {}  # by id(section): its records kept out of the menu
    sections = [item for item in nav.items if isinstance(item, Section)]
    while sections:
        section = sections.pop()
        sections.extend(child for child in section.children if isinstance(child, Section))
        records = [child for child in section.children
                   if isinstance(child, Page) and plan.is_record_page(child.file.src_uri)]
        title = plan.section_title(page.file.src_uri for page in records)
        if title is not None:
            section.title = title
        if len(records) > max_records:
            ids = {id(page) for page in records}  # identity: Page.__eq__ is slow
            section.children = [child for child in section.children if id(child) not in ids]
            hidden[id(section)] = _ordered(records, order)
            for page in records:
                page.parent = None
        section.children = _ordered(section.children, order)
    nav.items = _ordered(nav.items, order)
    for item in nav.items:
        if isinstance(item, Page) and item.is_homepage:
            item.title = order.home_title()
    _link_in_order(nav, hidden)


def _ordered(items: list, order: MenuOrder) -> list:
    keys = [order.page_key(item.file.src_uri, position) if isinstance(item, Page)
            else order.folder_key(_record_paths(item), position) if isinstance(item, Section)
            else (6, 0, position)  # a link
            for position, item in enumerate(items)]
    return ordered(items, keys)


def _record_paths(section: Section) -> list[str]:
    paths, stack = [], list(section.children)
    while stack:
        item = stack.pop()
        if isinstance(item, Page):
            paths.append(item.file.src_uri)
        elif isinstance(item, Section):
            stack.extend(item.children)
    return paths


def _link_in_order(nav: Navigation, hidden: dict[int, list[Page]]) -> None:
    """Previous and next page (Material's ``navigation.footer``) in the menu's order; a record
    kept out of the menu follows its section's pages."""
    pages: list[Page] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                walk(item.children)
                pages.extend(hidden.get(id(item), ()))

    walk(nav.items)
    seen = {id(page) for page in pages}
    pages.extend(page for page in nav.pages if id(page) not in seen)  # not in any section: kept
    nav.pages = pages
    for before, page in zip([None, *pages], pages, strict=False):
        page.previous_page = before
        if before is not None:
            before.next_page = page
    if pages:
        pages[-1].next_page = None
