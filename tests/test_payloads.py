"""Everything a specialist (or an anonymous respondent) writes is text, wherever it lands.

Payloads go into the titles, subtitles, descriptions and free text of records; the site is
built with the real MkDocs and Material and opened in a real Chromium, which must open no
dialog on any page, and show each payload as the text that was written.
"""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from helpers import edit, ifms, mkdocs_build, run
from ifms.pages.links import is_safe, without_unsafe_links

SCRIPT = "</title><script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'
QUOTE = '" onmouseover="alert(3)'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import FIXTURES, copy_project

    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("payloads"))
    edit(project, "feedback/ronde.yml", "title: Feedback 2024", f"title: '{SCRIPT}'")
    edit(project, "pop/plan.yml", "title: POP 2024", f"title: '{IMAGE}'")
    edit(project, "feedback/ronde.yml", "self:", (
        "comments:\n"
        "  - {group: colleagues, text: '[klik](javascript:alert(4)) en [data](data:text/html;base64,PHA+) "
        "en [goed](https://example.org/)'}\n"
        f"  - {{group: colleagues, text: '{IMAGE.replace(chr(39), chr(39) * 2)}'}}\n"
        "self:"))
    edit(project, "gesprekken/gesprek.md", "leader: dr. G. Leider", "leader: '[Leider](javascript:alert(5))'")
    reflection = project / "portfolio/reflecties/reflectie.md"
    text = reflection.read_text(encoding="utf-8")
    reflection.write_text(text.replace("kind: reflection\n", (
        "kind: reflection\n"
        f"title: '{SCRIPT}'\n"
        f"subtitle: '{IMAGE}'\n"
        f"description: '{QUOTE}'\n"), 1), encoding="utf-8")
    # Without a heading of its own, the page (and the print page, for it is shared) gets the
    # front-matter title as its heading.
    (project / "portfolio/reflecties/zonder-kop.md").write_text(
        f"---\nkind: reflection\ndate: 2024-02-11\nshare: true\ntitle: '{SCRIPT}'\n---\n\nTekst.\n",
        encoding="utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.output
    return project / "site"


@contextmanager
def _serving(site: Path) -> Iterator[str]:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    with _serving(hostile_site) as url:
        yield url


def _dialogs(browser, site: Path, url: str) -> list[str]:
    """Every dialog a page of ``site`` opens, and every address that would run something."""
    found: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (found.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for path in sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")):
        page.goto(url + ("" if path == "." else f"{path}/"))
        page.mouse.move(10, 10)
        page.mouse.move(300, 300)  # an onmouseover would fire
        addresses = page.eval_on_selector_all("[href], [src]", "els => els.map(e => e.href || e.src || '')")
        found += [f"{path}: {a}" for a in addresses if a.lower().startswith(("javascript:", "data:text", "vbscript:"))]
    return found


def test_the_payloads_were_read_as_records(hostile_site: Path) -> None:
    escaped = SCRIPT.replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in (hostile_site / "feedback/ronde/index.html").read_text()
    for page in ("reflecties/zonder-kop/index.html", "afdrukken/index.html"):
        assert f">{escaped}</h1>" in (hostile_site / page).read_text(), page


@pytest.mark.browser
def test_no_page_runs_what_a_record_says(hostile_site: Path, served: str, browser) -> None:
    assert len(list(hostile_site.rglob("index.html"))) > 8
    assert _dialogs(browser, hostile_site, served) == []
    page = browser.new_page()
    page.goto(served + "feedback/ronde/")
    assert page.title().startswith(SCRIPT), "the browser's title shows the text as written"
    page.goto(served + "reflecties/reflectie/")
    assert page.title().startswith(SCRIPT)
    menu = page.locator("nav.md-nav--primary").inner_text()
    assert SCRIPT in menu and IMAGE in menu, "the menu shows the titles and subtitles as text"
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description == QUOTE
    page.goto(served + "feedback/ronde/")
    comments = page.locator("article").inner_text()
    assert "klik en data en goed" in comments and IMAGE in comments, "the words stay, as text"
    assert page.locator('article a[href="https://example.org/"]').count() == 1, "a link to the web stays"


@pytest.mark.browser
def test_the_exported_plain_site_runs_nothing_either(hostile_site: Path, browser) -> None:
    """``ifms export-site`` is built without the plugin: the copy itself must be safe."""
    project = hostile_site.parent
    target = project.parent / "plain-hostile"
    assert ifms("export-site", str(target), cwd=project).returncode == 0
    built = run([sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"], target)
    assert built.returncode == 0, built.output
    with _serving(target / "site") as url:
        assert _dialogs(browser, target / "site", url) == []


@pytest.mark.parametrize(("address", "kept"), [
    ("https://www.knmg.nl", True), ("mailto:a@example.org", True), ("tel:+31201234567", True),
    ("../feedback/ronde/", True), ("#doel-2", True), ("javascript:alert(1)", False),
    ("JaVa\tScRiPt:alert(1)", False), ("&#106;avascript:alert(1)", False), ("data:text/html,x", False),
    ("vbscript:msgbox(1)", False), ("file:///etc/passwd", False), ("zotero://select/items/1", False),
])
def test_which_addresses_a_link_may_keep(address: str, kept: bool) -> None:
    """The rule docs/formaat.md states: web, mail, telephone and the portfolio's own pages."""
    assert is_safe(address) is kept
    html = f'<p><a href="{address}">de tekst</a></p>'
    assert without_unsafe_links(html) == (html if kept else "<p><a>de tekst</a></p>")
