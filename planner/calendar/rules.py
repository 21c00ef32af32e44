"""Deadline rules: how far before a meeting each deadline falls, per council."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import time
from enum import StrEnum
from typing import Any

from planner.calendar.working_days import normalise_nation
from planner.dates import format_time

MAX_AMOUNT = 366  # anything longer than a year is a typo, not a rule
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SETTING_FIELDS = frozenset({"label", "amount", "unit", "time", "enabled"})


class Unit(StrEnum):
    CLEAR_WORKING_DAYS = "clear_working_days"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"

    @property
    def phrase(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label: str
    amount: int
    unit: Unit
    time_of_day: time | None = None

    def __post_init__(self) -> None:
        name = f"Deadline rule {self.key!r}"
        if not isinstance(self.key, str) or not _KEY_RE.match(self.key):
            raise ValueError(f"{name}: key must be lower-case letters, digits and '_'")
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError(f"{name}: label must be non-empty text")
        if not isinstance(self.unit, Unit):
            raise ValueError(f"{name}: unit must be one of {_unit_choices()}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(f"{name}: amount must be a whole number, not {self.amount!r}")
        # Zero clear working days is meaningful (the working day before); zero plain
        # days would put the deadline on the meeting day itself.
        low = 0 if self.unit is Unit.CLEAR_WORKING_DAYS else 1
        if not low <= self.amount <= MAX_AMOUNT:
            raise ValueError(
                f"{name}: amount must be between {low} and {MAX_AMOUNT} {self.unit.phrase},"
                f" not {self.amount}"
            )
        if self.time_of_day is not None and (
            not isinstance(self.time_of_day, time) or self.time_of_day.tzinfo is not None
        ):
            raise ValueError(f"{name}: time of day must be a local time without a time zone")

    def describe(self) -> str:
        """'4 working days before at 12:00'; parse_rule reads this back."""
        unit = self.unit.phrase[:-1] if self.amount == 1 else self.unit.phrase
        text = f"{self.amount} {unit} before"
        return f"{text} at {format_time(self.time_of_day)}" if self.time_of_day else text


def _unit_choices() -> str:
    return ", ".join(u.value for u in Unit)


def default_rules(nation: str) -> list[DeadlineRule]:
    """The statutory agenda rule plus the seed council's own deadlines, in display order."""
    clear_days = 3 if normalise_nation(nation) == "wales" else 5
    return [
        DeadlineRule("agenda", "Agenda publication", clear_days, Unit.CLEAR_WORKING_DAYS),
        DeadlineRule("member_questions", "Member questions", 4, Unit.WORKING_DAYS, time(12, 0)),
        DeadlineRule("public_questions", "Public questions", 7, Unit.CALENDAR_DAYS),
        DeadlineRule("petitions", "Petitions", 14, Unit.CALENDAR_DAYS),
        DeadlineRule("report_deadline", "Report deadline", 10, Unit.WORKING_DAYS),
    ]


def parse_unit(value: str) -> Unit:
    """Accept 'working_days' (stored form) or 'working days' (typed form)."""
    key = re.sub(r"[\s-]+", "_", value.strip().lower())
    try:
        return Unit(key)
    except ValueError:
        raise ValueError(f"unknown unit {value!r}: expected one of {_unit_choices()}") from None


_TIME_RE = re.compile(
    r"^(?:(?P<noon>noon|midday|12\s*noon)|(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm)?)$"
)


def parse_time_of_day(text: str) -> time:
    """'12:00', '12.00pm', 'noon', '5pm', '17:30' -> time."""
    match = _TIME_RE.match(text.strip().lower())
    if match is None:
        raise ValueError(f"cannot read {text!r} as a time of day (try 12:00)")
    if match["noon"]:
        return time(12, 0)
    hour, minute, ampm = int(match["h"]), int(match["m"] or 0), match["ampm"]
    if ampm is None and match["m"] is None:
        raise ValueError(f"cannot read {text!r} as a time of day (try {hour:02d}:00)")
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: hour must be 1 to 12 with am/pm")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a valid time of day")
    return time(hour, minute)


