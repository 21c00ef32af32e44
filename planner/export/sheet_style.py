"""The look shared by every exported sheet: fonts, fills, borders, widths, printing.

Imported only by the exporters, never at start-up: it pulls in openpyxl.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from copy import copy
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.page import PageMargins

from planner.dates import format_date
from planner.export.row_heights import (
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    line_length,
    lines_of,
    row_lines,
)

FONT_NAME = "Arial"  # what councils print in; LibreOffice maps it to a metric twin
FONT_SIZE = 10
TITLE_SIZE = 14

WIDTH_REF = 10.0
WIDTH_DATE = 18.0
WIDTH_METHOD = 20.0
WIDTH_TITLE = 28.0
WIDTH_LONG = 55.0

DATE_FORMAT = "d mmmm yyyy"

HEADER_FILL = "D9E1F2"
SECTION_FILL = "B4C6E7"
DARK_TEXT = "1F1F1F"
OVERDUE_TEXT = "C00000"
# Excel's own "Good", "Neutral" and "Bad" pairs: readable in colour and in grey.
RAG_FILLS = {
    "green": ("C6EFCE", "006100"),
    "amber": ("FFEB9C", "9C5700"),
    "red": ("FFC7CE", "9C0006"),
}

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Left, not "general": dates would otherwise sit on the right like numbers.
WRAP_TOP = Alignment(wrap_text=True, vertical="top", horizontal="left")
WRAP_TOP_CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")
FONT = Font(name=FONT_NAME, size=FONT_SIZE, color=DARK_TEXT)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, color=DARK_TEXT, bold=True)
HEADER = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
SECTION = PatternFill(fill_type="solid", start_color=SECTION_FILL, end_color=SECTION_FILL)

Value = str | dt.date | None
# Per workbook: (header?, date?) -> the style index array of a table cell of that kind,
# and (style array, kind) -> the array after ``restyle``.
_TABLE_STYLES: WeakKeyDictionary[Any, dict[Hashable, Any]] = WeakKeyDictionary()
# Strings openpyxl stores as something other than plain text: formulas and error codes.
_SPECIAL_START = frozenset({"=", *(code[0] for code in ERROR_CODES)})
_MAX_TEXT = 32767  # openpyxl cuts longer strings to this length


def solid(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def text_of(value: Value) -> str:
    """How a value reads on the page, for estimating its height."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return value


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped at word breaks in a column ``width`` wide."""
    return lines_of(text, line_length(width, bold))


def row_height(texts: Sequence[str], widths: Sequence[float], *, bold: bool = False) -> float:
    """Explicit height for a wrapped row: LibreOffice overlaps lines without one."""
    return min(MAX_ROW_HEIGHT, row_lines(texts, widths, bold) * LINE_HEIGHT + 4)


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _table_styles(workbook: Any) -> dict[Hashable, Any]:
    return _TABLE_STYLES.setdefault(workbook, {})


def _quick_text(value: object) -> bool:
    """A string that openpyxl would store exactly as it is, as plain text: not a
    formula ("=..."), not an error code ("#..."), not too long to fit a cell. Illegal
    control characters are looked for a row at a time by the caller."""
    return type(value) is str and value[:1] not in _SPECIAL_START and len(value) <= _MAX_TEXT


def write_row(
    ws: Any,
    row: int,
    values: Sequence[Value],
    widths: Sequence[float],
    *,
    header: bool = False,
) -> list[Any]:
    """One bordered, wrapped, top-aligned table row across all ``widths`` columns.

    ``values`` may be shorter than ``widths``: the remaining cells stay empty but
    bordered, so the table prints as one grid. Returns the cells for extra styling.
    """
    padded = [*values, *([None] * (len(widths) - len(values)))]
    texts = [text_of(v) for v in padded]
    # One search of the row for characters a sheet cannot hold; a row with one goes
    # through openpyxl's own checks, which name the problem.
    checked = ILLEGAL_CHARACTERS_RE.search("".join(texts)) is None
    styles = _table_styles(ws.parent)
    cells = []
    sheet_cells = ws._cells
    for column, value in enumerate(padded, start=1):
        is_date = isinstance(value, dt.date)
        style = styles.get((header, is_date))
        if style is None:
            cell = ws.cell(row=row, column=column, value=value)
            cell.font = BOLD if header else FONT
            cell.alignment = WRAP_TOP
            cell.border = BORDER
            if header:
                cell.fill = HEADER
            if is_date:
                cell.number_format = DATE_FORMAT
            styles[(header, is_date)] = copy(cell._style)
        else:
            # The same style again: a new cell with a copy of its index array, as
            # openpyxl's own sheet copy does. Assigning font, border and alignment
            # hashes each of them every time, which was most of the time an export took.
            cell = Cell(ws, row=row, column=column, style_array=style)
            if value is None:
                pass
            elif checked and _quick_text(value):
                # What openpyxl's value setter ends with for such a string; its type
                # checks cost more than the rest of making the cell.
                cell._value = value
                cell.data_type = "s"
            else:
                cell.value = value
            sheet_cells[(row, column)] = cell  # as Worksheet._add_cell, once a row below
        cells.append(cell)
    ws._current_row = max(ws._current_row, row)
    ws.row_dimensions[row] = row_dimension(ws, row, row_height(texts, widths, bold=header))
    return cells


@lru_cache(maxsize=1)
def _row_fields() -> tuple[tuple[str, Any], ...]:
    return tuple(vars(RowDimension(None)).items())


def row_dimension(ws: Any, row: int, height: float) -> RowDimension:
    """What ``RowDimension(ws, index=row, ht=height)`` makes, without its eight checked
    assignments: the fields of a plain row, with this index and height."""
    dimension = RowDimension.__new__(RowDimension)
    dimension.parent = ws
    dimension._style = None
    fields = vars(dimension)
    # One at a time, in the order openpyxl sets them: the dict then shares its keys
    # with every other row's, as an ordinary one does (dict.update would not: +1.5 MB).
    for name, value in _row_fields():
        fields[name] = value
    fields["index"] = row
    fields["ht"] = float(height)
    return dimension


def restyle(cell: Any, kind: Hashable, apply: Callable[[Any], None]) -> None:
    """Give ``cell`` what ``apply(cell)`` sets (font, fill), copying the resulting style
    array for every later cell of the same style and ``kind``."""
    styles = _table_styles(cell.parent.parent)
    key = (tuple(cell._style), kind)
    style = styles.get(key)
    if style is None:
        apply(cell)
        styles[key] = copy(cell._style)
    else:
        cell._style = copy(style)


def write_banner(
    ws: Any,
    row: int,
    text: str,
    widths: Sequence[float],
    *,
    size: int = FONT_SIZE,
    bold: bool = False,
    italic: bool = False,
    section: bool = False,
) -> Any:
    """A line of text merged across the whole table: title, chairs line, section name."""
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=DARK_TEXT)
    cell.alignment = WRAP_TOP_CENTRE if section else WRAP_TOP
    if section:
        cell.fill = SECTION
        cell.border = BORDER  # set before merging: openpyxl copies it to the edges
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    lines = wrapped_lines(text, sum(widths) * FONT_SIZE / size, bold=bold)
    ws.row_dimensions[row].height = lines * LINE_HEIGHT * size / FONT_SIZE + 4
    return cell


def _footer_text(text: str) -> str:
    # "&" starts a control code in headers and footers; a literal one is "&&".
    return text[:80].replace("&", "&&")


def setup_page(
    ws: Any,
    *,
    widths: Sequence[float],
    last_row: int,
    header_row: int,
    title: str,
    today: dt.date,
) -> None:
    """Landscape A4, one page wide, header row frozen and repeated on every page."""
    last_column = get_column_letter(len(widths))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last_column}{max(last_row, header_row)}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.25, footer=0.3)
    footer = ws.oddFooter
    footer.left.text = _footer_text(title)
    footer.left.size = 8
    footer.center.text = "Page &P of &N"
    footer.center.size = 8
    footer.right.text = f"Exported {format_date(today)}"
    footer.right.size = 8
