"""Date arithmetic of the rules: the registration window, periods abroad, hours per period,
gaps between working years, and the COVID-19 months that lower the CME norm.
"""

from __future__ import annotations

from datetime import date, timedelta

from ifms.records.dates import add_months, overlap_days, years_before
from ifms.records.model import Period, Profile
from ifms.rules.thresholds import Thresholds

# The COVID-19 measure lowered the CME norm for the months of these two years.
COVID_FIRST_MONTH = date(2020, 3, 1)
COVID_LAST_MONTH = date(2021, 12, 1)


def registration_window(profile: Profile, thresholds: Thresholds) -> tuple[date, date]:
    """First and last day of the current registration period (both included)."""
    registration = profile.registration
    start = registration.start or years_before(registration.expires, thresholds.window_years)
    return start, registration.expires


def abroad_covers(periods: list[Period], start: date, end: date) -> bool:
    """Whether work abroad, all periods together, covers every day of the window."""
    covered_until = start - timedelta(days=1)
    for period in sorted(periods, key=lambda p: p.from_):
        if period.from_ > covered_until + timedelta(days=1):
            break
        covered_until = max(covered_until, period.to)
        if covered_until >= end:
            return True
    return covered_until >= end


def hours_in(work_hours: dict[int, float], start: date, end: date) -> float:
    """Hours worked between two dates; a calendar year partly inside counts pro rata."""
    total = 0.0
    for year, hours in work_hours.items():
        first, last = date(year, 1, 1), date(year, 12, 31)
        share = overlap_days(first, last, start, end) / ((last - first).days + 1)
        total += hours * share
    return total


def longest_gap(work_hours: dict[int, float], start: date, last: date, *, missing_as_work: bool = False) -> int:
    """Most consecutive calendar years without work between ``start`` and ``last``.

    The year of ``last`` itself does not count as a gap while it has no figure yet: the
    hours of a year that is still running are often written at its end. Another year without
    a figure counts as one without work, or with ``missing_as_work`` as one with work (the
    gap that the figures written prove).
    """
    longest = current = 0
    for year in range(start.year, last.year + 1):
        if year == last.year and year not in work_hours:
            break
        without_work = work_hours[year] <= 0 if year in work_hours else not missing_as_work
        current = current + 1 if without_work else 0
        longest = max(longest, current)
    return longest


def covid_months(start: date, end: date) -> int:
    """Months from March 2020 to December 2021 that share at least one day with the window."""
    months = 0
    month = COVID_FIRST_MONTH
    while month <= COVID_LAST_MONTH:
        month_end = add_months(month, 1) - timedelta(days=1)
        if overlap_days(month, month_end, start, end):
            months += 1
        month = add_months(month, 1)
    return months


def cme_norm(start: date, end: date, thresholds: Thresholds) -> tuple[float, float, int]:
    """(norm, COVID reduction, COVID months) for a window; the measure ended with 2026."""
    months = covid_months(start, end) if end <= thresholds.covid_last_expiry else 0
    reduction = min(months * thresholds.covid_reduction_per_month, thresholds.covid_reduction_max)
    return thresholds.cme_hours - reduction, reduction, months
