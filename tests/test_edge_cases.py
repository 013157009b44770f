"""Edge cases of files, the command line and templates (the issue's three classes): each bad
input gets a Dutch message with its file, line or field, never a traceback or a hang, and
nothing the specialist wrote is changed or lost."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import TODAY, ifms, invoke, mkdocs_build, snapshot
from ifms.authoring import draft
from ifms.problems import PortfolioInvalid
from ifms.records.load import LEFT_TO_FILL_IN, load_portfolio, placeholders

OWNER = ["--name", "dr. A. de Vries", "--specialty", "Interne geneeskunde", "--expiry", "2027-06-01"]


def _errors(project: Path) -> list[str]:
    """The problems of the project's portfolio, as ``ifms check`` shows them."""
    with pytest.raises(PortfolioInvalid) as invalid:
        load_portfolio(project / "portfolio", display_base=project)
    from ifms.i18n.locale import Locale

    return [problem.render(Locale("nl")) for problem in invalid.value.problems]


# --- 1. files -----------------------------------------------------------------------------


def test_a_linked_folder_is_read_validated_and_scanned_like_any_folder(minimal: Path, tmp_path: Path) -> None:
    """MkDocs follows a linked folder and publishes it; so the portfolio reads it as well."""
    outside = tmp_path / "elders"
    outside.mkdir()
    ronde = (minimal / "portfolio/feedback/ronde.yml").read_text(encoding="utf-8")
    (outside / "ronde2.yml").write_text(ronde.replace("Feedback 2024", "Ronde jan@example.com"), encoding="utf-8")
    (minimal / "portfolio/extra").symlink_to(outside, target_is_directory=True)

    portfolio = load_portfolio(minimal / "portfolio")
    assert "extra/ronde2.yml" in portfolio.data_files  # so the site excludes its raw YAML
    assert len(portfolio.feedback) == 2
    check = invoke("check", cwd=minimal)
    assert "portfolio/extra/ronde2.yml:2: waarschuwing: e-mailadres" in check.stderr.replace(str(minimal) + "/", "")

    (outside / "ronde2.yml").write_text(ronde.replace("date: 2024-02-01", "date: 2024-13-01"), encoding="utf-8")
    assert any(error.startswith("portfolio/extra/ronde2.yml:3: fout in veld 'date'") for error in _errors(minimal))


def test_a_link_back_into_the_portfolio_is_told_not_followed(minimal: Path) -> None:
    (minimal / "portfolio/reflecties/terug").symlink_to("..", target_is_directory=True)
    assert _errors(minimal) == [
        "portfolio/reflecties/terug: fout: deze map is een symbolische link naar portfolio/, een map die al "
        "gelezen wordt: hij zou zichzelf eindeloos bevatten. Verwijder de link, of laat hem naar een andere map "
        "wijzen."]


def test_a_dangling_link_and_a_pipe_are_told_without_hanging(minimal: Path) -> None:
    portfolio = minimal / "portfolio"
    (portfolio / "weg.yml").symlink_to("bestaat-niet.yml")
    os.mkfifo(portfolio / "pijp.yml")
    before = snapshot(portfolio)
    result = ifms("check", cwd=minimal)  # a process with a time limit: opening the pipe would hang
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "portfolio/pijp.yml: fout: dit is geen gewoon bestand (maar bijvoorbeeld een named pipe" in result.stderr
    assert "portfolio/weg.yml: fout: dit is een snelkoppeling (symbolische link) naar een bestand dat niet bestaat" \
        in result.stderr
    assert snapshot(portfolio) == before


