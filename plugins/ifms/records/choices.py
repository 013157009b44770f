"""The format's fixed choices, and the Dutch words (and other names) accepted for each.

The site shows "bezig", so ``status: bezig`` must be read as ``in_progress``, as Dutch
competency keys already are (:mod:`.competencies`). The records, the JSON Schemas and
``ifms import-feedback`` use these tables alike, so "Secretariaat" is the group ``staff``
everywhere, never a new group in one place and an error in another.

A word matches whatever its case, accents, spaces, hyphens and underscores (``In progress``,
``in-progress``, ``Patiënten``). Every value is kept under the format's English key, which is
what docs/formaat.md documents and what the pages translate again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ifms.names import slugify

WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "status": {
        "planned": ("gepland", "te doen", "nog niet begonnen"),
        "in_progress": ("bezig", "lopend", "in uitvoering", "gestart"),
        "done": ("afgerond", "klaar", "gedaan", "voltooid"),
        "dropped": ("vervallen", "geschrapt", "gestopt", "afgeblazen"),
    },
    "support": {
        "coaching": ("coach",),
        "intervision": ("intervisie",),
        "mentoring": ("mentoraat", "mentor"),
        "training": ("cursus", "scholing", "opleiding"),
        "peer_learning": ("maatjesleren", "meekijken", "maatjesleren / meekijken"),
        "other": ("anders", "overig"),
    },
    "conversation_type": {
        "ifms": ("ifms-evaluatiegesprek", "evaluatiegesprek", "ifms-gesprek"),
        "intervision": ("intervisie",),
        "coaching": ("coachgesprek",),
        "mentoring": ("mentoraat", "mentorgesprek"),
        "peer_learning": ("maatjesleren", "meekijken"),
        "other": ("anders", "overig", "gesprek"),
    },
    "instrument": {
        "msf": ("360", "360°", "360°-feedback", "360-feedback", "multisource feedback"),
        "peer_review": ("collegiale evaluatie", "collegiale toetsing", "intercollegiale toetsing"),
        "patient_survey": ("patiëntenenquête", "patiëntervaringsonderzoek", "patiëntenfeedback"),
        "other": ("anders", "overig"),
    },
    "visitation": {
        "quality": ("kwaliteit", "kwaliteitsvisitatie"),
        "training": ("opleiding", "opleidingsvisitatie"),
    },
    "employment": {
        "employed": ("in dienst", "in dienstverband", "dienstverband", "loondienst"),
        "self_employed": ("vrij beroep", "zelfstandig", "vrijgevestigd"),
        "clinic": ("kliniek", "zbc", "zelfstandig behandelcentrum"),
        "locum": ("waarnemer", "waarneming"),
    },
    "basis": {
        "practice": ("uitoefening", "uitoefening van het specialisme", "praktijk"),
        "equivalent_work": ("gelijkgesteld", "gelijkgestelde werkzaamheden"),
    },
    "group": {
        "patients": ("patiënten", "patiënt"),
        "colleagues": ("collega-specialisten", "collega's", "collega", "specialisten", "medisch specialisten",
                       "collega medisch specialisten", "colleagues specialists", "peers"),
        "residents": ("aios", "anios", "aios/anios", "arts-assistenten", "assistenten"),
        "nurses": ("verpleegkundigen", "verpleegkundige", "verpleging"),
        "staff": ("medewerkers", "secretariaat", "overige medewerkers", "ondersteunend personeel",
                  "poliassistenten", "doktersassistenten"),
        "managers": ("manager", "leidinggevenden", "leidinggevende", "management"),
        "others": ("other", "anderen", "overig", "overigen"),
    },
}
"""Per choice: the format's keys, each with the other names accepted for it. The first word
is the one a message suggests."""


def plain(text: str) -> str:
    """Lower-case letters and digits only, accents removed: ``Collega-specialisten`` ->
    ``collegaspecialisten``, ``In progress`` -> ``inprogress``."""
    return slugify(text, separator="", max_length=None)


_TABLES: dict[str, dict[str, str]] = {
    choice: {plain(name): key for key, names in keys.items() for name in (key, *names)}
    for choice, keys in WORDS.items()
}


_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]\s*")


def question_key(text: str) -> str:
    """A question, answer or column heading as an export is matched to a questionnaire: no
    leading number (``3.``), no case, spacing, punctuation or accents. Two texts of one
    questionnaire with the same key would take each other's column."""
    return plain(_LEADING_NUMBER.sub("", text))


def key_of(choice: str, text: str) -> str | None:
    """The format's key for ``text`` as a name of ``choice``; None when it is no such name."""
    return _TABLES[choice].get(plain(text))


def accept(choice: str) -> Callable[[Any], Any]:
    """A pydantic ``BeforeValidator``: a Dutch word or other name becomes the format's key;
    anything else is left for the field's own type to refuse, with its list of choices."""
    def normalise(value: Any) -> Any:
        if isinstance(value, str):
            return key_of(choice, value) or value
        return value
    return normalise


def schema_words(choice: str) -> Callable[[dict[str, Any]], None]:
    """A ``json_schema_extra`` that lets an editor accept the words too (the keys first)."""
    def extend(schema: dict[str, Any]) -> None:
        if "enum" in schema:
            words = [form for names in WORDS[choice].values() for word in names
                     for form in (word, word[:1].upper() + word[1:])]
            schema["enum"] = list(dict.fromkeys([*schema["enum"], *words]))
    return extend


def suggested(values: tuple[str, ...]) -> dict[str, str] | None:
    """The first Dutch word of each key, for the choice whose keys are ``values``."""
    for keys in WORDS.values():
        if set(keys) == set(values):
            return {key: keys[key][0] for key in values if keys[key]}
    return None
