"""Chart colours for Material's light and dark palettes, and recolouring between them.

No matplotlib here: a dark chart is the light drawing with its colours swapped, which costs
nothing to make.
"""

from __future__ import annotations

import re
from typing import Any

PALETTES: dict[str, dict[str, Any]] = {
    # The site's own colours: Material's text on white (rgba(0,0,0,.87)) and on slate
    # (hsla(225,15%,90%,.82) on hsl(225,15%,14%)), its lighter text for axes, teal and indigo
    # (the theme's primary and accent) first. The series carry no judgement: no red, no green;
    # green and amber are kept for actions done and open, grey for dropped ones.
    "light": {"text": "#212121", "muted": "#5f6368", "grid": "#dadce0",
              "series": ["#00796b", "#3949ab", "#8e24aa", "#0277bd", "#6d4c41", "#455a64",
                         "#827717", "#ad1457"],
              "done": "#2e7d32", "open": "#e65100", "norm": "#212122"},
    "dark": {"text": "#c1c3c9", "muted": "#9da1aa", "grid": "#3b3f4c",
             "series": ["#4db6ac", "#8c9eff", "#ce93d8", "#4fc3f7", "#bcaaa4", "#b0bec5",
                        "#d4e157", "#f48fb1"],
             "done": "#81c784", "open": "#ffb74d", "norm": "#c1c3ca"},
}
"""Every colour in a light chart is unique, so recolouring is a plain swap (``norm`` differs
from ``text`` by one step for that reason)."""

_NAMED = ("text", "muted", "grid", "done", "open", "norm")


def _colour_map(source: str, target: str) -> dict[bytes, bytes]:
    mapping = {PALETTES[source][key].encode(): PALETTES[target][key].encode()
               for key in _NAMED}
    mapping.update({a.encode(): b.encode()
                    for a, b in zip(PALETTES[source]["series"], PALETTES[target]["series"], strict=True)})
    return mapping


_RECOLOUR = {"dark": _colour_map("light", "dark")}


def recolour(svg: bytes, scheme: str) -> bytes:
    """The light drawing in another palette: every colour in a chart is a palette colour,
    so swapping them gives the same picture as drawing it again, at no drawing cost."""
    mapping = _RECOLOUR[scheme]
    return re.sub(rb"#[0-9a-f]{6}\b", lambda m: mapping.get(m.group(0), m.group(0)), svg)
