"""The preparation of the next IFMS evaluation conversation: what changed since the last one,
where the POP goals stand, and what the specialist wants to discuss.

The questions come from the planned conversation's own record: a ``questions:`` list in its
front matter, or else the section under a ``## Voorbereiding`` (``## Preparation``) heading of
its text, which the conversation template has. So the specialist writes them where they
belong, and the preparation page and the handout gather them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ifms.records.model import Action, Conversation, FeedbackRound, Goal, Pop, Reflection
from ifms.records.portfolio import Portfolio
from ifms.source import frontmatter

PREPARATION_HEADINGS = ("voorbereiding", "preparation")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class PopAction:
    pop: Pop
    goal: Goal
    action: Action


@dataclass
class Preparation:
    today: date
    next: Conversation | None
    """The next planned IFMS conversation (dated after today), if any."""
    last: Conversation | None
    """The last IFMS conversation held: what changed is counted from its date."""
    new_rounds: list[FeedbackRound] = field(default_factory=list)
    finished: list[PopAction] = field(default_factory=list)
    overdue: list[PopAction] = field(default_factory=list)
    dropped: list[PopAction] = field(default_factory=list)
    new_reflections: list[Reflection] = field(default_factory=list)
    pops: list[Pop] = field(default_factory=list)
    """The POPs that run now (no ``until``, or until today or later), else the latest."""
    questions: list[str] = field(default_factory=list)

    @property
    def since(self) -> date | None:
        return self.last.date if self.last else None


def prepare(portfolio: Portfolio, today: date) -> Preparation:
    talks = sorted((c for c in portfolio.conversations if c.type == "ifms"), key=lambda c: (c.date, c.path))
    held = [c for c in talks if c.date <= today]
    planned = [c for c in talks if c.date > today]
    found = Preparation(today, planned[0] if planned else None, held[-1] if held else None)
    since = found.since

    def after(day: date | None) -> bool:
        return day is not None and (since is None or day > since)

    found.new_rounds = [r for r in portfolio.feedback if after(r.date) and r.date <= today]
    found.new_reflections = [r for r in portfolio.reflections if after(r.date) and r.date <= today]
    running = [p for p in portfolio.pops if p.date <= today and (p.until is None or p.until >= today)]
    found.pops = running or portfolio.pops[-1:]
    for pop in portfolio.pops:
        for goal in pop.goals:
            for action in goal.actions:
                item = PopAction(pop, goal, action)
                if action.status == "done" and after(action.done):
                    found.finished.append(item)
                elif action.overdue_on(today):
                    found.overdue.append(item)
                elif action.status == "dropped" and pop in found.pops:
                    found.dropped.append(item)
    if found.next is not None:
        found.questions = list(found.next.questions) or _section_items(
            (portfolio.root / found.next.path).read_text(encoding="utf-8-sig"))
    return found


def _section_items(text: str) -> list[str]:
    """The lines under the page's ``## Voorbereiding`` heading, up to the next heading of the
    same or a higher level: list items without their bullet, other lines as they are."""
    body = frontmatter.split(text).body
    items: list[str] = []
    level: int | None = None
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            depth, title = len(heading.group(1)), heading.group(2).strip().casefold()
            if level is not None and depth <= level:
                break
            if level is None and title in PREPARATION_HEADINGS:
                level = depth
            continue
        if level is None or not line.strip() or line.strip().startswith("<!--"):
            continue
        items.append(_ITEM.sub("", line).strip())
    return items
