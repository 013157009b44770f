"""Every number the re-registration rules use, with the defaults of the RGS requirements.

A validated model: the plugin's options and ``ifms`` read the same ``rules:`` settings of
mkdocs.yml through :class:`ifms.options.Options`, so a bad value is refused the same way by both.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, NonNegativeFloat, NonNegativeInt, PositiveInt

from ifms.records.dates import IsoDate


class Thresholds(BaseModel):
    """The rules' numbers (docs/opties.md lists them); each can be set under ``rules:``."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    window_years: PositiveInt = 5
    hours_per_week: NonNegativeFloat = 16.0
    max_work_gap_years: NonNegativeInt = 2
    cme_hours: NonNegativeFloat = 200.0
    covid_reduction_per_month: NonNegativeFloat = 3.0
    covid_reduction_max: NonNegativeFloat = 66.0
    covid_last_expiry: IsoDate = date(2026, 12, 31)
    min_groups: PositiveInt = 2
    feedback_months: PositiveInt = 24
    pop_days: NonNegativeInt = 90
    rgs_lead_months: NonNegativeInt = 4
    max_years_between_ifms: PositiveInt = 5
