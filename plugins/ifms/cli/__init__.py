"""The ``ifms`` command: check the portfolio without building the site, write JSON Schemas.

Every outcome is a sentence for a person; bad input never ends in a Python traceback.
"""

from __future__ import annotations

import gettext
import os
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import NoReturn, get_args

import click

from ifms import atomic
from ifms.authoring import schema as schema_files
from ifms.records.dates import parse_iso_date
from ifms.records.load import load_portfolio
from ifms.i18n.locale import SUPPORTED, Locale
from ifms.options import Options, OptionsInvalid, day_from_environment
from ifms.problems import PortfolioInvalid
from ifms.source.mkdocs_yml import ConfigProblem, Project, read_project
from ifms.rules import evaluate

# Help texts are read before any option is parsed, so their language comes from IFMS_LANG.
_LOCALE = Locale(os.environ.get("IFMS_LANG"))
_help = _LOCALE.t
CLICK_DOMAIN = "ifms-click"

_config_option = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), metavar=_help("cli.file_metavar"),
    help=_help("cli.config_file"),
)
_lang_option = click.option(
    "--lang", type=click.Choice(SUPPORTED), envvar="IFMS_LANG", help=_help("cli.lang"),
)


def _click_speaks(lang: str) -> None:
    """Click's own words (Usage, Options, Error: ...) in the language of ours.

    Click asks gettext for them, which is how click means to be translated. Our catalogue for
    it has a gettext domain of its own, and ``LANGUAGE`` tells gettext the language, for this
    process only; English has no catalogue, so click's own words stay.
    """
    gettext.bindtextdomain(CLICK_DOMAIN, str(resources.files("ifms.i18n").joinpath("locales", "click")))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = lang


class _Command(click.Command):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", _help("cli.options_metavar"))
        super().__init__(*args, **kwargs)


class _Commands(click.Group):
    """The ``ifms`` group: its commands, their usage lines and click's messages in one language."""

    command_class = _Command

    def main(self, *args, **kwargs):
        _click_speaks(_LOCALE.lang)
        return super().main(*args, **kwargs)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}, help=_help("cli.main"),
             options_metavar=_help("cli.options_metavar"), subcommand_metavar=_help("cli.commands_metavar"))
@click.version_option(package_name="ifms-portfolio", help=_help("cli.version"),
                      message=_help("cli.version_message"))
def main() -> None:
    """The ``ifms`` command group."""


def _project(config_file: Path | None, lang: str | None) -> tuple[Project, Locale]:
    project, _, locale = _project_options(config_file, lang)
    return project, locale


def _project_options(config_file: Path | None, lang: str | None) -> tuple[Project, Options, Locale]:
    """mkdocs.yml, the plugin's options in it (validated, settled) and the language to speak."""
    try:
        project = read_project(config_file)
    except ConfigProblem as problem:
        locale = Locale(lang)
        click.echo(locale.t(problem.key, **problem.params), err=True)
        sys.exit(2)
    try:
        options = project.options(lang)
    except OptionsInvalid as invalid:
        locale = Locale(lang or project.theme_language)
        click.echo(invalid.render(locale, _shown(project.config_file)), err=True)
        sys.exit(2)
    locale = Locale(options.lang)
    for name in options.deprecated:
        click.echo(locale.t("options.deprecated", option=name, value=getattr(options.rules, name),
                            source=_shown(project.config_file)), err=True)
    return project, options, locale


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
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), metavar=_help("cli.folder_metavar"),
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

    from ifms.report.wording import describe

    project, settings, locale = _project_options(config_file, lang)
    assert settings.today is not None
    today = settings.today
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


@main.command(help=_help("cli_pdf.pdf"))
@_config_option
@_lang_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar=_help("cli.file_metavar"),
              help=_help("cli_pdf.output"))
