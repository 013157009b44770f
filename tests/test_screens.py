"""The built example as a reader sees it in a real Chromium, light and dark, on a 390 px phone
and a 1280 px laptop: no page wider than the screen, nothing in the table of contents' column,
the dark charts in the dark scheme (by the toggle and by the system setting), chart text at
least the caption's size, no word of the requirement table broken in two, every status an
icon and a word, and axe-core finding nothing serious or critical in any page's content.

One built site (the session's ``example_site``), one Chromium and one local HTTP server for
the whole module, so the 27 pages in two schemes take seconds, not minutes.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import headless_chromium

pytestmark = pytest.mark.browser

PHONE, LAPTOP = 390, 1280


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def handle(self):
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser moved on
            super().handle()


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """A built site on a local HTTP server (as ``mkdocs serve`` would give it: Material's
    search and palette need pages served, not files); yields its address."""
    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


@pytest.fixture(scope="module")
def site_url(example_site: Path) -> Iterator[str]:
    with served(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module (the ``browser`` fixture starts one per test)."""
    yield from headless_chromium()


def pages_of(site: Path) -> list[str]:
    """Every page of the site as its address below the root ("" for the start page)."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html") if "assets" not in p.parts)


@pytest.fixture
def open_page(chromium, site_url):
    """``open_page(path, width=..., scheme=...)``: a page in a fresh context (a fresh
    localStorage, so the system setting decides the scheme), loaded and settled."""
    contexts = []

    def open_(path: str, *, width: int = LAPTOP, scheme: str = "light"):
        context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


# --- widths -----------------------------------------------------------------------------------------


PICTURES_SHOWN = """() => [...document.querySelectorAll('figure.ifms-chart')].map(figure =>
    [...figure.querySelectorAll('img')].filter(img => getComputedStyle(img).display !== 'none').length)"""
"""How many pictures each chart shows: one, of the scheme and the screen's width."""


def test_no_page_is_wider_than_a_phone(example_site: Path, chromium, site_url) -> None:
    """Wide tables scroll inside their own box or reflow; the page itself never scrolls
    sideways (the feedback pages were 803 px wide, the POP pages 534 px, the print page 689).
    Every chart shows one picture there (the print page, which has no phone layout, too)."""
    context = chromium.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    too_wide, pictures = {}, {}
    for path in pages_of(example_site):
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            too_wide[path] = width
        if any(count != 1 for count in page.evaluate(PICTURES_SHOWN)):
            pictures[path] = page.evaluate(PICTURES_SHOWN)
    context.close()
    assert len(pages_of(example_site)) >= 27
    assert too_wide == {}
    assert pictures == {}


def test_nothing_runs_into_the_table_of_contents_on_a_laptop(example_site: Path, chromium, site_url) -> None:
    """At 1280 px the table of contents has its own column on the right; no table or chart
    of the content reaches into it (the score table of a round with four groups did), and
    every chart shows one picture."""
    context = chromium.new_context(viewport={"width": LAPTOP, "height": 800})
    page = context.new_page()
    overlapping = {}
    for path in pages_of(example_site):
        page.goto(site_url + path)
        found = page.evaluate("""() => {
            const toc = document.querySelector('.md-sidebar--secondary');
            if (!toc || !toc.offsetParent) return null;
            const edge = toc.getBoundingClientRect().left;
            const boxes = '.ifms-table-scroll, .md-typeset__scrollwrap';  // they scroll what is inside
            const inner = '.md-content__inner';
            return [...document.querySelectorAll(`${inner} > *, ${inner} table, ${inner} img`)]
                .filter(e => !e.closest(boxes) || e.matches(boxes))
                .filter(e => e.getBoundingClientRect().right > edge + 1)
                .map(e => e.tagName + '.' + e.className);
        }""")
        if found:
            overlapping[path] = found
        if any(count != 1 for count in page.evaluate(PICTURES_SHOWN)):
            overlapping[path] = page.evaluate(PICTURES_SHOWN)
    context.close()
    assert overlapping == {}


def test_a_round_with_four_groups_fits_beside_the_table_of_contents(open_page) -> None:
    """The 2024 round (four groups, a self-assessment and its gap) needs no sideways scrolling
    at 1280 px: its box is as wide as its table."""
    page = open_page("feedback/2024-360/")
    box = page.locator(".ifms-table-scroll:has(table.ifms-scores)")
    widths = box.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert widths[0] <= widths[1], widths


# --- charts -----------------------------------------------------------------------------------------

def _luminance(png: bytes) -> tuple[float, float, float]:
    """The background (the most common luminance), the darkest and the brightest luminance
    (0 black, 1 white) of a screenshot. Pillow comes with matplotlib."""
    from PIL import Image

    counts = Image.open(io.BytesIO(png)).convert("L").histogram()
    used = [level for level, count in enumerate(counts) if count]
    background = max(range(256), key=lambda level: counts[level])
    return background / 255, used[0] / 255, used[-1] / 255


