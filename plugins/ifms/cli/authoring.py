"""``ifms init``, ``new``, ``import-feedback``, ``export``: write the specialist's portfolio
(its start, a new record from a template, a feedback tool's report) and take all of it along."""

from __future__ import annotations

import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Literal, get_args

import click

from ifms.cli.check import load_or_refuse
from ifms.cli.context import HELP, Session, command, folder, pass_session, shown
from ifms.cli.errors import Refusal
from ifms.cli.types import IsoDate, NameList, OneOf, Scale
from ifms.i18n.locale import Locale
from ifms.records.dates import FIRST_DAY, LAST_DAY, parse_iso_date


def _invalid_draft(invalid) -> Refusal:
    """Our own template would not pass the check: say which problems, write nothing."""
    return Refusal.rendered(lambda locale: locale.t("new.invalid_template", detail="; ".join(
        problem.render(locale) for problem in invalid.problems)))


@command(help=HELP("cli_authoring.init"))
@click.option("--name", help=HELP("cli_authoring.name"))
@click.option("--specialty", help=HELP("cli_authoring.specialty"))
@click.option("--expiry", type=IsoDate("init.bad_date"), metavar=HELP("cli_pdf.date_metavar"),
              help=HELP("cli_authoring.expiry"))
@click.option("-y", "--yes", is_flag=True, help=HELP("cli_authoring.yes"))
@pass_session
def init(session: Session, name: str | None, specialty: str | None, expiry: date | None, yes: bool) -> None:
    """Turn a fresh copy of the project into the specialist's own, empty portfolio."""
    from ifms.authoring import init as scaffold
    from ifms.authoring.draft import DraftInvalid

    project, locale = session.project, session.locale
    docs = project.docs_dir
    interactive = sys.stdin.isatty()
    recovered = scaffold.recover(docs)
    if recovered is not None:
        click.echo(locale.t("init.rolled_back" if recovered == "rolled_back" else "init.finished_before",
                            path=folder(docs)), err=True)
    if docs.exists() and not docs.is_dir():
        raise Refusal("init.not_a_folder", path=folder(docs))
    aside = None
    if not scaffold.is_empty(docs):
        changed = scaffold.differences_from_example(docs)
        aside = scaffold.aside_folder(docs, not changed, session.today())
        if aside.exists():
            raise Refusal("init.aside_exists", aside=folder(aside))
        if changed and not yes:
            about = {"path": folder(docs), "count": len(changed), "examples": ", ".join(changed[:3]),
                     "aside": folder(aside)}
            if not interactive:
                click.echo(locale.t("init.not_example", **about), err=True)
                raise Refusal("init.use_yes", aside=folder(aside))
            if not _confirm(locale.t("init.confirm_move", **about), locale):
                raise Refusal("init.cancelled")

    answers = {"--name": name, "--specialty": specialty, "--expiry": expiry}
    missing = [option for option, value in answers.items() if value is None]
    if missing and not interactive:
        raise Refusal("init.missing", 2, options=", ".join(missing))
    if name is None:
        name = click.prompt(locale.t("init.ask_name"))
    if specialty is None:
        specialty = click.prompt(locale.t("init.ask_specialty"))
    if expiry is None:
        expiry = click.prompt(locale.t("init.ask_expiry"), value_proc=lambda text: _prompted_date(text, locale))
    for option, value in (("--name", name), ("--specialty", specialty)):
        if not value.strip():
            raise Refusal("init.empty_value", 2, option=option)

    owner = scaffold.Owner(name.strip(), specialty.strip(), expiry)
    files = scaffold.skeleton(owner, locale, project.root / "schemas", docs)
    try:
        scaffold.build(docs, files, aside)
    except DraftInvalid as invalid:
        raise _invalid_draft(invalid) from None
    if aside is not None:
        click.echo(locale.t("init.moved_example" if aside.name == scaffold.EXAMPLE_ASIDE
                            else "init.moved_own", aside=folder(aside)))
    click.echo(locale.t("init.created", path=folder(docs)))
    click.echo(locale.t("init.next", profile=shown(docs / scaffold.PROFILE_FILE),
                        privacy=shown(docs / scaffold.PRIVACY_PAGE)))


def _confirm(question: str, locale: Locale) -> bool:
    """Yes or no, where a Dutch "j" or "ja" is a yes too (click's own confirm knows only y)."""
    def answer(text: str) -> bool:
        word = text.strip().lower()
        if word in ("j", "ja", "y", "yes"):
            return True
        if word in ("", "n", "nee", "no"):
            return False
        raise click.UsageError(locale.t("init.yes_or_no"))

    return click.prompt(question + locale.t("init.confirm_choices"), default="", show_default=False,
                        prompt_suffix=" ", value_proc=answer)


def _prompted_date(text: str, locale: Locale) -> date:
    """An answer to the question; click asks again after a wrong one (a UsageError)."""
    try:
        return parse_iso_date(text.strip())
    except ValueError as error:
        if getattr(error, "type", None) == "ifms_date_range":
            raise click.UsageError(locale.t("init.bad_answer_range", value=text.strip(), min=FIRST_DAY.isoformat(),
                                            max=LAST_DAY.isoformat())) from None
        raise click.UsageError(locale.t("init.bad_answer_date", value=text)) from None


