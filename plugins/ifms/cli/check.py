"""``ifms check``, ``ifms evidence``, ``ifms schema``: judge the portfolio as the site build
would, without building it, and give editors the JSON Schemas of the records."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from ifms.authoring import schema as schema_files
from ifms.cli.context import HELP, Session, command, exit_with, pass_session
from ifms.cli.errors import Refusal
from ifms.cli.privacy import echo_findings, findings_text
from ifms.i18n.locale import Locale
from ifms.problems import PortfolioInvalid
from ifms.records.load import load_portfolio
from ifms.rules import evaluate


@command(help=HELP("cli.check"))
@pass_session
def check(session: Session) -> None:
    """Validate the portfolio as the site build would, without building it."""
    from ifms.privacy import scan as privacy

    project, locale = session.project, session.locale
    private = privacy.scan_portfolio(project.docs_dir)
    try:
        portfolio = load_portfolio(project.docs_dir, generated_pages=session.options.named_pages())
    except PortfolioInvalid as invalid:
        # The portfolio's errors first, then what the privacy scan found: both need fixing.
        raise Refusal.rendered(partial(_with_findings, invalid, private)) from None
    if portfolio.warnings:
        click.echo(locale.t("check.warnings_found", count=len(portfolio.warnings)), err=True)
        for warning in portfolio.warnings:
            click.echo(warning.render(locale), err=True)
    if echo_findings(private, locale):
        exit_with(1)
    click.echo(locale.t(
        "check.ok", profiles=1, feedback=len(portfolio.feedback), pops=len(portfolio.pops),
        conversations=len(portfolio.conversations), reflections=len(portfolio.reflections),
    ))


@command(help=HELP("cli.schema"))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), metavar=HELP("cli.folder_metavar"),
              help=HELP("cli.output"))
@pass_session
def schema(session: Session, output: Path | None) -> None:
    """Write the JSON Schemas of the YAML kinds for editors (which need none of the options)."""
    locale = session.lenient_locale()
    folder = output or session.project.root / "schemas"
    refused = False
    for path, outcome in schema_files.write_schemas(folder, locale):
        click.echo(locale.t(f"schema.{outcome}", path=path), err=outcome == "refused")
        refused |= outcome == "refused"
    exit_with(1 if refused else 0)


@command(help=HELP("cli.evidence"))
@click.option("--json", "as_json", is_flag=True, help=HELP("cli.json"))
@pass_session
def evidence(session: Session, as_json: bool) -> None:
    """Print the re-registration verdicts, as text or as JSON for scripts."""
    import json

    from ifms.report.wording import describe

    settings, locale = session.options, session.locale
    assert settings.today is not None
    portfolio = load_or_refuse(session)
    result = evaluate(portfolio, settings.today, settings.thresholds)

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


def _with_findings(invalid: PortfolioInvalid, private, locale: Locale) -> str:
    return "\n".join([invalid.render(locale), *findings_text(private, locale)])


def load_or_refuse(session: Session):
    """The portfolio, or a refusal naming every error in it (exit code 1)."""
    try:
        return load_portfolio(session.project.docs_dir)
    except PortfolioInvalid as invalid:
        raise Refusal.rendered(invalid.render) from None
