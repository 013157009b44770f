"""``ifms import-feedback``: a feedback tool's CSV export becomes a feedback record that passes
the check; anything not recognised is an error with file, line and column, and then nothing is
written."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import TODAY, ifms, mkdocs_build, snapshot
from ifms.authoring.feedback_import import ImportFailed, read_table
from ifms.i18n.locale import Locale
from ifms.records import competencies
from ifms.source import yaml_source

# As Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)": BOM, ';', decimal comma.
LONG_NL = (
    "\ufeffGroep;Competentie;Score;Respondenten\r\n"
    "Collega-specialisten;Communicatie;4,4;8\r\n"
    "Collega-specialisten;Samenwerking;4,1;8\r\n"
    "Collega-specialisten;Medisch handelen;4,6;7\r\n"
    "Verpleegkundigen;Communicatie;3,9;6\r\n"
    "Verpleegkundigen;Samenwerking;4,3;6\r\n"
    "Zelf;Communicatie;4,0;\r\n"
)
WIDE_EN = (
    "Group,Respondents,Medical expert,Communicator,Collaborator,Leader\n"
    "Colleagues,8,4.6,4.4,4.1,3.8\n"
    "Nurses,6,4.5,3.9,,3.6\n"
    "Residents,4,4.7,4.5,4.2,-\n"
    "Self,,4.0,4.0,4.0,3.5\n"
)


def _csv(project: Path, text: str, name: str = "rapport.csv", encoding: str = "utf-8") -> Path:
    path = project / name
    path.write_bytes(text.encode(encoding))
    return path


def _record(project: Path, result) -> dict:
    assert result.returncode == 0, result.output
    return yaml_source.parse((project / result.stdout.strip()).read_text(encoding="utf-8")).data


def test_long_dutch_excel_export(example: Path) -> None:
    _csv(example, LONG_NL)
    result = ifms("import-feedback", "rapport.csv", "--scale", "1-5", "--provider", "INCEPT", cwd=example)
    assert result.stdout.strip() == f"portfolio/feedback/{TODAY}-360-feedback-2026.yml"
    assert "2 groepen met samen 5 scores ingelezen (lange vorm)" in result.stderr
    data = _record(example, result)
    assert data["groups"] == {
        "colleagues": {"respondents": 8, "scores": {"medical_expert": 4.6, "communicator": 4.4,
                                                    "collaborator": 4.1}},
        "nurses": {"respondents": 6, "scores": {"communicator": 3.9, "collaborator": 4.3}},
    }
    assert data["self"] == {"communicator": 4.0}
    assert data["scale"] == [1, 5] and data["date"] == TODAY and data["instrument"] == "msf"
    assert data["title"] == "360°-feedback 2026" and data["provider"] == "INCEPT"
    text = (example / result.stdout.strip()).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/feedback.schema.json\n"
                           "# Ingelezen uit rapport.csv met 'ifms import-feedback' op 23 november 2026.\n")
    check = ifms("check", cwd=example)
    assert check.returncode == 0, check.output
    assert "4 feedbackrondes" in check.stdout
    build = mkdocs_build(example, "--strict")
    assert build.returncode == 0, build.output
    page = (example / f"site/feedback/{TODAY}-360-feedback-2026/index.html").read_text(encoding="utf-8")
    assert "Collega-specialisten" in page and "4,4" in page


def test_wide_english_export_with_options(example: Path) -> None:
    _csv(example, WIDE_EN, "report.csv")
    result = ifms("import-feedback", "report.csv", "--scale", "1-5", "--date", "2026-10-01",
                  "--instrument", "peer_review", "--title", "Collegiale evaluatie 2026", "--existing",
                  cwd=example)
    assert result.stdout.strip() == "portfolio/feedback/2026-10-01-collegiale-evaluatie-2026.yml"
    assert "(brede vorm)" in result.stderr
    data = _record(example, result)
    assert data["groups"]["nurses"] == {"respondents": 6, "scores": {
        "medical_expert": 4.5, "communicator": 3.9, "leader": 3.6}}
    assert "leader" not in data["groups"]["residents"]["scores"], "'-' is no score"
    assert data["self"]["leader"] == 3.5
    assert (data["date"], data["instrument"], data["existing"]) == ("2026-10-01", "peer_review", True)
    assert ifms("check", cwd=example).returncode == 0


def test_windows_1252_with_excel_separator_line_and_themes(example: Path) -> None:
    text = ("sep=;\n"
            "Groep;Respondenten;Communicatie;Professionaliteit;Wachttijd polikliniek\n"
            "Patiënten;64;8,4;8,7;6,6\n")
    _csv(example, text, encoding="cp1252")
    refused = ifms("import-feedback", "rapport.csv", "--scale", "1-10", cwd=example)
    assert refused.returncode == 1
    assert ("rapport.csv:2: fout in kolom 'Wachttijd polikliniek': onbekende kolom 'Wachttijd "
            "polikliniek'.") in refused.stderr and "voeg dan --themes toe" in refused.stderr
    result = ifms("import-feedback", "rapport.csv", "--scale", "1-10", "--themes",
                  "--instrument", "patient_survey", cwd=example)
    data = _record(example, result)
    assert data["groups"]["patients"] == {"respondents": 64, "scores": {
        "communicator": 8.4, "professional": 8.7, "wachttijd_polikliniek": 6.6}}
    assert data["scale"] == [1, 10] and data["title"] == "Patiëntenenquête 2026"


@pytest.mark.parametrize(("csv_text", "expected"), [
    ("Groep;Competentie;Score;Respondenten;Opmerking\nVerpleegkundigen;Communicatie;3,9;6;goed\n",
     ["rapport.csv:1: fout in kolom 'Opmerking': onbekende kolom. In de lange vorm zijn de kolommen:"]),
    ("Groep;Respondenten;Communicatie;Samenwerkng\nVerpleegkundigen;6;3,9;4,0\n",
     [("rapport.csv:1: fout in kolom 'Samenwerkng': onbekende competentie 'Samenwerkng'. "
      "Bedoelde u 'Samenwerking'?")]),
    ("Groep;Competentie;Score;Respondenten\nVerpleeging;Communicatie;3,9;6\nDokters;Communicatie;4,0;3\n",
     ["rapport.csv:2: fout in kolom 'Groep': onbekende groep 'Verpleeging'. Bedoelde u 'Verpleegkundigen'?",
      ("rapport.csv:3: fout in kolom 'Groep': onbekende groep 'Dokters'. Gebruik een van: Patiënten, "
      "Collega-specialisten, Aios, Verpleegkundigen")]),
    (("Groep;Competentie;Score;Respondenten\nVerpleegkundigen;Communicatie;6,1;6\n"
     "Verpleegkundigen;Samenwerking;goed;6\n"),
     ["rapport.csv:2: fout in kolom 'Score': score 6,1 ligt buiten de schaal 1–5. Klopt --scale?",
      "rapport.csv:3: fout in kolom 'Score': 'goed' is geen score."]),
    ("Groep;Competentie;Score;Respondenten\nVerpleegkundigen;Communicatie;3,9;zes\n",
     ["rapport.csv:2: fout in kolom 'Respondenten': 'zes' is geen aantal respondenten"]),
    (("Groep;Competentie;Score;Respondenten\nVerpleegkundigen;Communicatie;3,9;6\n"
     "Verpleegkundigen;communicatie;4,0;6\n"),
     ["rapport.csv:3: fout: groep 'Verpleegkundigen' met competentie 'communicatie' stond al op regel 2."]),
    ("Groep;Competentie;Score\nVerpleegkundigen;Communicatie;3,9\n",
     ["rapport.csv:1: fout: de kolom 'respondenten' ontbreekt."]),
    ("Naam;Waarde\nx;1\n", ["rapport.csv:1: fout: de kolommen (Naam, Waarde) zijn niet te herkennen."]),
    ("Groep;Competentie;Score;Respondenten\nZelf;Communicatie;4,0;\n",
     ["rapport.csv: fout: er staan geen groepen in het bestand"]),
    ("Groep;Competentie;Score;Respondenten\nVerpleegkundigen;Communicatie;3,9;\n",
     ["rapport.csv:2: fout: bij groep 'Verpleegkundigen' staat nergens het aantal respondenten."]),
    ("", ["rapport.csv: fout: het bestand is leeg."]),
], ids=["unknown_column", "misspelt_competency", "unknown_group", "bad_scores", "bad_respondents",
        "row_twice", "missing_column", "unrecognised", "only_self", "no_respondents", "empty"])
def test_bad_csv_names_line_and_column_and_writes_nothing(
        example: Path, csv_text: str, expected: list[str]) -> None:
    _csv(example, csv_text)
    before = snapshot(example)
    result = ifms("import-feedback", "rapport.csv", "--scale", "1-5", cwd=example)
    assert result.returncode == 1
    for message in expected:
        assert message in result.stderr, result.stderr
    assert "Er is niets geschreven." in result.stderr and "Traceback" not in result.output
    assert snapshot(example) == before


@pytest.mark.parametrize(("args", "message"), [
    ([], "Geef de schaal van het rapport mee, bijvoorbeeld --scale 1-5"),
    (["--scale", "5-1"], "--scale: '5-1' is geen schaal"),
    (["--scale", "1-5", "--date", "1-10-2026"], "--date: '1-10-2026' is geen datum"),
    (["--scale", "1-5", "--instrument", "360"], "--instrument: onbekend instrument '360'. Kies uit: msf"),
    (["--scale", "1-5", "--format", "plat"], "--format: 'plat' is geen vorm"),
])
def test_bad_options_write_nothing(example: Path, args: list[str], message: str) -> None:
    _csv(example, LONG_NL)
    before = snapshot(example)
    result = ifms("import-feedback", "rapport.csv", *args, cwd=example)
    assert result.returncode == 2
    assert message in result.stderr and "Er is niets geschreven." in result.stderr
    assert snapshot(example) == before


def test_missing_report(example: Path) -> None:
    result = ifms("import-feedback", "weg.csv", "--scale", "1-5", cwd=example)
    assert result.returncode == 2
    assert "weg.csv bestaat niet (of is geen bestand). Er is niets geschreven." in result.stderr


def test_never_overwrites(example: Path) -> None:
    _csv(example, LONG_NL)
    before = snapshot(example)
    result = ifms("import-feedback", "rapport.csv", "--scale", "1-5", "-o", "portfolio/feedback/2024-360.yml",
                  cwd=example)
    assert result.returncode == 1
    assert "portfolio/feedback/2024-360.yml bestaat al en wordt niet overschreven." in result.stderr
    assert snapshot(example) == before
    first = ifms("import-feedback", "rapport.csv", "--scale", "1-5", cwd=example).stdout.strip()
    second = ifms("import-feedback", "rapport.csv", "--scale", "1-5", cwd=example).stdout.strip()
    assert second == first.replace(".yml", "-2.yml")


def test_output_file_and_preview(example: Path) -> None:
    _csv(example, WIDE_EN)
    preview = ifms("import-feedback", "rapport.csv", "--scale", "1-5", "-o", "-", cwd=example)
    assert preview.returncode == 0
    assert "kind: feedback" in preview.stdout and "  colleagues:\n    respondents: 8\n" in preview.stdout
    assert not list((example / "portfolio/feedback").glob(f"{TODAY}*"))
    result = ifms("import-feedback", "rapport.csv", "--scale", "1-5", "-o", "portfolio/feedback/ronde.yml",
                  cwd=example)
    assert result.stdout.strip() == "portfolio/feedback/ronde.yml"
    assert (example / "portfolio/feedback/ronde.yml").read_text(encoding="utf-8") == preview.stdout


def test_english_messages(example: Path) -> None:
    _csv(example, "Group,Competency,Score,Respondents\nNurse,Communicator,3.9,6\n")
    result = ifms("import-feedback", "rapport.csv", "--scale", "1-5", "--lang", "en", cwd=example)
    assert result.returncode == 1
    assert "rapport.csv:2: error in column 'Group': unknown group 'Nurse'. Did you mean 'Nurses'?" in result.stderr
    assert "Nothing was written." in result.stderr


def test_every_label_the_site_shows_is_recognised(tmp_path: Path) -> None:
    """A report that uses the site's own names (Dutch or English) reads back."""
    rows = []
    for lang in ("nl", "en"):
        locale = Locale(lang)
        groups = ["patients", "colleagues", "residents", "nurses", "staff", "managers", "others"]
        for i, group in enumerate(groups):
            competency = competencies.CANMEDS[(i + (lang == "en")) % 7]
            rows.append(f"{locale.label('group', group)};{locale.label('competency', competency)};4;5")
    path = tmp_path / "namen.csv"
    path.write_text("Groep;Competentie;Score;Respondenten\n" + "\n".join(rows) + "\n", encoding="utf-8")
    table = read_table(path, "namen.csv", scale=(1, 5))
    assert sorted(table.groups) == sorted(groups)
    assert all(len(result.scores) == 2 for result in table.groups.values())


