"""One fixture per class of bad input: each names file, line and field, in Dutch, and no traceback.

Each case starts from the valid minimal portfolio and breaks one file. Both ways a specialist
meets the error are checked: ``ifms check`` (in this process) for every case, and a real
``mkdocs build`` for one case of each stage that finds it (the YAML parser, a record's model,
the checks across files): the build tells whatever the loader found, the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import invoke, mkdocs_build


@dataclass
class BadInput:
    name: str
    file: str
    text: str | None  # None: delete the file
    place: str  # "file:line" as printed, relative to the project folder
    field: str | None
    words: str  # part of the Dutch explanation


CASES = [
    BadInput(
        "malformed_yaml", "portfolio/feedback/ronde.yml",
        "kind: feedback\ntitle: Feedback 2024\ndate: 2024-02-01\nscale: [1, 5\ngroups:\n"
        "  colleagues: {respondents: 5}\n",
        "portfolio/feedback/ronde.yml:4", None, "de lijst tussen [ en ] die op deze regel begint, klopt niet",
    ),
    BadInput(
        "missing_required_field", "portfolio/profiel.yml",
        "kind: profile\nname: dr. T. Test\nspecialty: Dermatologie\nregistration:\n"
        "  basis: practice\n",
        "portfolio/profiel.yml:4", "registration.expires",
        "het verplichte veld 'expires' ontbreekt",
    ),
    BadInput(
        "unknown_key", "portfolio/pop/plan.yml",
        "kind: pop\ntitle: POP 2024\ndate: 2024-03-01\ngoals:\n  - title: Beter luisteren\n"
        "    actions:\n      - title: Cursus\n        due: 2024-06-01\n        stauts: done\n",
        "portfolio/pop/plan.yml:9", "goals[0].actions[0].stauts",
        "onbekend veld 'stauts'. Bedoelde u 'status'?",
    ),
    BadInput(
        "wrong_type", "portfolio/feedback/ronde.yml",
        "kind: feedback\ntitle: Feedback 2024\ndate: 2024-02-01\nscale: [1, 5]\ngroups:\n"
        "  colleagues:\n    respondents: acht\n    scores: {communicator: 4.2}\n",
        "portfolio/feedback/ronde.yml:7", "groups.colleagues.respondents",
        "hier hoort een geheel getal, niet 'acht'",
    ),
    BadInput(
        "impossible_date", "portfolio/reflecties/reflectie.md",
        "---\nkind: reflection\ndate: 2024-02-30\ncompetencies: [communicatie]\n---\n\nTekst.\n",
        "portfolio/reflecties/reflectie.md:3", "date", "de datum 2024-02-30 bestaat niet",
    ),
    BadInput(
        "date_in_dutch_order", "portfolio/pop/plan.yml",
        "kind: pop\ntitle: POP 2024\ndate: 01-03-2024\ngoals:\n  - title: Beter luisteren\n",
        "portfolio/pop/plan.yml:3", "date",
        "'01-03-2024' is geen datum in de vorm JJJJ-MM-DD (jaar-maand-dag)",
    ),
    BadInput(
        "score_outside_scale", "portfolio/feedback/ronde.yml",
        "kind: feedback\ntitle: Feedback 2024\ndate: 2024-02-01\nscale: [1, 5]\ngroups:\n"
        "  colleagues:\n    respondents: 5\n    scores:\n      samenwerking: 4.0\n"
        "      communicatie: 6.2\n",
        "portfolio/feedback/ronde.yml:10", "groups.colleagues.scores.communicatie",
        "score 6,2 ligt buiten de schaal 1–5",
    ),
    BadInput(
        "dangling_reference", "portfolio/gesprekken/gesprek.md",
        "---\nkind: conversation\ntype: ifms\ndate: 2024-03-01\nleader: dr. G. Leider\n"
        "feedback: [feedback/ronde.yml]\npop: pop/plan-2024.yml\n---\n\nNotities.\n",
        "portfolio/gesprekken/gesprek.md:7", "pop",
        "'pop/plan-2024.yml' bestaat niet in het portfolio. Bedoelde u 'pop/plan.yml'?",
    ),
    BadInput(
        "two_profiles", "portfolio/tweede-profiel.yml",
        "kind: profile\nname: dr. T. Test\nspecialty: Dermatologie\n"
        "registration: {expires: 2027-01-01}\n",
        "portfolio/tweede-profiel.yml:1", "kind", "er is al een profiel in portfolio/profiel.yml",
    ),
    BadInput("no_profile", "portfolio/profiel.yml", None, "portfolio", None,
             "er is geen profiel"),
]


def _break(project: Path, case: BadInput) -> None:
    target = project / case.file
    if case.text is None:
        target.unlink()
    else:
        target.write_text(case.text, encoding="utf-8")


def _expected_line(case: BadInput) -> str:
    field = f" in veld '{case.field}'" if case.field else ""
    return f"{case.place}: fout{field}: {case.words}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_names_file_line_and_field(minimal: Path, case: BadInput) -> None:
    _break(minimal, case)
    result = invoke("check", cwd=minimal)
    assert result.returncode == 1
    assert _expected_line(case) in result.stderr, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count(": fout") == 1, "one mistake gives exactly one error"


BUILT = [case for case in CASES if case.name in ("malformed_yaml", "unknown_key", "dangling_reference")]


@pytest.mark.parametrize("case", BUILT, ids=[case.name for case in BUILT])
def test_build_fails_with_the_same_message(minimal: Path, case: BadInput) -> None:
    _break(minimal, case)
    result = mkdocs_build(minimal)
    assert result.returncode == 1
    assert _expected_line(case) in result.output, result.output
    assert "Traceback" not in result.output
    assert not (minimal / "site" / "index.html").exists()


def test_english_on_request(minimal: Path) -> None:
    _break(minimal, CASES[2])
    result = invoke("check", "--lang", "en", cwd=minimal)
    assert result.returncode == 1
    assert ("portfolio/pop/plan.yml:9: error in field 'goals[0].actions[0].stauts': "
            "unknown field 'stauts'. Did you mean 'status'?") in result.stderr


def test_all_errors_reported_at_once(minimal: Path) -> None:
    _break(minimal, CASES[1])
    _break(minimal, CASES[4])
    result = invoke("check", cwd=minimal)
    assert "portfolio/profiel.yml:4" in result.stderr
    assert "portfolio/reflecties/reflectie.md:3" in result.stderr
    assert "2 fouten" in result.stderr


def test_invalid_record_does_not_cascade(minimal: Path) -> None:
    """A broken feedback round is one error, not also a dangling reference in every POP."""
    _break(minimal, CASES[3])
    result = invoke("check", cwd=minimal)
    assert "bestaat niet in het portfolio" not in result.stderr
    assert result.stderr.count(": fout") == 1


def test_duplicate_key_is_an_error(minimal: Path) -> None:
    (minimal / "portfolio/profiel.yml").write_text(
        "kind: profile\nname: dr. T. Test\nspecialty: Dermatologie\nname: dr. T. Twee\n"
        "registration: {expires: 2027-01-01}\n", encoding="utf-8")
    result = invoke("check", cwd=minimal)
    assert result.returncode == 1
    assert "portfolio/profiel.yml:4: fout in veld 'name': deze sleutel staat twee keer" in result.stderr


def test_yaml_without_kind_warns_and_build_succeeds(minimal: Path) -> None:
    (minimal / "portfolio/aantekeningen.yml").write_text("ideeen: [a, b]\n", encoding="utf-8")
    check = invoke("check", cwd=minimal)
    assert check.returncode == 0
    assert "portfolio/aantekeningen.yml: waarschuwing: dit YAML-bestand heeft geen 'kind:'" in check.stderr
    build = mkdocs_build(minimal)
    assert build.returncode == 0, build.output
    assert "heeft geen 'kind:'" in build.output
    assert not (minimal / "site" / "aantekeningen.yml").exists()
