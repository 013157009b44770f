"""BSN recall: every way a BSN is written, in every place it is written, is found; and numbers
that only look like one are not.

A table of valid BSNs (made here with the 11-test) is written in every notation (nine digits,
4-2-3 and 3-3-3 groups with spaces, no-break spaces, dots, dashes, slashes, mixed) and every
place (after ``BSN:`` or ``nr.``, in CSV, code, a table, YAML values and comments): each one
must be found, on its line and masked. The same table with the check digit broken, and a list
of phone numbers, dates, IBANs, AGB codes, amounts, versions and times, must give no BSN at all.
A file named after a BSN is reported by its name, without printing the number.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ifms.i18n.locale import Locale
from ifms.privacy.scan import is_bsn, mask, report, scan_portfolio, scan_staged, scan_text

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def _with_check_digit(first8: str) -> str | None:
    """The BSN that begins with ``first8``, if a check digit 0-9 makes it pass the 11-test."""
    check = sum(int(d) * w for d, w in zip(first8, WEIGHTS, strict=True)) % 11
    return first8 + str(check) if check < 10 else None


def _table(count: int, seed: int) -> list[str]:
    chance = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        bsn = _with_check_digit(f"{chance.randrange(0, 10 ** 8):08d}")
        if bsn and is_bsn(bsn) and bsn not in found:
            found.append(bsn)
    return found


BSNS = ["123456782", "012345672", "999999990", *_table(57, seed=11)]
# The same numbers with the last digit one off: they fail the 11-test.
BROKEN = [bsn[:8] + str((int(bsn[8]) + 1) % 10) for bsn in BSNS]
assert not any(is_bsn(number) for number in BROKEN)

SEPARATORS = {"space": " ", "nbsp": "\u00a0", "nnbsp": "\u202f", "dot": ".", "dash": "-", "slash": "/"}


def _grouped(sizes: tuple[int, ...], first: str, second: str) -> Callable[[str], str]:
    def write(digits: str) -> str:
        a, b = sizes[0], sizes[0] + sizes[1]
        return f"{digits[:a]}{first}{digits[a:b]}{second}{digits[b:]}"
    return write


NOTATIONS: dict[str, Callable[[str], str]] = {"nine": lambda digits: digits}
for name, sep in SEPARATORS.items():
    NOTATIONS[f"4-2-3 {name}"] = _grouped((4, 2, 3), sep, sep)
    NOTATIONS[f"3-3-3 {name}"] = _grouped((3, 3, 3), sep, sep)
for first, second in [("dot", "space"), ("dash", "dot"), ("space", "dash"), ("slash", "dot"),
                      ("nbsp", "dash"), ("dot", "nnbsp")]:
    NOTATIONS[f"4-2-3 {first}+{second}"] = _grouped((4, 2, 3), SEPARATORS[first], SEPARATORS[second])
    NOTATIONS[f"3-3-3 {first}+{second}"] = _grouped((3, 3, 3), SEPARATORS[first], SEPARATORS[second])

# Where a number is written: (text with {n} for it, Markdown or YAML, the line it is on).
PLACES: dict[str, tuple[str, bool, int]] = {
    "prose": ("De patiënt {n} belde terug.\n", True, 1),
    "BSN": ("BSN {n}\n", True, 1),
    "BSN-": ("BSN-{n}\n", True, 1),
    "BSN:": ("BSN:{n}\n", True, 1),
    "BSN: ": ("Patiënt, BSN: {n}, gezien.\n", True, 1),
    "nr.": ("nr.{n}\n", True, 1),
    "nr. ": ("Zie dossier nr. {n} voor de uitslag.\n", True, 1),
    "brackets": ("(bsn {n})\n", True, 1),
    "sentence end": ("Het nummer was {n}.\n", True, 1),
    "csv": ("```\nnaam,bsn,jaar\npatient,{n},2024\n```\n", True, 3),
    "csv semicolon": ("patient;{n};2024\n", True, 1),
    "code block": ("Tekst.\n\n```text\n{n}\n```\n", True, 4),
    "indented code": ("Tekst.\n\n    {n}\n", True, 3),
    "inline code": ("Het nummer `{n}` stond erbij.\n", True, 1),
    "table": ("| Patiënt | Nummer |\n|---|---|\n| {n} |\n", True, 3),
    "table row": ("| a | b | c |\n|---|---|---|\n| Jansen | {n} | 2024 |\n", True, 3),
    "bold": ("**{n}**\n", True, 1),
    "front matter": ("---\nkind: reflection\nnote: {n}\n---\n\nTekst.\n", True, 3),
    "yaml value": ("kind: feedback\nbsn: {n}\n", False, 2),
    "yaml quoted": ("kind: feedback\ntext: \"patiënt {n}\"\n", False, 2),
    "yaml list": ("comments:\n  - {n}\n", False, 2),
    "yaml flow": ("comments:\n  - {{group: peers, text: '{n}'}}\n", False, 2),
    "yaml comment": ("kind: feedback  # {n}\n", False, 1),
    "yaml comment line": ("kind: feedback\n# bsn={n}\n", False, 2),
}


def _found(bsn: str, notation: str, place: str) -> bool:
    """Whether the scan finds exactly this BSN, once, on its line, masked."""
    written = NOTATIONS[notation](bsn)
    text, markdown, line = PLACES[place]
    findings = scan_text(text.format(n=written), "x.md" if markdown else "x.yml", markdown=markdown)
    return [(f.kind, f.line, f.severity, f.masked) for f in findings] == [("bsn", line, "error", mask(written))]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("notation", NOTATIONS)
def test_every_bsn_is_found_in_every_form(notation: str, place: str) -> None:
    missed = [bsn for bsn in BSNS if not _found(bsn, notation, place)]
    assert missed == [], f"{len(missed)} of {len(BSNS)} missed, e.g. {NOTATIONS[notation](missed[0])!r}"


def test_recall_over_the_whole_table_is_complete() -> None:
    """One number for the issue: found / written, over notations x places x BSNs."""
    cases = [(bsn, notation, place) for bsn in BSNS for notation in NOTATIONS for place in PLACES]
    assert len(BSNS) >= 50 and len(cases) >= 10_000
    found = sum(_found(*case) for case in cases)
    assert found / len(cases) == 1.0, f"recall {found}/{len(cases)}"


@pytest.mark.parametrize("notation", NOTATIONS)
def test_numbers_failing_the_eleven_test_are_never_a_bsn(notation: str) -> None:
    alarms = []
    for number in BROKEN:
        for text, markdown, _line in PLACES.values():
            findings = scan_text(text.format(n=NOTATIONS[notation](number)), "x", markdown=markdown)
            alarms += [number for f in findings if f.kind == "bsn"]
    assert alarms == []


# Each has nine or more digits, and most contain nine that pass the 11-test (612345671,
# 123456782): only the way they are written says they are no BSN.
NOT_A_BSN = [
    "06-12345678", "06-12345671", "0612345671", "06 12 34 56 71", "06 123 456 71",
    "+31 6 1234 5678", "+31 6 1234 5671", "+31612345671", "+31 612 345 671", "+31 (0)6 1234 5671",
    "0031 612 345 671", "020-1234567", "020 123 4567", "+31 20 123 4567", "010 - 123 45 67",
    "+44 123 456 782", "+1 234 567 8290",
    "2024-03-15", "15-03-2024 10:30", "15-03-2024 10:30:45", "2024-03-15T10:30:00",
    "15.03.2024 12:00", "15/03/2024 12:34", "20240315 1030", "op 01-02-2024, 10.30 uur",
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "NL20INGB0123456782", "NL20 INGB 0123 4567 82",
    "AGB 01234567", "AGB-code 12-345678", "AGB 01234567 en 12345678",
    "1012 AB Amsterdam", "postcode 3584 CX, huisnummer 100",
    "€ 1.234.567,89", "1.234.567,89", "€ 123.456.782", "EUR 123 456 782", "€123456782",
    "123.456.782,00", "123 456 782,50 euro", "$ 123,456,782",
    "versie 1.2.3", "v2.10.123456782", "1.234.567.820", "3.141592653", "0.123456782", "0,123456782",
    "10:30", "10:30:45.123", "12:34:56,789", "09:00-17:00 en 18:00-21:30",
    "1234567820", "123456782000", "12345678 2", "1 2 3 4 5 6 7 8 2", "POP 2024-2026, acties 1 2 3 4 5 6 7 8 9",
    "ISBN 978-90-123-4567-8", "123e4567-e89b-12d3-a456-426614174000", "1234 567 82",
    "12.345.678.2", "12 3456 782", "1234-567-82",
]


@pytest.mark.parametrize("text", NOT_A_BSN)
def test_no_false_alarm(text: str) -> None:
    findings = scan_text(f"Zie {text} hier.\n", "x.md", markdown=True)
    assert [f for f in findings if f.kind == "bsn"] == []


def test_false_alarms_over_the_whole_list_are_none() -> None:
    assert len(NOT_A_BSN) >= 30
    # In a CSV row a comma parts fields: 0,123456782 there is a 0 and a number.
    alarms = [text for text in NOT_A_BSN for name, place in PLACES.items()
              if not (name == "csv" and "," in text)
              and any(f.kind == "bsn" for f in scan_text(place[0].format(n=text), "x", markdown=place[1]))]
    assert alarms == []


# --- file names ---------------------------------------------------------------------------


def _portfolio(root: Path) -> Path:
    folder = root / "portfolio"
    (folder / "reflecties").mkdir(parents=True)
    (folder / "reflecties" / "123456782.md").write_text("# Reflectie\n\nZonder nummer.\n", encoding="utf-8")
    (folder / "reflecties" / "bsn-111-222-333.md").write_text("BSN 232262536\n", encoding="utf-8")
    (folder / "reflecties" / "2024-03-15-casus.md").write_text("# Casus\n", encoding="utf-8")
    (folder / "reflecties" / "123456789.md").write_text("# Geen BSN\n", encoding="utf-8")
    (folder / "feedback" / "999999990").mkdir(parents=True)
    (folder / "feedback" / "999999990" / "ronde.yml").write_text("kind: feedback\n", encoding="utf-8")
    return folder


def test_a_file_named_after_a_bsn_is_reported_by_its_name(tmp_path: Path) -> None:
    folder = _portfolio(tmp_path)
    scan = scan_portfolio(folder)
    assert scan.has_errors and scan.files == 5
    found = sorted((f.file.rsplit("/", 1)[-1], f.line or 0, f.kind, f.masked) for f in scan.findings)
    assert found == [("1234***82.md", 0, "bsn_name", "1234***82"),
                     ("bsn-111-***33.md", 0, "bsn_name", "111-***33"),
                     ("bsn-111-***33.md", 1, "bsn", "2322***36"),
                     ("ronde.yml", 0, "bsn_name", "9999***90")]
    assert all(f.line is None for f in scan.findings if f.kind == "bsn_name")
    assert {path.name for path in scan.by_file} == {"123456782.md", "bsn-111-222-333.md", "ronde.yml"}
    told = "\n".join(report(scan.findings, Locale("nl")))
    assert "reflecties/1234***82.md: fout: de bestandsnaam bevat mogelijk een burgerservicenummer" in told
    assert "123456782" not in told and "111-222-333" not in told and "999999990" not in told, told
    assert "1234***82" in "\n".join(report(scan.findings, Locale("en")))
    cached: dict = {}
    assert scan_portfolio(folder, cache=cached).findings == scan.findings


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_staged_file_named_after_a_bsn_is_refused(tmp_path: Path) -> None:
    folder = _portfolio(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "portfolio/reflecties/123456782.md"], cwd=tmp_path, check=True)
    scan = scan_staged(folder)
    assert scan.has_errors and [(f.kind, f.line) for f in scan.findings] == [("bsn_name", None)]
    assert "123456782" not in scan.findings[0].file
