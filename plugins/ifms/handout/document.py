"""The handout as HTML: a cover, a table of contents, and one section per part and record.

Every section is the Markdown of the site page it stands for (the same templates), converted
with the specialist's own Markdown extensions, so the handout shows what the site shows. The
result is used twice: inside the site's print page, and as a standalone document for the PDF.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import markdown as python_markdown

from ifms import __version__, atomic
from ifms.charts import Chart, specs
from ifms.handout.links import HandoutLinks, ImageSource, LinkPolicy
from ifms.handout.selection import HandoutOptions, select
from ifms.names import slugify
from ifms.pages.renderer import REQUIRED_EXTENSIONS, PageRenderer, page_path
from ifms.privacy import scan as privacy
from ifms.records.model import PageRecord, Record
from ifms.source import frontmatter

# Not in the handout: ``toc`` would add permalink signs and ids that repeat between sections.
_LEFT_OUT = {"toc", "markdown.extensions.toc"}


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions of the site (mkdocs.yml ``markdown_extensions``)."""

    extensions: tuple[Any, ...] = REQUIRED_EXTENSIONS
    configs: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def from_mkdocs_yml(cls, entries: Any) -> MarkdownSetup:
        """From the list as written in mkdocs.yml: names, or one-key mappings to options."""
        names: list[str] = []
        configs: dict[str, dict] = {}
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict) and len(entry) == 1:
                name, options = next(iter(entry.items()))
                names.append(str(name))
                if isinstance(options, dict):
                    configs[str(name)] = options
        return cls(tuple(names), configs)

    def converter(self, policy: LinkPolicy) -> tuple[python_markdown.Markdown, str | None]:
        """A Markdown converter for the handout; with a problem text if the site's own
        extensions could not be loaded (then only the standard ones are used)."""
        names = [name for name in self.extensions if name not in _LEFT_OUT]
        names += [name for name in REQUIRED_EXTENSIONS if name not in names]
        configs = {name: options for name, options in self.configs.items() if name not in _LEFT_OUT}
        try:
            return python_markdown.Markdown(
                extensions=[*names, HandoutLinks(policy)], extension_configs=configs), None
        except Exception as error:  # noqa: BLE001 - any third-party extension may fail to load
            fallback = python_markdown.Markdown(extensions=[*REQUIRED_EXTENSIONS, HandoutLinks(policy)])
            return fallback, f"{type(error).__name__}: {error}"


@dataclass(frozen=True)
class Section:
    anchor: str
    """The section's id: links to the record elsewhere in the handout jump here."""
    part: str
    """``evidence``, ``timeline``, or the record's kind."""
    title: str
    here: str
    """The site page this section stands for; its relative links start there."""
    markdown: str


