"""The ``ifms`` command line itself, in this process through click's runner: ``-f`` and
``--lang`` before or after the command, values click refuses while it reads them (dates, a
scale, kinds), and refusals of mkdocs.yml and ``IFMS_TODAY``: a sentence in the specialist's
language and an exit code, never a traceback and never click's English "Error:"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ifms.cli import main

TODAY = "2026-11-23"
REPORT = "Groep;Competentie;Score;Respondenten\nVerpleegkundigen;Communicatie;4,1;6\n"


class Outcome:
    def __init__(self, result) -> None:
        self.code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        # SystemExit is how click ends with a code; anything else escaped as a traceback would.
        self.escaped = result.exception if not isinstance(result.exception, (SystemExit, type(None))) else None


def ifms(*args: str, cwd: Path, env: dict[str, str | None] | None = None) -> Outcome:
    """``ifms ARGS`` in ``cwd``, on the tests' fixed day, without IFMS_LANG; ``LANGUAGE``
    (which the command sets for click's own words) is put back afterwards."""
    environ: dict[str, str | None] = {"IFMS_TODAY": TODAY, "IFMS_LANG": None, "LANGUAGE": None, **(env or {})}
    before = Path.cwd()
    os.chdir(cwd)
    try:
        try:
            runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click 8.1
        except TypeError:
            runner = CliRunner()  # click 8.2 keeps stderr apart by itself
        outcome = Outcome(runner.invoke(main, list(args), prog_name="ifms", env=environ))
    finally:
        os.chdir(before)
    assert outcome.escaped is None, f"{outcome.escaped!r}\n{outcome.stderr}"
    return outcome


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def plugin_options(project: Path, lines: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - ifms\n" in text
    options = "".join(f"      {line}\n" for line in lines.strip("\n").splitlines())
    config.write_text(text.replace("  - ifms\n", f"  - ifms:\n{options}"), encoding="utf-8")


def refused(outcome: Outcome, code: int = 2) -> str:
    """The refusal's words: the exit code is ``code``, nothing went to stdout, and no
    "Error:"/"Fout:" of click's in front of our own sentence."""
    assert outcome.code == code, outcome.stderr
    assert outcome.stdout == ""
    assert not outcome.stderr.startswith(("Error:", "Fout:")), outcome.stderr
    return outcome.stderr


# --- -f and --lang, on the group and on the command --------------------------------------------


@pytest.mark.parametrize("args", [
    ("--lang", "en", "check"),
    ("check", "--lang", "en"),
    ("--lang", "nl", "check", "--lang", "en"),
], ids=["group", "command", "command-wins"])
def test_lang_before_or_after_the_command(minimal: Path, args: tuple[str, ...]) -> None:
    result = ifms(*args, cwd=minimal)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Portfolio OK: 1 profile, 1 feedback round")


def test_dutch_by_default_and_ifms_lang_gives_way_to_the_option(minimal: Path) -> None:
    assert ifms("check", cwd=minimal).stdout.startswith("Portfolio in orde: 1 profiel")
    english = ifms("check", cwd=minimal, env={"IFMS_LANG": "en"})
    assert english.stdout.startswith("Portfolio OK")
    assert ifms("check", "--lang", "nl", cwd=minimal, env={"IFMS_LANG": "en"}).stdout.startswith("Portfolio in orde")
    # The command's --lang has no default of its own that would undo the group's option.
    assert ifms("--lang", "en", "check", cwd=minimal, env={"IFMS_LANG": "nl"}).stdout.startswith("Portfolio OK")


@pytest.mark.parametrize("where", ["group", "command"])
def test_config_file_before_or_after_the_command(minimal: Path, tmp_path: Path, where: str) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    config = str(minimal / "mkdocs.yml")
    args = ("-f", config, "check") if where == "group" else ("check", "--config-file", config)
    result = ifms(*args, cwd=elsewhere)
    assert result.code == 0, result.stderr
    assert "Portfolio in orde" in result.stdout


def test_no_mkdocs_yml(tmp_path: Path) -> None:
    words = refused(ifms("check", cwd=tmp_path))
    assert words.startswith("Geen mkdocs.yml gevonden in ")
    assert refused(ifms("--lang", "en", "new", "reflection", cwd=tmp_path)).startswith("No mkdocs.yml found")


def test_click_words_follow_the_lang_option(tmp_path: Path) -> None:
    dutch = ifms("new", cwd=tmp_path)
    assert dutch.code == 2 and dutch.stderr.splitlines()[-1] == "Fout: Ontbrekend argument 'SOORT'."
    english = ifms("--lang", "en", "new", cwd=tmp_path)
    assert english.code == 2 and english.stderr.splitlines()[-1].startswith("Error: Missing argument")
    assert "'fr' is niet een van 'nl', 'en'" in ifms("--lang", "fr", "check", cwd=tmp_path).stderr


def test_help_of_the_group_and_of_a_command(tmp_path: Path) -> None:
    group = ifms("--help", cwd=tmp_path)
    assert group.code == 0
    assert "Gebruik: ifms [OPTIES] COMMANDO [ARGUMENTEN]..." in group.stdout
    assert "-f, --config-file BESTAND" in group.stdout and "--lang [nl|en]" in group.stdout
    new = ifms("new", "--help", cwd=tmp_path)
    assert new.code == 0 and "Gebruik: ifms new [OPTIES] SOORT" in new.stdout
    assert "--date JJJJ-MM-DD" in new.stdout and "--lang [nl|en]" in new.stdout
    scale = ifms("import-feedback", "--help", cwd=tmp_path).stdout
    assert "--scale LAAG-HOOG" in scale and "--format [auto|long|wide]" in scale


# --- values click refuses while reading the command line -------------------------------------


@pytest.mark.parametrize(("args", "words"), [
    (("new", "reflection", "--date", "23-11-2026"),
     "--date: '23-11-2026' is geen datum in de vorm JJJJ-MM-DD (jaar-maand-dag), bijvoorbeeld 2026-03-15. "
     "Er is niets geschreven.\n"),
    (("new", "pop", "--date", "2026-02-30"), "--date: '2026-02-30' is geen datum"),
    (("pdf", "--to", "1 maart"), "De datum bij --to (1 maart) moet de vorm JJJJ-MM-DD hebben"),
    (("init", "--name", "dr. A", "--specialty", "Dermatologie", "--expiry", "01-06-2027"),
     "--expiry: '01-06-2027' is geen datum in de vorm JJJJ-MM-DD"),
    (("import-feedback", "rapport.csv", "--scale", "1-5", "--date", "gisteren"), "--date: 'gisteren' is geen datum"),
], ids=["new", "impossible", "pdf", "init", "import"])
def test_bad_date_is_refused_and_changes_nothing(minimal: Path, args: tuple[str, ...], words: str) -> None:
    before = files(minimal)
    assert words in refused(ifms(*args, cwd=minimal))
    assert files(minimal) == before


def test_bad_date_in_the_language_asked_for(minimal: Path) -> None:
    asked = refused(ifms("--lang", "en", "new", "reflection", "--date", "x", cwd=minimal))
    assert asked.startswith("--date: 'x' is not a date of the form YYYY-MM-DD")
    # The option comes after the date on the command line, and is still the language.
    later = refused(ifms("new", "reflection", "--date", "x", "--lang", "en", cwd=minimal))
    assert later == asked
    plugin_options(minimal, "lang: en")
    assert refused(ifms("new", "reflection", "--date", "x", cwd=minimal)) == asked, "mkdocs.yml's lang"


@pytest.mark.parametrize("scale", ["5-1", "vijf", "1-", "1-5-10"])
def test_bad_scale(minimal: Path, scale: str) -> None:
    (minimal / "rapport.csv").write_text(REPORT, encoding="utf-8")
    before = files(minimal)
    words = refused(ifms("import-feedback", "rapport.csv", "--scale", scale, cwd=minimal))
    assert words == (f"--scale: '{scale}' is geen schaal. Schrijf laagste-hoogste, bijvoorbeeld 1-5. "
                     "Er is niets geschreven.\n")
    assert files(minimal) == before


def test_missing_scale_is_still_our_own_sentence(minimal: Path) -> None:
    words = refused(ifms("import-feedback", "rapport.csv", cwd=minimal))
    assert words.startswith("Geef de schaal van het rapport mee, bijvoorbeeld --scale 1-5")


@pytest.mark.parametrize(("args", "words"), [
    (("new", "reflexion"), "Onbekende soort 'reflexion'. Kies uit: reflection (reflectie), conversation (gesprek)"),
    (("new", "REFLEXION"), "Onbekende soort 'reflexion'."),
    (("new", "gesprek", "--type", "koffie"), "Onbekende soort gesprek 'koffie'. Kies uit: ifms, intervision,"),
    (("pdf", "--kinds", "feedback,bogus"),
     "Onbekend onderdeel 'bogus'. Mogelijk zijn: evidence, preparation, timeline, profile, feedback, pop, "
     "conversation, reflection."),
    (("import-feedback", "rapport.csv", "--scale", "1-5", "--instrument", "enquete"),
     "--instrument: onbekend instrument 'enquete'. Kies uit: msf, peer_review, patient_survey, other."),
    (("import-feedback", "rapport.csv", "--scale", "1-5", "--format", "plat"),
     "--format: 'plat' is geen vorm. Kies uit: auto, long, wide."),
], ids=["new", "new-case", "type", "pdf-kinds", "instrument", "format"])
def test_unknown_kind_is_refused(minimal: Path, args: tuple[str, ...], words: str) -> None:
    before = files(minimal)
    assert words in refused(ifms(*args, cwd=minimal))
    assert files(minimal) == before


def test_other_spellings_of_a_kind(minimal: Path) -> None:
    made = ifms("new", "Reflectie", cwd=minimal)
    assert made.code == 0, made.stderr
    assert made.stdout.strip() == f"portfolio/reflecties/{TODAY}-reflectie.md"
    (minimal / "rapport.csv").write_text(REPORT, encoding="utf-8")
    preview = ifms("import-feedback", "rapport.csv", "--scale", "1-5", "--format", "lang", "-o", "-", cwd=minimal)
    assert preview.code == 0, preview.stderr
    assert "kind: feedback" in preview.stdout


# --- mkdocs.yml and IFMS_TODAY ------------------------------------------------------------------


@pytest.mark.parametrize("args", [("check",), ("evidence",), ("new", "reflection"), ("export",), ("pdf",),
                                  ("privacy",), ("new", "reflection", "--date", "morgen")])
def test_bad_option_in_mkdocs_yml(minimal: Path, args: tuple[str, ...]) -> None:
    plugin_options(minimal, "cme_hours: veel")
    before = files(minimal)
    words = refused(ifms(*args, cwd=minimal))
    assert "'cme_hours'" in words and "veel" in words and "mkdocs.yml" in words
    assert words.startswith("Instelling 'cme_hours' van het ifms-plugin in mkdocs.yml")
    assert "Traceback" not in words
    assert files(minimal) == before


def test_bad_option_in_english(minimal: Path) -> None:
    plugin_options(minimal, "cme_hours: veel")
    assert refused(ifms("--lang", "en", "check", cwd=minimal)).startswith("Option 'cme_hours' of the ifms plugin")


def test_privacy_of_files_does_not_need_the_options(minimal: Path) -> None:
    """A git hook judges the files even where mkdocs.yml is broken or missing."""
    plugin_options(minimal, "cme_hours: veel")
    result = ifms("privacy", "portfolio/index.md", cwd=minimal)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Privacy: geen BSN")


@pytest.mark.parametrize("args", [("new", "reflection"), ("export",), ("init", "--yes", "--name", "dr. A",
                                                                        "--specialty", "Dermatologie",
                                                                        "--expiry", "2027-06-01")])
def test_impossible_ifms_today(minimal: Path, args: tuple[str, ...]) -> None:
    before = files(minimal)
    words = refused(ifms(*args, cwd=minimal, env={"IFMS_TODAY": "2024-02-30"}))
    assert words == ("De omgevingsvariabele IFMS_TODAY heeft de waarde '2024-02-30'; "
                     "verwacht: een datum die bestaat (JJJJ-MM-DD).\n")
    assert files(minimal) == before


def test_impossible_ifms_today_in_english(minimal: Path) -> None:
    words = refused(ifms("--lang", "en", "check", cwd=minimal, env={"IFMS_TODAY": "2024-02-30"}))
    assert words.startswith("The environment variable IFMS_TODAY has the value '2024-02-30'")


# --- refusals of the commands themselves -------------------------------------------------------


def test_a_refusal_has_its_own_exit_code(minimal: Path) -> None:
    assert refused(ifms("pdf", "--from", "2025-01-01", "--to", "2024-01-01", cwd=minimal)).startswith(
        "De begindatum (1 januari 2025) ligt na de einddatum (1 januari 2024).")
    (minimal / "uit.json").write_text("{}", encoding="utf-8")
    assert "uit.json bestaat al" in refused(ifms("export", "-o", "uit.json", cwd=minimal), code=1)
    assert refused(ifms("privacy", "--staged", "portfolio/index.md", cwd=minimal)) == (
        "Geef bestanden of --staged, niet allebei.\n")


def test_portfolio_errors_are_a_refusal_with_code_1(minimal: Path) -> None:
    profile = minimal / "portfolio" / "profiel.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "naam: dubbel\n", encoding="utf-8")
    for command in ("check", "evidence", "export"):
        words = refused(ifms(command, cwd=minimal), code=1)
        assert "portfolio/profiel.yml:" in words and ": fout" in words