def _charts_are(page, scheme: str) -> None:
    """Every chart the page shows is the picture of ``scheme``, loaded, and looks it: the
    page's own background behind it and text in the contrasting brightness."""
    pictures = [img for img in page.locator("figure.ifms-chart img").all()
                if img.evaluate("img => getComputedStyle(img).display") != "none"]
    assert len(pictures) == 5  # the five charts of Voortgang, one picture each
    for picture in pictures:
        picture.scroll_into_view_if_needed()  # the phone's pictures load when in view
        picture.evaluate("img => img.decode()")
        assert picture.get_attribute("src").endswith(f"#only-{scheme}")
        assert picture.evaluate("img => img.naturalWidth") > 0
        background, darkest, brightest = _luminance(picture.screenshot())
        if scheme == "dark":  # light text and marks on the dark page, not on a white box
            assert background < 0.2 and brightest > 0.6, (background, brightest)
        else:  # dark text on the light page
            assert background > 0.9 and darkest < 0.3, (background, darkest)


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_dark_charts_by_the_system_setting(open_page, width: int) -> None:
    page = open_page("voortgang/", width=width, scheme="dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    _charts_are(page, "dark")


def test_dark_charts_by_the_toggle_and_back(open_page) -> None:
    page = open_page("voortgang/", scheme="light")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    _charts_are(page, "light")
    page.locator("[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    _charts_are(page, "dark")
    page.locator("[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    _charts_are(page, "light")


def test_a_site_without_a_palette_shows_each_chart_once(minimal_site: Path, chromium) -> None:
    """Without ``theme.palette`` Material marks no scheme and hides neither picture; the light
    one is shown, once, at both widths."""
    with served(minimal_site) as url:
        for width in (PHONE, LAPTOP):
            context = chromium.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(url + "feedback/ronde/")
            assert page.evaluate("document.body.dataset.mdColorScheme") is None
            shown = page.evaluate("() => [...document.querySelectorAll('figure.ifms-chart img')]"
                                  ".filter(i => getComputedStyle(i).display !== 'none')"
                                  ".map(i => i.getAttribute('src'))")
            context.close()
            assert len(shown) == 1 and shown[0].endswith("#only-light"), shown


CHART_TEXT = """async () => {
    const found = [];
    for (const img of document.querySelectorAll('figure.ifms-chart img')) {
        if (getComputedStyle(img).display === 'none') continue;
        const svg = await (await fetch(img.currentSrc)).text();
        const box = Number(svg.match(/viewBox="[\\d.]+ [\\d.]+ ([\\d.]+)/)[1]);
        const sizes = [...svg.matchAll(/font-size: ?([\\d.]+)px/g)].map(m => Number(m[1]));
        const caption = img.closest('figure').querySelector('figcaption');
        found.push({src: img.getAttribute('src'), text: Math.min(...sizes) * img.clientWidth / box,
                    caption: parseFloat(getComputedStyle(caption).fontSize)});
    }
    return found;
}"""


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
@pytest.mark.parametrize("path", ["voortgang/", "feedback/2024-360/", "tijdlijn/"])
def test_chart_text_is_at_least_the_size_of_the_caption(open_page, path: str, width: int) -> None:
    """The smallest text of every chart as the screen shows it, in CSS pixels (its size in
    the SVG times the scale the picture is shown at), against the caption under it. It was
    about 9 px beside a 16 px caption at 1280 px, and 4 px on a phone."""
    page = open_page(path, width=width)
    page.wait_for_load_state("networkidle")
    charts = page.evaluate(CHART_TEXT)
    assert charts
    small = [(c["src"].rsplit("/", 1)[-1], round(c["text"], 1), c["caption"]) for c in charts
             if c["text"] < c["caption"] - 0.05]
    assert small == []
    if width == PHONE:  # the phone gets the narrow layout, not the laptop's picture shrunk
        assert all(".narrow." in c["src"] for c in charts)


# --- the requirement table --------------------------------------------------------------------------

BROKEN_WORDS = """() => {
    const broken = [];
    for (const cell of document.querySelectorAll('table.ifms-evidence th, table.ifms-evidence td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.data.matchAll(/[^\\s\\-–]+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(word[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("width", [PHONE, 1000, LAPTOP, 1400])
def test_no_word_of_the_requirement_table_is_broken(open_page, width: int) -> None:
    """Each word on one line ("Deskundigheidsbev ordering" at 1400 px, "Kwaliteit svisitati e"
    on a phone were)."""
    page = open_page("herregistratie/", width=width)
    assert page.locator("table.ifms-evidence").is_visible()
    assert page.evaluate(BROKEN_WORDS) == []


def _icon_and_word(text: str) -> bool:
    icon, _, word = text.strip().partition(" ")
    return (bool(icon) and not any(c.isalnum() for c in icon) and icon not in ("…", "...", "-")
            and any(c.isalpha() for c in word))


def test_every_status_is_an_icon_and_a_word(open_page) -> None:
    page = open_page("herregistratie/")
    verdicts = page.locator("table.ifms-evidence .ifms-verdict").all_inner_texts()
    assert len(verdicts) == 4
    assert [v for v in verdicts if not _icon_and_word(v)] == []
    assert "nog niet voldaan" in " ".join(verdicts)  # the status that started with "…"
    page = open_page("pop/2024-2026/")
    statuses = page.locator("table.ifms-actions .ifms-status").all_inner_texts()
    assert statuses and [s for s in statuses if not _icon_and_word(s)] == []


# --- accessibility ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "width"), [("light", LAPTOP), ("dark", LAPTOP), ("light", PHONE)])
def test_axe_finds_nothing_serious_in_any_page(example_site: Path, chromium, site_url, scheme: str,
                                               width: int) -> None:
    """axe-core (bundled by axe-playwright-python) on the content of every page: no serious
    or critical violation (colour contrast of the teal links was one on nearly every page; on
    a phone, a table box that scrolls but that a keyboard cannot reach). The colours are the
    same at every width, so the phone is checked in one scheme."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for path in pages_of(example_site):
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        results = axe.run(page, context={"include": [[".md-content"]]})
        serious = [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
                   for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
    context.close()
    assert found == {}
