"""Streaming the rows of a spreadsheet file, .xlsx or .csv, one row at a time.

Nothing here knows about programmes: it turns a file into ``Row`` values (text,
numbers, dates and fill colours) and refuses files it cannot read with one clear
sentence. Memory stays bounded: .xlsx is read with openpyxl's read-only parser and
.csv through ``csv.reader``; neither ever holds the whole sheet.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from planner.errors import PlannerError

# Limits on what one import may read; module-level so tests can lower them.
MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 60  # programme and tracker tables have about eight
MAX_UNPACKED = 1024 * 1024 * 1024  # a zip "bomb" can unpack to far more than it weighs

Value = str | float | dt.date | None

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_SNIFF_CHARS = 64 * 1024


class ImportFileError(PlannerError):
    """A file that cannot be imported at all: nothing was read into the planner."""


@dataclass(frozen=True)
class Row:
    """One row as the sheet numbers it (1-based); ``fills`` are RRGGBB or None per cell."""

    sheet: str
    number: int
    values: tuple[Value, ...]
    fills: tuple[str | None, ...] = ()

    def is_blank(self) -> bool:
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.values)


@dataclass(frozen=True)
class Sheet:
    """A sheet's name and its rows, which can be iterated once."""

    name: str
    rows: Iterator[Row]