class Handout:
    """What the specialist hands to their gespreksleider, for one portfolio and selection."""

    def __init__(self, renderer: PageRenderer, options: HandoutOptions, markdown: MarkdownSetup,
                 *, converted: dict | None = None, cache_dir: Path | None = None) -> None:
        self.renderer = renderer.hiding_private()
        self.options = options = options.starting(renderer.evidence.window_start)
        self.period_default = options.start == renderer.evidence.window_start
        self.markdown = markdown
        self.converted = {} if converted is None else converted
        """Section HTML by what it was made from; the plugin keeps it across serve rebuilds,
        where converting a whole career's Markdown again would cost half a second."""
        self.cache_dir = cache_dir
        """Whole bodies by content hash, for the next build (a warm build converts nothing)."""
        self.records = select(renderer.portfolio, options)
        self.renderer.selection = {record.path for record in self.records}
        self.problems: list[str] = []
        settings = renderer.options
        self.evidence_here = settings.evidence_page or "herregistratie.md"
        self.timeline_here = settings.timeline_page or "tijdlijn.md"
        self.preparation_here = settings.preparation_page or "voorbereiding.md"
        if options.wants("timeline") and "timeline" not in self.renderer.charts:
            # The site may have no timeline page; the handout still shows the timeline.
            self.renderer.charts["timeline"] = specs.timeline_chart(
                self.renderer.timeline, self.renderer.today, self.renderer.locale)

    @cached_property
    def sections(self) -> list[Section]:
        r, t = self.renderer, self.renderer.locale.t
        found: list[Section] = []
        if self.options.wants("evidence"):
            found.append(Section("herregistratie", "evidence", t("evidence.title"), self.evidence_here,
                                 r.evidence_page(self.evidence_here)))
        if self.options.wants("preparation"):
            found.append(Section("voorbereiding", "preparation", t("preparation.title"), self.preparation_here,
                                 r.preparation_page(self.preparation_here)))
        if self.options.wants("timeline"):
            found.append(Section("tijdlijn", "timeline", t("timeline.title"), self.timeline_here,
                                 r.timeline_page(self.timeline_here)))
        for record in self.records:
            here = page_path(record)
            if isinstance(record, PageRecord):
                source = (r.portfolio.root / record.path).read_text(encoding="utf-8-sig")
                text = r.with_header(record, frontmatter.split(source).body)
            else:
                text = r.record_page(record)
            found.append(Section(_anchor(record), record.kind, r.title_of(record), here, text))
        return found

    def privacy_scan(self) -> privacy.Scan:
        """The privacy scan of every file the handout is made from: a BSN there must not
        leave the specialist's computer in a PDF."""
        root = self.renderer.portfolio.root
        sources = list(self.records)
        if any(self.options.wants(part) for part in SUMMARY_PARTS):
            # These parts quote titles of any shared record (an action finished, a round as
            # evidence), whatever kinds and dates the handout holds otherwise.
            sources += [record for record in self.renderer.portfolio.records() if record.shared]
        return privacy.scan_files(list(dict.fromkeys(root / record.path for record in sources)))

    @property
    def charts(self) -> list[Chart]:
        """The charts the sections show (their light variant goes into the PDF)."""
        wanted = ["timeline"] if self.options.wants("timeline") else []
        wanted += [record.path for record in self.records if record.kind == "feedback"]
        return [self.renderer.charts[key] for key in wanted if key in self.renderer.charts]

    @property
    def locale(self):
        return self.renderer.locale

    def body(self, image_source: ImageSource, images: str, *, pdf_link: str | None = None) -> str:
        """Cover, contents and sections as one HTML fragment.

        ``images`` names what ``image_source`` does (it is part of the conversion cache key).
        """
        anchors = {s.here: s.anchor for s in self.sections}
        template = self.renderer.template_source("handout_body.html.j2")
        made_from = repr((images, sorted(anchors.items()), repr(self.markdown), pdf_link, __version__,
                          template, self._context_key(), [(s.here, s.markdown) for s in self.sections]))
        stored = self.cache_dir / f"{hashlib.sha256(made_from.encode()).hexdigest()}.html" if self.cache_dir else None
        if stored is not None and stored.is_file():
            return stored.read_text(encoding="utf-8")
        body = self._convert(anchors, image_source, images, pdf_link)
        if stored is not None and not self.problems:  # a fallback is told again next time
            _keep(stored, body)
        return body

    def _convert(self, anchors: dict[str, str], image_source: ImageSource, images: str,
                 pdf_link: str | None) -> str:
        policy = LinkPolicy(anchors, image_source)
        converter: python_markdown.Markdown | None = None
        setting = (images, tuple(sorted(anchors.items())), repr(self.markdown))
        parts, used = [], set()
        for section in self.sections:
            key = (setting, section.here, section.markdown)
            used.add(key)
            if key not in self.converted:
                if converter is None:
                    converter, problem = self.markdown.converter(policy)
                    if problem and problem not in self.problems:
                        self.problems.append(problem)
                policy.here = section.here
                converter.reset()
                self.converted[key] = converter.convert(section.markdown)
            parts.append((section, self.converted[key]))
        for key in set(self.converted) - used:
            del self.converted[key]
        return self.renderer.render_template("handout_body.html.j2", {
            **self._context(), "sections": parts, "contents": _contents(self.sections), "pdf_link": pdf_link})

    def site_page(self, image_source: ImageSource, images: str, *,
                  pdf_link: str | None = None) -> tuple[str, str, str]:
        """The site's print page: its Markdown, a placeholder in it, and the HTML body that
        replaces the placeholder once MkDocs has converted the page.

        The body is HTML already; passing it through MkDocs' Markdown again would only cost
        time (a whole career is half a megabyte). The placeholder carries the body's hash, so
        the page changes, and a dirty rebuild renders it again, whenever the body does.
        """
        body = self.body(image_source, images, pdf_link=pdf_link)
        digest = hashlib.sha256(body.encode()).hexdigest()[:16]
        placeholder = f'<div class="ifms-handout-body" data-hash="{digest}"></div>'
        page = self.renderer.render_template("handout_page.md.j2", {
            **self._context(), "placeholder": placeholder, "pdf_link": pdf_link})
        return page, placeholder, body

    def document(self, charts: dict[str, bytes], docs_dir: Path) -> str:
        """The standalone HTML for the PDF: charts embedded, the light variant only."""

        def image_source(path: str, fragment: str) -> str | None:
            if fragment == "#only-dark":
                return None
            if path in charts:
                return _data_uri("image/svg+xml", charts[path])
            # A picture of the portfolio goes in whole, so the PDF names no file of this
            # computer; anything else (a record, a document) is not a picture: left out.
            file, kind = docs_dir / path, IMAGE_TYPES.get(Path(path).suffix.lower())
            inside = file.resolve().is_relative_to(docs_dir.resolve())
            return _data_uri(kind, file.read_bytes()) if kind and inside and file.is_file() else None

        stylesheet = "\n".join(
            resources.files("ifms").joinpath("assets").joinpath(name).read_text(encoding="utf-8")
            for name in ("ifms.css", "handout.css"))
        return self.renderer.render_template("handout.html.j2", {
            **self._context(), "body": self.body(image_source, f"pdf:{docs_dir}"), "stylesheet": stylesheet,
            "page_of": _css_content(self.locale.t("handout.page_of"), page="counter(page)", pages="counter(pages)"),
            "label": _css_string(self.locale.t("handout.confidential")), "version": __version__})

    def _context_key(self) -> str:
        """What the cover shows besides the sections (it is part of the cache key)."""
        r = self.renderer
        return repr((r.portfolio.profile.model_dump() if r.portfolio.profile else None,
                     r.evidence.window_start, r.today, self.options, r.locale.lang))

    def _context(self) -> dict[str, Any]:
        r = self.renderer
        return {"t": r.locale.t, "date": r.locale.date, "profile": r.portfolio.profile, "evidence": r.evidence,
                "today": r.today, "options": self.options, "lang": r.locale.lang,
                "period_default": self.period_default,
                "kinds": [r.locale.t(f"handout.part.{kind}") for kind in self.options.kinds]}


