"""``ifms import-feedback EXPORT --questionnaire Q``: one row per respondent, read through an own
questionnaire, into one feedback record.

A survey tool (Google Forms, LimeSurvey, Microsoft Forms, a spreadsheet) exports one row per
respondent and one column per question, headed by the question's text. The questionnaire
record says which column is which: its items and open questions are matched by their text
(case, spacing, accents and a leading number such as ``3.`` do not count), the group by its
``group_question``. Every other column (a timestamp, an e-mail address, a name, an ID) is
never read into the record.

Per group: ``respondents`` is its number of rows; a competency's score is the mean of all the
group's answers to that competency's items, an empty answer skipped (not a zero). A group
under the anonymity threshold keeps its count but no scores and no comments, and the record
says why. Open answers become the group's comments, sorted, so their order does not follow
the rows (which would tell who answered first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ifms.authoring.feedback_import import (
    MAX_CELL,
    MAX_RESPONDENTS,
    FeedbackTable,
    GroupResult,
    ImportFailed,
    decode,
    read_rows,
)
from ifms.problems import Problem, shown
from ifms.records import choices
from ifms.records.model import Questionnaire

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


_key = choices.question_key


@dataclass
class RespondentTable(FeedbackTable):
    """The feedback table of a per-respondent export, with what was left out and why."""

    withheld: dict[str, int] = field(default_factory=dict)
    """Groups under the anonymity threshold: their respondents, without scores or comments."""
    comments: list[tuple[str, str]] = field(default_factory=list)
    """(group, text) of the open answers of the groups at or above the threshold."""
    thin: dict[tuple[str, str], int] = field(default_factory=dict)
    """(group, competency) answered by fewer respondents than the threshold: no score."""


def rows_of(path: Path, display: str) -> list[tuple[int, list[str]]]:
    """The export's non-empty rows with their line numbers: CSV (``;``, ``,`` or tab, a BOM,
    Windows-1252) or XLSX (the first sheet, as Microsoft Forms writes it)."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _xlsx_rows(path, display)
    return read_rows(decode(path.read_bytes()), display)


