"""A rule's note in words: its dates and numbers formatted for the reader's language."""

from __future__ import annotations

from datetime import date

from ifms.i18n.locale import Locale
from ifms.records.model import Conversation, PageRecord, Record
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


def kind_title(record: Record, locale: Locale) -> str:
    """What a record is, as a title: "IFMS-evaluatiegesprek", "Reflectie", "POP"."""
    if isinstance(record, Conversation):
        return locale.label("conversation_type", record.type)
    if isinstance(record, PageRecord):
        return locale.t("record.reflection_title")
    label = locale.label("kind", record.kind)
    return label[:1].upper() + label[1:]


def private_title(record: Record, locale: Locale) -> str:
    """How a record the reader may not see is named wherever it is shared (the handout, an
    agenda): its kind and date only, "POP 1 maart 2024 (privé)"."""
    day = getattr(record, "date", None)
    return locale.t("record.private_title", kind=kind_title(record, locale),
                    date=locale.date(day) if day else "").strip()
