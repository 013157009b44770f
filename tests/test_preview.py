"""The live preview of the README (``scripts/serve``) shows what a clean build shows, after any
edit, and shows a data error in the browser instead of hanging.

The preview is started as scripts/serve starts it (``python -m mkdocs_ifms.serve``, with ``-v``
so the test can see MkDocs' "Reloading browsers"), on a copy of the example. After each edit
every page of a clean ``mkdocs build`` of the same files, in another folder, is fetched from the
server and compared byte for byte (only the live-reload script and the canonical address, which
a served site has, are left out), and so is the search index; a real Chromium shows the menu.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import REPO, TODAY, mkdocs_build

LIVERELOAD = re.compile(r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>", re.DOTALL)
CANONICAL = re.compile(r'\s*<link rel="canonical" href="[^"]*">')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Preview:
    """``scripts/serve``'s preview running in a project."""

    def __init__(self, project: Path, *args: str) -> None:
        self.project, self.log_file = project, project / "preview.log"
        env = {**os.environ, "IFMS_TODAY": TODAY}
        for quieted in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING"):  # the preview quiets them itself
            env.pop(quieted, None)
        for _attempt in range(3):  # another test process may take the free port first
            self.port = _free_port()
            with self.log_file.open("w") as out:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "mkdocs_ifms.serve", "-a", f"127.0.0.1:{self.port}", *args],
                    cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
            self.url = f"http://127.0.0.1:{self.port}/"
            if self._answers():
                return
            if "Address already in use" not in self.log():
                break
        pytest.fail(f"the preview did not start:\n{self.log()}")

    def _answers(self) -> bool:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=5).read()
                return True
            except OSError:
                if self.process.poll() is not None:
                    return False
                time.sleep(0.3)
        return False

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def after(self, change: Callable[[], None], seconds: float = 60) -> None:
        """Make ``change`` and wait until the preview has rebuilt for it."""
        reloads = self.log().count("Reloading browsers")
        change()
        deadline = time.monotonic() + seconds
        while self.log().count("Reloading browsers") == reloads:
            assert time.monotonic() < deadline, self.log()[-4000:]
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@contextmanager
def preview(project: Path, *args: str) -> Iterator[Preview]:
    running = Preview(project, *args)
    try:
        yield running
    finally:
        running.stop()


