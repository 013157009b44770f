"""``ifms import-feedback``: the results of a feedback tool, exported as CSV, as a feedback record.

Feedback tools report per group of respondents and per competency; their exports come in two
shapes, both read here (docs/commandos.md shows them):

- long: one row per group and competency, columns group, competency (or theme), score,
  respondents;
- wide: one row per group, columns group and respondents, then one column per competency.

Dutch Excel writes CSV with ``;`` and decimal commas, often in Windows-1252 and sometimes with
a ``sep=;`` first line; all of that is read. Group and competency names are recognised in Dutch
and English ("Collega-specialisten", "Verpleegkundigen", "Communicatie"). Whatever is not
recognised is an error that names the CSV file, line and column, and then nothing is written:
a silently misread report would be worse than none.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ifms.authoring.draft import require_valid, scalar
from ifms.i18n.locale import Locale
from ifms.names import slugify
from ifms.problems import Label, Problem, nearest, shown
from ifms.records import choices, competencies

Layout = Literal["long", "wide", "respondents"]


def _norm(text: str) -> str:
    """Lower case letters and digits only, accents removed: ``Collega-specialisten`` ->
    ``collegaspecialisten``, ``Patiënten`` -> ``patienten``."""
    return slugify(text, separator="", max_length=None)


COLUMNS: dict[str, tuple[str, ...]] = {
    "group": ("groep", "group", "respondentgroep", "beoordelaarsgroep", "beoordelaars", "ratergroup",
              "raters", "doelgroep"),
    "competency": ("competentie", "competency", "competentiegebied", "thema", "theme", "domein",
                   "domain", "onderwerp", "topic", "canmeds", "canmedsrol", "canmedsrole"),
    "score": ("score", "gemiddelde", "gemiddeldescore", "gem", "mean", "average", "averagescore",
              "meanscore"),
    "respondents": ("respondenten", "respondents", "aantalrespondenten", "numberofrespondents",
                    "aantal", "n", "count"),
}
"""Column headings, per role, in Dutch and English."""

STATISTICS: tuple[str, ...] = ("sd", "standaarddeviatie", "stdev", "std", "standarddeviation", "spreiding",
                               "mediaan", "median", "modus", "mode", "min", "max", "minimum", "maximum",
                               "variantie", "variance", "ci", "betrouwbaarheidsinterval", "se", "sem")
"""Columns of a report's other statistics: the format has no place for them, so they are
skipped (and said so), not refused. In the wide form a column is one when one of its words is
one of these (``Communicatie SD``)."""

GROUPS: dict[str, tuple[str, ...]] = choices.WORDS["group"]
"""Respondent groups of the format (docs/formaat.md) and the names feedback tools give them:
the same names a feedback record accepts (:mod:`ifms.records.choices`)."""

SELF: tuple[str, ...] = ("self", "zelf", "zelfbeoordeling", "zelfevaluatie", "selfassessment",
                         "selfrating", "eigenbeoordeling")
"""A row for the specialist's own rating becomes ``self:``, not a group."""

COMPETENCIES: dict[str, tuple[str, ...]] = {
    "medical_expert": ("medischexpert", "medischdeskundige"),
    "collaborator": ("samenwerker",),
    "leader": ("organisator", "manager", "leiderschap"),
    "health_advocate": ("gezondheidsbevorderaar",),
    "scholar": ("academicus",),
    "professional": ("professioneelhandelen",),
}
"""Older and other names of the CanMEDS areas that reports use, besides the keys and Dutch
keys the portfolio itself accepts (:mod:`.competencies`), which are added below."""

NO_SCORE = ("", "-", "nvt", "na", "geen")
"""Cells that mean "not asked or not answered": the competency is left out for that group."""


def _is_statistic(heading: str) -> bool:
    words = [_norm(word) for word in re.split(r"[\s_()\-/]+", heading) if word]
    return any(word in STATISTICS for word in words)


def _table(names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_norm(name): key for key, aliases in names.items() for name in (key, *aliases)}


_COLUMNS, _GROUPS = _table(COLUMNS), _table(GROUPS)
_COMPETENCIES = {**_table(dict.fromkeys(competencies.CANMEDS, ())),
                 **{_norm(dutch): key for dutch, key in competencies.DUTCH_ALIASES.items()},
                 **_table(COMPETENCIES)}
