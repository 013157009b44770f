"""Problems found in a portfolio, told to a person: file, line, field, what and how to fix.

A problem is kept as data (a message key and its parameters) and put into words only when it
is shown, so ``ifms check``, the MkDocs build and the tests share one source and one language
switch. Pydantic's own error types are translated here; its English text is never shown.
Every problem is told the same way, ``file:line: fout in veld 'x': ...``, whether it comes
from validation, the YAML parser, the CSV import or the privacy scan.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path as FsPath
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ifms.i18n.locale import Locale
from ifms.records import choices
from ifms.source.yaml_source import Path, SourceMap, normalise_path

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Label:
    """A domain value named in the reader's language only when the problem is put into words:
    ``Label("group", "nurses")`` reads "Verpleegkundigen" in Dutch (:meth:`Locale.label`)."""

    group: str
    key: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of the portfolio.

    ``key`` names the text: under ``problem.`` (``missing``, ``yaml.tab``), or in full
    (``import.problem.empty``, ``privacy.found.bsn``). ``column`` is a CSV column's name,
    shown after the line, or the position on the line (not shown: the line and the value
    in the message are enough to find it).
    """

    file: str
    line: int | None
    field: str | None
    key: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)  # ``field`` is a field here
    severity: Severity = "error"
    column: int | str | None = None

    def message(self, locale: Locale) -> str:
        """The problem in words; a pydantic error type without a text of its own in the
        locale files is shown as an invalid value with pydantic's detail."""
        if locale.has(f"problem.{self.key}"):
            key = f"problem.{self.key}"
        else:
            key = self.key if "." in self.key and locale.has(self.key) else "problem.invalid"
        return locale.t(key, **{name: _word(value, locale) for name, value in self.params.items()})

    def render(self, locale: Locale) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        label = locale.t(f"severity.{self.severity}")
        where = f"{place}: {label}"
        if isinstance(self.column, str) and self.column:
            where += f" {locale.t('problem.in_column', column=self.column)}"
        if self.field:
            where += f" {locale.t('problem.in_field', field=shown(self.field))}"
        return f"{where}: {self.message(locale)}"


def _word(value: Any, locale: Locale) -> Any:
    """A parameter as the reader sees it: numbers and labels in the language, a list of
    labels as one line."""
    if isinstance(value, Label):
        return locale.label(value.group, value.key)
    if isinstance(value, tuple):
        return ", ".join(str(_word(item, locale)) for item in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if abs(value) >= 10 ** 15 and value != float("inf") and value != float("-inf"):
            return shown(f"{value:.6g}" if isinstance(value, float) else str(value))  # past babel's precision
        return locale.number(value)
    return value


class PortfolioInvalid(Exception):
    """The portfolio has errors; the build and ``ifms check`` stop with these problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the portfolio")
        self.problems = problems

    def render(self, locale: Locale) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        head = locale.t("check.errors_found", count=len(errors))
        lines = [problem.render(locale) for problem in self.problems]
        return "\n".join([head, *lines, locale.t("check.fix_and_retry")])


def field_name(path: Path, source: SourceMap | None = None) -> str:
    """``("goals", 0, "actions", 1, "due")`` -> ``goals[0].actions[1].due``.

    With ``source``, a number that is a mapping key in the file (a year in ``work_hours``)
    is shown as a key, ``work_hours.2019``, not as a list position.
    """
    text = ""
    for depth, part in enumerate(path):
        is_key = source is not None and (*normalise_path(path[:depth]), str(part)) in source.key_lines
        if isinstance(part, int) and not is_key:
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def nearest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate a typo most likely meant, if any is close enough."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def from_validation_error(
    error: ValidationError, model: type, file: str, source: SourceMap
) -> list[Problem]:
    """Turn pydantic's errors into problems with the line each one is on."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if part not in ("[key]",))
        kind = detail["type"]
        ctx = detail.get("ctx") or {}
        params: dict[str, Any] = {"value": shown(detail.get("input")), "detail": detail.get("msg", "")}
        params.update({key: shown(value) for key, value in ctx.items()})
        is_key_problem = kind == "extra_forbidden"
        if kind == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            suggestion = nearest(str(loc[-1]), allowed)
            params["key"] = loc[-1]
            params["known"] = ", ".join(sorted(allowed))
            kind = "extra_forbidden_suggest" if suggestion else "extra_forbidden"
            params["suggestion"] = suggestion
        elif kind == "missing":
            params["key"] = loc[-1]
        elif kind == "literal_error":
            params["expected"] = _literal_values(model, loc)
        problems.append(
            Problem(
                file=file,
                line=source.line_of(loc, key=is_key_problem or kind == "missing"),
                field=field_name(loc, source) or None,
                key=kind,
                params=params,
            )
        )
    return problems


SHOWN_LENGTH = 80
"""Characters of a value quoted in a message; a longer one ends in an ellipsis."""


def shown(value: Any) -> Any:
    """A value as a message quotes it: a list or mapping as an ellipsis, text cut short, so
    that a pasted page or a number of a thousand digits does not become the message."""
    if isinstance(value, (dict, list, tuple)):
        return "…"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * SHOWN_LENGTH:
        return f"{str(value)[:SHOWN_LENGTH - 1]}…" if value.bit_length() < 10_000 else "…"
    if isinstance(value, str) and len(value) > SHOWN_LENGTH:
        return value[:SHOWN_LENGTH - 1] + "…"
    return value


def _annotation_at(model: type, loc: tuple) -> Any:
    """The type expected at ``loc`` inside ``model``, following models, lists and dicts."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        origin = get_origin(current)
        if origin in (list, tuple):
            current = get_args(current)[0]
        elif origin is dict:
            current = get_args(current)[1]
        elif _is_model(current):
            info = next(
                (i for n, i in current.model_fields.items() if (i.alias or n) == str(part)), None
            )
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    return _unwrap(current)


def _allowed_keys(model: type, loc: tuple) -> list[str]:
    current = _annotation_at(model, loc)
    if _is_model(current):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _literal_values(model: type, loc: tuple) -> str:
    """The choices at ``loc``, each with the Dutch word also accepted: ``in_progress (bezig)``."""
    current = _annotation_at(model, loc)
    if get_origin(current) is not Literal:
        return ""
    values = tuple(str(value) for value in get_args(current))
    words = choices.suggested(values) or {}
    return ", ".join(f"{value} ({words[value]})" if value in words else value for value in values)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """``Annotated[X, ...]`` -> ``X``; ``X | None`` -> ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def relative_display(path: FsPath, base: FsPath | None = None) -> str:
    """A path as the person typed it: relative to the working directory where possible.

    Tried as written first and resolved only then: a file in a linked folder of the portfolio
    is named where the specialist sees it (``portfolio/extern/r.md``), not by the absolute
    path the link leads to.
    """
    base = base or FsPath.cwd()
    for candidate, against in ((path.absolute(), base.absolute()),
                               (path.resolve(), base.resolve())):
        try:
            return candidate.relative_to(against).as_posix()
        except ValueError:
            continue
    return path.as_posix()
