"""A rule's note in words: its dates and numbers formatted for the reader's language."""

from __future__ import annotations

from datetime import date

from ifms.i18n.locale import Locale
from ifms.rules import Note


def describe(note: Note, locale: Locale) -> str:
    """The sentence of ``note`` (locale key ``rule.<key>``) with its parameters formatted."""
    params = {}
    for key, value in note.params.items():
        if isinstance(value, date):
            value = locale.date(value)
        elif isinstance(value, float):
            value = locale.number(round(value, 1))
        elif key == "kind":
            value = locale.label("visitation", value)
        params[key] = value
    return locale.t(f"rule.{note.key}", **params)
