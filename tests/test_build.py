"""Real ``mkdocs build`` runs on the example and the fixture portfolios; the HTML is checked as
a specialist would read it: the pages exist, the tables say the right things, links work."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import REPO, invoke, mkdocs_build, page, plugin_options, rows, text

# --- the example portfolio --------------------------------------------------------------------


def test_site_is_dutch_material(example_site: Path) -> None:
    html = (example_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert "assets/stylesheets/main" in html  # Material's stylesheet
    assert "fonts.googleapis.com" not in html  # no request leaves the computer


def test_yaml_sources_are_not_published(example_site: Path) -> None:
    published = [p for p in example_site.rglob("*") if p.suffix in (".yml", ".yaml")]
    assert published == []
    assert (example_site / "feedback/2024-360/index.html").exists()


def test_feedback_page_scores_per_group(example_site: Path) -> None:
    html = page(example_site, "feedback/2024-360")
    table = rows(html, "ifms-scores")
    header = [cell for _, cell in table[0][1]]
    assert header[:5] == ["Competentie of thema", "Collega-specialisten n = 8",
                          "Verpleegkundigen n = 6", "Aios n = 4",
                          "Medewerkers n = 2 ⚠ minder dan 3 respondenten"]
    assert header[5:] == ["Gemiddelde anderen", "Zelf", "Zelf − anderen"]
    flagged = [attrs["data-group"] for attrs, _ in table[0][1] if "ifms-below-threshold" in attrs.get("class", "")]
    assert flagged == ["staff"]
    by_competency = {attrs["data-competency"]: [c for _, c in cells] for attrs, cells in table[1:]}
    # Communicatie: colleagues 4.4 (8), nurses 3.9 (6), residents 4.5 (4); staff (2) left out:
    # (4.4*8 + 3.9*6 + 4.5*4) / 18 = 4.26 -> 4,3; self 4,0; gap -0,3.
    assert by_competency["communicator"] == ["Communicatie", "4,4", "3,9", "4,5", "4,0", "4,3", "4,0", "−0,3"]
    assert list(by_competency)[:2] == ["medical_expert", "communicator"]
    assert "Instrument:</strong> 360°-feedback" in html
    assert "Aanbieder:</strong> INCEPT" in html


def test_feedback_page_comments_per_group(example_site: Path) -> None:
    body = text(page(example_site, "feedback/2024-360"))
    section = body[body.rindex("Opmerkingen Collega-specialisten"):]
    assert section.index("Verpleegkundigen Duidelijk in overdrachten") < section.index(
        "Medewerkers (⚠ minder dan 3 respondenten) Afspraken"), "a group under the threshold is flagged"


def test_existing_patient_survey_keeps_custom_themes(example_site: Path) -> None:
    html = page(example_site, "feedback/2023-patientenenquete")
    assert "bestaande feedback, hergebruikt" in html
    competencies = [attrs["data-competency"] for attrs, _ in rows(html, "ifms-scores")[1:]]
    assert competencies == ["communicator", "professional", "uitleg_over_behandeling",
                            "wachttijd_polikliniek"]
    assert "Uitleg over behandeling" in html  # own theme, under its own name (with a capital)


def test_pop_page_marks_overdue_open_actions(example_site: Path) -> None:
    html = page(example_site, "pop/2024-2026")
    actions = rows(html, "ifms-actions")
    overdue = [cells[0][1] for attrs, cells in actions if attrs.get("data-overdue") == "true"]
    # Today is 2026-11-23: open actions due before it are overdue; done/dropped never are.
    assert overdue == [
        "Gespreksstructuur delen in het afdelingsoverleg verpleging",
        "Coachingstraject van vijf gesprekken",
        "Uitloop tonen op het scherm in de wachtkamer, met de poli-assistenten",
    ]
    statuses = {cells[0][1].split(" Niet")[0]: cells[2][1] for _, cells in actions
                if cells[0][0].get("class") is None and len(cells) == 4}
    assert statuses["Eén commissielidmaatschap overdragen"] == "✔ afgerond afgerond op 12 mei 2025"
    assert statuses["Vaste schrijfmiddag voor onderzoek inroosteren"] == "⊘ vervallen"
    assert "⚠ over datum" in html
    body = text(html)
    assert "Doel 1: Slechtnieuwsgesprekken beter structureren" in body
    assert "Competentie: Communicatie" in body
    assert "Waarom: De verpleging mist structuur" in body
    assert "15 januari 2025: Gesprekken lopen beter" in body
    assert "8 acties: 3 afgerond, 4 open, 1 vervallen" in body


def test_conversation_header_links_to_its_records(example_site: Path) -> None:
    html = page(example_site, "gesprekken/2024-05-20-evaluatiegesprek")
    header = re.search(r'<div class="ifms-meta ifms-record-meta".*?</div>', html, re.DOTALL).group(0)
    body = text(header)
    assert "Soort gesprek: IFMS-evaluatiegesprek" in body
    assert "Datum: 20 mei 2024" in body
    assert "Gespreksleider: dr. P. Bakker" in body
    assert "In de PDF voor de gespreksleider: nee, privé" in body
    links = re.findall(r'href="([^"]+)"', header)
    assert links == ["../../feedback/2024-360/", "../../feedback/2023-patientenenquete/", "../../pop/2024-2026/"]
    here = example_site / "gesprekken/2024-05-20-evaluatiegesprek"
    assert all((here / link / "index.html").resolve().exists() for link in links)
    # The header sits under the page's own title, and the notes follow it.
    assert html.index("<h1") < html.index("ifms-record-meta") < html.index("Voorbereid met de 360")


def test_reflection_header(example_site: Path) -> None:
    html = page(example_site, "reflecties/2024-04-02-360-feedback-2024")
    body = text(html)
    assert "Competenties: Communicatie, Samenwerking, Professionaliteit" in body
    assert "In de PDF voor de gespreksleider: ja (share)" in body


def test_overview_lists_every_record_by_kind_and_date(example_site: Path) -> None:
    html = page(example_site, "overzicht")
    portfolio = REPO / "portfolio"
    records = [p for p in portfolio.rglob("*") if p.suffix in (".yml", ".md") and "kind:" in p.read_text()]
    links = set(re.findall(r'href="\.\./([^"#]+)/"', html))
    for record in records:
        assert str(record.relative_to(portfolio).with_suffix("")) in links, record
    sections = re.findall(r"<h2[^>]*>(.*?)<a", html)
    assert sections == ["Feedbackrondes (3)", "Persoonlijke ontwikkelingsplannen (2)",
                        "Gesprekken (4)", "Reflecties (6)"]
    reflections = html[html.rindex("Reflecties (6)"):]  # the heading, after the sidebar's copy
    dates = re.findall(r"<td>(\d+ \w+ \d{4})</td>", reflections)
    assert dates[0] == "10 juni 2026" and dates[-1] == "2 mei 2019"  # newest first


def test_navigation_names_record_sections(example_site: Path) -> None:
    nav = text((example_site / "index.html").read_text(encoding="utf-8"))
    for title in ("Feedbackrondes", "POP's", "Gesprekken", "Reflecties", "Overzicht", "Profiel"):
        assert title in nav


def test_search_index_holds_generated_pages(example_site: Path) -> None:
    index = json.loads((example_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "feedback/2024-360/" in locations
    assert "pop/2024-2026/" in locations
    assert "overzicht/" in locations


def test_profile_page(example_site: Path) -> None:
    body = text(page(example_site, "profiel"))
    assert "Huidige registratie: 1 juni 2022 tot 1 juni 2027" in body
    assert "12 oktober 2023 Kwaliteitsvisitatie" in body
    assert "2025 1640" in body


# --- fixture portfolios -----------------------------------------------------------------------


def test_minimal_portfolio_builds(minimal_site: Path) -> None:
    site = minimal_site
    html = page(site, "feedback/ronde")
    table = rows(html, "ifms-scores")
    by_competency = {attrs["data-competency"]: [c for _, c in cells] for attrs, cells in table[1:]}
    # Dutch key "communicatie" and English "communicator" are one competency.
    assert by_competency["communicator"][:3] == ["Communicatie", "4,2", "3,1"]
    assert by_competency["eigen_thema"][0] == "Eigen thema"
    # Nurses (2) are under the threshold of 3: the average is the colleagues' alone.
    assert by_competency["communicator"][3] == "4,2"
    # A reflection without a title takes its own heading; a conversation without either gets one.
    assert "<h1" in page(site, "reflecties/reflectie") and "Wat ik leerde" in page(site, "reflecties/reflectie")
    assert "IFMS-evaluatiegesprek 1 maart 2024" in text(page(site, "gesprekken/gesprek"))


def test_threshold_and_language_are_options(minimal_english_site: Path) -> None:
    """Built with the plugin options ``lang: en`` and ``anonymity_threshold: 1``."""
    html = page(minimal_english_site, "feedback/ronde")
    assert "Scores per group and competency" in html
    assert "ifms-below-threshold" not in html
    table = rows(html, "ifms-scores")
    communicator = next(cells for attrs, cells in table[1:] if attrs["data-competency"] == "communicator")
    # Both groups count now: (4.2*5 + 3.1*2) / 7 = 3.886 -> 3.9
    assert communicator[3][1] == "3.9"


def test_today_decides_what_is_overdue(minimal: Path, minimal_site: Path) -> None:
    # The plan's actions are due 2024-06-01 and 2030-01-01.
    early = mkdocs_build(minimal, env={"IFMS_TODAY": "2024-05-01"})
    assert early.returncode == 0, early.output
    assert 'data-overdue="true"' not in page(minimal / "site", "pop/plan")
    # minimal_site is built on the tests' today, 2026-11-23.
    assert page(minimal_site, "pop/plan").count('data-overdue="true"') == 1


def test_bad_today_is_a_clear_error(minimal: Path) -> None:
    result = mkdocs_build(minimal, env={"IFMS_TODAY": "23-11-2026"})
    assert result.returncode == 1
    assert "De omgevingsvariabele IFMS_TODAY heeft de waarde 23-11-2026" in result.output
    assert "verwacht: een datum in de vorm JJJJ-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_page_next_to_a_yaml_record_is_refused(minimal: Path) -> None:
    (minimal / "portfolio/feedback/ronde.md").write_text("# Mijn eigen pagina\n", encoding="utf-8")
    result = mkdocs_build(minimal)
    assert result.returncode == 1
    assert ("portfolio/feedback/ronde.yml:1: fout: dit record krijgt de pagina feedback/ronde.md, maar die is al "
            "uw eigen pagina portfolio/feedback/ronde.md.") in result.output
    assert (minimal / "portfolio/feedback/ronde.md").read_text() == "# Mijn eigen pagina\n"


def test_user_template_overrides_packaged_one(minimal_own_pages_site: Path) -> None:
    """site_templates/overview.md.j2: '{{ portfolio.reflections|length }} reflecties'."""
    assert "1 reflecties" in page(minimal_own_pages_site, "overzicht")


@pytest.mark.parametrize(("template", "text", "line"), [
    ("overview.md.j2", "# Mijn overzicht\n\n{{ portfolio.nergens.niets }}\n", 3),
    ("handout_body.html.j2", "hallo\n{{ foo(\n", 2),  # the handout's own templates too
    ("handout_page.md.j2", "# Afdrukken\n\n{% if %}\n", 3),
])
def test_broken_user_template_names_its_line(minimal: Path, template: str, text: str, line: int) -> None:
    templates = minimal / "site_templates"
    templates.mkdir()
    (templates / template).write_text(text)
    result = mkdocs_build(minimal)
    assert result.returncode == 1
    assert f"site_templates/{template}:{line}: fout: het paginasjabloon gaf een fout" in result.output
    assert "Traceback" not in result.output


def test_templates_compiled_by_an_earlier_version_are_not_loaded(minimal: Path) -> None:
    """After an update, a template cache left by the earlier version must not break the
    build. There the ``note`` filter did not take the context, so Jinja compiled its calls
    without it; Jinja itself checks only the template's source before loading them."""
    import jinja2

    from ifms.pages.renderer import _environment

    earlier = minimal / ".cache" / "ifms" / "templates"  # where that version kept them
    earlier.mkdir(parents=True)
    current = _environment(None, "nl", None)
    env = jinja2.Environment(loader=current.loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             bytecode_cache=jinja2.FileSystemBytecodeCache(str(earlier)))
    env.filters.update({**current.filters, "note": lambda note: "plain"})
    env.tests.update(current.tests)
    env.get_template("evidence.md.j2")
    assert any(earlier.glob("__jinja2_*.cache")), "the earlier version's compiled template is in place"

    result = mkdocs_build(minimal)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert (minimal / "site" / "herregistratie" / "index.html").is_file()
    assert not any(earlier.glob("__jinja2_*.cache")), "the stale compiled templates are gone"


