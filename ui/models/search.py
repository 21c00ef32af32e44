"""Search results across every committee and year: "which topics have we looked at before?"."""

from __future__ import annotations

from collections.abc import Sequence

from planner.enums import label
from planner.services.views import TopicView
from ui.models.base import RowModel
from ui.models.cells import date_key, make_row, one_line, text_key


class SearchModel(RowModel):
    kind = "topic"
    headers = ("Committee", "Year", "When", "Topic", "Status", "Description")
    widths = (34, 8, 17, 34, 14, 50)
    long_columns = frozenset({0, 3, 5})

    def load(self, topics: Sequence[TopicView]) -> None:
        rows = []
        for t in topics:
            cells = (
                t.committee_name,
                t.municipal_year,
                t.when,
                t.title,
                label(t.status),
                one_line(t.description),
            )
            keys = (
                text_key(t.committee_name),
                t.municipal_year,
                (date_key(t.meeting_date), text_key(t.timing)),
                text_key(t.title),
                text_key(label(t.status)),
                text_key(t.description),
            )
            rows.append(make_row(t.id, cells, keys, t.committee_id))
        self.set_rows(rows)

    def committee_of(self, row: int) -> str:
        return str(self._rows[row].extra)
