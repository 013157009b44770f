"""``ifms export-site DIR``: the portfolio as a plain Markdown site, built without the plugin."""

from __future__ import annotations

from pathlib import Path

import click

from ifms.cli.context import HELP, Session, command, pass_session, shown
from ifms.cli.errors import Refusal
from ifms.problems import PortfolioInvalid


@command(name="export-site", help=HELP("export_site.help"))
@click.argument("target", metavar=HELP("export_site.folder_metavar"),
                type=click.Path(file_okay=False, path_type=Path))
@pass_session
def export_site(session: Session, target: Path) -> None:
    """Write the site plan as Markdown, pictures and a mkdocs.yml without the ifms plugin."""
    from ifms.site_plan.export import ExportRefused, export_project
    from ifms.site_plan.plan import PageTaken

    project, options, locale = session.project, session.options, session.locale
    try:
        exported = export_project(project, options, target)
    except ExportRefused as refused:
        raise Refusal(f"export_site.{refused.key}", 1, path=shown(target), detail=refused.detail) from None
    except PortfolioInvalid as invalid:
        raise Refusal.rendered(invalid.render) from None
    except PageTaken as taken:
        message = taken.message  # in the plan's language already
        raise Refusal.rendered(lambda _locale: message) from None
    click.echo(locale.t("export_site.written", path=shown(exported.folder), pages=exported.pages))
