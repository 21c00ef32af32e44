"""Planning a recommendations tracker import.

Recommendations match by reference across every year of the committee (a tracker
runs across municipal years). A recommendation goes to the committee-year its
meeting falls in. With no status column, the RAG colour of a cell says the status:
green on track (achieved if the row says so), amber slipped (the row must give the
new date and reason), red not achieved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.dates import format_date, municipal_year_of
from planner.db.models import Committee
from planner.enums import Rag, RecStatus
from planner.importing.cells import (
    CellError,
    StatusRead,
    find_slip,
    rag_of,
    read_agreed,
    read_date,
    read_status,
    split_agreed_line,
)
from planner.importing.headers import Overrides, column_letter
from planner.importing.model import ImportPlan, PlannedRow, Problem
from planner.importing.programme_plan import changes_of
from planner.importing.reader import Value
from planner.importing.source import Collector, drafts_of, text
from planner.importing.walker import Draft, SheetScan
from planner.services.lookup import committee_ids_named, get
from planner.services.meetings import list_meetings
from planner.services.recommendations import list_recommendations

REC_UPDATES = ("text", "addressed_to", "response_due", "response", "agreed", "status",
               "slipped_to", "slipped_reason", "next_review")
_ACHIEVED = re.compile(r"(?<!not )\b(?:achieved|completed?|implemented)\b", re.I)
_MINUTE = re.compile(r"^(\d{1,3})/\d{2}$")
T = TypeVar("T")


class _Failed(Exception):
    """A row already reported as a problem."""


class _TrackerPlanner:
    def __init__(self, session: Session, committee: Committee) -> None:
        self.committee = committee
        self.out = Collector()
        family = committee_ids_named(session, committee)
        self.years = {
            c.municipal_year: c
            for c in session.scalars(select(Committee).where(Committee.id.in_(family)))
        }
        self.recs = {r.reference.casefold(): r for r in list_recommendations(session, family)}
        self.meetings = {(m.committee_id, m.date) for m in list_meetings(session, family)}
        self.seen: dict[str, int] = {}

    def _read(self, draft: Draft, name: str, reader: Callable[[Value], T]) -> T:
        try:
            return reader(draft.cells.get(name))
        except CellError as exc:
            self.out.problem(draft, name, str(exc))
            raise _Failed from None

    def add(self, draft: Draft) -> None:
        self.out.joined(draft, "reference")
        with contextlib.suppress(_Failed):  # already reported as a problem
            self._add(draft)

    def _add(self, draft: Draft) -> None:
        reference = text(draft.cells.get("reference"))
        if reference is None:
            return self.out.problem(
                draft, "reference", "The reference is blank; recommendations are matched by it."
            )
        meeting = self._read(draft, "meeting", read_date)
        response, agreed = split_agreed_line(text(draft.cells.get("response")))
        if "agreed" in draft.cells:
            agreed = self._read(draft, "agreed", lambda v: read_agreed(text(v)))
        status = self._status(draft)
        values: dict[str, Any] = {
            "reference": reference,
            "text": text(draft.cells.get("text")),
            "addressed_to": text(draft.cells.get("addressed_to")),
            "response_due": self._read(draft, "response_due", read_date),
            "response": response,
            "agreed": agreed,
            "next_review": self._read(draft, "next_review", read_date),
        }
        if status is not None:
            values.update(status=status.status, slipped_to=status.slipped_to,
                          slipped_reason=status.slipped_reason)
        values = {k: v for k, v in values.items() if v is not None}
        if self.out.too_long(draft, values):
            return None
        if reference.casefold() in self.seen:
            return self.out.problem(
                draft, "reference",
                f"Recommendation {reference} is already on row {self.seen[reference.casefold()]}.",
            )
        self.seen[reference.casefold()] = draft.row
        existing = self.recs.get(reference.casefold())
        if existing is not None:
            # The meeting of a recommendation already held is part of the record: kept.
            changes = changes_of(existing, values, REC_UPDATES)
            self.out.rows.append(PlannedRow(
                draft.sheet, draft.row, "update" if changes else "unchanged", "recommendation",
                values, existing.id, changes, existing.version,
            ))
            return None
        if "text" not in values:
            return self.out.problem(draft, "text", "The recommendation text is blank.")
        values["committee_id"] = self._committee_for(draft, meeting)
        if meeting is not None:
            values["meeting_date"] = meeting
        if m := _MINUTE.match(reference):
            values["item_number"] = int(m[1])  # sorts 7/18 before 10/18, as minutes do
        self.out.rows.append(PlannedRow(draft.sheet, draft.row, "create", "recommendation",
                                        values))
        return None

    def _committee_for(self, draft: Draft, meeting: dt.date | None) -> str:
        if meeting is None:
            return self.committee.id
        year = municipal_year_of(meeting)
        committee = self.years.get(year)
        if committee is None:
            self.out.problem(
                draft, "meeting",
                f"The planner has no {self.committee.name} for {year}, the year of the "
                f"meeting of {format_date(meeting)}; add that committee-year first.",
            )
            raise _Failed
        if (committee.id, meeting) not in self.meetings:
            self.out.meeting(committee.id, meeting, f"{committee.name} {year}")
        return committee.id

    def _status(self, draft: Draft) -> StatusRead | None:
        written = text(draft.cells.get("status"))
        if written:
            return self._read(draft, "status", lambda v: read_status(text(v)))
        # No status written: the cell colour says it.
        fills = draft.fills
        column = draft.columns.get("status")
        order = ([column] if column is not None else []) + list(range(len(fills)))
        coloured = next((i for i in order if i < len(fills) and rag_of(fills[i])), None)
        if coloured is None:
            return None
        rag = rag_of(fills[coloured])
        if rag == Rag.RED:
            return StatusRead(RecStatus.NOT_ACHIEVED)
        if rag == Rag.GREEN:
            said = any(_ACHIEVED.search(t) for t in draft.texts)
            return StatusRead(RecStatus.ACHIEVED if said else RecStatus.ON_TRACK)
        slip = find_slip(draft.texts)
        if slip is None:
            self.out.problems.append(Problem(
                draft.sheet, draft.row, column_letter(coloured),
                "The row is coloured amber (slipped) but does not give the new date and the "
                "reason; write 'Slipped to 3 March 2019: reason' in the row.",
            ))
            raise _Failed
        return slip


def plan_tracker_import(
    session: Session,
    path: str | Path,
    committee_id: str,
    mapping: Overrides | None = None,
    *,
    header_row: int | None = None,
) -> ImportPlan:
    """Read a tracker file and say what importing it would do. Writes nothing.

    ``committee_id`` is any year of the committee; recommendations without a meeting
    go to that year, the others to the year of their meeting.
    """
    committee = get(session, Committee, committee_id, "committee")
    planner = _TrackerPlanner(session, committee)
    scans: list[SheetScan] = []
    for draft in drafts_of(path, "tracker", scans, mapping, header_row):
        planner.add(draft)
    out = planner.out
    return ImportPlan(
        kind="tracker",
        source=Path(path).name,
        committee_id=committee_id,
        rows=tuple(out.rows),
        problems=tuple(out.problems),
        mappings=tuple(m for scan in scans for m in scan.mappings),
        new_meetings=tuple(sorted(out.new_meetings.values(), key=lambda m: m.date)),
        warnings=tuple(out.warnings),
        skipped_rows=sum(scan.skipped for scan in scans),
    )
