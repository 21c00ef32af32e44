"""Legal deadlines and warnings for a council's meetings, from its stored settings.

A council's settings (JSON on the council row) hold only what differs from the
defaults: ``deadline_rules`` overrides, ``closure_days`` and ``capacity``. One-off
bank holidays come from the bundled list plus, if present, ``one_off_days.json`` in
the user's data folder, so a new one needs no new release.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.calendar import (
    DEFAULT_CAPACITY,
    CalendarWarning,
    Deadline,
    DeadlineRule,
    MeetingInfo,
    TopicInfo,
    WorkingCalendar,
    calendar_warnings,
    compute_deadlines,
    load_one_off_days,
    parse_rule,
    rule_to_mapping,
    rules_from_settings,
)
from planner.dates import format_date, parse_municipal_year
from planner.db.models import Committee, Council, Meeting, Topic
from planner.enums import MeetingStatus, TopicStatus
from planner.errors import ValidationError
from planner.paths import data_dir
from planner.services.lookup import get
from planner.services.meetings import list_meetings
from planner.services.views import MeetingView

# Topics still waiting for their report; later statuses have it or never will.
AWAITING_REPORT = (
    TopicStatus.PROPOSED,
    TopicStatus.IN_DEVELOPMENT,
    TopicStatus.SCHEDULED,
    TopicStatus.DEFERRED,
)


@dataclass(frozen=True)
class MeetingDeadlines:
    meeting: MeetingView
    deadlines: tuple[Deadline, ...]
    warnings: tuple[CalendarWarning, ...]

    def deadline(self, key: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.rule_key == key), None)


@dataclass(frozen=True)
class MeetingCalendar:
    council_name: str
    municipal_year: str
    rules: tuple[DeadlineRule, ...]
    meetings: tuple[MeetingDeadlines, ...]
    warnings: tuple[CalendarWarning, ...]
    late_topics: frozenset[str]


def _settings(council: Council) -> dict[str, Any]:
    return dict(council.settings or {})


def working_calendar(council: Council) -> WorkingCalendar:
    closures = {
        dt.date.fromisoformat(day["date"]): day.get("name") or "Council closure day"
        for day in _settings(council).get("closure_days", [])
    }
    extra = data_dir() / "one_off_days.json"
    one_off = load_one_off_days() + (load_one_off_days(extra) if extra.exists() else ())
    return WorkingCalendar(council.nation.value, closures, one_off_days=one_off)


def council_rules(council: Council) -> list[DeadlineRule]:
    try:
        return rules_from_settings(council.nation.value, _settings(council).get("deadline_rules"))
    except ValueError as exc:
        raise ValidationError("deadline_rules", f"{council.name}: {exc}") from exc


def default_capacity(council: Council) -> int:
    return int(_settings(council).get("capacity", DEFAULT_CAPACITY))


def set_deadline_rule(
    session: Session, council_id: str, key: str, text: str | None
) -> list[DeadlineRule]:
    """Set one rule from text like '10 working days at 12:00'; None goes back to the default."""
    council = get(session, Council, council_id, "council")
    settings = _settings(council)
    overrides = dict(settings.get("deadline_rules", {}))
    if text is None:
        overrides.pop(key, None)
    else:
        existing = {r.key: r for r in council_rules(council)}
        label = existing[key].label if key in existing else key.replace("_", " ").capitalize()
        try:
            rule = parse_rule(text, key=key, label=label)
        except ValueError as exc:
            raise ValidationError("deadline_rules", f"Rule '{key}': {exc}") from exc
        overrides[key] = rule_to_mapping(rule)
    settings["deadline_rules"] = overrides
    council.settings = settings
    rules = council_rules(council)
    session.flush()
    return rules


def set_closure_day(
    session: Session, council_id: str, day: dt.date, name: str | None, remove: bool = False
) -> None:
    council = get(session, Council, council_id, "council")
    settings = _settings(council)
    days = [d for d in settings.get("closure_days", []) if d["date"] != day.isoformat()]
    if not remove:
        days.append({"date": day.isoformat(), "name": name or "Council closure day"})
    settings["closure_days"] = sorted(days, key=lambda d: d["date"])
    council.settings = settings
    session.flush()


def set_default_capacity(session: Session, council_id: str, capacity: int) -> None:
    if capacity < 1:
        raise ValidationError("capacity", "A meeting's capacity must be at least one item.")
    council = get(session, Council, council_id, "council")
    council.settings = {**_settings(council), "capacity": capacity}
    session.flush()


def meeting_calendar(
    session: Session,
    council_id: str,
    year: str,
    committee_id: str | None = None,
    today: dt.date | None = None,
) -> MeetingCalendar:
    """Every meeting of the council's committees in a year, with deadlines and warnings."""
    council = get(session, Council, council_id, "council")
    year = parse_municipal_year(year)
    query = select(Committee.id).where(
        Committee.council_id == council_id, Committee.municipal_year == year
    )
    if committee_id:
        query = query.where(Committee.id == committee_id)
    committee_ids = list(session.scalars(query))
    calendar, rules = working_calendar(council), council_rules(council)
    capacity = default_capacity(council)
    meetings = [
        m for m in list_meetings(session, committee_ids) if m.status != MeetingStatus.CANCELLED
    ]
    topics = list(
        session.execute(
            select(Topic.id, Topic.title, Topic.meeting_id, Topic.status, Topic.substantive).where(
                Topic.meeting_id.in_([m.id for m in meetings])
            )
        )
    )
    substantive = Counter(
        t.meeting_id for t in topics if t.substantive and t.status != TopicStatus.DROPPED
    )
    infos = [
        MeetingInfo(
            m.id, m.committee_name, m.date, m.start_time, substantive[m.id], m.capacity or capacity
        )
        for m in meetings
    ]
    waiting = [
        TopicInfo(t.id, t.title, t.meeting_id) for t in topics if t.status in AWAITING_REPORT
    ]
    warnings = calendar_warnings(infos, waiting, calendar, today or dt.date.today(), rules)
    rows = tuple(
        MeetingDeadlines(
            m,
            tuple(compute_deadlines(m.date, rules, calendar)),
            tuple(w for w in warnings if w.meeting_id == m.id),
        )
        for m in meetings
    )
    late = frozenset(str(w.topic_id) for w in warnings if w.topic_id is not None)
    return MeetingCalendar(council.name, year, tuple(rules), rows, tuple(warnings), late)


