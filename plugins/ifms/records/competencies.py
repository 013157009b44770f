"""The seven CGS/CanMEDS competency areas, and how their Dutch keys map to the English ones.

Any other key is a custom theme (instruments such as INCEPT use their own domains) and is
kept under its own name: the specialist chooses what is asked, CanMEDS is only the reference.
"""

from __future__ import annotations

CANMEDS: tuple[str, ...] = (
    "medical_expert",
    "communicator",
    "collaborator",
    "leader",
    "health_advocate",
    "scholar",
    "professional",
)

DUTCH_ALIASES: dict[str, str] = {
    "medisch_handelen": "medical_expert",
    "communicatie": "communicator",
    "samenwerking": "collaborator",
    "organisatie": "leader",
    "maatschappelijk_handelen": "health_advocate",
    "kennis_en_wetenschap": "scholar",
    "professionaliteit": "professional",
}


def normalise(key: str) -> str:
    """The English key for a CanMEDS area written either way; a custom theme unchanged."""
    return DUTCH_ALIASES.get(key, key)


def is_canmeds(key: str) -> bool:
    return key in CANMEDS


def order(keys: list[str] | set[str]) -> list[str]:
    """CanMEDS areas in their usual order first, then custom themes alphabetically."""
    known = [key for key in CANMEDS if key in keys]
    return known + sorted(key for key in keys if key not in CANMEDS)
