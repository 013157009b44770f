"""Is my development noticed? The others' score on a goal's competency before the POP and after.

The Leidraad asks for targeted feedback on one's development points "to test whether the
environment perceives the desired development". So for every POP goal with a competency: the
others' average on that competency in the last round before the POP, and in each later round,
with the change. And for a feedback round: every competency against the previous round of the
same instrument that asked it.

Scores are the others' average (groups under the anonymity threshold never count, weighted by
respondents, as everywhere). Rounds on the same scale are compared in that scale's points;
rounds on different scales as a percentage of each one's scale, so a 1-5 and a 1-10 round can
be compared at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from ifms.records.model import FeedbackRound, Goal, Pop
from ifms.records.portfolio import Portfolio
from ifms.report.progress import percent_of_scale


@dataclass(frozen=True)
class Measurement:
    """The others' average on one competency in one round."""

    round: FeedbackRound
    score: float
    """On the round's own scale."""

    @property
    def percent(self) -> float:
        return percent_of_scale(self.score, self.round)


@dataclass(frozen=True)
class Comparison:
    """A measurement against an earlier one: the change, in points when both rounds share a
    scale, else in percentage points of the scale."""

    now: Measurement
    before: Measurement

    @property
    def same_scale(self) -> bool:
        return tuple(self.now.round.scale) == tuple(self.before.round.scale)

    @property
    def change(self) -> float:
        if self.same_scale:
            return self.now.score - self.before.score
        return self.now.percent - self.before.percent


@dataclass(frozen=True)
class GoalDevelopment:
    """One POP goal with a competency: what others said before the POP, and since."""

    pop: Pop
    goal: Goal
    competency: str
    before: Measurement | None
    since: list[Comparison | Measurement]
    """Each later round: compared with ``before`` when there is one; empty: not measured yet."""


def _measure(round_: FeedbackRound, competency: str, threshold: int) -> Measurement | None:
    score = round_.others_average(competency, threshold)
    return None if score is None else Measurement(round_, score)


def goal_development(portfolio: Portfolio, threshold: int) -> list[GoalDevelopment]:
    """Every POP goal with a competency, in POP and goal order."""
    found = []
    for pop in portfolio.pops:
        for goal in pop.goals:
            if goal.competency is None:
                continue
            measured = [(r, m) for r in portfolio.feedback if (m := _measure(r, goal.competency, threshold))]
            earlier = [m for r, m in measured if r.date <= pop.date]
            before = earlier[-1] if earlier else None
            since: list[Comparison | Measurement] = [
                Comparison(m, before) if before else m for r, m in measured if r.date > pop.date]
            found.append(GoalDevelopment(pop, goal, goal.competency, before, since))
    return found


def round_changes(portfolio: Portfolio, round_: FeedbackRound, threshold: int) -> dict[str, Comparison]:
    """Every competency of ``round_`` against the latest earlier round of the same instrument
    that asked it: a patient survey against the previous patient survey, a 360° against the
    previous 360°, for other people answer other questions."""
    changes: dict[str, Comparison] = {}
    earlier = [r for r in portfolio.feedback
               if (r.date, r.path) < (round_.date, round_.path) and r.instrument == round_.instrument]
    for competency in round_.competency_keys():
        now = _measure(round_, competency, threshold)
        if now is None:
            continue
        previous = next((m for r in reversed(earlier) if (m := _measure(r, competency, threshold))), None)
        if previous is not None:
            changes[competency] = Comparison(now, previous)
    return changes
