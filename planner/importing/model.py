"""What an import would do, before it does anything: the plan the user confirms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from planner.dates import format_date
from planner.importing.headers import ColumnMapping

Action = Literal["create", "update", "unchanged"]
Kind = Literal["topic", "group", "recommendation"]
PlanKind = Literal["programme", "tracker"]


@dataclass(frozen=True)
class Problem:
    """A row that cannot be read, and why; ``column`` is a letter, or None for the row."""

    sheet: str
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}, row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class PlannedRow:
    """One row of the file and what applying the plan does with it.

    ``values`` are what a new record is created with (a ``meeting_date`` stands for
    the meeting, which may itself be new); ``changes`` are field -> (now, after) for
    an update. ``target_version`` lets the apply step notice edits made since.
    """

    sheet: str
    row: int
    action: Action
    kind: Kind
    values: Mapping[str, Any]
    target_id: str | None = None
    changes: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    target_version: int | None = None

    @property
    def name(self) -> str:
        return str(self.values.get("title") or self.values.get("reference") or "")

    @property
    def when(self) -> str:
        """Where a topic goes: a meeting date, a loose timing, or in development."""
        if self.kind != "topic":
            return ""
        meeting = self.values.get("meeting_date")
        if isinstance(meeting, dt.date):
            return format_date(meeting)
        timing = self.values.get("timing")
        return str(timing) if timing else "In development"


@dataclass(frozen=True)
class NewMeeting:
    """A meeting the file names that the planner does not have yet."""

    committee_id: str
    date: dt.date
    committee_label: str


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would create and change, and every row it cannot read.

    Making a plan writes nothing. ``apply_plan`` carries it out in one transaction.
    """

    kind: PlanKind
    source: str
    committee_id: str
    rows: tuple[PlannedRow, ...]
    problems: tuple[Problem, ...]
    mappings: tuple[ColumnMapping, ...]
    new_meetings: tuple[NewMeeting, ...] = ()
    committee_changes: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    skipped_rows: int = 0

    def _with(self, action: Action) -> tuple[PlannedRow, ...]:
        return tuple(r for r in self.rows if r.action == action)

    @property
    def to_create(self) -> tuple[PlannedRow, ...]:
        return self._with("create")

    @property
    def to_update(self) -> tuple[PlannedRow, ...]:
        return self._with("update")

    @property
    def unchanged(self) -> tuple[PlannedRow, ...]:
        return self._with("unchanged")

    @property
    def counts(self) -> dict[str, int]:
        return {
            "create": len(self.to_create),
            "update": len(self.to_update),
            "unchanged": len(self.unchanged),
            "problems": len(self.problems),
            "new meetings": len(self.new_meetings),
        }

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.to_create or self.to_update or self.new_meetings or self.committee_changes
        )

    def summary(self) -> str:
        c = self.counts
        text = (
            f"{self.source}: {c['create']} to create, {c['update']} to update, "
            f"{c['unchanged']} unchanged"
        )
        if c["new meetings"]:
            text += f", {c['new meetings']} new meeting(s)"
        if c["problems"]:
            text += f"; {c['problems']} row(s) cannot be read"
        return text + "."
