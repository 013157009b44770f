"""The records of a portfolio, as docs/formaat.md (format version 1) defines them.

Each record kind is a pydantic model: the structure is checked here (types, allowed values,
unknown keys), and the same models give the JSON Schema that editors use while the specialist
types. Checks that need more than one field or more than one file (scores within the scale,
references to other records) live in :mod:`ifms.records.consistency`, where they can name the exact
field that is wrong.

Every number is finite and within a range no real portfolio comes near, so
a value such as ``.inf``, ``1.0e+30`` or an integer of 300 digits is a field error here
rather than an overflow in the rules, a chart or the PDF (:class:`Within`): scale ends within ±1000 (the widest
scale in use is 0-100), respondents at most a million, work hours at most the 8784 hours of a
leap year, one CME activity at most 1000 hours. Dates have their range in
:mod:`ifms.records.dates`.
"""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from ifms.records import choices, competencies
from ifms.records.dates import IsoDate


@dataclass(frozen=True)
class Within:
    """A finite number from ``low`` to ``high``: one message names the range, and the JSON
    Schema gives it to the editor as minimum and maximum."""

    low: float
    high: float

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        return {**handler(schema), "minimum": self.low, "maximum": self.high}

    def _check(self, value: float) -> float:
        if isinstance(value, float) and not math.isfinite(value):
            raise PydanticCustomError("finite_number", "number must be finite", {"value": value})
        if not self.low <= value <= self.high:
            raise PydanticCustomError("ifms_out_of_range", "number outside its range",
                                      {"value": value, "min": self.low, "max": self.high})
        return value


Number = Annotated[float, Field(allow_inf_nan=False)]
"""Any finite number; ``.inf`` and ``.nan`` are YAML's, never a score."""

ScaleEnd = Annotated[float, Within(-1000, 1000)]
Respondents = Annotated[int, Within(0, 1_000_000)]
YearHours = Annotated[float, Within(0, 8784)]
ActivityHours = Annotated[float, Within(0, 1000)]


