"""``ifms calendar``: the portfolio's dates as an iCalendar file for the specialist's agenda.

The file is written again on every run, so that importing it again updates the agenda; it
only ever replaces a file this command wrote (recognised by its PRODID), never one of the
specialist's. Without ``-o`` it goes into ``handouts/``, which git ignores: an agenda names
actions and dates of the portfolio, and is not committed by accident.
"""

from __future__ import annotations

from pathlib import Path

import click

from ifms.cli.check import load_or_refuse
from ifms.cli.context import HELP, Session, command, pass_session
from ifms.cli.errors import Refusal
from ifms.cli.handout import refuse_unwritable, told_if_unwritten
from ifms.cli.privacy import echo_findings

CALENDAR_NAME = "ifms-agenda.ics"


@command(help=HELP("cli_calendar.calendar"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar=HELP("cli.file_metavar"),
              help=HELP("cli_calendar.output"))
@pass_session
def calendar(session: Session, output: Path | None) -> None:
    """Write (or bring up to date) the iCalendar file of actions, conversations and deadlines."""
    from ifms import atomic
    from ifms.handout import pdf as pdf_engine
    from ifms.privacy import scan as privacy
    from ifms.report import calendar as agenda
    from ifms.rules import evaluate

    project, settings, locale = session.project, session.options, session.locale
    assert settings.today is not None
    target = output or project.root / pdf_engine.HANDOUT_FOLDER / CALENDAR_NAME
    replace = _replaceable(target)
    if output is not None:
        refuse_unwritable(output)
    portfolio = load_or_refuse(session)
    evidence = evaluate(portfolio, settings.today, settings.thresholds)
    # The files the events are taken from: a BSN in them must not reach an agenda service.
    sources = [record for record in [portfolio.profile, *portfolio.pops, *portfolio.conversations] if record]
    private = privacy.scan_files([project.docs_dir / record.path for record in sources])
    echo_findings(private, locale)
    if private.has_errors:
        raise Refusal("calendar.bsn_refused")
    found = agenda.events(portfolio, evidence, locale)
    data = agenda.ics(found, locale, settings.today)
    with told_if_unwritten(target):
        if output is None:
            pdf_engine.ignored_by_git(target.parent, locale.t("handout.gitignore_comment"))
        try:
            atomic.write_bytes(target, data, replace=replace)
        except FileExistsError:  # made meanwhile
            raise Refusal("calendar.exists", path=target) from None
    click.echo(locale.t("calendar.written", path=target, count=len(found)))


def _replaceable(target: Path) -> bool:
    """Whether ``target`` may be written over: it does not exist (False: nothing to replace),
    or it is a calendar this command wrote (True). Anything else is refused."""
    from ifms.report import calendar as agenda

    if not target.exists() and not target.is_symlink():
        return False
    start = b""
    if target.is_file():  # never opened otherwise: a pipe would wait forever
        try:
            with target.open("rb") as file:
                start = file.read(1000)
        except OSError:
            pass
    if not agenda.written_by_us(start):
        raise Refusal("calendar.exists", path=target)
    return True
