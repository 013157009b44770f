"""Which files of the portfolio folder are read: YAML records and Markdown pages.

One definition for the loader, the privacy scan and ``ifms new``, so all three see the same
files as the site does.
"""

from __future__ import annotations

from pathlib import Path

YAML_SUFFIXES = (".yml", ".yaml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def portfolio_files(root: Path) -> list[Path]:
    """The YAML and Markdown files of the portfolio, skipping hidden files and folders.

    MkDocs skips the same (``exclude_docs`` default ``.*``), so a ``.meta.yml`` of Material's
    meta plugin or a ``.obsidian`` folder are never taken for records.
    """
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in (*YAML_SUFFIXES, *MARKDOWN_SUFFIXES):
            found.append(path)
    return found
