"""Which records go into the handout: only shared ones, of the chosen kinds and dates.

The format (docs/formaat.md): profile, feedback and POPs are shared unless ``share: false``;
reflections and conversations are private unless ``share: true``. A date range narrows the dated records (for
example to the current trajectory); the re-registration summary and the timeline are about the
whole registration period and are not narrowed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ifms.options import SECTIONS, Options
from ifms.records.model import Conversation, FeedbackRound, Pop, Profile, Record, Reflection
from ifms.records.portfolio import Portfolio

_RECORD_KINDS: dict[str, type[Record]] = {
    "profile": Profile, "feedback": FeedbackRound, "pop": Pop,
    "conversation": Conversation, "reflection": Reflection,
}


@dataclass(frozen=True)
class HandoutOptions:
    kinds: tuple[str, ...] = SECTIONS
    """Which parts to include (see :data:`SECTIONS`); default: all of them."""
    start: date | None = None
    """Leave out records dated before this day; None: see ``everything``."""
    end: date | None = None
    """Leave out records dated after this day."""
    everything: bool = False
    """Without ``start``: all records. Otherwise records from the start of the current
    registration period: what the gespreksleider discusses, and a handout that stays the same
    size however long the career."""

    @classmethod
    def from_options(cls, options: Options, *, start: date | None = None, end: date | None = None,
                     kinds: tuple[str, ...] | None = None, everything: bool = False) -> HandoutOptions:
        """From the plugin's ``pdf_*`` options; arguments given here (the command line) win."""
        return cls(
            kinds=tuple(kinds or options.pdf_kinds or SECTIONS),
            start=start or options.pdf_from,
            end=end or options.pdf_to,
            everything=everything or options.pdf_all,
        )

    def starting(self, period_start: date) -> HandoutOptions:
        """These options with the default start filled in: the registration period's."""
        if self.start is not None or self.everything:
            return self
        return replace(self, start=period_start)

    def wants(self, section: str) -> bool:
        return section in self.kinds

    def in_range(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def unknown_kinds(kinds: tuple[str, ...]) -> list[str]:
    return [kind for kind in kinds if kind not in SECTIONS]


def select(portfolio: Portfolio, options: HandoutOptions) -> list[Record]:
    """The records in the handout, in the order they appear: by kind, then by date."""
    chosen: list[Record] = []
    for kind in SECTIONS:
        if kind not in _RECORD_KINDS or not options.wants(kind):
            continue
        for record in portfolio.records():
            if not isinstance(record, _RECORD_KINDS[kind]) or not record.shared:
                continue
            day = getattr(record, "date", None)
            if day is None or options.in_range(day):
                chosen.append(record)
    return chosen
