"""The change history as people read it: one row per field changed, values in words.

Shared by the window's History dialog, ``fwp history`` and the history export, so
that all three say the same thing: "23 April 2019" rather than "2019-04-23", the
meeting's date rather than its id, "Yes" rather than true.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.dates import format_date
from planner.db.models_shared import ChangeLog
from planner.services.history import ChangeView

ACTIONS = {"create": "Created", "update": "Changed", "delete": "Deleted", "restore": "Restored"}
# Fields holding a fixed vocabulary: shown capitalised, as the lists show them.
_WORDS = {"status", "role", "office", "nation", "agreed", "source"}
_LABELS = {"officers": "Officer(s)", "exempt_paragraph": "Schedule 12A paragraph"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True)
class HistoryRow:
    change_id: str
    when: str  # "2 December 2026 14:32", local time
    who: str
    action: str  # "Created", "Changed", "Deleted", "Restored"
    record: str  # "Topic: Alternative Education Provision"
    field: str  # "Title"; empty for a delete
    old: str
    new: str
    at: dt.datetime  # naive UTC, for sorting
    table_name: str
    record_id: str


def field_label(name: str) -> str:
    if name in _LABELS:
        return _LABELS[name]
    text = name[:-3] if name.endswith("_id") else name
    text = text.replace("_", " ")
    return text[:1].upper() + text[1:]


def value_text(field: str, value: Any, names: dict[str, str] | None = None) -> str:
    """One stored (JSON-ready) value in words."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(value_text(field, v, names) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(k, v, names)}" for k, v in value.items())
    if field.endswith("_id") and isinstance(value, str):
        return (names or {}).get(value, value)
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return format_date(dt.date.fromisoformat(value))
        if _ISO_DATETIME.match(value):
            moment = dt.datetime.fromisoformat(value)
            return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"
        if _ISO_TIME.match(value) and field.endswith("time"):
            return value[:5]
        if field in _WORDS:
            return value[:1].upper() + value[1:]
    return str(value)


def linked_names(session: Session, changes: Iterable[ChangeView]) -> dict[str, str]:
    """What the ids in ``changes`` refer to (a meeting's date, a committee's name),
    from the history itself, so that deleted records are named too."""
    ids = {
        v
        for c in changes
        for name, pair in c.changes.items()
        if name.endswith("_id")
        for v in pair
        if isinstance(v, str)
    }
    names: dict[str, str] = {}
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        query = (
            select(ChangeLog.record_id, ChangeLog.summary)
            .where(ChangeLog.record_id.in_(listed[start : start + 500]))
            .order_by(ChangeLog.at)
        )
        for record_id, summary in session.execute(query):
            if summary:
                names[record_id] = summary.removeprefix("Meeting of ")
    return names


def rows_of(change: ChangeView, names: dict[str, str]) -> list[HistoryRow]:
    record = f"{change.kind[:1].upper()}{change.kind[1:]}: {change.summary}".rstrip(": ")

    def row(field: str, old: str, new: str) -> HistoryRow:
        return HistoryRow(
            change.id,
            change.when,
            change.who,
            ACTIONS.get(change.action, change.action.title()),
            record,
            field,
            old,
            new,
            change.at,
            change.table_name,
            change.record_id,
        )

    fields = [
        (name, pair)
        for name, pair in change.changes.items()
        # A new record's committee is the committee whose history this is.
        if not (change.action in ("create", "restore") and name == "committee_id")
    ]
    if not fields:
        return [row("", "", "")]
    return [
        row(field_label(name), value_text(name, old, names), value_text(name, new, names))
        for name, (old, new) in fields
    ]


def history_rows(session: Session, changes: Sequence[ChangeView]) -> list[HistoryRow]:
    """``changes`` (newest first) as rows, one per field changed, in the same order."""
    names = linked_names(session, changes)
    return [r for change in changes for r in rows_of(change, names)]
