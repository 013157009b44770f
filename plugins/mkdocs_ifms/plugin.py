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
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as front_matter

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
from .preview import (
    NOT_FOUND_YET,
    PREVIEW,
    DirtyPreview,
    digest,
    empty_folder,
    error_html,
    error_title,
    quiet_dirty_warning,
    watch_quicker,
)
from .safety import refuse_public_address, refuse_publishing, titles_as_text
from .search_index import merge_search_index, spaced_cells
from .site_files import DeferredFile, SiteFiles, generated_file, write_charts
from .theme import speak_the_language
from .theme_cache import MemoryBytecodeCache, theme_bytecode_cache

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
        self.preview: DirtyPreview | None = None  # mkdocs serve --dirty (see mkdocs_ifms.preview)
        self.error: str | None = None  # mkdocs serve: the data error every page shows now
        self.nav: Navigation | None = None
        self.full_build = True
        self.showed_error = False
        self._files = Files([])
        self.compiled_templates = MemoryBytecodeCache()
        self.sources_read: dict[str, tuple[tuple, str, str]] = {}  # path -> (stat, text, Markdown)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object and its caches across serve rebuilds.
        self.command, self.dirty = command, dirty
        if command == "serve" and dirty:
            self.preview = DirtyPreview()
            quiet_dirty_warning()

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
        self.error = None
        try:
            if self.options_problem is not None:
                raise self.options_problem
            self.settings = self.options.settled(theme_language=theme_language)
        except OptionsInvalid as invalid:
            if self.command != "serve":
                raise PluginError(invalid.render(self.locale, source)) from None
            refuse_public_address(config.dev_addr.host, self.locale)
            self.error = invalid.render(self.locale, source)  # shown in every page (on_files)
            return config
        for notice in self.options.deprecation_notices(self.locale, source):
            log.warning(notice)
        speak_the_language(config, self.options, self.settings)
        refuse_publishing(self.command, self.settings.allow_gh_deploy, self.locale)
        if self.command == "serve":
            refuse_public_address(config.dev_addr.host, self.locale)
            if self.plan is None and not self.showed_error:  # the first build of this preview
                log.info(self.locale.t("preview.first_build"), extra={PREVIEW: True})
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
        if self.error is not None:
            return self._error_site(files, config)
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
        except (PortfolioInvalid, PageTaken) as invalid:
            message = invalid.message if isinstance(invalid, PageTaken) else invalid.render(self.locale)
            if self.command != "serve":
                raise PluginError(message) from None
            self.error = message  # while previewing: every page says it, the server goes on
            return self._error_site(files, config)
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
        self.full_build = self.preview.start(config, files, plan.pages) if self.preview is not None else True
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav, self._files = nav, files
        if self.error is not None:  # the error page alone, without a menu
            nav.items = []
            for page in nav.pages:
                page.previous_page = page.next_page = None
            return nav
        if self.plan is not None:
            shape_sections(nav, self.plan, self.settings.nav_max_records, own_nav=config.nav is not None)
        if self.preview is not None and not self.full_build:
            self.preview.settle_unread(files, self._unread_sources(files))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.error is not None:
            page.meta["title"] = error_title(self.locale)
            return ""  # the page's content is the error (on_page_content)
        if self.plan is None:
            return None
        try:
            made = self._page_markdown(page, markdown)
        except PortfolioInvalid as invalid:  # an error in one of the specialist's templates
            if self.command != "serve":
                raise PluginError(invalid.render(self.locale)) from None
            self.error = invalid.render(self.locale)  # every page shows it (on_env)
            log.error(self.error, extra={PREVIEW: True})
            page.meta["title"] = error_title(self.locale)
            return ""
        if self.preview is not None:
            self.preview.page_read(page, page.file.content_string, made)
        return made

    def _page_markdown(self, page: Page, markdown: str) -> str:
        assert self.plan is not None
        return self.plan.page_markdown(page.file.src_uri, markdown, is_homepage=page.is_homepage,
                                       generated=page.file.generated_by is not None)

    def _unread_sources(self, files: Files) -> dict[str, str]:
        """For each page MkDocs' dirty build would not read: its file and what the plugin makes
        of it, as a digest (see mkdocs_ifms.preview). A file is read again when its size, time
        or inode changed (as git's index does); what the plugin makes of it, every time."""
        made = {}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.page is None or file.is_modified():
                continue
            try:
                source, markdown = self._source_of(file)
                made[file.src_uri] = digest(source, self._page_markdown(file.page, markdown))
            except (OSError, ValueError, PortfolioInvalid):
                continue  # read by MkDocs, which tells what is wrong
        return made

    def _source_of(self, file: File) -> tuple[str, str]:
        """The file's text and its Markdown without the front matter."""
        if file.abs_src_path is None:
            source = file.content_string
            return source, front_matter.get_data(source)[0]
        status = Path(file.abs_src_path).stat()
        key = (file.abs_src_path, status.st_mtime_ns, status.st_size, status.st_ino)
        known = self.sources_read.get(file.abs_src_path)
        if known is None or known[0] != key:
            source = file.content_string
            known = (key, source, front_matter.get_data(source)[0])
            self.sources_read[file.abs_src_path] = known
        return known[1], known[2]

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's templates compiled once (see mkdocs_ifms.theme_cache); while previewing,
        every page whose menu or neighbours changed is read again now (MkDocs writes it, see
        mkdocs_ifms.preview)."""
        if env.bytecode_cache is None:
            theme = config.theme.name if config.theme else None
            env.bytecode_cache = theme_bytecode_cache(
                theme, self._cache_dir(config) if self.settings.cache else None, self.compiled_templates)
        if self.error is not None and self.plan is not None:
            self._error_pages(config, files)  # an error while the pages were read
        if self.preview is None or self.nav is None or self.error is not None:
            return env
        for page in self.preview.pages_to_redo(self.nav, files):
            self._read_page(page, config, files)
        return env

    @staticmethod
    def _read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
        """What MkDocs does to read a page, through the public API (every plugin's events)."""
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """What a record says is text (titles) and links nowhere that runs (see safety); the
        print page gets its body, which is HTML already (see PrintPage)."""
        if self.error is not None:
            return error_html(self.error, self.locale)
        titles_as_text(page)
        html = without_unsafe_links(html)
        printed = self.plan.print_page if self.plan is not None else None
        if printed is not None and page.file.src_uri == printed.path:
            html = html.replace(printed.placeholder, printed.body, 1)
        return spaced_cells(html)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        templates = self._root(config) / self.settings.templates_dir
        if templates.is_dir():
            server.watch(str(templates))
        watch_quicker(server, [config.docs_dir, config.config_file_path])
        log.info(self.locale.t("preview.serving", url=server.url), extra={PREVIEW: True})
        return server

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """While the portfolio has an error, the page for an address that is not there says it
        instead of "not found" (the page may well be there once the error is fixed)."""
        if self.error is not None and template_name == "404.html":
            heading = output_content.find("<h1")
            end = output_content.find("</article>", heading)
            if heading >= 0:
                rest = output_content[end:] if end >= 0 else output_content[heading:]
                return output_content[:heading] + error_html(self.error, self.locale) + NOT_FOUND_YET + rest
        return output_content

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
        if self.plan is not None and self.settings.statement and self.command != "serve":
            written, message = self.plan.write_statement(Path(config.site_dir) / self.settings.statement_file)
            (log.info if written else log.warning)(message)
        index = Path(config.site_dir) / "search" / "search_index.json"
        self.search_docs = merge_search_index(
            index, self.search_docs if self.dirty and not self.full_build else None, self.rebuilt_pages,
            self.page_urls)
        if self.preview is not None:
            if self.error is not None:
                self.preview.failed()
            else:
                self.preview.finish(self.nav, self._files)
        if self.command == "serve" and self.error is None and self.showed_error:
            log.info(self.locale.t("preview.recovered"), extra={PREVIEW: True})
        self.showed_error = self.error is not None

    def on_build_error(self, *, error: Exception) -> None:
        self._close_chart_job()
        if self.preview is not None:
            self.preview.failed()

    def on_shutdown(self) -> None:
        self._close_chart_job()
        if self.chart_cache is not None:
            self.chart_cache.close()

    def _error_site(self, files: Files, config: MkDocsConfig) -> Files:
        """While previewing, a data error: every page of the site (the specialist's and the ones
        the plugin made last) says what ``ifms check`` says, so nothing waits for a good build,
        and the browser shows the portfolio again by itself once the file is fixed."""
        assert self.error is not None
        log.error(self.error, extra={PREVIEW: True})
        self.plan = None
        self._close_chart_job()
        if self.preview is not None:
            empty_folder(Path(config.site_dir))  # a dirty build would keep the last pages
            generated = self.preview.generated
        else:
            generated = set()
        docs = Path(config.docs_dir).resolve()
        for file in files:
            if not file.is_documentation_page() and Path(file.abs_src_path or "/").resolve().is_relative_to(docs):
                file.inclusion = InclusionLevel.EXCLUDED  # no record data copied into the site
        for path in sorted(generated):
            if path.endswith(".md") and files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=""))
        self.page_urls = {file.url for file in files.documentation_pages()}
        self.rebuilt_pages = set()
        self.full_build = True
        return files

    def _error_pages(self, config: MkDocsConfig, files: Files) -> None:
        """While previewing, an error found when the pages were read (one of the specialist's
        templates): every page shows it, as with a data error (see _error_site)."""
        assert self.error is not None
        if self.preview is not None:
            empty_folder(Path(config.site_dir))  # every page written again, none as it was
        content = error_html(self.error, self.locale)
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page = file.page
            if page is not None:
                page.title, page.meta, page.content = error_title(self.locale), {}, content
                page.toc = get_toc([])
                page.previous_page = page.next_page = None
        if self.nav is not None:
            self.nav.items = []
        self.full_build = True

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
