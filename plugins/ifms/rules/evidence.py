"""What the rules conclude: a verdict per requirement, the IFMS trajectories, and advice.

Plain data, no rules: the pages, ``ifms evidence`` and the handout all read these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic_core import to_jsonable_python

from ifms.records.model import Conversation, FeedbackRound, Pop

Status = Literal["met", "not_yet_met", "not_met", "incomplete", "exempt", "not_applicable", "unknown"]
REQUIREMENTS = ("ifms", "work", "cme", "visitation")


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


    def to_dict(self, text: Callable[[Note], str] | None = None) -> dict[str, Any]:
        """Plain JSON data for ``ifms evidence --json``; ``text(note)`` adds each sentence."""

        def note(n: Note) -> dict[str, Any]:
            item: dict[str, Any] = {"key": n.key, "params": n.params}
            if text is not None:
                item["text"] = text(n)
            return item

        return to_jsonable_python({
            "today": self.today,
            "window": {"start": self.window_start, "end": self.window_end},
            "days_left": self.days_left,
            "requirements": [
                {"requirement": v.requirement, "status": v.status, "figures": v.figures,
                 "notes": [note(n) for n in v.notes], "evidence": v.evidence}
                for v in self.verdicts.values()
            ],
            "trajectories": [
                {"conversation": t.conversation.path, "date": t.conversation.date,
                 "leader": t.conversation.leader, "feedback": [r.path for r in t.rounds],
                 "existing_feedback": [r.path for r in t.existing_rounds], "groups": t.groups,
                 "pop": t.pop.path if t.pop else None, "complete": t.complete,
                 "missing": [note(n) for n in t.missing]}
                for t in self.trajectories
            ],
            "advice": [note(n) for n in self.advice],
        })
