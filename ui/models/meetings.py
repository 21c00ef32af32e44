"""Meetings of the committee-year, by date, with their legal deadlines and warnings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from planner.dates import format_time
from planner.enums import MeetingStatus, label
from ui.models import colours
from ui.models.base import RowModel
from ui.models.cells import NO_DATE, Row, date_cell, date_key, make_row, one_line, text_key

if TYPE_CHECKING:  # the calendar code is imported when a calendar is first worked out
    from planner.services.deadlines import MeetingDeadlines

# The deadlines shown, in the order a clerk works back from the meeting.
DEADLINE_COLUMNS = (
    ("agenda", "Agenda published"),
    ("member_questions", "Member questions"),
    ("public_questions", "Public questions"),
    ("petitions", "Petitions"),
    ("report_deadline", "Report deadline"),
)
FIRST_DEADLINE = 5
WARNINGS = FIRST_DEADLINE + len(DEADLINE_COLUMNS)


SHORT = {
    "non_working_day": "Not a working day",
    "same_day": "Two meetings that day",
    "over_capacity": "Over capacity",
}


def _summary(calendar: MeetingDeadlines | None) -> str:
    """A few words for the cell; the full sentences are in the tooltip."""
    if calendar is None:
        return ""
    kinds = [w.kind.value for w in calendar.warnings]
    late = kinds.count("report_overdue")
    parts = [
        SHORT.get(k, k.replace("_", " ").capitalize())
        for k in dict.fromkeys(kinds)
        if k != "report_overdue"
    ]
    if late:
        parts.append(f"{late} report{'s' if late > 1 else ''} late")
    return "; ".join(parts)


class MeetingsModel(RowModel):
    kind = "meeting"
    headers = (
        "Date", "Time", "Place", "Status", "Topics",
        *(title for _key, title in DEADLINE_COLUMNS), "Warnings", "Notes",
    )  # fmt: skip
    widths = (18, 7, 30, 11, 8, 17, 19, 17, 17, 17, 22, 30)
    long_columns = frozenset({2, WARNINGS + 1})
    editable = {2: "place"}  # noqa: RUF012

    def load(
        self,
        meetings: Sequence[Sequence[Any]],
        deadlines: Mapping[str, MeetingDeadlines] | None = None,
    ) -> None:
        """``deadlines``: meeting id -> its deadlines and warnings (none for cancelled ones)."""
        found = deadlines or {}
        self.set_rows(self._row(m, found.get(m[0])) for m in meetings)

    @staticmethod
    def _row(m: Sequence[Any], calendar: MeetingDeadlines | None) -> Row:
        mid, day, start, place, status, notes, capacity, count = m
        topics = f"{count} of {capacity}" if capacity else str(count)
        dates, texts = [], []
        if calendar is not None:
            from planner.services.deadlines import describe_deadline
        for key, _title in DEADLINE_COLUMNS:
            deadline = calendar.deadline(key) if calendar else None
            texts.append(describe_deadline(deadline) if deadline else "")
            dates.append(date_key(deadline.date) if deadline else NO_DATE)
        warnings = [w.message for w in calendar.warnings] if calendar else []
        summary = _summary(calendar)
        cells = (
            date_cell(day), format_time(start), place or "", label(status), topics,
            *texts, summary, one_line(notes),
        )  # fmt: skip
        start_key = (start.hour * 60 + start.minute) if start else -1
        keys = (
            (date_key(day), start_key), start_key, text_key(place), text_key(label(status)),
            count, *dates, len(warnings), text_key(notes),
        )  # fmt: skip
        over = bool(capacity and count > capacity)
        return make_row(mid, cells, keys, (status, over, count, "\n".join(warnings)))

    def topic_count(self, row: int) -> int:
        return int(self._rows[row].extra[2])

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        status, over, _count, warnings = row.extra
        if role == Qt.ItemDataRole.ForegroundRole and status == MeetingStatus.CANCELLED:
            return colours.muted_foreground()
        flagged = (column == 4 and over) or (column == WARNINGS and warnings)
        if flagged:
            if role == Qt.ItemDataRole.BackgroundRole:
                return colours.WARNING_FILL if column == WARNINGS else colours.OVERDUE_FILL
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.DARK_TEXT
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    warnings
                    if column == WARNINGS
                    else ("More substantive topics than this meeting can take")
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
