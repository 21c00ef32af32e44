"""Task and finish groups of the committee-year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.enums import label
from ui.models.base import RowModel
from ui.models.cells import Row, date_cell, date_key, make_row, one_line, text_key


class GroupsModel(RowModel):
    kind = "group"
    headers = (
        "Task group",
        "Status",
        "Lead member",
        "Membership",
        "Projected finish",
        "Description",
        "Outcome",
    )
    widths = (32, 18, 16, 24, 16, 44, 30)
    long_columns = frozenset({0, 3, 5, 6})
    editable = {0: "title", 2: "lead_member"}  # noqa: RUF012

    def load(self, groups: Sequence[Sequence[Any]]) -> None:
        self.set_rows(self._row(g) for g in groups)

    @staticmethod
    def _row(g: Sequence[Any]) -> Row:
        gid, title, status, lead, members, _start, finish, description, outcome, exempt = g
        membership = ", ".join(members or ()) or "TBC"
        title_cell = f"{title} (Part 2)" if exempt else title
        cells = (
            title_cell,
            label(status),
            lead or "",
            membership,
            date_cell(finish),
            one_line(description),
            one_line(outcome),
        )
        keys = (
            text_key(title),
            text_key(label(status)),
            text_key(lead),
            text_key(membership),
            date_key(finish),
            text_key(description),
            text_key(outcome),
        )
        return make_row(gid, cells, keys)
