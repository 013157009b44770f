"""The ``ifms`` command: check the portfolio without building the site, write JSON Schemas.

Every outcome is a sentence for a person; bad input never ends in a Python traceback.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from . import schema as schema_files
from .dates import today_from
from .rules import evaluate
from .load import load_portfolio
from .locale import SUPPORTED, Locale
from .problems import PortfolioInvalid
from .project import ConfigProblem, Project, read_project

# Help texts are read before any option is parsed, so their language comes from IFMS_LANG.
_help = Locale(os.environ.get("IFMS_LANG")).t

_config_option = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path),
    help=_help("cli.config_file"),
)
_lang_option = click.option(
    "--lang", type=click.Choice(SUPPORTED), envvar="IFMS_LANG", help=_help("cli.lang"),
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=_help("cli.main"))
@click.version_option(package_name="ifms-portfolio")
def main() -> None:
    """The ``ifms`` command group."""


def _project(config_file: Path | None, lang: str | None) -> tuple[Project, Locale]:
    try:
        project = read_project(config_file)
    except ConfigProblem as problem:
        locale = Locale(lang)
        click.echo(locale.t(problem.key, **problem.params), err=True)
        sys.exit(2)
    return project, Locale(project.settings(lang).lang)


@main.command(help=_help("cli.check"))
@_config_option
@_lang_option
def check(config_file: Path | None, lang: str | None) -> None:
    """Validate the portfolio as the site build would, without building it."""
    project, locale = _project(config_file, lang)
    private = _privacy_scan(project)
    try:
        portfolio = load_portfolio(project.docs_dir)
    except PortfolioInvalid as invalid:
        click.echo(invalid.render(locale), err=True)
        _echo_privacy(private, locale)
        sys.exit(1)
    if portfolio.warnings:
        click.echo(locale.t("check.warnings_found", count=len(portfolio.warnings)), err=True)
        for warning in portfolio.warnings:
            click.echo(warning.render(locale), err=True)
    if _echo_privacy(private, locale):
        sys.exit(1)
    click.echo(locale.t(
        "check.ok", profiles=1, feedback=len(portfolio.feedback), pops=len(portfolio.pops),
        conversations=len(portfolio.conversations), reflections=len(portfolio.reflections),
    ))


@main.command(help=_help("cli.schema"))
@_config_option
@_lang_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help=_help("cli.output"))
def schema(config_file: Path | None, lang: str | None, output: Path | None) -> None:
    """Write the JSON Schemas of the YAML kinds for editors."""
    project, locale = _project(config_file, lang)
    folder = output or project.root / "schemas"
    refused = False
    for path, outcome in schema_files.write_schemas(folder, locale):
        click.echo(locale.t(f"schema.{outcome}", path=path), err=outcome == "refused")
        refused |= outcome == "refused"
    sys.exit(1 if refused else 0)


@main.command(help=_help("cli.evidence"))
@_config_option
@_lang_option
@click.option("--json", "as_json", is_flag=True, help=_help("cli.json"))
def evidence(config_file: Path | None, lang: str | None, as_json: bool) -> None:
    """Print the re-registration verdicts, as text or as JSON for scripts."""
    import json

    from .pages import describe

    project, locale = _project(config_file, lang)
    settings = project.settings(lang)
    try:
        today = today_from(settings.today)
    except ValueError as error:
        click.echo(locale.t("check.bad_today", value=str(error)), err=True)
        sys.exit(2)
    try:
        portfolio = load_portfolio(project.docs_dir)
    except PortfolioInvalid as invalid:
        click.echo(invalid.render(locale), err=True)
        sys.exit(1)
    result = evaluate(portfolio, today, settings.thresholds)
    def words(note):
        return describe(note, locale)

    if as_json:
        click.echo(json.dumps(result.to_dict(words), ensure_ascii=False, indent=2))
        return
    click.echo(locale.t("evidence.title") + ": " + locale.t(
        "profile.registration_period", start=locale.date(result.window_start), end=locale.date(result.window_end)))
    for key, verdict in result.verdicts.items():
        click.echo(f"- {locale.t('requirement.' + key)}: {locale.t('verdict.' + verdict.status)}. "
                   + " ".join(words(note) for note in verdict.notes))
    for note in result.advice:
        click.echo(f"  ! {words(note)}")


# --- Authoring and privacy: init, new, import-feedback, export, privacy ---------------------


def _privacy_scan(project: Project):
    from . import privacy

    return privacy.scan_portfolio(project.docs_dir)


def _echo_privacy(scan, locale: Locale) -> bool:
    """Print what the privacy scan found (to stderr); True if it found an error (a BSN)."""
    from . import privacy

    for line in privacy.report(scan.findings, locale):
        click.echo(line, err=True)
    return scan.has_errors


def _fail(locale: Locale, key: str, code: int = 1, **params) -> NoReturn:
    click.echo(locale.t(key, **params), err=True)
    sys.exit(code)


def _iso_date(value: str, locale: Locale, key: str, option: str) -> date:
    from .dates import parse_iso_date

    try:
        return parse_iso_date(value.strip())
    except ValueError:
        _fail(locale, key, 2, option=option, value=value)


def _today() -> date:
    """The date new records get: ``IFMS_TODAY`` when set (tests), else today. Not the plugin's
    ``today`` option: that judges the portfolio as of a day, it does not date new work."""
    return today_from(None)


def _shown(path: Path) -> str:
    from .problems import relative_display

    return relative_display(path)


def _folder(path: Path) -> str:
    return _shown(path).rstrip("/") + "/"


@main.command(name="new", help=_help("cli_authoring.new"))
@click.argument("kind", metavar=_help("cli_authoring.kind_metavar"))
@_config_option
@_lang_option
@click.option("--title", help=_help("cli_authoring.title"))
@click.option("--date", "day", help=_help("cli_authoring.date"))
@click.option("--type", "conversation_type", help=_help("cli_authoring.type"))
@click.option("--leader", help=_help("cli_authoring.leader"))
def new(kind: str, config_file: Path | None, lang: str | None, title: str | None,
        day: str | None, conversation_type: str | None, leader: str | None) -> None:
    """Create a record from a template and print its path."""
    from . import new_record
    from .record_draft import DraftInvalid

    project, locale = _project(config_file, lang)
    kind = new_record.ALIASES.get(kind.lower(), kind.lower())
    if kind not in new_record.KINDS:
        _fail(locale, "new.unknown_kind", 2, kind=kind)
    if kind != "conversation" and (conversation_type or leader):
        _fail(locale, "new.type_only_conversation", 2)
    if conversation_type and conversation_type not in new_record.CONVERSATION_TYPES:
        _fail(locale, "new.unknown_type", 2, value=conversation_type,
              known=", ".join(new_record.CONVERSATION_TYPES))
    if not project.docs_dir.is_dir():
        _fail(locale, "new.no_portfolio", path=_folder(project.docs_dir))
    request = new_record.NewRecord(
        kind, _iso_date(day, locale, "new.bad_date", "--date") if day else _today(),
        (title or "").strip() or None, conversation_type or "ifms", (leader or "").strip() or None)
    try:
        path = new_record.create(request, project.docs_dir, project.root / "schemas", locale)
    except DraftInvalid as invalid:
        _fail(locale, "new.invalid_template", detail=_problems(invalid, locale))
    click.echo(locale.t("new.created", kind=locale.t(f"kind.{kind}"), next=locale.t(f"new.next.{kind}")),
               err=True)
    click.echo(_shown(path))


def _problems(invalid, locale: Locale) -> str:
    return "; ".join(problem.render(locale) for problem in invalid.problems)


@main.command(help=_help("cli_authoring.privacy"))
@click.argument("files", nargs=-1, metavar=_help("cli_authoring.files_metavar"), type=click.Path(path_type=Path))
@_config_option
@_lang_option
@click.option("--staged", is_flag=True, help=_help("cli_authoring.staged"))
@click.option("--strict", is_flag=True, help=_help("cli_authoring.strict"))
def privacy(files: tuple[Path, ...], config_file: Path | None, lang: str | None, staged: bool,
            strict: bool) -> None:
    """Scan files, the staged changes or the portfolio for patient-identifying details."""
    from . import privacy as scanner

    if files or staged:
        try:
            project: Project | None = read_project(config_file)
        except ConfigProblem:
            project = None  # a hook may run where mkdocs.yml is not: judge the files alone
        locale = Locale(project.settings(lang).lang if project else lang)
    else:
        project, locale = _project(config_file, lang)
    if files and staged:
        _fail(locale, "privacy.both_sources", 2)
    if staged:
        try:
            scan = scanner.scan_staged()
        except scanner.NotARepository:
            _fail(locale, "privacy.not_a_repository", 2)
    elif files:
        for path in files:
            if not path.is_file():
                _fail(locale, "privacy.no_file", 2, path=_shown(path))
        scan = scanner.scan_files(files)
    else:
        scan = scanner.scan_portfolio(project.docs_dir)
    _echo_privacy(scan, locale)
    if not scan.findings:
        click.echo(locale.t("privacy.clean", files=scan.files))
    sys.exit(1 if scan.has_errors or (strict and scan.findings) else 0)
