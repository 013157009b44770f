"""The Herregistratie and Tijdlijn pages in a real build: statuses as data attributes, the
figures and explanations in words, the chart as SVG with real text, and the home summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import chart, edit, invoke, mkdocs_build, page, plugin_options, statuses, text


def build(project: Path, today: str = "2026-11-23") -> Path:
    result = mkdocs_build(project, "--strict", env={"IFMS_TODAY": today})
    assert result.returncode == 0, result.output
    return project / "site"


def test_example_statuses_and_figures(example_site: Path) -> None:
    assert statuses(example_site) == {"ifms": "met", "work": "met", "cme": "not_yet_met",
                                      "visitation": "met"}
    body = text(page(example_site, "herregistratie"))
    assert "190 dagen tot de expiratiedatum" in body
    assert "Volledig IFMS-traject met evaluatiegesprek op 20 mei 2024." in body
    assert "Gemiddeld 28,6 uur per week in het specialisme." in body
    assert "188 uur van de 200; nog 12 uur te gaan." in body
    assert "Kwaliteitsvisitatie op 12 oktober 2023." in body
    assert "Collega-specialisten (8), Verpleegkundigen (6), Aios (4), Medewerkers (2)" in body
    assert "Patiëntervaringen polikliniek 2023 (telt niet mee voor het aantal groepen)" in body
    assert body.count("is over de streefdatum") == 3


def test_evidence_links_lead_to_the_records(example_site: Path) -> None:
    html = page(example_site, "herregistratie")
    trajectory = re.search(r'data-trajectory="gesprekken/2024-05-20-evaluatiegesprek.md".*?</div>', html,
                           re.DOTALL).group(0)
    links = re.findall(r'href="\.\./([^"]+)"', trajectory)
    assert links == ["gesprekken/2024-05-20-evaluatiegesprek/", "feedback/2024-360/",
                     "feedback/2023-patientenenquete/", "pop/2024-2026/"]
    assert all((example_site / link / "index.html").exists() for link in links)


def test_json_says_what_the_page_says(example: Path, example_site: Path) -> None:
    result = invoke("evidence", "--json", cwd=example)
    assert result.returncode == 0, result.output
    data = json.loads(result.stdout)
    assert {r["requirement"]: r["status"] for r in data["requirements"]} == statuses(example_site)
    cme = next(r for r in data["requirements"] if r["requirement"] == "cme")
    assert cme["figures"]["hours"] == 188 and cme["figures"]["norm"] == 200
    assert data["trajectories"][0]["groups"] == {"colleagues": 8, "nurses": 6, "residents": 4, "staff": 2}
    assert [a["key"] for a in data["advice"]] == ["advice.overdue_action"] * 3


def test_minimal_met_unknown_and_not_yet(minimal_site: Path) -> None:
    site = minimal_site
    assert statuses(site) == {"ifms": "met", "work": "unknown", "cme": "unknown", "visitation": "not_yet_met"}
    assert "Geen werkuren ingevuld" in text(page(site, "herregistratie"))


def test_equivalent_work_is_not_applicable(minimal: Path) -> None:
    edit(minimal, "profiel.yml", "  expires: 2027-01-01", "  expires: 2027-01-01\n  basis: equivalent_work")
    site = build(minimal)
    assert statuses(site)["ifms"] == "not_applicable"
    assert "gelijkgestelde werkzaamheden: de IFMS-eis geldt dan niet" in text(page(site, "herregistratie"))


def test_abroad_whole_period_is_exempt(minimal: Path) -> None:
    edit(minimal, "profiel.yml", "registration:", "abroad:\n  - {from: 2021-06-01, to: 2027-06-01}\nregistration:")
    assert statuses(build(minimal))["ifms"] == "exempt"


def test_one_group_only_is_incomplete_and_says_so(minimal: Path) -> None:
    edit(minimal, "feedback/ronde.yml", "  nurses:\n    respondents: 2\n    scores:\n      communicator: 3.1\n", "")
    site = build(minimal)
    assert statuses(site)["ifms"] == "incomplete"
    assert ("Feedback van minstens 2 groepen nodig (bestaande patiëntenfeedback niet meegeteld); nu 1."
            in text(page(site, "herregistratie")))


@pytest.mark.parametrize("shortened", [False, True])
def test_not_met_at_expiry_explains_the_shortened_registration(minimal: Path, shortened: bool) -> None:
    (minimal / "portfolio/gesprekken/gesprek.md").unlink()
    if shortened:
        edit(minimal, "profiel.yml", "  expires: 2027-01-01", "  expires: 2027-01-01\n  shortened: true")
    site = build(minimal, today="2027-01-02")
    assert statuses(site)["ifms"] == "not_met"
    body = text(page(site, "herregistratie"))
    # A shortened re-registration follows once; after one, it is not announced again.
    assert ("volgt eenmalig een verkorte herregistratie" in body) is not shortened
    assert ("moet u alsnog aan alle IFMS-eisen voldoen" in body) is not shortened
    assert ("kan niet opnieuw worden verleend" in body) is shortened


def test_thresholds_are_plugin_options(minimal: Path) -> None:
    plugin_options(minimal, "rules:\n  min_groups: 3")
    assert statuses(build(minimal))["ifms"] == "incomplete"


def test_a_threshold_under_its_old_name_still_works_with_a_dutch_deprecation(minimal: Path) -> None:
    plugin_options(minimal, "min_groups: 3")
    result = mkdocs_build(minimal)
    assert result.returncode == 0, result.output
    assert "Instelling 'min_groups' van het ifms-plugin in mkdocs.yml staat op de oude plek" in result.output
    assert statuses(minimal / "site")["ifms"] == "incomplete"
    assert mkdocs_build(minimal, "--strict").returncode == 1, "strict: a deprecation is a warning that stops"


def test_timeline_chart_is_svg_with_real_dutch_text(example_site: Path) -> None:
    svg = chart(example_site, "tijdlijn")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    for label in ("Registratie", "Buitenland", "Feedback", "POP", "IFMS-gesprek", "Visitatie", "vandaag", "2024"):
        assert label in labels, label
    assert "<script" not in svg


def test_timeline_page_has_chart_and_table(example_site: Path) -> None:
    html = page(example_site, "tijdlijn")
    assert re.search(r'<img alt="Tijdlijn van [^"]+" (?:class="[^"]+" )?'
                     r'src="\.\./assets/ifms/charts/tijdlijn\.light\.\w+\.svg#only-light"', html)
    assert re.search(r'src="\.\./assets/ifms/charts/tijdlijn\.dark\.\w+\.svg#only-dark"', html)
    body = text(html)
    assert "1 juni 2022 1 juni 2027 Registratie Huidige registratieperiode" in body
    assert "20 mei 2024 IFMS-gesprek IFMS-evaluatiegesprek 2024 — dr. P. Bakker" in body
    assert "17 maart 2021 Visitatie Opleidingsvisitatie" in body
    assert 'href="../pop/2024-2026/"' in html


def test_timeline_in_english(minimal_english_site: Path) -> None:
    site = minimal_english_site
    svg = chart(site, "tijdlijn")
    assert ">Registration<" in svg and ">today<" in svg and ">Registratie<" not in svg
    assert "Re-registration" in page(site, "herregistratie")


def test_home_page_shows_the_status_summary(example_site: Path) -> None:
    html = (example_site / "index.html").read_text(encoding="utf-8")
    body = text(html)
    assert "Herregistratie: stand op 23 november 2026" in body
    assert "Deskundigheidsbevordering: ◔ nog niet voldaan" in body
    assert 'href="herregistratie/"' in html and 'href="tijdlijn/"' in html
    assert body.index("stand op 23 november 2026") < body.index("Dit is het privé portfolio")
