"""``ifms pdf``: the handout for the gespreksleider, as a PDF that never replaces a file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ifms import atomic
from ifms.cli.context import HELP, Session, command, pass_session
from ifms.cli.errors import Refusal
from ifms.cli.privacy import echo_findings
from ifms.cli.types import IsoDate, NameList
from ifms.names import free_name
from ifms.options import SECTIONS
from ifms.problems import PortfolioInvalid

if TYPE_CHECKING:
    from ifms.handout.pdf import RenderedPdf


@command(help=HELP("cli_pdf.pdf"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar=HELP("cli.file_metavar"),
              help=HELP("cli_pdf.output"))
@click.option("--from", "start", type=IsoDate("handout.bad_date"), metavar=HELP("cli_pdf.date_metavar"),
              help=HELP("cli_pdf.from"))
@click.option("--to", "end", type=IsoDate("handout.bad_date"), metavar=HELP("cli_pdf.date_metavar"),
              help=HELP("cli_pdf.to"))
@click.option("--all", "everything", is_flag=True, help=HELP("cli_pdf.all"))
@click.option("--kinds", type=NameList("handout.unknown_kind", lambda: SECTIONS, word="kind"),
              metavar="evidence,feedback,...", help=HELP("cli_pdf.kinds"))
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar=HELP("cli.file_metavar"), help=HELP("cli_pdf.html"))
@click.option("--statement", is_flag=True, help=HELP("cli_pdf.statement"))
@pass_session
def pdf(session: Session, output: Path | None, start: date | None, end: date | None, everything: bool,
        kinds: tuple[str, ...] | None, html_file: Path | None, statement: bool) -> None:
    """Write the handout for the gespreksleider as a PDF; never over an existing file."""
    if statement:
        _statement(session, output, html_file)
        return
    from ifms.charts.cache import ChartCache
    from ifms.handout import pdf as pdf_engine
    from ifms.handout.document import MarkdownSetup
    from ifms.handout.selection import HandoutOptions
    from ifms.site_plan.plan import SitePlan, SiteSetup

    project, settings, locale = session.project, session.options, session.locale
    options = HandoutOptions.from_options(settings, start=start, end=end, kinds=kinds, everything=everything)
    if options.start and options.end and options.start > options.end:
        raise Refusal("handout.bad_range", 2, start=locale.date(options.start), end=locale.date(options.end))
    assert settings.today is not None
    name = f"ifms-portfolio-{settings.today.isoformat()}.pdf"
    target = output or free_name(project.root / pdf_engine.HANDOUT_FOLDER / name)
    for path in (target, html_file):
        if path is not None and path.exists():
            raise Refusal("handout.exists", path=path)
    for path in (output, html_file):  # before seconds of rendering: a typo in the folder
        if path is not None:
            refuse_unwritable(path)
    try:
        chosen_options = settings.model_copy(update={
            "pdf_from": options.start, "pdf_to": options.end, "pdf_kinds": options.kinds,
            "pdf_all": options.everything})
        plan = SitePlan(project.docs_dir, chosen_options, SiteSetup(
            templates_dir=project.option_path(settings.templates_dir), handout=True,
            markdown=MarkdownSetup.from_mkdocs_yml(project.markdown_extensions)))
        handout = plan.handout
        assert handout is not None
        private = handout.privacy_scan()
        echo_findings(private, locale)
        pdf_engine.refuse_bsn(private)
        cache = ChartCache(project.option_path(settings.cache_dir) / "charts" if settings.cache else None)
        charts = cache.start(handout.charts).result(prune=False)
        if html_file is not None:
            with told_if_unwritten(html_file):
                atomic.write_text(html_file, handout.document(charts, project.docs_dir))
            click.echo(locale.t("handout.html_written", path=html_file))
        rendered = pdf_engine.make(handout, charts, project.docs_dir, scan=private)
    except PortfolioInvalid as invalid:
        raise Refusal.rendered(invalid.render) from None
    except pdf_engine.PdfRefused:
        raise Refusal("handout.bsn_refused") from None
    except pdf_engine.PdfEngineMissing as missing:
        raise Refusal("handout.engine_missing", 3, detail=missing.detail) from None
    for problem in handout.problems:
        click.echo(locale.t("handout.markdown_fallback", detail=problem), err=True)
    _write(rendered, target, chosen=output is not None, comment=locale.t("handout.gitignore_comment"))
    click.echo(locale.t("handout.written", path=target, pages=rendered.pages))


def _statement(session: Session, output: Path | None, html_file: Path | None) -> None:
    """The one-page participation statement: facts of each complete trajectory, no content."""
    from ifms.handout import pdf as pdf_engine
    from ifms.handout import statement
    from ifms.site_plan.plan import SitePlan, SiteSetup

    project, settings, locale = session.project, session.options, session.locale
    assert settings.today is not None
    target = output or free_name(project.root / pdf_engine.HANDOUT_FOLDER / f"ifms-verklaring-{settings.today}.pdf")
    for path in (target, html_file):
        if path is not None and path.exists():
            raise Refusal("handout.exists", path=path)
    for path in (output, html_file):
        if path is not None:
            refuse_unwritable(path)
    try:
        setup = SiteSetup(templates_dir=project.option_path(settings.templates_dir))
        plan = SitePlan(project.docs_dir, settings, setup)
        evidence = plan.renderer.evidence
        private = statement.privacy_scan(plan.renderer, evidence)
        echo_findings(private, locale)
        if private.has_errors:
            raise Refusal("statement.bsn_refused")
        if html_file is not None:
            with told_if_unwritten(html_file):
                atomic.write_text(html_file, statement.document(plan.renderer, evidence))
            click.echo(locale.t("handout.html_written", path=html_file))
        rendered = statement.make(plan.renderer, evidence, project.docs_dir, scan=private)
    except PortfolioInvalid as invalid:
        raise Refusal.rendered(invalid.render) from None
    except statement.NoCompleteTrajectory:
        raise Refusal("statement.none") from None
    except pdf_engine.PdfEngineMissing as missing:
        raise Refusal("handout.engine_missing", 3, detail=missing.detail) from None
    _write(rendered, target, chosen=output is not None, comment=locale.t("handout.gitignore_comment"))
    click.echo(locale.t("statement.written", path=target, count=len(statement.participations(evidence))))


def _write(rendered: RenderedPdf, target: Path, *, chosen: bool, comment: str) -> None:
    """Write a PDF that never replaces a file; into a folder git ignores unless the
    specialist chose the file (``-o``)."""
    from ifms.handout import pdf as pdf_engine

    try:
        with told_if_unwritten(target):
            if not chosen:
                pdf_engine.ignored_by_git(target.parent, comment)
            pdf_engine.write(rendered, target)
    except FileExistsError:
        raise Refusal("handout.exists", path=target) from None


def refuse_unwritable(path: Path) -> None:
    """A refusal if the file given cannot go where it was asked: the folder is missing (a
    typo is not made into a folder) or not writable."""
    folder = path.parent
    if not folder.is_dir():
        raise Refusal("handout.no_folder", folder=f"{folder}/", path=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Refusal("handout.folder_not_writable", folder=f"{folder}/", path=path)


@contextmanager
def told_if_unwritten(path: Path) -> Iterator[None]:
    """A failed write (a full disk, a folder that says no) as a refusal; the atomic write left
    nothing of the file behind. A file that exists is the caller's to tell."""
    try:
        yield
    except FileExistsError:
        raise
    except OSError as error:
        raise Refusal("handout.write_failed", path=path, detail=error.strerror or type(error).__name__) from None