def test_a_dangling_picture_and_a_pipe_of_any_name_stop_the_build_in_dutch(minimal: Path) -> None:
    """MkDocs copies every other file into the site: a dangling foto.png crashed the build with a
    traceback, and a pipe named notities.txt would make it wait forever."""
    portfolio = minimal / "portfolio"
    (portfolio / "foto.png").symlink_to("bestaat-niet.png")
    os.mkfifo(portfolio / "notities.txt")
    before = snapshot(portfolio)
    expected = ["portfolio/foto.png: fout: dit is een snelkoppeling (symbolische link) naar een bestand dat niet "
                "bestaat. Verwijder de link, of laat hem naar het juiste bestand wijzen.",
                "portfolio/notities.txt: fout: dit is geen gewoon bestand (maar bijvoorbeeld een named pipe of een "
                "apparaat) en wordt niet gelezen. MkDocs kan het niet naar de site kopiëren. Verwijder het uit de "
                "portfoliomap."]
    assert _errors(minimal) == expected
    built = mkdocs_build(minimal)  # a process with a time limit
    assert built.returncode == 1 and "Traceback" not in built.output, built.output
    assert all(line in built.output for line in expected)
    assert snapshot(portfolio) == before


def test_a_record_beside_a_page_of_the_same_name_fails_the_check(minimal: Path) -> None:
    """r.yml beside r.md: the build refused it, the check let it through."""
    reflections = minimal / "portfolio/reflecties"
    ronde = (minimal / "portfolio/feedback/ronde.yml").read_text(encoding="utf-8")
    (reflections / "reflectie.yml").write_text(ronde.replace("Feedback 2024", "Nog een ronde"), encoding="utf-8")
    expected = ["portfolio/reflecties/reflectie.yml:1: fout: dit record krijgt de pagina reflecties/reflectie.md, maar "
                "die is al uw eigen pagina portfolio/reflecties/reflectie.md. Een YAML-record en een Markdown-bestand "
                "met dezelfde naam kunnen niet naast elkaar staan: geef een van beide een andere naam."]
    assert _errors(minimal) == expected
    built = mkdocs_build(minimal)
    assert built.returncode == 1 and expected[0] in built.output


def test_a_finding_in_a_linked_folder_is_named_where_it_is_in_the_portfolio(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "casus.md").write_text("# Casus\n\nBSN 123456782 van een patiënt.\n", encoding="utf-8")
    (minimal / "portfolio/extra").symlink_to(outside, target_is_directory=True)
    privacy = invoke("privacy", cwd=minimal)
    assert privacy.returncode == 1 and str(tmp_path) not in privacy.output
    assert "portfolio/extra/casus.md:3: fout: mogelijk een burgerservicenummer (BSN) '1234***82'" in privacy.stderr
    built = mkdocs_build(minimal)
    assert "portfolio/extra/casus.md:3: fout" in built.output and str(outside) not in built.output


