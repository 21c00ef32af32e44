"""Actions from meetings, across every year of the committee; open ones first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ui.models import colours
from ui.models.base import RowModel
from ui.models.cells import Row, date_cell, date_key, make_row, one_line, text_key
from ui.models.roles import OverdueRole

DONE_COLUMN, DUE_COLUMN = 4, 3


class ActionsModel(RowModel):
    kind = "action"
    headers = ("Meeting", "Action", "Owner", "Due", "Done", "Done on", "Year")
    widths = (17, 56, 18, 23, 6, 17, 8)
    long_columns = frozenset({1})
    editable = {1: "text", 2: "owner"}  # noqa: RUF012
    check_columns = {DONE_COLUMN: "done"}  # noqa: RUF012

    def load(self, actions: Sequence[Sequence[Any]], today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        self.set_rows(self._row(a, today) for a in actions)

    @staticmethod
    def _row(a: Sequence[Any], today: dt.date) -> Row:
        aid, meeting_day, text, owner, due, done, done_on, year = a
        overdue = bool(due and due < today and not done)
        cells = (
            date_cell(meeting_day),
            one_line(text),
            owner or "",
            date_cell(due) + (" (overdue)" if overdue else ""),
            "Done" if done else "Open",
            date_cell(done_on),
            year,
        )
        keys = (
            date_key(meeting_day),
            text_key(text),
            text_key(owner),
            date_key(due),
            bool(done),
            date_key(done_on),
            year,
        )
        row = make_row(aid, cells, keys, (overdue, bool(done)))
        return row

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        overdue, done = row.extra
        if role == OverdueRole:
            return overdue
        if role == Qt.ItemDataRole.AccessibleTextRole and column == DONE_COLUMN:
            return "Done" if done else "Open"
        if column == DUE_COLUMN and overdue:
            if role == Qt.ItemDataRole.BackgroundRole:
                return colours.OVERDUE_FILL
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.DARK_TEXT
            if role == Qt.ItemDataRole.FontRole:
                return colours.bold_font()
        if role == Qt.ItemDataRole.ForegroundRole and done:
            return colours.muted_foreground()
        return None
