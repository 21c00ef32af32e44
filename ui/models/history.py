"""The change history of a record or a committee: one row per field changed, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from planner.services.history_rows import HistoryRow
from ui.models.base import RowModel
from ui.models.cells import Row, make_row, one_line, text_key
from ui.models.roles import ROLE_NAMES

ChangeIdRole = int(Qt.ItemDataRole.UserRole) + 40  # the change_log entry a row comes from
ActionRole = int(Qt.ItemDataRole.UserRole) + 41  # "Created", "Changed", "Deleted", "Restored"

HEADERS = ("When", "Who", "Action", "Field", "Old value", "New value")
WIDTHS = (21, 16, 9, 18, 34, 34)


class HistoryModel(RowModel):
    kind = "change"

    def __init__(self, with_record: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.with_record = with_record
        if with_record:
            self.headers = (*HEADERS[:3], "Record", *HEADERS[3:])
            self.widths = (*WIDTHS[:3], 28, *WIDTHS[3:])
        else:
            self.headers, self.widths = HEADERS, WIDTHS
        self.long_columns = frozenset({len(self.headers) - 2, len(self.headers) - 1})

    def load(self, rows: Sequence[HistoryRow]) -> None:
        firsts = [i == 0 or rows[i - 1].change_id != r.change_id for i, r in enumerate(rows)]
        self.set_rows(self._row(i, r, firsts[i]) for i, r in enumerate(rows))

    def _row(self, number: int, r: HistoryRow, first: bool) -> Row:
        # When, who and what are said once per change, on its first row.
        said = [r.when, r.who, r.action] if first else ["", "", ""]
        cells = [*said, r.field, one_line(r.old), one_line(r.new)]
        keys: list[Any] = [r.at, text_key(r.who), r.action, text_key(r.field), text_key(r.old),
                           text_key(r.new)]  # fmt: skip
        if self.with_record:
            cells.insert(3, r.record if first else "")
            keys.insert(3, text_key(r.record))
        # Several rows come from one change: number them to keep ids unique.
        return make_row(f"{r.change_id}/{number}", tuple(cells), tuple(keys), r)

    def history_row(self, row: int) -> HistoryRow:
        extra = self._rows[row].extra
        assert isinstance(extra, HistoryRow)
        return extra

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        r: HistoryRow = row.extra
        if role == ChangeIdRole:
            return r.change_id
        if role == ActionRole:
            return r.action
        if role == Qt.ItemDataRole.AccessibleTextRole and not row.cells[column] and column < 3:
            return (r.when, r.who, r.action)[column]  # a screen reader hears every row whole
        if role == Qt.ItemDataRole.ToolTipRole and self.with_record and column == 3:
            return r.record or None
        if role == Qt.ItemDataRole.ToolTipRole and column in self.long_columns:
            return (r.old if column == len(self.headers) - 2 else r.new) or None
        return None

    def roleNames(self) -> dict[int, Any]:
        names = dict(super().roleNames())
        names.update(ROLE_NAMES)
        names[ChangeIdRole] = b"changeId"
        names[ActionRole] = b"action"
        return names
