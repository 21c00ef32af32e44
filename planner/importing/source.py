"""Reading a file into drafts for a planner, and collecting what the plan will say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner.importing.cells import text_of
from planner.importing.headers import Overrides, Table
from planner.importing.model import NewMeeting, PlannedRow, Problem
from planner.importing.reader import ImportFileError, Value, open_sheets
from planner.importing.walker import Draft, SheetScan, walk

_LOOKED_FOR = {
    "programme": "a topic column (Scrutiny Topic, Topic, Item) beside another such as "
    "Date of Meeting, Description, Outcome, Method or Officer(s) responsible",
    "tracker": "a Recommendation column beside another such as Ref, Meeting, "
    "Addressed to, Response, Status (RAG) or Next review",
}
# Longest text the planner keeps in these fields (the database columns' sizes).
MAX_LENGTH = {
    "title": 300, "method": 200, "cabinet_member": 200, "lead_member": 200,
    "reference": 50, "addressed_to": 300,
}


def drafts_of(
    path: str | Path,
    table: Table,
    scans: list[SheetScan],
    overrides: Overrides | None = None,
    header_row: int | None = None,
) -> Iterator[Draft]:
    """Every draft in every sheet, streamed; refuses empty files and files with no table."""
    label = Path(path).name
    with open_sheets(path) as sheets:
        for sheet in sheets:
            scan = SheetScan(sheet.name)
            scans.append(scan)
            yield from walk(sheet, table, scan, overrides, header_row)
    if not any(scan.non_blank for scan in scans):
        raise ImportFileError(f"{label} is empty: none of its rows has anything in it.")
    if not any(scan.mappings for scan in scans):
        where = f"row {header_row}" if header_row else "no row"
        raise ImportFileError(
            f"{label} has no {table} table the planner recognises: {where} has "
            f"{_LOOKED_FOR[table]}. Rename the column headers, or say which row is the "
            "header and map the columns."
        )


def text(value: Value) -> str | None:
    cleaned = text_of(value)
    return cleaned.strip() or None if cleaned else None


@dataclass
class Collector:
    """The plan as it grows, row by row."""

    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_meetings: dict[tuple[str, dt.date], NewMeeting] = field(default_factory=dict)

    def joined(self, draft: Draft, key: str) -> None:
        """Say so when rows were read as one: it is a guess the user should see."""
        for row in draft.joined:
            self.warnings.append(
                f"{draft.sheet}, row {row} has no {key}; it is read as the rest of row "
                f"{draft.row} (a row split across a page)."
            )

    def problem(self, draft: Draft, name: str | None, message: str) -> None:
        column = draft.letter(name) if name else None
        if draft.carried and name in ("date", "meeting"):
            message += " (The date is carried down from a row above.)"
        self.problems.append(Problem(draft.sheet, draft.row, column, message))

    def too_long(self, draft: Draft, values: dict[str, object]) -> bool:
        for name, limit in MAX_LENGTH.items():
            value = values.get(name)
            if isinstance(value, str) and len(value) > limit:
                self.problem(
                    draft, name,
                    f"The {name.replace('_', ' ')} is {len(value)} characters long; "
                    f"the planner keeps at most {limit}.",
                )
                return True
        return False

    def meeting(self, committee_id: str, day: dt.date, label: str) -> None:
        self.new_meetings.setdefault((committee_id, day), NewMeeting(committee_id, day, label))
