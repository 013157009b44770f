"""The words the site shows are accepted where the format has fixed choices (docs/formaat.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit, invoke, mkdocs_build, page, text
from ifms.i18n.locale import Locale
from ifms.problems import PortfolioInvalid
from ifms.records.choices import WORDS
from ifms.records.load import load_portfolio
from ifms.records.model import Action, Conversation, FeedbackRound


def test_a_portfolio_written_with_dutch_words_reads_as_the_format_keys(minimal: Path) -> None:
    edit(minimal, "pop/plan.yml", "        status: planned", "        status: Gepland\n        support: intervisie")
    edit(minimal, "pop/plan.yml", "        status: in_progress", "        status: bezig")
    edit(minimal, "profiel.yml", "  expires: 2027-01-01", (
        "  expires: 2027-01-01\n  basis: uitoefening\nemployment: Waarnemer\n"
        "visitations:\n  - {date: 2024-05-01, kind: kwaliteitsvisitatie}"))
    edit(minimal, "feedback/ronde.yml", "  nurses:", "  Secretariaat:")
    edit(minimal, "feedback/ronde.yml", "  colleagues:", "  Collega-specialisten:")
    edit(minimal, "feedback/ronde.yml", "scale: [1, 5]", "scale: [1, 5]\ninstrument: 360°-feedback")
    edit(minimal, "gesprekken/gesprek.md", "type: ifms", "type: IFMS-evaluatiegesprek")
    assert invoke("check", cwd=minimal).returncode == 0
    portfolio = load_portfolio(minimal / "portfolio")
    pop, = portfolio.pops
    assert [(a.status, a.support) for a in pop.actions()] == [("planned", "intervision"), ("in_progress", None)]
    assert portfolio.profile is not None
    assert (portfolio.profile.employment, portfolio.profile.registration.basis) == ("locum", "practice")
    assert portfolio.profile.visitations[0].kind == "quality"
    round_, = portfolio.feedback
    assert (sorted(round_.groups), round_.instrument) == (["colleagues", "staff"], "msf")
    assert portfolio.conversations[0].type == "ifms"
    built = mkdocs_build(minimal, "--strict")
    assert built.returncode == 0, built.output
    shown = text(page(minimal / "site", "feedback/ronde/"))
    assert "Medewerkers" in shown and "Collega-specialisten" in shown and "Secretariaat" not in shown


@pytest.mark.parametrize(("choice", "model", "field", "extra"), [
    ("status", Action, "status", {"title": "A"}),
    ("support", Action, "support", {"title": "A"}),
    ("conversation_type", Conversation, "type", {"kind": "conversation", "date": "2024-01-01"}),
    ("instrument", FeedbackRound, "instrument",
     {"kind": "feedback", "title": "R", "date": "2024-01-01", "scale": [1, 5], "groups": {"x": {"respondents": 1}}}),
])
def test_every_word_of_a_choice_in_any_case_is_its_key(choice: str, model: type, field: str, extra: dict) -> None:
    for key, words in WORDS[choice].items():
        for word in (key, *words):
            for written in (word, word.upper(), f" {word.title()} ", word.replace(" ", "-")):
                record = model.model_validate({**extra, field: written})
                assert getattr(record, field) == key, written


def test_a_word_that_is_no_choice_is_told_with_the_dutch_words(minimal: Path) -> None:
    edit(minimal, "pop/plan.yml", "        status: planned", "        status: half klaar")
    with pytest.raises(PortfolioInvalid) as invalid:
        load_portfolio(minimal / "portfolio", display_base=minimal)
    message, = [problem.render(Locale("nl")) for problem in invalid.value.problems]
    assert message == ("portfolio/pop/plan.yml:11: fout in veld 'goals[0].actions[0].status': 'half klaar' is geen "
                       "toegestane waarde. Kies uit: planned (gepland), in_progress (bezig), done (afgerond), dropped "
                       "(vervallen).")


def test_one_group_under_two_names_is_an_error(minimal: Path) -> None:
    edit(minimal, "feedback/ronde.yml", "  colleagues:", "  verpleging:")
    with pytest.raises(PortfolioInvalid) as invalid:
        load_portfolio(minimal / "portfolio", display_base=minimal)
    assert [problem.key for problem in invalid.value.problems] == ["ifms_group_twice"]


def test_the_importer_knows_the_same_group_names(minimal: Path) -> None:
    report = minimal / "rapport.csv"
    report.write_text("groep;competentie;score;respondenten\nSecretariaat;communicatie;4,1;3\n"
                      "Verpleegkundigen;communicatie;3,9;4\n", encoding="utf-8")
    result = invoke("import-feedback", str(report), "--scale", "1-5", "--date", "2024-05-01", cwd=minimal)
    assert result.returncode == 0, result.output
    portfolio = load_portfolio(minimal / "portfolio")
    imported = [r for r in portfolio.feedback if r.date.isoformat() == "2024-05-01"]
    assert len(imported) == 1 and sorted(imported[0].groups) == ["nurses", "staff"]


def test_an_own_group_name_stays_as_written() -> None:
    round_ = FeedbackRound.model_validate({"kind": "feedback", "title": "R", "date": "2024-01-01", "scale": [1, 5],
                                           "groups": {"Huisartsen": {"respondents": 4}}})
    assert list(round_.groups) == ["Huisartsen"]


def test_docs_list_every_accepted_word() -> None:
    from helpers import REPO

    documented = (REPO / "docs/formaat.md").read_text(encoding="utf-8")
    for keys in WORDS.values():
        for key, words in keys.items():
            assert f"| `{key}` | " + ", ".join(f"`{word}`" for word in words) + " |" in documented, key
