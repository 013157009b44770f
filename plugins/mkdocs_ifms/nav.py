"""Nav shaping: record folders named after what they hold, long lists kept out of the nav.

Material renders the whole navigation into every page, so a section with hundreds of
reflections makes a build quadratic. A section with more records than ``nav_max_records``
shows only its index page, which lists them all by year. The titles come from the site plan.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ifms.site_plan.plan import SitePlan


def shape_sections(nav: Navigation, plan: SitePlan, max_records: int) -> None:
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
            hidden = {id(page) for page in records}  # identity: Page.__eq__ is slow
            section.children = [child for child in section.children if id(child) not in hidden]
            for page in records:
                page.parent = None
