"""Material's templates compiled once, not in every build and every preview rebuild.

MkDocs makes a new Jinja environment for every build, so the theme's 43 templates were parsed
and compiled again each time (about a third of a preview rebuild of the example). Jinja's own
bytecode cache keeps the compiled code: per template (its name and file), checked against a
digest of the template's source, so an edited template (a ``custom_dir`` of the specialist's,
a new theme release) is compiled again. The folder is named after the theme's and Jinja's
versions too, so an upgrade never reads code another version wrote. Without the plugin's cache
folder (``cache: false``) it is kept in memory, for the preview's rebuilds.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates for the life of this process."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def theme_bytecode_cache(theme_name: str | None, cache_dir: Path | None,
                         memory: MemoryBytecodeCache) -> BytecodeCache:
    """The bytecode cache for this build's theme environment."""
    if cache_dir is None:
        return memory
    theme = f"{theme_name}-{_version('mkdocs-material')}" if theme_name == "material" else f"{theme_name}"
    folder = cache_dir / "theme" / f"{theme}-jinja-{jinja2.__version__}-mkdocs-{_version('mkdocs')}"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
