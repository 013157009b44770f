"""Shared helpers: copy a portfolio to a temporary folder, run the real commands on it.

Everything runs as a subprocess, as a specialist would run it: the real ``mkdocs build``
(which fires ``on_startup``), the real ``ifms`` console script.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
TODAY = "2026-11-23"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 120) -> Result:
    base = {k: v for k, v in os.environ.items() if k != "IFMS_LANG"}
    environ = {**base, "IFMS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
               "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}
    done = subprocess.run(args, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout,
                          check=False)
    return Result(done.returncode, done.stdout, done.stderr)


def ifms(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    return run([str(BIN / "ifms"), *args], cwd, env)


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    return run([sys.executable, "-m", "mkdocs", "build", "--site-dir", "site", *extra], project, env)


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(source / "portfolio", target / "portfolio")
    return target


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


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portfolio built once with the real MkDocs; returns the site folder."""
    project = copy_project(REPO, tmp_path_factory.mktemp("example-build"))
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.output
    return project / "site"
