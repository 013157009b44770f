"""Find patient-identifying details in portfolio text before they reach git.

A reflection is about a situation, not a person; yet a BSN or a date of birth typed in a
hurry stays in git history for good. The scan reads raw text lines (front matter, YAML
comments and all), so every finding has its exact line:

- a Dutch citizen service number (BSN: nine digits passing the 11-test) is an error, however
  it is written (123456782, 1234.56.782, 123 456 782 with any space, dot, dash or slash, or a
  mix) and wherever (after ``BSN-`` or ``nr.``, in CSV, code, tables, YAML); and so is a BSN in
  a file or folder name, which git keeps as long as the text;
- a date of birth (a date right after "geboren", "geb.", "geboortedatum", "DOB", "born"),
  an e-mail address and a phone number are warnings.

Ordinary dates, years, scores and page numbers are not flagged. The marker ``privacy-ok`` in
a comment (``<!-- privacy-ok -->`` in Markdown, ``# privacy-ok`` in YAML and front matter)
silences a known false alarm on its own line only. What was found is shown masked
(``1234***82``), so the warning itself does not copy the detail into a log; a file named after a
BSN is shown masked too.
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

Kind = Literal["bsn", "bsn_name", "birth_date", "email", "phone"]
SUFFIXES = (*discovery.YAML_SUFFIXES, *discovery.MARKDOWN_SUFFIXES)

MARKER = "privacy-ok"
MARKDOWN_MARKER = f"<!-- {MARKER} -->"
YAML_MARKER = f"# {MARKER}"
_SILENCED = re.compile(rf"(?:<!--|#)\s*{MARKER}\b")

# Nine digits, alone or in groups 4-2-3 (1234.56.782, the official notation) or 3-3-3
# (123 456 782), the groups parted by a space (no-break and thin ones too: a word processor
# puts them in), a dot, a dash or a slash, not necessarily the same twice. Not part of a longer
# run of digits; what stands around it decides the rest (_written_as_bsn).
_GAP = "[ \u00a0\u2007\u2009\u202f./-]"
_BSN = re.compile(rf"(?<!\d)(?:\d{{9}}|\d{{4}}{_GAP}\d{{2}}{_GAP}\d{{3}}|\d{{3}}{_GAP}\d{{3}}{_GAP}\d{{3}})(?!\d)")
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# Before a candidate: the end of a longer number (0.123456782, 2.10.123456782, 1.234.567.820,
# 06-123...), a country code (+31 612 345 671 is a phone number), a currency (€ 123.456.782).
_LONGER_BEFORE = re.compile(rf"\d{_GAP}$")
_JOINED_BEFORE = re.compile(r"\d[./-]$")
_DECIMAL_BEFORE = re.compile(r"\d,$")
_CSV_AFTER = re.compile(r",[^\s,]")
_COUNTRY_BEFORE = re.compile(rf"(?:\+|\b00)\d{{1,3}}{_GAP}?(?:\(0\){_GAP}?)?$")
_CURRENCY_BEFORE = re.compile(r"(?:€|\$|£|ƒ|\beur|\beuro|\bfl\.?)\s?$", re.IGNORECASE)
# After it: more of a longer number (123 456 782 1, 123456782.5, 123456782-01), or cents
# (123.456.782,00; but patient,123456782,2024 is a CSV row), or a currency.
_LONGER_AFTER = re.compile(rf"{_GAP}\d|,\d{{1,2}}(?!\d)|\s?(?:€|euro?\b)", re.IGNORECASE)
_JOINED_AFTER = re.compile(r"[./-]\d|,\d{1,2}(?!\d)|\s?(?:€|euro?\b)", re.IGNORECASE)

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
# What every finding needs on its line: nine digits (a BSN; a phone number has ten), counted
# over the whole line whatever stands between them (1234.56.782, 123\u00a0456\u00a0782), an @
# or a birth word. Most lines have none, and are not scanned further (a whole career: 0.1 s,
# not 0.4).
_DIGIT = re.compile(r"\d")
_BIRTH_WORD = re.compile(rf"(?<!\w)(?:{_BIRTH_WORDS})(?!\w)", re.IGNORECASE)


def is_bsn(digits: str) -> bool:
    """The 11-test: digits weighted 9, 8, ... 2, -1 sum to a multiple of 11 (and not all zero)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    return sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True)) % 11 == 0