@click.option("--from", "start", metavar=_help("cli_pdf.date_metavar"), help=_help("cli_pdf.from"))
@click.option("--to", "end", metavar=_help("cli_pdf.date_metavar"), help=_help("cli_pdf.to"))
@click.option("--all", "everything", is_flag=True, help=_help("cli_pdf.all"))
@click.option("--kinds", metavar="evidence,feedback,...", help=_help("cli_pdf.kinds"))
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar=_help("cli.file_metavar"), help=_help("cli_pdf.html"))
def pdf(config_file: Path | None, lang: str | None, output: Path | None, start: str | None,
        end: str | None, everything: bool, kinds: str | None, html_file: Path | None) -> None:
    """Write the handout for the gespreksleider as a PDF; never over an existing file."""
    from ifms.charts.cache import ChartCache
    from ifms.handout import pdf as pdf_engine
    from ifms.handout.document import MarkdownSetup
    from ifms.handout.selection import SECTIONS, HandoutOptions, unknown_kinds
    from ifms.site_plan.plan import SitePlan, SiteSetup

    project, settings, locale = _project_options(config_file, lang)

    first = _iso_date(start, locale, "handout.bad_date", "--from") if start else None
    last = _iso_date(end, locale, "handout.bad_date", "--to") if end else None
    chosen = tuple(kind.strip() for kind in kinds.split(",") if kind.strip()) if kinds else None
    for kind in unknown_kinds(chosen or ()):
        _fail(locale, "handout.unknown_kind", 2, kind=kind, known=", ".join(SECTIONS))
    options = HandoutOptions.from_options(settings, start=first, end=last,
                                          kinds=chosen, everything=everything)
    if options.start and options.end and options.start > options.end:
        _fail(locale, "handout.bad_range", 2, start=locale.date(options.start), end=locale.date(options.end))
    today = settings.today
    assert today is not None
    target = output or pdf_engine.free_name(project.root / f"ifms-portfolio-{today.isoformat()}.pdf")
    for path in (target, html_file):
        if path is not None and path.exists():
            _fail(locale, "handout.exists", path=path)
    try:
        chosen_options = settings.model_copy(update={
            "pdf_from": options.start, "pdf_to": options.end, "pdf_kinds": options.kinds,
            "pdf_all": options.everything})
        plan = SitePlan(project.docs_dir, chosen_options, SiteSetup(
            templates_dir=project.option_path(settings.templates_dir), pdf_in_site=True,
            markdown=MarkdownSetup.from_mkdocs_yml(project.markdown_extensions)))
        handout = plan.handout
        assert handout is not None
        private = handout.privacy_scan()
        _echo_privacy(private, locale)
        pdf_engine.refuse_bsn(private)
        cache = ChartCache(project.option_path(settings.cache_dir) / "charts" if settings.cache else None)
        charts = cache.start(handout.charts).result(prune=False)
        if html_file is not None:
            atomic.write_text(html_file, handout.document(charts, project.docs_dir))
            click.echo(locale.t("handout.html_written", path=html_file))
        rendered = pdf_engine.make(handout, charts, project.docs_dir, scan=private)
    except PortfolioInvalid as invalid:
        click.echo(invalid.render(locale), err=True)
        sys.exit(1)
    except pdf_engine.PdfRefused:
        _fail(locale, "handout.bsn_refused")
    except pdf_engine.PdfEngineMissing as missing:
        _fail(locale, "handout.engine_missing", 3, detail=missing.detail)
    for problem in handout.problems:
        click.echo(locale.t("handout.markdown_fallback", detail=problem), err=True)
    try:
        pdf_engine.write(rendered, target)
    except FileExistsError:
        _fail(locale, "handout.exists", path=target)
    click.echo(locale.t("handout.written", path=target, pages=rendered.pages))


# --- Authoring and privacy: init, new, import-feedback, export, privacy ---------------------


