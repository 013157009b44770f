"""What each chart shows, as plain data with labels in the reader's language.

No matplotlib here: building a spec is cheap, and its hash decides whether the chart must be
drawn at all.
"""

from __future__ import annotations

import posixpath
from datetime import date

from ifms.charts import Chart
from ifms.i18n.locale import Locale
from ifms.names import slugify
from ifms.report.progress import (
    CmeProgress,
    CompetencyTrend,
    PopProgress,
    RoundProfile,
    WorkYears,
)
from ifms.report.timeline import LANES, TimelineItem


def _decimal(locale: Locale) -> str:
    return locale.number(0.5)[1]


def name_of(locale: Locale, key: str) -> str:
    """A competency's or theme's name with a capital, as the CanMEDS names have one: a theme
    of the specialist's own (``uitleg_over_behandeling``) stands beside them in a legend."""
    label = locale.label("competency", key)
    return label[:1].upper() + label[1:]


def slug(path: str) -> str:
    """``feedback/2024-360.yml`` -> ``feedback-2024-360``: a safe, readable file name part."""
    return slugify(posixpath.splitext(path)[0], max_length=None) or "chart"


def timeline_chart(items: list[TimelineItem], today: date, locale: Locale) -> Chart:
    return Chart("tijdlijn", "timeline", {
        "lanes": list(LANES),
        "lane_labels": {lane: locale.t(f"timeline.lane.{lane}") for lane in LANES},
        "items": [{"lane": i.lane, "start": i.start.isoformat(),
                   "end": i.end.isoformat() if i.end else None, "kind": i.kind} for i in items],
        "years": sorted({i.start.year for i in items} | {today.year}),
        "today": today.isoformat(),
        "today_label": locale.t("timeline.today"),
    })


def competency_trend_chart(trend: CompetencyTrend, locale: Locale) -> Chart:
    return Chart("voortgang-competenties", "competency_trend", {
        "dates": [d.isoformat() for d, _, _ in trend.rounds],
        "series": [[name_of(locale, key), values] for key, values in trend.series.items()],
        "y_label": locale.t("progress.percent_of_scale"),
        "decimal": _decimal(locale),
    })


def round_chart(profile: RoundProfile, locale: Locale) -> Chart:
    return Chart(slug(profile.path), "round_groups", {
        "groups": [locale.label("group", g) for g in profile.groups],
        "competencies": profile.competencies,
        "competency_labels": [name_of(locale, k) for k in profile.competencies],
        "scores": [[profile.scores[k][g] for k in profile.competencies] for g in profile.groups],
        "self": [profile.self_scores[k] for k in profile.competencies],
        "self_label": locale.t("feedback.self"),
        "scale": list(profile.scale),
        "x_label": locale.t("progress.score_axis", min=locale.number(profile.scale[0]),
                            max=locale.number(profile.scale[1])),
        "decimal": _decimal(locale),
    })


def pop_chart(progress: list[PopProgress], locale: Locale) -> Chart:
    return Chart("voortgang-pop", "pop_progress", {
        "pops": [{"title": p.title, "done": p.done, "open": p.open, "dropped": p.dropped}
                 for p in progress],
        "labels": {part: locale.label("progress_part", part) for part in ("done", "open", "dropped")},
        "x_label": locale.t("progress.actions"),
    })


def cme_chart(cme: CmeProgress, today: date, locale: Locale) -> Chart:
    return Chart("voortgang-nascholing", "cme_cumulative", {
        "start": cme.start.isoformat(), "end": cme.end.isoformat(), "norm": cme.norm,
        "steps": [[d.isoformat(), total] for d, total, _ in cme.steps],
        "today": today.isoformat(),
        "hours_label": locale.t("progress.cme_hours"), "norm_label": locale.t("progress.norm"),
        "y_label": locale.t("profile.hours"), "decimal": _decimal(locale),
    })


def work_chart(work: WorkYears, locale: Locale) -> Chart:
    return Chart("voortgang-werkuren", "work_hours", {
        "years": [[y, h] for y, h in work.years], "norm": work.norm_per_year,
        "hours_label": locale.t("progress.work_hours"),
        "norm_label": locale.t("progress.work_norm"),
        "y_label": locale.t("profile.hours"), "decimal": _decimal(locale),
    })
