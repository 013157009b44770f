"""The plugin runs unchanged under ProperDocs, the maintained fork of MkDocs 1.6."""

from __future__ import annotations

from pathlib import Path

from helpers import BIN, REPO, copy_project, page, rows, run


def test_properdocs_builds_the_example(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "example")
    result = run([str(BIN / "properdocs"), "build", "-f", "mkdocs.yml", "-d", "site", "--strict"], project)
    assert result.returncode == 0, result.output
    site = project / "site"
    assert list(site.rglob("*.yml")) == []
    table = rows(page(site, "feedback/2024-360"), "ifms-scores")
    assert [attrs.get("data-group") for attrs, _ in table[0][1][1:5]] == ["colleagues", "nurses", "residents", "staff"]
    assert "ifms-record-meta" in page(site, "gesprekken/2024-05-20-evaluatiegesprek")


def test_properdocs_reports_bad_data_without_traceback(minimal: Path) -> None:
    (minimal / "portfolio/profiel.yml").write_text(
        "kind: profile\nname: x\nspecialty: y\nregistration: {expires: 2027-02-30}\n")
    result = run([str(BIN / "properdocs"), "build", "-f", "mkdocs.yml", "-d", "site"], minimal)
    assert result.returncode == 1
    assert ("portfolio/profiel.yml:4: fout in veld 'registration.expires': de datum 2027-02-30 bestaat niet"
            in result.output)
    assert "Traceback" not in result.output
