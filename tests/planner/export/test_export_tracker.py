"""The recommendations tracker spreadsheet: columns, status text, RAG fills, overdue dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from planner.enums import Agreed, Rag, RecStatus
from planner.export import export_tracker
from planner.export.tracker_xlsx import (
    NONE_YET,
    TRACKER_HEADER_ROW,
    TRACKER_HEADERS,
    status_text,
)
from planner.services.views import RecommendationView

TITLE = "Children and Education Select Committee Recommendations Tracker"


def export(recs: list[RecommendationView], tmp_path: Path) -> Any:
    written = export_tracker(recs, tmp_path / "tracker.xlsx", TITLE, today=dt.date(2018, 11, 2))
    assert written == tmp_path / "tracker.xlsx"
    return openpyxl.load_workbook(written)["Recommendations tracker"]


def data_row(ws: Any, reference: str) -> list[Any]:
    for row in ws.iter_rows(min_row=TRACKER_HEADER_ROW + 1):
        if row[0].value == reference:
            return list(row)
    raise AssertionError(f"{reference} is not in the tracker")


def test_headers_title_and_one_row_per_recommendation(
    rated_recommendations: list[RecommendationView], tmp_path: Path
) -> None:
    ws = export(rated_recommendations, tmp_path)
    assert ws["A1"].value == TITLE and ws["A1"].font.b
    header = tuple(c.value for c in ws[TRACKER_HEADER_ROW])
    assert header == TRACKER_HEADERS
    assert TRACKER_HEADERS == (
        "Ref",
        "Meeting",
        "Recommendation",
        "Addressed to",
        "Response due",
        "Response",
        "Status (RAG)",
        "Next review",
    )
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("D9E1F2") for c in ws[TRACKER_HEADER_ROW])
    assert ws.max_row == TRACKER_HEADER_ROW + len(rated_recommendations)
    for rec in rated_recommendations:
        row = data_row(ws, rec.reference)
        assert row[2].value == rec.text
        assert row[3].value == rec.addressed_to
        assert row[1].value.date() == rec.meeting_date == dt.date(2018, 2, 20)
        assert row[1].number_format == "d mmmm yyyy"
        for cell in row:
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"


def test_status_text_and_rag_fills(
    rated_recommendations: list[RecommendationView], tmp_path: Path
) -> None:
    ws = export(rated_recommendations, tmp_path)
    expected = {
        "6/18": ("On track", "C6EFCE"),
        "7/18": ("Slipped to 3 March 2019: staff changes", "FFEB9C"),
        "8/18": ("Not achieved", "FFC7CE"),
        "9/18": ("Awaiting response", None),
    }
    for reference, (text, fill) in expected.items():
        status = data_row(ws, reference)[6]
        assert status.value == text
        if fill is None:
            assert status.fill.fill_type is None
        else:
            assert status.fill.fill_type == "solid"
            assert status.fill.fgColor.rgb.endswith(fill)
            assert status.font.color.rgb[-6:] in {"006100", "9C5700", "9C0006"}
    response = data_row(ws, "7/18")[5].value
    assert response == "The Strategic Director will report in March.\nAgreed: In part"


def test_overdue_dates_are_bold_red(
    rated_recommendations: list[RecommendationView], tmp_path: Path
) -> None:
    ws = export(rated_recommendations, tmp_path)
    by_ref = {r.reference: r for r in rated_recommendations}
    assert by_ref["6/18"].response_overdue and by_ref["6/18"].review_overdue
    assert not by_ref["7/18"].response_overdue  # it has a response
    due, review = data_row(ws, "6/18")[4], data_row(ws, "6/18")[7]
    for cell in (due, review):
        assert cell.font.b and cell.font.color.rgb.endswith("C00000")
    assert due.value.date() == dt.date(2018, 4, 20)  # two months after the meeting
    on_time = data_row(ws, "7/18")[4]
    assert not on_time.font.b


def test_print_setup_matches_the_programme(
    rated_recommendations: list[RecommendationView], tmp_path: Path
) -> None:
    ws = export(rated_recommendations, tmp_path)
    assert ws.freeze_panes == f"A{TRACKER_HEADER_ROW + 1}"
    assert ws.print_title_rows == f"${TRACKER_HEADER_ROW}:${TRACKER_HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.right.text == "Exported 2 November 2018"
    assert [ws.column_dimensions[c].width for c in "ABCDEFGH"] == [10, 18, 55, 28, 18, 55, 28, 18]
    assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1))


def test_an_empty_tracker_says_so(tmp_path: Path) -> None:
    ws = export([], tmp_path)
    assert ws.cell(row=TRACKER_HEADER_ROW + 1, column=1).value == NONE_YET


def test_status_text_covers_every_case(rated_recommendations: list[RecommendationView]) -> None:
    rec = rated_recommendations[3]
    assert status_text(rec) == "Awaiting response"
    answered = dataclasses.replace(rec, response="Agreed.", agreed=Agreed.YES)
    assert status_text(answered) == "Response received"
    achieved = dataclasses.replace(rec, status=RecStatus.ACHIEVED, rag=Rag.GREEN)
    assert status_text(achieved) == "Achieved"
    bare_slip = dataclasses.replace(rec, status=RecStatus.SLIPPED, rag=Rag.AMBER)
    assert status_text(bare_slip) == "Slipped"
