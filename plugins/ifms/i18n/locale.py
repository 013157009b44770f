"""User-facing text in the specialist's language (Dutch by default, English on request).

Texts live in ``locales/<lang>.yml``; dates and numbers are formatted by Babel, so a score reads
``4,4`` and a date ``15 maart 2024`` in Dutch.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

SUPPORTED = ("nl", "en")
DEFAULT = "nl"


def resolve(lang: str | None) -> str:
    """The supported language closest to ``lang`` (``nl_BE`` -> ``nl``); Dutch otherwise."""
    if lang:
        base = lang.replace("-", "_").split("_")[0].lower()
        if base in SUPPORTED:
            return base
    return DEFAULT


@cache
def _catalogue(lang: str) -> dict[str, str]:
    text = resources.files("ifms.i18n").joinpath("locales").joinpath(f"{lang}.yml").read_text("utf-8")
    flat: dict[str, str] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        else:
            flat[prefix] = str(node)

    walk("", yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return flat


class Locale:
    """Texts, dates and numbers for one language."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = resolve(lang)
        self._texts = _catalogue(self.lang)
        self._fallback = _catalogue(DEFAULT)

    def has(self, key: str) -> bool:
        return key in self._texts or key in self._fallback

    def t(self, key: str, /, **params: Any) -> str:
        text = self._texts.get(key) or self._fallback.get(key)
        if text is None:
            return key
        return text.format(**params) if params else text

    def label(self, group: str, key: str) -> str:
        """Label of a domain value (``competency``, ``group``, ``status``...); own names stay."""
        full = f"{group}.{key}"
        return self.t(full) if self.has(full) else str(key).replace("_", " ")

    def date(self, value: date | None, form: str = "long") -> str:
        return format_date(value, format=form, locale=self.lang) if value else ""

    def number(self, value: float | None) -> str:
        if value is None:
            return ""
        return format_decimal(value, format="0.##", locale=self.lang)

    def score(self, value: float | None) -> str:
        """A score with one decimal, as feedback reports give them: ``4,0``, ``3,9``."""
        if value is None:
            return "–"
        return format_decimal(value, format="0.0", locale=self.lang)
