"""What a worker process runs. Kept apart from :mod:`.draw` so that handing work to a worker
does not import matplotlib in the process that hands it over."""

from __future__ import annotations

from . import Chart


def draw_light(chart: Chart) -> bytes:
    """Draw the light variant of ``chart`` with the chart settings applied."""
    from .draw import draw, drawing_context

    with drawing_context():
        return draw(chart, "light")

