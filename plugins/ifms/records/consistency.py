"""Checks that span fields or files: scores within the scale, references, required pairs.

The models check each value on its own; these checks need the whole record or the whole
portfolio, and name the exact field that is wrong so the message can point at its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path as FsPath

from ifms.problems import Problem, field_name, nearest, shown
from ifms.records import choices, competencies
from ifms.records.model import Conversation, FeedbackRound, Pop, Profile, Questionnaire, Record, Reflection
from ifms.source.yaml_source import Path, SourceMap

FEEDBACK_UNFILLED = "feedback_unfilled"
"""A feedback round without a single figure: what ``ifms new feedback`` writes, for the
specialist to fill in from the report. It would show an empty round as if it were one."""


def check_record(record: Record, source: SourceMap) -> Iterator[tuple[Path, str, dict]]:
    """Problems inside one record, as (field path as written in the file, key, parameters)."""
    if isinstance(record, FeedbackRound):
        yield from _check_feedback(record, source)
    elif isinstance(record, Pop):
        yield from _check_pop(record)
    elif isinstance(record, Profile):
        yield from _check_profile(record)
    elif isinstance(record, Questionnaire):
        yield from _check_questionnaire(record)
    elif isinstance(record, Conversation) and record.type == "ifms" and not record.leader:
        yield ("leader",), "leader_required", {}


def _check_feedback(round_: FeedbackRound, source: SourceMap) -> Iterator[tuple[Path, str, dict]]:
    low, high = round_.scale
    if low >= high:
        yield ("scale",), "scale_order", {"min": low, "max": high}
        return
    if round_.groups and not any(group.respondents or group.scores for group in round_.groups.values()):
        # What ``ifms new feedback`` writes: without a figure it is a template, not a round.
        yield ("groups",), FEEDBACK_UNFILLED, {}
    score_sets: list[tuple[Path, dict[str, float]]] = [
        (("groups", name, "scores"), group.scores) for name, group in round_.groups.items()
    ]
    score_sets.append((("self",), round_.self_assessment or {}))
    for prefix, scores in score_sets:
        for key, score in scores.items():
            if not low <= score <= high:
                yield (*prefix, _written_key(source, prefix, key)), "score_outside_scale", {
                    "value": score, "min": low, "max": high}


def _check_questionnaire(questionnaire: Questionnaire) -> Iterator[tuple[Path, str, dict]]:
    low, high = questionnaire.scale
    if low >= high:
        yield ("scale",), "scale_order", {"min": low, "max": high}
        return
    for word, value in questionnaire.answers.items():
        if not low <= value <= high:
            yield ("answers", word), "score_outside_scale", {"value": value, "min": low, "max": high}
    if (questionnaire.groups or questionnaire.self_answer) and not questionnaire.group_question:
        yield ("groups",), "questionnaire_group_question", {}
    # The import matches texts by choices.question_key: two with one key would share a column.
    seen: set[str] = set()
    questions: list[tuple[Path, str]] = [(("items", i, "text"), item.text)
                                         for i, item in enumerate(questionnaire.items)]
    questions += [(("open", i), text) for i, text in enumerate(questionnaire.open)]
    for path, text in questions:
        if choices.question_key(text) in seen:
            yield path, "questionnaire_item_twice", {"text": text}
        seen.add(choices.question_key(text))
    for field_name_, words in (("groups", list(questionnaire.groups)), ("answers", list(questionnaire.answers))):
        keys: set[str] = set()
        for word in words:
            if choices.question_key(word) in keys:
                yield (field_name_, word), "questionnaire_word_twice", {"word": word}
            keys.add(choices.question_key(word))
    if questionnaire.self_answer and choices.question_key(questionnaire.self_answer) in {
            choices.question_key(answer) for answer in questionnaire.groups}:
        yield ("self",), "questionnaire_self_is_group", {"answer": questionnaire.self_answer}


def _written_key(source: SourceMap, prefix: Path, key: str) -> str:
    """The competency key as the specialist typed it (``communicatie``, not ``communicator``)."""
    for path in source.key_lines:
        if len(path) == len(prefix) + 1 and path[:-1] == prefix and competencies.normalise(str(path[-1])) == key:
            return str(path[-1])
    return key


def _check_pop(pop: Pop) -> Iterator[tuple[Path, str, dict]]:
    if pop.until and pop.until < pop.date:
        yield ("until",), "end_before_start", {"start": pop.date, "end": pop.until}
    for g, goal in enumerate(pop.goals):
        for a, action in enumerate(goal.actions):
            if action.done and action.status != "done":
                yield ("goals", g, "actions", a, "status"), "done_date_but_status", {
                    "status": action.status}


def _check_profile(profile: Profile) -> Iterator[tuple[Path, str, dict]]:
    registration = profile.registration
    if registration.start and registration.start >= registration.expires:
        yield ("registration", "start"), "end_before_start", {
            "start": registration.start, "end": registration.expires}
    for i, period in enumerate(profile.abroad):
        if period.to < period.from_:
            yield ("abroad", i, "to"), "end_before_start", {"start": period.from_, "end": period.to}
    for year in profile.work_hours:
        if not 1950 <= year <= 2100:
            yield ("work_hours", year), "year_unlikely", {"year": year}


UNREADABLE = "?"
"""Kind of a file that could not be parsed: it may be any record."""

# Which kind each reference field must point at.
_REFERENCE_FIELDS: dict[type, dict[str, str]] = {
    Pop: {"feedback": "feedback"},
    Conversation: {"feedback": "feedback", "pop": "pop"},
    Reflection: {"feedback": "feedback"},
}


def check_references(
    records: dict[str, Record], invalid: dict[str, str]
) -> Iterator[tuple[Record, Path, str, dict]]:
    """Every reference must name an existing record of the right kind.

    ``invalid`` maps records that exist but failed validation to their kind (``UNREADABLE``
    when the file could not even be parsed): their own errors are reported already, so a
    reference to them is not dangling.
    """
    for record in records.values():
        for name, kind in _REFERENCE_FIELDS.get(type(record), {}).items():
            value = getattr(record, name)
            targets = value if isinstance(value, list) else [value] if value else []
            for index, target in enumerate(targets):
                path: Path = (name, index) if isinstance(value, list) else (name,)
                found = records.get(target)
                if found is None and invalid.get(target) in (kind, UNREADABLE):
                    continue
                if found is None:
                    options = [p for p, r in records.items() if r.kind == kind]
                    suggestion = nearest(target, options)
                    key = "dangling_reference_suggest" if suggestion else "dangling_reference"
                    yield record, path, key, {"target": shown(target), "suggestion": suggestion}
                elif found.kind != kind:
                    yield record, path, "reference_wrong_kind", {
                        "target": shown(target), "kind": found.kind, "expected": kind}


def check_attachments(record: Record, root: FsPath) -> Iterator[tuple[Path, str, dict]]:
    """Every attachment must be a file of the portfolio folder that the site publishes: not
    missing, not a folder, not hidden (MkDocs leaves out names starting with a dot), and not a
    link that leads out of the folder."""
    real_root = root.resolve()
    for index, attachment in enumerate(record.attachments):
        file = root / attachment
        if any(part.startswith(".") for part in FsPath(attachment).parts):
            yield ("attachments", index), "attachment_hidden", {"path": shown(attachment)}
        elif not file.is_file():
            yield ("attachments", index), "attachment_missing", {"path": shown(attachment)}
        elif not file.resolve().is_relative_to(real_root):
            yield ("attachments", index), "ifms_attachment_outside", {"value": shown(attachment)}


def problems_for(
    found: Iterator[tuple[Path, str, dict]], file: str, source: SourceMap
) -> list[Problem]:
    return [Problem(file, source.line_of(path), field_name(path, source), key, params)
            for path, key, params in found]