_SELF = {_norm(name) for name in SELF}
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)")
"""ASCII digits only: ``²`` and other digits of Unicode are no score (``int`` would refuse them)."""

MAX_RESPONDENTS = 1_000_000
"""As the format allows (:mod:`ifms.records.model`): a larger number is told at its cell."""

MAX_CELL = csv.field_size_limit()
"""Characters in one cell (Python's csv module stops at 128 KiB): a cell larger is no score or
name of a report, and is told with its line and column rather than read."""


_KNOWN_GROUPS = tuple(Label("group", key) for key in GROUPS)
_KNOWN_COMPETENCIES = tuple(Label("competency", key) for key in competencies.CANMEDS)
_KNOWN_COLUMNS = tuple(Label("import.column", role) for role in COLUMNS)
"""What the messages list as known, named in the reader's language when they are shown."""


class ImportFailed(Exception):
    """The CSV file has problems (:class:`~ifms.problems.Problem`, keys ``import.problem.*``,
    ``column`` the CSV column's heading); nothing is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the CSV file")
        self.problems = problems


@dataclass
class GroupResult:
    respondents: int | None = None
    scores: dict[str, float] = field(default_factory=dict)
    first_line: int = 0


@dataclass
class FeedbackTable:
    """What the CSV file says: scores per group, and the specialist's own rating if present."""

    layout: Layout
    groups: dict[str, GroupResult] = field(default_factory=dict)
    self_assessment: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """Headings of columns that were not read (a standard deviation, a median)."""
    smaller_scale: float | None = None
    """The top of a smaller usual scale that every score fits, when the scale given is larger
    (``--scale 1-10`` for scores of at most 5): worth a warning, not a refusal."""


