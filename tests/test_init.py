"""``ifms init``: a fresh copy becomes the specialist's own, empty portfolio; the example is
moved aside, never deleted, and nothing changes when the command refuses."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from helpers import BIN, REPO, TODAY, ifms, invoke, mkdocs_build, snapshot
from ifms.authoring.init import MANIFEST, render_manifest
from ifms.i18n.locale import Locale
from ifms.source import yaml_source

OWNER = ["--name", "dr. A. de Vries", "--specialty", "Interne geneeskunde", "--expiry", "2027-06-01"]


def test_manifest_of_the_example_is_current() -> None:
    shipped = (REPO / "plugins" / "ifms" / MANIFEST).read_text(encoding="utf-8")
    assert shipped == render_manifest(REPO / "portfolio"), (
        "portfolio/ changed: run 'python scripts/example_manifest.py'")


def test_example_privacy_page_is_the_one_init_writes() -> None:
    assert (REPO / "portfolio" / "privacy.md").read_text(encoding="utf-8") == Locale("nl").t(
        "init.privacy_page")


def test_init_moves_the_example_aside_and_writes_a_valid_portfolio(example: Path) -> None:
    original = snapshot(example / "portfolio")
    result = ifms("init", *OWNER, cwd=example)
    assert result.returncode == 0, result.output
    assert "Het voorbeeldportfolio staat nu in voorbeeldportfolio/ (er is niets verwijderd)." in result.stdout
    assert "Volgende stappen:" in result.stdout and "ifms new reflection" in result.stdout
    assert snapshot(example / "voorbeeldportfolio") == original
    assert snapshot(example / "portfolio") == {
        "profiel.yml": (example / "portfolio/profiel.yml").read_bytes(),
        "index.md": (example / "portfolio/index.md").read_bytes(),
        "privacy.md": (REPO / "portfolio/privacy.md").read_bytes(),
        "feedback/.gitkeep": b"", "pop/.gitkeep": b"", "gesprekken/.gitkeep": b"",
        "reflecties/.gitkeep": b"",
    }
    profile = yaml_source.parse((example / "portfolio/profiel.yml").read_text(encoding="utf-8")).data
    assert profile["name"] == "dr. A. de Vries" and profile["specialty"] == "Interne geneeskunde"
    assert profile["registration"]["expires"] == "2027-06-01" and profile["share"] is True
    assert "**dr. A. de Vries** (Interne geneeskunde)" in (example / "portfolio/index.md").read_text()

    check = ifms("check", cwd=example)
    assert check.returncode == 0, check.output
    assert "1 profiel, 0 feedbackrondes" in check.stdout and check.stderr == ""
    build = mkdocs_build(example, "--strict")
    assert build.returncode == 0, build.output
    privacy_page = (example / "site/privacy/index.html").read_text(encoding="utf-8")
    assert "Git vergeet niets" in privacy_page and "burgerservicenummer (BSN)" in privacy_page
    assert ifms("new", "reflection", cwd=example).stdout.strip() == f"portfolio/reflecties/{TODAY}-reflectie.md"


def test_example_site_has_the_privacy_page(example_site: Path) -> None:
    html = (example_site / "privacy/index.html").read_text(encoding="utf-8")
    assert "Wat hoort er niet in" in html and "Git vergeet niets" in html
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'href="privacy/"' in home


def test_missing_answers_without_a_terminal(example: Path) -> None:
    before = snapshot(example)
    result = invoke("init", "--name", "dr. A. de Vries", cwd=example)
    assert result.returncode == 2
    assert "Nog nodig: --specialty, --expiry." in result.stderr
    assert "Er is niets veranderd." in result.stderr
    assert snapshot(example) == before


def test_bad_expiry_date(example: Path) -> None:
    before = snapshot(example)
    result = invoke("init", *OWNER[:4], "--expiry", "01-06-2027", cwd=example)
    assert result.returncode == 2
    assert "--expiry: '01-06-2027' is geen datum in de vorm JJJJ-MM-DD" in result.stderr
    assert snapshot(example) == before


def test_refuses_when_the_aside_folder_exists(example: Path) -> None:
    (example / "voorbeeldportfolio").mkdir()
    (example / "voorbeeldportfolio" / "notitie.md").write_text("Van mij.\n")
    before = snapshot(example)
    result = invoke("init", *OWNER, cwd=example)
    assert result.returncode == 1
    assert "voorbeeldportfolio/ bestaat al; er wordt niets overheen gezet." in result.stderr
    assert snapshot(example) == before


def test_own_portfolio_needs_confirmation(minimal: Path) -> None:
    before = snapshot(minimal)
    result = invoke("init", *OWNER, cwd=minimal)
    assert result.returncode == 1
    assert "portfolio/ is niet het ongewijzigde voorbeeldportfolio" in result.stderr
    assert "feedback/ronde.yml" in result.stderr, "names the specialist's own files first"
    assert "draai het commando dan opnieuw met --yes" in result.stderr
    assert snapshot(minimal) == before

    own = snapshot(minimal / "portfolio")
    confirmed = invoke("init", *OWNER, "--yes", cwd=minimal)
    assert confirmed.returncode == 0, confirmed.output
    assert f"Het vorige portfolio staat nu in portfolio-{TODAY}/" in confirmed.stdout
    assert snapshot(minimal / f"portfolio-{TODAY}") == own
    assert invoke("check", cwd=minimal).returncode == 0


def test_empty_or_missing_portfolio_folder(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
    result = invoke("init", *OWNER, cwd=tmp_path)
    assert result.returncode == 0, result.output
    assert "voorbeeldportfolio" not in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "portfolio"]
    assert invoke("check", cwd=tmp_path).returncode == 0


def test_english(example: Path) -> None:
    result = invoke("init", *OWNER, "--lang", "en", cwd=example)
    assert result.returncode == 0, result.output
    assert "The example portfolio is now in voorbeeldportfolio/ (nothing was deleted)." in result.stdout
    assert (example / "portfolio/privacy.md").read_text().startswith("# Privacy\n\nThis portfolio is yours")
    assert invoke("check", cwd=example).returncode == 0


# --- questions on a terminal ------------------------------------------------------------------


def _on_terminal(project: Path, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run ``ifms`` with a pseudo-terminal as stdin (so it asks), typing ``answers``."""
    primary, secondary = os.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "IFMS_LANG"} | {"IFMS_TODAY": TODAY}
    process = subprocess.Popen([str(BIN / "ifms"), *args], cwd=project, stdin=secondary,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environ)
    os.close(secondary)
    for answer in answers:
        time.sleep(0.3)
        os.write(primary, (answer + "\n").encode())
    output, _ = process.communicate(timeout=30)
    os.close(primary)
    return process.returncode, output.decode()


