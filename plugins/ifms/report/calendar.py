"""The portfolio's dates as an iCalendar file (RFC 5545), for the specialist's own agenda.

What is in it: every open POP action with a due date, conversations and visitations after
today, the day by which the IFMS evaluation conversation must be held while IFMS is not met,
and the day the registration expires. All are whole-day events.

Each event's UID is made from what the event is about (a POP file and the action's place in
it, a conversation's file), never from its title or date: a calendar program that imports
the file again updates the event instead of adding a second one. An agenda is often synced
to a calendar service, so a record with ``share: false`` is named as the handout names it
("POP 1 maart 2024 (privé)"), and a conversation never carries its gespreksleider or notes.

The icalendar library writes the file (escaping, line folding, the required properties).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import icalendar

from ifms import __version__
from ifms.i18n.locale import Locale
from ifms.records.model import Conversation, Record
from ifms.records.portfolio import Portfolio
from ifms.report.wording import describe, private_title
from ifms.rules.evidence import Evidence

PRODUCT = f"-//ifms-portfolio//ifms calendar {__version__}//NL"
PRODUCT_MARK = b"PRODID:-//ifms-portfolio//"
"""How a file this command wrote is recognised: only such a file is ever written over."""

OPEN_STATUSES = ("planned", "in_progress")


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str = ""


def events(portfolio: Portfolio, evidence: Evidence, locale: Locale) -> list[Event]:
    """The events of the portfolio, by day and then by summary."""
    t = locale.t
    found: list[Event] = []
    for pop in portfolio.pops:
        pop_name = _name(pop, pop.title, locale)
        for g, goal in enumerate(pop.goals):
            for a, action in enumerate(goal.actions):
                if action.due is None or action.status not in OPEN_STATUSES:
                    continue
                if pop.shared:
                    summary = t("calendar.action", action=action.title)
                    description = t("calendar.action_details", goal=goal.title, pop=pop_name,
                                    status=locale.label("status", action.status))
                else:
                    summary, description = t("calendar.private_action", pop=pop_name), ""
                found.append(Event(_uid("action", pop.path, str(g), str(a)), action.due, summary, description))
    for conversation in portfolio.conversations:
        if conversation.date > evidence.today:
            found.append(Event(_uid("conversation", conversation.path), conversation.date,
                               _conversation_summary(conversation, locale)))
    profile = portfolio.profile
    for visit in profile.visitations if profile else []:
        if visit.date > evidence.today:
            found.append(Event(_uid("visitation", visit.date.isoformat(), visit.kind), visit.date,
                               locale.label("visitation", visit.kind)))
    for note in evidence.advice:  # given while IFMS is not met and the registration runs
        if note.key == "advice.plan_conversation":
            found.append(Event(_uid("plan-by"), note.params["plan_by"], t("calendar.plan_by"), describe(note, locale)))
    found.append(Event(_uid("expiry"), evidence.window_end, t("calendar.expiry"),
                       t("calendar.expiry_details", date=locale.date(evidence.window_end))))
    return sorted(found, key=lambda event: (event.day, event.summary))


def ics(found: list[Event], locale: Locale, today: date) -> bytes:
    """The events as an iCalendar file. ``DTSTAMP`` is today at midnight (UTC), so two runs on
    one day write the same bytes."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", locale.t("calendar.name"))
    stamp = datetime.combine(today, time(0, 0), tzinfo=timezone.utc)
    for event in found:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.day)
        entry.add("dtend", event.day + timedelta(days=1))
        entry.add("summary", event.summary)
        if event.description:
            entry.add("description", event.description)
        entry.add("transp", "TRANSPARENT")  # a deadline, not a busy day
        calendar.add_component(entry)
    return calendar.to_ical()


def written_by_us(data: bytes) -> bool:
    """Whether ``data`` is a calendar this command wrote (its PRODID), which may be replaced."""
    return data.startswith(b"BEGIN:VCALENDAR") and PRODUCT_MARK in data[:500]


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@ifms-portfolio"


def _name(record: Record, title: str, locale: Locale) -> str:
    return title if record.shared else private_title(record, locale)


def _conversation_summary(conversation: Conversation, locale: Locale) -> str:
    kind = locale.label("conversation_type", conversation.type)
    return conversation.title if conversation.shared and conversation.title else kind

