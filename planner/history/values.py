"""Column values as the change history stores them (JSON-ready), and back again.

Also what the history says about a record: its summary ("Alternative Education
Provision", "Meeting of 16 November 2018") and the committee it belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Column, Date, DateTime, Table, Time
from sqlalchemy import Enum as SqlEnum

from planner.dates import format_date

# Tables whose records are not recorded: the history itself and the database's
# own bookkeeping.
NOT_RECORDED = frozenset({"change_log", "planner_meta", "offline_base"})
# Columns every record has; they change with every edit, so ``changes`` leaves them out
# (the entry's ``at`` and ``version`` say the same). Snapshots keep them.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "version"})
SUMMARY_LENGTH = 300
# What a reader calls a record of each table.
KINDS: dict[str, str] = {
    "council": "council",
    "committee": "committee",
    "committee_member": "member",
    "meeting": "meeting",
    "topic": "topic",
    "topic_move": "move",
    "task_group": "task group",
    "recommendation": "recommendation",
    "action": "action",
    "member_activity": "activity",
    "user_role": "role",
}


def kind_of(table_name: str) -> str:
    return KINDS.get(table_name, table_name.replace("_", " "))


def named(table_name: str, summary: str | None) -> str:
    """A record in a sentence: "the topic 'X'", "the meeting of 16 November 2018",
    "the recommendation 7/18"."""
    kind = kind_of(table_name)
    if not summary:
        return f"the {kind}"
    if table_name == "meeting" and summary.startswith("Meeting of "):
        return "the m" + summary[1:]
    if table_name == "recommendation" and summary.startswith("Recommendation "):
        return "the r" + summary[1:]
    if table_name == "action" and summary.startswith("Action: "):
        summary = summary.removeprefix("Action: ")
    return f"the {kind} '{summary}'"


def json_ready(value: Any) -> Any:
    """A value JSON can hold: dates and times as ISO text, enums as their value."""
    if value is None or (isinstance(value, bool | int | float) and not isinstance(value, Enum)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.date | dt.time):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    return str(value)


def from_json(column: Column[Any], value: Any) -> Any:
    """The Python value for ``column`` of a JSON-ready ``value`` (a snapshot's)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Time):
        return dt.time.fromisoformat(value)
    if isinstance(kind, SqlEnum) and kind.enum_class is not None:
        return kind.enum_class(value)
    return value


def row_from_snapshot(table: Table, snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """Column values for an INSERT, from a snapshot (unknown keys are ignored)."""
    return {c.name: from_json(c, snapshot.get(c.name)) for c in table.columns if c.name in snapshot}


def _date_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    return format_date(value) if isinstance(value, dt.date) else ""


def _clip(text: str, length: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def summary_of(table_name: str, values: Mapping[str, Any]) -> str:
    """How the history names a record: a title, a date, a name."""
    v = values.get
    if table_name in ("topic", "task_group"):
        text = str(v("title") or "")
    elif table_name == "committee":
        text = f"{v('name') or ''} {v('municipal_year') or ''}"
    elif table_name == "meeting":
        text = f"Meeting of {_date_text(v('date'))}"
    elif table_name == "recommendation":
        text = f"Recommendation {v('reference') or ''}"
    elif table_name == "action":
        text = f"Action: {_clip(str(v('text') or ''), 80)}"
    elif table_name == "member_activity":
        text = f"{v('kind') or 'Activity'}: {v('member') or ''}"
    elif table_name == "topic_move":
        text = f"Moved from {v('from_label') or ''} to {v('to_label') or ''}"
    elif table_name == "user_role":
        text = f"{v('username') or ''} ({json_ready(v('role')) or ''})"
    else:  # council, committee_member and any table added later
        text = str(v("name") or table_name.replace("_", " "))
    return _clip(text.strip(), SUMMARY_LENGTH)
