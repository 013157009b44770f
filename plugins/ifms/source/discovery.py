"""Which files of the portfolio folder are read: YAML records and Markdown pages.

One definition for the loader, the privacy scan and ``ifms new``, so all three see the same
files as the site does.

A folder that is a symbolic link is followed like any folder, because MkDocs follows it too
(``os.walk(docs_dir, followlinks=True)``): skipping it here would publish its raw YAML in the
site, unvalidated and unscanned. A link that leads back into a folder being read (a loop) is
not followed but told. Entries that cannot be read as a file (a dangling link, a named pipe, a
device, a file without read permission) are never opened, so nothing hangs waiting on a pipe:
they are returned apart, for the loader to tell. That holds for every name, not only a
record's: MkDocs copies any other file into the site, and would crash on a dangling
``foto.png`` or wait forever on a pipe named ``notities.txt``.
"""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path

YAML_SUFFIXES = (".yml", ".yaml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Unreadable:
    """An entry of the portfolio that is not read, and why: ``dangling_link``, ``not_a_file``
    (a pipe, socket or device), ``no_access``, ``folder_no_access`` or ``link_loop``
    (``target`` is the folder it leads back to)."""

    path: Path
    reason: str
    target: Path | None = None


@dataclass
class Found:
    """What a walk through the portfolio found: files to read, and entries that cannot be."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)
    """Readable files that are not records or pages (pictures, PDFs): MkDocs publishes them
    as they are, and git keeps their names, so the privacy scan reads their names."""


def page_of(relative: str) -> str:
    """Where a portfolio file's page is in the site: a Markdown file is its own page, a YAML
    record gets one beside it (``r.yml`` -> ``r.md``)."""
    stem, suffix = posixpath.splitext(relative)
    return relative if suffix.lower() in MARKDOWN_SUFFIXES else f"{stem}.md"


def is_portfolio_name(name: str) -> bool:
    return name.lower().endswith((*YAML_SUFFIXES, *MARKDOWN_SUFFIXES))


def find(root: Path) -> Found:
    """The YAML and Markdown files of the portfolio, skipping hidden files and folders.

    MkDocs skips the same (``exclude_docs`` default ``.*``), so a ``.meta.yml`` of Material's
    meta plugin or a ``.obsidian`` folder are never taken for records.
    """
    root = Path(root)
    found = Found()
    try:
        real_root = root.resolve()
    except OSError:
        return found
    _walk(root, real_root, (real_root,), found)
    found.files.sort(key=lambda path: path.relative_to(root).parts)
    found.unreadable.sort(key=lambda item: item.path.relative_to(root).parts)
    found.others.sort(key=lambda path: path.relative_to(root).parts)
    return found


def portfolio_files(root: Path) -> list[Path]:
    """The files of :func:`find` that can be read."""
    return find(root).files


def _walk(folder: Path, real_root: Path, open_folders: tuple[Path, ...], found: Found) -> None:
    """Read ``folder``; ``open_folders`` are the real paths of it and the folders around it."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        found.unreadable.append(Unreadable(folder, "folder_no_access"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            is_folder = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_folder = False
        if is_folder:
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python < 3.13)
                found.unreadable.append(Unreadable(path, "link_loop"))
                continue
            back = next((open_ for open_ in open_folders if open_ == real or open_.is_relative_to(real)), None)
            if back is not None:
                found.unreadable.append(Unreadable(path, "link_loop", back))
                continue
            _walk(path, real_root, (*open_folders, real), found)
        else:
            reason = _unreadable_reason(path, entry)
            if reason is not None:
                found.unreadable.append(Unreadable(path, reason))
            elif is_portfolio_name(entry.name):
                found.files.append(path)
            else:
                found.others.append(path)


def _unreadable_reason(path: Path, entry: os.DirEntry) -> str | None:
    try:
        mode = entry.stat(follow_symlinks=True).st_mode
    except OSError:
        return "dangling_link" if entry.is_symlink() else "no_access"
    if not stat.S_ISREG(mode):
        return "not_a_file"
    if not os.access(path, os.R_OK):
        return "no_access"
    return None