def _record_kinds() -> tuple[str, ...]:
    from ifms.authoring import new_record

    return new_record.KINDS


def _record_kind_aliases() -> dict[str, str]:
    from ifms.authoring import new_record

    return new_record.ALIASES


def _canmeds() -> tuple[str, ...]:
    from ifms.records.competencies import CANMEDS

    return CANMEDS


def _dutch_competencies() -> dict[str, str]:
    from ifms.records.competencies import DUTCH_ALIASES

    return DUTCH_ALIASES


def _conversation_types() -> tuple[str, ...]:
    from ifms.authoring import new_record

    return new_record.CONVERSATION_TYPES


@command(name="new", help=HELP("cli_authoring.new"))
@click.argument("kind", metavar=HELP("cli_authoring.kind_metavar"),
                type=OneOf("new.unknown_kind", _record_kinds, aliases=_record_kind_aliases, fold_case=True,
                           word="kind"))
@click.option("--title", help=HELP("cli_authoring.title"))
@click.option("--date", "day", type=IsoDate("new.bad_date"), metavar=HELP("cli_pdf.date_metavar"),
              help=HELP("cli_authoring.date"))
@click.option("--type", "conversation_type", type=OneOf("new.unknown_type", _conversation_types),
              metavar=HELP("cli_authoring.kind_metavar"), help=HELP("cli_authoring.type"))
@click.option("--leader", help=HELP("cli_authoring.leader"))
@click.option("--competencies", type=NameList("new.unknown_competency", _canmeds, aliases=_dutch_competencies,
                                              fold_case=True, word="competency"),
              metavar="communicator,collaborator,...", help=HELP("cli_authoring.competencies"))
@pass_session
def new(session: Session, kind: str, title: str | None, day: date | None, conversation_type: str | None,
        leader: str | None, competencies: tuple[str, ...] | None) -> None:
    """Create a record from a template and print its path."""
    from ifms.authoring import new_record
    from ifms.authoring.draft import DraftInvalid

    project, locale = session.project, session.locale
    if kind != "conversation" and (conversation_type or leader):
        raise Refusal("new.type_only_conversation", 2)
    if kind != "questionnaire" and competencies:
        raise Refusal("new.competencies_only_questionnaire", 2)
    if not project.docs_dir.is_dir():
        raise Refusal("new.no_portfolio", path=folder(project.docs_dir))
    request = new_record.NewRecord(
        kind, day or session.today(), (title or "").strip() or None, conversation_type or "ifms",
        (leader or "").strip() or None, *([competencies] if competencies else []))
    try:
        path = new_record.create(request, project.docs_dir, project.root / "schemas", locale)
    except DraftInvalid as invalid:
        raise _invalid_draft(invalid) from None
    click.echo(locale.t("new.created", kind=locale.t(f"kind.{kind}"), next=locale.t(f"new.next.{kind}")),
               err=True)
    click.echo(shown(path))


def _instruments() -> tuple[str, ...]:
    from ifms.records.model import FeedbackRound

    return get_args(FeedbackRound.model_fields["instrument"].annotation)


@command(name="import-feedback", help=HELP("cli_authoring.import_feedback"))
@click.argument("report", metavar=HELP("cli_authoring.report_metavar"), type=click.Path(path_type=Path))
@click.option("--scale", type=Scale(), metavar=HELP("cli_authoring.scale_metavar"), help=HELP("cli_authoring.scale"))
@click.option("--date", "day", type=IsoDate("import.bad_date"), metavar=HELP("cli_pdf.date_metavar"),
              help=HELP("cli_authoring.report_date"))
@click.option("--instrument", type=OneOf("import.unknown_instrument", _instruments), default="msf",
              show_default=True, help=HELP("cli_authoring.instrument"))
@click.option("--title", help=HELP("cli_authoring.title"))
@click.option("--provider", help=HELP("cli_authoring.provider"))
@click.option("--existing", is_flag=True, help=HELP("cli_authoring.existing"))
@click.option("--format", "layout", default="auto", show_default=True, help=HELP("cli_authoring.layout"),
              type=OneOf("import.unknown_layout", lambda: ("auto", "long", "wide"),
                         aliases=lambda: {"lang": "long", "breed": "wide"}))
@click.option("--themes", is_flag=True, help=HELP("cli_authoring.themes"))
@click.option("--questionnaire", type=click.Path(path_type=Path), metavar=HELP("cli.file_metavar"),
              help=HELP("cli_authoring.questionnaire"))
