"""The site plan: everything a site engine needs from the portfolio, computed in the core.

One object answers every question an engine asks: which pages to add (path -> Markdown),
which record files to keep out of the site, which charts to draw, what header and warnings
each Markdown page of the specialist gets, what the privacy scan found per page, and the
print page. The MkDocs plugin maps MkDocs' events onto it; ``ifms export-site`` writes it as a
plain Markdown site for an engine that runs no MkDocs plugins (Zensical); ``ifms pdf`` uses its
handout. None of them holds domain logic of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from ifms.charts import Chart
from ifms.handout import pdf as pdf_engine
from ifms.handout.document import Handout, MarkdownSetup
from ifms.handout.selection import HandoutOptions
from ifms.i18n.locale import Locale
from ifms.options import Options
from ifms.pages import renderer as page_renderer
from ifms.pages.renderer import PageRenderer, page_path
from ifms.privacy.scan import Finding, Scan, ScanCache, report, scan_portfolio
from ifms.problems import PortfolioInvalid, Problem
from ifms.records.load import ReadCache, load_portfolio
from ifms.records.model import PageRecord
from ifms.records.portfolio import Portfolio
from ifms.report.analysis import analyse
from ifms.site_plan.urls import page_url, relative_url

STYLESHEET = "assets/ifms/ifms.css"
"""Where the plan's stylesheet goes in the site; every engine adds it as extra CSS."""


class PageTaken(Exception):
    """A page the plan generates exists already as a file of the specialist's (never
    overwritten); ``message`` says which, in their language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class PlanCaches:
    """What a long-lived engine (``mkdocs serve``) keeps between builds, so an edit re-reads
    and re-scans only the files that changed. Every cache is keyed by what it was made from,
    so a cached build ends equal to a clean one."""

    read: ReadCache = field(default_factory=dict)
    privacy: ScanCache = field(default_factory=dict)
    handout_html: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PrintPage:
    """The handout as a page of the site: Markdown with a placeholder, and the HTML body that
    takes its place once the engine has converted the Markdown (the body is HTML already;
    converting half a megabyte of it again would only cost time)."""

    path: str
    markdown: str
    placeholder: str
    body: str

    def complete(self) -> str:
        """The page as one Markdown document, the body as raw HTML (for a plain site)."""
        return self.markdown.replace(self.placeholder, self.body, 1)


@dataclass(frozen=True)
class SiteSetup:
    """What the plan needs to know of the site it is for."""

    templates_dir: Path | None = None
    cache_dir: Path | None = None
    """The plugin's cache folder (``.cache/ifms``); None: nothing kept on disk."""
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    use_directory_urls: bool = True
    pdf_in_site: bool = False
    """A PDF of the handout is written into the site (the print page links it)."""
    handout: bool = False
    """A handout even when the site has no print page and no PDF (``ifms pdf``)."""