def test_asks_for_what_is_missing(example: Path) -> None:
    code, output = _on_terminal(example, ["init", "--name", "dr. A. de Vries"],
                                ["Longziekten", "1-6-2027", "2027-06-01"])
    assert code == 0, output
    assert "Uw specialisme" in output and "Einddatum van uw huidige registratie" in output
    assert "'1-6-2027' is geen datum in de vorm JJJJ-MM-DD" in output, "asks again"
    profile = yaml_source.parse((example / "portfolio/profiel.yml").read_text()).data
    assert profile["specialty"] == "Longziekten" and profile["registration"]["expires"] == "2027-06-01"


def test_confirmation_declined_changes_nothing(minimal: Path) -> None:
    before = snapshot(minimal)
    code, output = _on_terminal(minimal, ["init", *OWNER], ["n"])
    assert code == 1
    assert "Verplaatsen naar portfolio-2026-11-23/? Er wordt niets verwijderd. [j/N]" in output
    assert "Afgebroken; er is niets veranderd." in output
    assert snapshot(minimal) == before


def test_confirmation_accepted_moves_it(minimal: Path) -> None:
    own = snapshot(minimal / "portfolio")
    code, output = _on_terminal(minimal, ["init", *OWNER], ["j"])
    assert code == 0, output
    assert snapshot(minimal / f"portfolio-{TODAY}") == own
