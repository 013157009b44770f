"""Drawing charts with matplotlib. Imported only when a chart is missing from the cache.

Object-oriented API only (``Figure``, no pyplot), so charts can be drawn in threads. Text
stays text (``svg.fonttype: none``) and output is byte-stable (fixed hash salt, no date).

Every picture has the fixed width of its layout (:data:`WIDTH`), laid out by matplotlib's
constrained layout rather than cropped, so the stylesheet can give it a width in ``rem`` at
which its text is as large as the caption under it (``ifms.css``, ``figure.ifms-chart``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib import dates as mdates
from matplotlib import transforms
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ifms.charts import Chart
from ifms.charts.palette import PALETTES

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

FONT_SIZE = 11
"""Points of every text in a chart. At the widths ``ifms.css`` gives the pictures (34rem wide,
17.9rem narrow) a point is 1.34 CSS px at Material's 20 px root size: 14.8 px, the size of the
caption and of the tables beside it (0.7rem)."""
WIDTH = {"wide": 7.0, "narrow": 3.72}
"""Inches: the laptop's content column (680 px at 20 px a rem) and a 390 px phone's (358 px)."""

SVG_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none", "svg.hashsalt": "ifms-portfolio", "font.family": "sans-serif",
    "font.size": FONT_SIZE, "axes.titlesize": FONT_SIZE, "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE, "ytick.labelsize": FONT_SIZE, "legend.fontsize": FONT_SIZE,
    "figure.constrained_layout.h_pad": 0.04, "figure.constrained_layout.w_pad": 0.04,
    "text.parse_math": False}  # a POP titled "$x$ besparen" is text, not mathematics

LANE_COLOURS = {"registration": 0, "abroad": 4, "feedback": 1, "pop": 3, "ifms": 2, "visitation": 6}
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "h"]
"""A shape per group or series as well as a colour, for readers who cannot tell the colours
apart (and for the PDF printed in grey)."""


@contextmanager
def drawing_context():
    """matplotlib settings for every chart; set once around a batch, not per thread."""
    with matplotlib.rc_context(SVG_RC):
        yield


def draw(chart: Chart, scheme: str = "light", layout: str = "wide") -> bytes:
    palette = PALETTES[scheme]
    figure = DRAWERS[chart.kind](chart.data, palette, layout == "narrow")
    _style(figure, palette)
    FigureCanvasSVG(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()


def _figure(layout_narrow: bool, height: float) -> Figure:
    return Figure(figsize=(WIDTH["narrow" if layout_narrow else "wide"], height), layout="constrained")


def _style(figure: Figure, palette: dict) -> None:
    for axes in figure.axes:
        axes.tick_params(colors=palette["text"], which="both")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            axes.spines[side].set_color(palette["muted"])
        axes.title.set_color(palette["text"])
        axes.xaxis.label.set_color(palette["text"])
        axes.yaxis.label.set_color(palette["text"])
    legends = [*figure.legends, *(axes.get_legend() for axes in figure.axes)]
    for legend in legends:
        if legend is None:
            continue
        legend.get_frame().set_alpha(0)
        for text in legend.get_texts():
            text.set_color(palette["text"])


def _legend_below(figure: Figure, narrow: bool, handles: list[Artist] | None = None,
                  labels: list[str] | None = None, columns: int = 3) -> None:
    """The legend under the plot, where it takes no width from it (a phone has none to spare)."""
    if handles is None or labels is None:
        handles, labels = figure.axes[0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="outside lower left", ncols=min(len(handles), 1 if narrow else columns),
                      frameon=False, handlelength=1.6, columnspacing=1.2, borderaxespad=0.2)


def _number_formatter(decimal: str, suffix: str = "") -> FuncFormatter:
    def fmt(value: float, _position: Any) -> str:
        text = f"{value:g}".replace(".", decimal)
        return f"{text}{suffix}"
    return FuncFormatter(fmt)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _data_range(values: list[float], low: float, high: float, step: float) -> tuple[float, float]:
    """An axis on the data's range, in whole steps, within the scale: differences of a few
    tenths are not squashed into a corner of the whole scale."""
    if not values:
        return low, high
    bottom = max(low, step * ((min(values) - step * 0.25) // step))
    top = min(high, -step * ((-max(values) - step * 0.25) // step))
    if top - bottom < step:
        bottom, top = max(low, bottom - step), min(high, top + step)
    return bottom, top


def _year_axis(axes: Axes, narrow: bool) -> None:
    locator = mdates.AutoDateLocator(minticks=2, maxticks=4 if narrow else 8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _labels_above(axes: Axes, rows: list[tuple[float, str]], offset: float, palette: dict) -> None:
    """Row labels over their rows, from the left edge (a phone has no width for them beside)."""
    spot = transforms.blended_transform_factory(axes.transAxes, axes.transData)
    for y, label in rows:
        axes.text(0, y + offset, label, transform=spot, ha="left", va="bottom", color=palette["text"],
                  clip_on=False)
    axes.set_yticks([])


# --- the kinds of chart -----------------------------------------------------------------------


def timeline(data: dict, palette: dict, narrow: bool) -> Figure:
    """Lanes of periods (bars) and moments (markers) on one date axis, today marked."""
    lanes = data["lanes"]
    step = 0.62 if narrow else 0.4
    figure = _figure(narrow, step * len(lanes) + 0.8)
    axes = figure.add_subplot()
    rows = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    thickness = 0.36 if narrow else 0.6
    for item in data["items"]:
        y = rows[item["lane"]]
        colour = palette["series"][LANE_COLOURS[item["lane"]]]
        start = _day(item["start"])
        if item["end"]:
            left = mdates.date2num(start)
            width = mdates.date2num(_day(item["end"]) + timedelta(days=1)) - left
            axes.broken_barh([(left, width)], (y - thickness / 2, thickness), facecolors=colour,
                             alpha=0.35 if item["kind"] == "earlier" else 0.85)
        else:
            hollow = item["kind"] in ("existing", "training")
            marker = "D" if item["lane"] == "ifms" else "s" if item["kind"] == "training" else "o"
            axes.plot([start], [y], marker=marker, markersize=6 if narrow else 8, linestyle="none",
                      markerfacecolor="none" if hollow else colour, markeredgecolor=colour,
                      markeredgewidth=1.5)
    today = _day(data["today"])
    axes.axvline(today, color=palette["text"], linewidth=1.2, linestyle="--")
    axes.annotate(data["today_label"], xy=(today, len(lanes) - 0.45), xytext=(-3, 0),
                  textcoords="offset points", va="bottom", ha="right", color=palette["text"],
                  annotation_clip=False)
    labelled = [(y, data["lane_labels"][lane]) for lane, y in rows.items()]
    if narrow:
        _labels_above(axes, labelled, thickness / 2 + 0.02, palette)
    else:
        axes.set_yticks([y for y, _ in labelled], [label for _, label in labelled])
    axes.set_ylim(-0.6, len(lanes) - 0.2 + (0.3 if narrow else 0))
    _year_axis(axes, narrow)
    axes.grid(axis="x", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    return figure


def competency_trend(data: dict, palette: dict, narrow: bool) -> Figure:
    """The others' average per competency over the rounds, as % of each round's scale, on
    the range of the data (the axis label says which range of the scale it shows)."""
    series = data["series"]
    legend_rows = len(series) if narrow else -(-len(series) // 2)
    figure = _figure(narrow, (3.0 if narrow else 3.2) + 0.24 * legend_rows)
    axes = figure.add_subplot()
    days = [_day(d) for d in data["dates"]]
    values: list[float] = []
    for index, (label, points_of) in enumerate(series):
        points = [(d, v) for d, v in zip(days, points_of, strict=True) if v is not None]
        if points:
            colour = palette["series"][index % len(palette["series"])]
            values += [p[1] for p in points]
            axes.plot([p[0] for p in points], [p[1] for p in points], marker=MARKERS[index % len(MARKERS)],
                      markersize=6, linewidth=1.6, color=colour, label=label)
    axes.set_ylim(*_data_range(values, 0, 100, 10))
    axes.yaxis.set_major_formatter(_number_formatter(data["decimal"], " %"))
    axes.set_ylabel(data["y_label"])
    _year_axis(axes, narrow)
    axes.grid(axis="y", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    _legend_below(figure, narrow, columns=2)
    return figure


def round_groups(data: dict, palette: dict, narrow: bool) -> Figure:
    """Per competency a row of dots, one per group (its colour and shape), and the
    self-assessment as a vertical stroke across the whole row: it belongs to the competency,
    not to any one group. The axis is on the range of the scores, the scale in its label."""
    labels, groups = data["competency_labels"], data["groups"]
    count = max(len(groups), 1)
    step = 0.19  # inches a group's dot takes
    gap = 0.42 if narrow else 0.14  # between competencies (on a phone, the label goes there)
    rows_height = len(labels) * (count * step + gap)
    legend_rows = (len(groups) + 1) if narrow else 1 + len(groups) // 4
    figure = _figure(narrow, rows_height + 0.75 + 0.24 * legend_rows)
    axes = figure.add_subplot()
    band = count + gap / step  # in row units
    tops = [(len(labels) - 1 - r) * band + count for r in range(len(labels))]
    values: list[float] = []
    for g, (group, scores) in enumerate(zip(groups, data["scores"], strict=True)):
        points = [(v, top - 0.5 - g) for top, v in zip(tops, scores, strict=True) if v is not None]
        values += [v for v, _ in points]
        axes.plot([v for v, _ in points], [y for _, y in points], linestyle="none",
                  marker=MARKERS[g % len(MARKERS)], markersize=7,
                  color=palette["series"][g % len(palette["series"])], label=group)
    selfs = [(top, v) for top, v in zip(tops, data["self"], strict=True) if v is not None]
    if selfs:
        values += [v for _, v in selfs]
        axes.vlines([v for _, v in selfs], [top - count - 0.05 for top, _ in selfs], [top + 0.05 for top, _ in selfs],
                    colors=palette["text"], linewidth=2.4, label=data["self_label"])
    for top in tops:  # a light band behind each competency's row, so the rows read apart
        axes.axhspan(top - count, top, color=palette["grid"], alpha=0.45, linewidth=0, zorder=0)
    low, high = data["scale"]
    axes.set_xlim(*_data_range(values, low, high, 0.5 if high - low <= 10 else 5))
    axes.xaxis.set_major_formatter(_number_formatter(data["decimal"]))
    axes.xaxis.set_major_locator(MaxNLocator(nbins=5 if narrow else 8, steps=[1, 2, 5, 10]))
    axes.set_xlabel(data["x_label"])
    axes.set_ylim(-0.2, (tops[0] if tops else count) + (gap / step if narrow else 0.2))
    if narrow:
        _labels_above(axes, [(top, label) for top, label in zip(tops, labels, strict=True)], 0.1, palette)
    else:
        axes.set_yticks([top - count / 2 for top in tops], labels)
    axes.grid(axis="x", color=palette["grid"], linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    handles, names = axes.get_legend_handles_labels()
    if selfs:  # a stroke in the legend too, not the default horizontal line
        handles[-1] = Line2D([], [], color=palette["text"], marker="|", markersize=13, markeredgewidth=2.4,
                             linestyle="none")
    _legend_below(figure, narrow, handles, names, columns=4)
    return figure


def pop_progress(data: dict, palette: dict, narrow: bool) -> Figure:
    """Per POP a stacked bar of actions done, open and dropped."""
    pops = data["pops"]
    step = 0.62 if narrow else 0.4
    figure = _figure(narrow, 1.0 + step * len(pops) + (0.5 if narrow else 0))
    axes = figure.add_subplot()
    ys = list(range(len(pops)))[::-1]
    left = [0] * len(pops)
    colours = {"done": palette["done"], "open": palette["open"], "dropped": palette["grid"]}
    height = 0.42 if narrow else 0.6
    for part in ("done", "open", "dropped"):
        values = [p[part] for p in pops]
        axes.barh(ys, values, left=left, color=colours[part], label=data["labels"][part], height=height,
                  hatch="//" if part == "dropped" else None, edgecolor=palette["muted"] if part == "dropped" else None,
                  linewidth=0)
        left = [a + b for a, b in zip(left, values, strict=True)]
    titled = [(y, p["title"]) for y, p in zip(ys, pops, strict=True)]
    if narrow:
        _labels_above(axes, titled, height / 2 + 0.04, palette)
        axes.set_ylim(-0.5, len(pops) - 0.2)
    else:
        axes.set_yticks(ys, [p["title"] for p in pops])
    axes.set_xlabel(data["x_label"])
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="x", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0)
    _legend_below(figure, narrow)
    return figure


def cme_cumulative(data: dict, palette: dict, narrow: bool) -> Figure:
    """Accredited CME hours added up over the registration window, against the norm."""
    figure = _figure(narrow, 3.3 if narrow else 3.2)
    axes = figure.add_subplot()
    start, end = _day(data["start"]), _day(data["end"])
    days = [start] + [_day(d) for d, _ in data["steps"]]
    totals = [0.0] + [t for _, t in data["steps"]]
    axes.step(days, totals, where="post", color=palette["series"][1], linewidth=2, label=data["hours_label"])
    axes.axhline(data["norm"], color=palette["norm"], linestyle="--", linewidth=1.2, label=data["norm_label"])
    today = _day(data["today"])
    if start <= today <= end:
        axes.axvline(today, color=palette["muted"], linewidth=1, linestyle=":")
    axes.set_xlim(start, end)
    axes.set_ylim(0, max(data["norm"], totals[-1]) * 1.1)
    axes.yaxis.set_major_formatter(_number_formatter(data["decimal"]))
    axes.set_ylabel(data["y_label"])
    _year_axis(axes, narrow)
    axes.grid(axis="y", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    _legend_below(figure, narrow)
    return figure


def work_hours(data: dict, palette: dict, narrow: bool) -> Figure:
    """Hours worked per calendar year, against the yearly equivalent of the weekly norm."""
    figure = _figure(narrow, 3.3 if narrow else 3.1)
    axes = figure.add_subplot()
    years = [y for y, _ in data["years"]]
    axes.bar(years, [h for _, h in data["years"]], color=palette["series"][0], label=data["hours_label"])
    axes.axhline(data["norm"], color=palette["norm"], linestyle="--", linewidth=1.2, label=data["norm_label"])
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4 if narrow else 10, integer=True))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: f"{value:.0f}"))
    axes.yaxis.set_major_formatter(_number_formatter(data["decimal"]))
    axes.set_ylabel(data["y_label"])
    axes.grid(axis="y", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    _legend_below(figure, narrow)
    return figure


DRAWERS: dict[str, Callable[[dict, dict, bool], Figure]] = {
    "timeline": timeline,
    "competency_trend": competency_trend,
    "round_groups": round_groups,
    "pop_progress": pop_progress,
    "cme_cumulative": cme_cumulative,
    "work_hours": work_hours,
}
