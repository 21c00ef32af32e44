"""Meetings of the committee-year, by date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from planner.dates import format_time
from planner.enums import MeetingStatus, label
from ui.models import colours
from ui.models.base import RowModel
from ui.models.cells import Row, date_cell, date_key, make_row, one_line, text_key


class MeetingsModel(RowModel):
    kind = "meeting"
    headers = ("Date", "Time", "Place", "Status", "Topics", "Notes")
    widths = (18, 7, 40, 11, 9, 50)
    long_columns = frozenset({2, 5})
    editable = {2: "place"}  # noqa: RUF012

    def load(self, meetings: Sequence[Sequence[Any]]) -> None:
        self.set_rows(self._row(m) for m in meetings)

    @staticmethod
    def _row(m: Sequence[Any]) -> Row:
        mid, day, start, place, status, notes, capacity, count = m
        topics = f"{count} of {capacity}" if capacity else str(count)
        cells = (
            date_cell(day),
            format_time(start),
            place or "",
            label(status),
            topics,
            one_line(notes),
        )
        start_key = (start.hour * 60 + start.minute) if start else -1
        keys = (
            (date_key(day), start_key),
            start_key,
            text_key(place),
            text_key(label(status)),
            count,
            text_key(notes),
        )
        over = bool(capacity and count > capacity)
        return make_row(mid, cells, keys, (status, over, count))

    def topic_count(self, row: int) -> int:
        return int(self._rows[row].extra[2])

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        status, over, _count = row.extra
        if role == Qt.ItemDataRole.ForegroundRole and status == MeetingStatus.CANCELLED:
            return colours.muted_foreground()
        if column == 4 and over:
            if role == Qt.ItemDataRole.BackgroundRole:
                return colours.OVERDUE_FILL
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.DARK_TEXT
            if role == Qt.ItemDataRole.ToolTipRole:
                return "More substantive topics than this meeting can take"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
