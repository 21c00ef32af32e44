"""Members of a committee-year: elected, co-opted and substitutes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.enums import Office, label
from ui.models.base import RowModel
from ui.models.cells import make_row, text_key

if TYPE_CHECKING:  # dataclasses, slow to define: not needed to start
    from planner.services.views import MemberView

OFFICE_TITLES = {Office.CHAIRMAN: "Chairman", Office.VICE_CHAIRMAN: "Vice-Chairman"}


class MembersModel(RowModel):
    kind = "member"
    headers = ("Name", "Role", "Office", "Representing")
    widths = (24, 12, 14, 40)
    long_columns = frozenset({3})
    editable = {3: "representing"}  # noqa: RUF012

    def load(self, members: Sequence[MemberView]) -> None:
        rows = []
        for m in members:
            name = f"{m.honorific} {m.name}" if m.honorific else m.name
            office = OFFICE_TITLES.get(m.office, "") if m.office else ""
            cells = (name, label(m.role), office, m.representing or "")
            keys = (
                (m.position, text_key(m.name)),
                (text_key(label(m.role)), m.position),
                (0 if m.office else 1, text_key(label(m.office)), m.position),
                text_key(m.representing),
            )
            rows.append(make_row(m.id, cells, keys))
        self.set_rows(rows)
