"""What every ``ifms`` command shares: the session (mkdocs.yml, the plugin's options and the
language, each read once and only when a command needs it), the ``-f``/``--lang`` options
that fill it, and the language of click's own words.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click

from ifms.cli.errors import Refusal
from ifms.i18n.locale import SUPPORTED, Locale
from ifms.options import Options, OptionsInvalid, day_from_environment
from ifms.source.mkdocs_yml import ConfigProblem, Project, read_project

# Help texts are read before any option is parsed, so their language comes from IFMS_LANG.
HELP = Locale(os.environ.get("IFMS_LANG")).t
CLICK_DOMAIN = "ifms-click"

F = TypeVar("F", bound=Callable[..., Any])


def speak_click(lang: str) -> None:
    """Click's own words (Usage, Options, Error: ...) in the language of ours.

    Click asks gettext for them, which is how click means to be translated. Our catalogue for
    it has a gettext domain of its own, and ``LANGUAGE`` tells gettext the language, for this
    process only; English has no catalogue, so click's own words stay.
    """
    gettext.bindtextdomain(CLICK_DOMAIN, str(resources.files("ifms.i18n").joinpath("locales").joinpath("click")))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = lang


@dataclass
class Session:
    """One run of ``ifms``: where mkdocs.yml is and which language was asked for (the group's
    options, or the command's), and what was read from them."""

    config_file: Path | None = None
    lang: str | None = None
    _project: Project | None = field(default=None, init=False, repr=False)
    _options: Options | None = field(default=None, init=False, repr=False)
    _locale: Locale | None = field(default=None, init=False, repr=False)

    @property
    def project(self) -> Project:
        """mkdocs.yml: where the portfolio is, the theme's language, the plugin's options."""
        if self._project is None:
            try:
                self._project = read_project(self.config_file)
            except ConfigProblem as problem:
                raise Refusal.rendered(problem.render, 2) from None
        return self._project

    @property
    def options(self) -> Options:
        """The plugin's options as the site build would use them (validated, settled); the
        older names among them are pointed out once."""
        if self._options is None:
            project = self.project
            try:
                options = project.options(self.lang)
            except OptionsInvalid as invalid:
                raise Refusal.rendered(partial(invalid.render, source=shown(project.config_file)), 2) from None
            self._options, self._locale = options, Locale(options.lang)
            for notice in options.deprecation_notices(self._locale, shown(project.config_file)):
                click.echo(notice, err=True)
        return self._options

    @property
    def locale(self) -> Locale:
        """The language to speak: ``--lang``, else the plugin's ``lang``, else the theme's."""
        if self._locale is None:
            _ = self.options
        assert self._locale is not None
        return self._locale

    def speaking(self) -> Locale:
        """The language known so far, for a refusal: reads nothing, never fails."""
        if self._locale is not None:
            return self._locale
        return Locale(self.lang or (self._project.theme_language if self._project else None))

    def lenient_locale(self) -> Locale:
        """The language where mkdocs.yml may be missing or its options bad: a git hook runs
        anywhere, and the files it judges do not depend on the options."""
        try:
            project = self.project
        except Refusal:
            return self.speaking()
        with contextlib.suppress(OptionsInvalid):
            self._locale = Locale(project.options(self.lang).lang)
        return self.speaking()

    def today(self) -> date:
        """The date new records get: ``IFMS_TODAY`` when set (tests), else today. Not the
        plugin's ``today`` option: that judges the portfolio as of a day, it does not date new
        work."""
        try:
            return day_from_environment()
        except OptionsInvalid as invalid:
            raise Refusal.rendered(partial(invalid.render, source="IFMS_TODAY"), 2) from None


pass_session = click.make_pass_decorator(Session, ensure=True)


def _remember_config_file(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(Session).config_file = value


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Session).lang = value
        speak_click(value)


def shared_options(*, envvar: str | None = None) -> Callable[[F], F]:
    """``-f/--config-file`` and ``--lang``, for the group (``ifms --lang en check``) and for
    every command (``ifms check --lang en``, as before): both write into the session, the
    later one wins. Eager, so a bad ``--date`` is refused in the language asked for.
    Only the group reads ``IFMS_LANG``: a command's default must not undo the group's option."""
    def decorate(command: F) -> F:
        command = click.option(
            "--lang", type=click.Choice(SUPPORTED), envvar=envvar, is_eager=True, expose_value=False,
            callback=_remember_lang, help=HELP("cli.lang"),
        )(command)
        return click.option(
            "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), is_eager=True,
            expose_value=False, callback=_remember_config_file, metavar=HELP("cli.file_metavar"),
            help=HELP("cli.config_file"),
        )(command)
    return decorate


class Command(click.Command):
    """An ``ifms`` command: its usage line says [OPTIES] in the language of the help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", HELP("cli.options_metavar"))
        super().__init__(*args, **kwargs)


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """An ``ifms`` command with ``-f`` and ``--lang``."""
    def decorate(function: Callable[..., Any]) -> Command:
        return click.command(name, cls=Command, **attrs)(shared_options()(function))
    return decorate


def exit_with(code: int) -> None:
    """End the command with ``code`` after it said what it found (the privacy scan's findings,
    a refused schema file): nothing left to say, so no refusal."""
    if code:
        click.get_current_context().exit(code)


def shown(path: Path) -> str:
    """A path as the specialist finds it: relative to the current folder where it can be."""
    from ifms.problems import relative_display

    return relative_display(path)


def folder(path: Path) -> str:
    return shown(path).rstrip("/") + "/"


# Click names its own parameter types (``click.Path``: "file", "directory") when a command is
# declared, so its words must be in the help's language before the command modules are read.
speak_click(Locale(os.environ.get("IFMS_LANG")).lang)
