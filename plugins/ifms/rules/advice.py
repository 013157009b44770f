"""Advice beside the verdicts: warnings, not failures (what to do next, what the Leidraad
recommends)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from ifms.records.dates import add_months
from ifms.records.portfolio import Portfolio
from ifms.rules.evidence import Note, Verdict
from ifms.rules.thresholds import Thresholds


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
