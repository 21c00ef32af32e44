"""Search results across every committee and year: "which topics have we looked at before?"."""

from __future__ import annotations

from collections.abc import Sequence

from planner.enums import label
from planner.services.views import TopicView
from ui.models.base import RowModel
from ui.models.cells import Row, date_key, filter_text, make_row, one_line, text_key


def search_rows(topics: Sequence[TopicView]) -> list[Row]:
    """The result list's rows: pure Python, so the search worker builds them."""
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
    return rows


def search_texts(rows: Sequence[Row]) -> list[str]:
    """The rows' filter texts, as ``RowModel.set_rows`` would work them out."""
    return [filter_text(*r.cells) for r in rows]


class SearchModel(RowModel):
    kind = "topic"
    headers = ("Committee", "Year", "When", "Topic", "Status", "Description")
    widths = (34, 8, 17, 34, 14, 50)
    long_columns = frozenset({0, 3, 5})

    def load(self, topics: Sequence[TopicView]) -> None:
        self.set_rows(search_rows(topics))

    def committee_of(self, row: int) -> str:
        return str(self._rows[row].extra)
