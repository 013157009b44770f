#!/usr/bin/env python3
"""Compile the Dutch catalogue of click's own messages (``.po``) into the ``.mo`` gettext reads.

    python scripts/compile_click_messages.py

Run it after editing ``plugins/ifms/i18n/locales/click/*/LC_MESSAGES/ifms-click.po``; a test fails
while the ``.mo`` is older than its ``.po``, or when click asks for a message the catalogue lacks.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

FOLDER = Path(__file__).resolve().parent.parent / "plugins" / "ifms" / "i18n" / "locales" / "click"


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes of one catalogue."""
    with po.open("rb") as source:
        catalog = read_po(source)
    target = io.BytesIO()
    write_mo(target, catalog)
    return target.getvalue()


def main() -> int:
    for po in sorted(FOLDER.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(f"Written: {po.with_suffix('.mo').relative_to(FOLDER.parent.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
