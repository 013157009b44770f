"""The privacy scan: a BSN is an error, dates of birth, e-mail addresses and phone numbers are
warnings, each with file and line; ordinary numbers are not flagged; a marker silences one
line; the same scan runs in ``ifms check``, as a pre-commit hook and as a plain git hook."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import BIN, REPO, ifms, mkdocs_build, run, snapshot
from ifms.privacy.scan import is_bsn, scan_text

REFLECTION = "portfolio/reflecties/reflectie.md"

# Nine digits passing the 11-test (weights 9..2, -1), e.g. 123456782:
# 9+16+21+24+25+24+21+16-2 = 154 = 14 x 11.
VALID_BSN = [
    "123456782", "111222333", "012345672", "232262536", "999999990",
    "612345671",     # looks like a mobile number without its 0: still a BSN
    "1234.56.782",   # the official notation
    "1234 56 782", "123 456 782", "123-456-782",
]
NOT_BSN = [
    "123456789",     # checksum fails (147)
    "232262537", "111222334",
    "612345678",     # a mobile number without its 0, checksum fails
    "000000000",     # all zero
    "0612345678",    # a Dutch mobile number has ten digits
    "1234567820",    # ten digits containing a valid nine
    "123456782000",  # order number
    "0.123456782",   # a decimal
    "12345678",      # eight digits
    "23-11-2026", "2026-11-23", "23112026", "20261123",
    "€ 123.456.782",  # thousands separators
]


@pytest.mark.parametrize("number", VALID_BSN)
def test_valid_bsn_is_flagged(number: str) -> None:
    findings = scan_text(f"Notitie over {number} vandaag.\n", "x.md", markdown=True)
    assert [(f.kind, f.line, f.severity) for f in findings] == [("bsn", 1, "error")]
    assert findings[0].masked == f"{number[:4]}***{number[-2:]}"


@pytest.mark.parametrize("number", NOT_BSN)
def test_bsn_lookalike_is_not_flagged_as_bsn(number: str) -> None:
    findings = scan_text(f"Notitie over {number} vandaag.\n", "x.md", markdown=True)
    assert "bsn" not in [f.kind for f in findings]


def test_eleven_test() -> None:
    assert is_bsn("123456782") and not is_bsn("123456789") and not is_bsn("000000000")
    assert not is_bsn("12345678") and not is_bsn("12345678a")


@pytest.mark.parametrize(("line", "kind", "masked"), [
    ("De patiënt (geb. 12-03-1954) kwam terug.", "birth_date", "12-0***54"),
    ("geboren op 12 maart 1954 in Zwolle", "birth_date", "12 m***54"),
    ("Geboortedatum: 1954-03-12", "birth_date", "1954***12"),
    ("DOB 03/12/1954", "birth_date", "03/1***54"),
    ("born on March 12, 1954", "birth_date", "Marc***54"),
    ("mail naar j.jansen@example.nl", "email", "j.ja***nl"),
    ("bel 06-12345678 terug", "phone", "06-1***78"),
    ("bel 0612345678 terug", "phone", "0612***78"),
    ("tel. 010 - 123 45 67", "phone", "010 ***67"),
    ("+31 (0)20 123 4567", "phone", "+31 ***67"),
    ("+44 20 7946 0958", "phone", "+44 ***58"),
])
def test_patient_details_are_warnings(line: str, kind: str, masked: str) -> None:
    findings = scan_text(line + "\n", "x.md", markdown=True)
    assert [(f.kind, f.severity, f.masked) for f in findings] == [(kind, "warning", masked)]


@pytest.mark.parametrize("line", [
    "Op 2026-11-23 besproken, en op 23-11-2026 nog eens.",
    "Het gesprek van 01-02-2024 10:30 duurde een uur.",
    "Score 4,2 (2019: 3,9) op de schaal 1-5; in 2024 4.4.",
    "Zie p. 123 en blz. 45-67 van de Leidraad IFMS 2021.",
    "scale: [1, 10]",
    "  - {date: 2023-10-12, kind: quality, note: \"Kwaliteitsvisitatie\"}",
    "work_hours: {2017: 1420, 2018: 1710}",
    "POP 2024-2026, acties 1 2 3 4 5 6 7 8 9",
    "Een idee werd geboren in 2019.",
    "Zij is geboren in 1954.",
    "Internistendagen 2018, 14 uur; ALS-herhaling 8 uur.",
])
def test_no_false_alarms(line: str) -> None:
    assert scan_text(line + "\n", "x.md", markdown=True) == []


def test_lines_are_exact_and_the_marker_fits_the_place() -> None:
    text = ("---\nkind: reflection\ndate: 2024-02-10  # 123456782\n---\n\nTekst.\n\n"
            "BSN 111222333 hier.\n")
    findings = scan_text(text, "r.md", markdown=True)
    assert [(f.line, f.marker) for f in findings] == [(3, "# privacy-ok"), (8, "<!-- privacy-ok -->")]
    yaml_findings = scan_text("kind: feedback\n# 123456782\n", "f.yml", markdown=False)
    assert [(f.line, f.marker) for f in yaml_findings] == [(2, "# privacy-ok")]


def test_marker_silences_only_its_own_line() -> None:
    text = "Projectnummer 123456782 <!-- privacy-ok -->\nBSN 123456782\n"
    assert [f.line for f in scan_text(text, "r.md", markdown=True)] == [2]
    assert scan_text("note: 123456782  # privacy-ok\n", "p.yml", markdown=False) == []


# --- ifms check --------------------------------------------------------------------------------


def _write(project: Path, text: str, path: str = REFLECTION) -> None:
    (project / path).write_text(text, encoding="utf-8")


def test_check_refuses_a_bsn_and_changes_nothing(minimal: Path) -> None:
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\n---\n\n# Wat ik leerde\n\n"
                    "Patiënt met BSN 123456782 belde (06-12345678).\n")
    before = snapshot(minimal)
    result = ifms("check", cwd=minimal)
    assert result.returncode == 1
    assert "Privacy: 1 fout, 1 waarschuwing." in result.stderr
    assert (f"{REFLECTION}:8: fout: mogelijk een burgerservicenummer (BSN) '1234***82': het voldoet "
            "aan de elfproef. Haal het weg. Is het zeker geen BSN, zet dan <!-- privacy-ok --> aan het "
            "eind van de regel.") in result.stderr
    assert f"{REFLECTION}:8: waarschuwing: telefoonnummer '06-1***78'." in result.stderr
    assert "git bewaart alles wat ooit is vastgelegd" in result.stderr
    assert "123456782" not in result.output, "the number itself is never printed"
    assert "Portfolio in orde" not in result.output
    assert snapshot(minimal) == before


def test_check_passes_with_warnings_only(minimal: Path) -> None:
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\n---\n\nMail van j.jansen@example.nl.\n")
    result = ifms("check", cwd=minimal)
    assert result.returncode == 0
    assert f"{REFLECTION}:6: waarschuwing: e-mailadres 'j.ja***nl'." in result.stderr
    assert "Portfolio in orde" in result.stdout


def test_silenced_line_passes(minimal: Path) -> None:
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\n---\n\n"
                    "Ons projectnummer 123456782 (geen BSN). <!-- privacy-ok -->\n")
    result = ifms("check", cwd=minimal)
    assert result.returncode == 0 and result.stderr == ""


def test_yaml_records_are_scanned_too(minimal: Path) -> None:
    path = minimal / "portfolio/feedback/ronde.yml"
    path.write_text(path.read_text() + "comments:\n  - {group: colleagues, text: \"BSN 1234.56.782\"}\n")
    result = ifms("check", "--lang", "en", cwd=minimal)
    assert result.returncode == 1
    assert ("portfolio/feedback/ronde.yml:18: error: possibly a citizen service number (BSN) "
            "'1234***82': it passes the 11-test.") in result.stderr
    assert "put # privacy-ok at the end of the line" in result.stderr


def test_privacy_is_reported_with_other_errors(minimal: Path) -> None:
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-30\n---\n\nBSN 123456782\n")
    result = ifms("check", cwd=minimal)
    assert result.returncode == 1
    assert f"{REFLECTION}:3: fout in veld 'date'" in result.stderr
    assert f"{REFLECTION}:6: fout: mogelijk een burgerservicenummer" in result.stderr


def test_example_and_project_files_are_clean() -> None:
    """The example portfolio passes, and so does every Markdown and YAML file of the project
    (what ``pre-commit run --all-files`` would scan)."""
    assert ifms("privacy", cwd=REPO).returncode == 0
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True)
    files = [name for name in tracked.stdout.split("\0") if re.search(r"\.(md|markdown|ya?ml)$", name)]
    files += [p.relative_to(REPO).as_posix() for p in (REPO / "portfolio").rglob("*.md")]
    result = ifms("privacy", "--strict", *sorted(set(files)), cwd=REPO)
    assert result.returncode == 0, result.output
    assert "Privacy: geen BSN of andere patiëntgegevens gevonden" in result.stdout


# --- hooks -----------------------------------------------------------------------------------


def test_site_build_warns_and_strict_refuses(minimal: Path) -> None:
    """``mkdocs build`` and ``serve`` scan too: a warning in the log, which ``--strict`` makes
    an error; ``privacy_check: false`` turns it off."""
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\n---\n\n# Wat ik leerde\n\n"
                    "Patiënt met BSN 123456782 belde.\n")
    built = mkdocs_build(minimal)
    assert built.returncode == 0, built.output
    assert "WARNING -  Privacy: 1 fout, 0 waarschuwingen." in built.stderr
    assert f"{REFLECTION}:8: fout: mogelijk een burgerservicenummer (BSN) '1234***82'" in built.stderr
    assert "123456782" not in built.output
    assert (minimal / "site" / "reflecties" / "reflectie" / "index.html").is_file()
    assert mkdocs_build(minimal, "--strict").returncode == 1
    config = minimal / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - ifms", "  - ifms:\n      privacy_check: false", 1))
    quiet = mkdocs_build(minimal, "--strict")
    assert quiet.returncode == 0 and "Privacy" not in quiet.output, quiet.output


def test_site_pages_show_what_the_scan_found(minimal: Path) -> None:
    """In the browser, not only in the terminal: the page of the file says what was found
    and on which line, masked; the print page (the handout) never carries it."""
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\nshare: true\n---\n\n# Wat ik leerde\n\n"
                    "Patiënt met BSN 123456782 belde.\n")
    path = minimal / "portfolio/feedback/ronde.yml"
    path.write_text(path.read_text() + "# bel 06-12345678\n")
    built = mkdocs_build(minimal)
    assert built.returncode == 0, built.output
    site = minimal / "site"
    reflection = (site / "reflecties" / "reflectie" / "index.html").read_text(encoding="utf-8")
    warning = re.search(r'<div class="admonition danger ifms-privacy" data-findings="1">(.*?)</div>',
                        reflection, re.DOTALL)
    assert warning, reflection
    assert "Privacy: haal dit weg voordat u het vastlegt (commit)" in warning[1]
    assert ("Regel 9: mogelijk een burgerservicenummer (BSN) &#39;1234***82&#39;: het voldoet aan de "
            "elfproef. Haal het weg. Is het zeker geen BSN, zet dan &lt;!-- privacy-ok --&gt; aan het "
            "eind van de regel.") in warning[1]
    assert reflection.index("Wat ik leerde</h1>") < reflection.index("ifms-privacy")
    feedback = (site / "feedback" / "ronde" / "index.html").read_text(encoding="utf-8")
    assert "telefoonnummer &#39;06-1***78&#39;" in feedback
    for page in site.rglob("*.html"):
        shown = "ifms-privacy" in page.read_text(encoding="utf-8")
        assert shown == (page.parent.name in ("reflectie", "ronde")), page
    assert "Patiënt met BSN" in (site / "afdrukken" / "index.html").read_text(encoding="utf-8"), \
        "the print page has the shared reflection, without the warning"


def test_privacy_command_on_files_as_pre_commit_passes_them(minimal: Path) -> None:
    _write(minimal, "Tel 0612345678\n", "portfolio/notitie.md")
    (minimal / "lijst.txt").write_text("123456782\n")
    warned = ifms("privacy", "portfolio/notitie.md", "lijst.txt", cwd=minimal)
    assert warned.returncode == 0, "warnings do not stop a commit"
    assert "portfolio/notitie.md:1: waarschuwing: telefoonnummer" in warned.stderr
    assert ifms("privacy", "--strict", "portfolio/notitie.md", cwd=minimal).returncode == 1
    _write(minimal, "BSN 123456782\n", "portfolio/notitie.md")
    refused = ifms("privacy", "portfolio/notitie.md", cwd=minimal)
    assert refused.returncode == 1 and "portfolio/notitie.md:1: fout" in refused.stderr
    assert ifms("privacy", "lijst.txt", cwd=minimal).returncode == 0, "only Markdown and YAML"
    missing = ifms("privacy", "weg.md", cwd=minimal)
    assert missing.returncode == 2 and "weg.md bestaat niet." in missing.stderr


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "ifms-privacy" and hook["entry"] == "ifms privacy"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.md", "b/c.yml", "d.yaml", "e.markdown"))
    assert not any(pattern.search(name) for name in ("a.py", "b.csv", "c.json"))


def _git(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "IFMS_LANG": "nl"}
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_staged_scan_reads_what_is_staged(minimal: Path) -> None:
    _git(minimal, "init", "-q")
    _write(minimal, "BSN 123456782\n", "portfolio/notitie.md")
    _git(minimal, "add", "portfolio/notitie.md")
    _write(minimal, "Opgeschoond, maar nog niet opnieuw toegevoegd.\n", "portfolio/notitie.md")
    staged = ifms("privacy", "--staged", cwd=minimal / "portfolio")
    assert staged.returncode == 1, "the index still holds the BSN"
    assert "\nnotitie.md:1: fout: mogelijk een burgerservicenummer" in staged.stderr, "shown from cwd"
    _git(minimal, "add", "portfolio/notitie.md")
    assert ifms("privacy", "--staged", cwd=minimal).returncode == 0
    outside = ifms("privacy", "--staged", cwd=minimal.parent)
    assert outside.returncode == 2 and "--staged werkt alleen in een git-repository" in outside.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_plain_git_hook_refuses_a_commit_with_a_bsn(minimal: Path) -> None:
    _git(minimal, "init", "-q")
    installed = ifms("privacy", "--install-hook", cwd=minimal)
    assert installed.returncode == 0, installed.output
    assert "Privacycontrole ingesteld als git-hook (.git/hooks/pre-commit)" in installed.stdout
    assert os.access(minimal / ".git" / "hooks" / "pre-commit", os.X_OK)
    _git(minimal, "add", ".")
    first = _git(minimal, "commit", "-q", "-m", "Portfolio")
    assert first.returncode == 0, first.stdout + first.stderr
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\n---\n\nBSN 123456782.\n")
    _git(minimal, "add", REFLECTION)
    refused = _git(minimal, "commit", "-q", "-m", "Reflectie")
    assert refused.returncode != 0
    assert f"{REFLECTION}:6: fout: mogelijk een burgerservicenummer (BSN) '1234***82'" in refused.stderr
    assert _git(minimal, "log", "--oneline").stdout.count("\n") == 1, "nothing was committed"
    _write(minimal, "---\nkind: reflection\ndate: 2024-02-10\n---\n\nZonder nummer.\n")
    _git(minimal, "add", REFLECTION)
    assert _git(minimal, "commit", "-q", "-m", "Reflectie").returncode == 0


def test_english_clean_message(minimal: Path) -> None:
    result = run([str(BIN / "ifms"), "privacy"], minimal, env={"IFMS_LANG": "en"})
    assert result.returncode == 0
    assert "Privacy: no BSN or other patient details found (6 files checked)." in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_is_installed_once_and_never_over_another(minimal: Path) -> None:
    assert ifms("privacy", "--install-hook", cwd=minimal).returncode == 2, "not a repository yet"
    assert not (minimal / ".git").exists()
    _git(minimal, "init", "-q")
    assert ifms("privacy", "--install-hook", cwd=minimal).returncode == 0
    again = ifms("privacy", "--install-hook", cwd=minimal)
    assert again.returncode == 0 and "staat al in de git-hook" in again.stdout
    hook = minimal / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec ./mijn-eigen-controle\n")
    foreign = ifms("privacy", "--install-hook", cwd=minimal)
    assert foreign.returncode == 1
    assert "Er staat al een andere pre-commit-hook (.git/hooks/pre-commit); die blijft zoals hij is." in foreign.stderr
    assert hook.read_text() == "#!/bin/sh\nexec ./mijn-eigen-controle\n"
    both = ifms("privacy", "--install-hook", "--staged", cwd=minimal)
    assert both.returncode == 2 and "--install-hook gaat niet samen" in both.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_name_of_any_file_is_scanned_a_report_or_a_picture_too(minimal: Path) -> None:
    """MkDocs publishes a provider's report and git keeps its name: a name with a BSN is
    caught in the portfolio and in what is staged, whatever kind of file it is."""
    report = minimal / "portfolio/feedback/rapport-123456782.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    (minimal / "portfolio/foto.png").write_bytes(b"\x89PNG\r\n")
    scan = ifms("privacy", cwd=minimal)
    assert scan.returncode == 1
    assert ("portfolio/feedback/rapport-1234***82.pdf: fout: de bestandsnaam bevat mogelijk een "
            "burgerservicenummer (BSN) '1234***82'") in scan.stderr
    assert "123456782" not in scan.output
    _git(minimal, "init", "-q")
    _git(minimal, "add", "portfolio/feedback/rapport-123456782.pdf")
    staged = ifms("privacy", "--staged", cwd=minimal)
    assert staged.returncode == 1 and "portfolio/feedback/rapport-1234***82.pdf: fout" in staged.stderr
    report.rename(report.with_name("rapport-2024.pdf"))
    assert ifms("privacy", cwd=minimal).returncode == 0
