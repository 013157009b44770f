"""Read a portfolio folder into validated records, or say precisely what is wrong.

Every file is read, and every problem in every file is collected before anything is reported:
a specialist fixing their portfolio wants the whole list at once, not one error per build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ifms.problems import (
    PortfolioInvalid,
    Problem,
    from_validation_error,
    nearest,
    relative_display,
    shown,
)
from ifms.records import consistency
from ifms.records.model import MARKDOWN_KINDS, YAML_KINDS, PageRecord, Profile, Record
from ifms.records.portfolio import Portfolio
from ifms.source import frontmatter, yaml_source
from ifms.source.discovery import YAML_SUFFIXES, portfolio_files

UNREADABLE = consistency.UNREADABLE


@dataclass
class _Read:
    """One file read as a record, with what is needed to point at its lines later."""

    record: Record
    display: str
    source: yaml_source.SourceMap


ReadCache = dict
"""Relative path -> ((mtime_ns, size), result, problems) of files read before."""


def load_portfolio(
    root: Path, *, display_base: Path | None = None, cache: ReadCache | None = None
) -> Portfolio:
    """Load and validate the portfolio in ``root``; raise :class:`PortfolioInvalid` on errors.

    Warnings (a YAML file without ``kind``) are kept on the returned portfolio. With a
    ``cache`` (kept by the caller between ``mkdocs serve`` rebuilds), a file whose time and
    size did not change is not read again: editing one reflection re-reads one file.
    """
    root = Path(root)
    portfolio = Portfolio(root=root)
    problems: list[Problem] = []
    read: list[_Read] = []
    invalid: dict[str, str] = {}
    """Records whose kind is known but that failed validation: already reported, so neither a
    reference to them nor a missing profile is reported again."""
    if not root.is_dir():
        raise PortfolioInvalid([Problem(relative_display(root, display_base), None, None,
                                        "no_portfolio_folder")])
    seen: set[str] = set()
    for path in portfolio_files(root):
        relative = path.relative_to(root).as_posix()
        seen.add(relative)
        display = relative_display(path, display_base)
        is_yaml = path.suffix.lower() in YAML_SUFFIXES
        if is_yaml:
            portfolio.data_files.append(relative)
        else:
            portfolio.markdown_pages.add(relative)
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        hit = cache.get(relative) if cache is not None else None
        if hit is not None and hit[0] == stamp:
            result, file_problems = hit[1], hit[2]
        else:
            file_problems = []
            result = _read_file(path, relative, display, is_yaml, file_problems)
            if cache is not None:
                cache[relative] = (stamp, result, file_problems)
        problems += file_problems
        if isinstance(result, _Read):
            read.append(result)
        elif result is not None:
            invalid[relative] = result

    if cache is not None:
        for gone in set(cache) - seen:
            del cache[gone]
    records = {item.record.path: item for item in read}
    for item in read:
        problems += consistency.problems_for(
            consistency.check_record(item.record, item.source), item.display, item.source
        )
    for record, field, key, params in consistency.check_references(
        {path: item.record for path, item in records.items()}, invalid
    ):
        item = records[record.path]
        problems += consistency.problems_for(iter([(field, key, params)]), item.display,
                                             item.source)
    problems += _place_records(portfolio, read, root, display_base,
                               profile_invalid=bool({"profile", UNREADABLE} & set(invalid.values())))

    portfolio.warnings = [p for p in problems if p.severity == "warning"]
    if any(p.severity == "error" for p in problems):
        raise PortfolioInvalid(sorted(problems, key=_problem_order))
    portfolio.sort()
    return portfolio


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0)


def _read_file(
    path: Path, relative: str, display: str, is_yaml: bool, problems: list[Problem]
) -> _Read | str | None:
    """The record in ``path``; its kind if it is a record with errors; None if no record."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(display, None, None, "not_utf8"))
        return None
    return read_record_text(text, relative, display, is_yaml, problems)


def read_record_text(
    text: str, relative: str, display: str, is_yaml: bool, problems: list[Problem]
) -> _Read | str | None:
    """The record in ``text`` as :func:`_read_file` reads it from a file.

    Commands that write a record (``ifms new``, ``ifms import-feedback``) check their text
    with this before writing, so nothing is written that ``ifms check`` would reject.
    """
    body = ""
    offset = 0
    if is_yaml:
        yaml_text = text
    else:
        parts = frontmatter.split(text)
        if parts.front_matter is None:
            return None
        yaml_text, body, offset = parts.front_matter, parts.body, 1

    try:
        parsed = yaml_source.parse(yaml_text, line_offset=offset)
    except yaml_source.SyntaxProblem as problem:
        problems.append(Problem(display, problem.line, None, problem.key, problem.params))
        return UNREADABLE
    for duplicate in parsed.source.duplicates:
        problems.append(Problem(display, duplicate.line, ".".join(map(str, duplicate.path)),
                                "duplicate_key", {"first_line": duplicate.first_line}))

    data = parsed.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind is None:
        if is_yaml:
            problems.append(Problem(display, None, None, "no_kind", severity="warning"))
        return None
    own_kinds, other_kinds = (YAML_KINDS, MARKDOWN_KINDS) if is_yaml else (MARKDOWN_KINDS, YAML_KINDS)
    line = parsed.source.line_of(("kind",))
    if isinstance(kind, (dict, list)):
        problems.append(Problem(display, line, "kind", "kind_not_text", {"known": ", ".join(own_kinds)}))
        return UNREADABLE  # it may be meant as any record
    if kind not in own_kinds:
        if kind in other_kinds:
            key = "kind_needs_markdown" if is_yaml else "kind_needs_yaml"
            problems.append(Problem(display, line, "kind", key, {"kind": kind}))
        else:
            suggestion = nearest(shown(str(kind)), [*own_kinds, *other_kinds])
            problems.append(Problem(display, line, "kind", "unknown_kind", {
                "kind": shown(kind), "known": ", ".join([*own_kinds, *other_kinds]),
                "suggestion": suggestion or "-"}))
        return None
    model = own_kinds[kind]
    try:
        record = model.model_validate(data)
    except ValidationError as error:
        problems.extend(from_validation_error(error, model, display, parsed.source))
        return str(kind)
    record._path = relative
    if isinstance(record, PageRecord):
        record._heading = frontmatter.first_heading(body)
    return _Read(record, display, parsed.source)


def _place_records(
    portfolio: Portfolio, read: list[_Read], root: Path, display_base: Path | None,
    *, profile_invalid: bool,
) -> list[Problem]:
    """Put each record in its list; exactly one profile is required."""
    problems: list[Problem] = []
    lists: dict[str, list[Any]] = {"feedback": portfolio.feedback, "pop": portfolio.pops,
             "conversation": portfolio.conversations, "reflection": portfolio.reflections}
    first_profile: _Read | None = None
    for item in read:
        record = item.record
        if isinstance(record, Profile):
            if first_profile is None:
                first_profile = item
                portfolio.profile = record
            else:
                problems.append(Problem(item.display, item.source.line_of(("kind",)), "kind",
                                        "profile_twice", {"first": first_profile.display}))
        else:
            lists[record.kind].append(record)
    if first_profile is None and not profile_invalid:
        problems.append(Problem(relative_display(root, display_base), None, None, "no_profile"))
    return problems
