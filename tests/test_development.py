"""Is my development noticed: the others' score on a POP goal's competency before and since."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit, invoke
from ifms.records.load import load_portfolio
from ifms.report.development import Comparison, Measurement, goal_development, round_changes

LATER = """kind: feedback
title: {title}
date: {date}
scale: {scale}
groups:
  colleagues:
    respondents: 6
    scores: {{communicatie: {score}}}
  nurses:
    respondents: 2
    scores: {{communicatie: 1.0}}
"""


def _round(minimal: Path, name: str, date: str, score: float, scale: str = "[1, 5]") -> None:
    (minimal / "portfolio/feedback" / name).write_text(
        LATER.format(title=name, date=date, scale=scale, score=score), encoding="utf-8")


def test_a_goal_is_compared_with_the_round_before_its_pop(minimal: Path) -> None:
    _round(minimal, "later.yml", "2025-02-01", 4.6)
    _round(minimal, "tien.yml", "2026-02-01", 8.2, "[1, 10]")
    portfolio = load_portfolio(minimal / "portfolio")
    goal, = goal_development(portfolio, threshold=3)
    assert (goal.goal.title, goal.competency) == ("Beter luisteren", "communicator")
    assert goal.before is not None and goal.before.round.title == "Feedback 2024"
    assert goal.before.score == pytest.approx(4.2), "nurses (2) are under the threshold and never count"
    same, other = goal.since
    assert isinstance(same, Comparison) and same.same_scale and same.change == pytest.approx(0.4)
    assert isinstance(other, Comparison) and not other.same_scale
    assert other.change == pytest.approx((8.2 - 1) / 9 * 100 - (4.2 - 1) / 4 * 100), "percentage points"


def test_a_goal_without_a_later_round_is_not_measured_yet(minimal: Path) -> None:
    goal, = goal_development(load_portfolio(minimal / "portfolio"), threshold=3)
    assert goal.since == []


def test_without_a_round_before_the_pop_later_rounds_stand_alone(minimal: Path) -> None:
    (minimal / "portfolio/feedback/ronde.yml").write_text(
        (minimal / "portfolio/feedback/ronde.yml").read_text(encoding="utf-8").replace("2024-02-01", "2024-05-01"),
        encoding="utf-8")
    goal, = goal_development(load_portfolio(minimal / "portfolio"), threshold=3)
    assert goal.before is None and [type(m) for m in goal.since] == [Measurement]


def test_each_round_against_the_previous_round_that_asked_it(minimal: Path) -> None:
    _round(minimal, "later.yml", "2025-02-01", 3.9)
    portfolio = load_portfolio(minimal / "portfolio")
    first, later = portfolio.feedback
    assert round_changes(portfolio, first, 3) == {}
    changes = round_changes(portfolio, later, 3)
    assert list(changes) == ["communicator"] and changes["communicator"].change == pytest.approx(-0.3)
    _round(minimal, "patienten.yml", "2025-06-01", 4.9)
    edit(minimal, "feedback/patienten.yml", "scale:", "instrument: patient_survey\nscale:")
    portfolio = load_portfolio(minimal / "portfolio")
    survey = next(r for r in portfolio.feedback if r.instrument == "patient_survey")
    assert round_changes(portfolio, survey, 3) == {}, "a patient survey is not compared with a 360°"


def test_the_pop_and_feedback_pages_say_it_and_the_handout_names_no_private_round(minimal: Path) -> None:
    from helpers import mkdocs_build, page, text

    _round(minimal, "later.yml", "2025-02-01", 4.6)
    built = mkdocs_build(minimal, "--strict")
    assert built.returncode == 0, built.output
    pop = text(page(minimal / "site", "pop/plan"))
    assert "Gezien door anderen: Vóór dit POP 4,2 in Feedback 2024; daarna 4,6 in later.yml (+0,4)." in pop
    feedback = page(minimal / "site", "feedback/later")
    assert 'ifms-changes' in feedback and "4,6 4,2 Feedback 2024, 1 februari 2024 +0,4" in text(feedback)
    edit(minimal, "feedback/later.yml", "kind: feedback", "kind: feedback\nshare: false")
    result = invoke("pdf", "--html", str(minimal / "h.html"), "-o", str(minimal / "h.pdf"), cwd=minimal)
    assert result.returncode == 0, result.output
    handout = text((minimal / "h.html").read_text(encoding="utf-8"))
    assert "Vóór dit POP 4,2 in Feedback 2024; nog niet gemeten na dit POP." in handout
    assert "later.yml" not in handout and "4,6" not in handout


def test_voortgang_lists_every_goal_with_what_others_noticed(minimal: Path) -> None:
    from helpers import mkdocs_build, page, text

    _round(minimal, "later.yml", "2025-02-01", 4.6)
    assert mkdocs_build(minimal).returncode == 0
    progress = text(page(minimal / "site", "voortgang"))
    assert ("Beter luisteren ( POP 2024 , Communicatie): Vóór dit POP 4,2 in Feedback 2024; daarna 4,6 in later.yml "
            "(+0,4).") in progress
