"""``ifms export --json``: the whole portfolio as one JSON document.

The specialist's data is theirs to take anywhere (data portability): another tool, an archive,
a script. The document holds every record as validated (English keys, defaults filled in, so a
reader needs only docs/formaat.md), the text of every Markdown page, and a format marker so a
later reader knows what it is reading.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from ifms import FORMAT_VERSION, __version__
from ifms.records.model import PageRecord, Record
from ifms.records.portfolio import Portfolio
from ifms.source import frontmatter

FORMAT_NAME = "ifms-portfolio"


def record_entry(record: Record, root: Path) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": record.path, "kind": record.kind, "shared": record.shared}
    entry["data"] = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    entry["data"].pop("share", None)
    if isinstance(record, PageRecord):
        entry["body"] = _body(root / record.path)
    return entry


def _body(path: Path) -> str:
    return frontmatter.split(path.read_text(encoding="utf-8-sig")).body


def portfolio_document(portfolio: Portfolio, exported_on: date) -> dict[str, Any]:
    """Everything in the portfolio: records in date order; Markdown pages that are not records
    and YAML files without ``kind`` as their text."""
    root = portfolio.root
    record_pages = {record.path for record in portfolio.records()}
    def texts(paths: set[str]) -> list[dict[str, str]]:
        return [{"path": path, "text": (root / path).read_text(encoding="utf-8-sig")}
                for path in sorted(paths)]

    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "generator": f"ifms-portfolio {__version__}",
        "exported_on": exported_on.isoformat(),
        "profile": record_entry(portfolio.profile, root) if portfolio.profile else None,
        "feedback": [record_entry(record, root) for record in portfolio.feedback],
        "pops": [record_entry(record, root) for record in portfolio.pops],
        "conversations": [record_entry(record, root) for record in portfolio.conversations],
        "reflections": [record_entry(record, root) for record in portfolio.reflections],
        "questionnaires": [record_entry(record, root) for record in portfolio.questionnaires],
        "pages": texts(portfolio.markdown_pages - record_pages),
        "other_files": texts(set(portfolio.data_files) - record_pages),
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

