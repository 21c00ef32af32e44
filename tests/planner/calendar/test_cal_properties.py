"""Properties that must hold for every meeting date, rule and closure list."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.calendar import (
    DeadlineRule,
    Unit,
    WorkingCalendar,
    compute_deadline,
    format_date,
    parse_rule,
    parse_uk_date,
    rules_from_settings,
    rules_to_settings,
)

# Built once: the calendars cache holiday years, which is what makes this fast.
CALENDARS = {n: WorkingCalendar(n) for n in ("england", "wales")}
dates = st.dates(date(2010, 1, 1), date(2035, 12, 31))
nations = st.sampled_from(["england", "wales"])
closures = st.lists(st.dates(date(2009, 10, 1), date(2035, 12, 31)), max_size=40)
times = st.none() | st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
rules = st.builds(
    lambda unit, amount, at: DeadlineRule(
        "rule", "Rule", amount + (unit is not Unit.CLEAR_WORKING_DAYS), unit, at
    ),
    st.sampled_from(list(Unit)),
    st.integers(0, 40),
    times,
)


@given(dates, nations, rules)
def test_deadline_is_a_working_day_strictly_before_the_meeting(
    meeting: date, nation: str, rule: DeadlineRule
) -> None:
    cal = CALENDARS[nation]
    deadline = compute_deadline(meeting, rule, cal)
    assert deadline.date < meeting
    assert cal.is_working_day(deadline.date)
    assert deadline.time_of_day == rule.time_of_day


@given(dates, nations, closures, rules)
def test_closures_never_produce_a_closed_deadline(
    meeting: date, nation: str, closed: list[date], rule: DeadlineRule
) -> None:
    cal = WorkingCalendar(nation, closed)
    deadline = compute_deadline(meeting, rule, cal)
    assert deadline.date < meeting
    assert deadline.date not in closed
    assert cal.is_working_day(deadline.date)


@given(dates, nations, st.integers(0, 30))
def test_clear_working_days_count_is_exactly_n(meeting: date, nation: str, n: int) -> None:
    cal = CALENDARS[nation]
    published = cal.clear_working_days_before(meeting, n)
    assert cal.is_working_day(published)
    assert cal.working_days_between(published, meeting) == n
    # The latest such day: any later working day would leave fewer than n clear days.
    later = cal.next_working_day(published + timedelta(days=1))
    assert later >= meeting or cal.working_days_between(later, meeting) < n


@given(dates, nations, st.integers(1, 30))
def test_working_days_before_counts_from_the_day_before(meeting: date, nation: str, n: int) -> None:
    cal = CALENDARS[nation]
    day = cal.working_days_before(meeting, n)
    assert cal.is_working_day(day)
    # The day itself is the nth; n - 1 lie between it and the meeting.
    assert cal.working_days_between(day, meeting) == n - 1


@given(dates, nations, st.integers(1, 60))
def test_calendar_days_move_only_when_needed(meeting: date, nation: str, n: int) -> None:
    cal = CALENDARS[nation]
    deadline = compute_deadline(meeting, DeadlineRule("x", "X", n, Unit.CALENDAR_DAYS), cal)
    target = meeting - timedelta(days=n)
    if cal.is_working_day(target):
        assert (deadline.date, deadline.moved_from) == (target, None)
    else:
        assert deadline.moved_from == target
        assert deadline.date == cal.previous_working_day(target) < target


@given(
    nations,
    st.dictionaries(
        st.sampled_from(["agenda", "petitions", "report_deadline", "briefing"]),
        st.fixed_dictionaries(
            {"amount": st.integers(1, 60), "unit": st.sampled_from([u.value for u in Unit])},
            optional={"enabled": st.booleans(), "time": st.sampled_from([None, "12:00"])},
        ),
    ),
)
def test_settings_round_trip(nation: str, overrides: dict[str, dict[str, object]]) -> None:
    rules_list = rules_from_settings(nation, overrides)
    assert rules_from_settings(nation, rules_to_settings(nation, rules_list)) == rules_list


@given(rules)
def test_describe_and_parse_round_trip(rule: DeadlineRule) -> None:
    assert parse_rule(rule.describe(), key=rule.key, label=rule.label) == rule


@given(dates)
def test_date_wording_round_trip(day: date) -> None:
    assert parse_uk_date(format_date(day)) == day
    assert parse_uk_date(format_date(day, weekday=True)) == day