def test_unknown_name_is_told_once(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Groep;Competentie;Score;Respondenten\n" + "Chirurgen;Communicatie;4;5\n" * 2
                    + "Chirurgen;Samenwerking;4;5\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        read_table(path, "r.csv", scale=(1, 5))
    assert [(p.line, p.key) for p in failed.value.problems] == [(2, "import.problem.unknown_group")]


def test_other_statistics_are_skipped_and_said_so(example: Path) -> None:
    """A standard deviation or median has no place in the format: skipped, not fatal."""
    report = _csv(example, "groep;competentie;score;respondenten;SD;Mediaan\n"
                           "collega-specialisten;communicatie;4,2;5;0,4;4\nverpleegkundigen;communicatie;4,0;4;0,5;4\n")
    result = ifms("import-feedback", str(report), "--scale", "1-5", cwd=example)
    assert result.returncode == 0, result.output
    assert "Niet ingelezen (het formaat heeft er geen plaats voor): de kolommen SD, Mediaan." in result.stderr
    record = _record(example, result)
    assert record["groups"]["colleagues"] == {"respondents": 5, "scores": {"communicator": 4.2}}
    wide = _csv(example, "groep;respondenten;communicatie;communicatie SD\ncollega's;5;4,2;0,4\n", name="breed.csv")
    result = ifms("import-feedback", str(wide), "--scale", "1-5", cwd=example)
    assert result.returncode == 0 and "de kolommen communicatie SD." in result.stderr
    assert _record(example, result)["groups"]["colleagues"]["scores"] == {"communicator": 4.2}


@pytest.mark.parametrize(("scale", "warned"), [("1-10", True), ("1-100", True), ("1-5", False), ("1-6", False)])
def test_a_scale_larger_than_the_scores_gets_a_warning(example: Path, scale: str, warned: bool) -> None:
    report = _csv(example, "groep;competentie;score;respondenten\ncollega-specialisten;communicatie;4,2;5\n")
    result = ifms("import-feedback", str(report), "--scale", scale, cwd=example)
    assert result.returncode == 0, result.output
    assert ("Let op: geen enkele score is hoger dan 5, terwijl de schaal " in result.stderr) is warned
