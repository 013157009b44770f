"""The analysed portfolio: everything the pages, the charts and the handout show, computed once.

The rules' verdicts, the timeline, the progress figures and who refers to whom are derived
from the validated portfolio and the settled options (language and day decided). Templates
read them; nothing here renders or draws.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ifms.options import Options
from ifms.records.model import Conversation, Record
from ifms.records.portfolio import Portfolio
from ifms.report import progress
from ifms.report.development import Comparison, GoalDevelopment, goal_development, round_changes
from ifms.report.preparation import Preparation, prepare
from ifms.report.timeline import TimelineItem, timeline_items
from ifms.rules import Evidence, evaluate


@dataclass
class Analysis:
    portfolio: Portfolio
    options: Options
    """Settled (:meth:`~ifms.options.Options.settled`): ``lang`` and ``today`` are decided."""
    today: date
    evidence: Evidence
    timeline: list[TimelineItem]
    trend: progress.CompetencyTrend
    round_profiles: dict[str, progress.RoundProfile]
    pop_progress: list[progress.PopProgress]
    cme: progress.CmeProgress | None
    work: progress.WorkYears | None
    referenced_by: dict[str, list[Record]] = field(default_factory=dict)
    """For every record, the records that refer to it (a feedback round's POPs and talks)."""
    development: list[GoalDevelopment] = field(default_factory=list)
    """Every POP goal with a competency: the others' score before the POP and since."""
    round_changes: dict[str, dict[str, Comparison]] = field(default_factory=dict)
    preparation: Preparation | None = None
    """The next IFMS evaluation conversation: what changed since the last, and what to discuss."""
    """Per feedback round (by path): each competency against the previous round that asked it."""


def analyse(portfolio: Portfolio, options: Options) -> Analysis:
    """Where the portfolio stands on the options' day, and the figures behind every chart."""
    if options.today is None:
        raise ValueError("the options must be settled: Options.settled()")
    today, rules = options.today, options.rules
    threshold = options.anonymity_threshold
    profile = portfolio.profile
    return Analysis(
        portfolio=portfolio,
        options=options,
        today=today,
        evidence=evaluate(portfolio, today, rules),
        timeline=timeline_items(portfolio, rules),
        trend=progress.competency_trend(portfolio, threshold),
        round_profiles={r.path: progress.round_profile(r, threshold) for r in portfolio.feedback},
        pop_progress=progress.pop_progress(portfolio.pops, today),
        cme=progress.cme_progress(profile, rules) if profile and profile.cme else None,
        work=progress.work_years(profile, rules) if profile and profile.work_hours else None,
        referenced_by=_references(portfolio),
        development=goal_development(portfolio, threshold),
        round_changes={r.path: round_changes(portfolio, r, threshold) for r in portfolio.feedback},
        preparation=prepare(portfolio, today),
    )


def _references(portfolio: Portfolio) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = defaultdict(list)
    for record in portfolio.records():
        targets: list[str] = list(getattr(record, "feedback", []) or [])
        if isinstance(record, Conversation) and record.pop:
            targets.append(record.pop)
        for target in targets:
            found[target].append(record)
    return found
