"""Charts as a reader sees them: the right series and labels in the SVG, in the right language,
no suppressed group; and the cache: an unchanged chart is never drawn again."""

from __future__ import annotations

import colorsys
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
    # A theme of the specialist's own has a capital, as the competencies beside it.
    assert "Communicatie" in found and "Wachttijd polikliniek" in found
    assert "Wachttijd polikliniek" in text(html) and "wachttijd polikliniek" not in text(html)


def test_trend_axis_is_on_the_range_of_the_scores_and_says_what_it_is(example_site: Path) -> None:
    """All scores lie between 62 % and 90 % of their scales: an axis from 0 to 100 % would
    squash them into its top third."""
    found = labels(chart(example_site, "voortgang-competenties"))
    percents = sorted(int(label.removesuffix(" %")) for label in found if label.endswith(" %"))
    assert percents[0] >= 50 and "0 %" not in found and percents[-1] <= 100
    assert "Score als % van de schaal" in found
    html = page(example_site, "voortgang")
    assert "0 % is de laagste score van die schaal, 100 % de hoogste" in text(html)


def test_round_chart_marks_the_self_assessment_apart_and_colours_no_group_red(example_site: Path) -> None:
    svg = chart(example_site, "feedback-2024-360")
    assert "Score (schaal 1–5)" in labels(svg)
    # No group in a colour that reads as a verdict: nothing red (hue within 25 degrees of 0).
    for colour in set(re.findall(r"fill: ?(#[0-9a-f]{6})", svg)):
        red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        hue, _, saturation = colorsys.rgb_to_hls(red, green, blue)
        assert not (saturation > 0.4 and min(hue, 1 - hue) * 360 < 25), colour
    html = page(example_site, "feedback/2024-360")
    assert "de verticale streep is de zelfbeoordeling" in html and "ruit" not in html
    # A round without a self-assessment has a caption that does not mention one.
    survey = page(example_site, "feedback/2023-patientenenquete")
    figure = re.search(r'<figure class="ifms-chart">.*?</figure>', survey, re.DOTALL).group(0)
    assert "zelfbeoordeling" not in figure and "schaal 1–10" in figure


def test_every_chart_has_a_fixed_width_per_layout_and_text_of_one_size(example_site: Path) -> None:
    """So the stylesheet can show each at the width where its text is the caption's size."""
    for file in (example_site / "assets/ifms/charts").glob("*.svg"):
        svg = file.read_text(encoding="utf-8")
        width = float(re.search(r'<svg [^>]*width="([\d.]+)pt"', svg).group(1))
        assert width == (267.84 if ".narrow." in file.name else 504), file.name
        sizes = {float(size) for size in re.findall(r"font-size: ?([\d.]+)px", svg)}
        assert sizes == {11.0}, (file.name, sizes)


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
    assert "#212121" in light and "#c1c3c9" not in light
    assert "#c1c3c9" in dark and "#212121" not in dark  # Material's slate text, not black


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
    assert len(files) == 32  # 8 charts: wide and narrow, light and dark

    second = mkdocs_build(built_example, "-v")
    assert second.returncode == 0, second.output
    assert drawn(second.output) == []
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.svg")} == files

    round_file = built_example / "portfolio/feedback/2019-360.yml"
    round_file.write_text(round_file.read_text().replace("communicatie: 5.4", "communicatie: 5.6"))
    third = mkdocs_build(built_example, "-v")
    assert drawn(third.output) == [f"{name}.{variant}" for name in ("feedback-2019-360", "voortgang-competenties")
                                   for variant in ("dark", "light", "narrow.dark", "narrow.light")]
    assert len(list(cache.glob("*.svg"))) == 32  # the old pictures are gone, not piling up


def test_a_picture_drawn_by_other_drawing_code_is_drawn_again(tmp_path: Path, monkeypatch) -> None:
    """The cache key holds a hash of the drawing code: after an update that changes how charts
    are drawn (these layouts, say), no picture of the old code is shown."""
    import ifms.charts as charts
    from ifms.charts.cache import ChartCache

    spec = {"years": [[2024, 1600]], "norm": 835, "hours_label": "Uren", "norm_label": "Norm",
            "y_label": "Uren", "decimal": ","}
    monkeypatch.setattr(charts, "_drawing_code", lambda: "old drawing code")
    old = charts.Chart("werk", "work_hours", spec)
    folder = tmp_path / "charts"
    folder.mkdir()
    for name in charts.VARIANTS:
        (folder / f"{old.key(name)}.svg").write_bytes(b"<svg>old</svg>")
    monkeypatch.undo()
    cache = ChartCache(folder)
    result = cache.start([charts.Chart("werk", "work_hours", spec)]).result()
    assert sorted(cache.drawn) == sorted(f"werk.{name}" for name in charts.VARIANTS)
    assert all(b"old" not in svg for svg in result.values())
    assert not any(b"old" in file.read_bytes() for file in folder.glob("*.svg"))
