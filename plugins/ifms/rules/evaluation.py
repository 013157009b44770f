"""The re-registration rules: where a specialist stands on each requirement, and why.

Pure functions of (portfolio, today, thresholds): dates in, verdicts out, nothing read from
disk or the clock, so every branch is tested on its own. The rules follow docs/formaat.md
("De herregistratie-eisen"), which follows the Leidraad IFMS 2021 and the RGS re-registration
requirements; every threshold is a field of :class:`~ifms.rules.thresholds.Thresholds`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ifms.records.dates import add_months
from ifms.records.model import Conversation, FeedbackRound, Pop, Profile
from ifms.records.portfolio import Portfolio
from ifms.rules.advice import advise
from ifms.rules.evidence import Evidence, Note, Status, Trajectory, Verdict
from ifms.rules.thresholds import Thresholds
from ifms.rules.window import abroad_covers, cme_norm, hours_in, longest_gap, registration_window


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
        # A shortened re-registration is granted once: after one, it cannot follow again.
        notes.append(Note("ifms.shortened_not_again" if profile.registration.shortened else "ifms.shortened_follows"))
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
    # Any POP within the days that has a dated action completes the trajectory, the nearest
    # such one first; without any, the nearest POP, so the note can name what it lacks.
    with_actions = [p for p in near if any(action.due for action in p.actions())]
    chosen = with_actions or near
    return (chosen[0] if chosen else None), False


def _trajectory_paths(trajectory: Trajectory) -> list[str]:
    paths = [trajectory.conversation.path, *(r.path for r in trajectory.rounds),
             *(r.path for r in trajectory.existing_rounds)]
    return paths + ([trajectory.pop.path] if trajectory.pop else [])


def evaluate_work(profile: Profile, start: date, end: date, today: date, thresholds: Thresholds) -> Verdict:
    """At least the weekly norm on average over the window, and no longer gap than allowed.

    A calendar year of the window that has ended without a figure is unknown, not a year
    without work: the requirement is met when the average holds even with it as zero (and no
    gap could arise), otherwise unknown, naming the years to fill in.
    """
    hours = profile.work_hours
    if not hours:
        return Verdict("work", "unknown", {}, [Note("work.unknown")])
    weeks = ((end - start).days + 1) / 7
    average = hours_in(hours, start, end) / weeks  # a year without a figure counts as zero
    elapsed_end = min(today, end)
    elapsed_weeks = max(((elapsed_end - start).days + 1) / 7, 1 / 7)
    so_far = hours_in(hours, start, elapsed_end) / elapsed_weeks
    missing = [year for year in range(start.year, min(end.year, today.year - 1) + 1) if year not in hours]
    gap = longest_gap(hours, start, elapsed_end, missing_as_work=True)
    worst_gap = longest_gap(hours, start, elapsed_end)
    figures = {"average": average, "average_so_far": so_far, "norm": thresholds.hours_per_week,
               "longest_gap_years": gap, "missing_years": missing,
               "years": sorted(y for y in hours if start.year <= y <= end.year)}
    norm, maximum = thresholds.hours_per_week, thresholds.max_work_gap_years
    if gap > maximum:
        return Verdict("work", "not_met", figures, [Note("work.gap", {"years": gap, "maximum": maximum})])
    if missing:
        years = ", ".join(map(str, missing))
        if average >= norm and worst_gap <= maximum:
            return Verdict("work", "met", figures, [Note("work.met", {"average": average}),
                                                     Note("work.met_missing", {"years": years})])
        return Verdict("work", "unknown", figures, [Note("work.missing_years", {"years": years, "norm": norm})])
    if average >= norm:
        return Verdict("work", "met", figures, [Note("work.met", {"average": average})])
    if today < end:
        return Verdict("work", "not_yet_met", figures, [Note("work.not_yet_met", {
            "average": average, "so_far": so_far, "norm": norm})])
    return Verdict("work", "not_met", figures, [Note("work.not_met", {"average": average, "norm": norm})])


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


def evaluate_visitation(profile: Profile, start: date, end: date, today: date) -> Verdict:
    """A quality visitation in the window that has taken place; one dated after today is
    planned, and counts once it has (as a conversation after today does)."""
    in_window = sorted((v for v in profile.visitations if v.kind == "quality" and start <= v.date <= end),
                       key=lambda v: v.date)
    held = [v for v in in_window if v.date <= today]
    planned = [Note("visitation.planned", {"date": v.date}) for v in in_window if v.date > today]
    if held:
        return Verdict("visitation", "met", {"date": held[-1].date, "count": len(held)},
                       [Note("visitation.met", {"date": held[-1].date})])
    if today < end:
        return Verdict("visitation", "not_yet_met", {}, [Note("visitation.not_yet_met"), *planned])
    return Verdict("visitation", "not_met", {}, [Note("visitation.not_met")])
