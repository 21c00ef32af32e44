"""Records deleted from a committee that can be restored, newest deletion first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.services.history import ChangeView
from ui.models.base import RowModel
from ui.models.cells import Row, make_row, text_key


class DeletedModel(RowModel):
    kind = "deleted"
    headers = ("Kind", "Record", "Deleted", "By")
    widths = (14, 46, 21, 18)
    long_columns = frozenset({1})

    def load(self, changes: Sequence[ChangeView]) -> None:
        self.set_rows(self._row(c) for c in changes)

    @staticmethod
    def _row(c: ChangeView) -> Row:
        kind = c.kind[:1].upper() + c.kind[1:]
        cells = (kind, c.summary, c.when, c.who)
        keys = (kind, text_key(c.summary), c.at, text_key(c.who))
        return make_row(c.id, cells, keys, c)

    def change(self, row: int) -> ChangeView:
        extra: Any = self._rows[row].extra
        assert isinstance(extra, ChangeView)
        return extra
