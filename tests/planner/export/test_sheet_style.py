"""Table rows written by ``sheet_style``: cells and row heights as openpyxl itself makes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.dimensions import RowDimension

from planner.export import sheet_style as st
from planner.export.row_heights import lines_of, most_lines, row_lines

WIDTHS = (st.WIDTH_DATE, st.WIDTH_LONG, st.WIDTH_TITLE)
# Strings openpyxl does not keep as plain text, or changes, next to ordinary ones.
ODD_VALUES: list[st.Value] = [
    "Scrutiny of the budget",
    "",
    "=",
    "=SUM(A1:A2)",
    "#N/A",
    "#REF!",
    "# of schools",
    "x" * 40_000,
    "Café – “quoted”",
    dt.date(2018, 11, 16),
    None,
]


def _plain_cell(value: st.Value) -> Any:
    """The cell openpyxl makes when given the value in the ordinary way."""
    return Workbook().active.cell(row=1, column=1, value=value)


def test_cells_hold_what_openpyxl_makes_of_each_value() -> None:
    ws = Workbook().active
    st.write_row(ws, 1, ("Date", "Topic", "Officers"), WIDTHS, header=True)
    for row, value in enumerate(ODD_VALUES, start=2):
        # Twice, so that the second row takes the cached style's quicker way.
        st.write_row(ws, row, (value, value, value), WIDTHS)
    for row, value in enumerate(ODD_VALUES, start=2):
        expected = _plain_cell(value)
        for column in (1, 2, 3):
            cell = ws.cell(row=row, column=column)
            assert (cell.value, cell.data_type) == (expected.value, expected.data_type), value
    assert ws.cell(row=3, column=1).value == ""
    assert ws.cell(row=4, column=1).data_type == "s"  # a lone "=" is text
    assert ws.cell(row=5, column=1).data_type == "f"
    assert ws.cell(row=6, column=1).data_type == "e"
    assert len(ws.cell(row=9, column=1).value) == 32767
    assert ws.max_row == len(ODD_VALUES) + 1


def test_every_row_shares_the_first_rows_style_and_gets_a_height() -> None:
    ws = Workbook().active
    st.write_row(ws, 1, ("Date", "Topic"), WIDTHS, header=True)
    for row in (2, 3):
        st.write_row(ws, row, (dt.date(2019, 1, 8), "Budget " * 30), WIDTHS)
    header, first, second = ws[1], ws[2], ws[3]
    assert all(c.font.b and c.fill.fgColor.rgb.endswith(st.HEADER_FILL) for c in header)
    assert [c._style for c in first] == [c._style for c in second]
    assert first[0].number_format == st.DATE_FORMAT and first[1].number_format == "General"
    assert all(c.border.left.style == "thin" and c.alignment.wrap_text for c in second)
    assert second[2].value is None and second[2].border.left.style == "thin"
    # Each cell has its own style array: restyling one leaves the others alone.
    assert second[0]._style is not first[0]._style
    texts = ["8 January 2019", "Budget " * 30, ""]
    assert ws.row_dimensions[3].height == st.row_height(texts, WIDTHS)
    assert ws.row_dimensions[3].height > ws.row_dimensions[1].height


def test_a_control_character_is_refused_as_openpyxl_refuses_it() -> None:
    ws = Workbook().active
    st.write_row(ws, 1, ("a", "b"), WIDTHS)
    with pytest.raises(IllegalCharacterError):
        st.write_row(ws, 2, ("fine", "bell\x07"), WIDTHS)


def test_restyle_gives_later_cells_the_same_style_as_the_first() -> None:
    ws = Workbook().active
    red = Font(name=st.FONT_NAME, size=st.FONT_SIZE, color="C00000")
    calls = []

    def apply(cell: Any) -> None:
        calls.append(cell.row)
        cell.font = red

    for row in (1, 2, 3):
        cells = st.write_row(ws, row, ("a", dt.date(2019, 1, row)), WIDTHS)
        st.restyle(cells[0], "red", apply)
        st.restyle(cells[1], "red", apply)
    assert calls == [1, 1]  # once per starting style: text and date
    for row in (1, 2, 3):
        text, date, other = ws[row]
        assert text.font == red and date.font == red and other.font == st.FONT
        assert date.number_format == st.DATE_FORMAT
    assert ws.cell(row=3, column=1)._style is not ws.cell(row=2, column=1)._style


def test_row_dimension_is_what_openpyxl_makes() -> None:
    ws = Workbook().active
    made = st.row_dimension(ws, 7, 42.25)
    plain = RowDimension(ws, index=7, ht=42.25)
    assert made.parent is ws and made._style is None and plain._style is None
    assert vars(made) == vars(plain)
    # Reading its fields as the sheet writer does (this gives both a style array).
    assert dict(made) == dict(plain) == {"ht": "42.25", "customHeight": "1"}
    assert made.height == 42.25 and made.customHeight and made.index == 7
    ws.row_dimensions[7] = made
    ws.row_dimensions[7].height = 20  # still an ordinary dimension afterwards
    assert dict(ws.row_dimensions[7]) == {"ht": "20", "customHeight": "1"}


@pytest.mark.parametrize(
    ("text", "per_line"),
    [
        ("a " + "b" * 59, 60),  # a short word, then one that does not fit beside it
        ("x" * 121, 60),  # an unbroken word, cut where each line is full
        ("abcdefghij " * 40, 22),
        ("a b " * 50, 3),
        ("word " * 80, 60),
    ],
)
def test_most_lines_is_never_fewer_than_the_lines(text: str, per_line: int) -> None:
    text = text.strip()
    assert lines_of(text, per_line) <= most_lines(text, per_line)


def test_row_lines_takes_the_longest_cell_whichever_column_it_is_in() -> None:
    widths = (st.WIDTH_DATE, st.WIDTH_TITLE, st.WIDTH_LONG)
    long_title = " ".join(["Safeguarding"] * 30)  # many lines in the narrow column
    assert row_lines(["", long_title, "Short"], widths) == lines_of(long_title, 30)
    assert row_lines(["", "Short", "Budget " * 60], widths) == lines_of("Budget " * 60, 60)
    assert row_lines(["a\nb\nc", "Short", "x" * 70], widths) == 3  # line breaks count
    assert row_lines(["", "", ""], widths) == 1
    with pytest.raises(ValueError):
        row_lines(["a"], widths)
