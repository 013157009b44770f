"""The ``ifms`` MkDocs plugin: reads the portfolio, adds its pages, keeps YAML out of the site.

Everything about the portfolio itself (validation, pages, texts) is in the :mod:`ifms` core;
this module only maps MkDocs events onto it. It uses the public MkDocs 1.6 API only, so the
ProperDocs fork runs it unchanged.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from importlib import resources
from pathlib import Path
from typing import Literal

from ifms.charts.cache import ChartCache, ChartJob
from ifms.handout import pdf as pdf_engine
from ifms.handout.document import Handout, MarkdownSetup
from ifms.handout.selection import HandoutOptions
from ifms.records.load import load_portfolio
from ifms.i18n.locale import Locale
from ifms.records.model import PageRecord
from ifms.pages.renderer import REQUIRED_EXTENSIONS, PageRenderer, page_path
from ifms.records.portfolio import Portfolio
from ifms.privacy.scan import Finding, ScanCache, report, scan_portfolio
from ifms.problems import PortfolioInvalid
from mkdocs_ifms.search_index import merge_search_index
from ifms.options import Options, OptionsInvalid, read_options
from mkdocs_ifms.site_files import SiteFiles
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .config import IfmsConfig

log = logging.getLogger("mkdocs.plugins.ifms")

STYLESHEET = "assets/ifms/ifms.css"


class DeferredFile(File):
    """A file MkDocs knows of (so links to it are checked) but that the plugin writes itself,
    at the end of the build, because it is still being drawn while the pages are built."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class IfmsPlugin(BasePlugin[IfmsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str = "build"
        self.options = Options()
        self.settings = Options()
        """The options as this build uses them (``lang`` and ``today`` decided)."""
        self.options_problem: OptionsInvalid | None = None
        self.locale = Locale()
        self.renderer: PageRenderer | None = None
        self.handout: Handout | None = None
        self.handout_html: dict = {}
        self.print_body: tuple[str, str] | None = None
        self.page_records: dict[str, PageRecord] = {}
        self.page_kinds: dict[str, str] = {}
        self.chart_cache: ChartCache | None = None
        self.chart_job: ChartJob | None = None
        self.site_files: SiteFiles | None = None
        self.cache_folder = Path(".cache/ifms")
        self.read_cache: dict = {}
        self.privacy_cache: ScanCache = {}
        self.privacy_pages: dict[str, list[Finding]] = {}
        self.dirty = False
        self.search_docs: list[dict] | None = None
        self.page_urls: set[str] = set()
        self.rebuilt_pages: set[str] = set()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object and its caches across serve rebuilds.
        self.command = command
        self.dirty = dirty

    def load_config(self, options: dict, config_file_path: str | None = None):
        """Validate the options with the core's model; a problem is told in ``on_config``,
        where the theme's language is known."""
        errors, warnings = super().load_config({}, config_file_path)
        self.options_problem = None
        try:
            self.options = read_options(options)
        except OptionsInvalid as invalid:
            self.options_problem = invalid
        return errors, warnings

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        theme_language = config.theme.get("language") if config.theme else None
        self.locale = Locale(self.options.language(theme_language))
        source = Path(config.config_file_path).name
        try:
            if self.options_problem is not None:
                raise self.options_problem
            self.settings = self.options.settled(theme_language=theme_language)
        except OptionsInvalid as invalid:
            raise PluginError(invalid.render(Locale(self.locale.lang), source)) from None
        for name in self.options.deprecated:
            log.warning(self.locale.t("options.deprecated", option=name, value=getattr(self.options.rules, name),
                                      source=source))
        if self.command == "serve":
            self._refuse_public_address(config)
            if self._pdf_asked():
                log.info(self.locale.t("handout.serve_skipped"))
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions and f"markdown.extensions.{name}" not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        cache = self.cache_folder = Path(config.config_file_path).parent / self.settings.cache_dir
        charts = cache / "charts" if self.settings.cache else None
        if self.chart_cache is None or self.chart_cache.folder != charts:
            self.chart_cache = ChartCache(charts, session=self.command == "serve")
        self.chart_cache.prepare()  # on a first build, a worker starts importing matplotlib
        self.site_files = SiteFiles(cache / "site") if self.settings.cache else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        try:
            portfolio = load_portfolio(Path(config.docs_dir), cache=self.read_cache)
        except PortfolioInvalid as invalid:
            raise PluginError(invalid.render(self.locale)) from None
        for warning in portfolio.warnings:
            log.warning(warning.render(self.locale))
        self.privacy_pages = (self._privacy_scan(Path(config.docs_dir), portfolio)
                              if self.settings.privacy_check else {})

        for path in portfolio.data_files:
            # The YAML records are data for the pages, not files to publish.
            file = files.get_file_from_path(path)
            if file is not None:
                file.inclusion = InclusionLevel.EXCLUDED

        self.renderer = PageRenderer(portfolio, self.settings, templates_dir=self._templates_dir(config),
                                     cache_dir=self.cache_folder / "templates" if self.settings.cache else None)
        try:
            pages = self.renderer.generated_pages()
        except PortfolioInvalid as invalid:
            raise PluginError(invalid.render(self.locale)) from None
        self.handout = None
        self.print_body = None
        if self.settings.print_page or self._pdf_wanted():
            self.handout = Handout(self.renderer, HandoutOptions.from_options(self.settings),
                                   MarkdownSetup(tuple(config.markdown_extensions), dict(config.mdx_configs)),
                                   converted=self.handout_html,
                                   cache_dir=self.cache_folder / "handout" if self.settings.cache else None)
            if self.settings.print_page:
                try:
                    pages[self.settings.print_page] = self._print_page(config, self.handout)
                except PortfolioInvalid as invalid:  # e.g. an error in an own template
                    raise PluginError(invalid.render(self.locale)) from None
        for path in pages:
            if files.get_file_from_path(path) is not None:
                raise PluginError(self.locale.t("build.page_taken", path=path))
        for path in pages.keys() & self.privacy_pages.keys():  # a YAML record's page
            pages[path] = self.renderer.with_privacy_warning(pages[path], self.privacy_pages[path], path)
        assert self.chart_cache is not None
        self._close_chart_job()
        self.chart_job = self.renderer.start_charts(
            self.chart_cache, self.handout.charts if self.handout else (),
            alongside=len(files.documentation_pages()) + len(pages))
        log.debug("ifms: %d chart(s) drawn: %s", len(self.chart_cache.drawn), ", ".join(self.chart_cache.drawn))
        for path in self.chart_job.paths:
            # Drawn in the background while MkDocs builds the pages; written in on_post_build.
            files.append(DeferredFile.generated(config, path, content=b""))
        stylesheet = resources.files("ifms").joinpath("assets").joinpath("ifms.css").read_bytes()
        generated = {**pages, STYLESHEET: stylesheet}
        for path, content in generated.items():
            files.append(self._generated(config, path, content))
        if self.site_files is not None:
            self.site_files.keep_only(set(generated))
        self.page_urls = {file.url for file in files.documentation_pages()}
        self.rebuilt_pages = set()
        self.page_records = {
            page_path(record): record
            for record in portfolio.records() if isinstance(record, PageRecord)
        }
        self.page_kinds = {page_path(record): record.kind for record in portfolio.records()}
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Name record folders after what they hold, and keep long lists out of the nav.

        Material renders the whole navigation into every page, so a section with hundreds
        of reflections makes a build quadratic. A section with more records than
        ``nav_max_records`` shows only its index page, which lists them all by year.
        """
        sections = [item for item in nav.items if isinstance(item, Section)]
        while sections:
            section = sections.pop()
            sections.extend(child for child in section.children if isinstance(child, Section))
            records = [child for child in section.children
                       if isinstance(child, Page) and child.file.src_uri in self.page_kinds]
            kinds = {self.page_kinds[page.file.src_uri] for page in records}
            if len(kinds) == 1:
                section.title = self.locale.t(f"nav.{kinds.pop()}")
            if len(records) > self.settings.nav_max_records:
                hidden = {id(page) for page in records}  # identity: Page.__eq__ is slow
                section.children = [child for child in section.children if id(child) not in hidden]
                for page in records:
                    page.parent = None
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.renderer is None:
            return None
        here = page.file.src_uri
        record = self.page_records.get(here)
        try:
            if record is not None:
                markdown = self.renderer.with_header(record, markdown)
            elif page.is_homepage and self.settings.home_summary and self.settings.evidence_page:
                markdown = self.renderer.home_summary(markdown, here)
            if here in self.privacy_pages and page.file.generated_by is None:
                markdown = self.renderer.with_privacy_warning(markdown, self.privacy_pages[here], here)
        except PortfolioInvalid as invalid:
            raise PluginError(invalid.render(self.locale)) from None
        return markdown

    def _privacy_scan(self, docs: Path, portfolio: Portfolio) -> dict[str, list[Finding]]:
        """Log what the privacy scan finds (while writing, not only at the commit: what git
        stores once, it keeps); return the findings by the site page that shows the file."""
        scan = scan_portfolio(docs, cache=self.privacy_cache)
        if scan.findings:
            log.warning("\n".join(report(scan.findings, self.locale)))
        records = portfolio.by_path()
        found_on: dict[str, list[Finding]] = {}
        for path, found in scan.by_file.items():
            relative = path.relative_to(docs).as_posix()
            found_on[page_path(records[relative]) if relative in records else relative] = found
        return found_on

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """The print page gets its body, which is HTML already (see Handout.site_page)."""
        if self.print_body and page.file.src_uri == self.settings.print_page:
            placeholder, body = self.print_body
            return html.replace(placeholder, body, 1)
        return None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer | None:
        templates = self._templates_dir(config)
        if templates.is_dir():
            server.watch(str(templates))
        return server

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        self.rebuilt_pages.add(page.url)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the charts drawn meanwhile; keep the search index whole after a dirty
        rebuild (see ifms.search_index)."""
        charts: dict[str, bytes] = {}
        if self.chart_job is not None:
            charts = self.chart_job.result()
            for path, svg in charts.items():
                target = Path(config.site_dir) / path
                if not target.is_file():  # the name holds the content hash: same name, same picture
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(svg)
            self.chart_job = None
        if self.handout is not None and self._pdf_wanted():
            self._write_pdf(config, self.handout, charts)
        index = Path(config.site_dir) / "search" / "search_index.json"
        self.search_docs = merge_search_index(
            index, self.search_docs if self.dirty else None, self.rebuilt_pages, self.page_urls)

    def on_build_error(self, *, error: Exception) -> None:
        self._close_chart_job()

    def on_shutdown(self) -> None:
        self._close_chart_job()
        if self.chart_cache is not None:
            self.chart_cache.close()

    def _close_chart_job(self) -> None:
        if self.chart_job is not None:
            self.chart_job.close()
            self.chart_job = None

    def _pdf_asked(self) -> bool:
        return self.settings.pdf or os.environ.get("IFMS_PDF", "").lower() in ("1", "true", "yes", "ja")

    def _pdf_wanted(self) -> bool:
        """A PDF in this build: asked for, and not in ``mkdocs serve`` (every edit would wait)."""
        return self._pdf_asked() and self.command != "serve"

    def _print_page(self, config: MkDocsConfig, handout: Handout) -> str:
        """The handout as a page of the site; its pictures are found from the page's URL."""
        page_url = File.generated(config, self.settings.print_page, content="").url

        def image_source(path: str, fragment: str) -> str:
            return get_relative_url(path, page_url) + fragment

        pdf_link = get_relative_url(self.settings.pdf_file, page_url) if self._pdf_wanted() else None
        page, placeholder, body = handout.site_page(image_source, f"site:{page_url}", pdf_link=pdf_link)
        self.print_body = (placeholder, body)
        for problem in handout.problems:
            log.warning(self.locale.t("handout.markdown_fallback", detail=problem))
        return page

    def _write_pdf(self, config: MkDocsConfig, handout: Handout, charts: dict[str, bytes]) -> None:
        """The handout as a PDF in the site folder; never a failed build for a missing engine."""
        target = Path(config.site_dir) / self.settings.pdf_file
        private = handout.privacy_scan()
        if private.has_errors:
            log.warning("\n".join([*report(private.findings, self.locale), self.locale.t("handout.bsn_refused")]))
            return
        try:
            rendered = pdf_engine.render(handout.document(charts, Path(config.docs_dir)), Path(config.docs_dir))
        except pdf_engine.PdfEngineMissing as missing:
            log.warning(self.locale.t("handout.engine_missing", detail=missing.detail))
            return
        except PortfolioInvalid as invalid:
            raise PluginError(invalid.render(self.locale)) from None
        pdf_engine.write(rendered, target, replace=True)
        log.info(self.locale.t("handout.written", path=target, pages=rendered.pages))

    def _generated(self, config: MkDocsConfig, path: str, content: str | bytes) -> File:
        """A generated file; backed by an unchanged cache file when possible (see SiteFiles)."""
        if self.site_files is None:
            return File.generated(config, path, content=content)
        return File.generated(config, path, abs_src_path=str(self.site_files.put(path, content)))

    def _templates_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.settings.templates_dir

    def _refuse_public_address(self, config: MkDocsConfig) -> None:
        """The portfolio is private: ``mkdocs serve`` only on this computer (127.0.0.1)."""
        host = config.dev_addr.host
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise PluginError(self.locale.t("build.not_loopback", host=host))
