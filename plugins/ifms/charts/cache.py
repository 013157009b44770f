"""Drawn charts kept by content hash, in memory and in ``.cache/ifms/charts`` outside site/.

On a warm cache no chart is drawn and matplotlib is not even imported. On a cold cache the
missing charts are drawn concurrently (matplotlib's object-oriented API, no pyplot state).
The in-memory copy survives ``mkdocs serve`` rebuilds because the plugin keeps this object.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from . import SCHEMES, Chart
from .palette import recolour
from .worker import draw_light

log = logging.getLogger(__name__)


CHARTS_PER_WORKER = 8


def _worker_pool(count: int) -> ProcessPoolExecutor | None:
    """Worker processes for ``count`` drawings, or None where none can be started.

    Processes, because drawing is Python code that holds the GIL; ``spawn``, because the
    parent may run threads (the file watcher of ``mkdocs serve``). One worker leaves the
    other core to MkDocs; a large batch gets more.
    """
    workers = max(1, min((os.cpu_count() or 1), 1 + count // CHARTS_PER_WORKER))
    try:
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, NotImplementedError) as error:
        log.debug("no worker processes: %s", error)
        return None

@dataclass
class ChartJob:
    """Charts being drawn in the background; :meth:`result` waits for them.

    Started early in a build and collected at its end, so drawing runs in another process
    while MkDocs renders the pages ("submit early, join late", as Material's social plugin).
    """

    cache: ChartCache
    wanted: list[tuple[Chart, str, str]]
    """(chart, scheme, key) of every picture the pages show."""
    found: dict[str, bytes]
    to_draw: dict[str, Chart]
    """Light key -> chart, for the drawings the cache lacks."""
    pool: ProcessPoolExecutor | None = None
    pending: dict[str, Future] = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return [chart.path(scheme) for chart, scheme, _ in self.wanted]

    def result(self, *, prune: bool = True) -> dict[str, bytes]:
        """Site path -> SVG of every chart, both palettes.

        ``prune``: forget cached charts that were not asked for (the site build, which asks
        for every chart; not ``ifms pdf``, which asks for a few)."""
        light = {key: _outcome(self.pending.get(key)) for key in self.to_draw}
        self.close()
        for key, svg in light.items():
            if svg is None:  # no worker, or it failed: draw here, only slower
                light[key] = draw_light(self.to_draw[key])
        for chart, scheme, key in self.wanted:
            if key not in self.found:
                base = self.found.get(chart.key("light")) or light[chart.key("light")]
                self.found[key] = base if scheme == "light" else recolour(base, scheme)
                self.cache._put(key, self.found[key])
        if prune:
            self.cache._forget_all_but({key for _, _, key in self.wanted})
        return {chart.path(scheme): self.found[key] for chart, scheme, key in self.wanted}

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _outcome(future: Future | None) -> bytes | None:
    if future is None:
        return None
    try:
        return future.result()
    except (BrokenProcessPool, OSError, RuntimeError) as error:
        # E.g. a build started from a script without an ``if __name__ == "__main__"``
        # guard, where spawned workers cannot start.
        log.debug("drawing a chart in this process instead: %s", error)
        return None


@dataclass
class ChartCache:
    folder: Path | None
    """None: memory only (nothing written to disk)."""
    memory: dict[str, bytes] = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    """Names of the charts the last :meth:`start` had to draw (for logs and tests)."""
    def start(self, charts: list[Chart]) -> ChartJob:
        """Begin drawing what the cache lacks, in a worker process; return at once.

        Only the light variant is drawn; the others are recoloured copies of it.
        """
        wanted = [(chart, scheme, chart.key(scheme)) for chart in charts for scheme in SCHEMES]
        found = {key: svg for _, _, key in wanted if (svg := self._get(key)) is not None}
        missing = [(chart, scheme) for chart, scheme, key in wanted if key not in found]
        self.drawn = [f"{chart.name}.{scheme}" for chart, scheme in missing]
        to_draw = {chart.key("light"): chart for chart, _ in missing
                   if chart.key("light") not in found}
        job = ChartJob(self, wanted, found, to_draw)
        if len(to_draw) >= CHARTS_PER_WORKER:
            # A few charts are drawn here, at the end of the build: in ``mkdocs serve``
            # matplotlib is then imported once per session, not once per rebuild.
            job.pool = _worker_pool(len(to_draw))
            if job.pool is not None:
                job.pending = {key: job.pool.submit(draw_light, chart) for key, chart in to_draw.items()}
        return job

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
