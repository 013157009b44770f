"""The live preview (``mkdocs serve --dirty``) equal to a clean build, and never stuck on an error.

MkDocs' dirty rebuild reads and writes only the pages whose source file is newer than their
output. Alone, that is wrong here in three ways: a page it does not read has no title (the menu
and the previous/next links of the pages it does write say "None"); a page whose file did not
change can still show something else now (a record's header, the home page's summary, the
privacy warning of its file, the menu, its neighbours' titles); and a changed ``mkdocs.yml``
or a file added or removed (a link that now resolves, or no longer does) changes any page.

:class:`DirtyPreview` keeps, of the last complete build, every page's title and meta, a digest of
its source and of the Markdown the plugin makes of it, the menu and its previous/next links.
Each rebuild then:

- starts from an empty site (a clean build) after ``mkdocs.yml``, the set of files, or the
  last build (an error, a failed build) changed, and for the first build;
- gives every page it will not read its title and meta of the last build, when the page's file
  and the plugin's Markdown for it are the same as then (a digest, not the file's time);
- has every other page read and written again (its output removed, so MkDocs sees it as
  changed), and, once all titles are known, every page whose menu or previous/next link differs
  from the last build's.

What a page's HTML is made of is then the same as in the last build for every page not written,
so the site equals a clean build. The search index is made whole in mkdocs_ifms.search_index.

A data error while previewing does not stop the server (MkDocs would hold every request until a
build succeeds): :func:`error_html` is the page every URL of the site then shows, with the messages
``ifms check`` gives, and the browser reloads by itself once the file is fixed.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from watchdog.observers.polling import PollingObserver

from ifms.i18n.locale import Locale

PREVIEW = "ifms_preview"
"""A log record with this attribute set is one the quiet preview shows (see mkdocs_ifms.serve)."""

DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs' warning about --dirty, which the plugin makes untrue."""


def digest(*parts: str) -> str:
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass"))
        hashed.update(b"\x00")
    return hashed.hexdigest()


def _meta_text(meta: Mapping) -> str:
    return json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False)


@dataclass
class PageState:
    source: str
    """Digest of the page's file and of the Markdown the plugin made of it."""
    title: str | None
    meta: dict
    frame: str
    """Digest of its previous and next page (title, address, meta)."""


@dataclass
class DirtyPreview:
    """What is known of the last complete build of this ``mkdocs serve --dirty`` (see above)."""

    pages: dict[str, PageState] = field(default_factory=dict)
    menu: str | None = None
    config: str | None = None
    files: str | None = None
    valid: bool = False
    """The last build was complete and showed the portfolio (not an error page)."""
    generated: set[str] = field(default_factory=set)
    """The pages the plugin generated in the last good build (shown with an error meanwhile)."""
    # This build:
    full: bool = True
    sources: dict[str, str] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)

    def start(self, config: MkDocsConfig, files: Files, generated: Iterable[str] = ()) -> bool:
        """A new build with these files; empties the site for a clean build when the last one
        cannot be built on. Returns whether this build is a full (clean) one."""
        config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        config_digest = hashlib.blake2b(config_text, digest_size=16).hexdigest()
        files_digest = digest(*sorted(file.src_uri for file in files
                                      if file.generated_by is None or file.is_documentation_page()))
        self.full = not self.valid or config_digest != self.config or files_digest != self.files
        self.config, self.files = config_digest, files_digest
        self.sources, self.read = {}, set()
        self.generated = set(generated) or self.generated
        if self.full:
            empty_folder(Path(config.site_dir))
            self.pages, self.menu = {}, None
        return self.full

    def failed(self) -> None:
        """This build showed an error or failed: the next one starts from an empty site."""
        self.valid = False
        self.pages, self.menu = {}, None

    def page_read(self, page: Page, source: str, markdown: str) -> None:
        """MkDocs read ``page`` (``source``: its file) and the plugin made ``markdown`` of it."""
        self.sources[page.file.src_uri] = digest(source, markdown)
        self.read.add(page.file.src_uri)

    def settle_unread(self, files: Files, made: dict[str, str]) -> None:
        """Before MkDocs reads the pages: the pages it would skip get their last title and
        meta, or are written again when their file or the plugin's Markdown changed.
        ``made``: src_uri -> (file, the plugin's Markdown) digest, for the skipped pages."""
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.is_modified():
                continue
            state = self.pages.get(file.src_uri)
            now = made.get(file.src_uri)
            if self.full or state is None or now is None or now != state.source:
                remove_output(file)
                continue
            self.sources[file.src_uri] = now
            if file.page is not None:
                file.page.title = state.title
                file.page.meta = dict(state.meta)

    def pages_to_redo(self, nav: Navigation, files: Files) -> list[Page]:
        """Once every page is read: the pages not read whose menu or previous/next link
        changed. Their output is removed (MkDocs writes them again); the plugin reads them."""
        if self.full:
            return []
        menu = menu_digest(nav)
        redo = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page = file.page
            if page is None or file.src_uri in self.read:
                continue
            state = self.pages.get(file.src_uri)
            if menu != self.menu or state is None or state.frame != frame_digest(page):
                remove_output(file)
                redo.append(page)
        return redo

    def finish(self, nav: Navigation | None, files: Files) -> None:
        """The build is complete: remember it."""
        if nav is None:
            return
        self.menu = menu_digest(nav)
        pages = {}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page, before = file.page, self.pages.get(file.src_uri)
            if page is None or file.src_uri not in self.sources:
                continue
            if file.src_uri in self.read or before is None:
                title, meta = page.title, dict(page.meta)
            else:  # not read (a page outside the menu keeps no title then): as last time
                title, meta = before.title, before.meta
            pages[file.src_uri] = PageState(self.sources[file.src_uri], title, meta, frame_digest(page))
        self.pages = pages
        self.valid = True


