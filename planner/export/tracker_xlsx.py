"""The recommendations tracker spreadsheet: on its own, or as a sheet of the programme."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from planner.dates import format_date
from planner.enums import RecStatus, label
from planner.export import sheet_style as st
from planner.export.atomic import atomic_write
from planner.services.views import RecommendationView

TRACKER_SHEET = "Recommendations tracker"
TRACKER_HEADERS = (
    "Ref",
    "Meeting",
    "Recommendation",
    "Addressed to",
    "Response due",
    "Response",
    "Status (RAG)",
    "Next review",
)
TRACKER_WIDTHS = (
    st.WIDTH_REF,
    st.WIDTH_DATE,
    st.WIDTH_LONG,
    st.WIDTH_TITLE,
    st.WIDTH_DATE,
    st.WIDTH_LONG,
    st.WIDTH_TITLE,
    st.WIDTH_DATE,
)
TRACKER_HEADER_ROW = 3
KEY_LINE = (
    "Status colours: green achieved or on track, amber slipped, red not achieved. "
    "Dates in bold red are overdue."
)
NONE_YET = "No recommendations recorded."
_RESPONSE_DUE, _STATUS, _NEXT_REVIEW = 5, 7, 8  # 1-based columns given extra styling


def status_text(rec: RecommendationView) -> str:
    """The Status cell as a clerk writes it: "Slipped to 3 March 2019: staff changes"."""
    if rec.status is RecStatus.SLIPPED:
        text = "Slipped"
        if rec.slipped_to is not None:
            text += f" to {format_date(rec.slipped_to)}"
        if rec.slipped_reason:
            text += f": {rec.slipped_reason}"
        return text
    if rec.status is not None:
        return label(rec.status)
    return "Response received" if rec.response else "Awaiting response"


def response_text(rec: RecommendationView) -> str | None:
    parts = [rec.response] if rec.response else []
    if rec.agreed is not None:
        parts.append(f"Agreed: {label(rec.agreed)}")
    return "\n".join(parts) or None


def tracker_row(rec: RecommendationView) -> tuple[st.Value, ...]:
    return (
        rec.reference,
        rec.meeting_date,
        rec.text,
        rec.addressed_to,
        rec.response_due,
        response_text(rec),
        status_text(rec),
        rec.next_review,
    )


_OVERDUE = "overdue"


def _rag_style(fill: str, text: str) -> Callable[[Any], None]:
    def apply(cell: Any) -> None:
        cell.fill = st.solid(fill)
        cell.font = Font(name=st.FONT_NAME, size=st.FONT_SIZE, color=text)

    return apply


def _overdue_style(cell: Any) -> None:
    cell.font = Font(name=st.FONT_NAME, size=st.FONT_SIZE, bold=True, color=st.OVERDUE_TEXT)


def write_tracker_sheet(
    ws: Any,
    recommendations: Sequence[RecommendationView],
    title: str,
    *,
    today: dt.date | None = None,
) -> None:
    """Fill ``ws`` with the tracker. Dates are real dates here, so the clerk can sort."""
    widths = TRACKER_WIDTHS
    ws.title = TRACKER_SHEET
    st.set_widths(ws, widths)
    st.write_banner(ws, 1, title, widths, size=st.TITLE_SIZE, bold=True)
    st.write_banner(ws, 2, KEY_LINE, widths, italic=True)
    st.write_row(ws, TRACKER_HEADER_ROW, TRACKER_HEADERS, widths, header=True)
    row = TRACKER_HEADER_ROW
    for rec in recommendations:
        row += 1
        cells = st.write_row(ws, row, tracker_row(rec), widths)
        colours = st.RAG_FILLS.get(str(rec.rag))
        if colours is not None:
            st.restyle(cells[_STATUS - 1], colours, _rag_style(*colours))
        if rec.response_overdue:
            st.restyle(cells[_RESPONSE_DUE - 1], _OVERDUE, _overdue_style)
        if rec.review_overdue:
            st.restyle(cells[_NEXT_REVIEW - 1], _OVERDUE, _overdue_style)
    if not recommendations:
        row += 1
        st.write_row(ws, row, (NONE_YET,), widths)
    else:
        ws.auto_filter.ref = f"A{TRACKER_HEADER_ROW}:H{row}"
    st.setup_page(
        ws,
        widths=widths,
        last_row=row,
        header_row=TRACKER_HEADER_ROW,
        title=title,
        today=today or dt.date.today(),
    )


def tracker_workbook(
    recommendations: Sequence[RecommendationView], title: str, *, today: dt.date | None = None
) -> Any:
    workbook = Workbook()
    write_tracker_sheet(workbook.active, recommendations, title, today=today)
    workbook.properties.title = title
    workbook.properties.creator = "Forward Work Programme planner"
    return workbook


def export_tracker(
    recommendations: Sequence[RecommendationView],
    path: str | os.PathLike[str],
    title: str,
    *,
    today: dt.date | None = None,
) -> Path:
    """Write the tracker to ``path`` (.xlsx) all or nothing; returns the path written."""
    workbook = tracker_workbook(recommendations, title, today=today)
    return atomic_write(path, workbook.save)
