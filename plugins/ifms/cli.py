"""The ``ifms`` command: check the portfolio without building the site, write JSON Schemas.

Every outcome is a sentence for a person; bad input never ends in a Python traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import schema as schema_files
from .load import load_portfolio
from .locale import SUPPORTED, Locale
from .problems import PortfolioInvalid
from .project import ConfigProblem, Project, read_project

_config_option = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path),
    help="Pad naar mkdocs.yml (standaard: in de huidige map).",
)
_lang_option = click.option(
    "--lang", type=click.Choice(SUPPORTED), envvar="IFMS_LANG",
    help="Taal van de meldingen: nl (standaard) of en.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ifms-portfolio")
def main() -> None:
    """IFMS-portfolio: controleren en hulpmiddelen naast 'mkdocs serve'."""


def _project(config_file: Path | None, lang: str | None) -> tuple[Project, Locale]:
    try:
        project = read_project(config_file)
    except ConfigProblem as problem:
        locale = Locale(lang)
        click.echo(locale.t(problem.key, **problem.params), err=True)
        sys.exit(2)
    return project, Locale(project.settings(lang).lang)


@main.command()
@_config_option
@_lang_option
def check(config_file: Path | None, lang: str | None) -> None:
    """Controleer het hele portfolio zonder de site te bouwen."""
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


@main.command()
@_config_option
@_lang_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Map voor de schema's (standaard: schemas/ naast mkdocs.yml).")
def schema(config_file: Path | None, lang: str | None, output: Path | None) -> None:
    """Schrijf JSON Schema's van de YAML-records, voor aanvullen en controleren in uw editor."""
    project, locale = _project(config_file, lang)
    folder = output or project.root / "schemas"
    refused = False
    for path, outcome in schema_files.write_schemas(folder, locale):
        click.echo(locale.t(f"schema.{outcome}", path=path), err=outcome == "refused")
        refused |= outcome == "refused"
    sys.exit(1 if refused else 0)
