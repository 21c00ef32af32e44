"""The .ics export, read back with icalendar the way a calendar client would."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar

from planner.calendar import (
    Deadline,
    IcsMeeting,
    WorkingCalendar,
    build_calendar,
    compute_deadlines,
    default_rules,
    write_calendar,
)

CESC = "Children and Education Select Committee"
PLACE = "Ashcombe Suite, County Hall, Kingston upon Thames"
STAMP = datetime(2018, 8, 1, 9, 0, tzinfo=UTC)


def seed_meetings() -> list[IcsMeeting]:
    cal = WorkingCalendar("england")
    rules = default_rules("england")
    return [
        IcsMeeting(
            "meeting-7",
            CESC,
            date(2018, 9, 7),
            time(10, 0),
            PLACE,
            ["Ofsted improvement plan", "Out of County Placements Task and Finish Group"],
            compute_deadlines(date(2018, 9, 7), rules, cal),
        ),
        IcsMeeting(
            "meeting-8",
            CESC,
            date(2018, 11, 16),
            time(10, 0),
            PLACE,
            ["Alternative Education Provision", "Early Help/Family Resilience Transformation"],
            compute_deadlines(date(2018, 11, 16), rules, cal),
        ),
    ]


def events(data: bytes) -> dict[str, Any]:
    parsed = icalendar.Calendar.from_ical(data)
    found = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    assert len(found) == len(parsed.walk("VEVENT")), "UIDs must be unique"
    return found


def test_events_dates_and_times() -> None:
    found = events(build_calendar(seed_meetings(), stamp=STAMP))
    assert len(found) == 2 + 2 * 5

    meeting = found["meeting-7@fwp-planner"]
    start = meeting.decoded("DTSTART")
    assert start == datetime(2018, 9, 7, 10, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/London"
    assert meeting["DTSTART"].params["TZID"] == "Europe/London"
    assert start.utcoffset() == timedelta(hours=1)  # British Summer Time
    assert meeting.decoded("DTEND") - start == timedelta(hours=3)
    assert str(meeting["SUMMARY"]) == CESC
    assert str(meeting["LOCATION"]) == PLACE
    assert "- Ofsted improvement plan" in str(meeting["DESCRIPTION"])
    assert meeting.decoded("SEQUENCE") == 0
    assert meeting.decoded("DTSTAMP") == STAMP

    november = found["meeting-8@fwp-planner"].decoded("DTSTART")
    assert november.utcoffset() == timedelta(0)  # back on GMT

    agenda = found["meeting-7-agenda@fwp-planner"]
    assert str(agenda["SUMMARY"]) == f"{CESC}: agenda publication"
    assert agenda.decoded("DTSTART") == date(2018, 8, 30)
    assert agenda.decoded("DTEND") == date(2018, 8, 31)
    assert str(agenda["TRANSP"]) == "TRANSPARENT"

    questions = found["meeting-7-member_questions@fwp-planner"]
    at = questions.decoded("DTSTART")
    assert (at.date(), at.time(), str(at.tzinfo)) == (
        date(2018, 9, 3),
        time(12, 0),
        "Europe/London",
    )
    assert questions["DTSTART"].params["TZID"] == "Europe/London"
    assert "by 12:00" in str(questions["DESCRIPTION"])

    assert found["meeting-7-public_questions@fwp-planner"].decoded("DTSTART") == date(2018, 8, 31)
    assert found["meeting-7-petitions@fwp-planner"].decoded("DTSTART") == date(2018, 8, 24)


def test_timezone_definition_is_included() -> None:
    parsed = icalendar.Calendar.from_ical(build_calendar(seed_meetings(), stamp=STAMP))
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/London"]


def test_uids_are_stable_across_exports() -> None:
    first = events(build_calendar(seed_meetings()))
    later = events(build_calendar(seed_meetings(), stamp=datetime(2030, 1, 1, tzinfo=UTC)))
    assert sorted(first) == sorted(later)
    same_stamp = [build_calendar(seed_meetings(), stamp=STAMP) for _ in range(2)]
    assert same_stamp[0] == same_stamp[1]


def test_uids_follow_the_record_not_the_date() -> None:
    moved = seed_meetings()[0]
    moved = IcsMeeting(
        moved.uid_seed, moved.committee, date(2018, 9, 14), moved.start_time, moved.place
    )
    found = events(build_calendar([moved], stamp=STAMP))
    assert list(found) == ["meeting-7@fwp-planner"]
    assert found["meeting-7@fwp-planner"].decoded("DTSTART").date() == date(2018, 9, 14)


def test_moved_deadline_and_all_day_meeting() -> None:
    cal = WorkingCalendar("england")
    # 7 days before Friday 26 April 2019 is Good Friday, so public questions move.
    deadlines = compute_deadlines(date(2019, 4, 26), default_rules("england")[2:3], cal)
    meeting = IcsMeeting("m 9@x", CESC, date(2019, 4, 26), None, "", (), deadlines, cancelled=True)
    found = events(build_calendar([meeting], stamp=STAMP))
    assert sorted(found) == ["m-9-x-public_questions@fwp-planner", "m-9-x@fwp-planner"]
    whole_day = found["m-9-x@fwp-planner"]
    assert whole_day.decoded("DTSTART") == date(2019, 4, 26)
    assert whole_day.decoded("DTEND") == date(2019, 4, 27)
    assert str(whole_day["STATUS"]) == "CANCELLED"
    assert "LOCATION" not in whole_day
    assert "none scheduled" in str(whole_day["DESCRIPTION"])
    public = found["m-9-x-public_questions@fwp-planner"]
    assert public.decoded("DTSTART") == date(2019, 4, 18)
    assert "Brought forward from Friday 19 April 2019" in str(public["DESCRIPTION"])


def test_write_calendar_to_path_and_stream(tmp_path: Path) -> None:
    path = tmp_path / "programme.ics"
    write_calendar(seed_meetings(), path, stamp=STAMP)
    write_calendar(seed_meetings(), str(tmp_path / "again.ics"), stamp=STAMP)
    stream = io.BytesIO()
    write_calendar(seed_meetings(), stream, stamp=STAMP)
    assert path.read_bytes() == stream.getvalue() == (tmp_path / "again.ics").read_bytes()
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_empty_calendar_is_valid() -> None:
    parsed = icalendar.Calendar.from_ical(build_calendar([], stamp=STAMP))
    assert parsed.walk("VEVENT") == []
    assert str(parsed["VERSION"]) == "2.0"


def test_summary_keeps_acronyms_in_custom_labels() -> None:
    custom = Deadline("send_briefing", "SEND briefing", date(2018, 9, 4), time(9, 30))
    meeting = IcsMeeting("meeting-7", CESC, date(2018, 9, 7), time(10, 0), deadlines=[custom])
    found = events(build_calendar([meeting], stamp=STAMP))
    event = found["meeting-7-send_briefing@fwp-planner"]
    assert str(event["SUMMARY"]) == f"{CESC}: SEND briefing"
    assert event.decoded("DTSTART").time() == time(9, 30)
    assert event.decoded("DTEND") == event.decoded("DTSTART")