def menu_digest(nav: Navigation) -> str:
    """Digest of the whole menu as Material draws it in every page."""

    def walk(items: list) -> list:
        out: list = []
        for item in items:
            if isinstance(item, Page):
                out.append(("page", item.title, item.url, _meta_text(item.meta), item.is_homepage))
            elif isinstance(item, Section):
                out.append(("section", item.title, walk(item.children)))
            elif isinstance(item, Link):
                out.append(("link", item.title, item.url))
        return out

    return digest(json.dumps(walk(nav.items), default=str, ensure_ascii=False))


def frame_digest(page: Page) -> str:
    """Digest of what a page shows of others besides the menu: its previous and next page."""
    parts = []
    for other in (page.previous_page, page.next_page):
        parts += ["-"] if other is None else [str(other.title), other.url, _meta_text(other.meta)]
    ancestors = [str(section.title) for section in page.ancestors]
    return digest(*parts, *ancestors)


def remove_output(file: File) -> None:
    """MkDocs' dirty build writes a page again when its output is missing."""
    Path(file.abs_dest_path).unlink(missing_ok=True)


def empty_folder(folder: Path) -> None:
    """Everything in ``folder`` removed (the server keeps serving the folder itself)."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


WATCH_INTERVAL = 0.1
"""Seconds between two looks at the portfolio's files while previewing (MkDocs: 0.5)."""


def watch_quicker(server: LiveReloadServer, paths: Iterable[str | None]) -> None:
    """Let the preview's file watcher look every WATCH_INTERVAL seconds instead of MkDocs'
    half second (a saved file is seen 0.2 s sooner, on average). MkDocs polls the files
    (that works on every file system); so does this, only more often. ``paths``: what MkDocs
    watches so far; when it watches more (``--watch-theme``), its watcher is left as it is."""
    observer = server.observer
    watched = [os.path.abspath(path) for path in paths if path]  # noqa: PTH100 (as MkDocs names them)
    if (not isinstance(observer, PollingObserver) or observer.is_alive()
            or {emitter.watch.path for emitter in observer.emitters} != set(watched)):
        return
    for path in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=WATCH_INTERVAL)
    for path in watched:
        server.watch(path)


def error_html(message: str, locale: Locale) -> str:
    """The page every address shows while the portfolio has an error: what ``ifms check``
    says (file, line, field, how to fix it), as text, wrapped on a narrow screen."""
    return (
        f'<h1>{html.escape(locale.t("preview.error_title"))}</h1>\n'
        '<div class="admonition danger ifms-preview-error" role="alert">\n'
        f'<p>{html.escape(locale.t("preview.error_intro"))}</p>\n'
        f'<pre style="white-space: pre-wrap"><code>{html.escape(message)}</code></pre>\n'
        f'<p>{html.escape(locale.t("preview.error_recovers"))}</p>\n'
        "</div>\n"
    )


NOT_FOUND_YET = (
    "<script>setInterval(function () { fetch(location.href, {cache: 'no-store'})"
    ".then(function (answer) { if (answer.ok) location.reload(); }, function () {}); }, 1000);</script>\n")
"""In the "not found" page while the portfolio has an error: MkDocs gives that page no live
reload, and the page may be there once the error is fixed, so it looks every second."""


def error_title(locale: Locale) -> str:
    return locale.t("preview.error_title")


def quiet_dirty_warning() -> None:
    """Keep MkDocs' warning that a dirty build is inaccurate out of the terminal: with the
    plugin it is not (see above)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(known, _DropDirtyWarning) for known in logger.filters):
        logger.addFilter(_DropDirtyWarning())


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)
