"""The ``ifms`` command: check the portfolio without building the site, write JSON Schemas,
make the handout, new records and imports, and scan for patient details.

This module is the group and its wiring; the commands live by what they are for (``check``,
``handout``, ``authoring``, ``privacy``), what they share in ``context``. Every outcome is a
sentence for a person (a :class:`~ifms.cli.errors.Refusal` when a command says no); bad input
never ends in a Python traceback.
"""

from __future__ import annotations

import os
from typing import Any

import click

from ifms.cli import authoring, calendar, check, handout, privacy, site
from ifms.cli.context import HELP, Command, Session, shared_options, speak_click
from ifms.i18n.locale import Locale


class _Commands(click.Group):
    """The ``ifms`` group: its commands, their usage lines and click's messages in one language."""

    command_class = Command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        speak_click(Locale(os.environ.get("IFMS_LANG")).lang)
        return super().main(*args, **kwargs)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}, help=HELP("cli.main"),
             options_metavar=HELP("cli.options_metavar"), subcommand_metavar=HELP("cli.commands_metavar"))
@click.version_option(package_name="ifms-portfolio", help=HELP("cli.version"),
                      message=HELP("cli.version_message"))
@shared_options(envvar="IFMS_LANG")
@click.pass_context
def main(ctx: click.Context) -> None:
    """The ``ifms`` command group."""
    ctx.ensure_object(Session)


for _command in (check.check, check.evidence, check.schema, handout.pdf, calendar.calendar, authoring.init,
                 authoring.new, authoring.import_feedback, authoring.export, site.export_site, privacy.privacy):
    main.add_command(_command)
