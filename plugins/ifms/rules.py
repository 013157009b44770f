"""The re-registration rules: where a specialist stands on each requirement, and why.

Pure functions of (portfolio, today, thresholds): dates in, verdicts out, nothing read from
disk or the clock, so every branch is tested on its own. The rules follow FORMAT.md ("The
re-registration rules the evidence page applies"), which follows the Leidraad IFMS 2021 and
the RGS re-registration requirements; every threshold is a field of :class:`Thresholds`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, Literal

from .dates import add_months, overlap_days, years_before
from .model import Conversation, FeedbackRound, Period, Pop, Profile
from .portfolio import Portfolio

Status = Literal["met", "not_yet_met", "not_met", "incomplete", "exempt", "not_applicable", "unknown"]
REQUIREMENTS = ("ifms", "work", "cme", "visitation")

# The COVID-19 measure lowered the CME norm for the months of these two years.
COVID_FIRST_MONTH = date(2020, 3, 1)
COVID_LAST_MONTH = date(2021, 12, 1)


@dataclass(frozen=True)
class Thresholds:
    """Every number the rules use, with FORMAT.md's defaults; each is a plugin option."""

    window_years: int = 5
    hours_per_week: float = 16.0
    max_work_gap_years: int = 2
    cme_hours: float = 200.0
    covid_reduction_per_month: float = 3.0
    covid_reduction_max: float = 66.0
    covid_last_expiry: date = date(2026, 12, 31)
    min_groups: int = 2
    feedback_months: int = 24
    pop_days: int = 90
    rgs_lead_months: int = 4
    max_years_between_ifms: int = 5

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Thresholds:
        """Thresholds from plugin options; keys that are not thresholds are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in options.items() if key in names and value is not None})


@dataclass(frozen=True)
class Note:
    """A sentence for the specialist, as a locale key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Trajectory:
    """One IFMS evaluation conversation with the feedback and POP that make it a trajectory."""

    conversation: Conversation
    rounds: list[FeedbackRound]
    """Feedback rounds that count towards the groups (not reused existing feedback)."""
    existing_rounds: list[FeedbackRound]
    groups: dict[str, int]
    """Groups questioned in the counted rounds, with their respondents."""
    pop: Pop | None
    pop_linked: bool
    """True when the conversation names its POP; False when it was found by date."""
    missing: list[Note]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class Verdict:
    requirement: str
    status: Status
    figures: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    """Paths of the records that prove the verdict."""


