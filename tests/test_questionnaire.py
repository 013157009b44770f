"""An own 360° questionnaire: the starter, its page, and an export with one row per respondent
read through it (CSV and XLSX made here, never exports of real people)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from helpers import invoke, mkdocs_build, page, snapshot, text
from ifms.records.load import load_portfolio

HEADER = ["Tijdstempel", "E-mailadres", "Wat is uw rol?",
          "1. Legt uit wat er aan de hand is in woorden die de patiënt begrijpt.",
          "2. Brengt slecht nieuws helder en met aandacht voor patiënt en familie.",
          "3. Stemt het beleid tijdig af met collega's en andere disciplines.",
          "4. Is bereikbaar en aanspreekbaar voor verpleging en medewerkers.",
          "Wat moet deze specialist vooral blijven doen?", "Wat kan deze specialist beter doen?"]
ROWS = [
    ["10-01-2027 10:00", "a@example.org", "Collega-specialist", "Eens", "Helemaal eens", "4", "5",
     "Rust uitstralen", "Vaker terugbellen"],
    ["10-01-2027 11:00", "b@example.org", "collega-specialist", "4", "", "3", "4", "", "Sneller brieven"],
    ["11-01-2027 09:00", "c@example.org", "Collega-specialist", "5", "4", "Neutraal", "4,5", "Luisteren", ""],
    ["11-01-2027 10:00", "d@example.org", "Verpleegkundige", "3", "4", "4", "3", "Goed overleg", "Uitleg"],
    ["11-01-2027 10:30", "e@example.org", "Verpleegkundige", "4", "4", "4", "4", "", ""],
    ["12-01-2027 08:00", "f@example.org", "Secretariaat of polikliniek", "2", "3", "3", "2", "Alleen ik zeg dit", ""],
    ["12-01-2027 08:30", "", "Zelfbeoordeling", "4", "4", "3", "4", "", ""],
]


@pytest.fixture
def questionnaire(minimal: Path) -> Path:
    made = invoke("new", "questionnaire", "--competencies", "communicatie,collaborator", "--title", "360 2027",
                  cwd=minimal)
    assert made.returncode == 0, made.output
    return minimal / made.stdout.strip()


def _csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig", delimiter: str = ";") -> Path:
    path.write_text("\n".join(delimiter.join(row) for row in [HEADER, *rows]) + "\n", encoding=encoding)
    return path


def _imported(minimal: Path, export: Path, questionnaire: Path, *extra: str):
    result = invoke("import-feedback", str(export), "--questionnaire", str(questionnaire), "--date", "2027-01-15",
                    *extra, cwd=minimal)
    assert result.returncode == 0, result.output
    written = minimal / result.stdout.strip()
    round_, = [r for r in load_portfolio(minimal / "portfolio").feedback if r.date.isoformat() == "2027-01-15"]
    return round_, written.read_text(encoding="utf-8")


def test_the_starter_passes_the_check_and_has_a_page_to_hand_out(minimal: Path, questionnaire: Path) -> None:
    assert questionnaire.parent.name == "vragenlijsten"
    assert invoke("check", cwd=minimal).returncode == 0
    built = mkdocs_build(minimal, "--strict")
    assert built.returncode == 0, built.output
    html = page(minimal / "site", f"vragenlijsten/{questionnaire.stem}")
    shown = text(html[html.index("<article"):html.index("</article>")])
    assert "Deze vragenlijst is anoniem" in shown and "minder dan 3 respondenten" in shown
    assert "Helemaal oneens 1" in shown and "Helemaal eens 5" in shown
    assert "Eerst: Wat is uw rol?" in shown and "Collega-specialist Collega-specialisten" in shown
    assert shown.index("Communicatie") < shown.index("Legt uit wat er aan de hand is") < shown.index("Samenwerking")
    assert "Wat moet deze specialist vooral blijven doen?" in shown
    assert "Vragenlijsten" in text(page(minimal / "site", "vragenlijsten"))


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", ",")])
def test_a_csv_export_per_respondent_becomes_one_feedback_round(minimal: Path, questionnaire: Path, encoding: str,
                                                                 delimiter: str) -> None:
    rows = [[cell.replace(",", ".") if delimiter == "," else cell for cell in row] for row in ROWS]
    round_, written = _imported(minimal, _csv(minimal / "export.csv", rows, encoding=encoding, delimiter=delimiter),
                                questionnaire)
    colleagues = round_.groups["colleagues"]
    assert colleagues.respondents == 3
    # communicator: 4, 5 | 4, (empty, skipped) | 5, 4 -> 22 / 5; collaborator: 4, 5 | 3, 4 | 3, 4.5
    assert colleagues.scores == {"communicator": 4.4, "collaborator": round(23.5 / 6, 2)}
    assert round_.groups["nurses"].respondents == 2 and round_.groups["nurses"].scores == {}, "under the threshold"
    assert round_.groups["staff"].respondents == 1 and round_.groups["staff"].scores == {}
    assert round_.self_assessment == {"communicator": 4.0, "collaborator": 3.5}
    assert [(c.group, c.text) for c in round_.comments] == [
        ("colleagues", "Luisteren"), ("colleagues", "Rust uitstralen"), ("colleagues", "Sneller brieven"),
        ("colleagues", "Vaker terugbellen")], "sorted, not in the order of the rows"
    assert "Verpleegkundigen: 2 respondenten, minder dan de anonimiteitsdrempel van 3" in written
    for never in ("@example.org", "2027 10:00", "Goed overleg", "Alleen ik zeg dit", "Uitleg"):
        assert never not in written, never
    assert invoke("check", cwd=minimal).returncode == 0


def test_an_xlsx_export_reads_the_same(minimal: Path, questionnaire: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([float(cell.replace(",", ".")) if cell.replace(",", "").isdigit() else cell for cell in row])
    workbook.save(minimal / "forms.xlsx")
    round_, _ = _imported(minimal, minimal / "forms.xlsx", questionnaire)
    assert round_.groups["colleagues"].scores == {"communicator": 4.4, "collaborator": round(23.5 / 6, 2)}
    assert round_.groups["colleagues"].respondents == 3


@pytest.mark.parametrize(("change", "message"), [
    (lambda h, r: (h, [[*r[0][:3], "Soms", *r[0][4:]], *r[1:]]),
     "export.csv:2: fout in kolom '1. Legt uit wat er aan de hand is in woorden die de patiënt begrijpt.': 'Soms' "
     "is geen antwoord: schrijf een getal van 1 tot 5, of een van de woorden uit 'answers' (Helemaal oneens, "
     "Oneens, Neutraal, Eens, Helemaal eens)."),
    (lambda h, r: (h, [[*r[0][:3], "7", *r[0][4:]], *r[1:]]), "'7' is geen antwoord"),
    (lambda h, r: ([*h[:5], "Iets anders", *h[6:]], r),
     "export.csv:1: fout: de kolom met de vraag 'Stemt het beleid tijdig af met collega's en andere disciplines.' "
     "uit de vragenlijst ontbreekt."),
    (lambda h, r: (h, [[*r[0][:2], "Huisarts", *r[0][3:]], *r[1:]]),
     "export.csv:2: fout in kolom 'Wat is uw rol?': 'Huisarts' is geen antwoord uit 'groups' van de vragenlijst"),
])
def test_what_does_not_fit_the_questionnaire_is_told_and_nothing_is_written(minimal: Path, questionnaire: Path,
                                                                            change, message: str) -> None:
    header, rows = change(HEADER, ROWS)
    export = minimal / "export.csv"
    export.write_text("\n".join(";".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    before = snapshot(minimal / "portfolio")
    result = invoke("import-feedback", str(export), "--questionnaire", str(questionnaire), cwd=minimal)
    assert result.returncode == 1
    assert message in result.stderr.replace(str(minimal) + "/", "")
    assert "Er is niets geschreven" in result.stderr
    assert snapshot(minimal / "portfolio") == before


def test_a_questionnaire_that_is_not_one_is_refused(minimal: Path) -> None:
    result = invoke("import-feedback", "x.csv", "--questionnaire", "portfolio/pop/plan.yml", cwd=minimal)
    assert result.returncode == 2 and "is geen vragenlijst (kind: questionnaire)" in result.stderr


def test_a_competency_answered_by_too_few_gets_no_score_and_empty_rows_do_not_count(minimal: Path,
                                                                                   questionnaire: Path) -> None:
    rows = [["t", "", "Collega-specialist", "2", "2", "", "", "", ""],
            ["t", "", "Collega-specialist", "4", "", "", "", "", ""],
            ["t", "", "Collega-specialist", "5", "4", "3", "", "", ""],
            ["t", "", "Collega-specialist", "", "", "", "", "", ""]]
    round_, written = _imported(minimal, _csv(minimal / "dun.csv", rows), questionnaire)
    assert round_.groups["colleagues"].respondents == 3, "a row without a single answer is no respondent"
    assert round_.groups["colleagues"].scores == {"communicator": round(17 / 5, 2)}
    assert "Collega-specialisten, Samenwerking: maar 1 respondent beantwoordde deze vragen" in written


def test_a_damaged_xlsx_is_told_in_dutch(minimal: Path, questionnaire: Path) -> None:
    import zipfile

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.save(minimal / "goed.xlsx")
    with zipfile.ZipFile(minimal / "goed.xlsx") as source, zipfile.ZipFile(minimal / "stuk.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    result = invoke("import-feedback", str(minimal / "stuk.xlsx"), "--questionnaire", str(questionnaire), cwd=minimal)
    assert result.returncode == 1 and "geen leesbaar Excel-bestand" in result.stderr
    assert "Traceback" not in result.output


def test_two_answers_the_import_cannot_tell_apart_fail_the_check(minimal: Path, questionnaire: Path) -> None:
    text = questionnaire.read_text(encoding="utf-8")
    text = text.replace("  Aios: residents\n", "  Aios: residents\n  AIOS.: nurses\n")
    questionnaire.write_text(text, encoding="utf-8")
    check = invoke("check", cwd=minimal)
    assert check.returncode == 1 and "'AIOS.' staat er twee keer in" in check.stderr


def test_a_competency_named_twice_gets_its_questions_once(minimal: Path) -> None:
    made = invoke("new", "questionnaire", "--competencies", "communicator,communicatie", cwd=minimal)
    assert made.returncode == 0, made.output
    assert (minimal / made.stdout.strip()).read_text(encoding="utf-8").count("competency: communicator") == 2
