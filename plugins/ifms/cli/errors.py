"""A refusal: how a command stops with a sentence for the specialist, never a traceback.

A command, a parameter type or the session raises :class:`Refusal`; click catches it, prints it
and exits with its code. The words are looked up when click shows them, so they are in the
language the command has settled on by then, even when the refusal came before mkdocs.yml
(which may say ``lang: en``) was read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO, Any

import click

from ifms.i18n.locale import Locale


class Refusal(click.ClickException):
    """A locale key, its parameters and the exit code (1: the portfolio or a file says no,
    2: the command line or mkdocs.yml is wrong, 3: something to install is missing)."""

    def __init__(self, key: str, code: int = 1, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.exit_code = code
        self._render: Callable[[Locale], str] | None = None
        context = click.get_current_context(silent=True)
        # The session (ctx.obj) knows the language; by the time click shows the refusal its
        # context is gone, so keep the session now.
        self._session = context.obj if context is not None else None

    @classmethod
    def rendered(cls, render: Callable[[Locale], str], code: int = 1) -> Refusal:
        """A refusal whose words come from problems that render themselves (the portfolio's
        errors, bad options), in the language known when it is shown."""
        refusal = cls("", code)
        refusal._render = render
        return refusal

    def locale(self) -> Locale:
        speaking = getattr(self._session, "speaking", None)
        return speaking() if callable(speaking) else Locale(os.environ.get("IFMS_LANG"))

    def format_message(self) -> str:
        locale = self.locale()
        return self._render(locale) if self._render else locale.t(self.key, **self.params)

    def __str__(self) -> str:
        return self.format_message()

    def show(self, file: IO[Any] | None = None) -> None:
        # The sentence says what is wrong and what to do; click's "Error:" would be English
        # in front of Dutch, and our messages never had it.
        click.echo(self.format_message(), file=file, err=file is None)
