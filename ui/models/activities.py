"""Member activities (e.g. the practice conversation programme), across the committee's
years: member, quarter or date, where, with whom."""

from __future__ import annotations

from collections.abc import Sequence

from planner.services.views import ActivityView
from ui.models.base import RowModel
from ui.models.cells import date_cell, date_key, make_row, one_line, text_key


def _quarter_key(quarter: str | None) -> tuple[str, str]:
    """ "Q4 2018" sorts by year, then quarter."""
    parts = (quarter or "").split()
    return (parts[-1], parts[0]) if len(parts) == 2 else ("~", text_key(quarter))


class ActivitiesModel(RowModel):
    kind = "activity"
    headers = ("Activity", "Member", "Quarter", "Date", "Location", "Practitioner", "Notes")
    widths = (22, 20, 10, 17, 22, 22, 40)
    long_columns = frozenset({6})
    editable = {2: "quarter", 4: "location", 5: "practitioner"}  # noqa: RUF012

    def load(self, activities: Sequence[ActivityView]) -> None:
        rows = []
        for a in activities:
            cells = (
                a.kind,
                a.member,
                a.quarter or "",
                date_cell(a.date),
                a.location or "",
                a.practitioner or "",
                one_line(a.notes),
            )
            keys = (
                text_key(a.kind),
                text_key(a.member),
                (_quarter_key(a.quarter), date_key(a.date)),
                (date_key(a.date), _quarter_key(a.quarter)),
                text_key(a.location),
                text_key(a.practitioner),
                text_key(a.notes),
            )
            rows.append(make_row(a.id, cells, keys))
        self.set_rows(rows)
