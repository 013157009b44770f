"""The kinds of values on the ``ifms`` command line: dates, a scale, one of a few names.

Click converts them while it reads the command line, before the command runs. A value that
does not fit is refused in the specialist's words (``fail`` takes a locale key), after
mkdocs.yml was read: a broken mkdocs.yml is said first, and its ``lang`` is the language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn

import click

from ifms.cli.context import Session
from ifms.cli.errors import Refusal
from ifms.records.dates import FIRST_DAY, LAST_DAY, parse_iso_date


def option_name(param: click.Parameter | None) -> str:
    """``--date``, as the specialist typed it (the long name of the option)."""
    if param is None:
        return ""
    return max(param.opts, key=len) if param.opts else str(param.name)


class RefusingType(click.ParamType):
    """A parameter type whose refusal is a sentence from the locale files, exit code 2."""

    def fail(self, message: str, param: click.Parameter | None = None, ctx: click.Context | None = None,
             **params: Any) -> NoReturn:
        """Refuse with the locale key ``message`` and its ``params``."""
        session = ctx.find_object(Session) if ctx is not None else None
        if session is not None and not (ctx is not None and ctx.resilient_parsing):
            _ = session.locale  # a refusal of mkdocs.yml goes first; its language is ours
        raise Refusal(message, 2, **params)


class IsoDate(RefusingType):
    """``2024-01-15``; ``key`` is the command's sentence for anything else (it says what was
    left unchanged)."""

    name = "date"

    def __init__(self, key: str) -> None:
        self.key = key

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_iso_date(str(value).strip())
        except ValueError as error:
            if getattr(error, "type", None) == "ifms_date_range":  # a date, but not one a portfolio holds
                self.fail("cli.date_outside_range", param, ctx, option=option_name(param), value=value,
                          min=FIRST_DAY.isoformat(), max=LAST_DAY.isoformat())
            self.fail(self.key, param, ctx, option=option_name(param), value=value)


class Scale(RefusingType):
    """The scale of a feedback report, lowest-highest: ``1-5``, ``1..10``, ``1,5-4,5``."""

    name = "scale"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[float, float]:
        if isinstance(value, tuple):
            return value
        from ifms.authoring.feedback_import import parse_scale

        try:
            return parse_scale(str(value))
        except ValueError:
            self.fail("import.bad_scale", param, ctx, value=value)


class OneOf(RefusingType):
    """One of a few names, or another spelling of one (``reflectie`` for ``reflection``).

    ``names`` and ``aliases`` are functions, so the module that knows them is imported only
    when a value is read. The refusal's text gets the value as ``{word}`` and the names as
    ``{known}``.
    """

    name = "choice"

    def __init__(self, key: str, names: Callable[[], Sequence[str]], *,
                 aliases: Callable[[], Mapping[str, str]] | None = None, fold_case: bool = False,
                 word: str = "value") -> None:
        self.key = key
        self.names = names
        self.aliases = aliases or dict
        self.fold_case = fold_case
        self.word = word

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str | None:
        return "[" + "|".join(self.names()) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if self.fold_case:
            text = text.lower()
        text = self.aliases().get(text, text)
        names = self.names()
        if text not in names:
            self.fail(self.key, param, ctx, **{self.word: text}, known=", ".join(names))
        return text


class NameList(OneOf):
    """Names separated by commas, each one of the known ones: ``--kinds feedback,pop``."""

    name = "list"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str | None:
        return None  # the option names an example; all the names would not fit

    def convert(self, value: Any, param: click.Parameter | None,  # type: ignore[override]
                ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        return tuple(super(NameList, self).convert(part, param, ctx)
                     for part in str(value).split(",") if part.strip())
