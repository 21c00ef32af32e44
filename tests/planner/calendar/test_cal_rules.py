"""Deadline rules: defaults, council overrides stored as JSON, and the text parser."""

from __future__ import annotations

import json
from datetime import time
from typing import Any

import pytest

from planner.calendar import (
    DeadlineRule,
    Unit,
    default_rules,
    parse_rule,
    parse_time_of_day,
    parse_unit,
    rules_from_settings,
    rules_to_settings,
)


def test_defaults_for_england_and_wales() -> None:
    england = default_rules("england")
    assert england == [
        DeadlineRule("agenda", "Agenda publication", 5, Unit.CLEAR_WORKING_DAYS),
        DeadlineRule("member_questions", "Member questions", 4, Unit.WORKING_DAYS, time(12, 0)),
        DeadlineRule("public_questions", "Public questions", 7, Unit.CALENDAR_DAYS),
        DeadlineRule("petitions", "Petitions", 14, Unit.CALENDAR_DAYS),
        DeadlineRule("report_deadline", "Report deadline", 10, Unit.WORKING_DAYS),
    ]
    wales = default_rules("Wales")
    assert wales[0].amount == 3
    assert wales[1:] == england[1:]


def test_no_overrides_gives_defaults_and_stores_nothing() -> None:
    assert rules_from_settings("england", {}) == default_rules("england")
    assert rules_from_settings("england", None) == default_rules("england")
    assert rules_to_settings("england", default_rules("england")) == {}


def test_overrides_edit_disable_and_add() -> None:
    overrides: dict[str, dict[str, Any]] = {
        "report_deadline": {"amount": 15, "time": "17:00"},
        "member_questions": {"time": None},
        "petitions": {"enabled": False},
        "chairs_briefing": {"amount": 8, "unit": "working days", "label": "Chairman's briefing"},
    }
    rules = rules_from_settings("england", overrides)
    assert [r.key for r in rules] == [
        "agenda",
        "member_questions",
        "public_questions",
        "report_deadline",
        "chairs_briefing",
    ]
    by_key = {r.key: r for r in rules}
    assert by_key["report_deadline"] == DeadlineRule(
        "report_deadline", "Report deadline", 15, Unit.WORKING_DAYS, time(17, 0)
    )
    assert by_key["member_questions"].time_of_day is None
    assert by_key["chairs_briefing"].label == "Chairman's briefing"
    stored = rules_to_settings("england", rules)
    assert stored == {
        "member_questions": {"time": None},
        "petitions": {"enabled": False},
        "report_deadline": {"amount": 15, "time": "17:00"},
        "chairs_briefing": {
            "label": "Chairman's briefing",
            "amount": 8,
            "unit": "working_days",
            "time": None,
        },
    }
    # Settings are stored as JSON, so they must survive a round trip through it.
    assert rules_from_settings("england", json.loads(json.dumps(stored))) == rules


