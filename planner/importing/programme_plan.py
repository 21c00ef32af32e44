"""Planning a programme import: which topics and task groups to create or update.

Topics match existing ones by title and meeting date (or loose timing), ignoring
case; task groups match by title. A blank cell never erases what the planner
already holds, and an import never makes an exempt item public: it adds and
corrects, it does not delete.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planner.dates import format_date, municipal_year_bounds, parse_municipal_year
from planner.db.models import Committee
from planner.enums import TopicStatus
from planner.errors import ValidationError
from planner.importing.cells import CellError, read_date, read_members, read_when, split_exempt
from planner.importing.headers import DEVELOPMENT, GROUPS, UNSCHEDULED, Overrides
from planner.importing.model import ImportPlan, PlannedRow
from planner.importing.source import Collector, drafts_of, text
from planner.importing.walker import Draft, SheetScan
from planner.services.committees import committee_view
from planner.services.groups import list_groups
from planner.services.lookup import get
from planner.services.meetings import list_meetings
from planner.services.topics import list_topics
from planner.services.views import CommitteeView, TaskGroupView, TopicView

TOPIC_TEXT = ("description", "outcome", "officers", "cabinet_member", "witnesses")
TOPIC_UPDATES = ("title", "description", "outcome", "method", "officers", "cabinet_member",
                 "witnesses", "exempt_paragraph")
GROUP_UPDATES = ("title", "description", "outcome", "members", "lead_member",
                 "projected_finish", "exempt_paragraph")
_CHAIRS = re.compile(
    r"chair(?:man|person)?\s*[:\-–]\s*(?P<chair>[^,;()]+?)\s*[,;]?\s*"
    r"vice[\s-]*chair(?:man|person)?\s*[:\-–]\s*(?P<vice>[^,;()]+?)\s*\)?\s*$",
    re.I,
)
_YEAR = re.compile(r"programme\s+(\d{4}\s*[/-]\s*\d{2,4})", re.I)

WhenKey = tuple[str, str]


def when_key(when: dt.date | str | None) -> WhenKey:
    if isinstance(when, dt.date):
        return ("meeting", when.isoformat())
    return ("timing", when.casefold()) if when else ("none", "")


def changes_of(view: Any, values: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Field -> (now, after) for every given value that differs; blanks change nothing."""
    found: dict[str, Any] = {}
    for name in names:
        new = values.get(name)
        old = getattr(view, name)
        old = list(old) if isinstance(old, tuple) else old
        if new is not None and new != old:
            found[name] = (old, new)
    return found