def _install_hook(locale: Locale, *, refused: bool) -> NoReturn:
    from ifms.privacy import git_hook

    if refused:
        _fail(locale, "privacy.hook_alone", 2)
    try:
        outcome, path = git_hook.install()
    except git_hook.NotARepository:
        _fail(locale, "privacy.hook_no_repository", 2)
    message = locale.t(f"privacy.hook_{outcome.value}", path=_shown(path))
    foreign = outcome is git_hook.Outcome.FOREIGN
    click.echo(message, err=foreign)
    sys.exit(1 if foreign else 0)


def _privacy_scan(project: Project):
    from ifms.privacy import scan as privacy

    return privacy.scan_portfolio(project.docs_dir)


def _echo_privacy(scan, locale: Locale) -> bool:
    """Print what the privacy scan found (to stderr); True if it found an error (a BSN)."""
    from ifms.privacy import scan as privacy

    for line in privacy.report(scan.findings, locale):
        click.echo(line, err=True)
    return scan.has_errors


def _fail(locale: Locale, key: str, code: int = 1, **params) -> NoReturn:
    click.echo(locale.t(key, **params), err=True)
    sys.exit(code)


def _iso_date(value: str, locale: Locale, key: str, option: str) -> date:
    try:
        return parse_iso_date(value.strip())
    except ValueError:
        _fail(locale, key, 2, option=option, value=value)


def _today() -> date:
    """The date new records get: ``IFMS_TODAY`` when set (tests), else today. Not the plugin's
    ``today`` option: that judges the portfolio as of a day, it does not date new work."""
    try:
        return day_from_environment()
    except OptionsInvalid as invalid:
        click.echo(invalid.render(_LOCALE, "IFMS_TODAY"), err=True)
        sys.exit(2)


def _shown(path: Path) -> str:
    from ifms.problems import relative_display

    return relative_display(path)


def _folder(path: Path) -> str:
    return _shown(path).rstrip("/") + "/"


@main.command(help=_help("cli_authoring.init"))
@_config_option
@_lang_option
@click.option("--name", help=_help("cli_authoring.name"))
@click.option("--specialty", help=_help("cli_authoring.specialty"))
@click.option("--expiry", help=_help("cli_authoring.expiry"))
@click.option("-y", "--yes", is_flag=True, help=_help("cli_authoring.yes"))
def init(config_file: Path | None, lang: str | None, name: str | None, specialty: str | None,
         expiry: str | None, yes: bool) -> None:
    """Turn a fresh copy of the project into the specialist's own, empty portfolio."""
    from ifms.authoring import init as scaffold
    from ifms.authoring.draft import DraftInvalid

    project, locale = _project(config_file, lang)
    docs = project.docs_dir
    interactive = sys.stdin.isatty()
    if docs.exists() and not docs.is_dir():
        _fail(locale, "init.not_a_folder", path=_folder(docs))
    aside = None
    if not scaffold.is_empty(docs):
        changed = scaffold.differences_from_example(docs)
        aside = scaffold.aside_folder(docs, not changed, _today())
        if aside.exists():
            _fail(locale, "init.aside_exists", aside=_folder(aside))
        if changed and not yes:
            about = {"path": _folder(docs), "count": len(changed), "examples": ", ".join(changed[:3]),
                     "aside": _folder(aside)}
            if not interactive:
                click.echo(locale.t("init.not_example", **about), err=True)
                _fail(locale, "init.use_yes", aside=_folder(aside))
            if not _confirm(locale.t("init.confirm_move", **about), locale):
                _fail(locale, "init.cancelled")

    answers = {"--name": name, "--specialty": specialty, "--expiry": expiry}
    missing = [option for option, value in answers.items() if value is None]
    if missing and not interactive:
        _fail(locale, "init.missing", 2, options=", ".join(missing))
    if name is None:
        name = click.prompt(locale.t("init.ask_name"))
    if specialty is None:
        specialty = click.prompt(locale.t("init.ask_specialty"))
    if expiry is None:
        expires = click.prompt(locale.t("init.ask_expiry"),
                               value_proc=lambda text: _prompted_date(text, locale))
    else:
        expires = _iso_date(expiry, locale, "init.bad_date", "--expiry")
    for option, value in (("--name", name), ("--specialty", specialty)):
        if not value.strip():
            _fail(locale, "init.empty_value", 2, option=option)

    owner = scaffold.Owner(name.strip(), specialty.strip(), expires)
    files = scaffold.skeleton(owner, locale, project.root / "schemas", docs)
    try:
        scaffold.build(docs, files, aside)
    except DraftInvalid as invalid:
        _fail(locale, "new.invalid_template", detail=_problems(invalid, locale))
    if aside is not None:
        click.echo(locale.t("init.moved_example" if aside.name == scaffold.EXAMPLE_ASIDE
                            else "init.moved_own", aside=_folder(aside)))
    click.echo(locale.t("init.created", path=_folder(docs)))
    click.echo(locale.t("init.next", profile=_shown(docs / scaffold.PROFILE_FILE),
                        privacy=_shown(docs / scaffold.PRIVACY_PAGE)))


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
    try:
        return parse_iso_date(text.strip())
    except ValueError:
        raise click.UsageError(locale.t("init.bad_answer_date", value=text)) from None


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
    from ifms.authoring import new_record
    from ifms.authoring.draft import DraftInvalid

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


