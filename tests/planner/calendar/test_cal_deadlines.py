"""Deadlines for real meeting dates, every one worked out by hand on a calendar."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from planner.calendar import (
    Deadline,
    DeadlineRule,
    Unit,
    WorkingCalendar,
    compute_deadline,
    compute_deadlines,
    default_rules,
)

KEYS = ["agenda", "member_questions", "public_questions", "petitions", "report_deadline"]


def deadlines_by_key(
    meeting: date, nation: str, closures: list[date] | None = None
) -> dict[str, Deadline]:
    cal = WorkingCalendar(nation, closures or ())
    found = compute_deadlines(meeting, default_rules(nation), cal)
    assert [d.rule_key for d in found] == KEYS
    return {d.rule_key: d for d in found}


def test_seed_meeting_7_september_2018_exactly() -> None:
    """The seed agenda pack: published Thursday 30 August for Friday 7 September 2018."""
    got = deadlines_by_key(date(2018, 9, 7), "england")
    assert got["agenda"] == Deadline("agenda", "Agenda publication", date(2018, 8, 30))
    assert got["member_questions"] == Deadline(
        "member_questions", "Member questions", date(2018, 9, 3), time(12, 0)
    )
    assert got["public_questions"] == Deadline(
        "public_questions", "Public questions", date(2018, 8, 31)
    )
    assert got["petitions"] == Deadline("petitions", "Petitions", date(2018, 8, 24))
    # 10 working days back, stepping over the 27 August bank holiday.
    assert got["report_deadline"].date == date(2018, 8, 23)


def test_seed_meeting_in_wales_uses_three_clear_days() -> None:
    got = deadlines_by_key(date(2018, 9, 7), "wales")
    assert got["agenda"].date == date(2018, 9, 3)
    assert got["member_questions"].date == date(2018, 9, 3)
    assert got["public_questions"].date == date(2018, 8, 31)


# (meeting, England agenda, Wales agenda, member questions, public questions,
#  public questions moved from, petitions)
CASES = [
    pytest.param(
        date(2019, 4, 26), date(2019, 4, 16), date(2019, 4, 18), date(2019, 4, 18),
        date(2019, 4, 18), date(2019, 4, 19), date(2019, 4, 12), id="after-easter-2019",
    ),
    pytest.param(
        date(2024, 4, 4), date(2024, 3, 25), date(2024, 3, 27), date(2024, 3, 27),
        date(2024, 3, 28), None, date(2024, 3, 21), id="after-easter-2024",
    ),
    pytest.param(
        date(2019, 5, 14), date(2019, 5, 3), date(2019, 5, 8), date(2019, 5, 8),
        date(2019, 5, 7), None, date(2019, 4, 30), id="early-may-2019",
    ),
    pytest.param(
        date(2024, 5, 31), date(2024, 5, 22), date(2024, 5, 24), date(2024, 5, 24),
        date(2024, 5, 24), None, date(2024, 5, 17), id="spring-2024",
    ),
    pytest.param(
        date(2024, 6, 3), date(2024, 5, 23), date(2024, 5, 28), date(2024, 5, 28),
        date(2024, 5, 24), date(2024, 5, 27), date(2024, 5, 20), id="spring-2024-moved",
    ),
    pytest.param(
        date(2024, 8, 29), date(2024, 8, 20), date(2024, 8, 22), date(2024, 8, 22),
        date(2024, 8, 22), None, date(2024, 8, 15), id="august-2024",
    ),
    pytest.param(
        date(2025, 1, 6), date(2024, 12, 24), date(2024, 12, 30), date(2024, 12, 30),
        date(2024, 12, 30), None, date(2024, 12, 23), id="new-year-2025",
    ),
    pytest.param(
        date(2022, 1, 5), date(2021, 12, 23), date(2021, 12, 29), date(2021, 12, 29),
        date(2021, 12, 29), None, date(2021, 12, 22), id="substitutes-2021",
    ),
    pytest.param(
        date(2023, 1, 5), date(2022, 12, 23), date(2022, 12, 29), date(2022, 12, 29),
        date(2022, 12, 29), None, date(2022, 12, 22), id="substitutes-2022",
    ),
    pytest.param(
        date(2022, 6, 7), date(2022, 5, 26), date(2022, 5, 30), date(2022, 5, 30),
        date(2022, 5, 31), None, date(2022, 5, 24), id="jubilee-2022",
    ),
    pytest.param(
        date(2022, 6, 10), date(2022, 5, 31), date(2022, 6, 6), date(2022, 6, 6),
        date(2022, 6, 1), date(2022, 6, 3), date(2022, 5, 27), id="jubilee-2022-moved",
    ),
    pytest.param(
        date(2022, 9, 22), date(2022, 9, 13), date(2022, 9, 15), date(2022, 9, 15),
        date(2022, 9, 15), None, date(2022, 9, 8), id="state-funeral-2022",
    ),
    pytest.param(
        date(2022, 9, 26), date(2022, 9, 15), date(2022, 9, 20), date(2022, 9, 20),
        date(2022, 9, 16), date(2022, 9, 19), date(2022, 9, 12), id="state-funeral-moved",
    ),
    pytest.param(
        date(2023, 5, 10), date(2023, 4, 28), date(2023, 5, 3), date(2023, 5, 3),
        date(2023, 5, 3), None, date(2023, 4, 26), id="coronation-2023",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("meeting", "agenda_eng", "agenda_wls", "members", "public", "public_moved", "petitions"),
    CASES,
)
def test_hand_worked_deadlines(
    meeting: date,
    agenda_eng: date,
    agenda_wls: date,
    members: date,
    public: date,
    public_moved: date | None,
    petitions: date,
) -> None:
    for nation, agenda in (("england", agenda_eng), ("wales", agenda_wls)):
        got = deadlines_by_key(meeting, nation)
        assert got["agenda"].date == agenda, nation
        assert got["agenda"].moved_from is None
        assert got["member_questions"].date == members, nation
        assert got["member_questions"].time_of_day == time(12, 0)
        assert got["public_questions"].date == public, nation
        assert got["public_questions"].moved_from == public_moved, nation
        assert got["petitions"].date == petitions, nation


def test_council_closure_days_shift_deadlines() -> None:
    closures = [date(2024, 12, 27), date(2024, 12, 30), date(2024, 12, 31)]
    meeting = date(2025, 1, 6)
    plain = deadlines_by_key(meeting, "england")
    closed = deadlines_by_key(meeting, "england", closures)
    assert plain["agenda"].date == date(2024, 12, 24)
    # Working days left: 3 and 2 January, then 24, 23, 20 December: published the 19th.
    assert closed["agenda"].date == date(2024, 12, 19)
    assert closed["member_questions"].date == date(2024, 12, 23)
    assert plain["public_questions"] == Deadline(
        "public_questions", "Public questions", date(2024, 12, 30)
    )
    assert closed["public_questions"] == Deadline(
        "public_questions", "Public questions", date(2024, 12, 24), None, date(2024, 12, 30)
    )


def test_custom_rule_and_edited_report_deadline() -> None:
    cal = WorkingCalendar("england")
    rule = DeadlineRule("report_deadline", "Report deadline", 15, Unit.WORKING_DAYS, time(17, 0))
    got = compute_deadline(date(2018, 9, 7), rule, cal)
    # 15 working days back from 6 September, skipping the 27 August bank holiday.
    assert got == Deadline("report_deadline", "Report deadline", date(2018, 8, 16), time(17, 0))


def test_meeting_on_a_non_working_day_still_gets_deadlines() -> None:
    got = deadlines_by_key(date(2018, 8, 27), "england")
    assert got["agenda"].date == date(2018, 8, 17)
    assert got["member_questions"].date == date(2018, 8, 21)


def test_has_passed() -> None:
    timed = Deadline("member_questions", "Member questions", date(2018, 9, 3), time(12, 0))
    assert not timed.has_passed(datetime(2018, 9, 3, 11, 59))
    assert timed.has_passed(datetime(2018, 9, 3, 12, 0))
    assert not timed.has_passed(date(2018, 9, 3))
    assert timed.has_passed(date(2018, 9, 4))
    whole_day = Deadline("public_questions", "Public questions", date(2018, 8, 31))
    assert not whole_day.has_passed(datetime(2018, 8, 31, 23, 59))
    assert whole_day.has_passed(datetime(2018, 9, 1, 0, 0))
