"""Dates as the portfolio writes them: ISO ``YYYY-MM-DD``, nothing else.

YAML would accept ``2024-3-5`` or a datetime, and pydantic would accept a Unix timestamp; a
specialist who types ``15-03-2024`` should hear that the order is year-month-day instead of
getting a date they did not mean.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) else None
    if text is None or not _ISO.fullmatch(text):
        raise PydanticCustomError("ifms_date_format", "date must be YYYY-MM-DD", {"value": value})
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "ifms_date_impossible", "date does not exist", {"value": text}
        ) from None


IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


def years_before(day: date, years: int) -> date:
    """Same calendar day ``years`` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def today_from(option: str | date | None, environ: dict[str, str] | None = None) -> date:
    """The day the portfolio is judged on: the ``today`` option, ``IFMS_TODAY``, or today.

    Fixing the day makes a build reproducible (tests, a PDF made for a given conversation).
    Raises ``ValueError`` with the offending text when it is not an ISO date.
    """
    environ = os.environ if environ is None else environ
    value = option or environ.get("IFMS_TODAY") or None
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    if not _ISO.fullmatch(str(value).strip()):
        raise ValueError(str(value))
    return date.fromisoformat(str(value).strip())


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); a day the month lacks becomes its last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def overlap_days(start: date, end: date, other_start: date, other_end: date) -> int:
    """Days two inclusive periods share."""
    first, last = max(start, other_start), min(end, other_end)
    return (last - first).days + 1 if last >= first else 0
