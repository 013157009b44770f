"""A record about to be written, checked as ``ifms check`` will check it.

``ifms new``, ``ifms init`` and ``ifms import-feedback`` write files the specialist did not
type. Those files must pass the check as they stand, so every text is validated with the same
models and per-record checks before anything is written; a failure is a bug, and it must
never leave a broken file behind. The exceptions are what a template leaves to fill in
(``load.LEFT_TO_FILL_IN``): a placeholder, a feedback round without figures. They are written
on purpose, for the specialist to replace, and ``ifms check`` refuses them until then.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ifms.problems import Problem
from ifms.records import consistency, load
from ifms.source import discovery


def problems_in(text: str, relative: str, display: str | None = None) -> list[Problem]:
    """The errors ``ifms check`` would report for ``text`` saved as ``relative``."""
    display = display or relative
    is_yaml = relative.lower().endswith(discovery.YAML_SUFFIXES)
    problems: list[Problem] = []
    result = load.read_record_text(text, relative, display, is_yaml, problems)
    if result is None:
        problems.append(Problem(display, None, None, "no_kind"))
    elif result is not None and not isinstance(result, str):
        problems += consistency.problems_for(
            consistency.check_record(result.record, result.source), display, result.source)
    return [problem for problem in problems if problem.severity == "error"]


class DraftInvalid(Exception):
    """A text this program made would not pass ``ifms check``: a bug, and nothing is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in a generated record")
        self.problems = problems


def require_valid(text: str, relative: str) -> str:
    """``text`` itself if it passes the check but for what it leaves to fill in (placeholders,
    a feedback round's figures); :class:`DraftInvalid` otherwise."""
    problems = [problem for problem in problems_in(text, relative) if problem.key not in load.LEFT_TO_FILL_IN]
    if problems:
        raise DraftInvalid(problems)
    return text


def scalar(value: Any) -> str:
    """``value`` as one YAML scalar, quoted only where YAML needs it (``"Titel: tekst"``)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()



_TRAILING_COMMENT = re.compile(r"^(.*\S)\s{2,}(#\s.*)$")


def align_comments(text: str, column: int = 34) -> str:
    """Line up trailing ``# ...`` comments, which filled-in values (a long path, a date) push
    out of line in a template."""
    def aligned(line: str) -> str:
        match = _TRAILING_COMMENT.match(line)
        if not match:
            return line
        code, comment = match.groups()
        return f"{code.ljust(max(column, len(code) + 2))}{comment}"

    return "\n".join(aligned(line) for line in text.split("\n"))