def parse_scale(text: str) -> tuple[float, float]:
    """``1-5``, ``1..5``, ``1–10``, ``1,5-4,5`` -> (low, high); ``ValueError`` otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(?:-|–|\.\.|/|tot|to)\s*(\d+(?:[.,]\d+)?)\s*", text)
    if not match:
        raise ValueError(text)
    low, high = (float(part.replace(",", ".")) for part in match.groups())
    if low >= high:
        raise ValueError(text)
    return low, high


def decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252 (Excel's "CSV")."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_rows(text: str, display: str) -> list[tuple[int, list[str]]]:
    """The non-empty rows of a CSV text with their line numbers, by the rules of this import
    (the delimiter, cells over the limit); for the import of one row per respondent too."""
    return _Reader(text, display, (0.0, 1.0), themes=False).rows


def read_table(path: Path, display: str, *, scale: tuple[float, float],
               layout: Literal["auto", "long", "wide"] = "auto", themes: bool = False) -> FeedbackTable:
    """Read a feedback report; raise :class:`ImportFailed` with every problem found."""
    return _Reader(decode(path.read_bytes()), display, scale, themes).read(layout)


class _Reader:
    def __init__(self, text: str, file: str, scale: tuple[float, float], themes: bool) -> None:
        self.file, self.scale, self.themes = file, scale, themes
        self.problems: list[Problem] = []
        self.rows = self._rows(text)

    # --- the file --------------------------------------------------------------------------

    def _rows(self, text: str) -> list[tuple[int, list[str]]]:
        """Non-empty rows with their line numbers; the delimiter is taken from the header.

        Not :class:`csv.Sniffer`: it guesses from character counts over a sample, takes a
        letter for the delimiter in a file of one column (``Groep`` / ``Verpleegkundigen``
        gives ``r``), and reads Excel's ``sep=;`` first line as data. The rule here can be told to a person (the error
        messages and docs do): a ``sep=`` first line wins, else a ``;`` in the header (Dutch
        Excel), a tab, or a comma.
        """
        lines = text.splitlines()
        skip, delimiter = 0, None
        while skip < len(lines) and not lines[skip].strip():
            skip += 1
        if skip < len(lines) and lines[skip].strip().lower().startswith("sep=") and len(lines[skip].strip()) > 4:
            delimiter, skip = lines[skip].strip()[4], skip + 1
        header = lines[skip] if skip < len(lines) else ""
        if delimiter is None:
            delimiter = ";" if ";" in header else "\t" if "\t" in header else ","
        body = "\n".join(lines[skip:])
        reader = csv.reader(io.StringIO(body), delimiter=delimiter)
        rows = []
        try:
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    rows.append((reader.line_num + skip, [cell.strip() for cell in cells]))
        except csv.Error:
            # The only error the reader raises here (strict is off) is a cell over the limit.
            done = rows[-1][0] - skip if rows else 0
            line, index = _oversized_cell(body.split("\n"), done, delimiter)
            heading = rows[0][1][index] if rows and done and index < len(rows[0][1]) else None
            self.fail(line + skip, shown(heading) if heading else None, "cell_too_large",
                      number=index + 1, limit=MAX_CELL // 1024)
            raise ImportFailed(self.problems) from None
        return rows

    def fail(self, line: int | None, column: str | None, key: str, **params: Any) -> None:
        # What the file says is quoted short: a cell of thousands of digits is not the message.
        params = {name: shown(value) if isinstance(value, str) else value for name, value in params.items()}
        column = shown(column) if column else column
        if key.startswith("unknown_") and any(
                (p.key, p.column, p.params.get("value"))
                == (f"import.problem.{key}", column, params.get("value"))
                for p in self.problems):
            return  # one unknown name is told once, at its first line
        self.problems.append(Problem(self.file, line, None, f"import.problem.{key}", params,
                                     column=column))

    def blank_columns(self, header: list[str]) -> set[int]:
        """Columns without heading or values (Excel adds them after a trailing delimiter)."""
        return {index for index, name in enumerate(header)
                if not name and not any(_cell(cells, index) for _, cells in self.rows[1:])}

    def read(self, layout: Literal["auto", "long", "wide"]) -> FeedbackTable:
        if not self.rows:
            self.fail(None, None, "empty")
            raise ImportFailed(self.problems)
        line, header = self.rows[0]
        roles = [_COLUMNS.get(_norm(name)) for name in header]
        if layout == "auto":
            if "competency" in roles and "score" in roles:
                layout = "long"
            elif "group" in roles:
                layout = "wide"
            else:
                self.fail(line, None, "no_layout", columns=", ".join(header))
                raise ImportFailed(self.problems)
        table = FeedbackTable(layout)
        table.skipped = [name for name, role in zip(header, roles, strict=True) if role is None and _is_statistic(name)]
        if layout == "long":
            self._long(header, roles, table)
        else:
            self._wide(header, roles, table)
        self._finish(table)
        if self.problems:
            raise ImportFailed(self.problems)
        table.smaller_scale = _smaller_scale(table, self.scale)
        return table

    # --- the two layouts -------------------------------------------------------------------

    def _long(self, header: list[str], roles: list[str | None], table: FeedbackTable) -> None:
        line = self.rows[0][0]
        blank = self.blank_columns(header)
        for index, (name, role) in enumerate(zip(header, roles, strict=True)):
            if role is None and index not in blank and not _is_statistic(name):
                self.fail(line, name, "unknown_column_long", known=_KNOWN_COLUMNS)
        columns = self._columns(header, roles, ("group", "competency", "score", "respondents"))
        if len(columns) < 4:
            return
        seen: dict[tuple[str, str], int] = {}
        for line, cells in self.rows[1:]:
            group = self._group(line, header[columns["group"]], _cell(cells, columns["group"]))
            competency = self._competency(line, header[columns["competency"]], _cell(cells, columns["competency"]))
            score = self._score(line, header[columns["score"]], _cell(cells, columns["score"]))
            respondents = self._respondents(line, header[columns["respondents"]],
                                            _cell(cells, columns["respondents"]))
            if group is None or competency is None:
                continue
            if (group, competency) in seen:
                self.fail(line, None, "twice", group=_cell(cells, columns["group"]),
                          competency=_cell(cells, columns["competency"]), first=seen[group, competency])
                continue
            seen[group, competency] = line
            self._put(table, line, group, competency, score, respondents)

    def _wide(self, header: list[str], roles: list[str | None], table: FeedbackTable) -> None:
        line = self.rows[0][0]
        columns = self._columns(header, roles, ("group", "respondents"))
        score_columns: dict[int, str] = {}
        blank = self.blank_columns(header)
        for index, (name, role) in enumerate(zip(header, roles, strict=True)):
            if index in columns.values() or index in blank or (role is None and _is_statistic(name)):
                continue
            if role is not None:
                self.fail(line, name, "column_in_wide")
                continue
            competency = self._competency(line, name, name, column_is_name=True)
            if competency is not None:
                if competency in score_columns.values():
                    self.fail(line, name, "column_twice")
                score_columns[index] = competency
        if not score_columns and not self.problems:
            self.fail(line, None, "no_competency_columns")
        if len(columns) < 2:
            return
        seen: dict[str, int] = {}
        for line, cells in self.rows[1:]:
            group = self._group(line, header[columns["group"]], _cell(cells, columns["group"]))
            respondents = self._respondents(line, header[columns["respondents"]],
                                            _cell(cells, columns["respondents"]))
            scores = {competency: self._score(line, header[index], _cell(cells, index))
                      for index, competency in score_columns.items()}
            if group is None:
                continue
            if group in seen:
                self.fail(line, header[columns["group"]], "group_twice",
                          group=_cell(cells, columns["group"]), first=seen[group])
                continue
            seen[group] = line
            for competency, score in scores.items():
                self._put(table, line, group, competency, score, respondents)
            if not scores:
                self._put(table, line, group, None, None, respondents)

    def _columns(self, header: list[str], roles: list[str | None], needed: tuple[str, ...]) -> dict[str, int]:
        line = self.rows[0][0]
        columns: dict[str, int] = {}
        for index, role in enumerate(roles):
            if role in needed:
                if role in columns:
                    self.fail(line, header[index], "column_twice")
                columns.setdefault(role, index)
        for role in needed:
            if role not in columns:
                self.fail(line, None, "missing_column", name=Label("import.column", role))
        return columns

    # --- cells -----------------------------------------------------------------------------

    def _group(self, line: int, column: str, value: str) -> str | None:
        key = _norm(value)
        if key in _SELF:
            return "self"
        if key in _GROUPS:
            return _GROUPS[key]
        suggestion = _nearest(key, _GROUPS, cutoff=0.8)
        if suggestion:
            self.fail(line, column, "unknown_group_suggest", value=value,
                      suggestion=Label("group", suggestion))
        else:
            self.fail(line, column, "unknown_group", value=value, known=_KNOWN_GROUPS)
        return None

    def _competency(self, line: int, column: str, value: str, *, column_is_name: bool = False) -> str | None:
        key = _norm(value)
        if key in _COMPETENCIES:
            return _COMPETENCIES[key]
        suggestion = _nearest(key, _COMPETENCIES, cutoff=0.8)
        if self.themes and key and not suggestion:
            return slugify(value, separator="_")
        where = "column" if column_is_name else "value"
        if suggestion:
            self.fail(line, column, "unknown_competency_suggest", value=value,
                      suggestion=Label("competency", suggestion))
        else:
            self.fail(line, column, f"unknown_competency_{where}", value=value, known=_KNOWN_COMPETENCIES)
        return None

    def _score(self, line: int, column: str, value: str) -> float | None:
        if _norm(value) in NO_SCORE:
            return None
        if not _NUMBER.fullmatch(value):
            self.fail(line, column, "not_a_score", value=value)
            return None
        score = float(value.replace(",", "."))
        low, high = self.scale
        if not low <= score <= high:
            self.fail(line, column, "score_outside_scale", value=value, min=_plain(low), max=_plain(high))
            return None
        return score

    def _respondents(self, line: int, column: str, value: str) -> int | None:
        if not value:
            return None
        if not (value.isascii() and value.isdigit()):  # not ``²``, which str.isdigit() accepts
            self.fail(line, column, "not_respondents", value=value)
            return None
        if len(value.lstrip("0")) > len(str(MAX_RESPONDENTS)) or int(value) > MAX_RESPONDENTS:
            self.fail(line, column, "too_many_respondents", value=value, max=MAX_RESPONDENTS)
            return None
        return int(value)

    # --- the result ------------------------------------------------------------------------

    def _put(self, table: FeedbackTable, line: int, group: str, competency: str | None,
             score: float | None, respondents: int | None) -> None:
        if group == "self":
            if competency is not None and score is not None:
                table.self_assessment[competency] = score
            return
        result = table.groups.setdefault(group, GroupResult(first_line=line))
        if respondents is not None:
            # Tools count respondents per question; the group's number is the most that answered.
            result.respondents = max(result.respondents or 0, respondents)
        if competency is not None and score is not None:
            result.scores[competency] = score

    def _finish(self, table: FeedbackTable) -> None:
        if self.problems:
            return
        if not table.groups:
            self.fail(None, None, "no_groups")
        for group, result in table.groups.items():
            if result.respondents is None:
                self.fail(result.first_line, None, "no_respondents", group=Label("group", group))


USUAL_SCALE_TOPS = (5.0, 10.0)


def _smaller_scale(table: FeedbackTable, scale: tuple[float, float]) -> float | None:
    """The smallest usual scale top below the given one that every score fits, if any."""
    scores = [score for group in table.groups.values() for score in group.scores.values()]
    scores += list(table.self_assessment.values())
    if not scores:
        return None
    highest = max(scores)
    return next((top for top in USUAL_SCALE_TOPS if highest <= top < scale[1] and scale[1] >= 1.5 * top), None)


def _oversized_cell(lines: list[str], done: int, delimiter: str) -> tuple[int, int]:
    """(line, column index) of the first cell over :data:`MAX_CELL` after the ``done`` lines
    the reader took; the same quoting rules as the csv module's (a ``"`` opens a quoted cell
    at its start, ``""`` inside one is a quote)."""
    line, index, size, quoted, at_start = done + 1, 0, 0, False, True
    text = "\n".join(lines[done:])
    position = 0
    while position < len(text):
        char = text[position]
        if quoted:
            if char == '"' and text[position + 1:position + 2] == '"':
                position += 1
                size += 1
            elif char == '"':
                quoted = False
            else:
                size += 1
                if char == "\n":
                    line += 1
        elif char == '"' and at_start:
            quoted = True
        elif char == delimiter:
            index, size = index + 1, 0
        elif char == "\n":
            line, index, size = line + 1, 0, 0
        else:
            size += 1
        at_start = char in (delimiter, "\n") and not quoted
        if size > MAX_CELL:
            return line, index
        position += 1
    return line, index


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _nearest(key: str, names: dict[str, str], cutoff: float = 0.75) -> str | None:
    match = nearest(key, names, cutoff=cutoff) if key else None
    return names[match] if match else None


def _plain(value: float) -> str:
    """A number as a person writes it in a scale: ``5``, ``4.5``."""
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class RoundDetails:
    """What the CSV file does not say about the round: the command line gives it."""

    day: date
    scale: tuple[float, float]
    instrument: str = "msf"
    title: str | None = None
    existing: bool = False
    provider: str | None = None

    def title_in(self, locale: Locale) -> str:
        """The title given, or the instrument and year: ``360°-feedback 2026``."""
        return self.title or f"{locale.label('instrument', self.instrument)} {self.day.year}"


def feedback_yaml(table: FeedbackTable, details: RoundDetails, *, schema_line: str, source_name: str,
                  locale: Locale, comments: list[tuple[str, str]] | None = None,
                  notes: list[str] | None = None) -> str:
    """The record's YAML, laid out like the example files (one line of scores per group), and
    checked as ``ifms check`` will check it (:class:`~ifms.authoring.draft.DraftInvalid` if not)."""
    def scores(values: dict[str, float]) -> str:
        ordered = competencies.order(set(values))
        return "{" + ", ".join(f"{scalar(key)}: {float(values[key])!r}" for key in ordered) + "}"

    comment = locale.t("import.comment", source=source_name, date=locale.date(details.day))
    lines = [schema_line, f"# {comment}", *(f"# {note}" for note in notes or []),
             "kind: feedback", f"title: {scalar(details.title_in(locale))}",
             f"date: {details.day.isoformat()}", f"instrument: {details.instrument}",
             f"existing: {'true' if details.existing else 'false'}"]
    if details.provider:
        lines.append(f"provider: {scalar(details.provider)}")
    low, high = details.scale
    lines += [f"scale: [{_plain(low)}, {_plain(high)}]", "groups:"]
    for group, result in table.groups.items():
        lines += [f"  {group}:", f"    respondents: {result.respondents}",
                  f"    scores: {scores(result.scores)}"]
    if table.self_assessment:
        lines.append(f"self: {scores(table.self_assessment)}")
    if comments:
        lines.append("comments:")
        for group, text in comments:  # block style: a comma in the text must not end a flow mapping
            lines += [f"  - group: {scalar(group)}", f"    text: {scalar(text)}"]
    lines.append("share: true")
    return require_valid("\n".join(lines) + "\n", "feedback.yml")
