"""The numbers behind the progress charts, computed once for the chart and its table.

Scores are compared across rounds as a percentage of each round's own scale, so a 1-5 round
and a 1-10 round can stand on one axis. Groups under the anonymity threshold never enter a
figure here, and no individual answer does: only group means and counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ifms.records import competencies
from ifms.records.model import FeedbackRound, Pop, Profile
from ifms.records.portfolio import Portfolio
from ifms.rules import Thresholds, cme_norm, registration_window

WEEKS_PER_YEAR = 365.25 / 7


def percent_of_scale(score: float, round_: FeedbackRound) -> float:
    low, high = round_.scale
    return (score - low) / (high - low) * 100


@dataclass(frozen=True)
class CompetencyTrend:
    """Per competency, the others' average in each round as % of that round's scale."""

    rounds: list[tuple[date, str, str]]
    """(date, title, path) of each round that has at least one counted score."""
    series: dict[str, list[float | None]]
    self_series: dict[str, list[float | None]]


def competency_trend(portfolio: Portfolio, threshold: int) -> CompetencyTrend:
    rounds = [r for r in portfolio.feedback
              if any(g.respondents >= threshold for g in r.groups.values())]
    keys = competencies.order({k for r in rounds for k in r.competency_keys()})
    series: dict[str, list[float | None]] = {}
    self_series: dict[str, list[float | None]] = {}
    for key in keys:
        averages = [r.others_average(key, threshold) for r in rounds]
        series[key] = [None if a is None else round(percent_of_scale(a, r), 1)
                       for a, r in zip(averages, rounds, strict=True)]
        selfs = [(r.self_assessment or {}).get(key) for r in rounds]
        self_series[key] = [None if s is None else round(percent_of_scale(s, r), 1)
                            for s, r in zip(selfs, rounds, strict=True)]
    series = {k: v for k, v in series.items() if any(x is not None for x in v)}
    return CompetencyTrend([(r.date, r.title, r.path) for r in rounds], series,
                           {k: self_series[k] for k in series})


@dataclass(frozen=True)
class RoundProfile:
    """One round: per competency the mean of each group that counts, and the self-score."""

    path: str
    scale: tuple[float, float]
    groups: list[str]
    """Groups at or above the anonymity threshold, in the order of the file."""
    competencies: list[str]
    scores: dict[str, dict[str, float | None]]
    """competency -> group -> mean (None: not asked of that group)."""
    self_scores: dict[str, float | None]
    others: dict[str, float | None]


def round_profile(round_: FeedbackRound, threshold: int) -> RoundProfile:
    groups = [name for name, g in round_.groups.items() if g.respondents >= threshold]
    keys = [k for k in round_.competency_keys()
            if any(k in round_.groups[g].scores for g in groups)]
    return RoundProfile(
        round_.path, round_.scale, groups, keys,
        {k: {g: round_.groups[g].scores.get(k) for g in groups} for k in keys},
        {k: (round_.self_assessment or {}).get(k) for k in keys},
        {k: round_.others_average(k, threshold) for k in keys},
    )


@dataclass(frozen=True)
class PopProgress:
    title: str
    path: str
    date: date
    done: int
    open: int
    dropped: int
    overdue: int


def pop_progress(pops: list[Pop], today: date) -> list[PopProgress]:
    result = []
    for pop in pops:
        actions = pop.actions()
        result.append(PopProgress(
            pop.title, pop.path, pop.date,
            sum(a.status == "done" for a in actions), sum(a.is_open for a in actions),
            sum(a.status == "dropped" for a in actions), sum(a.overdue_on(today) for a in actions)))
    return result


@dataclass(frozen=True)
class CmeProgress:
    start: date
    end: date
    norm: float
    steps: list[tuple[date, float, str]]
    """(date, cumulative hours, activity title) for every activity in the window."""


def cme_progress(profile: Profile, thresholds: Thresholds) -> CmeProgress:
    start, end = registration_window(profile, thresholds)
    norm = cme_norm(start, end, thresholds)[0]
    total = 0.0
    steps = []
    for activity in sorted((a for a in profile.cme if start <= a.date <= end), key=lambda a: a.date):
        total += activity.hours
        steps.append((activity.date, total, activity.title))
    return CmeProgress(start, end, norm, steps)


@dataclass(frozen=True)
class WorkYears:
    years: list[tuple[int, float]]
    """(year, hours) for the years that touch the registration window."""
    norm_per_year: float


def work_years(profile: Profile, thresholds: Thresholds) -> WorkYears:
    start, end = registration_window(profile, thresholds)
    years = [(y, profile.work_hours.get(y, 0.0)) for y in range(start.year, end.year + 1)
             if y in profile.work_hours]
    return WorkYears(years, round(thresholds.hours_per_week * WEEKS_PER_YEAR, 0))
