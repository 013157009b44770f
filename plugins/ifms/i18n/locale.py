"""User-facing text in the specialist's language (Dutch by default, English on request).

Texts live in ``locales/<lang>.yml``; dates and numbers are formatted by Babel, so a score reads
``4,4`` and a date ``15 maart 2024`` in Dutch.

A word that depends on a number is written ``{count:fout|fouten}`` (singular|plural): the
number ``count`` among the text's parameters picks the form by the language's plural rule
(Babel's), so a text reads "1 fout" and "2 fouten", never "fout(en)". The number itself is
written as an ordinary ``{count}`` placeholder.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from numbers import Number
from typing import Any

import babel
import yaml
from babel.dates import format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

SUPPORTED = ("nl", "en")
DEFAULT = "nl"

_PLURAL = re.compile(r"\{(\w+):([^{}|]*)\|([^{}|]*)\}")
"""``{count:fout|fouten}``: the parameter, the singular, the plural."""


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


@cache
def _plural_rule(lang: str):
    return babel.Locale.parse(lang).plural_form


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
        if not params:
            return text
        return _PLURAL.sub(lambda m: self._plural(params.get(m[1]), m[2], m[3]), text).format(**params)

    def _plural(self, count: Any, one: str, other: str) -> str:
        """The singular for a count the language calls "one", else the plural; a count
        already written as text (``"1"``, ``"1,5"``) is read back in the language."""
        if isinstance(count, str):
            try:
                count = parse_decimal(count, locale=self.lang)
            except NumberFormatError:
                return other
        if not isinstance(count, Number):
            return other
        return one if _plural_rule(self.lang)(count) == "one" else other

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
