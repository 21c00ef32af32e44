"""A record's or a committee's change history as a spreadsheet (.xlsx) or CSV file.

Columns: When | Who | Action | (Record, for a committee) | Field | Old value | New value,
newest first, one row per field changed; written all or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from planner.errors import ExportError
from planner.export import sheet_style as st
from planner.export.atomic import atomic_write
from planner.services.history_rows import HistoryRow

HISTORY_SHEET = "History"
HEADERS = ("When", "Who", "Action", "Field", "Old value", "New value")
RECORD_HEADER = "Record"
WIDTHS = {
    "When": st.WIDTH_DATE + 2,
    "Who": st.WIDTH_METHOD,
    "Action": 11.0,
    "Record": st.WIDTH_TITLE,
    "Field": st.WIDTH_METHOD,
    "Old value": 42.0,
    "New value": 42.0,
}
HEADER_ROW = 3
NONE_YET = "No changes recorded."


def headers(with_record: bool) -> tuple[str, ...]:
    if not with_record:
        return HEADERS
    return (*HEADERS[:3], RECORD_HEADER, *HEADERS[3:])


def cells(row: HistoryRow, with_record: bool) -> tuple[str, ...]:
    values = (row.when, row.who, row.action, row.field, row.old, row.new)
    if not with_record:
        return values
    return (*values[:3], row.record, *values[3:])


def history_workbook(
    rows: Sequence[HistoryRow], title: str, *, with_record: bool, today: dt.date | None = None
) -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = HISTORY_SHEET
    names = headers(with_record)
    widths = [WIDTHS[n] for n in names]
    st.set_widths(ws, widths)
    st.write_banner(ws, 1, title, widths, size=st.TITLE_SIZE, bold=True)
    st.write_banner(ws, 2, "Newest first. Times are local time.", widths, italic=True)
    st.write_row(ws, HEADER_ROW, names, widths, header=True)
    line = HEADER_ROW
    for row in rows:
        line += 1
        st.write_row(ws, line, cells(row, with_record), widths)
    if not rows:
        line += 1
        st.write_row(ws, line, (NONE_YET,), widths)
    else:
        last = chr(ord("A") + len(names) - 1)
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{line}"
    st.setup_page(
        ws,
        widths=widths,
        last_row=line,
        header_row=HEADER_ROW,
        title=title,
        today=today or dt.date.today(),
    )
    workbook.properties.title = title
    workbook.properties.creator = "Forward Work Programme planner"
    return workbook


def history_csv(rows: Sequence[HistoryRow], *, with_record: bool) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads "–" and "é" correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(with_record))
    writer.writerows(cells(r, with_record) for r in rows)
    return buffer.getvalue().encode("utf-8-sig")


def export_history(
    rows: Sequence[HistoryRow],
    path: str | os.PathLike[str],
    title: str,
    *,
    with_record: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Write ``rows`` to ``path`` (.xlsx or .csv, by its suffix); returns the path."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix == ".csv":
        data = history_csv(rows, with_record=with_record)

        def write_csv(handle: BinaryIO) -> None:
            handle.write(data)

        return atomic_write(target, write_csv)
    if suffix != ".xlsx":
        raise ExportError(
            f"Cannot write {target}: a history is exported as .xlsx or .csv, not '{suffix}'."
        )
    workbook = history_workbook(rows, title, with_record=with_record, today=today)
    return atomic_write(target, workbook.save)
