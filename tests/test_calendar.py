"""``ifms calendar``: the agenda file, read back with icalendar as a calendar program reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar

from helpers import edit, invoke

AGENDA = Path("handouts/ifms-agenda.ics")


def _events(path: Path) -> dict[str, tuple[date, str, str]]:
    """UID -> (day, summary, description) of every event in the file."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = {}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        assert event.decoded("dtend") == date.fromordinal(start.toordinal() + 1), "a whole day"
        found[str(event["uid"])] = (start, str(event["summary"]), str(event.get("description", "")))
    return found


def _by_summary(path: Path) -> dict[str, date]:
    return {summary: day for day, summary, _ in _events(path).values()}


def _planned(minimal: Path) -> None:
    """A conversation and a visitation after today, a finished and a dropped action."""
    (minimal / "portfolio/gesprekken/volgend.md").write_text(
        "---\nkind: conversation\ntype: intervision\ndate: 2027-02-03\nleader: dr. Geheim\n---\n\nNotities.\n",
        encoding="utf-8")
    edit(minimal, "profiel.yml", "  expires: 2027-01-01", (
        "  expires: 2027-01-01\nvisitations:\n"
        "  - {date: 2027-03-04, kind: quality}\n"
        "  - {date: 2020-03-04, kind: quality}"))
    edit(minimal, "pop/plan.yml", "        status: in_progress", (
        "        status: in_progress\n"
        "      - {title: Klaar, due: 2026-12-01, status: done, done: 2026-11-01}\n"
        "      - {title: Geschrapt, due: 2026-12-02, status: dropped}"))


def test_the_agenda_holds_what_is_still_to_come(minimal: Path) -> None:
    _planned(minimal)
    result = invoke("calendar", cwd=minimal)
    assert result.returncode == 0, result.output
    assert "Agenda geschreven: " in result.stdout and "(5 afspraken)" in result.stdout
    events = _by_summary(minimal / AGENDA)
    assert events == {
        "POP-actie: Cursus": date(2024, 6, 1),  # open and overdue: still to do
        "POP-actie: Intervisie": date(2030, 1, 1),
        "Intervisie": date(2027, 2, 3),
        "Kwaliteitsvisitatie": date(2027, 3, 4),
        "Registratie verloopt": date(2027, 1, 1),
    }
    details = {summary: description for _, summary, description in _events(minimal / AGENDA).values()}
    assert details["POP-actie: Intervisie"] == "Doel: Beter luisteren\nPOP: POP 2024\nStatus: bezig"
    text = (minimal / AGENDA).read_text(encoding="utf-8")
    assert "Geheim" not in text and "Notities" not in text, "a conversation is a date, not its notes"
    assert (minimal / "handouts/.gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_without_a_complete_trajectory_the_last_day_for_the_conversation_is_in_it(minimal: Path) -> None:
    (minimal / "portfolio/gesprekken/gesprek.md").unlink()
    assert invoke("calendar", cwd=minimal).returncode == 0
    events = {summary: (day, description) for day, summary, description in _events(minimal / AGENDA).values()}
    day, description = events["Uiterste datum IFMS-evaluatiegesprek"]
    assert day == date(2026, 9, 1)  # four months before the expiry: the RGS decides from then on
    assert description.startswith("Plan het IFMS-evaluatiegesprek vóór 1 september 2026")


def test_running_again_updates_the_same_events(minimal: Path) -> None:
    _planned(minimal)
    assert invoke("calendar", cwd=minimal).returncode == 0
    first, written = _events(minimal / AGENDA), (minimal / AGENDA).read_bytes()
    assert invoke("calendar", cwd=minimal).returncode == 0
    assert (minimal / AGENDA).read_bytes() == written, "the same day: the same file"
    edit(minimal, "pop/plan.yml", "title: Intervisie\n        due: 2030-01-01", "title: Intervisie met collega's\n"
         "        due: 2030-02-01")
    assert invoke("calendar", cwd=minimal).returncode == 0
    second = _events(minimal / AGENDA)
    assert set(second) == set(first), "a calendar program updates the event instead of adding one"
    changed = [uid for uid in first if first[uid] != second[uid]]
    assert len(changed) == 1 and second[changed[0]][:2] == (date(2030, 2, 1), "POP-actie: Intervisie met collega's")
    assert sorted(path.name for path in (minimal / "handouts").iterdir()) == [".gitignore", "ifms-agenda.ics"]


def test_a_file_of_the_specialist_is_never_written_over(minimal: Path) -> None:
    own = minimal / "agenda.ics"
    own.write_text("BEGIN:VCALENDAR\nPRODID:-//Apple Inc.//Mijn agenda//NL\nEND:VCALENDAR\n", encoding="utf-8")
    before = own.read_bytes()
    result = invoke("calendar", "-o", str(own), cwd=minimal)
    assert result.returncode != 0 and "bestaat al en is geen agenda die ifms calendar schreef" in result.stderr
    assert own.read_bytes() == before
    fresh = minimal / "nieuw.ics"
    assert invoke("calendar", "-o", str(fresh), cwd=minimal).returncode == 0
    assert invoke("calendar", "-o", str(fresh), cwd=minimal).returncode == 0, "its own file it brings up to date"
    assert not (minimal / "handouts").exists()


def test_a_private_pop_is_named_by_its_date_only(minimal: Path) -> None:
    edit(minimal, "pop/plan.yml", "title: POP 2024", "title: POP 2024\nshare: false")
    assert invoke("calendar", cwd=minimal).returncode == 0
    text = (minimal / AGENDA).read_text(encoding="utf-8")
    assert "Actie uit POP 1 maart 2024 (privé)" in text
    assert "Beter luisteren" not in text and "Cursus" not in text and "POP 2024" not in text


def test_a_bsn_stops_the_agenda(minimal: Path) -> None:
    edit(minimal, "pop/plan.yml", "title: Cursus", "title: Cursus over patiënt 123456782")
    result = invoke("calendar", cwd=minimal)
    assert result.returncode == 1
    assert "pop/plan.yml:9: fout: mogelijk een burgerservicenummer (BSN) '1234***82'" in result.stderr
    assert "De agenda is niet gemaakt" in result.stderr
    assert not (minimal / "handouts").exists()


def test_the_agenda_in_english(minimal: Path) -> None:
    assert invoke("calendar", "--lang", "en", cwd=minimal).returncode == 0
    assert set(_by_summary(minimal / AGENDA)) == {"PDP action: Cursus", "PDP action: Intervisie",
                                                   "Registration expires"}
