"""Find patient-identifying details in portfolio text before they reach git.

A reflection is about a situation, not a person; yet a BSN or a date of birth typed in a
hurry stays in git history for good. The scan reads raw text lines (front matter, YAML
comments and all), so every finding has its exact line:

- a Dutch citizen service number (BSN: nine digits passing the 11-test) is an error;
- a date of birth (a date right after "geboren", "geb.", "geboortedatum", "DOB", "born"),
  an e-mail address and a phone number are warnings.

Ordinary dates, years, scores and page numbers are not flagged. The marker ``privacy-ok`` in
a comment (``<!-- privacy-ok -->`` in Markdown, ``# privacy-ok`` in YAML and front matter)
silences a known false alarm on its own line only. What was found is shown masked
(``1234***82``), so the warning itself does not copy the detail into a log.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ifms.i18n.locale import Locale
from ifms.problems import Problem, relative_display
from ifms.source import discovery, frontmatter

Kind = Literal["bsn", "birth_date", "email", "phone"]
SUFFIXES = (*discovery.YAML_SUFFIXES, *discovery.MARKDOWN_SUFFIXES)

MARKER = "privacy-ok"
MARKDOWN_MARKER = f"<!-- {MARKER} -->"
YAML_MARKER = f"# {MARKER}"
_SILENCED = re.compile(rf"(?:<!--|#)\s*{MARKER}\b")

# Nine digits, alone or written 1234.56.782 / 1234 56 782 / 123 456 782 / 123-456-782; not
# part of a longer number or a decimal (3.141592653).
_BSN = re.compile(
    r"(?<![\d.,-])(?:\d{9}|\d{4}([. -])\d{2}\1\d{3}|\d{3}([ -])\d{3}\2\d{3})(?!\d|[.,-]\d)")
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

_SEP = r"(?: ?[-/] ?|[ .])?"
# Dutch numbers: 0 and nine digits (06-12345678, 020 123 4567), or +31/0031 and nine digits
# (+31 (0)6 1234 5678); other countries: + and 8 to 12 digits.
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?\d(?:{_SEP}\d){{8}}"
    rf"|0\d(?:{_SEP}\d){{8}}"
    rf"|\+[1-9]\d{{0,2}}{_SEP}(?:\d{_SEP}){{7,11}}\d)(?!\d|[.,:]\d)")
# A date with a time behind it (01-02-2024 10:30) has nine digits too: it is not a number.
_DATE_SHAPE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2}")

_MONTHS = (r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|m(?:aa)?rt|march|mar|apr(?:il)?|mei|may"
           r"|jun[ie]?|jul[iy]?|aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?"
           r"|nov(?:ember)?|dec(?:ember)?")
_DATE = (rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
         rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}")
_BIRTH_WORDS = (r"geboren|geb\.?|geboortedatum|geb\.?\s?datum|geboortedag|d\.?o\.?b\.?"
                r"|date\s+of\s+birth|birth\s?date|born")
# The date must follow the word closely, with no other number in between.
_BIRTH_DATE = re.compile(rf"(?<!\w)(?:{_BIRTH_WORDS})(?!\w)[^\d\n]{{0,25}}?({_DATE})(?!\d)",
                         re.IGNORECASE)
# What every finding needs on its line: nine digits (a BSN; a phone number has ten), an @ or
# a birth word. Most lines have none, and are not scanned further (a whole career: 0.1 s, not 0.4).
_DIGIT = re.compile(r"\d")
_BIRTH_WORD = re.compile(rf"(?<!\w)(?:{_BIRTH_WORDS})(?!\w)", re.IGNORECASE)


def is_bsn(digits: str) -> bool:
    """The 11-test: digits weighted 9, 8, ... 2, -1 sum to a multiple of 11 (and not all zero)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    return sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True)) % 11 == 0


def mask(text: str) -> str:
    """Enough to find it on the line, not enough to read it: ``1234***82``."""
    return f"{text[:4]}***{text[-2:]}" if len(text) > 6 else f"{text[:1]}***"


class Finding(Problem):
    """One detail that may identify a patient, at one line (and column) of one file: a
    :class:`~ifms.problems.Problem` with key ``privacy.found.<kind>``, an error for a BSN and a
    warning otherwise. ``kind``, ``masked`` and ``marker`` (the silencing comment that fits the
    line) are kept by name for the page template, ``privacy_warning.md.j2``, and own copies of it."""

    @classmethod
    def of(cls, file: str, line: int, column: int, kind: Kind, masked: str, marker: str) -> Finding:
        return cls(file, line, None, f"privacy.found.{kind}", {"masked": masked, "marker": marker},
                   "error" if kind == "bsn" else "warning", column)

    @property
    def kind(self) -> Kind:
        return self.key.rsplit(".", 1)[-1]  # type: ignore[return-value]

    @property
    def masked(self) -> str:
        return self.params["masked"]

    @property
    def marker(self) -> str:
        return self.params["marker"]


