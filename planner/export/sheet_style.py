"""The look shared by every exported sheet: fonts, fills, borders, widths, printing.

Imported only by the exporters, never at start-up: it pulls in openpyxl.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from copy import copy
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from planner.dates import format_date

FONT_NAME = "Arial"  # what councils print in; LibreOffice maps it to a metric twin
FONT_SIZE = 10
TITLE_SIZE = 14
LINE_HEIGHT = 12.75  # points per line of 10 pt Arial, as Excel spaces it
# Characters of ordinary text per unit of column width. Excel fits about 1.2 of
# Arial 10 and LibreOffice with its fallback fonts more; kept low because a row a
# little too tall is harmless, while one too short hides the last line.
CHARS_PER_WIDTH = 1.1
MAX_ROW_HEIGHT = 409.0  # Excel's limit

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
# Per workbook: (header?, date?) -> the style index array of a table cell of that kind.
_TABLE_STYLES: WeakKeyDictionary[Any, dict[tuple[bool, bool], Any]] = WeakKeyDictionary()


def solid(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def text_of(value: Value) -> str:
    """How a value reads on the page, for estimating its height."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return value


def _tidy(text: str) -> bool:
    """Words with one space between them and none around, already (no copy needed)."""
    return (
        text.isascii()
        and text[:1] != " "
        and text[-1:] != " "
        and "  " not in text
        and "\t" not in text
        and "\r" not in text
        and "\x0b" not in text
        and "\x0c" not in text
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
    )


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped at word breaks in a column ``width`` wide."""
    per_line = max(1, int(width * CHARS_PER_WIDTH * (0.9 if bold else 1.0)))
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        if len(paragraph) <= per_line:
            continue  # it fits on one line however its words fall (most cells do)
        # Greedy wrapping a line at a time: each line ends at the last space that fits,
        # or, in a word longer than the line, where the line is full.
        words = paragraph if _tidy(paragraph) else " ".join(paragraph.split())
        start, end = 0, len(words)
        while end - start > per_line:
            cut = start + per_line
            if words[cut] == " ":
                start = cut + 1
            else:
                space = words.rfind(" ", start, cut)
                start = space + 1 if space > start else cut
            lines += 1
    return lines


def row_height(texts: Sequence[str], widths: Sequence[float], *, bold: bool = False) -> float:
    """Explicit height for a wrapped row: LibreOffice overlaps lines without one."""
    lines = max(
        (wrapped_lines(t, w, bold=bold) for t, w in zip(texts, widths, strict=True) if t),
        default=1,
    )
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4)


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


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
    cells = []
    padded = [*values, *([None] * (len(widths) - len(values)))]
    styles = _TABLE_STYLES.setdefault(ws.parent, {})
    for column, value in enumerate(padded, start=1):
        cell = ws.cell(row=row, column=column, value=value)
        is_date = isinstance(value, dt.date)
        style = styles.get((header, is_date))
        if style is not None:
            # The same style again: copy its index array, as openpyxl's own sheet copy
            # does. Assigning font, border and alignment hashes each of them every time,
            # which was most of the time an export took.
            cell._style = copy(style)
        else:
            cell.font = BOLD if header else FONT
            cell.alignment = WRAP_TOP
            cell.border = BORDER
            if header:
                cell.fill = HEADER
            if is_date:
                cell.number_format = DATE_FORMAT
            styles[(header, is_date)] = copy(cell._style)
        cells.append(cell)
    texts = [text_of(v) for v in padded]
    ws.row_dimensions[row].height = row_height(texts, widths, bold=header)
    return cells


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