def clean_build(project: Path, into: Path) -> Path:
    """A clean ``mkdocs build`` of the project's files as they are now, in a folder of its own."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    shutil.copy(project / "mkdocs.yml", into / "mkdocs.yml")
    shutil.copytree(project / "portfolio", into / "portfolio")
    result = mkdocs_build(into)
    assert result.returncode == 0, result.output
    return into / "site"


def served(html: str) -> str:
    """A page without what only a served site has (and the blank lines around it)."""
    text = CANONICAL.sub("", LIVERELOAD.sub("", html))
    return "\n".join(line for line in text.splitlines() if line.strip())


def pages_of(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def assert_equal_to_clean_build(running: Preview, reference: Path, step: str) -> None:
    site = clean_build(running.project, reference)
    different = []
    for path in pages_of(site):
        url = "" if path == "index.html" else path.removesuffix("index.html")
        status, body = running.fetch(url)
        if status != 200 or served(body) != served((site / path).read_text(encoding="utf-8")):
            different.append(path)
            if os.environ.get("IFMS_PREVIEW_DUMP"):
                dump = Path(os.environ["IFMS_PREVIEW_DUMP"]) / step / path
                dump.parent.mkdir(parents=True, exist_ok=True)
                dump.write_text(served(body), encoding="utf-8")
                dump.with_suffix(".clean").write_text(served((site / path).read_text(encoding="utf-8")))
    assert not different, f"after {step}: {len(different)} page(s) differ from a clean build: {different}"
    _status, index = running.fetch("search/search_index.json")
    clean_index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    key = lambda doc: (doc["location"], doc["title"], doc["text"])  # noqa: E731
    assert sorted(json.loads(index)["docs"], key=key) == sorted(clean_index["docs"], key=key), step
    assert "None" not in served(running.fetch("overzicht/")[1]).split("md-nav")[1], step


def _write(path: Path, text: str) -> Callable[[], None]:
    return lambda: path.write_text(text, encoding="utf-8")


@pytest.mark.browser
def test_the_preview_equals_a_clean_build_after_every_edit(example: Path, tmp_path: Path, browser) -> None:
    folder = example / "portfolio"
    reflection = folder / "reflecties/2021-11-15-moeilijk-familiegesprek.md"
    new_reflection = folder / "reflecties/2026-10-01-nieuwe-reflectie.md"
    round_2024 = folder / "feedback/2024-360.yml"
    ifms_talk = folder / "gesprekken/2024-05-20-evaluatiegesprek.md"
    talk_text = ifms_talk.read_text(encoding="utf-8")
    reference = tmp_path / "clean"
    with preview(example, "-v") as running:
        page = browser.new_page()
        page.goto(running.url + "reflecties/2021-11-15-moeilijk-familiegesprek/")
        assert_equal_to_clean_build(running, reference, "the first build")

        running.after(_write(reflection, reflection.read_text(encoding="utf-8").replace(
            "title: Een moeilijk familiegesprek", "title: Een lastig familiegesprek")))
        page.locator("h1", has_text="Een lastig familiegesprek").wait_for(timeout=30_000)
        menu = page.inner_text("nav.md-nav--primary")
        assert "None" not in menu and "Reflecties" in menu
        assert_equal_to_clean_build(running, reference, "a changed title")

        running.after(_write(new_reflection, "---\nkind: reflection\ntitle: Een nieuwe reflectie\n"
                             "date: 2026-10-01\ncompetencies: [professional]\n---\n\nWat ik leerde.\n"))
        assert_equal_to_clean_build(running, reference, "a new reflection")

        running.after(new_reflection.unlink)
        assert running.fetch("reflecties/2026-10-01-nieuwe-reflectie/")[0] == 404
        assert_equal_to_clean_build(running, reference, "a deleted reflection")

        text = round_2024.read_text(encoding="utf-8")
        changed = text.replace("scores: {medical_expert: 4.6,", "scores: {medical_expert: 2.1,", 1)
        assert changed != text
        running.after(_write(round_2024, changed))
        assert_equal_to_clean_build(running, reference, "a changed score")

        # Without its IFMS conversation the requirement is not met; a new one meets it again.
        home_before = running.fetch("")[1]
        running.after(ifms_talk.unlink)
        assert running.fetch("")[1] != home_before
        assert_equal_to_clean_build(running, reference, "a deleted conversation")
        running.after(_write(folder / "gesprekken/2026-11-01-evaluatiegesprek.md",
                             talk_text.replace("date: 2024-05-20", "date: 2026-11-01")
                             .replace("IFMS-evaluatiegesprek 2024", "IFMS-evaluatiegesprek 2026")))
        assert_equal_to_clean_build(running, reference, "a conversation that changes a verdict")

        config = example / "mkdocs.yml"
        running.after(_write(config, config.read_text(encoding="utf-8").replace(
            "site_name: Mijn IFMS-portfolio", "site_name: Portfolio van dr. Jansen")))
        page.locator("header", has_text="Portfolio van dr. Jansen").wait_for(timeout=30_000)  # reloaded by itself
        assert_equal_to_clean_build(running, reference, "an edited mkdocs.yml")
        page.close()


@pytest.mark.browser
def test_a_data_error_shows_in_every_page_and_the_page_recovers(example: Path, browser) -> None:
    round_2024 = example / "portfolio/feedback/2024-360.yml"
    good = round_2024.read_text(encoding="utf-8")
    (example / "site_templates").mkdir()
    with preview(example) as running:  # quiet, as scripts/serve runs it
        page = browser.new_page()
        page.goto(running.url + "feedback/2024-360/")
        page.locator("h1", has_text="360°-feedback 2024").wait_for()

        # A BSN typed into a reflection: the warning is on its page after the save, and in the terminal.
        reflection = example / "portfolio/reflecties/2021-11-15-moeilijk-familiegesprek.md"
        clean_text = reflection.read_text(encoding="utf-8")
        page.goto(running.url + "reflecties/2021-11-15-moeilijk-familiegesprek/")
        reflection.write_text(clean_text + "\nBelde met BSN 1234.56.782 over de uitslag.\n", encoding="utf-8")
        page.locator(".ifms-privacy", has_text="1234***82").wait_for(timeout=30_000)
        assert "1234***82" in running.log() and "1234.56.782" not in running.log()
        reflection.write_text(clean_text, encoding="utf-8")
        page.goto(running.url + "feedback/2024-360/")

        # A YAML typo (an unclosed bracket) on line 12.
        round_2024.write_text(good.replace("scores: {medical_expert: 4.6,", "scores: {medical_expert: 4.6,,["),
                              encoding="utf-8")
        alert = page.locator(".ifms-preview-error")
        alert.wait_for(timeout=30_000)  # the page reloads by itself, with the message
        shown = alert.inner_text()
        assert page.inner_text("h1") == "Het portfolio is niet in orde"
        assert "portfolio/feedback/2024-360.yml:12" in shown, shown
        assert "ifms check" in shown
        assert "<" not in page.title()
        page.screenshot(path=os.environ.get("IFMS_PREVIEW_SHOT", str(example / "error.png")), full_page=True)
        # Every address says it, a page of the plugin's and one that is not there too.
        for path in ("", "overzicht/", "reflecties/2021-11-15-moeilijk-familiegesprek/", "bestaat-niet/"):
            body = running.fetch(path)[1]
            assert "portfolio/feedback/2024-360.yml:12" in body, path
        # The terminal says the same, in Dutch, and nothing in English.
        log = running.log()
        assert "portfolio/feedback/2024-360.yml:12" in log
        assert "Uw portfolio staat op http://127.0.0.1:" in log and "Ctrl+C" in log
        for english in ("INFO", "WARNING", "Traceback", "dirty", "Serving on", "end of life", "Zensical",
                        "ProperDocs", "stuck"):
            assert english not in log, (english, log)

        # An invalid field: the message names the field, and how to fix it.
        round_2024.write_text(good.replace("respondents: 8", "respondents: acht"), encoding="utf-8")
        page.locator(".ifms-preview-error", has_text="groups.colleagues.respondents").wait_for(timeout=30_000)

        # A page that the site will only have once the error is fixed says so too, and comes.
        new_round = example / "portfolio/feedback/2025-360.yml"
        new_round.write_text((example / "portfolio/feedback/2019-360.yml").read_text(encoding="utf-8")
                             .replace("title: 360°-feedback 2019", "title: 360°-feedback 2025")
                             .replace("date: 2019-", "date: 2025-"), encoding="utf-8")
        later = browser.new_page()
        later.goto(running.url + "feedback/2025-360/")
        later.locator(".ifms-preview-error", has_text="groups.colleagues.respondents").wait_for()
        assert later.locator("h1").count() == 1  # the error alone, no "not found" beside it

        round_2024.write_text(good, encoding="utf-8")
        page.locator("h1", has_text="360°-feedback 2024").wait_for(timeout=30_000)  # back by itself
        assert page.locator(".ifms-preview-error").count() == 0
        later.locator("h1", has_text="360°-feedback 2025").wait_for(timeout=30_000)
        later.close()
        new_round.unlink()

        # An error in a template of the specialist's own, found while the pages are read.
        template = example / "site_templates/record_header.md.j2"
        template.write_text("{{ record.title.nope() }}\n", encoding="utf-8")
        page.goto(running.url + "reflecties/2021-11-15-moeilijk-familiegesprek/")
        page.locator(".ifms-preview-error", has_text="record_header.md.j2").wait_for(timeout=30_000)
        assert running.fetch("overzicht/")[1].count("record_header.md.j2") >= 1
        template.unlink()
        page.locator("h1", has_text="Een moeilijk familiegesprek").wait_for(timeout=30_000)
        assert "Het portfolio is weer in orde" in running.log()
        page.close()

    result = mkdocs_build(example)  # a build still fails on bad data
    assert result.returncode == 0
    round_2024.write_text(good.replace("respondents: 8", "respondents: acht"), encoding="utf-8")
    assert mkdocs_build(example).returncode == 1


def test_scripts_serve_is_this_preview() -> None:
    """The README's ``scripts/serve`` runs the preview these tests start."""
    assert (REPO / "scripts/serve").read_text(encoding="utf-8").rstrip().endswith(
        'exec .venv/bin/python -m mkdocs_ifms.serve "$@"')
