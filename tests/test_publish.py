"""The private site is never published by accident: ``mkdocs gh-deploy`` is refused unless the
specialist allows it in so many words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import plugin_options, run

GIT = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}


def _repository_with_remote(project: Path) -> Path:
    """``project`` as a git repository whose ``origin`` is a bare repository beside it."""
    origin = project.parent / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    for args in (["init", "-q"], ["remote", "add", "origin", str(origin)], ["add", "."],
                 ["commit", "-q", "-m", "portfolio"]):
        subprocess.run(["git", *args], cwd=project, check=True, env={**GIT, "PATH": "/usr/bin:/bin"})
    return origin


def _branches(origin: Path) -> str:
    return subprocess.run(["git", "branch", "--list"], cwd=origin, capture_output=True, text=True,
                          check=True).stdout


def test_gh_deploy_is_refused_and_nothing_is_pushed(minimal: Path) -> None:
    origin = _repository_with_remote(minimal)
    result = run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], minimal, env=GIT)
    assert result.returncode == 1
    assert "mkdocs gh-deploy zet uw hele portfolio op internet" in result.output
    assert "Traceback" not in result.output
    assert "gh-pages" not in _branches(origin)


def test_gh_deploy_only_when_allowed_in_so_many_words(minimal: Path) -> None:
    plugin_options(minimal, "allow_gh_deploy: true")
    origin = _repository_with_remote(minimal)
    result = run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], minimal, env=GIT)
    assert result.returncode == 0, result.output
    assert "gh-pages" in _branches(origin)
