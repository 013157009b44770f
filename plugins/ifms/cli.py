"""The ``ifms`` command: check the portfolio without building the site, write JSON Schemas.

Every outcome is a sentence for a person; bad input never ends in a Python traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import atomic
from . import schema as schema_files
from .dates import parse_iso_date, today_from
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
    try:
        portfolio = load_portfolio(project.docs_dir)
    except PortfolioInvalid as invalid:
        click.echo(invalid.render(locale), err=True)
        sys.exit(1)
    if portfolio.warnings:
        click.echo(locale.t("check.warnings_found", count=len(portfolio.warnings)), err=True)
        for warning in portfolio.warnings:
            click.echo(warning.render(locale), err=True)
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


@main.command(help=_help("cli_pdf.pdf"))
@_config_option
@_lang_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=_help("cli_pdf.output"))
@click.option("--from", "start", metavar="JJJJ-MM-DD", help=_help("cli_pdf.from"))
@click.option("--to", "end", metavar="JJJJ-MM-DD", help=_help("cli_pdf.to"))
@click.option("--kinds", metavar="evidence,feedback,...", help=_help("cli_pdf.kinds"))
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), help=_help("cli_pdf.html"))
def pdf(config_file: Path | None, lang: str | None, output: Path | None, start: str | None,
        end: str | None, kinds: str | None, html_file: Path | None) -> None:
    """Write the handout for the gespreksleider as a PDF; never over an existing file."""
    from .charts.cache import ChartCache
    from .handout import pdf as pdf_engine
    from .handout.document import Handout, MarkdownSetup
    from .handout.selection import SECTIONS, HandoutOptions, unknown_kinds
    from .pages import PageRenderer

    project, locale = _project(config_file, lang)
    settings = project.settings(lang)

    def fail(key: str, code: int = 2, **params) -> None:
        click.echo(locale.t(key, **params), err=True)
        sys.exit(code)

    days = {}
    for option, value in (("--from", start), ("--to", end)):
        try:
            days[option] = parse_iso_date(value) if value else None
        except ValueError:
            fail("handout.bad_date", option=option, value=value)
    chosen = tuple(kind.strip() for kind in kinds.split(",") if kind.strip()) if kinds else None
    for kind in unknown_kinds(chosen or ()):
        fail("handout.unknown_kind", kind=kind, known=", ".join(SECTIONS))
    options = HandoutOptions.from_options(project.plugin_options, start=days["--from"], end=days["--to"],
                                          kinds=chosen)
    if options.start and options.end and options.start > options.end:
        fail("handout.bad_range", start=locale.date(options.start), end=locale.date(options.end))
    today = today_from(settings.today)
    target = output or pdf_engine.free_name(project.root / f"ifms-portfolio-{today.isoformat()}.pdf")
    for path in (target, html_file):
        if path is not None and path.exists():
            fail("handout.exists", code=1, path=path)
    try:
        portfolio = load_portfolio(project.docs_dir)
        renderer = PageRenderer(portfolio, settings,
                                templates_dir=project.option_path("templates_dir", "site_templates"))
        handout = Handout(renderer, options, MarkdownSetup.from_mkdocs_yml(project.markdown_extensions))
        cache = ChartCache(project.option_path("cache_dir", ".cache/ifms") / "charts"
                           if project.plugin_options.get("cache", True) else None)
        charts = cache.start(handout.charts).result(prune=False)
        html = handout.document(charts, project.docs_dir)
    except PortfolioInvalid as invalid:
        click.echo(invalid.render(locale), err=True)
        sys.exit(1)
    for problem in handout.problems:
        click.echo(locale.t("handout.markdown_fallback", detail=problem), err=True)
    if html_file is not None:
        atomic.write_text(html_file, html)
        click.echo(locale.t("handout.html_written", path=html_file))
    try:
        rendered = pdf_engine.render(html, project.docs_dir)
    except pdf_engine.PdfEngineMissing as missing:
        fail("handout.engine_missing", code=3, detail=missing.detail)
    try:
        pdf_engine.write(rendered, target)
    except FileExistsError:
        fail("handout.exists", code=1, path=target)
    click.echo(locale.t("handout.written", path=target, pages=rendered.pages))
