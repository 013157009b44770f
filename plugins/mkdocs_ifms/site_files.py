"""Generated pages and charts as files in the cache folder, rewritten only when they change.

MkDocs' dirty rebuild (``mkdocs serve --dirty``) rebuilds a page only when its source is newer
than its output. In-memory pages always count as changed; a file whose content (and so its
modification time) stays the same does not, so an edit to one reflection rebuilds that page
and the few generated pages whose content really changed, not all of them.
"""

from __future__ import annotations

from pathlib import Path

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
