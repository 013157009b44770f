"""``ifms new``: a record from a template that passes ``ifms check`` and builds as it stands,
under a name that never replaces an existing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import TODAY, ifms, invoke, mkdocs_build, snapshot
from ifms.source import yaml_source
from ifms.source.frontmatter import split

KINDS = {  # kind -> (folder in the example, suffix)
    "reflection": ("reflecties", ".md"),
    "conversation": ("gesprekken", ".md"),
    "feedback": ("feedback", ".yml"),
    "pop": ("pop", ".yml"),
}


def _data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split(text).front_matter
    return yaml_source.parse(text).data


def _fill_in(folder: Path) -> None:
    """Replace every template placeholder in the records under ``folder``, as the specialist
    does after ``ifms new``."""
    from ifms.records.load import placeholders

    for path in [*folder.rglob("*.md"), *folder.rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        filled = text
        for placeholder in placeholders():
            filled = filled.replace(placeholder, "Ingevuld door de specialist")
        # a new feedback round: the figures from the report
        filled = filled.replace("respondents: 0", "respondents: 5", 1)
        if filled != text:
            path.write_text(filled, encoding="utf-8")


def test_every_kind_passes_check_and_builds_once_filled_in(example: Path) -> None:
    made = {}
    for kind, (folder, suffix) in KINDS.items():
        result = ifms("new", kind, cwd=example)
        assert result.returncode == 0, result.output
        path = example / result.stdout.strip()
        assert path.parent == example / "portfolio" / folder
        assert path.name.startswith(f"{TODAY}-") and path.suffix == suffix
        made[kind] = path
    unfilled = ifms("check", cwd=example)
    assert unfilled.returncode == 1
    assert unfilled.stderr.count("is nog de tekst uit het sjabloon") == 3, unfilled.stderr  # leader, goal, action
    assert unfilled.stderr.count("deze feedbackronde heeft nog geen cijfers") == 1, unfilled.stderr
    _fill_in(example / "portfolio")
    check = ifms("check", cwd=example)
    assert check.returncode == 0, check.output
    assert "4 feedbackrondes, 3 POP's, 5 gesprekken, 7 reflecties" in check.stdout
    assert "Privacy" not in check.output
    build = mkdocs_build(example, "--strict")
    assert build.returncode == 0, build.output
    assert (example / "site" / "reflecties" / made["reflection"].stem / "index.html").is_file()
    assert (example / "site" / "feedback" / made["feedback"].stem / "index.html").is_file()


def test_defaults_follow_the_format(example: Path) -> None:
    paths = {kind: example / invoke("new", kind, cwd=example).stdout.strip() for kind in KINDS}
    reflection, conversation = _data(paths["reflection"]), _data(paths["conversation"])
    assert reflection["date"] == TODAY and reflection["share"] is False
    assert conversation["type"] == "ifms" and conversation["share"] is False
    assert conversation["leader"] == "(naam van de gespreksleider)"
    for kind in ("feedback", "pop"):
        data = _data(paths[kind])
        assert data["share"] is True and data["date"] == TODAY
        first = paths[kind].read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
        assert (paths[kind].parent / first.split("=", 1)[1]).resolve().is_file()
    assert _data(paths["pop"])["title"] == "POP 2026"


def test_title_gives_the_file_name_without_accents(example: Path) -> None:
    result = invoke("new", "reflectie", "--title", "Één gesprek: slecht nieuws", cwd=example)
    assert result.stdout.strip() == f"portfolio/reflecties/{TODAY}-een-gesprek-slecht-nieuws.md"
    data = _data(example / result.stdout.strip())
    assert data["title"] == "Één gesprek: slecht nieuws"


def test_existing_file_gets_a_numbered_name(example: Path) -> None:
    first = invoke("new", "reflection", "--title", "Dienst", cwd=example).stdout.strip()
    (example / first).write_text("---\nkind: reflection\ndate: 2026-11-23\n---\n\nMijn tekst.\n")
    second = invoke("new", "reflection", "--title", "Dienst", cwd=example).stdout.strip()
    third = invoke("new", "reflection", "--title", "Dienst", cwd=example).stdout.strip()
    assert second == first.replace(".md", "-2.md") and third == first.replace(".md", "-3.md")
    assert (example / first).read_text() == "---\nkind: reflection\ndate: 2026-11-23\n---\n\nMijn tekst.\n"


def test_yaml_record_name_is_not_taken_by_a_page_either(example: Path) -> None:
    """A YAML record gets a page with its own stem: ``x.md`` beside it would clash."""
    (example / f"portfolio/pop/{TODAY}-pop.md").write_text("# Aantekeningen bij het POP\n")
    path = invoke("new", "pop", cwd=example).stdout.strip()
    assert path == f"portfolio/pop/{TODAY}-pop-2.yml"
    _fill_in(example / "portfolio")
    assert invoke("check", cwd=example).returncode == 0


def test_date_option(example: Path) -> None:
    path = invoke("new", "pop", "--date", "2027-01-15", cwd=example).stdout.strip()
    assert path == "portfolio/pop/2027-01-15-pop.yml"
    text = (example / path).read_text(encoding="utf-8")
    assert "# until: 2029-01-15" in text and "# due: 2027-07-15" in text
    assert _data(example / path)["title"] == "POP 2027"


@pytest.mark.parametrize(("args", "message"), [
    (["new", "reflexion"], "Onbekende soort 'reflexion'. Kies uit: reflection (reflectie)"),
    (["new", "reflection", "--date", "23-11-2026"],
     "--date: '23-11-2026' is geen datum in de vorm JJJJ-MM-DD"),
    (["new", "reflection", "--date", "2026-02-30"], "--date: '2026-02-30' is geen datum"),
    (["new", "pop", "--type", "coaching"], "--type en --leader horen alleen bij een gesprek"),
    (["new", "gesprek", "--type", "koffie"], "Onbekende soort gesprek 'koffie'. Kies uit: ifms,"),
])
def test_refusals_change_nothing(example: Path, args: list[str], message: str) -> None:
    before = snapshot(example)
    result = invoke(*args, cwd=example)
    assert result.returncode == 2
    assert message in result.stderr and "Er is niets geschreven." in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(example) == before


def test_no_portfolio_folder(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: portfolio\n")
    result = invoke("new", "reflection", cwd=tmp_path)
    assert result.returncode == 1
    assert "De portfoliomap portfolio/ bestaat niet. Maak eerst uw portfolio met 'ifms init'" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]


def test_commented_links_name_real_records(example: Path) -> None:
    """Uncommenting the suggested link gives a valid reference to the latest record."""
    path = example / invoke("new", "conversation", cwd=example).stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert "# feedback: [feedback/2024-360.yml]" in text and "# pop: pop/2024-2026.yml" in text
    text = (text.replace("# feedback: [feedback/2024-360.yml]", "feedback: [feedback/2024-360.yml]")
            .replace("# pop: pop/2024-2026.yml", "pop: pop/2024-2026.yml")
            .replace("(naam van de gespreksleider)", "dr. P. Bakker"))
    path.write_text(text, encoding="utf-8")
    assert invoke("check", cwd=example).returncode == 0
    evidence = invoke("evidence", "--json", cwd=example)
    assert path.relative_to(example / "portfolio").as_posix() in evidence.stdout


def test_conversation_type_and_leader(example: Path) -> None:
    path = example / invoke("new", "conversation", "--type", "intervision", cwd=example).stdout.strip()
    assert path.name == f"{TODAY}-intervisie.md"
    assert "leader" not in _data(path) and _data(path)["type"] == "intervision"
    led = example / invoke("new", "conversation", "--leader", "dr. P. Bakker", cwd=example).stdout.strip()
    assert _data(led)["leader"] == "dr. P. Bakker"
    assert invoke("check", cwd=example).returncode == 0


def test_records_go_where_the_specialist_keeps_them(minimal: Path) -> None:
    portfolio = minimal / "portfolio"
    (portfolio / "reflecties").rename(portfolio / "notities")
    path = invoke("new", "reflection", cwd=minimal).stdout.strip()
    assert path == f"portfolio/notities/{TODAY}-reflectie.md"


def test_english_templates_pass_too(example: Path) -> None:
    for kind in KINDS:
        result = invoke("new", kind, "--lang", "en", cwd=example)
        assert result.returncode == 0, result.output
        assert "New file" in result.stderr
    text = (example / f"portfolio/reflecties/{TODAY}-reflection.md").read_text(encoding="utf-8")
    assert "## What happened?" in text
    unfilled = invoke("check", cwd=example)
    assert unfilled.returncode == 1 and unfilled.stderr.count("is nog de tekst uit het sjabloon") == 3
    _fill_in(example / "portfolio")
    assert invoke("check", cwd=example).returncode == 0


def test_templates_have_no_privacy_findings(example: Path) -> None:
    paths = [invoke("new", kind, cwd=example).stdout.strip() for kind in KINDS]
    result = invoke("privacy", *paths, "--strict", cwd=example)
    assert result.returncode == 0, result.output
