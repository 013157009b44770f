"""Attachments: files of the portfolio linked from their record's page, named in the handout
only when the record is shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit, invoke, mkdocs_build, page
from ifms.problems import PortfolioInvalid
from ifms.records.load import load_portfolio


def _attach(minimal: Path, record: str, anchor: str, paths: str) -> None:
    edit(minimal, record, anchor, f"{anchor}\nattachments: [{paths}]")


@pytest.fixture
def attached(minimal: Path) -> Path:
    (minimal / "portfolio/bijlagen").mkdir()
    (minimal / "portfolio/bijlagen/rapport-2024.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 234_000)
    (minimal / "portfolio/bijlagen/certificaat.pdf").write_bytes(b"%PDF-1.4\n")
    _attach(minimal, "feedback/ronde.yml", "kind: feedback", "bijlagen/rapport-2024.pdf")
    _attach(minimal, "reflecties/reflectie.md", "kind: reflection", "bijlagen/certificaat.pdf")
    return minimal


def test_an_attachment_is_published_and_linked_with_its_size(attached: Path) -> None:
    assert invoke("check", cwd=attached).returncode == 0
    built = mkdocs_build(attached, "--strict")
    assert built.returncode == 0, built.output
    site = attached / "site"
    published = (site / "bijlagen/rapport-2024.pdf").read_bytes()
    assert published == (attached / "portfolio/bijlagen/rapport-2024.pdf").read_bytes()
    assert '<a href="../../bijlagen/rapport-2024.pdf">rapport-2024.pdf</a> (234 kB)' in page(site, "feedback/ronde")
    assert '<a href="../../bijlagen/certificaat.pdf">certificaat.pdf</a> (1 kB)' in page(site, "reflecties/reflectie")


def test_the_handout_names_a_shared_records_attachments_and_no_private_ones(attached: Path) -> None:
    result = invoke("pdf", "--html", str(attached / "h.html"), "-o", str(attached / "h.pdf"), cwd=attached)
    assert result.returncode == 0, result.output
    html = (attached / "h.html").read_text(encoding="utf-8")
    assert "rapport-2024.pdf" in html, "the shared feedback round's report, by name"
    assert 'href="' not in html.split("rapport-2024.pdf")[0][-60:], "named, not linked"
    assert "certificaat.pdf" not in html, "the private reflection's attachment stays out"


@pytest.mark.parametrize(("paths", "key"), [
    ("bijlagen/bestaat-niet.pdf", "attachment_missing"),
    ("../buiten.pdf", "ifms_attachment_outside"),
    ("/etc/passwd", "ifms_attachment_outside"),
    ("C:\\\\Users\\\\rapport.pdf", "ifms_attachment_outside"),
    (".verborgen/rapport.pdf", "attachment_hidden"),
])
def test_an_attachment_that_the_site_cannot_publish_is_an_error_with_its_line(minimal: Path, paths: str,
                                                                               key: str) -> None:
    _attach(minimal, "pop/plan.yml", "kind: pop", f'"{paths}"')
    with pytest.raises(PortfolioInvalid) as invalid:
        load_portfolio(minimal / "portfolio", display_base=minimal)
    problem, = invalid.value.problems
    assert (problem.file, problem.line, problem.key) == ("portfolio/pop/plan.yml", 2, key)
    assert problem.field == "attachments[0]"


def test_the_json_export_lists_attachments(attached: Path) -> None:
    import json

    result = invoke("export", "--json", cwd=attached)
    document = json.loads(result.stdout)
    assert document["feedback"][0]["data"]["attachments"] == ["bijlagen/rapport-2024.pdf"]


def test_an_odd_file_name_is_linked_and_shown_as_written(minimal: Path) -> None:
    (minimal / "portfolio/bijlagen").mkdir()
    name = "rapport_*1* 2024 <b>.pdf"
    (minimal / "portfolio/bijlagen" / name).write_bytes(b"%PDF-1.4\n")
    _attach(minimal, "feedback/ronde.yml", "kind: feedback", f'"bijlagen/{name}"')
    built = mkdocs_build(minimal, "--strict")
    assert built.returncode == 0, built.output
    html = page(minimal / "site", "feedback/ronde")
    assert 'href="../../bijlagen/rapport_%2A1%2A%202024%20%3Cb%3E.pdf">rapport_*1* 2024 &lt;b&gt;.pdf</a>' in html
