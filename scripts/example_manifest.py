"""Write the manifest of the example portfolio that ``ifms init`` compares against.

``ifms init`` moves the example aside without asking only when it is untouched; it knows the
untouched example by this manifest (a SHA-256 per file). Run this after changing anything in
``portfolio/``; ``tests/test_init.py`` fails until the manifest is current.

    python scripts/example_manifest.py
"""

from __future__ import annotations

from pathlib import Path

from ifms import atomic
from ifms.authoring.init import MANIFEST, render_manifest

REPO = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    target = REPO / "plugins" / "ifms" / MANIFEST
    atomic.write_text(target, render_manifest(REPO / "portfolio"), replace=True)
    print(f"{target.relative_to(REPO)} bijgewerkt")
