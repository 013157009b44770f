"""``mkdocs serve`` as a specialist uses it: private, and the page reloads when a file changes.

The live-reload test drives a real Chromium: MkDocs 1.6.1's live reload breaks with click newer
than 8.2.1, and only a browser shows whether the page really reloads.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import REPO, TODAY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(project: Path, args: tuple[str, ...], log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``mkdocs serve`` on a free port and wait until it answers.

    The port is free when asked for, but another test process (pytest-xdist) may take it before
    MkDocs binds it: then MkDocs stops at once, and it is started again on another port."""
    env = {**os.environ, "IFMS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    for _attempt in range(3):
        port = _free_port()
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
                cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                return process, url
            except OSError:
                if process.poll() is not None:
                    break
                if time.monotonic() > deadline:
                    process.terminate()
                    process.wait(timeout=20)
                    pytest.fail(f"mkdocs serve did not start:\n{log.read_text()}")
                time.sleep(0.3)
        if "Address already in use" not in log.read_text():
            break
    pytest.fail(f"mkdocs serve did not start:\n{log.read_text()}")


@contextmanager
def serving(project: Path, *args: str):
    """Run ``mkdocs serve`` in the project; yield (base URL, a function returning its log)."""
    log = project / "serve.log"
    process, url = _start(project, args, log)
    try:
        yield url, log.read_text
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_refuses_a_public_address(example: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "serve", "-a", "0.0.0.0:8765"], cwd=example,
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "IFMS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert ("Het portfolio is privé: 'mkdocs serve' draait alleen op deze computer (127.0.0.1), niet op 0.0.0.0"
            in result.stderr)
    assert "Traceback" not in result.stderr


def test_example_config_serves_on_loopback_only() -> None:
    assert "dev_addr: 127.0.0.1:8000" in (REPO / "mkdocs.yml").read_text()


@pytest.mark.browser
def test_editing_files_reloads_the_page(example: Path, browser) -> None:
    reflection = example / "portfolio/reflecties/2025-03-18-overdracht-verpleging.md"
    feedback = example / "portfolio/feedback/2024-360.yml"
    with serving(example, "--dirty") as (url, log):  # as scripts/serve runs it
        page = browser.new_page()
        page.goto(url + "reflecties/2025-03-18-overdracht-verpleging/")
        assert "Na de observatie van twee gesprekken" in page.inner_text("h1")

        reflection.write_text(reflection.read_text() + "\nNieuwe zin, net toegevoegd.\n")
        page.get_by_text("Nieuwe zin, net toegevoegd.").wait_for(timeout=30_000)

        # A YAML record changes a generated page, and the header of the page linking to it.
        page.goto(url + "feedback/2024-360/")
        feedback.write_text(feedback.read_text().replace("title: 360°-feedback 2024",
                                                         "title: 360°-feedback voorjaar 2024"))
        page.locator("h1", has_text="360°-feedback voorjaar 2024").wait_for(timeout=30_000)

        # A mistake while serving: the message is in the log, the server keeps running,
        # and the page comes back once the mistake is fixed.
        good = feedback.read_text()
        feedback.write_text(good.replace("respondents: 8", "respondents: acht"))
        deadline = time.monotonic() + 30
        while "groups.colleagues.respondents" not in log():
            assert time.monotonic() < deadline, log()
            time.sleep(0.3)
        assert "Traceback" not in log()
        feedback.write_text(good.replace("voorjaar 2024", "najaar 2024"))
        page.locator("h1", has_text="360°-feedback najaar 2024").wait_for(timeout=30_000)
        page.close()


def _fetch(url: str) -> str:
    return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")


def _wait_for(condition, log, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, log()
        time.sleep(0.3)


def test_dirty_serve_keeps_overview_right_and_search_whole(example: Path) -> None:
    import json

    reflection = example / "portfolio/reflecties/2021-11-15-moeilijk-familiegesprek.md"
    with serving(example, "--dirty") as (url, log):
        before = json.loads(_fetch(url + "search/search_index.json"))["docs"]
        pages_before = {doc["location"].split("#")[0] for doc in before}
        assert "feedback/2024-360/" in pages_before and len(pages_before) > 20

        # Rebuilds are counted by "Reloading browsers", not "Documentation built": MkDocs'
        # DuplicateFilter drops a repeat of the same text (two rebuilds that both take 0.27 s).
        rebuilds = log().count("Reloading browsers")
        reflection.write_text(reflection.read_text().replace(
            "title: Een moeilijk familiegesprek", "title: Een lastig familiegesprek")
            + "\nZeldzaamwoord verschijnt in de zoekindex.\n")
        _wait_for(lambda: log().count("Reloading browsers") > rebuilds, log)
        _wait_for(lambda: "Een lastig familiegesprek" in _fetch(url + "overzicht/"), log)

        after = json.loads(_fetch(url + "search/search_index.json"))["docs"]
        assert {doc["location"].split("#")[0] for doc in after} == pages_before
        assert any("Zeldzaamwoord" in doc["text"] for doc in after)
        assert not any(doc["title"] == "Een moeilijk familiegesprek" for doc in after)

        rebuilds = log().count("Reloading browsers")
        reflection.unlink()
        _wait_for(lambda: log().count("Reloading browsers") > rebuilds, log)
        _wait_for(lambda: "lastig familiegesprek" not in _fetch(url + "overzicht/"), log)
        gone = json.loads(_fetch(url + "search/search_index.json"))["docs"]
        gone_pages = {d["location"].split("#")[0] for d in gone}
        assert "reflecties/2021-11-15-moeilijk-familiegesprek/" not in gone_pages, log()
        assert len({d["location"].split("#")[0] for d in gone}) == len(pages_before) - 1


def test_serve_warns_about_patient_details_while_writing(minimal: Path) -> None:
    """The privacy scan also runs on every rebuild, so a BSN is seen when it is typed, not
    only at the commit."""
    reflection = minimal / "portfolio/reflecties/reflectie.md"
    with serving(minimal, "--dirty") as (_url, log):
        assert "Privacy" not in log()
        rebuilds = log().count("Reloading browsers")
        reflection.write_text(reflection.read_text() + "\nBelde met BSN 1234.56.782 over de uitslag.\n")
        _wait_for(lambda: log().count("Reloading browsers") > rebuilds, log)
        line = reflection.read_text().splitlines().index("Belde met BSN 1234.56.782 over de uitslag.") + 1
        assert (f"portfolio/reflecties/reflectie.md:{line}: fout: mogelijk een burgerservicenummer "
                "(BSN) '1234***82'") in log()
        assert "1234.56.782" not in log(), "the number itself never reaches the log"


def test_a_taken_address_is_told_in_dutch(minimal: Path) -> None:
    """A second scripts/serve, or another program on the port: a sentence, not a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "mkdocs_ifms.serve", "-a", f"127.0.0.1:{port}"], cwd=minimal,
                                capture_output=True, text=True, timeout=120, env={**os.environ, "IFMS_LANG": "nl"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"De site kan niet op 127.0.0.1:{port} starten" in result.stderr
