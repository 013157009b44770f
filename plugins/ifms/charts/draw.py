"""Drawing charts with matplotlib. Imported only when a chart is missing from the cache.

Object-oriented API only (``Figure``, no pyplot), so charts can be drawn in threads. Text
stays text (``svg.fonttype: none``) and output is byte-stable (fixed hash salt, no date).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

import matplotlib
from matplotlib import dates as mdates
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ifms.charts import Chart
from ifms.charts.palette import PALETTES

if TYPE_CHECKING:
    from matplotlib.ticker import MaxNLocator
    from matplotlib.typing import RcKeyType

SVG_RC: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "ifms-portfolio", "font.family": "sans-serif",
          "font.size": 9, "axes.titlesize": 10,
          "text.parse_math": False}  # a POP titled "$x$ besparen" is text, not mathematics

LANE_COLOURS = {"registration": 0, "abroad": 6, "feedback": 1, "pop": 3, "ifms": 2, "visitation": 4}


@contextmanager
def drawing_context():
    """matplotlib settings for every chart; set once around a batch, not per thread."""
    with matplotlib.rc_context(SVG_RC):
        yield


def draw(chart: Chart, scheme: str = "light") -> bytes:
    palette = PALETTES[scheme]
    figure = DRAWERS[chart.kind](chart.data, palette)
    _style(figure, palette)
    FigureCanvasSVG(figure)
    # The box that bbox_inches="tight" crops to, measured without the extra drawing of the
    # whole figure that savefig makes for "tight" (a third of the time of a chart); the
    # picture is the same.
    crop = figure.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches=crop,
                   transparent=True)
    return buffer.getvalue()


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
        legend = axes.get_legend()
        if legend is not None:
            legend.get_frame().set_alpha(0)
            for text in legend.get_texts():
                text.set_color(palette["text"])


def _number_formatter(decimal: str, suffix: str = "") -> FuncFormatter:
    def fmt(value: float, _position: Any) -> str:
        text = f"{value:g}".replace(".", decimal)
        return f"{text}{suffix}"
    return FuncFormatter(fmt)


def _day(text: str) -> date:
    return date.fromisoformat(text)


# --- the kinds of chart -----------------------------------------------------------------------


def timeline(data: dict, palette: dict) -> Figure:
    """Lanes of periods (bars) and moments (markers) on one date axis, today marked."""
    lanes = data["lanes"]
    figure = Figure(figsize=(10, 0.45 * len(lanes) + 0.9))
    axes = figure.add_subplot()
    rows = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    for item in data["items"]:
        y = rows[item["lane"]]
        colour = palette["series"][LANE_COLOURS[item["lane"]]]
        start = _day(item["start"])
        if item["end"]:
            left = mdates.date2num(start)
            width = mdates.date2num(_day(item["end"]) + timedelta(days=1)) - left
            axes.broken_barh([(left, width)], (y - 0.3, 0.6), facecolors=colour,
                             alpha=0.35 if item["kind"] == "earlier" else 0.85)
        else:
            hollow = item["kind"] in ("existing", "training")
            marker = "D" if item["lane"] == "ifms" else "s" if item["kind"] == "training" else "o"
            axes.plot([start], [y], marker=marker, markersize=8, linestyle="none",
                      markerfacecolor="none" if hollow else colour, markeredgecolor=colour,
                      markeredgewidth=1.5)
    today = _day(data["today"])
    axes.axvline(today, color=palette["text"], linewidth=1.2, linestyle="--")
    axes.annotate(data["today_label"], xy=(today, len(lanes) - 0.45), xytext=(3, 0),
                  textcoords="offset points", fontsize=8, va="bottom", color=palette["text"])
    axes.set_yticks(list(rows.values()), [data["lane_labels"][lane] for lane in rows])
    axes.set_ylim(-0.7, len(lanes) - 0.2)
    axes.xaxis.set_major_locator(mdates.YearLocator(base=max(1, len(data["years"]) // 14)))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.grid(axis="x", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    return figure


def competency_trend(data: dict, palette: dict) -> Figure:
    """The others' average per competency over the rounds, as % of each round's scale."""
    figure = Figure(figsize=(9, 4))
    axes = figure.add_subplot()
    days = [_day(d) for d in data["dates"]]
    for index, (label, values) in enumerate(data["series"]):
        points = [(d, v) for d, v in zip(days, values, strict=True) if v is not None]
        if points:
            colour = palette["series"][index % len(palette["series"])]
            axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=4,
                      linewidth=1.6, color=colour, label=label)
    axes.set_ylim(0, 100)
    axes.yaxis.set_major_formatter(_number_formatter(data["decimal"], " %"))
    axes.set_ylabel(data["y_label"])
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.grid(axis="y", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return figure


def round_groups(data: dict, palette: dict) -> Figure:
    """Per competency a bar per group, the self-assessment as a diamond."""
    competencies = data["competencies"]
    groups = data["groups"]
    figure = Figure(figsize=(8, 0.5 + 0.28 * len(competencies) * max(len(groups), 1) + 0.35 * len(competencies)))
    axes = figure.add_subplot()
    height = 0.8 / max(len(groups), 1)
    rows = range(len(competencies))
    for g, (group, values) in enumerate(zip(groups, data["scores"], strict=True)):
        ys = [len(competencies) - 1 - r + 0.4 - height * (g + 0.5) for r in rows]
        widths = [v if v is not None else 0 for v in values]
        axes.barh(ys, widths, height=height * 0.9, color=palette["series"][g % len(palette["series"])],
                  label=group, left=0)
    selfs = [(len(competencies) - 1 - r, v) for r, v in zip(rows, data["self"], strict=True) if v is not None]
    if selfs:
        axes.plot([v for _, v in selfs], [y for y, _ in selfs], marker="D", linestyle="none",
                  markersize=7, markerfacecolor=palette["text"], markeredgecolor=palette["text"],
                  label=data["self_label"])
    low, high = data["scale"]
    axes.set_xlim(low, high)
    axes.xaxis.set_major_formatter(_number_formatter(data["decimal"]))
    axes.set_yticks([len(competencies) - 1 - r for r in rows], data["competency_labels"])
    axes.grid(axis="x", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return figure


def pop_progress(data: dict, palette: dict) -> Figure:
    """Per POP a stacked bar of actions done, open and dropped."""
    pops = data["pops"]
    figure = Figure(figsize=(8, 0.6 + 0.4 * len(pops)))
    axes = figure.add_subplot()
    ys = list(range(len(pops)))[::-1]
    left = [0] * len(pops)
    colours = {"done": palette["series"][5], "open": palette["series"][3], "dropped": palette["muted"]}
    for part in ("done", "open", "dropped"):
        values = [p[part] for p in pops]
        axes.barh(ys, values, left=left, color=colours[part], label=data["labels"][part], height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(ys, [p["title"] for p in pops])
    axes.set_xlabel(data["x_label"])
    cast("MaxNLocator", axes.xaxis.get_major_locator()).set_params(integer=True)
    axes.tick_params(axis="y", length=0)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return figure


def cme_cumulative(data: dict, palette: dict) -> Figure:
    """Accredited CME hours added up over the registration window, against the norm."""
    figure = Figure(figsize=(9, 3.6))
    axes = figure.add_subplot()
    start, end = _day(data["start"]), _day(data["end"])
    days = [start] + [_day(d) for d, _ in data["steps"]]
    totals = [0.0] + [t for _, t in data["steps"]]
    axes.step(days, totals, where="post", color=palette["series"][1], linewidth=2, label=data["hours_label"])
    axes.axhline(data["norm"], color=palette["series"][2], linestyle="--", linewidth=1.2, label=data["norm_label"])
    today = _day(data["today"])
    if start <= today <= end:
        axes.axvline(today, color=palette["muted"], linewidth=1, linestyle=":")
    axes.set_xlim(start, end)
    axes.set_ylim(0, max(data["norm"], totals[-1]) * 1.1)
    axes.yaxis.set_major_formatter(_number_formatter(data["decimal"]))
    axes.set_ylabel(data["y_label"])
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.grid(axis="y", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.legend(loc="upper left", frameon=False)
    return figure


def work_hours(data: dict, palette: dict) -> Figure:
    """Hours worked per calendar year, against the yearly equivalent of the weekly norm."""
    figure = Figure(figsize=(9, 3.4))
    axes = figure.add_subplot()
    years = [str(y) for y, _ in data["years"]]
    axes.bar(years, [h for _, h in data["years"]], color=palette["series"][0], label=data["hours_label"])
    axes.axhline(data["norm"], color=palette["series"][2], linestyle="--", linewidth=1.2, label=data["norm_label"])
    axes.yaxis.set_major_formatter(_number_formatter(data["decimal"]))
    axes.set_ylabel(data["y_label"])
    axes.grid(axis="y", color=palette["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return figure


DRAWERS: dict[str, Callable[[dict, dict], Figure]] = {
    "timeline": timeline,
    "competency_trend": competency_trend,
    "round_groups": round_groups,
    "pop_progress": pop_progress,
    "cme_cumulative": cme_cumulative,
    "work_hours": work_hours,
}
