"""The ``ifms`` MkDocs plugin: maps MkDocs' events onto the core's site plan.

Everything about the portfolio (validation, pages, texts, the handout) is in the :mod:`ifms`
core, in :class:`ifms.site_plan.plan.SitePlan`; this module only hands MkDocs what the plan
says, and keeps what MkDocs alone needs (generated files, nav shaping, the search index after
a dirty rebuild, charts drawn while the pages are built). Public MkDocs 1.6 API only, so the
ProperDocs fork runs it unchanged.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ifms.charts.cache import ChartCache, ChartJob
from ifms.handout.document import MarkdownSetup
from ifms.i18n.locale import Locale
from ifms.options import Options, OptionsInvalid, read_options
from ifms.pages.links import without_unsafe_links
from ifms.pages.renderer import REQUIRED_EXTENSIONS
from ifms.problems import PortfolioInvalid
from ifms.site_plan.plan import STYLESHEET, PageTaken, PlanCaches, SitePlan, SiteSetup

from .config import IfmsConfig
from .nav import shape_sections
from .safety import refuse_public_address, refuse_publishing, titles_as_text
from .search_index import merge_search_index
from .site_files import DeferredFile, SiteFiles, generated_file, write_charts
from .theme import speak_the_language

log = logging.getLogger("mkdocs.plugins.ifms")


class IfmsPlugin(BasePlugin[IfmsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.options = Options()  # as written in mkdocs.yml
        self.settings = Options()  # as this build uses them: language, day and PDF decided
        self.options_problem: OptionsInvalid | None = None
        self.locale = Locale()
        self.plan: SitePlan | None = None
        self.caches = PlanCaches()
        self.chart_cache: ChartCache | None = None
        self.chart_job: ChartJob | None = None
        self.site_files: SiteFiles | None = None
        self.search_docs: list[dict] | None = None
        self.page_urls: set[str] = set()
        self.rebuilt_pages: set[str] = set()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object and its caches across serve rebuilds.
        self.command, self.dirty = command, dirty

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """The options are validated by the core's model (as ``ifms`` does); a problem is told
        in on_config, in the theme's language."""
        errors, warnings = super().load_config({}, config_file_path)
        try:
            self.options, self.options_problem = read_options(options), None
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
            raise PluginError(invalid.render(self.locale, source)) from None
        for notice in self.options.deprecation_notices(self.locale, source):
            log.warning(notice)
        speak_the_language(config, self.options, self.settings)
        refuse_publishing(self.command, self.settings.allow_gh_deploy, self.locale)
        if self.command == "serve":
            refuse_public_address(config.dev_addr.host, self.locale)
            if self.settings.pdf:
                log.info(self.locale.t("handout.serve_skipped"))
        extensions = config.markdown_extensions
        extensions += [name for name in REQUIRED_EXTENSIONS
                       if name not in extensions and f"markdown.extensions.{name}" not in extensions]
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        charts = self._cache_dir(config) / "charts" if self.settings.cache else None
        if self.chart_cache is None or self.chart_cache.folder != charts:
            self.chart_cache = ChartCache(charts, session=self.command == "serve")
        self.chart_cache.prepare()  # on a first build, a worker starts importing matplotlib
        self.site_files = SiteFiles(self._cache_dir(config) / "site") if self.settings.cache else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        setup = SiteSetup(
            templates_dir=self._root(config) / self.settings.templates_dir,
            cache_dir=self._cache_dir(config) if self.settings.cache else None,
            markdown=MarkdownSetup(tuple(config.markdown_extensions), dict(config.mdx_configs)),
            use_directory_urls=config.use_directory_urls, pdf_in_site=self._pdf_wanted())
        try:
            self.plan = plan = SitePlan(Path(config.docs_dir), self.settings, setup, self.caches)
            for message in plan.messages():
                log.warning(message)
            plan.refuse_taken(lambda path: files.get_file_from_path(path) is not None)
        except PortfolioInvalid as invalid:
            raise PluginError(invalid.render(self.locale)) from None
        except PageTaken as taken:
            raise PluginError(taken.message) from None
        for message in plan.handout_messages():
            log.warning(message)
        for path in plan.excluded:
            file = files.get_file_from_path(path)
            if file is not None:
                file.inclusion = InclusionLevel.EXCLUDED
        assert self.chart_cache is not None
        self._close_chart_job()
        pages = len(files.documentation_pages()) + len(plan.pages)
        self.chart_job = self.chart_cache.start(plan.charts, alongside=pages)
        log.debug("ifms: %d chart(s) drawn: %s", len(self.chart_cache.drawn), ", ".join(self.chart_cache.drawn))
        for path in self.chart_job.paths:
            # Drawn in the background while MkDocs builds the pages; written in on_post_build.
            files.append(DeferredFile.generated(config, path, content=b""))
        generated: dict[str, str | bytes] = {**plan.pages, STYLESHEET: plan.stylesheet()}
        for path, content in generated.items():
            files.append(generated_file(config, path, content, self.site_files))
        if self.site_files is not None:
            self.site_files.keep_only(set(generated))
        self.page_urls = {file.url for file in files.documentation_pages()}
        self.rebuilt_pages = set()
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.plan is not None:
            shape_sections(nav, self.plan, self.settings.nav_max_records, own_nav=config.nav is not None)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.plan is None:
            return None
        try:
            return self.plan.page_markdown(page.file.src_uri, markdown, is_homepage=page.is_homepage,
                                           generated=page.file.generated_by is not None)
        except PortfolioInvalid as invalid:  # an error in one of the specialist's templates
            raise PluginError(invalid.render(self.locale)) from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """What a record says is text (titles) and links nowhere that runs (see safety); the
        print page gets its body, which is HTML already (see PrintPage)."""
        titles_as_text(page)
        html = without_unsafe_links(html)
        printed = self.plan.print_page if self.plan is not None else None
        if printed is not None and page.file.src_uri == printed.path:
            return html.replace(printed.placeholder, printed.body, 1)
        return html

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        templates = self._root(config) / self.settings.templates_dir
        if templates.is_dir():
            server.watch(str(templates))
        return server

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.rebuilt_pages.add(page.url)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the charts drawn meanwhile, and the PDF; keep the search index whole after a
        dirty rebuild (see mkdocs_ifms.search_index)."""
        charts: dict[str, bytes] = {}
        if self.chart_job is not None:
            charts = self.chart_job.result()
            write_charts(Path(config.site_dir), charts)
            self.chart_job = None
        if self.plan is not None and self.plan.handout is not None and self._pdf_wanted():
            try:
                written, message = self.plan.write_pdf(Path(config.site_dir) / self.settings.pdf_file, charts)
            except PortfolioInvalid as invalid:
                raise PluginError(invalid.render(self.locale)) from None
            (log.info if written else log.warning)(message)
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

    def _pdf_wanted(self) -> bool:
        """A PDF in this build: asked for, and not in ``mkdocs serve`` (every edit would wait)."""
        return self.settings.pdf and self.command != "serve"

    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.settings.cache_dir
