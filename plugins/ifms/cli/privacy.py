"""``ifms privacy``: look for BSNs and other patient details in files, in what is staged for
the next commit, or in the whole portfolio; and install that check as git's pre-commit hook."""

from __future__ import annotations

from pathlib import Path

import click

from ifms.cli.context import HELP, Session, command, exit_with, pass_session, shown
from ifms.cli.errors import Refusal
from ifms.i18n.locale import Locale


def findings_text(scan, locale: Locale) -> list[str]:
    """What the privacy scan found, one line each."""
    from ifms.privacy import scan as privacy

    return list(privacy.report(scan.findings, locale))


def echo_findings(scan, locale: Locale) -> bool:
    """Print what the privacy scan found (to stderr); True if it found an error (a BSN)."""
    for line in findings_text(scan, locale):
        click.echo(line, err=True)
    return scan.has_errors


def _install_hook(locale: Locale) -> None:
    from ifms.privacy import git_hook

    try:
        outcome, path = git_hook.install()
    except git_hook.NotARepository:
        raise Refusal("privacy.hook_no_repository", 2) from None
    foreign = outcome is git_hook.Outcome.FOREIGN
    click.echo(locale.t(f"privacy.hook_{outcome.value}", path=shown(path)), err=foreign)
    exit_with(1 if foreign else 0)


@command(help=HELP("cli_authoring.privacy"))
@click.argument("files", nargs=-1, metavar=HELP("cli_authoring.files_metavar"), type=click.Path(path_type=Path))
@click.option("--staged", is_flag=True, help=HELP("cli_authoring.staged"))
@click.option("--strict", is_flag=True, help=HELP("cli_authoring.strict"))
@click.option("--install-hook", is_flag=True, help=HELP("cli_authoring.install_hook"))
@pass_session
def privacy(session: Session, files: tuple[Path, ...], staged: bool, strict: bool, install_hook: bool) -> None:
    """Scan files, the staged changes or the portfolio for patient-identifying details."""
    from ifms.privacy import scan as scanner

    # Files and the staged changes are judged where mkdocs.yml is not too (a hook runs
    # anywhere); the whole portfolio needs mkdocs.yml to be found.
    locale = session.lenient_locale() if files or staged or install_hook else session.locale
    if install_hook:
        if files or staged:
            raise Refusal("privacy.hook_alone", 2)
        _install_hook(locale)
        return
    if files and staged:
        raise Refusal("privacy.both_sources", 2)
    if staged:
        try:
            scan = scanner.scan_staged()
        except scanner.NotARepository:
            raise Refusal("privacy.not_a_repository", 2) from None
    elif files:
        for path in files:
            if not path.is_file():
                raise Refusal("privacy.no_file", 2, path=shown(path))
        scan = scanner.scan_files(files)
    else:
        scan = scanner.scan_portfolio(session.project.docs_dir)
    echo_findings(scan, locale)
    if not scan.findings:
        click.echo(locale.t("privacy.clean", files=scan.files))
    exit_with(1 if scan.has_errors or (strict and scan.findings) else 0)