def scan_text(text: str, file: str, *, markdown: bool) -> list[Finding]:
    """Every finding in ``text``; ``markdown`` decides which marker fits outside front matter."""
    text = text.lstrip("\ufeff")
    yaml_lines = 0
    if markdown:
        parts = frontmatter.split(text)
        yaml_lines = parts.body_first_line - 1 if parts.front_matter is not None else 0
    findings: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not _worth_scanning(line) or _SILENCED.search(line):
            continue
        marker = MARKDOWN_MARKER if markdown and number > yaml_lines else YAML_MARKER
        findings += [Finding.of(file, number, column, kind, mask(found), marker)
                     for column, kind, found in _scan_line(line)]
    return findings


def _worth_scanning(line: str) -> bool:
    return "@" in line or len(_DIGIT.findall(line)) >= 9 or _BIRTH_WORD.search(line) is not None


def _scan_line(line: str) -> list[tuple[int, Kind, str]]:
    found: list[tuple[int, Kind, str]] = []
    taken: list[range] = []

    def add(start: int, end: int, kind: Kind, text: str) -> None:
        if not any(start < span.stop and span.start < end for span in taken):
            taken.append(range(start, end))
            found.append((start + 1, kind, text))

    for match in _BSN.finditer(line):
        if is_bsn(re.sub(r"\D", "", match.group(0))):
            add(match.start(), match.end(), "bsn", match.group(0))
    for match in _BIRTH_DATE.finditer(line):
        add(match.start(1), match.end(1), "birth_date", match.group(1))
    for match in _EMAIL.finditer(line):
        add(match.start(), match.end(), "email", match.group(0))
    for match in _PHONE.finditer(line):
        if not _DATE_SHAPE.match(match.group(0).lstrip("+")):
            add(match.start(), match.end(), "phone", match.group(0))
    return sorted(found)


def scan_file(path: Path, display: str | None = None) -> list[Finding]:
    """Findings in one file; text that is not valid UTF-8 is still read (as far as it goes)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return scan_text(text, display or relative_display(path),
                     markdown=path.suffix.lower() in discovery.MARKDOWN_SUFFIXES)


@dataclass
class Scan:
    """What a scan found, and in how many files it looked."""

    findings: list[Finding]
    files: int
    by_file: dict[Path, list[Finding]] = field(default_factory=dict)
    """The findings of each file that has any."""

    @property
    def has_errors(self) -> bool:
        return any(finding.severity == "error" for finding in self.findings)


def scan_files(paths: Iterable[Path]) -> Scan:
    """The Markdown and YAML files among ``paths`` (as a pre-commit hook passes them)."""
    scanned = [path for path in paths if path.suffix.lower() in SUFFIXES]
    by_file = {path: found for path in scanned if (found := scan_file(path))}
    return Scan([finding for found in by_file.values() for finding in found], len(scanned), by_file)


ScanCache = dict
"""File path -> ((mtime_ns, size), findings) of files scanned before."""


def scan_portfolio(root: Path, *, cache: ScanCache | None = None) -> Scan:
    """Every file the portfolio is read from (the same files ``ifms check`` reads).

    With a ``cache`` (kept by the site plugin between ``mkdocs serve`` rebuilds), a file whose
    time and size did not change is not read again.
    """
    files = discovery.portfolio_files(root) if root.is_dir() else []
    if cache is None:
        return scan_files(files)
    by_file: dict[Path, list[Finding]] = {}
    for path in files:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = cache.get(str(path))
        if kept is None or kept[0] != stamp:
            kept = cache[str(path)] = (stamp, scan_file(path))
        if kept[1]:
            by_file[path] = kept[1]
    for gone in set(cache) - {str(path) for path in files}:
        del cache[gone]
    return Scan([finding for found in by_file.values() for finding in found], len(files), by_file)


class NotARepository(Exception):
    """Not inside a git repository, or git is not installed."""


def scan_staged(cwd: Path | None = None) -> Scan:
    """What is staged for the next commit (the index, not the working copy): for a plain git
    pre-commit hook, which must judge exactly what is about to be committed."""
    try:
        top = Path(git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
        names = git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], top)
    except (OSError, subprocess.CalledProcessError):
        raise NotARepository() from None
    findings, count = [], 0
    for name in filter(None, names.decode("utf-8", errors="replace").split("\0")):
        suffix = Path(name).suffix.lower()
        if suffix in SUFFIXES:
            count += 1
            staged = git(["show", f":{name}"], top).decode("utf-8", errors="replace")
            findings += scan_text(staged, relative_display(top / name),
                                  markdown=suffix in discovery.MARKDOWN_SUFFIXES)
    return Scan(findings, count)


def git(args: list[str], cwd: Path | None) -> bytes:
    """What a git command prints (:class:`subprocess.CalledProcessError` when it fails)."""
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def report(findings: list[Finding], locale: Locale) -> list[str]:
    """The findings as lines for a person, with a head line that counts them."""
    if not findings:
        return []
    errors = sum(finding.severity == "error" for finding in findings)
    head = locale.t("privacy.head", errors=errors, warnings=len(findings) - errors)
    ordered = sorted(findings, key=lambda f: (f.file, f.line, f.column))
    return [head, *(finding.render(locale) for finding in ordered), locale.t("privacy.advice")]