class _Counter:
    """Counts rows across a whole file so a huge one is stopped, however it is split."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.rows = 0

    def tick(self) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise too_large(self.label, f"more than {MAX_ROWS:,} rows")


def too_large(label: str, why: str) -> ImportFileError:
    return ImportFileError(
        f"{label} is too large to import ({why}); split it or remove the rows that are not "
        "part of the programme."
    )


def clean(value: Any) -> Value:
    """A cell's value as the importer wants it: dates without times, text stripped."""
    if value is None:
        return None
    if type(value) is str:  # most cells: skip the type checks below
        return _clean_text(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return float(value)
    return _clean_text(str(value))


def _clean_text(value: str) -> str | None:
    text = value.replace("\r\n", "\n").replace("\xa0", " ").strip()
    # Excel's error values are not content.
    if text.startswith("#") and (text.endswith("!") or text in {"#N/A", "#NULL!"}):
        return None
    return text or None


@contextmanager
def open_sheets(path: str | Path) -> Iterator[list[Sheet]]:
    """The sheets of ``path``; rows are read lazily while the context is open."""
    file = Path(path)
    label = file.name
    if not file.is_file():
        raise ImportFileError(f"There is no file {file}.")
    size = file.stat().st_size
    if size == 0:
        raise ImportFileError(f"{label} is empty.")
    if size > MAX_BYTES:
        raise too_large(label, f"{size / 2**20:.1f} MB; the limit is {MAX_BYTES / 2**20:.0f} MB")
    try:
        with file.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFileError(f"Cannot read {label}: {exc.strerror}.") from None
    counter = _Counter(label)
    with ExitStack() as stack:
        if head.startswith(ZIP_MAGIC):
            yield _xlsx_sheets(file, stack, counter)
        elif head == OLE2_MAGIC:
            raise ImportFileError(
                f"{label} is password-protected or an old Excel 97-2003 (.xls) file. Open it "
                "in Excel, remove the password, save it as .xlsx and import that."
            )
        elif file.suffix.lower() in TEXT_SUFFIXES:
            yield [Sheet(file.stem, _csv_rows(file, counter))]
        else:
            raise not_a_spreadsheet(label)


def not_a_spreadsheet(label: str) -> ImportFileError:
    return ImportFileError(
        f"{label} is not a spreadsheet the planner can read; save it as an Excel workbook "
        "(.xlsx) or as CSV (.csv) and import that."
    )


def _xlsx_sheets(file: Path, stack: ExitStack, counter: _Counter) -> list[Sheet]:
    label = file.name
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            unpacked = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(f"{label} is damaged and cannot be opened ({exc}).") from None
    if "xl/workbook.xml" not in names:
        raise not_a_spreadsheet(label)
    if unpacked > MAX_UNPACKED:
        raise too_large(label, f"it unpacks to {unpacked / 2**20:.1f} MB")
    from openpyxl import load_workbook  # slow to import: only when a workbook is read

    fh = stack.enter_context(file.open("rb"))
    try:
        # A file object, not the name: openpyxl would refuse names not ending .xlsx.
        book = load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(f"{label} is damaged or not an Excel workbook ({exc}).") from None
    stack.callback(book.close)
    return [Sheet(ws.title, _xlsx_rows(label, ws, counter)) for ws in book.worksheets]


def _fill(cell: Any) -> str | None:
    """A solid fill as RRGGBB. Read-only cells expose their style, so a tracker's RAG
    colours come from the same single streaming pass as the values."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    rgb = colour.rgb if colour.type == "rgb" else None
    if colour.type == "indexed":
        from openpyxl.styles.colors import COLOR_INDEX

        rgb = COLOR_INDEX[colour.indexed] if colour.indexed < len(COLOR_INDEX) else None
    # Theme colours need the workbook's theme to resolve; treated as no colour.
    return rgb[-6:].upper() if isinstance(rgb, str) and len(rgb) >= 6 else None


def _xlsx_rows(label: str, ws: Any, counter: _Counter) -> Iterator[Row]:
    declared = ws.max_row
    if isinstance(declared, int) and declared > MAX_ROWS:
        raise too_large(label, f"{declared:,} rows")
    # The stored dimension can be wrong (some tools write "A1"); read what is there.
    ws.reset_dimensions()
    fills: dict[int, str | None] = {}  # style id -> its fill: a sheet uses a few styles

    def fill_of(cell: Any) -> str | None:
        style = getattr(cell, "_style_id", None)
        if style is None:
            return _fill(cell)
        if style not in fills:
            fills[style] = _fill(cell)
        return fills[style]

    try:
        for number, cells in enumerate(ws.iter_rows(), start=1):
            counter.tick()
            cells = cells[:MAX_COLUMNS]
            yield Row(
                ws.title,
                number,
                tuple(clean(c.value) for c in cells),
                tuple(map(fill_of, cells)),
            )
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet part surfaces only while parsing it
        raise ImportFileError(f"{label}, sheet {ws.title}, is damaged ({exc}).") from None


def sniff_encoding(file: Path) -> str:
    """BOM first; then UTF-8 if every byte decodes; otherwise Windows-1252."""
    with file.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(256 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _open_text(file: Path) -> IO[str]:
    encoding = sniff_encoding(file)
    with file.open("rb") as fh:
        sample = fh.read(8192)
    if encoding != "utf-16" and (b"\x00" in sample or sample.startswith(b"%PDF")):
        raise not_a_spreadsheet(file.name)
    # Bytes Windows-1252 leaves undefined become U+FFFD rather than stopping the import.
    return file.open("r", encoding=encoding, errors="replace", newline="")


def sniff_delimiter(sample: str) -> str:
    """Comma, semicolon (European Excel), tab or bar: the one that splits most rows
    into the same number of cells. (csv.Sniffer is misled by title lines above the table.)"""
    best, best_score = ",", (0, 0)
    for delimiter in ",;\t|":
        try:
            lengths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        counts = Counter(n for n in lengths if n > 1)
        if counts:
            width, rows = counts.most_common(1)[0]
            if (rows, width) > best_score:
                best, best_score = delimiter, (rows, width)
    return best


def _csv_rows(file: Path, counter: _Counter) -> Iterator[Row]:
    with _open_text(file) as text:
        sample = text.read(_SNIFF_CHARS)
        text.seek(0)  # the decoder restarts too, so a BOM is skipped again
        reader = csv.reader(text, delimiter=sniff_delimiter(sample))
        number = 0
        try:
            for cells in reader:
                number += 1
                counter.tick()
                yield Row(file.stem, number, tuple(clean(c) for c in cells[:MAX_COLUMNS]))
        except csv.Error as exc:
            raise ImportFileError(
                f"{file.name}, row {number + 1}, cannot be read as CSV ({exc})."
            ) from None


def read_all(path: str | Path) -> list[Row]:
    """Every row of every sheet at once: for tests and small files only."""
    with open_sheets(path) as sheets:
        return [row for sheet in sheets for row in sheet.rows]


