"""Dates as the portfolio writes them: ISO ``YYYY-MM-DD``, nothing else.

YAML would accept ``2024-3-5`` or a datetime, and pydantic would accept a Unix timestamp; a
specialist who types ``15-03-2024`` should hear that the order is year-month-day instead of
getting a date they did not mean.

Dates lie between :data:`FIRST_DAY` (1900-01-01) and :data:`LAST_DAY` (2200-12-31). A
portfolio covers one working life: no specialist working today was registered before 1900,
and 2200 leaves room for any date planned ahead. Python's dates end at the years 1 and 9999,
and the rules and charts count years back from an expiry, months ahead of a plan and the years
of a timeline: with ``0001-01-01`` or ``9999-12-31`` they would fall off the calendar, so such
a date is told as a field error, with the range.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from dateutil.relativedelta import relativedelta
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)


def parse_iso_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    text = str(value).strip() if isinstance(value, (str, int)) else None
    if text is None or not _ISO.fullmatch(text):
        raise PydanticCustomError("ifms_date_format", "date must be YYYY-MM-DD", {"value": value})
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "ifms_date_impossible", "date does not exist", {"value": text}
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("ifms_date_range", "date outside the years a portfolio covers", {
            "value": text, "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()})
    return day


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


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); a day the month lacks becomes its last."""
    return day + relativedelta(months=months)


def overlap_days(start: date, end: date, other_start: date, other_end: date) -> int:
    """Days two inclusive periods share."""
    first, last = max(start, other_start), min(end, other_end)
    return (last - first).days + 1 if last >= first else 0
