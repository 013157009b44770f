"""The privacy scan as git's pre-commit hook, installed without the pre-commit tool.

A specialist who never heard of git hooks still gets the check before every commit:
``scripts/serve`` installs the hook once. A hook that is already there (their own, or one of
the pre-commit tool) is never replaced; they are told how to add the check to it.
"""

from __future__ import annotations

import subprocess
from enum import Enum
from importlib import resources
from pathlib import Path

from ifms import atomic
from ifms.privacy.scan import NotARepository, git

MARK = "privacy --staged"
"""What our hook runs; a hook file containing it already does the check."""


class Outcome(Enum):
    INSTALLED = "installed"
    PRESENT = "present"
    FOREIGN = "foreign"


def hook_path(cwd: Path | None = None) -> Path:
    """Where git looks for the pre-commit hook (``core.hooksPath`` and worktrees included);
    :class:`~.privacy.NotARepository` outside a repository or without git."""
    try:
        found = git(["rev-parse", "--git-path", "hooks/pre-commit"], cwd).decode().strip()
    except (OSError, subprocess.CalledProcessError):
        raise NotARepository() from None
    return Path(cwd or ".").resolve() / found  # relative to cwd, or absolute


def install(cwd: Path | None = None) -> tuple[Outcome, Path]:
    """Write the hook unless a pre-commit hook exists; say which of the two it was."""
    path = hook_path(cwd)
    if path.exists():
        text = path.read_bytes().decode("utf-8", errors="replace")
        return (Outcome.PRESENT if MARK in text else Outcome.FOREIGN), path
    script = resources.files("ifms").joinpath("assets").joinpath("pre-commit-hook").read_text(encoding="utf-8")
    try:
        atomic.write_text(path, script, mode=0o755)
    except FileExistsError:  # made meanwhile by something else: leave it
        return install(cwd)
    return Outcome.INSTALLED, path
