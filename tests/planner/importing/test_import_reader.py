"""Reading files: encodings, delimiters, streaming, and one clear message per bad file."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from db_state import url_of
from import_fixtures import csv_bytes, write_xlsx
from openpyxl import Workbook

from planner.db.database import Database, open_database
from planner.importing import ImportFileError, plan_programme_import, plan_tracker_import
from planner.importing import reader as rd
from planner.importing.reader import open_sheets, read_all

ROWS = [["Date of Meeting", "Scrutiny Topic"], ["16 November 2018", "Café provision – £5"]]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"],
)
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes(ROWS, encoding))
    assert rd.sniff_encoding(path) == ("cp1252" if encoding == "cp1252" else encoding)
    rows = read_all(path)
    assert [r.values for r in rows] == [tuple(r) for r in ROWS]


def test_bytes_windows_1252_leaves_undefined_do_not_stop_the_import(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"Topic,Method\r\nLibraries \x81,Formal report\r\n")
    assert read_all(path)[1].values == ("Libraries \ufffd", "Formal report")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "p.csv"
    text = "\n".join(delimiter.join(r) for r in [["Title line"], *ROWS[:1], ["1/2/19", "X, Y"]])
    if delimiter == ",":
        text = text.replace("X, Y", '"X, Y"')
    path.write_text(text, encoding="utf-8")
    assert read_all(path)[2].values == ("1/2/19", "X, Y")


def test_xlsx_values_dates_numbers_and_fills(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        [["  Title  "], [], [dt.datetime(2018, 11, 16, 10, 0), 7, True, "#N/A"]],
        fills={"B3": "C6EFCE"},
    )
    rows = read_all(path)
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[0].values == ("Title",)
    assert rows[1].is_blank()
    assert rows[2].values == (dt.date(2018, 11, 16), 7.0, "Yes", None)
    assert rows[2].fills[1] == "C6EFCE"


def test_a_wrong_stored_dimension_does_not_hide_rows(tmp_path: Path) -> None:
    """Some tools write <dimension ref="A1"/> for any sheet; every row is still read."""
    path = write_xlsx(tmp_path / "p.xlsx", [["a"], ["b"], ["c", "d"]])
    damaged = tmp_path / "d.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B3"/>', b'<dimension ref="A1"/>')
            dst.writestr(item, data)
    assert [r.values for r in read_all(damaged)] == [("a",), ("b",), ("c", "d")]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


def _blank_xlsx(path: Path) -> Path:
    Workbook().save(path)
    return path


def _truncated_xlsx(path: Path) -> Path:
    full = write_xlsx(path, ROWS).read_bytes()
    return _write(path, full[: len(full) // 2])


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "png named .xlsx": (
        lambda d: _write(d / "p.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "p.xlsx is not a spreadsheet the planner can read; save it as an Excel workbook "
        "(.xlsx) or as CSV (.csv) and import that.",
    ),
    "pdf named .csv": (
        lambda d: _write(d / "p.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        "p.csv is not a spreadsheet the planner can read",
    ),
    "word document": (lambda d: _docx(d / "p.docx"), "p.docx is not a spreadsheet"),
    "word document named .xlsx": (lambda d: _docx(d / "p.xlsx"), "p.xlsx is not a spreadsheet"),
    "password-protected": (
        lambda d: _write(d / "p.xlsx", rd.OLE2_MAGIC + bytes(600)),
        "p.xlsx is password-protected or an old Excel 97-2003 (.xls) file. Open it in Excel, "
        "remove the password, save it as .xlsx and import that.",
    ),
    "old .xls": (lambda d: _write(d / "p.xls", rd.OLE2_MAGIC + bytes(600)),
                 "p.xls is password-protected or an old Excel 97-2003 (.xls) file"),
    "empty file": (lambda d: _write(d / "p.xlsx", b""), "p.xlsx is empty."),
    "empty csv": (lambda d: _write(d / "p.csv", b""), "p.csv is empty."),
    "blank workbook": (lambda d: _blank_xlsx(d / "p.xlsx"), "p.xlsx is empty: none of its rows"),
    "csv of blank cells": (lambda d: _write(d / "p.csv", b",,,\r\n ,\r\n\r\n"),
                           "p.csv is empty: none of its rows"),
    "damaged workbook": (lambda d: _truncated_xlsx(d / "p.xlsx"), "p.xlsx is damaged"),
    "no recognisable header": (
        lambda d: _write(d / "p.csv", b"Dear colleagues,\nplease find the notes attached.\n"),
        "p.csv has no programme table the planner recognises: no row has a topic column",
    ),
    "missing": (lambda d: d / "nowhere.xlsx", "There is no file"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_get_one_clear_message_and_leave_the_database_alone(
    case: str, tmp_path: Path, empty_db: Database, empty_cesc: str,
    unchanged: Callable[[Database], Callable[[], None]],
) -> None:
    make, message = BAD_FILES[case]
    path = make(tmp_path)
    check = unchanged(empty_db)
    db = open_database(url_of(empty_db))
    with db.reading() as s, pytest.raises(ImportFileError) as caught:
        plan_programme_import(s, path, empty_cesc)
    db.close()
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    check()


def test_a_programme_file_has_no_tracker_in_it(
    tmp_path: Path, empty_db: Database, empty_cesc: str
) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", ROWS)
    with empty_db.reading() as s, pytest.raises(ImportFileError, match="no tracker table"):
        plan_tracker_import(s, path, empty_cesc)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rd, "MAX_ROWS", 50)
    rows = [["Scrutiny Topic", "Method"], *([f"Topic {i}", "Formal report"] for i in range(60))]
    path = tmp_path / f"big.{kind}"
    if kind == "csv":
        path.write_bytes(csv_bytes(rows))
    else:
        write_xlsx(path, rows)
    too_large = r"big\.\w+ is too large to import \((more than 50|61) rows"
    with pytest.raises(ImportFileError, match=too_large):
        read_all(path)


def test_a_declared_huge_sheet_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", [["x"]] * 30)
    monkeypatch.setattr(rd, "MAX_ROWS", 20)
    with open_sheets(path) as sheets, pytest.raises(ImportFileError, match="30 rows"):
        next(sheets[0].rows)


def test_too_many_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rd, "MAX_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes([["Topic", "x" * 50]] * 40))
    with pytest.raises(ImportFileError, match=r"big\.csv is too large to import"):
        read_all(path)


def test_a_zip_that_unpacks_to_too_much_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rd, "MAX_UNPACKED", 2000)
    path = write_xlsx(tmp_path / "bomb.xlsx", [["x" * 100]] * 50)
    with pytest.raises(ImportFileError, match="unpacks to"):
        read_all(path)


def _peak_while_streaming(path: Path) -> int:
    tracemalloc.start()
    try:
        with open_sheets(path) as sheets:
            count = sum(1 for sheet in sheets for _ in sheet.rows)
        return tracemalloc.get_traced_memory()[1] if count else 0
    finally:
        tracemalloc.stop()


def test_memory_stays_bounded_while_streaming_csv(tmp_path: Path) -> None:
    """A 7.9 MB CSV is read holding a few rows and a fixed-size buffer, never the file."""
    line = ["16 November 2018", "A topic title", "A description " * 8, "Formal report"]
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes([line] * 50_000))
    assert path.stat().st_size > 7_500_000
    assert _peak_while_streaming(path) < 2_500_000


def test_memory_stays_bounded_while_streaming_xlsx(tmp_path: Path) -> None:
    """Ten times the rows must not keep ten times the rows' contents in memory."""
    line = ["A topic title", "A description " * 8, "Formal report"]
    peaks = {}
    for rows in (1_000, 10_000):
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Programme")
        for i in range(rows):
            # The same text each time: openpyxl holds the table of distinct strings, which
            # grows with the text; the rows themselves must not.
            sheet.append([dt.datetime(2018, 11, 16), *line, i])
        book.save(tmp_path / f"r{rows}.xlsx")
        peaks[rows] = _peak_while_streaming(tmp_path / f"r{rows}.xlsx")
    # openpyxl's parser keeps an emptied element per row read (about 100 bytes); a row
    # itself, with its 200 characters of text, is never kept.
    assert peaks[10_000] - peaks[1_000] < 9_000 * 200
