"""Everything a specialist (or an anonymous respondent) writes is text, wherever it lands.

Payloads go into the titles, subtitles, descriptions and free text of records; the site is
built with the real MkDocs and Material and opened in a real Chromium, which must open no
dialog on any page, and show each payload as the text that was written.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from helpers import edit, mkdocs_build

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
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.output
    return project / "site"


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_payloads_were_read_as_records(hostile_site: Path) -> None:
    assert SCRIPT.replace("<", "&lt;").replace(">", "&gt;") in (hostile_site / "feedback/ronde/index.html").read_text()


@pytest.mark.browser
def test_no_page_runs_what_a_record_says(hostile_site: Path, served: str, browser) -> None:
    pages = sorted(path.parent.relative_to(hostile_site).as_posix()
                   for path in hostile_site.rglob("index.html"))
    assert len(pages) > 8
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for path in pages:
        page.goto(served + ("" if path == "." else f"{path}/"))
        page.mouse.move(10, 10)
        page.mouse.move(300, 300)  # an onmouseover would fire
        addresses = page.eval_on_selector_all("[href], [src]", "els => els.map(e => e.href || e.src || '')")
        assert not [a for a in addresses if a.lower().startswith(("javascript:", "data:text", "vbscript:"))], path
    assert dialogs == []
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
