"""Static SVG charts: what to draw (a :class:`Chart`, plain data), and drawing it, cached.

A chart is described by plain JSON-able data, so its content hash is the cache key: an
unchanged chart is never drawn again, and the file name carries the hash, so a browser never
shows a stale picture. Each chart comes in two layouts, ``wide`` (a laptop's content column,
and the PDF) and ``narrow`` (a phone: labels above the rows, legends below), each drawn once
and recoloured for Material's light and dark palettes (``#only-light`` / ``#only-dark``): four
variants. Both layouts have a fixed width, so the stylesheet can show their text at the size
of the text around them. The PDF uses the wide light one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ifms import __version__

SCHEMES = ("light", "dark")
LAYOUTS = ("wide", "narrow")
VARIANTS = ("light", "dark", "narrow.light", "narrow.dark")
"""Every picture of a chart: ``[layout.]scheme``; the wide layout keeps the plain scheme names
(``name.light.<hash>.svg``), as before there were layouts."""
CHART_FOLDER = "assets/ifms/charts"


def variant(layout: str, scheme: str) -> str:
    return scheme if layout == "wide" else f"{layout}.{scheme}"


def split_variant(name: str) -> tuple[str, str]:
    """``narrow.dark`` -> (``narrow``, ``dark``); ``light`` -> (``wide``, ``light``)."""
    layout, _, scheme = name.rpartition(".")
    return layout or "wide", scheme


@dataclass(frozen=True)
class Chart:
    name: str
    """Stable, readable part of the file name, e.g. ``voortgang-competenties``."""
    kind: str
    """Which drawing function: ``timeline``, ``competency_trend``, ``round_groups``..."""
    data: dict[str, Any] = field(hash=False)
    """Everything the drawing needs, labels already in the reader's language."""

    @cached_property
    def _keys(self) -> dict[str, str]:
        data = json.dumps(self.data, sort_keys=True, ensure_ascii=False, default=str)
        return {name: hashlib.sha256(
            f"{self.kind}|{name}|{__version__}|{_engine_version()}|{_drawing_code()}|{data}".encode()
        ).hexdigest() for name in VARIANTS}

    def key(self, name: str) -> str:
        """Content hash of the picture (``name`` a variant, e.g. ``light`` or ``narrow.dark``):
        data, layout, palette, the drawing code, this package's and matplotlib's version."""
        return self._keys[name]

    def path(self, name: str) -> str:
        """Where the picture is in the site; the hash changes whenever the picture does."""
        return f"{CHART_FOLDER}/{self.name}.{name}.{self.key(name)[:12]}.svg"


@cache
def _drawing_code() -> str:
    """A hash of the modules that draw and colour a chart: a cached picture drawn by other
    drawing code (say, before chart text stopped being read as mathematics) is never reused,
    even within one version of this package."""
    folder = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("draw.py", "palette.py"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


@cache
def _engine_version() -> str:
    """matplotlib's version, without importing it (that costs 0.7 s)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("matplotlib")
    except PackageNotFoundError:  # pragma: no cover - matplotlib is a dependency
        return "?"
