"""Meeting calendar warnings, from plain meeting and topic records."""

from __future__ import annotations

from datetime import date, time

from planner.calendar import (
    MeetingInfo,
    TopicInfo,
    WarningKind,
    WorkingCalendar,
    calendar_warnings,
    default_rules,
    meeting_warnings,
    topic_warnings,
)

CESC = "Children and Education Select Committee"
ENGLAND = WorkingCalendar("england")


def meeting(
    id: int, day: date, items: int = 2, committee: str = CESC, capacity: int = 4
) -> MeetingInfo:
    return MeetingInfo(id, committee, day, time(10, 0), items, capacity)


def test_a_good_calendar_has_no_warnings() -> None:
    meetings = [meeting(1, date(2018, 9, 7)), meeting(2, date(2018, 11, 16), items=4)]
    assert calendar_warnings(meetings, [], ENGLAND, date(2018, 9, 1)) == []


def test_meeting_on_a_bank_holiday_or_weekend() -> None:
    found = meeting_warnings([meeting(1, date(2018, 8, 27)), meeting(2, date(2018, 9, 8))], ENGLAND)
    assert [(w.kind, w.meeting_id, w.date) for w in found] == [
        (WarningKind.NON_WORKING_DAY, 1, date(2018, 8, 27)),
        (WarningKind.NON_WORKING_DAY, 2, date(2018, 9, 8)),
    ]
    assert found[0].message == (
        f"{CESC} meets on Monday 27 August 2018, which is not a working day"
        " (Late Summer Bank Holiday)."
    )
    assert found[1].message.endswith("(Saturday).")


def test_meeting_on_a_council_closure_day() -> None:
    cal = WorkingCalendar("wales", [date(2018, 12, 28)])
    [warning] = meeting_warnings([meeting(1, date(2018, 12, 28))], cal)
    assert warning.message.endswith("(Council closure day).")


def test_two_meetings_of_one_committee_on_one_day() -> None:
    meetings = [
        meeting(1, date(2018, 11, 16)),
        meeting(2, date(2018, 11, 16), committee=CESC.upper() + " "),
        meeting(3, date(2018, 11, 16), committee="Adults and Health Select Committee"),
    ]
    found = meeting_warnings(meetings, ENGLAND)
    assert [(w.kind, w.meeting_id) for w in found] == [
        (WarningKind.SAME_DAY, 1),
        (WarningKind.SAME_DAY, 2),
    ]
    assert found[0].message == f"{CESC} has 2 meetings on Friday 16 November 2018."


def test_over_capacity() -> None:
    meetings = [
        meeting(1, date(2018, 11, 2), items=4),
        meeting(2, date(2018, 11, 16), items=5),
        meeting(3, date(2019, 1, 18), items=3, capacity=2),
    ]
    found = meeting_warnings(meetings, ENGLAND)
    assert [(w.kind, w.meeting_id) for w in found] == [
        (WarningKind.OVER_CAPACITY, 2),
        (WarningKind.OVER_CAPACITY, 3),
    ]
    assert found[0].message == (
        f"{CESC} on Friday 16 November 2018 has 5 substantive items, more than its capacity of 4."
    )


def test_report_overdue_with_a_given_deadline() -> None:
    meetings = [meeting(1, date(2018, 11, 16))]
    topics = [
        TopicInfo(10, "Alternative Education Provision", 1, date(2018, 11, 2), False),
        TopicInfo(11, "Early Help", 1, date(2018, 11, 2), True),  # received: fine
        TopicInfo(12, "SEND Transformation", 1, date(2018, 11, 5), False),  # due today
    ]
    found = topic_warnings(topics, meetings, ENGLAND, today=date(2018, 11, 5))
    assert [(w.kind, w.meeting_id, w.topic_id, w.date) for w in found] == [
        (WarningKind.REPORT_OVERDUE, 1, 10, date(2018, 11, 2)),
    ]
    assert found[0].message == (
        "The report for 'Alternative Education Provision' was due on 2 November 2018"
        " for the meeting on 16 November 2018 and has not been received."
    )


def test_report_deadline_computed_from_the_rules() -> None:
    # 10 working days before Friday 7 September 2018, over the August bank holiday.
    meetings = [meeting(1, date(2018, 9, 7))]
    topics = [TopicInfo(10, "Ofsted improvement", 1)]
    rules = default_rules("england")
    assert topic_warnings(topics, meetings, ENGLAND, date(2018, 8, 23), rules) == []
    [warning] = topic_warnings(topics, meetings, ENGLAND, date(2018, 8, 24), rules)
    assert warning.date == date(2018, 8, 23)
    assert "due on 23 August 2018" in warning.message
    # Without rules, or without a meeting, there is no deadline to miss.
    assert topic_warnings(topics, meetings, ENGLAND, date(2018, 8, 24)) == []
    loose = [TopicInfo(11, "Schools led system", None)]
    assert topic_warnings(loose, meetings, ENGLAND, date(2019, 1, 1), rules) == []


def test_report_overdue_without_a_meeting_still_warns() -> None:
    topics = [TopicInfo("t-1", "Educational Attainment", None, date(2019, 1, 4))]
    [warning] = topic_warnings(topics, [], ENGLAND, date(2019, 1, 7))
    assert warning.meeting_id is None
    assert warning.message == (
        "The report for 'Educational Attainment' was due on 4 January 2019"
        " and has not been received."
    )


def test_all_warnings_sorted_by_day() -> None:
    meetings = [meeting(1, date(2018, 12, 25), items=6), meeting(2, date(2018, 11, 16))]
    topics = [TopicInfo(10, "Late report", 2, date(2018, 11, 1))]
    found = calendar_warnings(meetings, topics, ENGLAND, date(2018, 11, 10))
    assert [(w.kind, w.date) for w in found] == [
        (WarningKind.REPORT_OVERDUE, date(2018, 11, 1)),
        (WarningKind.NON_WORKING_DAY, date(2018, 12, 25)),
        (WarningKind.OVER_CAPACITY, date(2018, 12, 25)),
    ]
    assert "(Christmas Day)" in found[1].message