@click.option("-o", "--output", metavar=HELP("cli.file_metavar"), help=HELP("cli_authoring.record_output"))
@pass_session
def import_feedback(session: Session, report: Path, scale: tuple[float, float] | None, day: date | None,
                    instrument: str, title: str | None, provider: str | None, existing: bool,
                    layout: Literal["auto", "long", "wide"], themes: bool, questionnaire: Path | None,
                    output: str | None) -> None:
    """Read a feedback tool's CSV export into a new feedback record."""
    from ifms import atomic, names
    from ifms.authoring import new_record
    from ifms.authoring.draft import DraftInvalid
    from ifms.authoring.feedback_import import FeedbackTable, ImportFailed, RoundDetails, feedback_yaml, read_table

    project, locale = session.project, session.locale
    asked: Any = None
    if questionnaire is not None:
        if scale is not None or layout != "auto":
            raise Refusal("import.questionnaire_and_scale", 2)
        asked = _questionnaire(session, questionnaire)
        scale = asked.scale
    if scale is None:
        raise Refusal("import.missing_scale", 2)
    details = RoundDetails(day or session.today(), scale, instrument, (title or "").strip() or None, existing,
                           (provider or "").strip() or None)
    if not report.is_file():
        raise Refusal("import.no_file", 2, path=shown(report))
    target = Path(output) if output and output != "-" else None
    if target is not None and target.exists():
        raise Refusal("import.output_exists", path=shown(target))
    comments: list[tuple[str, str]] = []
    notes: list[str] = []
    table: FeedbackTable
    try:
        if asked is not None:
            from ifms.authoring.respondent_import import read_respondents

            threshold = session.options.anonymity_threshold
            answers = read_respondents(report, shown(report), asked, threshold=threshold)
            comments, table = answers.comments, answers
            notes = [locale.t("import.withheld", group=locale.label("group", group), count=count, threshold=threshold)
                     for group, count in answers.withheld.items()]
            notes += [locale.t("import.thin", group=locale.label("group", group),
                               competency=locale.label("competency", competency), count=count, threshold=threshold)
                      for (group, competency), count in answers.thin.items()]
        else:
            table = read_table(report, shown(report), scale=scale, layout=layout, themes=themes)
    except ImportFailed as failed:
        raise Refusal.rendered(partial(_import_problems, failed.problems)) from None

    docs = project.docs_dir
    where = target.parent if target else docs / new_record.folder_for("feedback", new_record.survey(docs))
    schema = new_record.schema_ref(project.root / "schemas", "feedback", where.resolve())
    try:
        text = feedback_yaml(table, details, schema_line=new_record.schema_line(schema),
                             source_name=report.name, locale=locale, comments=comments, notes=notes)
    except DraftInvalid as invalid:
        raise _invalid_draft(invalid) from None
    if table.skipped:
        click.echo(locale.t("import.skipped_columns", columns=", ".join(table.skipped)), err=True)
    if table.smaller_scale is not None:
        low, high = scale
        click.echo(locale.t("import.smaller_scale", top=locale.number(table.smaller_scale),
                            low=locale.number(low), high=locale.number(high)), err=True)
    if output == "-":
        click.echo(text, nl=False)
        return
    if target is None:
        stem = f"{details.day.isoformat()}-{names.slugify(details.title_in(locale)) or 'feedback'}"
        target = names.write_new(where, stem, ".yml", text)
    else:
        try:
            atomic.write_text(target, text)
        except FileExistsError:
            raise Refusal("import.output_exists", path=shown(target)) from None
    click.echo(locale.t("import.written", groups=len(table.groups),
                        scores=sum(len(g.scores) for g in table.groups.values()),
                        layout=locale.t(f"import.layout_{table.layout}")), err=True)
    click.echo(shown(target))


def _questionnaire(session: Session, path: Path) -> Any:
    """The questionnaire record at ``path`` (as given, or inside the portfolio folder), read
    and checked as ``ifms check`` reads it."""
    from ifms.records.model import Questionnaire

    docs = session.project.docs_dir
    portfolio = load_or_refuse(session)
    for candidate in (path, docs / path):
        try:
            relative = candidate.resolve().relative_to(docs.resolve()).as_posix()
        except (ValueError, OSError):
            continue
        record = portfolio.by_path().get(relative)
        if isinstance(record, Questionnaire):
            return record
    raise Refusal("import.questionnaire_not_found", 2, path=shown(path))


def _import_problems(problems, locale: Locale) -> str:
    return "\n".join([*(problem.render(locale) for problem in problems), locale.t("import.nothing_written")])


@command(help=HELP("cli_authoring.export"))
@click.option("--json", "as_json", is_flag=True, default=True, help=HELP("cli_authoring.export_json"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar=HELP("cli.file_metavar"),
              help=HELP("cli_authoring.export_output"))
@pass_session
def export(session: Session, as_json: bool, output: Path | None) -> None:
    """Write the whole portfolio as one JSON document (data portability)."""
    from ifms import atomic
    from ifms.authoring.export import portfolio_document, to_json

    _ = session.locale  # mkdocs.yml and its options are judged before anything is read
    if output is not None and output.exists():
        raise Refusal("export.output_exists", path=shown(output))
    portfolio = load_or_refuse(session)
    text = to_json(portfolio_document(portfolio, session.today()))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic.write_text(output, text)
    except FileExistsError:
        raise Refusal("export.output_exists", path=shown(output)) from None
    click.echo(session.locale.t("export.written", path=shown(output), records=len(portfolio.records())),
               err=True)
