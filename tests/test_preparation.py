"""The preparation page of the next IFMS evaluation conversation (and its part of the handout)."""

from __future__ import annotations

from pathlib import Path

from helpers import TODAY, edit, invoke, mkdocs_build, page, text
from ifms.records.load import load_portfolio
from ifms.report.preparation import prepare

PLANNED = """---
kind: conversation
type: ifms
date: 2027-01-20
leader: dr. P. Bakker
share: {share}
---

## Voorbereiding

- Hoe krijg ik de poli op tijd?
- Wat doe ik met de opmerking over bereikbaarheid?

## Besproken

Niet de vraag: dit hoort bij het verslag.
"""


def _plan(minimal: Path, share: str = "false") -> None:
    (minimal / "portfolio/gesprekken/volgend.md").write_text(PLANNED.format(share=share), encoding="utf-8")
    edit(minimal, "pop/plan.yml", "        status: planned", "        status: done\n        done: 2024-05-01")
    (minimal / "portfolio/reflecties/later.md").write_text(
        "---\nkind: reflection\ndate: 2025-01-10\nshare: true\n---\n\n# Na de cursus\n\nTekst.\n", encoding="utf-8")


def _article(html: str) -> str:
    return text(html[html.index("<article"):html.index("</article>")])


def test_the_page_says_what_changed_and_what_to_discuss(minimal: Path) -> None:
    _plan(minimal)
    built = mkdocs_build(minimal, "--strict")
    assert built.returncode == 0, built.output
    shown = _article(page(minimal / "site", "voorbereiding"))
    assert "Het volgende IFMS-evaluatiegesprek staat gepland op 20 januari 2027" in shown
    assert "Gespreksleider: dr. P. Bakker." in shown
    assert "Wat veranderde sinds het vorige gesprek (1 maart 2024)" in shown
    assert "Afgeronde acties: Cursus (1 mei 2024)" in shown
    assert "Nieuwe reflecties: Na de cursus" in shown
    assert "Beter luisteren ( POP 2024 ): 1 van 2 acties afgerond, 1 open" in shown
    assert "Hoe krijg ik de poli op tijd?" in shown and "Wat doe ik met de opmerking over bereikbaarheid?" in shown
    assert "Niet de vraag" not in shown


def test_a_questions_list_in_the_front_matter_wins(minimal: Path) -> None:
    _plan(minimal)
    edit(minimal, "gesprekken/volgend.md", "leader: dr. P. Bakker", "leader: dr. P. Bakker\nquestions: [Mijn vraag]")
    from datetime import date

    preparation = prepare(load_portfolio(minimal / "portfolio"), date.fromisoformat(TODAY))
    assert preparation.questions == ["Mijn vraag"]


def test_the_handout_shows_the_questions_only_of_a_shared_conversation(minimal: Path) -> None:
    _plan(minimal, share="false")
    assert invoke("pdf", "--html", str(minimal / "a.html"), "-o", str(minimal / "a.pdf"), cwd=minimal).returncode == 0
    private = text((minimal / "a.html").read_text(encoding="utf-8"))
    assert "Voorbereiding evaluatiegesprek" in private
    assert "Hoe krijg ik de poli op tijd?" not in private and "dr. P. Bakker" not in private
    edit(minimal, "gesprekken/volgend.md", "share: false", "share: true")
    assert invoke("pdf", "--html", str(minimal / "b.html"), "-o", str(minimal / "b.pdf"), cwd=minimal).returncode == 0
    assert "Hoe krijg ik de poli op tijd?" in text((minimal / "b.html").read_text(encoding="utf-8"))


def test_a_bsn_in_the_questions_of_a_shared_conversation_stops_the_pdf(minimal: Path) -> None:
    _plan(minimal, share="true")
    edit(minimal, "gesprekken/volgend.md", "- Hoe krijg ik de poli op tijd?", "- Casus 123456782")
    result = invoke("pdf", "--kinds", "preparation", "-o", str(minimal / "c.pdf"), cwd=minimal)
    assert result.returncode == 1 and "gesprekken/volgend.md:11" in result.stderr


def test_a_bsn_in_a_pop_quoted_by_the_preparation_part_alone_stops_the_pdf(minimal: Path) -> None:
    """With --kinds preparation the handout holds no POP record, yet the part quotes its actions."""
    _plan(minimal, share="true")
    edit(minimal, "pop/plan.yml", "title: Cursus", "title: Cursus patient 123456782")
    result = invoke("pdf", "--kinds", "preparation", "-o", str(minimal / "d.pdf"), cwd=minimal)
    assert result.returncode == 1 and "pop/plan.yml:9" in result.stderr and not (minimal / "d.pdf").exists()
