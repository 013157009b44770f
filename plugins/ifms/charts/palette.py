"""Chart colours for Material's light and dark palettes, and recolouring between them.

No matplotlib here: a dark chart is the light drawing with its colours swapped, which costs
nothing to make.
"""

from __future__ import annotations

import re
from typing import Any

PALETTES: dict[str, dict[str, Any]] = {
    "light": {"text": "#212121", "muted": "#616161", "grid": "#e0e0e0",
              "series": ["#00796b", "#3949ab", "#c62828", "#ef6c00", "#6a1b9a", "#2e7d32",
                         "#6d4c41", "#0277bd", "#ad1457"]},
    "dark": {"text": "#e2e4e9", "muted": "#a0a4ad", "grid": "#3a3d4a",
             "series": ["#4db6ac", "#7986cb", "#e57373", "#ffb74d", "#ba68c8", "#81c784",
                        "#bcaaa4", "#4fc3f7", "#f06292"]},
}


def _colour_map(source: str, target: str) -> dict[bytes, bytes]:
    mapping = {PALETTES[source][key].encode(): PALETTES[target][key].encode()
               for key in ("text", "muted", "grid")}
    mapping.update({a.encode(): b.encode()
                    for a, b in zip(PALETTES[source]["series"], PALETTES[target]["series"], strict=True)})
    return mapping


_RECOLOUR = {"dark": _colour_map("light", "dark")}


def recolour(svg: bytes, scheme: str) -> bytes:
    """The light drawing in another palette: every colour in a chart is a palette colour,
    so swapping them gives the same picture as drawing it again, at no drawing cost."""
    mapping = _RECOLOUR[scheme]
    return re.sub(rb"#[0-9a-f]{6}\b", lambda m: mapping.get(m.group(0), m.group(0)), svg)