def committee_calendar(
    session: Session, committee_id: str, today: dt.date | None = None
) -> MeetingCalendar:
    """The calendar of one committee-year (what the Meetings view shows)."""
    committee = get(session, Committee, committee_id, "committee")
    return meeting_calendar(
        session, committee.council_id, committee.municipal_year, committee_id, today
    )


def late_reports(cal: MeetingCalendar) -> dict[str, str]:
    """Topic id -> the sentence saying whose report is late and since when."""
    return {
        str(w.topic_id): w.message for w in cal.warnings if w.topic_id is not None
    }


@dataclass(frozen=True)
class GeneratedMeetings:
    created: tuple[MeetingView, ...]
    already_there: tuple[dt.date, ...]
    warnings: tuple[str, ...]


def generate_year(
    session: Session,
    committee_id: str,
    pattern: str | list[dt.date],
    *,
    start_time: str | None = None,
    place: str | None = None,
) -> GeneratedMeetings:
    """Create a year's meetings from a pattern; dates the committee already meets on are kept."""
    from planner.calendar import generate_meetings
    from planner.services.meetings import create_meeting

    committee = get(session, Committee, committee_id, "committee")
    try:
        generated = generate_meetings(
            pattern, committee.municipal_year, working_calendar(committee.council)
        )
    except ValueError as exc:
        raise ValidationError("pattern", str(exc)) from exc
    existing = set(
        session.scalars(select(Meeting.date).where(Meeting.committee_id == committee_id))
    )
    created = [
        create_meeting(session, committee_id, date=day, start_time=start_time, place=place)
        for day in generated.dates
        if day not in existing
    ]
    kept = tuple(day for day in generated.dates if day in existing)
    return GeneratedMeetings(tuple(created), kept, tuple(w.message for w in generated.warnings))


def describe_deadline(deadline: Deadline) -> str:
    text = format_date(deadline.date)
    if deadline.time_of_day:
        text += f" {deadline.time_of_day:%H:%M}"
    return text