class SitePlan:
    """The portfolio in ``docs_dir`` as a site, for one build with settled options."""

    def __init__(self, docs_dir: Path, options: Options, setup: SiteSetup | None = None,
                 caches: PlanCaches | None = None) -> None:
        """Load and judge the portfolio; :class:`~ifms.problems.PortfolioInvalid` on errors
        (here, or when a page is made: an error in one of the specialist's own templates)."""
        self.docs_dir = Path(docs_dir)
        self.options = options
        self.setup = setup = setup or SiteSetup()
        self.caches = caches = caches or PlanCaches()
        self.locale = Locale(options.lang)
        # A record whose page would be one the plan makes is refused by the loader, naming both.
        self.portfolio: Portfolio = load_portfolio(self.docs_dir, cache=caches.read,
                                                   generated_pages=options.named_pages())
        self.warnings: list[Problem] = self.portfolio.warnings
        _notice_new_templates(setup.templates_dir)
        self.renderer = PageRenderer(analyse(self.portfolio, options), templates_dir=setup.templates_dir,
                                     cache_dir=_under(setup.cache_dir, "templates"))
        records = self.portfolio.records()
        self.page_records: dict[str, PageRecord] = {
            page_path(record): record for record in records if isinstance(record, PageRecord)}
        self.page_kinds: dict[str, str] = {page_path(record): record.kind for record in records}

    # The rest is made when first asked for: ``ifms pdf`` needs only the handout.

    @cached_property
    def privacy_scan(self) -> Scan | None:
        """What the privacy scan finds in the portfolio's files (None: ``privacy_check`` off)."""
        return scan_portfolio(self.docs_dir, cache=self.caches.privacy) if self.options.privacy_check else None

    @cached_property
    def privacy(self) -> dict[str, list[Finding]]:
        """The findings of each file, by the page that shows it (a YAML record's page)."""
        if self.privacy_scan is None:
            return {}
        records = self.portfolio.by_path()
        found: dict[str, list[Finding]] = {}
        for file, findings in self.privacy_scan.by_file.items():
            relative = file.relative_to(self.docs_dir).as_posix()
            found[page_path(records[relative]) if relative in records else relative] = findings
        return found

    @cached_property
    def handout(self) -> Handout | None:
        """The handout for the gespreksleider, when the site has a print page or a PDF."""
        if not (self.options.print_page or self.setup.pdf_in_site or self.setup.handout):
            return None
        return Handout(self.renderer, HandoutOptions.from_options(self.options), self.setup.markdown,
                       converted=self.caches.handout_html, cache_dir=_under(self.setup.cache_dir, "handout"))

    @cached_property
    def print_page(self) -> PrintPage | None:
        return self._print_page() if self.options.print_page and self.handout else None

    @cached_property
    def pages(self) -> dict[str, str]:
        """Every page the plan adds to the site: path in the site's source -> Markdown."""
        pages = self.renderer.generated_pages()
        if self.print_page is not None:
            pages[self.print_page.path] = self.print_page.markdown
        for path in pages.keys() & self.privacy.keys():  # a YAML record's page
            pages[path] = self.renderer.with_privacy_warning(pages[path], self.privacy[path], path)
        return pages

    # --- what an engine asks for ----------------------------------------------------------

    @property
    def excluded(self) -> list[str]:
        """Files of the portfolio that are data for the pages, not files to publish."""
        return list(self.portfolio.data_files)

    @property
    def charts(self) -> list[Chart]:
        """Every chart the pages and the handout show, each once."""
        wanted = [*self.renderer.charts.values(), *(self.handout.charts if self.handout else ())]
        return list({chart.key("light"): chart for chart in wanted}.values())

    @staticmethod
    def stylesheet() -> bytes:
        return resources.files("ifms").joinpath("assets").joinpath("ifms.css").read_bytes()

    def refuse_taken(self, existing: Callable[[str], bool]) -> None:
        """:class:`PageTaken` if a page the plan adds is a file of the specialist's already."""
        for path in self.pages:
            if existing(path):
                raise PageTaken(self.locale.t("build.page_taken", path=path))

    def messages(self) -> list[str]:
        """What the build should tell as warnings before any page is made (so they are told
        even when a page then fails): portfolio warnings (a YAML file without ``kind``) and
        what the privacy scan found."""
        told = [warning.render(self.locale) for warning in self.warnings]
        if self.privacy_scan is not None and self.privacy_scan.findings:
            told.append("\n".join(report(self.privacy_scan.findings, self.locale)))
        return told

    def handout_messages(self) -> list[str]:
        """Markdown extensions of the site that the handout could not load (known once the
        print page is made)."""
        problems = self.handout.problems if self.handout is not None else []
        return [self.locale.t("handout.markdown_fallback", detail=problem) for problem in problems]

    def write_pdf(self, target: Path, charts: dict[str, bytes]) -> tuple[bool, str]:
        """The handout as a PDF at ``target`` (replacing the site's previous one); (written,
        what to tell). Refused with a BSN in its files; a missing PDF engine is told, never a
        failed site build."""
        assert self.handout is not None
        try:
            rendered = pdf_engine.make(self.handout, charts, self.docs_dir)
        except pdf_engine.PdfRefused as refused:
            return False, "\n".join([*report(refused.scan.findings, self.locale), self.locale.t("handout.bsn_refused")])
        except pdf_engine.PdfEngineMissing as missing:
            return False, self.locale.t("handout.engine_missing", detail=missing.detail)
        pdf_engine.write(rendered, target, replace=True)
        return True, self.locale.t("handout.written", path=target, pages=rendered.pages)

    def write_statement(self, target: Path) -> tuple[bool, str]:
        """The participation statement at ``target`` (replacing the site's previous one);
        (written, what to tell). Without a complete trajectory, with a BSN in its files or
        without the PDF engine it is told, never a failed site build."""
        from ifms.handout import statement

        try:
            rendered = statement.make(self.renderer, self.renderer.evidence, self.docs_dir)
        except statement.NoCompleteTrajectory:
            return False, self.locale.t("statement.none")
        except PortfolioInvalid as invalid:  # an error in the specialist's own template
            return False, invalid.render(self.locale)
        except pdf_engine.PdfRefused as refused:
            told = [*report(refused.scan.findings, self.locale), self.locale.t("statement.bsn_refused")]
            return False, "\n".join(told)
        except pdf_engine.PdfEngineMissing as missing:
            return False, self.locale.t("handout.engine_missing", detail=missing.detail)
        pdf_engine.write(rendered, target, replace=True)
        return True, self.locale.t("statement.written", path=target, count=len(statement.participations(
            self.renderer.evidence)))

    def page_markdown(self, path: str, markdown: str, *, is_homepage: bool, generated: bool = False) -> str:
        """A Markdown page as the site shows it: a record page with its header, the home page
        with the re-registration summary (also when it is generated: ``overview_page:
        index.md``), and on one of the specialist's own pages what the privacy scan found in
        its file (a generated page has it already, see :attr:`pages`)."""
        record = self.page_records.get(path)
        if record is not None:
            markdown = self.renderer.with_header(record, markdown)
        elif is_homepage and self.options.home_summary and self.options.evidence_page:
            markdown = self.renderer.home_summary(markdown, path)
        if path in self.privacy and not generated:
            markdown = self.renderer.with_privacy_warning(markdown, self.privacy[path], path)
        return markdown

    def section_title(self, paths: Iterable[str]) -> str | None:
        """The navigation title of a folder whose records are all of one kind."""
        kinds = {self.page_kinds[path] for path in paths if path in self.page_kinds}
        return self.locale.t(f"nav.{kinds.pop()}") if len(kinds) == 1 else None

    def is_record_page(self, path: str) -> bool:
        return path in self.page_kinds

    # --- how -------------------------------------------------------------------------------

    def _print_page(self) -> PrintPage:
        """The print page; its pictures are found from the page's own URL."""
        assert self.handout is not None
        path = self.options.print_page
        here = page_url(path, self.setup.use_directory_urls)

        def image_source(target: str, fragment: str) -> str:
            return relative_url(target, here) + fragment

        pdf_link = relative_url(self.options.pdf_file, here) if self.setup.pdf_in_site else None
        markdown, placeholder, body = self.handout.site_page(image_source, f"site:{here}", pdf_link=pdf_link)
        return PrintPage(path, markdown, placeholder, body)


_TEMPLATE_FILES: dict[Path | None, tuple[str, ...] | None] = {}


def _notice_new_templates(templates_dir: Path | None) -> None:
    """A template added to the specialist's template folder (or the folder itself) while
    ``mkdocs serve`` runs is used from the next build on, as in a clean build: the page
    renderer keeps its Jinja environment across builds, and Jinja would go on using the
    standard template it loaded before (it only notices edits of the file it loaded)."""
    names = (tuple(sorted(path.name for path in templates_dir.iterdir()))
             if templates_dir is not None and templates_dir.is_dir() else None)
    if _TEMPLATE_FILES.get(templates_dir, names) != names:
        page_renderer._environment.cache_clear()  # the renderer's own cache of environments
    _TEMPLATE_FILES[templates_dir] = names


def _under(folder: Path | None, name: str) -> Path | None:
    return folder / name if folder is not None else None
