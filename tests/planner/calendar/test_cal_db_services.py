"""Deadlines, warnings, meeting generation and settings over a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from planner.db.database import Database, open_database
from planner.errors import ValidationError
from planner.services import deadlines as dl
from planner.services.lookup import committee_by_name, council_by_name
from planner.services.meetings import create_meeting
from planner.services.topics import create_topic, update_topic

CESC = "Children and Education Select Committee"


@pytest.fixture
def db(demo_url: str) -> Iterator[Database]:
    database = open_database(demo_url)
    yield database
    database.close()


def _calendar(db: Database, today: dt.date = dt.date(2018, 11, 5)) -> dl.MeetingCalendar:
    with db.reading() as s:
        c = committee_by_name(s, CESC, "2018/19")
        return dl.meeting_calendar(s, c.council_id, "2018/19", c.id, today=today)


def test_seed_agenda_case_exactly(db: Database) -> None:
    cal = _calendar(db)
    sept = next(r for r in cal.meetings if r.meeting.date == dt.date(2018, 9, 7))
    assert sept.deadline("agenda").date == dt.date(2018, 8, 30)
    member = sept.deadline("member_questions")
    assert member.date == dt.date(2018, 9, 3) and member.time_of_day == dt.time(12, 0)
    assert sept.deadline("public_questions").date == dt.date(2018, 8, 31)
    assert sept.deadline("petitions").date == dt.date(2018, 8, 24)


def test_late_reports_are_warned_and_received_ones_are_not(db: Database) -> None:
    cal = _calendar(db)
    late_titles = {w.message.split("'")[1] for w in cal.warnings if w.topic_id}
    assert late_titles == {
        "Alternative Education Provision",
        "Early Help/Family Resilience Transformation",
    }
    with db.transaction() as s:
        topic_id = next(iter(cal.late_topics))
        update_topic(s, topic_id, status="report received")
    assert len(_calendar(db).late_topics) == 1
    # Before the deadline nothing is late.
    assert not _calendar(db, today=dt.date(2018, 10, 1)).late_topics


def test_capacity_same_day_and_non_working_day_warnings(db: Database) -> None:
    with db.transaction() as s:
        c = committee_by_name(s, CESC, "2018/19")
        dl.set_default_capacity(s, c.council_id, 1)
        create_meeting(s, c.id, date="2018-12-25")
        create_meeting(s, c.id, date="2018-11-16", place="Room 2")
    messages = " ".join(w.message for w in _calendar(db).warnings)
    assert "Christmas Day" in messages
    assert "16 November 2018" in messages and "capacity" in messages.lower()
    kinds = {w.kind.value for w in _calendar(db).warnings}
    assert {"non_working_day", "same_day", "over_capacity", "report_overdue"} <= kinds


def test_generate_year_skips_holidays_and_keeps_existing(db: Database) -> None:
    with db.transaction() as s:
        c = committee_by_name(s, CESC, "2018/19")
        made = dl.generate_year(
            s, c.id, "every 8 weeks on a Friday from 7 September 2018", start_time="10:00"
        )
    assert [m.date for m in made.created] == [
        dt.date(2018, 11, 2),
        dt.date(2018, 12, 28),
        dt.date(2019, 2, 22),
    ]
    assert made.already_there == (dt.date(2018, 9, 7),)
    assert any("19 April 2019" in w and "Good Friday" in w for w in made.warnings)
    with db.transaction() as s:
        again = dl.generate_year(s, c.id, "every 8 weeks on a Friday from 7 September 2018")
    assert again.created == ()


def test_rules_and_closure_days_are_per_council(db: Database) -> None:
    with db.transaction() as s:
        council = council_by_name(s, "Surrey County Council")
        dl.set_deadline_rule(s, council.id, "report_deadline", "15 working days")
        dl.set_closure_day(s, council.id, dt.date(2018, 11, 15), "Staff training day")
    sept = next(r for r in _calendar(db).meetings if r.meeting.date == dt.date(2018, 11, 16))
    # 15 working days before Friday 16 November 2018 is Friday 26 October 2018; the
    # closure day on the 15th pushes it back to Thursday 25 October.
    assert sept.deadline("report_deadline").date == dt.date(2018, 10, 25)
    # Member questions: 4 working days before, skipping the closure day.
    assert sept.deadline("member_questions").date == dt.date(2018, 11, 9)
    with db.transaction() as s:
        council = council_by_name(s, "Surrey County Council")
        dl.set_deadline_rule(s, council.id, "report_deadline", None)
        with pytest.raises(ValidationError) as err:
            dl.set_deadline_rule(s, council.id, "agenda", "soon")
    assert err.value.field == "deadline_rules" and "agenda" in str(err.value)


def test_wales_uses_three_clear_days(db: Database) -> None:
    from planner.services.committees import create_committee, create_council

    with db.transaction() as s:
        council = create_council(s, name="Powys County Council", nation="wales")
        committee = create_committee(
            s, council.id, name="Learning Scrutiny", municipal_year="2018/19"
        )
        create_meeting(s, committee.id, date="2018-09-07")
        create_topic(s, committee.id, title="Schools budget")
        cal = dl.meeting_calendar(s, council.id, "2018/19")
    assert cal.meetings[0].deadline("agenda").date == dt.date(2018, 9, 3)


def test_calendar_ics_round_trip_and_stable_uids(db: Database) -> None:
    from icalendar import Calendar

    from planner.services.calendar_export import calendar_ics

    with db.reading() as s:
        c = committee_by_name(s, CESC, "2018/19")
        first, count = calendar_ics(s, c.council_id, "2018/19", c.id)
        second, _ = calendar_ics(s, c.council_id, "2018/19", c.id)
    assert count == 2
    events = [e for e in Calendar.from_ical(first).walk("VEVENT")]
    uids = sorted(str(e["UID"]) for e in events)
    assert uids == sorted(str(e["UID"]) for e in Calendar.from_ical(second).walk("VEVENT"))
    assert len(events) == 2 * (1 + 5)  # each meeting and its five deadlines
    meeting = next(
        e for e in events if "Alternative Education Provision" in str(e.get("DESCRIPTION", ""))
    )
    assert meeting.decoded("DTSTART") == dt.date(2018, 11, 16)  # no start time: all day
    sept = next(
        e
        for e in events
        if isinstance(e.decoded("DTSTART"), dt.datetime)
        and e.decoded("DTSTART").date() == dt.date(2018, 9, 7)
    )
    assert sept.decoded("DTSTART").hour == 10
    assert str(sept.decoded("DTSTART").tzinfo) == "Europe/London"