SUMMARY_PARTS = ("evidence", "preparation", "timeline")
"""Parts made from the whole portfolio rather than from the records the handout holds."""

KEEP_BODIES = 8

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}
"""The pictures a shared page may show in the PDF."""


def _data_uri(kind: str, data: bytes) -> str:
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


def _keep(file: Path, body: str) -> None:
    """Store a converted body, and forget all but the newest few (a cache, so no fsync)."""
    try:
        atomic.write_bytes(file, body.encode("utf-8"), replace=True, durable=False)
        old = sorted(file.parent.glob("*.html"), key=lambda f: f.stat().st_mtime, reverse=True)
        for stale in old[KEEP_BODIES:]:
            stale.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk only costs speed
        pass


def _anchor(record: Record) -> str:
    return "r-" + slugify(posixpath.splitext(record.path)[0], max_length=None)


def _contents(sections: Iterable[Section]) -> list[tuple[str, list[Section]]]:
    """Sections grouped by part, in order, for the table of contents."""
    groups: list[tuple[str, list[Section]]] = []
    for section in sections:
        if not groups or groups[-1][0] != section.part:
            groups.append((section.part, []))
        groups[-1][1].append(section)
    return groups


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:`` in page margins)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _css_content(template: str, **values: str) -> str:
    """A locale text with ``{placeholders}`` as CSS ``content`` tokens: ``"Pagina " counter(page)``."""
    tokens = []
    for literal, name in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
        if literal:
            tokens.append(_css_string(literal))
        if name:
            tokens.append(values[name])
    return " ".join(tokens)