def _normalise_scores(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    scores: dict[Any, Any] = {}
    for key, score in value.items():
        name = competencies.normalise(str(key))
        if name in scores:
            raise PydanticCustomError(
                "ifms_competency_twice", "competency given twice", {"key": str(key), "name": name}
            )
        scores[name] = score
    return scores


_SCORE_KEYS = {key: {"type": "number"} for key in (*competencies.CANMEDS, *competencies.DUTCH_ALIASES)}

Scores = Annotated[
    dict[str, Number],
    BeforeValidator(_normalise_scores),
    Field(json_schema_extra={"properties": _SCORE_KEYS}),
]


def _normalise_competency(value: str) -> str:
    return competencies.normalise(value)


Competency = Annotated[
    str,
    AfterValidator(_normalise_competency),
    Field(json_schema_extra={"examples": list(competencies.CANMEDS)}),
]


# The fixed choices: the format's English keys, Dutch words accepted (:mod:`.choices`).
Basis = Annotated[
    Literal["practice", "equivalent_work"],
    BeforeValidator(choices.accept("basis")),
    Field(json_schema_extra=choices.schema_words("basis")),
]

VisitationKind = Annotated[
    Literal["quality", "training"],
    BeforeValidator(choices.accept("visitation")),
    Field(json_schema_extra=choices.schema_words("visitation")),
]

Employment = Annotated[
    Literal["employed", "self_employed", "clinic", "locum"],
    BeforeValidator(choices.accept("employment")),
    Field(json_schema_extra=choices.schema_words("employment")),
]

Instrument = Annotated[
    Literal["msf", "peer_review", "patient_survey", "other"],
    BeforeValidator(choices.accept("instrument")),
    Field(json_schema_extra=choices.schema_words("instrument")),
]

ActionStatus = Annotated[
    Literal["planned", "in_progress", "done", "dropped"],
    BeforeValidator(choices.accept("status")),
    Field(json_schema_extra=choices.schema_words("status")),
]

Support = Annotated[
    Literal["coaching", "intervision", "mentoring", "training", "peer_learning", "other"],
    BeforeValidator(choices.accept("support")),
    Field(json_schema_extra=choices.schema_words("support")),
]

ConversationType = Annotated[
    Literal["ifms", "intervision", "coaching", "mentoring", "peer_learning", "other"],
    BeforeValidator(choices.accept("conversation_type")),
    Field(json_schema_extra=choices.schema_words("conversation_type")),
]


def _normalise_reference(value: str) -> str:
    path = value.strip().replace("\\", "/")
    return posixpath.normpath(path).lstrip("/") if path else path


RecordRef = Annotated[str, AfterValidator(_normalise_reference)]
"""A path relative to the portfolio folder, e.g. ``feedback/2024-360.yml``."""


def _attachment_path(value: str) -> str:
    """A file of the portfolio folder: never an absolute path or one that climbs out of it,
    which the site would not publish and which would name a place on this computer."""
    path = value.strip().replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise PydanticCustomError("ifms_attachment_outside", "attachment outside the portfolio", {"value": value})
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        raise PydanticCustomError("ifms_attachment_outside", "attachment outside the portfolio", {"value": value})
    return normal


Attachment = Annotated[str, Field(min_length=1), AfterValidator(_attachment_path)]
"""A file attached to a record (a provider's report, a certificate), relative to the portfolio
folder: ``bijlagen/rapport-2024.pdf``."""

Text = Annotated[str, Field(min_length=1)]


class Part(BaseModel):
    """A part of a record: unknown keys are errors, so a typo never drops data silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, str_strip_whitespace=True)


class Record(Part):
    """What every record has: its kind, whether it may be shared, and the file it came from."""

    kind: str
    share: bool | None = None
    attachments: list[Attachment] = []

    SHARED_BY_DEFAULT: ClassVar[bool] = False
    _path: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        """Path relative to the portfolio folder, with forward slashes."""
        return self._path

    @property
    def shared(self) -> bool:
        """Whether the record may go into the PDF for the gespreksleider."""
        return self.SHARED_BY_DEFAULT if self.share is None else self.share


# --- profile -------------------------------------------------------------------------------


class Registration(Part):
    expires: IsoDate
    basis: Basis = "practice"
    shortened: bool = False
    start: IsoDate | None = None


class Period(Part):
    from_: IsoDate = Field(alias="from")
    to: IsoDate
    note: str | None = None


class Visitation(Part):
    date: IsoDate
    kind: VisitationKind
    note: str | None = None


class CmeActivity(Part):
    date: IsoDate
    title: Text
    hours: ActivityHours
    note: str | None = None


class Profile(Record):
    kind: Literal["profile"]
    name: Text
    specialty: Text
    registration: Registration
    employment: Employment | None = None
    abroad: list[Period] = []
    visitations: list[Visitation] = []
    work_hours: dict[int, YearHours] = {}
    cme: list[CmeActivity] = []

    SHARED_BY_DEFAULT: ClassVar[bool] = True


# --- feedback ------------------------------------------------------------------------------


class FeedbackGroup(Part):
    respondents: Respondents
    scores: Scores = {}


def _normalise_group(value: Any) -> Any:
    """``Verpleegkundigen`` or ``secretariaat`` is the format's group; an own name stays."""
    return choices.key_of("group", value) or value if isinstance(value, str) else value


def _normalise_groups(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    groups: dict[Any, Any] = {}
    for key, group in value.items():
        name = _normalise_group(key)
        if name in groups:
            raise PydanticCustomError("ifms_group_twice", "group given twice", {"key": str(key), "name": name})
        groups[name] = group
    return groups


GroupName = Annotated[Text, BeforeValidator(_normalise_group)]


class Comment(Part):
    group: GroupName
    text: Text


class FeedbackRound(Record):
    kind: Literal["feedback"]
    title: Text
    date: IsoDate
    instrument: Instrument = "msf"
    existing: bool = False
    provider: str | None = None
    scale: tuple[ScaleEnd, ScaleEnd]
    groups: Annotated[dict[str, FeedbackGroup], BeforeValidator(_normalise_groups)] = Field(min_length=1)
    self_assessment: Scores | None = Field(default=None, alias="self")
    comments: list[Comment] = []

    SHARED_BY_DEFAULT: ClassVar[bool] = True

    @property
    def scale_min(self) -> float:
        return self.scale[0]

    @property
    def scale_max(self) -> float:
        return self.scale[1]

    def others_average(self, key: str, threshold: int) -> float | None:
        """Mean score of all respondents of the groups at or above the threshold.

        Weighted by respondents, so it is the average over people, not over groups; groups
        under the anonymity threshold are left out, as docs/formaat.md says.
        """
        total = weight = 0.0
        for group in self.groups.values():
            if key in group.scores and group.respondents >= threshold and group.respondents:
                total += group.scores[key] * group.respondents
                weight += group.respondents
        return total / weight if weight else None

    def competency_keys(self) -> list[str]:
        """Every competency or theme scored in this round, CanMEDS order first."""
        keys = {key for group in self.groups.values() for key in group.scores}
        keys.update(self.self_assessment or {})
        return competencies.order(keys)


# --- pop -----------------------------------------------------------------------------------


class Action(Part):
    title: Text
    due: IsoDate | None = None
    status: ActionStatus = "planned"
    done: IsoDate | None = None
    support: Support | None = None
    note: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in ("planned", "in_progress")

    def overdue_on(self, today: date) -> bool:
        """Past its due date and neither done nor dropped."""
        return self.is_open and self.due is not None and self.due < today


class Evaluation(Part):
    date: IsoDate
    text: Text


class Goal(Part):
    title: Text
    competency: Competency | None = None
    why: str | None = None
    actions: list[Action] = []
    evaluations: list[Evaluation] = []


class Pop(Record):
    kind: Literal["pop"]
    title: Text
    date: IsoDate
    until: IsoDate | None = None
    feedback: list[RecordRef] = []
    goals: list[Goal] = Field(min_length=1)

    SHARED_BY_DEFAULT: ClassVar[bool] = True

    def actions(self) -> list[Action]:
        return [action for goal in self.goals for action in goal.actions]


# --- Markdown records ------------------------------------------------------------------------


# --- questionnaire -------------------------------------------------------------------------


class QuestionnaireItem(Part):
    text: Text
    competency: Competency


class Questionnaire(Record):
    """An own 360° questionnaire: what is asked, in which words, and how an export of the survey
    tool with one row per respondent is read back (``ifms import-feedback --questionnaire``)."""

    SHARED_BY_DEFAULT: ClassVar[bool] = True
    kind: Literal["questionnaire"]
    title: Text
    date: IsoDate | None = None
    scale: tuple[ScaleEnd, ScaleEnd]
    answers: dict[str, ScaleEnd] = {}
    """The words a survey tool writes instead of numbers, with their number on the scale."""
    group_question: Text | None = None
    """The question whose answer is the respondent's group."""
    groups: dict[str, GroupName] = {}
    """Answer to ``group_question`` -> group key (the keys of feedback records, or own)."""
    self_answer: Text | None = Field(default=None, alias="self")
    """The answer to ``group_question`` that marks the specialist's own rating."""
    items: list[QuestionnaireItem] = Field(min_length=1)
    open: list[Text] = []
    intro: str | None = None
    """A text for respondents above the questions; without it, one about anonymity."""


class PageRecord(Record):
    """A Markdown record. Keys that MkDocs or Material read from front matter stay allowed."""

    title: str | None = None
    description: str | None = None
    subtitle: str | None = None
    tags: list[str] | None = None
    hide: list[str] | None = None
    template: str | None = None
    icon: str | None = None
    status: str | None = None
    search: dict[str, Any] | None = None

    _heading: str | None = PrivateAttr(default=None)


class Conversation(PageRecord):
    kind: Literal["conversation"]
    type: ConversationType
    date: IsoDate
    leader: str | None = None
    group: bool = False
    questions: list[Text] = []
    """What the specialist wants to discuss in a planned conversation (the preparation page)."""
    feedback: list[RecordRef] = []
    pop: RecordRef | None = None


class Reflection(PageRecord):
    kind: Literal["reflection"]
    date: IsoDate
    competencies: list[Competency] = []
    feedback: list[RecordRef] = []


YAML_KINDS: dict[str, type[Record]] = {"profile": Profile, "feedback": FeedbackRound, "pop": Pop,
                                       "questionnaire": Questionnaire}
MARKDOWN_KINDS: dict[str, type[Record]] = {"conversation": Conversation, "reflection": Reflection}