def _rule_from_mapping(key: str, base: DeadlineRule | None, raw: Mapping[str, Any]) -> DeadlineRule:
    name = f"Deadline rule {key!r}"
    unknown = sorted(set(raw) - _SETTING_FIELDS)
    if unknown:
        raise ValueError(f"{name}: unknown setting(s) {', '.join(unknown)}")
    if base is None and ("amount" not in raw or "unit" not in raw):
        raise ValueError(f"{name}: a new rule needs both 'amount' and 'unit'")
    changes: dict[str, Any] = {}
    if "label" in raw:
        changes["label"] = raw["label"]
    if "amount" in raw:
        changes["amount"] = raw["amount"]
    if "unit" in raw:
        if not isinstance(raw["unit"], str):
            raise ValueError(f"{name}: unit must be one of {_unit_choices()}")
        try:
            changes["unit"] = parse_unit(raw["unit"])
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    if "time" in raw:
        value = raw["time"]
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name}: time must be 'HH:MM' or null, not {value!r}")
        try:
            changes["time_of_day"] = None if value is None else parse_time_of_day(value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    if base is None:
        label = changes.pop("label", key.replace("_", " ").capitalize())
        at = changes.get("time_of_day")
        return DeadlineRule(key, label, changes["amount"], changes["unit"], at)
    return replace(base, **changes)


def rules_from_settings(
    nation: str, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> list[DeadlineRule]:
    """Defaults for the nation with a council's stored overrides applied.

    Overrides are keyed by rule key, each holding any of label, amount, unit,
    time ('HH:MM' or null) and enabled (false drops the rule). An unknown key adds
    a council-specific rule after the defaults.
    """
    rules: list[DeadlineRule] = []
    overrides = overrides or {}
    defaults = default_rules(nation)
    default_keys = {rule.key for rule in defaults}
    for key in overrides:
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise ValueError(
                f"Deadline rule {key!r}: key must be lower-case letters, digits and '_'"
            )
    extra: list[tuple[str, DeadlineRule | None]] = [
        (key, None) for key in overrides if key not in default_keys
    ]
    for key, base in [*((r.key, r) for r in defaults), *extra]:
        raw = overrides.get(key, {})
        if not isinstance(raw, Mapping):
            raise ValueError(f"Deadline rule {key!r}: settings must be an object")
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ValueError(f"Deadline rule {key!r}: enabled must be true or false")
        if enabled:
            rules.append(_rule_from_mapping(key, base, raw) if raw or base is None else base)
    return rules


def rule_to_mapping(rule: DeadlineRule) -> dict[str, Any]:
    """All fields of a rule as JSON-able values."""
    return {
        "label": rule.label,
        "amount": rule.amount,
        "unit": rule.unit.value,
        "time": format_time(rule.time_of_day) if rule.time_of_day else None,
    }


def rules_to_settings(nation: str, rules: Iterable[DeadlineRule]) -> dict[str, dict[str, Any]]:
    """Only what differs from the defaults, so later changes to defaults still apply."""
    rules = list(rules)
    keys = [rule.key for rule in rules]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"Deadline rule {duplicates[0]!r}: appears more than once")
    by_key = {rule.key: rule for rule in rules}
    settings: dict[str, dict[str, Any]] = {}
    for default in default_rules(nation):
        rule = by_key.pop(default.key, None)
        if rule is None:
            settings[default.key] = {"enabled": False}
            continue
        wanted, base = rule_to_mapping(rule), rule_to_mapping(default)
        diff = {field: value for field, value in wanted.items() if base[field] != value}
        if diff:
            settings[default.key] = diff
    for key, rule in by_key.items():
        settings[key] = rule_to_mapping(rule)
    return settings


_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_RULE_RE = re.compile(
    r"^(?P<amount>\w+)\s+(?P<unit>clear\s+working\s+days?|working\s+days?|calendar\s+days?"
    r"|days?|weeks?|clear\s+days?)(?:\s+before(?:\s+the\s+meeting)?)?"
    r"(?:\s*(?:,|at|by)\s*(?P<time>.+))?$"
)


def parse_rule(text: str, key: str = "custom", label: str | None = None) -> DeadlineRule:
    """Read '10 working days at 12:00', 'seven days before', '5 clear working days'.

    Plain 'days' and 'weeks' are calendar days. 'Clear days' alone is refused because
    clerks use it both for working days (agendas) and calendar days (key decisions).
    """
    cleaned = " ".join(text.strip().lower().split())
    match = _RULE_RE.match(cleaned)
    rule_name = label or key
    if match is None:
        raise ValueError(
            f"Deadline rule {rule_name!r}: cannot read {text!r}"
            " (try '10 working days at 12:00' or '7 days')"
        )
    word = match["amount"]
    if word.isdigit():
        amount = int(word)
    elif word in _NUMBER_WORDS:
        amount = _NUMBER_WORDS.index(word)
    else:
        raise ValueError(f"Deadline rule {rule_name!r}: {word!r} is not a number of days")
    unit_text = match["unit"]
    if unit_text.startswith("clear") and "working" not in unit_text:
        raise ValueError(
            f"Deadline rule {rule_name!r}: say 'clear working days' or 'calendar days',"
            " not 'clear days'"
        )
    if unit_text.startswith("week"):
        unit, amount = Unit.CALENDAR_DAYS, amount * 7
    elif unit_text.startswith("clear"):
        unit = Unit.CLEAR_WORKING_DAYS
    elif unit_text.startswith("working"):
        unit = Unit.WORKING_DAYS
    else:
        unit = Unit.CALENDAR_DAYS
    at = None
    if match["time"]:
        try:
            at = parse_time_of_day(match["time"])
        except ValueError as exc:
            raise ValueError(f"Deadline rule {rule_name!r}: {exc}") from None
    return DeadlineRule(key, label or key.replace("_", " ").capitalize(), amount, unit, at)
