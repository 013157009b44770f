"""What the tests do to a portfolio and how they read the result, in one place.

Running: the real programs as a specialist runs them (``run``, ``ifms``, ``mkdocs_build``:
subprocesses, so ``on_startup`` fires and exit codes are a real process's), and ``invoke``:
the ``ifms`` command in this process through click's runner, for messages and refusals that
need no process of their own. Reading: a page of a built site, the rows of its tables, its
text as a reader sees it, a chart, every file of a folder (``snapshot``).

Fixtures live in ``conftest.py``; test modules import from here and never from each other.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
TODAY = "2026-11-23"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""Debian's Chromium, headless, with nothing that reaches for the network."""

# --- running ----------------------------------------------------------------------------------


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "IFMS_LANG"}
    return {**base, "IFMS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 120) -> Result:
    """Run a program as a subprocess in ``cwd`` on the test's fixed day."""
    done = subprocess.run(args, cwd=cwd, env=_environment(env), capture_output=True, text=True,
                          timeout=timeout, check=False)
    return Result(done.returncode, done.stdout, done.stderr)


def ifms(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """The real ``ifms`` console script."""
    return run([str(BIN / "ifms"), *args], cwd, env)


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    """The real ``mkdocs build`` into ``project/site``."""
    return run([sys.executable, "-m", "mkdocs", "build", "--site-dir", "site", *extra], project, env)


@contextmanager
def _working_directory(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(*args: str, cwd: Path, env: dict[str, str | None] | None = None) -> Result:
    """``ifms`` in this process, through click's runner: as :func:`ifms`, without a process.

    For messages and refusals only. The environment is the subprocess's (fixed day, no
    ``IFMS_LANG``), and ``LANGUAGE``, which the command sets for click's own words, is put back
    afterwards. Standard input is not a terminal, as under :func:`ifms`.
    """
    from click.testing import CliRunner

    from ifms.cli import main

    environ: dict[str, str | None] = {"IFMS_TODAY": TODAY, "IFMS_LANG": None, "LANGUAGE": None,
                                      **(env or {})}
    with _working_directory(cwd):
        # click 8.2 keeps stdout and stderr apart (result.stderr); 8.1 needed mix_stderr=False.
        result = CliRunner().invoke(main, list(args), env=environ, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


# --- projects ---------------------------------------------------------------------------------


def copy_project(source: Path, target: Path) -> Path:
    """``mkdocs.yml`` and ``portfolio/`` of ``source`` in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(source / "portfolio", target / "portfolio")
    return target


def edit(project: Path, path: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a file of the project's portfolio."""
    file = project / "portfolio" / path
    before = file.read_text(encoding="utf-8")
    assert old in before, old
    file.write_text(before.replace(old, new), encoding="utf-8")


def plugin_options(project: Path, options: str) -> None:
    """Give the ifms plugin in ``project/mkdocs.yml`` the options in ``options`` (YAML lines,
    indented under the plugin), where the file had it without any."""
    config = project / "mkdocs.yml"
    before = config.read_text(encoding="utf-8")
    assert "  - ifms\n" in before
    indented = "".join(f"      {line}\n" for line in options.strip("\n").splitlines())
    config.write_text(before.replace("  - ifms\n", f"  - ifms:\n{indented}"), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: to assert that a refused command changed nothing."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


# --- reading a built site ---------------------------------------------------------------------


class _Table(HTMLParser):
    """Cells of every table row, with the attributes of the row and of each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[dict, list[tuple[dict, str]]]] = []
        self._cell: list[str] | None = None
        self._cell_attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append((dict(attrs), []))
        elif tag in ("td", "th"):
            self._cell, self._cell_attrs = [], dict(attrs)
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1][1].append((self._cell_attrs, " ".join("".join(self._cell).split())))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rows(html: str, table_class: str) -> list[tuple[dict, list[tuple[dict, str]]]]:
    """(row attributes, [(cell attributes, cell text)]) of every table of that class."""
    parser = _Table()
    for table in re.findall(rf'<table class="{table_class}".*?</table>', html, re.DOTALL):
        parser.feed(table)
    return parser.rows


def page(site: Path, path: str) -> str:
    """The HTML of the page at ``path/`` of a built site."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """The words of some HTML as a reader sees them, on one line."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("¶", " ").split())


def statuses(site: Path) -> dict[str, str]:
    """Requirement -> status on the Herregistratie page."""
    html = page(site, "herregistratie")
    return dict(re.findall(r'<tr data-requirement="(\w+)" data-status="(\w+)">', html))


def chart(site: Path, name: str, scheme: str = "light") -> str:
    """The SVG of the one chart of that name and colour scheme in a built site."""
    found = list((site / "assets/ifms/charts").glob(f"{name}.{scheme}.*.svg"))
    assert len(found) == 1, found
    return found[0].read_text(encoding="utf-8")


def labels(svg: str) -> list[str]:
    """The texts of an SVG chart (its text stays text)."""
    return re.findall(r"<text[^>]*>([^<]+)</text>", svg)


def headless_chromium():
    """A real, headless Chromium (Debian's), through Playwright; skipped without it, except in CI."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs it)")
        pytest.skip("Chromium is not installed (Debian/Ubuntu: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()
