"""JSON Schema files for the YAML record kinds, for editors that check while one types.

VS Code (with the YAML extension) and other editors read the ``# yaml-language-server:
$schema=...`` line at the top of a record and then complete keys, list allowed values and
underline mistakes before the site is ever built.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ifms import FORMAT_VERSION, atomic
from ifms.i18n.locale import Locale
from ifms.records.model import YAML_KINDS

GENERATOR = "ifms schema"
FILE_NAMES = {kind: f"{kind}.schema.json" for kind in YAML_KINDS}


def schema_for(kind: str, locale: Locale) -> dict[str, Any]:
    model = YAML_KINDS[kind]
    body = model.model_json_schema(by_alias=True, mode="validation")
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": locale.t("schema.comment"),
        "x-generator": GENERATOR,
        "x-format-version": FORMAT_VERSION,
        "title": f"IFMS {kind}",
        "description": locale.t(f"schema.kind.{kind}"),
    }
    body.pop("title", None)
    return {**head, **body}


def render(kind: str, locale: Locale) -> str:
    return json.dumps(schema_for(kind, locale), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path, locale: Locale) -> list[tuple[Path, str]]:
    """Write every schema; return (path, outcome) with outcome written/unchanged/refused.

    A file that exists and was not made by this command is left alone: it might be the
    specialist's own.
    """
    results = []
    for kind, name in FILE_NAMES.items():
        path = Path(folder) / name
        text = render(kind, locale)
        if path.exists():
            existing = path.read_text(encoding="utf-8", errors="replace")
            if existing == text:
                results.append((path, "unchanged"))
                continue
            if not _made_by_us(existing):
                results.append((path, "refused"))
                continue
        atomic.write_text(path, text, replace=True)
        results.append((path, "written"))
    return results


def _made_by_us(text: str) -> bool:
    try:
        return json.loads(text).get("x-generator") == GENERATOR
    except (ValueError, AttributeError):
        return False
