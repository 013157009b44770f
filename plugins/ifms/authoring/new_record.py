"""``ifms new``: a new record from a template, dated today, ready to be filled in.

A specialist should not have to remember which keys a reflection needs or how a date is
written: the template has every field, with a short comment in their language. What only they
can fill in (the gespreksleider's name, a POP's goal and action) is a placeholder from the
locale files (``new.placeholder``): the file is written with it, and ``ifms check`` refuses it
until it is replaced (``placeholder_left``), so an unfilled template never counts as a
conversation or a plan. Everything else passes the check as it stands. Optional links (the
feedback round a reflection is about) are written as comments that name the most recent real
record, so uncommenting one line gives a valid reference.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template

from ifms import names
from ifms.authoring.draft import align_comments, require_valid, scalar
from ifms.i18n.locale import Locale
from ifms.names import slugify
from ifms.records.competencies import CANMEDS
from ifms.records.dates import add_months
from ifms.source import discovery, frontmatter, yaml_source

KINDS = ("reflection", "conversation", "feedback", "pop", "questionnaire")
ALIASES = {"reflectie": "reflection", "gesprek": "conversation", "vragenlijst": "questionnaire"}
CONVERSATION_TYPES = ("ifms", "intervision", "coaching", "mentoring", "peer_learning", "other")

DEFAULT_FOLDERS = {"feedback": "feedback", "pop": "pop", "conversation": "gesprekken",
                   "reflection": "reflecties", "questionnaire": "vragenlijsten"}
"""Where a kind goes when the portfolio has none yet: the folders of the example (docs/formaat.md)."""

SUFFIXES = {"feedback": ".yml", "pop": ".yml", "conversation": ".md", "reflection": ".md", "questionnaire": ".yml"}


@dataclass
class Survey:
    """What the portfolio already holds, read leniently (a broken file elsewhere is no reason
    to refuse a new one): the folder each kind lives in, and the latest record of each kind."""

    folders: dict[str, str] = field(default_factory=dict)
    latest: dict[str, str] = field(default_factory=dict)


def survey(root: Path) -> Survey:
    counts: dict[str, Counter] = {}
    newest: dict[str, tuple[str, str]] = {}
    for path in discovery.portfolio_files(root) if root.is_dir() else []:
        relative = path.relative_to(root).as_posix()
        kind, day = _kind_and_date(path)
        if kind is None:
            continue
        counts.setdefault(kind, Counter())[posixpath.dirname(relative)] += 1
        if (day, relative) > newest.get(kind, ("", "")):
            newest[kind] = (day, relative)
    folders = {kind: counter.most_common(1)[0][0] for kind, counter in counts.items()}
    return Survey(folders, {kind: relative for kind, (_, relative) in newest.items()})


def _kind_and_date(path: Path) -> tuple[str | None, str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None, ""
    if path.suffix.lower() not in discovery.YAML_SUFFIXES:
        text = frontmatter.split(text).front_matter or ""
    try:
        data = yaml_source.parse(text).data
    except yaml_source.SyntaxProblem:
        return None, ""
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        return None, ""
    return data["kind"], str(data.get("date") or "")


@dataclass(frozen=True)
class NewRecord:
    """What the specialist asked for on the command line."""

    kind: str
    day: date
    title: str | None = None
    conversation_type: str = "ifms"
    leader: str | None = None
    competencies: tuple[str, ...] = CANMEDS
    """For a questionnaire: the competencies it starts with questions about."""


def folder_for(kind: str, found: Survey) -> str:
    return found.folders.get(kind, DEFAULT_FOLDERS[kind])


def file_stem(request: NewRecord, locale: Locale) -> str:
    """``2026-11-23-een-moeilijk-gesprek``: the date, then the title or else the kind."""
    if request.title:
        words = request.title
    elif request.kind == "conversation":
        words = locale.label("conversation_type", request.conversation_type)
    else:
        words = locale.t(f"new.slug.{request.kind}")
    slug = slugify(words) or slugify(locale.t(f"new.slug.{request.kind}"))
    return f"{request.day.isoformat()}-{slug}"


def render(request: NewRecord, found: Survey, locale: Locale, *, schema_ref: str) -> str:
    """The text of the new file. ``schema_ref`` is the JSON Schema path seen from its folder."""
    kind, day = request.kind, request.day
    title = request.title or locale.t(f"new.default_title.{kind}", year=day.year)
    values = {
        "schema_line": schema_line(schema_ref),
        "date": day.isoformat(),
        "title": scalar(title),
        "title_line": f"title: {scalar(request.title)}\n" if request.title else "",
        "feedback_hint": found.latest.get("feedback") or locale.t("new.example_feedback_path"),
        "pop_hint": found.latest.get("pop") or locale.t("new.example_pop_path"),
        "until_hint": add_months(day, 24).isoformat(),
        "due_hint": add_months(day, 6).isoformat(),
        "type": request.conversation_type,
        "leader_line": _leader_line(request, locale),
        "goal": scalar(locale.t("new.placeholder.goal")),
        "action": scalar(locale.t("new.placeholder.action")),
        "items": _starter_items(request.competencies, locale),
    }
    return align_comments(Template(locale.t(f"new.template.{kind}")).substitute(values))


def _starter_items(chosen: tuple[str, ...], locale: Locale) -> str:
    """A few questions per chosen CanMEDS competency (the locale's ``new.questionnaire_items``),
    as YAML list entries under ``items:``."""
    lines = []
    for competency in dict.fromkeys(chosen):  # communicator,communicator: once
        for text in locale.t(f"new.questionnaire_items.{competency}").splitlines():
            lines += [f"  - text: {scalar(text)}", f"    competency: {competency}"]
    return "\n".join(lines)


def schema_line(schema_ref: str) -> str:
    """The first line of a YAML record: tells VS Code (YAML extension) which schema applies."""
    return f"# yaml-language-server: $schema={schema_ref}"


def schema_ref(schemas_dir: Path, kind: str, folder: Path) -> str:
    """Path of the kind's JSON Schema as seen from ``folder`` (``../../schemas/pop.schema.json``)."""
    return Path(os.path.relpath(schemas_dir / f"{kind}.schema.json", folder)).as_posix()


def _leader_line(request: NewRecord, locale: Locale) -> str:
    """The gespreksleider: required for an IFMS conversation, so a placeholder to replace."""
    if request.leader:
        return f"leader: {scalar(request.leader)}"
    placeholder = f"leader: {scalar(locale.t('new.placeholder.leader'))}"
    return placeholder if request.conversation_type == "ifms" else f"# {placeholder}"


def create(request: NewRecord, docs_dir: Path, schemas_dir: Path, locale: Locale) -> Path:
    """Write the new record under a free name in the folder its kind lives in; return its path.

    Raises :class:`~ifms.authoring.draft.DraftInvalid` (and writes nothing) if the text would not
    pass the check for any reason but its placeholders.
    """
    found = survey(docs_dir)
    folder = docs_dir / folder_for(request.kind, found)
    text = render(request, found, locale, schema_ref=schema_ref(schemas_dir, request.kind, folder))
    stem, suffix = file_stem(request, locale), SUFFIXES[request.kind]
    require_valid(text, (folder / f"{stem}{suffix}").relative_to(docs_dir).as_posix())
    return names.write_new(folder, stem, suffix, text)
