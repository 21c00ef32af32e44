"""Pure calendar layer: working days, deadline rules, warnings, meeting generation, .ics.

No database or Qt here, so the UI, the CLI and the tests can all call it directly.
"""

from planner.calendar.deadlines import Deadline, compute_deadline, compute_deadlines
from planner.calendar.generator import (
    GeneratedDates,
    MunicipalYear,
    RepeatPattern,
    generate_meetings,
    parse_pattern,
    parse_uk_date,
)
from planner.calendar.ics import (
    DEFAULT_MEETING_DURATION,
    IcsMeeting,
    build_calendar,
    deadline_uid,
    meeting_uid,
    write_calendar,
)
from planner.calendar.rules import (
    DeadlineRule,
    Unit,
    default_rules,
    parse_rule,
    parse_time_of_day,
    parse_unit,
    rule_to_mapping,
    rules_from_settings,
    rules_to_settings,
)
from planner.calendar.warnings import (
    DEFAULT_CAPACITY,
    CalendarWarning,
    MeetingInfo,
    RecordId,
    TopicInfo,
    WarningKind,
    calendar_warnings,
    meeting_warnings,
    topic_warnings,
)
from planner.calendar.working_days import (
    CLOSURE_NAME,
    NATIONS,
    OneOffDay,
    WorkingCalendar,
    load_one_off_days,
    normalise_nation,
    parse_one_off_days,
)
from planner.dates import format_date, format_time

__all__ = [
    "CLOSURE_NAME",
    "DEFAULT_CAPACITY",
    "DEFAULT_MEETING_DURATION",
    "NATIONS",
    "CalendarWarning",
    "Deadline",
    "DeadlineRule",
    "GeneratedDates",
    "IcsMeeting",
    "MeetingInfo",
    "MunicipalYear",
    "OneOffDay",
    "RecordId",
    "RepeatPattern",
    "TopicInfo",
    "Unit",
    "WarningKind",
    "WorkingCalendar",
    "build_calendar",
    "calendar_warnings",
    "compute_deadline",
    "compute_deadlines",
    "deadline_uid",
    "default_rules",
    "format_date",
    "format_time",
    "generate_meetings",
    "load_one_off_days",
    "meeting_uid",
    "meeting_warnings",
    "normalise_nation",
    "parse_one_off_days",
    "parse_pattern",
    "parse_rule",
    "parse_time_of_day",
    "parse_uk_date",
    "parse_unit",
    "rule_to_mapping",
    "rules_from_settings",
    "rules_to_settings",
    "topic_warnings",
    "write_calendar",
]
