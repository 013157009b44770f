"""Read a portfolio folder into validated records, or say precisely what is wrong.

Every file is read, and every problem in every file is collected before anything is reported:
a specialist fixing their portfolio wants the whole list at once, not one error per build.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ifms.i18n.locale import SUPPORTED, Locale
from ifms.problems import (
    PortfolioInvalid,
    Problem,
    field_name,
    from_validation_error,
    nearest,
    relative_display,
    shown,
)
from ifms.records import consistency
from ifms.records.model import MARKDOWN_KINDS, YAML_KINDS, PageRecord, Profile, Record
from ifms.records.portfolio import Portfolio
from ifms.source import discovery, frontmatter, yaml_source
from ifms.source.discovery import MARKDOWN_SUFFIXES, YAML_SUFFIXES, page_of

UNREADABLE = consistency.UNREADABLE

PLACEHOLDER_LEFT = "placeholder_left"
"""The problem of a value that is still the template's text: ``ifms new`` writes it (the
template must show what goes there), ``ifms check`` refuses it until it is filled in."""

LEFT_TO_FILL_IN = frozenset({PLACEHOLDER_LEFT, consistency.FEEDBACK_UNFILLED})
"""What a fresh template may hold and ``ifms check`` refuses: its placeholders, and a feedback
round without figures."""

TEMPLATE_PLACEHOLDERS = ("leader", "goal", "action")
"""Texts under ``new.placeholder`` in the locale files, which the templates of ``ifms new``
write where only the specialist knows what goes (the gespreksleider's name, a POP's goal)."""


@cache
def placeholders() -> frozenset[str]:
    """Every template placeholder, in every language (a portfolio may switch languages)."""
    return frozenset(Locale(lang).t(f"new.placeholder.{name}").strip()
                     for lang in SUPPORTED for name in TEMPLATE_PLACEHOLDERS)


@dataclass
class _Read:
    """One file read as a record, with what is needed to point at its lines later."""

    record: Record
    display: str
    source: yaml_source.SourceMap


ReadCache = dict
"""Relative path -> ((mtime_ns, size), result, problems) of files read before."""


def load_portfolio(
    root: Path, *, display_base: Path | None = None, cache: ReadCache | None = None,
    generated_pages: Mapping[str, str] | None = None,
) -> Portfolio:
    """Load and validate the portfolio in ``root``; raise :class:`PortfolioInvalid` on errors.

    Warnings (a YAML file without ``kind``) are kept on the returned portfolio. With a
    ``cache`` (kept by the caller between ``mkdocs serve`` rebuilds), a file whose time and
    size did not change is not read again: editing one reflection re-reads one file.
    ``generated_pages``: pages the site makes besides record pages, each with the option that
    names it (:meth:`ifms.options.Options.named_pages`); a YAML record whose page would take the place of one is
    an error, as is one whose page is another record's or a folder's index page.
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
    found = discovery.find(root)
    problems += [_unreadable_problem(item, root, display_base) for item in found.unreadable]
    shown_root = relative_display(root, display_base).rstrip("/")
    for path in found.files:
        relative = path.relative_to(root).as_posix()
        seen.add(relative)
        # Not resolved: a file in a linked folder is named where it is in the portfolio.
        display = relative if shown_root in ("", ".") else f"{shown_root}/{relative}"
        is_yaml = path.suffix.lower() in YAML_SUFFIXES
        if is_yaml:
            portfolio.data_files.append(relative)
        else:
            portfolio.markdown_pages.add(relative)
        try:
            stat = path.stat()
        except OSError as error:  # gone or changed since the folder was read
            problems.append(Problem(display, None, None, "file_unreadable", {"detail": error.strerror or ""}))
            continue
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
        problems += consistency.problems_for(
            consistency.check_attachments(item.record, root), item.display, item.source
        )
    for record, field, key, params in consistency.check_references(
        {path: item.record for path, item in records.items()}, invalid
    ):
        item = records[record.path]
        problems += consistency.problems_for(iter([(field, key, params)]), item.display,
                                             item.source)
    problems += _place_records(portfolio, read, root, display_base,
                               profile_invalid=bool({"profile", UNREADABLE} & set(invalid.values())))
    problems += _page_clashes(read, portfolio.markdown_pages, generated_pages or {})

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
    except OSError as error:
        problems.append(Problem(display, None, None, "file_unreadable", {"detail": error.strerror or ""}))
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
    problems.extend(_placeholders_left(data, display, parsed.source))
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
             "conversation": portfolio.conversations, "reflection": portfolio.reflections,
             "questionnaire": portfolio.questionnaires}
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


def _placeholders_left(data: Any, display: str, source: yaml_source.SourceMap) -> list[Problem]:
    """A problem for every value that is still a template's placeholder."""
    known = placeholders()
    left: list[Problem] = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))
        elif isinstance(node, str) and node.strip() in known:
            left.append(Problem(display, source.line_of(path), field_name(path, source) or None,
                                PLACEHOLDER_LEFT, {"value": shown(node.strip())}))

    walk(data, ())
    return left


def _unreadable_problem(item: discovery.Unreadable, root: Path, display_base: Path | None) -> Problem:
    """An entry of the portfolio that cannot be read, told by its own name."""
    target = "-"
    if item.target is not None:
        real_root = root.resolve()
        target = (_entry_display(root / item.target.relative_to(real_root), display_base)
                  if item.target.is_relative_to(real_root) else item.target.as_posix()) + "/"
    return Problem(_entry_display(item.path, display_base), None, None, f"file_{item.reason}",
                   {"target": target})


def _entry_display(path: Path, base: Path | None) -> str:
    """``path`` as shown, without following its last part: a link is named, not its target."""
    folder = relative_display(path.parent, base)
    return path.name if folder in ("", ".") else f"{folder.rstrip('/')}/{path.name}"


def _page_clashes(read: list[_Read], markdown_pages: set[str], generated_pages: Mapping[str, str]
                  ) -> list[Problem]:
    """YAML records whose page would be another file's or a generated page: one of the two
    would silently go missing from the site (``r.yml`` beside ``r.yaml``, ``overzicht.yml``,
    ``feedback/index.yml``)."""
    problems: list[Problem] = []
    first: dict[str, _Read] = {}
    for item in sorted(read, key=lambda item: item.record.path):
        relative = item.record.path
        if relative.lower().endswith(MARKDOWN_SUFFIXES):
            continue
        page, line = page_of(relative), item.source.line_of(("kind",))
        folder = posixpath.dirname(relative)
        if page in first:
            problems.append(Problem(item.display, line, None, "page_clash_record",
                                    {"page": page, "other": first[page].display}))
            continue
        first[page] = item
        if page in markdown_pages:
            own = item.display[: len(item.display) - len(relative)] + page
            problems.append(Problem(item.display, line, None, "page_clash_markdown", {"page": page, "other": own}))
            continue
        if page in generated_pages:
            problems.append(Problem(item.display, line, None, "page_clash_generated",
                                    {"page": page, "option": generated_pages[page]}))
        elif folder and posixpath.basename(page) == "index.md":
            problems.append(Problem(item.display, line, None, "page_clash_index",
                                    {"page": page, "folder": f"{folder}/"}))
    return problems