@pytest.mark.parametrize(("options", "message"), [
    ("cme_hours: veel", "Instelling 'cme_hours' van het ifms-plugin in mkdocs.yml heeft de waarde veel; "
                        "verwacht: een getal, zoals 200 of 16.5."),
    ("anonymity_threshold: -4", "Instelling 'anonymity_threshold' van het ifms-plugin in mkdocs.yml heeft de "
                                "waarde -4; verwacht: een getal van minstens 0."),
    # Quoted: an impossible date written bare makes MkDocs' own YAML loader fail before any plugin runs.
    ('today: "2026-02-30"', "Instelling 'today' van het ifms-plugin in mkdocs.yml heeft de waarde '2026-02-30'; "
                          "verwacht: een datum die bestaat (JJJJ-MM-DD)."),
    ("rules:\n  min_group: 3", "Onbekende instelling 'rules.min_group' van het ifms-plugin in mkdocs.yml. "
                               "Bedoelde u 'min_groups'?"),
])
def test_a_bad_option_gets_one_dutch_message_from_mkdocs_and_from_ifms(minimal: Path, options: str,
                                                                       message: str) -> None:
    plugin_options(minimal, options)
    built = mkdocs_build(minimal)
    checked = invoke("check", cwd=minimal)
    assert built.returncode == 1 and checked.returncode == 2
    for result in (built, checked):
        assert message in result.output, result.output
        assert "Traceback" not in result.output and "Plugin 'ifms' option" not in result.output


def test_a_generated_home_page_gets_the_summary_too(minimal: Path) -> None:
    (minimal / "portfolio" / "index.md").unlink()
    plugin_options(minimal, "overview_page: index.md")
    result = mkdocs_build(minimal, "--strict")
    assert result.returncode == 0, result.output
    home = page(minimal / "site", "")
    assert "Herregistratie: stand op 23 november 2026" in home and "Overzicht" in home
