"""Fixtures: the portfolios the tests start from, fresh or built once.

A built site is shared (session scope) only by tests that read it and change nothing; under
pytest-xdist every worker process builds its own once. What the tests do with a portfolio and
how they read a site is in ``helpers.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, copy_project, headless_chromium, mkdocs_build, plugin_options


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of the small, valid fixture portfolio."""
    return copy_project(FIXTURES / "minimal", tmp_path / "minimal")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh copy of the example portfolio that ships with the project."""
    project = copy_project(REPO, tmp_path / "example")
    shutil.copytree(REPO / "schemas", project / "schemas")
    return project


def _built(project: Path) -> Path:
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.output
    return project / "site"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portfolio built once with the real MkDocs; returns the site folder.

    Read it, never change it: other tests read the same folder."""
    return _built(copy_project(REPO, tmp_path_factory.mktemp("example-build")))


@pytest.fixture
def built_example(tmp_path: Path, example_site: Path) -> Path:
    """A fresh copy of the built example project: its site and its warm ``.cache``, as a
    specialist's folder is after a build."""
    return Path(shutil.copytree(example_site.parent, tmp_path / "example", symlinks=True))


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture portfolio as it is, built once (strict); returns the site folder."""
    return _built(copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("minimal-build")))


@pytest.fixture(scope="session")
def minimal_own_pages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal portfolio with pages of the specialist's own where the plugin would make
    them, built once: an index page of the reflections folder and an overview template in
    ``site_templates/`` (which says how many reflections there are)."""
    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("minimal-own-build"))
    (project / "portfolio/reflecties/index.md").write_text("# Mijn eigen lijst\n", encoding="utf-8")
    (project / "site_templates").mkdir()
    (project / "site_templates/overview.md.j2").write_text(
        "# Mijn overzicht\n\n{{ portfolio.reflections|length }} reflecties\n", encoding="utf-8")
    return _built(project)


@pytest.fixture(scope="session")
def minimal_english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal portfolio built once in English with an anonymity threshold of 1."""
    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("minimal-en-build"))
    plugin_options(project, "lang: en\nanonymity_threshold: 1")
    return _built(project)


@pytest.fixture
def browser():
    """A real, headless Chromium for one test."""
    yield from headless_chromium()