@dataclass
class Evidence:
    today: date
    window_start: date
    window_end: date
    verdicts: dict[str, Verdict]
    trajectories: list[Trajectory]
    advice: list[Note]

    @property
    def days_left(self) -> int:
        return (self.window_end - self.today).days

    def to_dict(self, text: Any = None) -> dict[str, Any]:
        """Plain data for ``ifms evidence --json``; ``text(note)`` adds each note's sentence."""

        def note(n: Note) -> dict[str, Any]:
            item = {"key": n.key, "params": _plain(n.params)}
            if text is not None:
                item["text"] = text(n)
            return item

        return {
            "today": self.today.isoformat(),
            "window": {"start": self.window_start.isoformat(), "end": self.window_end.isoformat()},
            "days_left": self.days_left,
            "requirements": [
                {"requirement": v.requirement, "status": v.status, "figures": _plain(v.figures),
                 "notes": [note(n) for n in v.notes], "evidence": v.evidence}
                for v in self.verdicts.values()
            ],
            "trajectories": [
                {"conversation": t.conversation.path, "date": t.conversation.date.isoformat(),
                 "leader": t.conversation.leader, "feedback": [r.path for r in t.rounds],
                 "existing_feedback": [r.path for r in t.existing_rounds], "groups": t.groups,
                 "pop": t.pop.path if t.pop else None, "complete": t.complete,
                 "missing": [note(n) for n in t.missing]}
                for t in self.trajectories
            ],
            "advice": [note(n) for n in self.advice],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


# --- the window ------------------------------------------------------------------------------


def registration_window(profile: Profile, thresholds: Thresholds) -> tuple[date, date]:
    """First and last day of the current registration period (both included)."""
    registration = profile.registration
    start = registration.start or years_before(registration.expires, thresholds.window_years)
    return start, registration.expires


def evaluate(portfolio: Portfolio, today: date, thresholds: Thresholds = Thresholds()) -> Evidence:
    """Where the specialist stands on ``today`` for the current registration period."""
    profile = portfolio.profile
    if profile is None:
        raise ValueError("a portfolio without profile cannot be evaluated")
    start, end = registration_window(profile, thresholds)
    ifms, trajectories = evaluate_ifms(portfolio, start, end, today, thresholds)
    verdicts = {
        "ifms": ifms,
        "work": evaluate_work(profile, start, end, today, thresholds),
        "cme": evaluate_cme(profile, start, end, today, thresholds),
        "visitation": evaluate_visitation(profile, start, end, today),
    }
    return Evidence(today, start, end, verdicts, trajectories,
                    advise(portfolio, today, thresholds, verdicts["ifms"], end))


# --- 1. IFMS -----------------------------------------------------------------------------------


def evaluate_ifms(
    portfolio: Portfolio, start: date, end: date, today: date, thresholds: Thresholds
) -> tuple[Verdict, list[Trajectory]]:
    profile = portfolio.profile
    assert profile is not None
    held = [c for c in portfolio.conversations
            if c.type == "ifms" and start <= c.date <= end and c.date <= today]
    planned = [c for c in portfolio.conversations
               if c.type == "ifms" and start <= c.date <= end and c.date > today]
    trajectories = [trajectory_for(c, portfolio, thresholds) for c in held]
    plan_by = add_months(end, -thresholds.rgs_lead_months)
    figures: dict[str, Any] = {"conversations": len(held), "plan_by": plan_by}

    if profile.registration.basis == "equivalent_work":
        return Verdict("ifms", "not_applicable", figures, [Note("ifms.equivalent_work")]), trajectories
    if abroad_covers(profile.abroad, start, end):
        return Verdict("ifms", "exempt", figures, [Note("ifms.abroad")]), trajectories

    complete = [t for t in trajectories if t.complete]
    if complete:
        latest = complete[-1]
        figures.update(date=latest.conversation.date, leader=latest.conversation.leader)
        return Verdict("ifms", "met", figures, [Note("ifms.met", {"date": latest.conversation.date})],
                       _trajectory_paths(latest)), trajectories

    notes = [Note("ifms.planned", {"date": c.date}) for c in planned]
    if today < end:
        figures.update(days_left=(end - today).days)
    if trajectories:
        notes.insert(0, Note("ifms.incomplete"))
        status: Status = "incomplete"
    elif today < end:
        notes.insert(0, Note("ifms.not_yet_met", {"days": (end - today).days, "plan_by": plan_by}))
        status = "not_yet_met"
    else:
        status = "not_met"
    if today >= end:
        notes.append(Note("ifms.shortened_follows"))
        if profile.registration.shortened:
            notes.append(Note("ifms.shortened_not_again"))
    evidence = [path for t in trajectories for path in _trajectory_paths(t)]
    return Verdict("ifms", status, figures, notes, evidence), trajectories


def trajectory_for(conversation: Conversation, portfolio: Portfolio, thresholds: Thresholds) -> Trajectory:
    """The feedback and POP of one IFMS conversation, and what is still missing."""
    records = portfolio.by_path()
    if conversation.feedback:
        candidates = [records[path] for path in conversation.feedback]
    else:
        since = add_months(conversation.date, -thresholds.feedback_months)
        candidates = [r for r in portfolio.feedback if since <= r.date <= conversation.date]
    rounds = [r for r in candidates if isinstance(r, FeedbackRound) and not r.existing]
    existing = [r for r in candidates if isinstance(r, FeedbackRound) and r.existing]
    groups: Counter[str] = Counter()
    for round_ in rounds:
        for name, group in round_.groups.items():
            if group.respondents >= 1:
                groups[name] += group.respondents

    pop, linked = _pop_for(conversation, portfolio, records, thresholds)
    missing = []
    if len(groups) < thresholds.min_groups:
        missing.append(Note("ifms.missing_groups", {"count": len(groups), "minimum": thresholds.min_groups}))
    if pop is None:
        missing.append(Note("ifms.missing_pop", {"days": thresholds.pop_days}))
    elif not any(action.due for action in pop.actions()):
        missing.append(Note("ifms.missing_pop_actions", {"pop": pop.title, "path": pop.path}))
    return Trajectory(conversation, rounds, existing, dict(groups), pop, linked, missing)


def _pop_for(conversation: Conversation, portfolio: Portfolio, records: dict, thresholds: Thresholds):
    if conversation.pop:
        pop = records.get(conversation.pop)
        return (pop if isinstance(pop, Pop) else None), True
    near = [p for p in portfolio.pops if abs((p.date - conversation.date).days) <= thresholds.pop_days]
    near.sort(key=lambda p: abs((p.date - conversation.date).days))
    return (near[0] if near else None), False


def _trajectory_paths(trajectory: Trajectory) -> list[str]:
    paths = [trajectory.conversation.path, *(r.path for r in trajectory.rounds),
             *(r.path for r in trajectory.existing_rounds)]
    return paths + ([trajectory.pop.path] if trajectory.pop else [])


def abroad_covers(periods: list[Period], start: date, end: date) -> bool:
    """Whether work abroad, all periods together, covers every day of the window."""
    covered_until = start - timedelta(days=1)
    for period in sorted(periods, key=lambda p: p.from_):
        if period.from_ > covered_until + timedelta(days=1):
            break
        covered_until = max(covered_until, period.to)
        if covered_until >= end:
            return True
    return covered_until >= end


# --- 2. werkzaamheden --------------------------------------------------------------------------


def hours_in(work_hours: dict[int, float], start: date, end: date) -> float:
    """Hours worked between two dates; a calendar year partly inside counts pro rata."""
    total = 0.0
    for year, hours in work_hours.items():
        first, last = date(year, 1, 1), date(year, 12, 31)
        share = overlap_days(first, last, start, end) / ((last - first).days + 1)
        total += hours * share
    return total


def longest_gap(work_hours: dict[int, float], start: date, last: date) -> int:
    """Most consecutive calendar years without work between ``start`` and ``last``.

    The year of ``last`` itself does not count as a gap while it has no figure yet: the
    hours of a year that is still running are often written at its end.
    """
    longest = current = 0
    for year in range(start.year, last.year + 1):
        if year == last.year and year not in work_hours:
            break
        current = current + 1 if work_hours.get(year, 0) <= 0 else 0
        longest = max(longest, current)
    return longest


def evaluate_work(profile: Profile, start: date, end: date, today: date, thresholds: Thresholds) -> Verdict:
    if not profile.work_hours:
        return Verdict("work", "unknown", {}, [Note("work.unknown")])
    weeks = ((end - start).days + 1) / 7
    average = hours_in(profile.work_hours, start, end) / weeks
    elapsed_end = min(today, end)
    elapsed_weeks = max(((elapsed_end - start).days + 1) / 7, 1 / 7)
    so_far = hours_in(profile.work_hours, start, elapsed_end) / elapsed_weeks
    gap = longest_gap(profile.work_hours, start, elapsed_end)
    figures = {"average": average, "average_so_far": so_far, "norm": thresholds.hours_per_week,
               "longest_gap_years": gap, "years": sorted(y for y in profile.work_hours
                                                         if start.year <= y <= end.year)}
    if gap > thresholds.max_work_gap_years:
        return Verdict("work", "not_met", figures,
                       [Note("work.gap", {"years": gap, "maximum": thresholds.max_work_gap_years})])
    if average >= thresholds.hours_per_week:
        return Verdict("work", "met", figures, [Note("work.met", {"average": average})])
    if today < end:
        return Verdict("work", "not_yet_met", figures, [Note("work.not_yet_met", {
            "average": average, "so_far": so_far, "norm": thresholds.hours_per_week})])
    return Verdict("work", "not_met", figures, [Note("work.not_met", {
        "average": average, "norm": thresholds.hours_per_week})])


# --- 3. deskundigheidsbevordering --------------------------------------------------------------


def covid_months(start: date, end: date) -> int:
    """Months from March 2020 to December 2021 that share at least one day with the window."""
    months = 0
    month = COVID_FIRST_MONTH
    while month <= COVID_LAST_MONTH:
        month_end = add_months(month, 1) - timedelta(days=1)
        if overlap_days(month, month_end, start, end):
            months += 1
        month = add_months(month, 1)
    return months


def cme_norm(start: date, end: date, thresholds: Thresholds) -> tuple[float, float, int]:
    """(norm, COVID reduction, COVID months) for a window; the measure ended with 2026."""
    months = covid_months(start, end) if end <= thresholds.covid_last_expiry else 0
    reduction = min(months * thresholds.covid_reduction_per_month, thresholds.covid_reduction_max)
    return thresholds.cme_hours - reduction, reduction, months


def evaluate_cme(profile: Profile, start: date, end: date, today: date, thresholds: Thresholds) -> Verdict:
    if not profile.cme:
        return Verdict("cme", "unknown", {}, [Note("cme.unknown")])
    counted = [a for a in profile.cme if start <= a.date <= end]
    hours = sum(a.hours for a in counted)
    norm, reduction, months = cme_norm(start, end, thresholds)
    figures = {"hours": hours, "norm": norm, "reduction": reduction, "covid_months": months,
               "remaining": max(norm - hours, 0.0), "activities": len(counted)}
    notes = [Note("cme.covid", {"months": months, "reduction": reduction})] if reduction else []
    if hours >= norm:
        status: Status = "met"
        notes.insert(0, Note("cme.met", {"hours": hours, "norm": norm}))
    elif today < end:
        status = "not_yet_met"
        notes.insert(0, Note("cme.not_yet_met", {"hours": hours, "norm": norm, "remaining": norm - hours}))
    else:
        status = "not_met"
        notes.insert(0, Note("cme.not_met", {"hours": hours, "norm": norm}))
    return Verdict("cme", status, figures, notes)


# --- 4. kwaliteitsvisitatie --------------------------------------------------------------------


def evaluate_visitation(profile: Profile, start: date, end: date, today: date) -> Verdict:
    visits = sorted((v for v in profile.visitations if v.kind == "quality" and start <= v.date <= end),
                    key=lambda v: v.date)
    if visits:
        return Verdict("visitation", "met", {"date": visits[-1].date, "count": len(visits)},
                       [Note("visitation.met", {"date": visits[-1].date})])
    if today < end:
        return Verdict("visitation", "not_yet_met", {}, [Note("visitation.not_yet_met")])
    return Verdict("visitation", "not_met", {}, [Note("visitation.not_met")])


# --- advice ------------------------------------------------------------------------------------


def advise(portfolio: Portfolio, today: date, thresholds: Thresholds, ifms: Verdict, end: date) -> list[Note]:
    """Warnings, not failures: what to do next, and what the Leidraad recommends."""
    profile = portfolio.profile
    assert profile is not None
    advice: list[Note] = []
    if ifms.status in ("not_yet_met", "incomplete") and today < end:
        advice.append(Note("advice.plan_conversation", {
            "plan_by": ifms.figures["plan_by"], "days": (end - today).days, "expires": end}))
    talks = sorted((c for c in portfolio.conversations if c.type == "ifms"), key=lambda c: c.date)
    for talk in talks:
        for visit in profile.visitations:
            if visit.date.year == talk.date.year:
                advice.append(Note("advice.same_year_visitation", {
                    "year": talk.date.year, "conversation": talk.date, "visitation": visit.date,
                    "kind": visit.kind}))
    for earlier, later in pairwise(talks):
        if later.date > add_months(earlier.date, 12 * thresholds.max_years_between_ifms):
            advice.append(Note("advice.ifms_gap", {
                "first": earlier.date, "second": later.date,
                "maximum": thresholds.max_years_between_ifms}))
    for pop in portfolio.pops:
        for action in pop.actions():
            if action.overdue_on(today):
                advice.append(Note("advice.overdue_action", {
                    "action": action.title, "pop": pop.title, "due": action.due,
                    "path": pop.path}))
    return advice

