"""``ifms pdf --statement``: one page that shows IFMS took place, and nothing of what was said."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import TODAY, edit, invoke
from ifms.i18n.locale import Locale
from ifms.options import read_options
from ifms.records.load import load_portfolio
from ifms.rules import evaluate


def _text(pdf: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _content(portfolio) -> list[str]:
    """What the records say: none of it belongs in the statement."""
    said = []
    for pop in portfolio.pops:
        said += [goal.title for goal in pop.goals] + [action.title for action in pop.actions()]
    for round_ in portfolio.feedback:
        said += [comment.text for comment in round_.comments]
    for record in [*portfolio.reflections, *portfolio.conversations]:
        body = (portfolio.root / record.path).read_text(encoding="utf-8").split("---", 2)[-1]
        said += [line.strip("# ") for line in body.splitlines() if len(line.strip("# ")) > 25]
        said += [record.title] if record.title else []
    return [" ".join(text.split())[:40] for text in said if text.strip()]


def test_the_statement_shows_the_facts_of_each_trajectory_and_no_content(example: Path) -> None:
    result = invoke("pdf", "--statement", cwd=example)
    assert result.returncode == 0, result.output
    written = next((example / "handouts").glob("ifms-verklaring-*.pdf"))
    assert f"Verklaring geschreven: {written}" in result.stdout
    pages, text = _text(written)
    assert pages == 1
    portfolio = load_portfolio(example / "portfolio")
    evidence = evaluate(portfolio, date.fromisoformat(TODAY), read_options({}).thresholds)
    complete = [t for t in evidence.trajectories if t.complete]
    assert complete, "the example has a complete trajectory"
    nl = Locale("nl")
    profile = portfolio.profile
    assert profile is not None
    assert text.startswith("Verklaring van deelname aan IFMS")
    assert f"{profile.name}, {profile.specialty}" in text
    assert f"van {nl.date(evidence.window_start)} tot {nl.date(evidence.window_end)}" in text
    for trajectory in complete:
        assert trajectory.pop is not None
        row = (f"{nl.date(trajectory.conversation.date)} {trajectory.conversation.leader} {len(trajectory.groups)} "
               f"{sum(trajectory.groups.values())} {nl.date(trajectory.pop.date)} {len(trajectory.pop.actions())}")
        assert row in text
    assert "Handtekening" in text and "Datum" in text
    for said in _content(portfolio):
        assert said not in text, said
    assert not re.search(r"\d,\d", text), "no score"


def test_without_a_complete_trajectory_nothing_is_written(minimal: Path) -> None:
    (minimal / "portfolio/gesprekken/gesprek.md").unlink()
    result = invoke("pdf", "--statement", cwd=minimal)
    assert result.returncode == 1
    assert "Er is geen verklaring gemaakt: de huidige registratieperiode heeft nog geen volledig IFMS-traject" \
        in result.stderr
    assert not (minimal / "handouts").exists()


def test_the_statement_never_overwrites_and_is_kept_out_of_git(minimal: Path) -> None:
    own = minimal / "verklaring.pdf"
    own.write_bytes(b"mijn eigen verklaring")
    result = invoke("pdf", "--statement", "-o", str(own), cwd=minimal)
    assert result.returncode == 1 and "bestaat al en wordt niet overschreven" in result.stderr
    assert own.read_bytes() == b"mijn eigen verklaring"
    assert invoke("pdf", "--statement", cwd=minimal).returncode == 0
    assert invoke("pdf", "--statement", cwd=minimal).returncode == 0
    names = sorted(path.name for path in (minimal / "handouts").iterdir())
    assert names == [".gitignore", f"ifms-verklaring-{TODAY}-2.pdf", f"ifms-verklaring-{TODAY}.pdf"]


@pytest.mark.parametrize("path", ["gesprekken/gesprek.md", "pop/plan.yml"])
def test_a_bsn_in_what_the_statement_comes_from_stops_it(minimal: Path, path: str) -> None:
    text = (minimal / "portfolio" / path).read_text(encoding="utf-8")
    (minimal / "portfolio" / path).write_text(text + "\n# BSN 123456782\n", encoding="utf-8")
    result = invoke("pdf", "--statement", cwd=minimal)
    assert result.returncode == 1 and "De verklaring is niet gemaakt" in result.stderr
    assert f"portfolio/{path}:" in result.stderr
    assert not (minimal / "handouts").exists()


def test_the_statement_in_english(minimal: Path) -> None:
    edit(minimal, "gesprekken/gesprek.md", "leader: dr. G. Leider", "leader: Dr G. Leader")
    assert invoke("pdf", "--statement", "--lang", "en", "-o", str(minimal / "s.pdf"), cwd=minimal).returncode == 0
    _, text = _text(minimal / "s.pdf")
    assert text.startswith("Statement of participation in IFMS") and "Dr G. Leader" in text
    assert "March 1, 2024" in text


def test_the_site_build_can_write_the_statement_too(minimal: Path) -> None:
    from helpers import mkdocs_build, plugin_options

    plugin_options(minimal, "statement: true")
    built = mkdocs_build(minimal)
    assert built.returncode == 0, built.output
    pages, text = _text(minimal / "site/ifms-verklaring.pdf")
    assert pages == 1 and text.startswith("Verklaring van deelname aan IFMS")
    (minimal / "portfolio/gesprekken/gesprek.md").unlink()
    built = mkdocs_build(minimal)
    assert built.returncode == 0 and "Er is geen verklaring gemaakt" in built.output
    assert not (minimal / "site/ifms-verklaring.pdf").exists(), "a clean build leaves no old statement behind"


def test_an_error_in_an_own_statement_template_is_told_not_a_traceback(minimal: Path) -> None:
    from helpers import mkdocs_build, plugin_options

    plugin_options(minimal, "statement: true")
    (minimal / "site_templates").mkdir()
    (minimal / "site_templates/statement.html.j2").write_text("{{ nergens.niets }}\n", encoding="utf-8")
    built = mkdocs_build(minimal)
    assert built.returncode == 0 and "Traceback" not in built.output
    assert "site_templates/statement.html.j2" in built.output