def bsn_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has a BSN: nine digits, alone or in groups, that pass the 11-test and
    are not part of a phone number, an amount or a longer number."""
    return [match.span() for match in _BSN.finditer(text)
            if is_bsn(re.sub(r"\D", "", match.group(0))) and _written_as_bsn(text, *match.span())]


def _written_as_bsn(text: str, start: int, end: int) -> bool:
    # Nine digits in a row may follow a year or a count (2024 123456782); groups may not, they
    # would be the end of a longer grouped number (a phone number, 1.234.567.820).
    grouped = end - start > 9
    before, after = text[max(0, start - 12):start], text[end:end + 6]
    if (_LONGER_BEFORE if grouped else _JOINED_BEFORE).search(before) \
            or (_LONGER_AFTER if grouped else _JOINED_AFTER).match(after):
        return False
    # 0,123456782 is a decimal; 2024,123456782,1 a CSV row.
    if _DECIMAL_BEFORE.search(before) and not _CSV_AFTER.match(after):
        return False
    return not (_COUNTRY_BEFORE.search(before) or _CURRENCY_BEFORE.search(before))


def mask(text: str) -> str:
    """Enough to find it on the line, not enough to read it: ``1234***82``."""
    return f"{text[:4]}***{text[-2:]}" if len(text) > 6 else f"{text[:1]}***"


class Finding(Problem):
    """One detail that may identify a patient, at one line (and column) of one file: a
    :class:`~ifms.problems.Problem` with key ``privacy.found.<kind>``, an error for a BSN and a
    warning otherwise. ``kind``, ``masked`` and ``marker`` (the silencing comment that fits the
    line) are kept by name for the page template, ``privacy_warning.md.j2``, and own copies of it."""

    @classmethod
    def of(cls, file: str, line: int | None, column: int | None, kind: Kind, masked: str,
           marker: str) -> Finding:
        """A finding on ``line`` (None: in the file's name, ``bsn_name``, which no marker silences)."""
        return cls(file, line, None, f"privacy.found.{kind}", {"masked": masked, "marker": marker},
                   "error" if kind in ("bsn", "bsn_name") else "warning", column)

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

    for start, end in bsn_spans(line):
        add(start, end, "bsn", line[start:end])
    for match in _BIRTH_DATE.finditer(line):
        add(match.start(1), match.end(1), "birth_date", match.group(1))
    for match in _EMAIL.finditer(line):
        add(match.start(), match.end(), "email", match.group(0))
    for match in _PHONE.finditer(line):
        if not _DATE_SHAPE.match(match.group(0).lstrip("+")):
            add(match.start(), match.end(), "phone", match.group(0))
    return sorted(found)


def scan_file(path: Path, display: str | None = None, *, name: str | None = None) -> list[Finding]:
    """Findings in one file and in its ``name``: the part of its path that goes into git (by
    default the path as shown, or only the file's own name when that is outside the working
    folder). Text that is not valid UTF-8 is still read (as far as it goes)."""
    display = display or relative_display(path)
    if name is None:
        name = path.name if Path(display).is_absolute() else display
    named, shown = _named(name, display)
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [*named, *scan_text(text, shown, markdown=path.suffix.lower() in discovery.MARKDOWN_SUFFIXES)]


def scan_name(name: str, display: str) -> list[Finding]:
    """A BSN in a file's path (``reflecties/123456782.md``, a folder ``999999990/``): an error
    like a BSN in the text, for git keeps names as long as text. ``display`` is shown masked."""
    return [Finding.of(mask_bsns(display), None, None, "bsn_name", mask(part[start:end]), "")
            for part in Path(name).parts for start, end in bsn_spans(part)]


def mask_bsns(text: str) -> str:
    """``text`` with every BSN in it masked: a file named after one is shown as ``1234***82.md``."""
    for start, end in reversed(bsn_spans(text)):
        text = text[:start] + mask(text[start:end]) + text[end:]
    return text


def _named(name: str, display: str) -> tuple[list[Finding], str]:
    """What a file's name has, and how the file is shown in every finding: masked when its
    name has a BSN."""
    named = scan_name(name, display)
    return named, named[0].file if named else display


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
    """The Markdown and YAML files among ``paths`` (as a pre-commit hook passes them), and the
    names of the others (a report named after a patient is committed as well)."""
    paths = list(paths)
    by_file = {path: found for path in paths if (found := _scan_any(path))}
    return Scan([finding for found in by_file.values() for finding in found], len(paths), by_file)


def _scan_any(path: Path, name: str | None = None) -> list[Finding]:
    """A record or page in full; of any other file, only its name."""
    if path.suffix.lower() in SUFFIXES:
        return scan_file(path, name=name)
    display = relative_display(path)
    if name is None:
        name = path.name if Path(display).is_absolute() else display
    return scan_name(name, display)


ScanCache = dict
"""File path -> ((mtime_ns, size), findings) of files scanned before."""


def scan_portfolio(root: Path, *, cache: ScanCache | None = None) -> Scan:
    """Every file the portfolio is read from (the same files ``ifms check`` reads).

    With a ``cache`` (kept by the site plugin between ``mkdocs serve`` rebuilds), a file whose
    time and size did not change is not read again.
    """
    found_files = discovery.find(root) if root.is_dir() else discovery.Found()
    files = found_files.files
    by_file: dict[Path, list[Finding]] = {
        path: named for path in found_files.others
        if (named := _scan_any(path, name=path.relative_to(root).as_posix()))}
    if cache is None:
        by_file |= {path: found for path in files if (found := _scan_in(root, path))}
        return Scan([finding for found in by_file.values() for finding in found],
                    len(files) + len(found_files.others), by_file)
    for path in files:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = cache.get(str(path))
        if kept is None or kept[0] != stamp:
            kept = cache[str(path)] = (stamp, _scan_in(root, path))
        if kept[1]:
            by_file[path] = kept[1]
    for gone in set(cache) - {str(path) for path in files}:
        del cache[gone]
    return Scan([finding for found in by_file.values() for finding in found],
                len(files) + len(found_files.others), by_file)


def _scan_in(root: Path, path: Path) -> list[Finding]:
    """A portfolio file, with its name from the portfolio folder down (``reflecties/x.md``)."""
    return scan_file(path, name=path.relative_to(root).as_posix())


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
        count += 1
        named, shown = _named(name, relative_display(top / name))
        findings += named  # every file's name: git keeps a report's name as long as a record's
        if suffix in SUFFIXES:
            staged = git(["show", f":{name}"], top).decode("utf-8", errors="replace")
            findings += scan_text(staged, shown, markdown=suffix in discovery.MARKDOWN_SUFFIXES)
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
    # A finding in a file's name (no line) comes before those in its text.
    ordered = sorted(findings, key=lambda f: (f.file, f.line or 0, f.column if isinstance(f.column, int) else 0))
    return [head, *(finding.render(locale) for finding in ordered), locale.t("privacy.advice")]
