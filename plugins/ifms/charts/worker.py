"""A process that draws charts while MkDocs builds the pages.

It imports matplotlib at once, then reads a pickled list of (chart, layout) on stdin and writes
back a pickled list of their light SVGs (None for one it could not draw: the parent draws that one
itself, and so reports the error). A plain subprocess rather than :mod:`multiprocessing`:
``spawn`` starts a second helper process (the resource tracker), runs the parent's
``__main__`` again (for the ``mkdocs`` script: MkDocs and click), and waits at the end for the
worker to tear matplotlib down; together about a third of a second of a cold build.

Kept apart from :mod:`.draw` so that handing work to a worker does not import matplotlib in
the process that hands it over.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import subprocess
import sys
import threading

from ifms.charts import Chart

log = logging.getLogger(__name__)


def draw_light(chart: Chart, layout: str = "wide") -> bytes:
    """Draw the light variant of ``chart`` in ``layout`` with the chart settings applied."""
    from ifms.charts.draw import draw, drawing_context

    with drawing_context():
        return draw(chart, "light", layout)


# The cyclic garbage collector is off from the start: importing matplotlib and drawing
# create many objects and few cycles, and the process is short-lived (5 % faster).
_BOOTSTRAP = ("import gc; gc.disable(); import sys; sys.path[:] = sys.argv[1:]; "
              "from ifms.charts.worker import main; main()")
COLLECT_EVERY = 16
"""Charts between two garbage collections in a worker, to bound its memory on a long batch."""


class Worker:
    """One worker process; :meth:`send` hands it charts, :meth:`result` waits for them."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.results: list[bytes | None] | None = None

    @classmethod
    def launch(cls) -> Worker | None:
        """Start a worker process, which imports matplotlib and then waits for charts;
        None where no process can be started."""
        if not sys.executable:
            return None
        try:
            # With this process's module path, as multiprocessing's spawn does, so the
            # worker runs this very package.
            process = subprocess.Popen([sys.executable, "-c", _BOOTSTRAP, *sys.path],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError as error:
            log.debug("no worker process: %s", error)
            return None
        return cls(process)

    def send(self, charts: list[tuple[Chart, str]]) -> bool:
        """Hand over the charts to draw (at once: the worker reads them while it imports)."""
        try:
            stdin = self.process.stdin
            assert stdin is not None  # opened with PIPE
            stdin.write(pickle.dumps(charts, protocol=pickle.HIGHEST_PROTOCOL))
            stdin.close()
            return True
        except OSError as error:
            log.debug("worker process did not take the charts: %s", error)
            self.stop()
            return False

    def result(self, place: int) -> bytes | None:
        """The SVG of the chart at ``place`` in the batch (waiting for the whole batch), or
        None if the process failed or could not draw that chart."""
        if self.results is None:
            self.results = self._collect() or []
        return self.results[place] if place < len(self.results) else None

    def _collect(self) -> list[bytes | None] | None:
        try:
            stdout = self.process.stdout
            assert stdout is not None  # opened with PIPE
            output = stdout.read()
            stdout.close()
            code = self.process.wait()
            results = pickle.loads(output) if code == 0 else None
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            log.debug("worker process failed: %s", error)
            results = None
        self.stop()
        return results

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


def main() -> None:
    received: list[bytes] = []
    # Read the charts while matplotlib is imported, so a parent never waits on a full pipe.
    reader = threading.Thread(target=lambda: received.append(sys.stdin.buffer.read()))
    reader.start()
    output = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not end up among the pictures
    _skip_property_docs()
    from ifms.charts.draw import draw, drawing_context

    gc.freeze()  # what is imported stays; a collection then only looks at the drawings
    reader.join()
    if not received[0]:  # the parent had nothing to draw after all, or stopped
        os._exit(0)
    charts: list[tuple[Chart, str]] = pickle.loads(received[0])
    results: list[bytes | None] = []
    with drawing_context():
        for index, (chart, layout) in enumerate(charts, 1):
            try:
                results.append(draw(chart, "light", layout))
            except Exception:  # noqa: BLE001 - the parent draws it again and reports the error
                results.append(None)
            if index % COLLECT_EVERY == 0:
                gc.collect()
    output.write(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    output.flush()
    sys.stderr.flush()
    # Skip tearing down the interpreter and matplotlib (about 0.2 s): nothing is left to
    # clean up, and the parent is waiting for the end of this process.
    os._exit(0)


def _skip_property_docs() -> None:
    """Import matplotlib without writing the property lists into its docstrings.

    At import, matplotlib lists every property of every Artist class in the docstring of its
    ``set()`` (with :func:`matplotlib.artist.kwdoc`): a fifth of the import, about 0.1 s, and
    nobody reads a docstring in this process. Only text that help() shows changes.
    """
    import matplotlib.artist

    if callable(getattr(matplotlib.artist, "kwdoc", None)):
        matplotlib.artist.kwdoc = lambda artist: ""


if __name__ == "__main__":
    main()
