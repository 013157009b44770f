"""The re-registration rules as pure functions: portfolio + today + thresholds -> verdicts.

No MkDocs here. Each scenario builds the smallest portfolio that reaches one branch or edge.
The default window in these tests is 2022-06-01 .. 2027-06-01 (expiry minus five years).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ifms.records.model import Conversation, FeedbackRound, Pop, Profile
from ifms.records.portfolio import Portfolio
from ifms.rules import (
    Thresholds,
    abroad_covers,
    cme_norm,
    covid_months,
    evaluate,
    hours_in,
    longest_gap,
)

D = date.fromisoformat
EXPIRES = "2027-06-01"


def profile(**registration_and_more) -> Profile:
    registration = {"expires": EXPIRES}
    for key in ("basis", "shortened", "start", "expires"):
        if key in registration_and_more:
            registration[key] = registration_and_more.pop(key)
    record = Profile.model_validate({"kind": "profile", "name": "dr. X", "specialty": "Y",
                                     "registration": registration, **registration_and_more})
    record._path = "profiel.yml"
    return record


def feedback(path: str, day: str, groups: dict[str, int], existing: bool = False) -> FeedbackRound:
    record = FeedbackRound.model_validate({
        "kind": "feedback", "title": path, "date": day, "scale": [1, 5], "existing": existing,
        "instrument": "patient_survey" if existing else "msf",
        "groups": {name: {"respondents": n, "scores": {"communicator": 4}} for name, n in groups.items()},
    })
    record._path = path
    return record


def pop(path: str, day: str, due: str | None = "2026-01-01", status: str = "planned") -> Pop:
    action = {"title": "Actie", "status": status, **({"due": due} if due else {})}
    record = Pop.model_validate({"kind": "pop", "title": path, "date": day,
                                 "goals": [{"title": "Doel", "actions": [action]}]})
    record._path = path
    return record


def talk(path: str, day: str, kind: str = "ifms", feedback: list[str] = (),
         pop_path: str | None = None) -> Conversation:
    record = Conversation.model_validate({
        "kind": "conversation", "type": kind, "date": day, "leader": "dr. L",
        "feedback": list(feedback), **({"pop": pop_path} if pop_path else {})})
    record._path = path
    return record


def portfolio(prof: Profile | None = None, rounds=(), pops=(), talks=()) -> Portfolio:
    p = Portfolio(root=Path(), profile=prof or profile(), feedback=list(rounds), pops=list(pops),
                  conversations=list(talks))
    p.sort()
    return p


def full_trajectory(day: str = "2024-05-20") -> dict:
    """A complete IFMS trajectory around ``day``: two groups, a POP with a dated action."""
    return {
        "rounds": [feedback("f.yml", "2024-03-01", {"colleagues": 5, "nurses": 4})],
        "pops": [pop("p.yml", day)],
        "talks": [talk("t.md", day, feedback=["f.yml"], pop_path="p.yml")],
    }


DEFAULTS = Thresholds()


def status(p: Portfolio, today: str = "2026-11-23", thresholds: Thresholds = DEFAULTS, requirement="ifms"):
    return evaluate(p, D(today), thresholds).verdicts[requirement]


def keys(notes) -> list[str]:
    return [n.key for n in notes]


# --- IFMS ---------------------------------------------------------------------------------------


def test_complete_trajectory_is_met() -> None:
    verdict = status(portfolio(**full_trajectory()))
    assert verdict.status == "met"
    assert set(verdict.evidence) == {"t.md", "f.yml", "p.yml"}


def test_no_conversation_before_expiry_is_not_yet_met_with_days_and_plan_date() -> None:
    verdict = status(portfolio(), today="2026-11-23")
    assert verdict.status == "not_yet_met"
    assert verdict.figures["days_left"] == (D(EXPIRES) - D("2026-11-23")).days == 190
    assert verdict.figures["plan_by"] == D("2027-02-01")  # RGS assesses from 4 months before


def test_no_conversation_at_expiry_is_not_met_and_shortened_follows() -> None:
    verdict = status(portfolio(), today=EXPIRES)
    assert verdict.status == "not_met"
    assert keys(verdict.notes) == ["ifms.shortened_follows"]


def test_shortened_registration_cannot_be_repeated() -> None:
    verdict = status(portfolio(profile(shortened=True)), today="2027-07-01")
    assert verdict.status == "not_met"
    assert keys(verdict.notes) == ["ifms.shortened_not_again"], "no shortened one follows it"


def test_equivalent_work_is_not_applicable() -> None:
    assert status(portfolio(profile(basis="equivalent_work"))).status == "not_applicable"


def test_abroad_whole_window_is_exempt() -> None:
    prof = profile(abroad=[{"from": "2022-01-01", "to": "2027-12-31"}])
    assert status(portfolio(prof)).status == "exempt"


def test_abroad_periods_together_but_not_singly_cover_the_window() -> None:
    periods = [{"from": "2022-06-01", "to": "2024-12-31"}, {"from": "2025-01-01", "to": "2027-06-01"}]
    assert status(portfolio(profile(abroad=periods))).status == "exempt"
    assert all(status(portfolio(profile(abroad=[one]))).status == "not_yet_met" for one in periods)


def test_abroad_with_a_one_day_hole_is_not_exempt() -> None:
    periods = [{"from": "2022-06-01", "to": "2024-12-30"}, {"from": "2025-01-01", "to": "2027-06-01"}]
    assert not abroad_covers(profile(abroad=periods).abroad, D("2022-06-01"), D(EXPIRES))


@pytest.mark.parametrize("day", ["2022-06-01", EXPIRES])
def test_conversation_on_the_first_and_last_day_of_the_window_counts(day: str) -> None:
    parts = full_trajectory(day)
    parts["rounds"] = [feedback("f.yml", "2022-05-01", {"colleagues": 5, "nurses": 4})]
    assert status(portfolio(**parts), today="2027-06-01").status == "met"


def test_conversation_a_day_before_the_window_does_not_count() -> None:
    parts = full_trajectory("2022-05-31")
    assert status(portfolio(**parts)).status == "not_yet_met"


def test_conversation_in_the_future_is_planned_not_held() -> None:
    parts = full_trajectory("2027-01-15")
    verdict = status(portfolio(**parts), today="2026-11-23")
    assert verdict.status == "not_yet_met"
    assert "ifms.planned" in keys(verdict.notes)


def test_one_group_is_incomplete_and_says_what_is_missing() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2024-03-01", {"colleagues": 9})]
    p = portfolio(**parts)
    verdict = status(p)
    assert verdict.status == "incomplete"
    trajectory = evaluate(p, D("2026-11-23")).trajectories[0]
    assert keys(trajectory.missing) == ["ifms.missing_groups"]
    assert trajectory.missing[0].params == {"count": 1, "minimum": 2}


def test_existing_patient_round_plus_one_other_group_is_not_enough() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2024-03-01", {"colleagues": 8}),
                       feedback("pt.yml", "2023-11-01", {"patients": 60}, existing=True)]
    parts["talks"] = [talk("t.md", "2024-05-20", feedback=["f.yml", "pt.yml"], pop_path="p.yml")]
    p = portfolio(**parts)
    assert status(p).status == "incomplete"
    trajectory = evaluate(p, D("2026-11-23")).trajectories[0]
    assert [r.path for r in trajectory.existing_rounds] == ["pt.yml"]
    assert trajectory.groups == {"colleagues": 8}


def test_existing_patient_feedback_on_top_of_two_groups_is_met() -> None:
    parts = full_trajectory()
    parts["rounds"].append(feedback("pt.yml", "2023-11-01", {"patients": 60}, existing=True))
    parts["talks"] = [talk("t.md", "2024-05-20", feedback=["f.yml", "pt.yml"], pop_path="p.yml")]
    verdict = status(portfolio(**parts))
    assert verdict.status == "met"
    assert "pt.yml" in verdict.evidence


def test_groups_add_up_across_rounds() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("a.yml", "2024-01-01", {"colleagues": 5}),
                       feedback("b.yml", "2024-02-01", {"residents": 3})]
    parts["talks"] = [talk("t.md", "2024-05-20", feedback=["a.yml", "b.yml"], pop_path="p.yml")]
    assert status(portfolio(**parts)).status == "met"


def test_group_without_respondents_does_not_count() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2024-03-01", {"colleagues": 5, "nurses": 0})]
    assert status(portfolio(**parts)).status == "incomplete"


def test_unreferenced_rounds_within_24_months_before_count() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2022-05-20", {"colleagues": 5, "nurses": 4})]  # 24 months
    parts["talks"] = [talk("t.md", "2024-05-20", pop_path="p.yml")]
    assert status(portfolio(**parts)).status == "met"


def test_unreferenced_round_older_than_24_months_does_not_count() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2022-05-19", {"colleagues": 5, "nurses": 4})]
    parts["talks"] = [talk("t.md", "2024-05-20", pop_path="p.yml")]
    assert status(portfolio(**parts)).status == "incomplete"


def test_unreferenced_round_after_the_conversation_does_not_count() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2024-05-21", {"colleagues": 5, "nurses": 4})]
    parts["talks"] = [talk("t.md", "2024-05-20", pop_path="p.yml")]
    assert status(portfolio(**parts)).status == "incomplete"


def test_pop_dated_90_days_after_counts_91_does_not() -> None:
    for day, expected in (("2024-08-18", "met"), ("2024-08-19", "incomplete")):  # +90, +91 days
        parts = full_trajectory()
        parts["pops"] = [pop("p.yml", day)]
        parts["talks"] = [talk("t.md", "2024-05-20", feedback=["f.yml"])]
        assert status(portfolio(**parts)).status == expected, day


def test_any_pop_within_the_days_with_a_dated_action_completes_it_not_only_the_nearest() -> None:
    parts = full_trajectory()
    parts["pops"] = [pop("near.yml", "2024-05-21", due=None), pop("later.yml", "2024-07-01")]
    parts["talks"] = [talk("t.md", "2024-05-20", feedback=["f.yml"])]
    evidence = evaluate(portfolio(**parts), D("2026-11-23"))
    assert evidence.verdicts["ifms"].status == "met"
    assert evidence.trajectories[0].pop.path == "later.yml"


def test_pop_without_any_dated_action_is_incomplete() -> None:
    parts = full_trajectory()
    parts["pops"] = [pop("p.yml", "2024-05-20", due=None)]
    p = portfolio(**parts)
    assert status(p).status == "incomplete"
    assert keys(evaluate(p, D("2026-11-23")).trajectories[0].missing) == ["ifms.missing_pop_actions"]


def test_referenced_pop_counts_whatever_its_date() -> None:
    parts = full_trajectory()
    parts["pops"] = [pop("p.yml", "2025-06-01")]
    assert status(portfolio(**parts)).status == "met"


def test_intervision_is_not_an_ifms_conversation() -> None:
    parts = full_trajectory()
    parts["talks"] = [talk("t.md", "2024-05-20", kind="intervision", feedback=["f.yml"], pop_path="p.yml")]
    assert status(portfolio(**parts)).status == "not_yet_met"


def test_incomplete_at_expiry_also_names_the_consequence() -> None:
    parts = full_trajectory()
    parts["rounds"] = [feedback("f.yml", "2024-03-01", {"colleagues": 9})]
    verdict = status(portfolio(**parts), today="2027-06-02")
    assert verdict.status == "incomplete"
    assert "ifms.shortened_follows" in keys(verdict.notes)


def test_leap_day_expiry_window_starts_on_28_february() -> None:
    p = portfolio(profile(expires="2028-02-29"))
    evidence = evaluate(p, D("2026-11-23"))
    assert evidence.window_start == D("2023-02-28")
    assert evidence.verdicts["ifms"].figures["plan_by"] == D("2027-10-29")


def test_explicit_start_overrides_five_years() -> None:
    p = portfolio(profile(start="2024-01-01"))
    assert evaluate(p, D("2026-11-23")).window_start == D("2024-01-01")


def test_window_years_is_a_threshold() -> None:
    p = portfolio()
    assert evaluate(p, D("2026-11-23"), Thresholds(window_years=3)).window_start == D("2024-06-01")


# --- werkzaamheden ------------------------------------------------------------------------------


def test_no_work_hours_is_unknown_not_failed() -> None:
    assert status(portfolio(), requirement="work").status == "unknown"


def test_enough_hours_is_met() -> None:
    hours = dict.fromkeys(range(2022, 2028), 1600)
    verdict = status(portfolio(profile(work_hours=hours)), requirement="work")
    assert verdict.status == "met"
    assert verdict.figures["average"] == pytest.approx(1600 * (214 / 365 + 4 + 152 / 365) / (1827 / 7))


def test_calendar_year_half_inside_the_window_counts_pro_rata() -> None:
    # 2022-06-01..2022-12-31 is 214 of 365 days of 2022.
    assert hours_in({2022: 365}, D("2022-06-01"), D("2027-06-01")) == pytest.approx(214)
    assert hours_in({2021: 1000}, D("2022-06-01"), D("2027-06-01")) == 0


def test_too_few_hours_before_expiry_is_not_yet_met_after_is_not_met() -> None:
    prof = profile(work_hours=dict.fromkeys(range(2022, 2028), 500))
    assert status(portfolio(prof), requirement="work").status == "not_yet_met"
    assert status(portfolio(prof), today="2027-06-02", requirement="work").status == "not_met"


def test_gap_of_exactly_two_years_is_allowed_three_is_not() -> None:
    two = {2022: 3000, 2023: 0, 2024: 0, 2025: 3000, 2026: 3000}
    three = {2022: 3000, 2023: 0, 2024: 0, 2025: 0, 2026: 5000}
    assert longest_gap(two, D("2022-06-01"), D("2026-12-31")) == 2
    assert status(portfolio(profile(work_hours=two)), requirement="work").status == "met"
    verdict = status(portfolio(profile(work_hours=three)), requirement="work")
    assert verdict.status == "not_met"
    assert keys(verdict.notes) == ["work.gap"]


def test_a_past_year_without_a_figure_is_unknown_not_a_year_without_work() -> None:
    enough = {2022: 3000, 2024: 3000, 2025: 3000}  # 2023 missing; even as 0 the average holds
    verdict = status(portfolio(profile(work_hours=enough)), requirement="work")
    assert verdict.status == "met"
    assert keys(verdict.notes) == ["work.met", "work.met_missing"] and verdict.figures["missing_years"] == [2023]
    short = {2022: 800, 2024: 800, 2025: 800}
    verdict = status(portfolio(profile(work_hours=short)), requirement="work")
    assert verdict.status == "unknown"
    assert keys(verdict.notes) == ["work.missing_years"] and verdict.notes[0].params["years"] == "2023"


def test_missing_years_that_could_be_a_gap_keep_it_unknown() -> None:
    hours = {2022: 8784, 2026: 8784}  # 2023-2025 missing: written as 0 that would be a gap of 3
    verdict = status(portfolio(profile(work_hours=hours)), requirement="work")
    assert verdict.status == "unknown"
    assert verdict.notes[0].params["years"] == "2023, 2024, 2025"


def test_running_year_without_figure_is_not_a_gap() -> None:
    hours = {2022: 1600, 2023: 1600, 2024: 1600, 2025: 1600}
    assert longest_gap(hours, D("2022-06-01"), D("2026-11-23")) == 0


# --- deskundigheidsbevordering ------------------------------------------------------------------


def cme(*items: tuple[str, float]) -> Profile:
    return profile(cme=[{"date": d, "title": "Nascholing", "hours": h} for d, h in items])


def test_no_cme_is_unknown() -> None:
    assert status(portfolio(), requirement="cme").status == "unknown"


def test_cme_on_the_expiry_date_counts_a_day_later_does_not() -> None:
    on = status(portfolio(cme(("2024-01-01", 150), (EXPIRES, 50))), today="2027-07-01", requirement="cme")
    assert on.status == "met" and on.figures["hours"] == 200
    after = status(portfolio(cme(("2024-01-01", 150), ("2027-06-02", 50))), today="2027-07-01", requirement="cme")
    assert after.status == "not_met" and after.figures["hours"] == 150


def test_cme_short_before_expiry_is_not_yet_met_with_remaining_hours() -> None:
    verdict = status(portfolio(cme(("2024-01-01", 120))), requirement="cme")
    assert verdict.status == "not_yet_met"
    assert verdict.figures["remaining"] == 80


def test_covid_reduction_for_windows_expiring_by_2026() -> None:
    # Window 2021-01-01..2026-01-01 holds January..December 2021: 12 months, 36 hours less.
    norm, reduction, months = cme_norm(D("2021-01-01"), D("2026-01-01"), Thresholds())
    assert (months, reduction, norm) == (12, 36, 164)


def test_covid_reduction_is_capped_and_absent_after_2026() -> None:
    assert covid_months(D("2019-01-01"), D("2024-01-01")) == 22
    assert cme_norm(D("2019-01-01"), D("2024-01-01"), Thresholds())[:2] == (134, 66)
    assert cme_norm(D("2022-01-01"), D("2027-01-01"), Thresholds())[:2] == (200, 0)


def test_covid_reduction_counts_partial_months() -> None:
    assert covid_months(D("2021-12-31"), D("2026-12-31")) == 1


def test_covid_reduction_makes_the_difference() -> None:
    prof = cme(("2022-01-01", 170))
    prof.registration.expires = D("2026-06-01")  # window from 2021-06-01: 7 COVID months, norm 179
    verdict = evaluate(portfolio(prof), D("2026-07-01")).verdicts["cme"]
    assert verdict.status == "not_met" and verdict.figures["norm"] == 179
    prof.registration.expires = D("2026-01-01")  # window from 2021-01-01: 12 months, norm 164
    assert evaluate(portfolio(prof), D("2026-07-01")).verdicts["cme"].status == "met"


# --- kwaliteitsvisitatie ------------------------------------------------------------------------


def test_quality_visitation_in_window_is_met_training_visitation_is_not() -> None:
    assert status(portfolio(profile(visitations=[{"date": "2023-10-12", "kind": "quality"}])),
                  requirement="visitation").status == "met"
    assert status(portfolio(profile(visitations=[{"date": "2023-10-12", "kind": "training"}])),
                  requirement="visitation").status == "not_yet_met"


def test_a_visitation_after_today_is_planned_not_met() -> None:
    prof = profile(visitations=[{"date": "2027-03-01", "kind": "quality"}])
    verdict = status(portfolio(prof), requirement="visitation")
    assert verdict.status == "not_yet_met"
    assert keys(verdict.notes) == ["visitation.not_yet_met", "visitation.planned"]
    assert status(portfolio(prof), today="2027-03-01", requirement="visitation").status == "met"


def test_visitation_before_window_is_not_met_at_expiry() -> None:
    prof = profile(visitations=[{"date": "2022-05-31", "kind": "quality"}])
    assert status(portfolio(prof), today="2027-06-02", requirement="visitation").status == "not_met"


# --- advice -------------------------------------------------------------------------------------


def advice_keys(p: Portfolio, today: str = "2026-11-23") -> list[str]:
    return keys(evaluate(p, D(today)).advice)


def test_advice_ifms_in_the_same_year_as_a_visitation() -> None:
    prof = profile(visitations=[{"date": "2024-10-01", "kind": "quality"}])
    assert "advice.same_year_visitation" in advice_keys(portfolio(prof, **full_trajectory()))
    prof = profile(visitations=[{"date": "2023-10-01", "kind": "quality"}])
    assert "advice.same_year_visitation" not in advice_keys(portfolio(prof, **full_trajectory()))


def test_advice_overdue_open_actions_only() -> None:
    pops = [pop("a.yml", "2024-01-01", due="2025-01-01"), pop("b.yml", "2024-01-01", due="2025-01-01", status="done"),
            pop("c.yml", "2024-01-01", due="2027-01-01")]
    notes = evaluate(portfolio(pops=pops), D("2026-11-23")).advice
    assert [n.params["path"] for n in notes if n.key == "advice.overdue_action"] == ["a.yml"]


def test_advice_more_than_five_years_between_ifms_conversations() -> None:
    talks = [talk("a.md", "2019-05-01"), talk("b.md", "2024-05-02")]
    assert "advice.ifms_gap" in advice_keys(portfolio(talks=talks))
    talks = [talk("a.md", "2019-05-01"), talk("b.md", "2024-05-01")]
    assert "advice.ifms_gap" not in advice_keys(portfolio(talks=talks))


def test_advice_to_plan_the_conversation_only_while_it_is_needed() -> None:
    assert "advice.plan_conversation" in advice_keys(portfolio())
    assert "advice.plan_conversation" not in advice_keys(portfolio(**full_trajectory()))
    assert "advice.plan_conversation" not in advice_keys(portfolio(), today="2027-06-02")


def test_thresholds_from_plugin_options_old_and_new_names() -> None:
    from ifms.options import read_options

    old = read_options({"cme_hours": 150, "lang": "nl", "min_groups": None})
    assert old.rules.cme_hours == 150 and old.rules.min_groups == 2 and old.deprecated == ("cme_hours",)
    new = read_options({"rules": {"cme_hours": 150}})
    assert new.rules == old.rules and new.deprecated == ()