@main.command(name="import-feedback", help=_help("cli_authoring.import_feedback"))
@click.argument("report", metavar=_help("cli_authoring.report_metavar"), type=click.Path(path_type=Path))
@_config_option
@_lang_option
@click.option("--scale", help=_help("cli_authoring.scale"))
@click.option("--date", "day", help=_help("cli_authoring.report_date"))
@click.option("--instrument", default="msf", show_default=True, help=_help("cli_authoring.instrument"))
@click.option("--title", help=_help("cli_authoring.title"))
@click.option("--provider", help=_help("cli_authoring.provider"))
@click.option("--existing", is_flag=True, help=_help("cli_authoring.existing"))
@click.option("--format", "layout", default="auto", show_default=True, help=_help("cli_authoring.layout"))
@click.option("--themes", is_flag=True, help=_help("cli_authoring.themes"))
@click.option("-o", "--output", help=_help("cli_authoring.record_output"))
def import_feedback(report: Path, config_file: Path | None, lang: str | None, scale: str | None,
                    day: str | None, instrument: str, title: str | None, provider: str | None,
                    existing: bool, layout: str, themes: bool, output: str | None) -> None:
    """Read a feedback tool's CSV export into a new feedback record."""
    from ifms import atomic
    from ifms.authoring import new_record, file_names as record_names
    from ifms.authoring.feedback_import import (
        ImportFailed,
        RoundDetails,
        feedback_yaml,
        parse_scale,
        read_table,
    )
    from ifms.records.model import FeedbackRound
    from ifms.authoring.draft import DraftInvalid

    project, locale = _project(config_file, lang)
    if scale is None:
        _fail(locale, "import.missing_scale", 2)
    try:
        low_high = parse_scale(scale)
    except ValueError:
        _fail(locale, "import.bad_scale", 2, value=scale)
    instruments = get_args(FeedbackRound.model_fields["instrument"].annotation)
    if instrument not in instruments:
        _fail(locale, "import.unknown_instrument", 2, value=instrument, known=", ".join(instruments))
    layout = {"lang": "long", "breed": "wide"}.get(layout, layout)
    if layout not in ("auto", "long", "wide"):
        _fail(locale, "import.unknown_layout", 2, value=layout)
    details = RoundDetails(
        _iso_date(day, locale, "import.bad_date", "--date") if day else _today(), low_high, instrument,
        (title or "").strip() or None, existing, (provider or "").strip() or None)
    if not report.is_file():
        _fail(locale, "import.no_file", 2, path=_shown(report))
    target = Path(output) if output and output != "-" else None
    if target is not None and target.exists():
        _fail(locale, "import.output_exists", path=_shown(target))
    try:
        table = read_table(report, _shown(report), scale=low_high, layout=layout, themes=themes)
    except ImportFailed as failed:
        for problem in failed.problems:
            click.echo(problem.render(locale), err=True)
        _fail(locale, "import.nothing_written")

    docs = project.docs_dir
    folder = target.parent if target else docs / new_record.folder_for("feedback", new_record.survey(docs))
    schema = new_record.schema_ref(project.root / "schemas", "feedback", folder.resolve())
    try:
        text = feedback_yaml(table, details, schema_line=new_record.schema_line(schema),
                             source_name=report.name, locale=locale)
    except DraftInvalid as invalid:
        _fail(locale, "new.invalid_template", detail=_problems(invalid, locale))
    if output == "-":
        click.echo(text, nl=False)
        return
    if target is None:
        stem = f"{details.day.isoformat()}-{record_names.slugify(details.title_in(locale)) or 'feedback'}"
        target = record_names.write_new(folder, stem, ".yml", text)
    else:
        try:
            atomic.write_text(target, text)
        except FileExistsError:
            _fail(locale, "import.output_exists", path=_shown(target))
    click.echo(locale.t("import.written", groups=len(table.groups),
                        scores=sum(len(g.scores) for g in table.groups.values()),
                        layout=locale.t(f"import.layout_{table.layout}")), err=True)
    click.echo(_shown(target))


