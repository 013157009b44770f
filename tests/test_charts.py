"""Charts as a reader sees them: the right series and labels in the SVG, in the right language,
no suppressed group; and the cache: an unchanged chart is never drawn again."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import chart, labels, mkdocs_build, page, text


def test_round_chart_shows_groups_and_self_but_not_the_small_group(example_site: Path) -> None:
    svg = chart(example_site, "feedback-2024-360")
    found = labels(svg)
    for label in ("Collega-specialisten", "Verpleegkundigen", "Aios", "Zelf", "Communicatie", "Organisatie"):
        assert label in found, label
    assert "Medewerkers" not in found  # 2 respondents, under the threshold of 3
    assert "4,5" in found  # Dutch decimal comma on the axis


def test_competency_trend_normalises_different_scales(example_site: Path) -> None:
    html = page(example_site, "voortgang")
    row = re.search(r'<tr data-competency="communicator">(.*?)</tr>', html, re.DOTALL).group(1)
    # 2019 on a 1-7 scale: others' mean (5.4*7 + 5.1*9 + 5.6*5)/21 = 5.319 -> (5.319-1)/6 = 72.0 %
    # 2023 patients on 1-10: (8.4-1)/9 = 82.2 %; 2024 on 1-5: (4.26-1)/4 = 81.4 %
    assert re.findall(r"<td>([^<]+)</td>", row) == ["72,0 %", "82,2 %", "81,4 %"]
    found = labels(chart(example_site, "voortgang-competenties"))
    assert "Communicatie" in found and "wachttijd polikliniek" in found and "100 %" in found


def test_progress_page_has_a_table_beside_every_chart(example_site: Path) -> None:
    html = page(example_site, "voortgang")
    figures = re.findall(r"<figure class=\"ifms-chart\">.*?</figure>", html, re.DOTALL)
    assert len(figures) == 5
    for figure in figures:
        assert re.search(r'<img alt="[^"]{40,}"', figure), "every chart has a real alt text"
        assert "<figcaption>" in figure
    after = [html[html.index(f) + len(f):][:3000] for f in figures]
    assert all("<table" in following for following in after)
    body = text(html)
    assert "POP 2024-2026 3 4 1 3" in body
    assert "Norm 200" in body


def test_pop_cme_and_work_charts_carry_their_series(example_site: Path) -> None:
    pop = set(labels(chart(example_site, "voortgang-pop")))
    assert {"afgerond", "open", "vervallen", "POP 2019-2021", "POP 2024-2026"} <= pop
    assert {"Uren opgeteld", "Norm"} <= set(labels(chart(example_site, "voortgang-nascholing")))
    assert {"2022", "2026", "Norm per jaar"} <= set(labels(chart(example_site, "voortgang-werkuren")))


def test_dark_variant_uses_light_text(example_site: Path) -> None:
    light, dark = chart(example_site, "voortgang-pop", "light"), chart(example_site, "voortgang-pop", "dark")
    assert "#212121" in light and "#e2e4e9" not in light
    assert "#e2e4e9" in dark


def test_charts_in_english(minimal_english_site: Path) -> None:
    found = labels(chart(minimal_english_site, "feedback-ronde"))
    assert "Communicator" in found and "Self" in found and "Communicatie" not in found
    assert "4.5" in found


def drawn(result_output: str) -> list[str]:
    match = re.search(r"ifms: \d+ chart\(s\) drawn: ?(.*)", result_output)
    assert match, result_output
    return sorted(filter(None, (name.strip() for name in match.group(1).split(","))))


def test_second_build_draws_nothing_and_one_changed_round_redraws_only_its_charts(built_example: Path) -> None:
    """The project as it is after its first build (which drew all 16 charts into the cache)."""
    cache = built_example / ".cache/ifms/charts"
    files = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.svg")}
    assert len(files) == 16

    second = mkdocs_build(built_example, "-v")
    assert second.returncode == 0, second.output
    assert drawn(second.output) == []
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.svg")} == files

    round_file = built_example / "portfolio/feedback/2019-360.yml"
    round_file.write_text(round_file.read_text().replace("communicatie: 5.4", "communicatie: 5.6"))
    third = mkdocs_build(built_example, "-v")
    assert drawn(third.output) == ["feedback-2019-360.dark", "feedback-2019-360.light",
                                   "voortgang-competenties.dark", "voortgang-competenties.light"]
    assert len(list(cache.glob("*.svg"))) == 16  # the old pictures are gone, not piling up