def test_new_rule_label_defaults_from_key() -> None:
    rules = rules_from_settings("wales", {"site_visit": {"amount": 3, "unit": "calendar_days"}})
    assert rules[-1].label == "Site visit"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"petitions": {"amount": -1}}, r"'petitions': amount must be between 1 and 366"),
        ({"petitions": {"amount": "14"}}, r"'petitions': amount must be a whole number"),
        ({"petitions": {"amount": True}}, r"'petitions': amount must be a whole number"),
        ({"agenda": {"amount": 400}}, r"'agenda': amount must be between 0 and 366"),
        ({"member_questions": {"amount": 0}}, r"'member_questions': amount must be between 1"),
        ({"petitions": {"unit": "fortnights"}}, r"'petitions': unknown unit 'fortnights'"),
        ({"petitions": {"unit": 3}}, r"'petitions': unit must be one of"),
        ({"petitions": {"time": "25:00"}}, r"'petitions': '25:00' is not a valid time"),
        ({"petitions": {"time": 12}}, r"'petitions': time must be 'HH:MM' or null"),
        ({"petitions": {"amont": 3}}, r"'petitions': unknown setting\(s\) amont"),
        ({"petitions": {"enabled": "no"}}, r"'petitions': enabled must be true or false"),
        ({"petitions": {"label": ""}}, r"'petitions': label must be non-empty"),
        ({"petitions": 14}, r"'petitions': settings must be an object"),
        ({"briefing": {"amount": 3}}, r"'briefing': a new rule needs both"),
        ({"Bad Key": {"amount": 3, "unit": "working_days"}}, r"'Bad Key': key must be"),
    ],
)
def test_bad_settings_name_the_rule(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rules_from_settings("england", overrides)


def test_rules_to_settings_rejects_duplicates() -> None:
    rules = default_rules("england")
    with pytest.raises(ValueError, match="'agenda': appears more than once"):
        rules_to_settings("england", [*rules, rules[0]])


def test_rule_rejects_zoned_time() -> None:
    from datetime import UTC

    with pytest.raises(ValueError, match="without a time zone"):
        DeadlineRule("x", "X", 1, Unit.WORKING_DAYS, time(12, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "amount", "unit", "at"),
    [
        ("10 working days at 12:00", 10, Unit.WORKING_DAYS, time(12, 0)),
        ("5 clear working days", 5, Unit.CLEAR_WORKING_DAYS, None),
        ("four working days before the meeting at 12.00pm", 4, Unit.WORKING_DAYS, time(12, 0)),
        ("seven days before", 7, Unit.CALENDAR_DAYS, None),
        ("14 calendar days", 14, Unit.CALENDAR_DAYS, None),
        ("2 weeks", 14, Unit.CALENDAR_DAYS, None),
        ("1 working day by noon", 1, Unit.WORKING_DAYS, time(12, 0)),
        ("3 Working Days, 5pm", 3, Unit.WORKING_DAYS, time(17, 0)),
        ("0 clear working days", 0, Unit.CLEAR_WORKING_DAYS, None),
    ],
)
def test_parse_rule(text: str, amount: int, unit: Unit, at: time | None) -> None:
    rule = parse_rule(text, key="report_deadline", label="Report deadline")
    assert (rule.key, rule.label, rule.amount, rule.unit, rule.time_of_day) == (
        "report_deadline",
        "Report deadline",
        amount,
        unit,
        at,
    )


def test_describe_reads_back() -> None:
    for rule in default_rules("england"):
        again = parse_rule(rule.describe(), key=rule.key, label=rule.label)
        assert again == rule
    assert default_rules("england")[1].describe() == "4 working days before at 12:00"
    single = DeadlineRule("x", "X", 1, Unit.CLEAR_WORKING_DAYS)
    assert single.describe() == "1 clear working day before"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("next Tuesday", "cannot read"),
        ("3 clear days", "say 'clear working days' or 'calendar days'"),
        ("many working days", "'many' is not a number"),
        ("0 working days", "amount must be between 1"),
        ("4 working days at teatime", "cannot read 'teatime' as a time"),
    ],
)
def test_parse_rule_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rule(text, key="member_questions")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12:00", time(12, 0)),
        ("9.30", time(9, 30)),
        ("12 noon", time(12, 0)),
        ("midday", time(12, 0)),
        ("12am", time(0, 0)),
        ("12.30pm", time(12, 30)),
        ("5:15 PM", time(17, 15)),
    ],
)
def test_parse_time_of_day(text: str, expected: time) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["12", "13pm", "24:00", "9:75", ""])
def test_parse_time_of_day_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time_of_day(text)


def test_parse_unit_accepts_stored_and_typed_forms() -> None:
    assert parse_unit("clear_working_days") is Unit.CLEAR_WORKING_DAYS
    assert parse_unit("Clear working days") is Unit.CLEAR_WORKING_DAYS
    assert parse_unit("calendar-days") is Unit.CALENDAR_DAYS