def test_two_records_with_one_page_are_both_named(minimal: Path) -> None:
    feedback = minimal / "portfolio/feedback"
    (feedback / "ronde.yaml").write_text((feedback / "ronde.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert _errors(minimal) == [
        "portfolio/feedback/ronde.yml:1: fout: dit record krijgt de pagina feedback/ronde.md, net als "
        "portfolio/feedback/ronde.yaml. Twee records kunnen niet dezelfde pagina hebben: geef een van beide een "
        "andere naam."]


def test_a_record_cannot_take_a_generated_page(minimal: Path) -> None:
    portfolio = minimal / "portfolio"
    ronde = (portfolio / "feedback/ronde.yml").read_text(encoding="utf-8")
    (portfolio / "overzicht.yml").write_text(ronde.replace("Feedback 2024", "Andere ronde"), encoding="utf-8")
    (portfolio / "feedback/index.yml").write_text(ronde.replace("Feedback 2024", "Derde ronde"), encoding="utf-8")
    result = invoke("check", cwd=minimal)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert ("portfolio/overzicht.yml:1: fout: dit record krijgt de pagina overzicht.md, maar die pagina maakt het "
            "portfolio zelf (de optie 'overview_page' van de plugin in mkdocs.yml). Geef het bestand een andere naam, "
            "of kies een andere 'overview_page'.") in lines
    assert ("portfolio/feedback/index.yml:1: fout: dit record krijgt de pagina feedback/index.md, maar dat is de "
            "overzichtspagina die het portfolio voor de map feedback/ maakt. Geef het bestand een andere "
            "naam.") in lines
    # The same in the site plan (the build, ifms pdf, export-site), with its options.
    from ifms.options import read_options
    from ifms.site_plan.plan import SitePlan

    with pytest.raises(PortfolioInvalid) as invalid:
        SitePlan(portfolio, read_options({}).settled(theme_language="nl"))
    assert {problem.key for problem in invalid.value.problems} == {"page_clash_generated", "page_clash_index"}
    (portfolio / "overzicht.yml").unlink()
    (portfolio / "feedback/index.yml").unlink()
    (portfolio / "tijdlijn.yml").write_text(ronde.replace("Feedback 2024", "Andere ronde"), encoding="utf-8")
    with pytest.raises(PortfolioInvalid):
        SitePlan(portfolio, read_options({}).settled(theme_language="nl"))
    assert SitePlan(portfolio, read_options({"timeline_page": ""}).settled(theme_language="nl")).portfolio


# --- 2. the command line ------------------------------------------------------------------


@pytest.fixture
def fast_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A handout without laying out pages: these tests are about writing the file."""
    from ifms.handout import pdf as pdf_engine

    monkeypatch.setattr(pdf_engine, "make", lambda *args, **kwargs: pdf_engine.RenderedPdf(b"%PDF-1.7\n" * 1000, 1))


def test_pdf_into_a_missing_folder_is_refused_before_rendering(minimal: Path, fast_pdf: None) -> None:
    result = invoke("pdf", "-o", "typfout/handout.pdf", cwd=minimal)
    assert result.returncode == 1
    assert result.stderr.startswith("De map typfout/ bestaat niet, dus typfout/handout.pdf kan er niet in.")
    assert not (minimal / "typfout").exists()


def test_pdf_into_an_unwritable_folder(minimal: Path, fast_pdf: None, monkeypatch: pytest.MonkeyPatch) -> None:
    (minimal / "alleen-lezen").mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path).name == "alleen-lezen"
                        else real_access(path, mode))  # the tests run as root, which may write anywhere
    result = invoke("pdf", "-o", "alleen-lezen/handout.pdf", cwd=minimal)
    assert result.returncode == 1
    assert result.stderr.startswith("In de map alleen-lezen/ mag u niet schrijven")
    assert list((minimal / "alleen-lezen").iterdir()) == []


@pytest.mark.parametrize("target", ["handout.pdf", None])
def test_a_full_disk_leaves_nothing_half_written(minimal: Path, fast_pdf: None, monkeypatch: pytest.MonkeyPatch,
                                                 target: str | None) -> None:
    from ifms import atomic

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    before = snapshot(minimal)
    result = invoke("pdf", *(["-o", target] if target else []), cwd=minimal)
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "kon niet worden geschreven (No space left on device). Er is niets half geschreven achtergebleven" \
        in result.stderr
    def own(files: dict[str, bytes]) -> dict[str, bytes]:  # the chart cache may be written
        return {path: data for path, data in files.items() if not path.startswith(".cache/")}

    assert own(snapshot(minimal)) == own(before)  # no PDF, no temporary file, no .gitignore


@pytest.mark.parametrize(("cells", "message"), [
    ("collega;²;4", "report.csv:2: fout in kolom 'respondenten': '²' is geen aantal respondenten"),
    (f"collega;{'5' * 5000};4", "report.csv:2: fout in kolom 'respondenten': '5555"),
    (f"collega;5;{'4' * 5000}", "report.csv:2: fout in kolom 'communicatie': score 4444"),
    ('collega;5;"' + "x" * 140_000 + '"', "report.csv:2: fout in kolom 'communicatie': cel 3 van deze regel is "
     "groter dan 128 KiB"),
    ('verpleegkundigen;"3\n";4\ncollega;5;"' + "x" * 140_000 + '"', "report.csv:4: fout in kolom 'communicatie': "
     "cel 3 van deze regel is groter dan 128 KiB"),
])
def test_odd_csv_cells_are_told_with_line_and_column(minimal: Path, cells: str, message: str) -> None:
    (minimal / "report.csv").write_text(f"groep;respondenten;communicatie\n{cells}\n", encoding="utf-8")
    before = snapshot(minimal / "portfolio")
    result = invoke("import-feedback", "report.csv", "--scale", "1-5", cwd=minimal)
    assert result.returncode == 1
    assert result.stderr.startswith(message), result.stderr[:300]
    assert len(result.stderr) < 1000  # the value is quoted short
    assert snapshot(minimal / "portfolio") == before


def test_init_with_a_date_outside_the_years_says_so(minimal: Path) -> None:
    before = snapshot(minimal)
    result = invoke("init", "--name", "A", "--specialty", "B", "--expiry", "0001-01-01", cwd=minimal)
    assert result.returncode == 2
    assert result.stderr.strip() == ("--expiry: de datum 0001-01-01 ligt buiten wat een portfolio kan bevatten: van "
                                     "1900-01-01 tot en met 2200-12-31. Controleer het jaar. Er is niets veranderd.")
    assert snapshot(minimal) == before


@pytest.mark.parametrize("docs_dir", ["..", "."])
@pytest.mark.parametrize("args", [["check"], ["new", "reflection"], ["init", *OWNER, "--yes"], ["pdf"],
                                  ["export-site", "../uit"]])
def test_a_portfolio_folder_around_the_project_is_refused(minimal: Path, docs_dir: str, args: list[str]) -> None:
    config = minimal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: portfolio", f"docs_dir: {docs_dir}"),
                      encoding="utf-8")
    before = snapshot(minimal.parent)
    result = invoke(*args, cwd=minimal)
    assert result.returncode == 2
    assert result.stderr.startswith(f"mkdocs.yml: 'docs_dir: {docs_dir}' maakt van ")
    assert "Zet het portfolio in een map naast mkdocs.yml, bijvoorbeeld 'docs_dir: portfolio'" in result.stderr
    assert snapshot(minimal.parent) == before


_KILLED_BETWEEN_RENAMES = """
import os, sys
from pathlib import Path
rename = Path.rename
def killed_at_second(self, target):
    if Path(target).name == "portfolio":
        os._exit(9)  # as a killed process: no except, no finally
    return rename(self, target)
Path.rename = killed_at_second
from ifms.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("own", [False, True])
def test_init_killed_between_its_renames_is_rolled_back_by_the_next(example: Path, own: bool) -> None:
    portfolio = example / "portfolio"
    if own:
        (portfolio / "reflecties/mijn.md").write_text("---\nkind: reflection\ndate: 2026-01-05\n---\n\nMijn tekst.\n",
                                                     encoding="utf-8")
    before = snapshot(portfolio)
    killed = subprocess.run([sys.executable, "-c", _KILLED_BETWEEN_RENAMES, "init", *OWNER, "--yes"], cwd=example,
                            env={**os.environ, "IFMS_TODAY": TODAY}, capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9
    assert not portfolio.exists()  # the state the issue describes: moved aside, nothing in place

    again = invoke("init", *OWNER, "--yes", cwd=example)
    assert again.returncode == 0, again.output
    assert "Een eerder 'ifms init' is halverwege gestopt; dat is teruggedraaid" in again.stderr
    aside = example / ("portfolio-2026-11-23" if own else "voorbeeldportfolio")
    assert snapshot(aside) == before
    assert (portfolio / "profiel.yml").is_file()
    assert sorted(path.name for path in example.iterdir() if path.name.startswith(".")) == []
    assert invoke("check", cwd=example).returncode == 0


def test_init_interrupted_then_refused_leaves_the_old_portfolio_in_place(example: Path) -> None:
    """Rolled back first: a next run that then refuses (no answers given) has lost nothing."""
    before = snapshot(example / "portfolio")
    subprocess.run([sys.executable, "-c", _KILLED_BETWEEN_RENAMES, "init", *OWNER], cwd=example,
                   env={**os.environ, "IFMS_TODAY": TODAY}, capture_output=True, timeout=60, check=False)
    refused = invoke("init", cwd=example)
    assert refused.returncode == 2
    assert snapshot(example / "portfolio") == before
    assert not (example / "voorbeeldportfolio").exists()


# --- 3. an unfilled template --------------------------------------------------------------


def test_an_unfilled_conversation_is_written_but_fails_the_check(minimal: Path) -> None:
    made = invoke("new", "conversation", cwd=minimal)
    assert made.returncode == 0, made.output
    path = minimal / made.stdout.strip()
    assert "leader: (naam van de gespreksleider)" in path.read_text(encoding="utf-8")
    check = invoke("check", cwd=minimal)
    assert check.returncode == 1
    assert (f"{made.stdout.strip()}:5: fout in veld 'leader': '(naam van de gespreksleider)' is nog de tekst uit het "
            "sjabloon. Vul hier uw eigen gegevens in.") in check.stderr.splitlines()
    path.write_text(path.read_text(encoding="utf-8").replace("(naam van de gespreksleider)", "dr. B. Jansen"),
                    encoding="utf-8")
    assert invoke("check", cwd=minimal).returncode == 0


def test_an_unfilled_feedback_round_is_written_but_fails_the_check(minimal: Path) -> None:
    """Zero respondents and no scores in every group is the template, not a round."""
    made = invoke("new", "feedback", cwd=minimal)
    assert made.returncode == 0, made.output
    path = minimal / made.stdout.strip()
    check = invoke("check", cwd=minimal)
    assert check.returncode == 1
    assert (f"{made.stdout.strip()}:12: fout in veld 'groups': deze feedbackronde heeft nog geen cijfers: elke groep "
            "heeft 0 respondenten en geen scores. Vul per groep het aantal respondenten en de scores in uit het "
            "rapport, lees een CSV-export in met ifms import-feedback, of verwijder het bestand.") in check.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("respondents: 0", "respondents: 4", 1), encoding="utf-8")
    assert invoke("check", cwd=minimal).returncode == 0


def test_the_placeholders_of_every_template_are_known(minimal: Path) -> None:
    """Every value ``ifms new`` and ``ifms init`` leave for the specialist is a known placeholder,
    in both languages; a template without placeholders passes the check as it stands."""
    expected = {"conversation": {"leader"}, "pop": {"goals[0].title", "goals[0].actions[0].title"},
                "reflection": set(), "feedback": {"groups"}}
    for lang in ("nl", "en"):
        for kind, fields in expected.items():
            made = invoke("new", kind, "--lang", lang, cwd=minimal)
            assert made.returncode == 0, made.output
            relative = Path(made.stdout.strip()).relative_to("portfolio").as_posix()
            text = (minimal / made.stdout.strip()).read_text(encoding="utf-8")
            problems = draft.problems_in(text, relative)
            assert {problem.key for problem in problems} <= LEFT_TO_FILL_IN, problems
            assert {problem.field for problem in problems} == fields, (lang, kind)
            (minimal / made.stdout.strip()).unlink()
    assert len(placeholders()) == 6
    fresh = minimal / "fresh"
    fresh.mkdir()
    (fresh / "mkdocs.yml").write_text("site_name: x\ndocs_dir: portfolio\n", encoding="utf-8")
    assert invoke("init", *OWNER, cwd=fresh).returncode == 0
    assert invoke("check", cwd=fresh).returncode == 0  # the profile has no placeholder


def test_require_valid_lets_only_placeholders_through() -> None:
    conversation = "---\nkind: conversation\ntype: ifms\ndate: 2026-01-05\nleader: (naam van de gespreksleider)\n---\n"
    assert draft.require_valid(conversation, "gesprekken/g.md") == conversation
    with pytest.raises(draft.DraftInvalid) as invalid:
        draft.require_valid(conversation.replace("2026-01-05", "2026-13-05"), "gesprekken/g.md")
    assert [problem.key for problem in invalid.value.problems] == ["ifms_date_impossible"]
