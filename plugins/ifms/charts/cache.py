"""Drawn charts kept by content hash, in memory and in ``.cache/ifms/charts`` outside site/.

On a warm cache no chart is drawn and matplotlib is not even imported. On a cold cache the
missing charts are drawn concurrently (matplotlib's object-oriented API, no pyplot state).
The in-memory copy survives ``mkdocs serve`` rebuilds because the plugin keeps this object.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from . import SCHEMES, Chart

log = logging.getLogger(__name__)

# Below this many charts a second process costs more (0.7 s to import matplotlib) than it saves.
PARALLEL_FROM = 8


def _draw_all(charts: dict[str, Chart]) -> dict[str, bytes]:
    """Draw the light variant of each chart: in worker processes when there are many.

    Processes, not threads: drawing is Python code that holds the GIL. ``spawn`` keeps the
    workers clean of MkDocs' own threads (the file watcher of ``mkdocs serve``).
    """
    from .draw import draw, draw_alone, drawing_context

    workers = min(len(charts) // PARALLEL_FROM + 1, os.cpu_count() or 1)
    if workers > 1:
        context = multiprocessing.get_context("spawn")
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                return dict(zip(charts, pool.map(draw_alone, charts.values())))
        except (BrokenProcessPool, OSError, RuntimeError) as error:
            # E.g. a build started from a script without an ``if __name__ == "__main__"``
            # guard: spawned workers cannot start there. Drawing here is only slower.
            log.debug("drawing charts in this process: %s", error)
    with drawing_context():
        return {key: draw(chart, "light") for key, chart in charts.items()}


@dataclass
class ChartCache:
    folder: Path | None
    """None: memory only (nothing written to disk)."""
    memory: dict[str, bytes] = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    """Names of the charts drawn by the last :meth:`render` (for logs and tests)."""

    def render(self, charts: list[Chart]) -> dict[str, bytes]:
        """Site path -> SVG for every chart in both schemes, drawing only what is missing.

        Only the light variant is drawn; the others are recoloured copies of it.
        """
        wanted = [(chart, scheme, chart.key(scheme)) for chart in charts for scheme in SCHEMES]
        found = {key: svg for _, _, key in wanted if (svg := self._get(key)) is not None}
        missing = [(chart, scheme, key) for chart, scheme, key in wanted if key not in found]
        self.drawn = [f"{chart.name}.{scheme}" for chart, scheme, _ in missing]
        if missing:
            from .draw import recolour

            to_draw = {chart.key("light"): chart for chart, _, _ in missing}
            light = {key: found.get(key) for key in to_draw}
            light.update(_draw_all({k: c for k, c in to_draw.items() if light[k] is None}))
            for chart, scheme, key in missing:
                base = light[chart.key("light")]
                found[key] = base if scheme == "light" else recolour(base, scheme)
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