def _xlsx_rows(path: Path, display: str) -> list[tuple[int, list[str]]]:
    """The first sheet's rows. openpyxl reads a sheet only while it is iterated (read-only
    mode), so a damaged file can fail at any row: every such failure is the one Dutch message."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    import openpyxl

    unreadable = (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError, IndexError, ParseError, SyntaxError)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except unreadable:
        raise ImportFailed([Problem(display, None, None, "import.problem.not_xlsx")]) from None
    try:
        rows = []
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            texts = ["" if cell is None else _cell_text(cell) for cell in cells]
            for index, text in enumerate(texts):
                if len(text) > MAX_CELL:  # as a CSV cell: no answer is that large
                    raise ImportFailed([Problem(display, number, None, "import.problem.cell_too_large",
                                                {"number": index + 1, "limit": MAX_CELL // 1024})])
            if any(texts):
                rows.append((number, texts))
        return rows
    except unreadable:
        raise ImportFailed([Problem(display, None, None, "import.problem.not_xlsx")]) from None
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_respondents(path: Path, display: str, questionnaire: Questionnaire, *, threshold: int) -> RespondentTable:
    """The export read through ``questionnaire``; :class:`ImportFailed` with every problem
    (line and column of the export) when anything does not fit, so nothing is written."""
    return _Respondents(rows_of(path, display), display, questionnaire, threshold).read()


class _Respondents:
    def __init__(self, rows: list[tuple[int, list[str]]], file: str, questionnaire: Questionnaire,
                 threshold: int) -> None:
        self.rows, self.file, self.q, self.threshold = rows, file, questionnaire, threshold
        self.problems: list[Problem] = []
        self.answers = {choices.plain(word): value for word, value in questionnaire.answers.items()}
        self.groups = {_key(answer): group for answer, group in questionnaire.groups.items()}
        self.self_answer = _key(questionnaire.self_answer) if questionnaire.self_answer else None

    def fail(self, line: int | None, column: str | None, key: str, **params: Any) -> None:
        params = {name: shown(value) if isinstance(value, str) else value for name, value in params.items()}
        self.problems.append(Problem(self.file, line, None, f"import.problem.{key}", params,
                                     column=shown(column) if column else None))

    def read(self) -> RespondentTable:
        if not self.rows:
            self.fail(None, None, "empty")
            raise ImportFailed(self.problems)
        header_line, header = self.rows[0]
        columns: dict[str, int] = {}
        for index, text in enumerate(header):
            if text and _key(text) in columns:
                self.fail(header_line, text, "column_twice")
            elif text:
                columns[_key(text)] = index
        items = self._find(columns, [item.text for item in self.q.items], header_line)
        opens = self._find(columns, list(self.q.open), header_line)
        group_column = None
        if not self.q.group_question:
            self.fail(header_line, None, "questionnaire_without_groups")
        else:
            group_column = self._find(columns, [self.q.group_question], header_line)[0]
        if self.problems:
            raise ImportFailed(self.problems)
        assert group_column is not None
        table = RespondentTable(layout="respondents")
        sums: dict[str, dict[str, list[float]]] = {}
        answered: dict[str, dict[str, int]] = {}
        """Per group and competency: the respondents who answered at least one of its items."""
        own: dict[str, list[float]] = {}
        texts: dict[str, list[str]] = {}
        counts: dict[str, int] = {}
        for line, cells in self.rows[1:]:
            answer = _cell(cells, group_column)
            group = self._group(line, header[group_column], answer)
            if group is None:
                continue
            scores: dict[str, list[float]] = {}
            for item, column in zip(self.q.items, items, strict=True):
                score = self._score(line, header[column], _cell(cells, column))
                if score is not None:
                    scores.setdefault(item.competency, []).append(score)
            opened = [" ".join(text.split()) for column in opens if (text := _cell(cells, column))]
            if group == "self":
                for competency, values in scores.items():
                    own.setdefault(competency, []).extend(values)
                continue
            if not scores and not opened:
                continue  # a row without a single answer is no respondent
            counts[group] = counts.get(group, 0) + 1
            for competency, values in scores.items():
                sums.setdefault(group, {}).setdefault(competency, []).extend(values)
                answered.setdefault(group, {})[competency] = answered.get(group, {}).get(competency, 0) + 1
            texts.setdefault(group, []).extend(opened)
        if self.problems:
            raise ImportFailed(self.problems)
        if not counts:
            self.fail(None, None, "no_groups")
            raise ImportFailed(self.problems)
        for group in self._ordered(counts):
            respondents = min(counts[group], MAX_RESPONDENTS)
            if respondents < self.threshold:
                table.withheld[group] = respondents
                table.groups[group] = GroupResult(respondents=respondents)
                continue
            # A competency only a few of the group answered would show their own answers.
            means = {competency: round(sum(scores) / len(scores), 2)
                     for competency, scores in sums.get(group, {}).items()
                     if answered[group][competency] >= self.threshold}
            table.thin.update({(group, competency): answered[group][competency]
                               for competency in sums.get(group, {}) if competency not in means})
            table.groups[group] = GroupResult(respondents=respondents, scores=means)
            table.comments += [(group, text) for text in sorted(set(texts.get(group, [])))]
        table.self_assessment = {competency: round(sum(scores) / len(scores), 2) for competency, scores in own.items()}
        return table

    def _ordered(self, counts: dict[str, int]) -> list[str]:
        """The groups in the questionnaire's order, then any others by name."""
        known = list(dict.fromkeys(self.q.groups.values()))
        return [g for g in known if g in counts] + sorted(g for g in counts if g not in known)

    def _find(self, columns: dict[str, int], texts: list[str], line: int) -> list[int]:
        found = []
        for text in texts:
            index = columns.get(_key(text))
            if index is None:
                self.fail(line, None, "question_missing", question=text)
                found.append(-1)
            else:
                found.append(index)
        return found

    def _group(self, line: int, column: str, answer: str) -> str | None:
        key = _key(answer)
        if self.self_answer is not None and key == self.self_answer:
            return "self"
        if key in self.groups:
            return self.groups[key]
        known = [*self.q.groups, *([self.q.self_answer] if self.q.self_answer else [])]
        self.fail(line, column, "unknown_answer_group", value=answer, known=", ".join(known))
        return None

    def _score(self, line: int, column: str, value: str) -> float | None:
        if not value:
            return None  # not answered: skipped, not a zero
        low, high = self.q.scale
        if _NUMBER.fullmatch(value):
            score = float(value.replace(",", "."))
            if low <= score <= high:
                return score
        elif choices.plain(value) in self.answers:
            return self.answers[choices.plain(value)]
        words = ", ".join(self.q.answers) or "-"
        self.fail(line, column, "not_an_answer", value=value, min=_plain(low), max=_plain(high), words=words)
        return None


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if 0 <= index < len(cells) else ""


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)

