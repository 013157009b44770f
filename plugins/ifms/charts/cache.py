"""Drawn charts kept by content hash, in memory and in ``.cache/ifms/charts`` outside site/.

On a warm cache no chart is drawn and matplotlib is not even imported. On a cold cache the
missing charts are drawn concurrently (matplotlib's object-oriented API, no pyplot state).
The in-memory copy survives ``mkdocs serve`` rebuilds because the plugin keeps this object.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from ifms import atomic
from ifms.charts import VARIANTS, Chart, split_variant, variant
from ifms.charts.palette import recolour
from ifms.charts.worker import Worker, draw_light

log = logging.getLogger(__name__)


CHARTS_PER_WORKER = 8
"""In ``mkdocs serve``, fewer charts are drawn in the serving process itself (see
:attr:`ChartCache.session`)."""
CHARTS_PER_EXTRA_WORKER = 40
"""Charts that make another worker worth its start (each pays ~0.4 s to import matplotlib)."""
PAGES_PER_CHART = 6
"""A worker draws one chart in about the time MkDocs and Material render six pages (60 ms
against 9 ms a page, measured on the 30-year portfolio): that many pages hide one drawing."""


def worker_count(charts: int, alongside: int, cpus: int) -> int:
    """How many worker processes to draw ``charts`` while MkDocs renders ``alongside`` pages.

    One worker, on the core MkDocs leaves free, while the pages take longer than the drawing.
    Only the drawing that would outlast the pages gets more workers, and never more than
    there are cores: a worker that has to share a core with MkDocs slows the pages down by
    as much as it draws (a 30-year portfolio doubled built 1.5 s slower with two workers).
    """
    outlasting = max(0, charts - alongside // PAGES_PER_CHART)
    return max(1, min(cpus, 1 + outlasting // CHARTS_PER_EXTRA_WORKER))


Drawing = tuple[Chart, str]
"""A chart and its layout (``wide``, ``narrow``): what a worker draws, in the light palette."""


def _start_workers(
    to_draw: dict[str, Drawing], spare: Worker | None, alongside: int
) -> tuple[list[Worker], dict[str, tuple[Worker, int]]]:
    """Worker processes drawing ``to_draw`` between them, and where each drawing will be
    (light key -> worker, place in its batch); none where no process can be started.

    Processes, because drawing is Python code that holds the GIL; how many, see
    :func:`worker_count`.
    """
    items = list(to_draw.items())
    count = worker_count(len(items), alongside, os.cpu_count() or 1)
    workers: list[Worker] = []
    pending: dict[str, tuple[Worker, int]] = {}
    for index in range(count):
        share = items[index::count]
        worker = spare if index == 0 and spare is not None else Worker.launch()
        if worker is not None and worker.send([drawing for _, drawing in share]):
            workers.append(worker)
            pending.update((key, (worker, place)) for place, (key, _) in enumerate(share))
    return workers, pending


@dataclass
class ChartJob:
    """Charts being drawn in the background; :meth:`result` waits for them.

    Started early in a build and collected at its end, so drawing runs in another process
    while MkDocs renders the pages ("submit early, join late", as Material's social plugin).
    """

    cache: ChartCache
    wanted: list[tuple[Chart, str, str]]
    """(chart, variant, key) of every picture the pages show."""
    found: dict[str, bytes]
    to_draw: dict[str, Drawing]
    """Light key of a layout -> (chart, layout), for the drawings the cache lacks."""
    workers: list[Worker] = field(default_factory=list)
    pending: dict[str, tuple[Worker, int]] = field(default_factory=dict)
    """Light key -> the worker drawing it and its place in that worker's batch."""

    @property
    def paths(self) -> list[str]:
        return [chart.path(name) for chart, name, _ in self.wanted]

    def result(self, *, prune: bool = True) -> dict[str, bytes]:
        """Site path -> SVG of every chart, every variant (both layouts, both palettes).

        ``prune``: forget cached charts that were not asked for (the site build, which asks
        for every chart; not ``ifms pdf``, which asks for a few)."""
        outcomes = {key: _outcome(self.pending.get(key)) for key in self.to_draw}
        self.close()
        # No worker, or it failed: draw here, only slower.
        light = {key: draw_light(*self.to_draw[key]) if svg is None else svg for key, svg in outcomes.items()}
        for chart, name, key in self.wanted:
            if key not in self.found:
                layout, scheme = split_variant(name)
                base_key = chart.key(variant(layout, "light"))
                base = self.found.get(base_key) or light[base_key]
                self.found[key] = base if scheme == "light" else recolour(base, scheme)
                self.cache._put(key, self.found[key])
        if prune:
            self.cache._forget_all_but({key for _, _, key in self.wanted})
        return {chart.path(name): self.found[key] for chart, name, key in self.wanted}

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []


def _outcome(drawing: tuple[Worker, int] | None) -> bytes | None:
    """The SVG a worker drew, or None: no worker, or it failed."""
    if drawing is None:
        return None
    worker, place = drawing
    return worker.result(place)


@dataclass
class ChartCache:
    folder: Path | None
    """None: memory only (nothing written to disk)."""
    memory: dict[str, bytes] = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    """Names of the charts the last :meth:`start` had to draw (for logs and tests)."""
    session: bool = False
    """True in ``mkdocs serve``: a few charts are drawn in this process, at the end of the
    build, so matplotlib is imported once per session, not once per rebuild."""
    spare: Worker | None = None
    """A worker started before the charts were known (see :meth:`prepare`)."""

    def prepare(self) -> None:
        """On a first build (nothing cached), start a worker now: it imports matplotlib
        (0.4 s) while MkDocs goes on and the portfolio is loaded, and :meth:`start` hands
        it the charts."""
        if self.spare is None and not self.memory and not self._has_files():
            self.spare = Worker.launch()

    def close(self) -> None:
        if self.spare is not None:
            self.spare.stop()
            self.spare = None

    def start(self, charts: list[Chart], *, alongside: int = 0) -> ChartJob:
        """Begin drawing what the cache lacks, in a worker process; return at once.

        ``alongside``: pages MkDocs renders before it asks for the result (0: asked at once).
        Only the light variant of each layout is drawn; the dark one is a recoloured copy.
        """
        wanted = [(chart, name, chart.key(name)) for chart in charts for name in VARIANTS]
        found = {key: svg for _, _, key in wanted if (svg := self._get(key)) is not None}
        missing = [(chart, name) for chart, name, key in wanted if key not in found]
        self.drawn = [f"{chart.name}.{name}" for chart, name in missing]
        to_draw: dict[str, Drawing] = {}
        for chart, name in missing:
            layout = split_variant(name)[0]
            base_key = chart.key(variant(layout, "light"))
            if base_key not in found:
                to_draw[base_key] = (chart, layout)
        job = ChartJob(self, wanted, found, to_draw)
        spare, self.spare = self.spare, None
        here = self.session and len(to_draw) < CHARTS_PER_WORKER
        if to_draw and (spare is not None or not here):
            job.workers, job.pending = _start_workers(to_draw, spare, alongside)
        elif spare is not None:
            spare.stop()
        return job

    def _has_files(self) -> bool:
        return self.folder is not None and self.folder.is_dir() and any(self.folder.glob("*.svg"))

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