class _ProgrammePlanner:
    def __init__(self, session: Session, committee: CommitteeView) -> None:
        self.committee = committee
        self.out = Collector()
        ids = [committee.id]
        self.topics: dict[tuple[str, WhenKey], TopicView] = {}
        for t in list_topics(session, ids):
            self.topics.setdefault((t.title.casefold(), when_key(t.meeting_date or t.timing)), t)
        self.groups = {g.title.casefold(): g for g in reversed(list_groups(session, ids))}
        self.meetings = {m.date for m in list_meetings(session, ids)}
        self.year = municipal_year_bounds(committee.municipal_year)
        self.seen: dict[object, int] = {}
        self.position = 0

    def add(self, draft: Draft) -> None:
        self.out.joined(draft, "title")
        title = text(draft.cells.get("title"))
        if title is None:
            self.out.problem(draft, "title", "The topic title is blank.")
        elif draft.section == GROUPS:
            self._group(draft, title)
        else:
            self._topic(draft, title)

    def _duplicate(self, draft: Draft, key: object, what: str) -> bool:
        if key in self.seen:
            self.out.problem(draft, "title", f"{what} is already on row {self.seen[key]}.")
            return True
        self.seen[key] = draft.row
        return False

    def _topic(self, draft: Draft, title: str) -> None:
        cells = draft.cells
        try:
            when = read_when(cells.get("date"))
        except CellError as exc:
            return self.out.problem(draft, "date", str(exc))
        try:
            method, exempt, paragraph = split_exempt(text(cells.get("method")))
        except CellError as exc:
            return self.out.problem(draft, "method", str(exc))
        values: dict[str, Any] = {"title": title, "method": method}
        values.update({name: text(cells.get(name)) for name in TOPIC_TEXT})
        if exempt:
            values["exempt_paragraph"] = paragraph
        if isinstance(when, dt.date):
            values["meeting_date"] = when
        elif when:
            values["timing"] = when
        values = {k: v for k, v in values.items() if v is not None}
        shown = f"'{title}' ({format_date(when) if isinstance(when, dt.date) else when or ''})"
        key = (title.casefold(), when_key(when))
        if self.out.too_long(draft, values) or self._duplicate(draft, key, shown):
            return None
        if isinstance(when, dt.date):
            self._meeting(when)
        existing = self.topics.get(key)
        if existing is None:
            if draft.section == DEVELOPMENT:
                values["status"] = TopicStatus.IN_DEVELOPMENT
            elif draft.section == UNSCHEDULED or not isinstance(when, dt.date):
                values["status"] = TopicStatus.PROPOSED
            values["position"] = self.position
            self.position += 1
            self.out.rows.append(PlannedRow(draft.sheet, draft.row, "create", "topic", values))
            return None
        changes = changes_of(existing, values, TOPIC_UPDATES)
        self.out.rows.append(PlannedRow(
            draft.sheet, draft.row, "update" if changes else "unchanged", "topic", values,
            existing.id, changes, existing.version,
        ))
        return None

    def _meeting(self, day: dt.date) -> None:
        c = self.committee
        if day in self.meetings or (c.id, day) in self.out.new_meetings:
            return
        first, last = self.year
        if not first <= day <= last:
            self.out.warnings.append(
                f"The meeting of {format_date(day)} falls outside {c.municipal_year}; it "
                f"will be added to {c.name} {c.municipal_year} all the same."
            )
        self.out.meeting(c.id, day, f"{c.name} {c.municipal_year}")

    def _group(self, draft: Draft, title: str) -> None:
        cells = draft.cells
        try:
            finish = read_date(cells.get("finish"))
        except CellError as exc:
            return self.out.problem(draft, "finish", str(exc))
        try:
            membership, exempt, paragraph = split_exempt(text(cells.get("membership")))
        except CellError as exc:
            return self.out.problem(draft, "membership", str(exc))
        values: dict[str, Any] = {
            "title": title,
            "description": text(cells.get("description")),
            "outcome": text(cells.get("outcome")),
            "members": read_members(membership),
            "lead_member": text(cells.get("lead_member")),
            "projected_finish": finish,
            "exempt_paragraph": paragraph if exempt else None,
        }
        values = {k: v for k, v in values.items() if v is not None}
        key = ("group", title.casefold())
        if self.out.too_long(draft, values) or self._duplicate(draft, key, f"'{title}'"):
            return None
        existing: TaskGroupView | None = self.groups.get(title.casefold())
        if existing is None:
            self.out.rows.append(PlannedRow(draft.sheet, draft.row, "create", "group", values))
            return None
        if finish and existing.start_date and finish <= existing.start_date:
            return self.out.problem(
                draft, "finish",
                f"The projected finish date {format_date(finish)} is not after the group's "
                f"start date, {format_date(existing.start_date)}.",
            )
        changes = changes_of(existing, values, GROUP_UPDATES)
        self.out.rows.append(PlannedRow(
            draft.sheet, draft.row, "update" if changes else "unchanged", "group", values,
            existing.id, changes, existing.version,
        ))
        return None

    def preamble(self, scans: list[SheetScan]) -> dict[str, str]:
        """Chairs to fill in (never to replace) and a warning if the year differs."""
        found: dict[str, str] = {}
        c = self.committee
        for line in (line for scan in scans if scan.mappings for line in scan.preamble):
            if (m := _CHAIRS.search(line)) is not None:
                for name, holder in (("chairman", c.chairman), ("vice_chairman", c.vice_chairman)):
                    given = m["chair" if name == "chairman" else "vice"].strip()
                    if holder is None and given and given.upper() != "TBC":
                        found.setdefault(name, given)
            if (y := _YEAR.search(line)) is not None:
                try:
                    year = parse_municipal_year(y[1])
                except ValidationError:
                    continue
                if year != c.municipal_year:
                    self.out.warnings.append(
                        f"The file is the programme for {year}; it is being imported into "
                        f"{c.name} {c.municipal_year}."
                    )
        return found


def plan_programme_import(
    session: Session,
    path: str | Path,
    committee_id: str,
    mapping: Overrides | None = None,
    *,
    header_row: int | None = None,
) -> ImportPlan:
    """Read a programme file and say what importing it into a committee-year would do.

    ``mapping`` corrects the columns found, e.g. ``{"officers": 5, "groups.membership":
    None}``; ``header_row`` names the header row when it is not recognised. Writes nothing.
    """
    committee = committee_view(get(session, Committee, committee_id, "committee"))
    planner = _ProgrammePlanner(session, committee)
    scans: list[SheetScan] = []
    for draft in drafts_of(path, "programme", scans, mapping, header_row):
        planner.add(draft)
    chairs = planner.preamble(scans)
    out = planner.out
    return ImportPlan(
        kind="programme",
        source=Path(path).name,
        committee_id=committee_id,
        rows=tuple(out.rows),
        problems=tuple(out.problems),
        mappings=tuple(m for scan in scans for m in scan.mappings),
        new_meetings=tuple(sorted(out.new_meetings.values(), key=lambda m: m.date)),
        committee_changes=chairs,
        warnings=tuple(dict.fromkeys(out.warnings)),
        skipped_rows=sum(scan.skipped for scan in scans),
    )