@main.command(help=_help("cli_authoring.export"))
@_config_option
@_lang_option
@click.option("--json", "as_json", is_flag=True, default=True, help=_help("cli_authoring.export_json"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar=_help("cli.file_metavar"),
              help=_help("cli_authoring.export_output"))
def export(config_file: Path | None, lang: str | None, as_json: bool, output: Path | None) -> None:
    """Write the whole portfolio as one JSON document (data portability)."""
    from ifms import atomic
    from ifms.authoring.export import portfolio_document, to_json

    project, locale = _project(config_file, lang)
    if output is not None and output.exists():
        _fail(locale, "export.output_exists", path=_shown(output))
    try:
        portfolio = load_portfolio(project.docs_dir)
    except PortfolioInvalid as invalid:
        click.echo(invalid.render(locale), err=True)
        sys.exit(1)
    text = to_json(portfolio_document(portfolio, _today()))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic.write_text(output, text)
    except FileExistsError:
        _fail(locale, "export.output_exists", path=_shown(output))
    click.echo(locale.t("export.written", path=_shown(output), records=len(portfolio.records())),
               err=True)


@main.command(help=_help("cli_authoring.privacy"))
@click.argument("files", nargs=-1, metavar=_help("cli_authoring.files_metavar"), type=click.Path(path_type=Path))
@_config_option
@_lang_option
@click.option("--staged", is_flag=True, help=_help("cli_authoring.staged"))
@click.option("--strict", is_flag=True, help=_help("cli_authoring.strict"))
@click.option("--install-hook", is_flag=True, help=_help("cli_authoring.install_hook"))
def privacy(files: tuple[Path, ...], config_file: Path | None, lang: str | None, staged: bool,
            strict: bool, install_hook: bool) -> None:
    """Scan files, the staged changes or the portfolio for patient-identifying details."""
    from ifms.privacy import scan as scanner

    if files or staged or install_hook:
        try:
            project: Project | None = read_project(config_file)
        except ConfigProblem:
            project = None  # a hook may run where mkdocs.yml is not: judge the files alone
        locale = Locale(lang or (project.theme_language if project else None))
        if project is not None:
            try:
                locale = Locale(project.options(lang).lang)
            except OptionsInvalid:
                pass  # the scan does not depend on the options: judge the files all the same
    else:
        project, locale = _project(config_file, lang)
    if install_hook:
        _install_hook(locale, refused=bool(files or staged))
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
