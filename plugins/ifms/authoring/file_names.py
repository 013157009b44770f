"""File names for new records: the date and a slug of the title, numbered when taken.

A specialist finds a file again by its name, so a name says when and what
(``2026-11-23-een-moeilijk-gesprek.md``), in plain ASCII that every file system, git and
URL accepts. A name that is taken gets ``-2``, ``-3``: an existing file is never replaced.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ifms import atomic

# Letters NFKD does not take apart into a base letter and an accent.
_SPELLED_OUT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                              "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60
# A YAML record gets a page with its own stem and ``.md``; one stem is one name.
_RECORD_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")


def slugify(text: str, *, separator: str = "-") -> str:
    """``"Één gesprek"`` -> ``"een-gesprek"``: lower case ASCII words joined by ``separator``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_WORD.sub(separator, ascii_text).strip(separator)
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit(separator, 1)[0] if separator in cut else cut
    return slug


def candidates(folder: Path, stem: str, suffix: str):
    """``stem.suffix``, ``stem-2.suffix``, ``stem-3.suffix``... that no record uses yet."""
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        if not any((folder / f"{name}{other}").exists() for other in _RECORD_SUFFIXES):
            yield folder / f"{name}{suffix}"
        number += 1


def write_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` atomically under the first free name; return the path written.

    The last step cannot overwrite (:func:`atomic.write_text` without ``replace``): if another
    program takes the name meanwhile, the next number is used.
    """
    for path in candidates(folder, stem, suffix):
        try:
            atomic.write_text(path, text)
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable: the numbers never run out")
