"""The options a specialist can set, with FORMAT.md's defaults.

One definition for the MkDocs plugin and the ``ifms`` command, so ``ifms check`` judges the
portfolio exactly as the site build does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from .rules import Thresholds


@dataclass(frozen=True)
class Settings:
    lang: str = "nl"
    today: date | None = None
    """The day the portfolio is judged on; None: the build date (or ``IFMS_TODAY``)."""
    anonymity_threshold: int = 3
    """Groups with fewer respondents are flagged and left out of cross-group averages."""
    overview_page: str = "overzicht.md"
    evidence_page: str = "herregistratie.md"
    timeline_page: str = "tijdlijn.md"
    progress_page: str = "voortgang.md"
    thresholds: Thresholds = field(default_factory=Thresholds)

    @classmethod
    def from_options(cls, options: dict[str, Any], *, lang: str, today: date | None) -> Settings:
        """Settings from the plugin's options in mkdocs.yml (missing ones keep their default).

        ``lang`` and ``today`` are resolved by the caller (theme language, ``IFMS_TODAY``).
        """
        own = {f.name for f in fields(cls)} - {"lang", "today", "thresholds"}
        given = {key: value for key, value in options.items() if key in own and value is not None}
        return cls(lang=lang, today=today, thresholds=Thresholds.from_options(options), **given)
