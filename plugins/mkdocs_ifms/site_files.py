"""Generated files in the site: pages backed by cache files that change only with their content,
and charts that are drawn while the pages are built and written at the end.

MkDocs' dirty rebuild (``mkdocs serve --dirty``) rebuilds a page only when its source is newer
than its output. In-memory pages always count as changed; a file whose content (and so its
modification time) stays the same does not, so an edit to one reflection rebuilds that page
and the few generated pages whose content really changed, not all of them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ifms import atomic


class SiteFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, path: str, content: str | bytes) -> Path:
        """The file for ``path`` with ``content``; its time changes only when the content does."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = self.folder / path
        try:
            if target.is_file() and target.read_bytes() == data:
                return target
        except OSError:
            pass
        atomic.write_bytes(target, data, replace=True, durable=False)
        return target

    def keep_only(self, paths: set[str]) -> None:
        """Remove files of pages and charts that are no longer generated."""
        if not self.folder.is_dir():
            return
        for file in self.folder.rglob("*"):
            if file.is_file() and file.relative_to(self.folder).as_posix() not in paths:
                file.unlink(missing_ok=True)


class DeferredFile(File):
    """A file MkDocs knows of (so links to it are checked) but that the plugin writes itself,
    at the end of the build, because it is still being drawn while the pages are built."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def generated_file(config: MkDocsConfig, path: str, content: str | bytes, site_files: SiteFiles | None) -> File:
    """A generated file; backed by an unchanged cache file when possible (see above)."""
    if site_files is None:
        return File.generated(config, path, content=content)
    return File.generated(config, path, abs_src_path=str(site_files.put(path, content)))


def write_charts(site_dir: Path, charts: dict[str, bytes]) -> None:
    """The charts drawn during the build, into the site (see DeferredFile)."""
    for path, svg in charts.items():
        target = site_dir / path
        if not target.is_file():  # the name holds the content hash: same name, same picture
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(svg)
