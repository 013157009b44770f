"""Names made from text: one slug function and one way to find a free file name.

A specialist finds a file again by its name, so a name says when and what
(``2026-11-23-een-moeilijk-gesprek.md``), in plain ASCII that every file system, git and
URL accepts; chart files and handout anchors are named the same way. A name that is taken
gets ``-2``, ``-3``: an existing file is never replaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import count
from pathlib import Path

from ifms import atomic

# Letters NFKD does not take apart into a base letter and an accent.
_SPELLED_OUT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                              "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60
RECORD_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")
"""A YAML record gets a page with its own stem and ``.md``; for records, one stem is one name."""


def slugify(text: str, *, separator: str = "-", max_length: int | None = MAX_SLUG) -> str:
    """``"Één gesprek"`` -> ``"een-gesprek"``: lower case ASCII words joined by ``separator``
    (with ``separator=""``, a key to compare names by: ``Collega-specialisten`` and
    ``collega specialisten`` are the same)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_WORD.sub(separator, ascii_text).strip(separator)
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit(separator, 1)[0] if separator and separator in cut else cut
    return slug


def free_names(folder: Path, stem: str, suffix: str, *, taken_by: tuple[str, ...] = RECORD_SUFFIXES
               ) -> Iterator[Path]:
    """``stem.suffix``, ``stem-2.suffix``, ``stem-3.suffix``... whose stem no file with one of
    the ``taken_by`` suffixes (or ``suffix`` itself) uses yet."""
    suffixes = {suffix, *taken_by}
    for number in count(1):
        name = stem if number == 1 else f"{stem}-{number}"
        if not any((folder / f"{name}{other}").exists() for other in suffixes):
            yield folder / f"{name}{suffix}"


def free_name(wanted: Path) -> Path:
    """``wanted``, or ``name-2.pdf``, ``name-3.pdf``... if that exists: never overwrite."""
    return next(free_names(wanted.parent, wanted.stem, wanted.suffix, taken_by=()))


def write_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` atomically under the first free name; return the path written.

    The last step cannot overwrite (:func:`atomic.write_text` without ``replace``): if another
    program takes the name meanwhile, the next number is used.
    """
    for path in free_names(folder, stem, suffix):
        try:
            atomic.write_text(path, text)
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable: the numbers never run out")
