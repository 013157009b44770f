"""A loaded, validated portfolio: every record, by kind, in date order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ifms.problems import Problem
from ifms.records.model import Conversation, FeedbackRound, Pop, Profile, Questionnaire, Record, Reflection


@dataclass
class Portfolio:
    root: Path
    profile: Profile | None = None
    feedback: list[FeedbackRound] = field(default_factory=list)
    pops: list[Pop] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    questionnaires: list[Questionnaire] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    data_files: list[str] = field(default_factory=list)
    """Every YAML file read as portfolio data (records and files without ``kind``)."""
    markdown_pages: set[str] = field(default_factory=set)
    """Every Markdown file in the folder, record or not (to never generate over one)."""

    def records(self) -> list[Record]:
        profile: list[Record] = [self.profile] if self.profile else []
        return [*profile, *self.feedback, *self.pops, *self.conversations, *self.reflections, *self.questionnaires]

    def by_path(self) -> dict[str, Record]:
        return {record.path: record for record in self.records()}

    def sort(self) -> None:
        """Date order, then path, so every list and page is stable between builds."""
        for records in (self.feedback, self.pops, self.conversations, self.reflections):
            records.sort(key=lambda record: (record.date, record.path))
        self.questionnaires.sort(key=lambda record: record.path)
