"""The cycle timeline as data: registration periods, feedback, IFMS conversations, POPs,
visitations and work abroad, each with its dates. The chart and the accessible table beside it
are both drawn from this one list, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ifms.records.dates import years_before
from ifms.records.portfolio import Portfolio
from ifms.rules import Thresholds, registration_window

LANES = ("registration", "abroad", "feedback", "pop", "ifms", "visitation")
MAX_EARLIER_PERIODS = 6


@dataclass(frozen=True)
class TimelineItem:
    lane: str
    start: date
    end: date | None
    """None for a moment (a feedback report, a conversation, a visitation)."""
    label: str
    path: str | None = None
    """The record this item comes from, for a link."""
    kind: str | None = None
    """A finer kind within the lane (``quality`` or ``training`` visitation)."""


def timeline_items(portfolio: Portfolio, thresholds: Thresholds) -> list[TimelineItem]:
    profile = portfolio.profile
    assert profile is not None
    start, end = registration_window(profile, thresholds)
    items = [TimelineItem("registration", start, end, "current", "profiel", "current")]
    earliest = min([r.date for r in portfolio.records() if hasattr(r, "date")] + [start])
    period_end = start
    for _ in range(MAX_EARLIER_PERIODS):
        if period_end <= earliest:
            break
        period_start = years_before(period_end, thresholds.window_years)
        items.append(TimelineItem("registration", period_start, period_end, "earlier", None, "earlier"))
        period_end = period_start
    items += [TimelineItem("abroad", p.from_, p.to, p.note or "", profile.path) for p in profile.abroad]
    items += [TimelineItem("feedback", r.date, None, r.title, r.path, "existing" if r.existing else r.instrument)
              for r in portfolio.feedback]
    items += [TimelineItem("pop", p.date, p.until, p.title, p.path) for p in portfolio.pops]
    items += [TimelineItem("ifms", c.date, None, c.leader or "", c.path)
              for c in portfolio.conversations if c.type == "ifms"]
    items += [TimelineItem("visitation", v.date, None, v.note or "", profile.path, v.kind)
              for v in profile.visitations]
    return sorted(items, key=lambda item: (item.start, LANES.index(item.lane)))
