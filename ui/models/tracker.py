"""The recommendations tracker, across every year of the committee, with RAG colours
and overdue responses and reviews highlighted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import Qt

from planner.enums import RAG_OF_STATUS, RecStatus, label
from ui.models import colours
from ui.models.base import RowModel
from ui.models.cells import Row, date_cell, date_key, make_row, one_line, text_key
from ui.models.roles import OverdueRole, RagRole

STATUS_COLUMN, DUE_COLUMN, REVIEW_COLUMN = 8, 5, 9
SETTLED = (RecStatus.ACHIEVED, RecStatus.NOT_ACHIEVED)


class RecFlags(NamedTuple):
    rag: str
    response_overdue: bool
    review_overdue: bool


class TrackerModel(RowModel):
    kind = "recommendation"
    headers = (
        "Ref",
        "Year",
        "Meeting",
        "Recommendation",
        "Addressed to",
        "Response due",
        "Response",
        "Agreed",
        "Status (RAG)",
        "Next review",
    )
    widths = (8, 8, 17, 46, 22, 20, 34, 8, 22, 20)
    long_columns = frozenset({3, 4, 6})
    editable = {4: "addressed_to"}  # noqa: RUF012

    def load(self, recs: Sequence[Sequence[Any]], today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        self.set_rows(self._row(r, today) for r in recs)

    @staticmethod
    def _row(r: Sequence[Any], today: dt.date) -> Row:
        (rid, ref, item, meeting_day, text, addressed, due, response, agreed, status,
         slipped_to, review, year) = r  # fmt: skip
        rag = RAG_OF_STATUS.get(status, RAG_OF_STATUS[None]).value
        response_overdue = bool(due and due < today and not response)
        review_overdue = bool(review and review < today and status not in SETTLED)
        state = label(status) or "Awaiting response"
        if status == RecStatus.SLIPPED and slipped_to:
            state += f" to {date_cell(slipped_to)}"
        if rag:
            state = f"{rag.capitalize()}: {state}"
        due_cell = date_cell(due) + (" (overdue)" if response_overdue else "")
        review_cell = date_cell(review) + (" (overdue)" if review_overdue else "")
        cells = (
            ref,
            year,
            date_cell(meeting_day),
            one_line(text),
            addressed or "",
            due_cell,
            one_line(response),
            label(agreed),
            state,
            review_cell,
        )
        keys = (
            (date_key(meeting_day), item or 0, text_key(ref)),
            year,
            date_key(meeting_day),
            text_key(text),
            text_key(addressed),
            (date_key(due), not response_overdue),
            text_key(response),
            text_key(label(agreed)),
            ("red", "amber", "", "green").index(rag) if rag in ("red", "amber", "green") else 2,
            date_key(review),
        )
        return make_row(rid, cells, keys, RecFlags(rag, response_overdue, review_overdue))

    def outstanding_mask(self) -> list[bool]:
        return [r.extra.response_overdue or r.extra.review_overdue for r in self._rows]

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        flags: RecFlags = row.extra
        if role == RagRole:
            return flags.rag
        if role == OverdueRole:
            return flags.response_overdue or flags.review_overdue
        fill = None
        if column == STATUS_COLUMN and flags.rag:
            fill = colours.RAG_FILL[flags.rag]
        elif (column == DUE_COLUMN and flags.response_overdue) or (
            column == REVIEW_COLUMN and flags.review_overdue
        ):
            fill = colours.OVERDUE_FILL
            if role == Qt.ItemDataRole.FontRole:
                return colours.bold_font()
            if role == Qt.ItemDataRole.ToolTipRole:
                what = "response" if column == DUE_COLUMN else "review"
                return f"The {what} is overdue"
        if fill is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return fill
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.DARK_TEXT
        return None
