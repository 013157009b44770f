"""Drawn charts kept by content hash, in memory and in ``.cache/ifms/charts`` outside site/.

On a warm cache no chart is drawn and matplotlib is not even imported. On a cold cache the
missing charts are drawn concurrently (matplotlib's object-oriented API, no pyplot state).
The in-memory copy survives ``mkdocs serve`` rebuilds because the plugin keeps this object.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from . import SCHEMES, Chart

log = logging.getLogger(__name__)


@dataclass
class ChartCache:
    folder: Path | None
    """None: memory only (nothing written to disk)."""
    memory: dict[str, bytes] = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    """Names of the charts drawn by the last :meth:`render` (for logs and tests)."""

    def render(self, charts: list[Chart], workers: int = 2) -> dict[str, bytes]:
        """Site path -> SVG for every chart in both schemes, drawing only what is missing."""
        wanted = [(chart, scheme, chart.key(scheme)) for chart in charts for scheme in SCHEMES]
        found: dict[str, bytes] = {}
        missing = []
        for chart, scheme, key in wanted:
            svg = self._get(key)
            if svg is None:
                missing.append((chart, scheme, key))
            else:
                found[key] = svg
        self.drawn = [f"{chart.name}.{scheme}" for chart, scheme, _ in missing]
        if missing:
            from .draw import draw, drawing_context

            with drawing_context(), ThreadPoolExecutor(max_workers=workers) as pool:
                futures = [(key, pool.submit(draw, chart, scheme)) for chart, scheme, key in missing]
                for key, future in futures:
                    found[key] = future.result()
                    self._put(key, found[key])
        self._forget_all_but({key for _, _, key in wanted})
        return {chart.path(scheme): found[key] for chart, scheme, key in wanted}

    def _get(self, key: str) -> bytes | None:
        if key in self.memory:
            return self.memory[key]
        if self.folder is not None:
            file = self.folder / f"{key}.svg"
            if file.is_file():
                self.memory[key] = file.read_bytes()
                return self.memory[key]
        return None

    def _put(self, key: str, svg: bytes) -> None:
        self.memory[key] = svg
        if self.folder is not None:
            try:
                atomic.write_bytes(self.folder / f"{key}.svg", svg, replace=True, durable=False)
            except OSError as error:  # a read-only or full disk only costs speed
                log.debug("chart cache not written: %s", error)

    def _forget_all_but(self, keys: set[str]) -> None:
        """Drop charts no page uses any more, so the cache does not grow for ever."""
        for key in set(self.memory) - keys:
            del self.memory[key]
        if self.folder is not None and self.folder.is_dir():
            for file in self.folder.glob("*.svg"):
                if file.stem not in keys:
                    file.unlink(missing_ok=True)
