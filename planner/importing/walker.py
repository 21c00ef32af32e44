"""Walking a sheet's rows into table rows ("drafts"), the way a clerk reads the page.

Above the header: title and chairs lines. Then: section rows ("Task Groups") switch
what the rows are; repeated header rows re-map the columns; a date written once for
several rows (a merged cell, or a date heading row) carries down to each topic; a
row with no title continues the row above (a Word table split across a page break);
blank and decorative rows are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from planner.importing.cells import CellError, read_when, text_of
from planner.importing.headers import (
    DEVELOPMENT,
    GROUPS,
    SCHEDULED,
    SECTION_FIELDS,
    TRACKER,
    UNSCHEDULED,
    ColumnMapping,
    Overrides,
    Table,
    column_letter,
    detect_header,
    normalise,
    section_of,
    with_overrides,
)
from planner.importing.reader import Row, Sheet, Value

MAX_PREAMBLE = 20
_DECORATION = re.compile(
    r"^(?:none(?: at present)?|nil|n a|no items(?: yet)?|no recommendations(?: recorded)?"
    r"|this page is intentionally left blank|page \d+(?: of \d+)?|continued|cont d|end"
    r"|status colours .*)$"
)
# Topic columns and the task group columns printed in the same place.
_GROUP_OF_TOPIC = {"date": "finish", "title": "title", "description": "description",
                   "outcome": "outcome", "method": "membership"}


@dataclass
class Draft:
    """One table row (or several, when a row was split) before its values are read."""

    sheet: str
    row: int
    section: str
    cells: dict[str, Value]
    columns: Mapping[str, int]
    fills: tuple[str | None, ...] = ()
    texts: list[str] = field(default_factory=list)
    carried: bool = False  # the date came from a row above
    joined: list[int] = field(default_factory=list)  # rows read as the rest of this one

    def letter(self, name: str) -> str | None:
        index = self.columns.get(name)
        return column_letter(index) if index is not None else None


@dataclass
class SheetScan:
    """What walking one sheet found besides its rows."""

    name: str
    mappings: list[ColumnMapping] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    skipped: int = 0
    non_blank: int = 0


def _strings(row: Row) -> list[str | None]:
    return [v if isinstance(v, str) else None for v in row.values]


def _filtered(columns: Mapping[str, int], section: str) -> dict[str, int]:
    allowed = SECTION_FIELDS[section]
    if section == GROUPS:
        columns = {("finish" if n == "date" else n): i for n, i in columns.items()}
    return {n: i for n, i in columns.items() if n in allowed}


class _Walker:
    def __init__(self, sheet: str, table: Table, overrides: Overrides | None,
                 header_row: int | None, scan: SheetScan) -> None:
        self.sheet, self.table, self.overrides = sheet, table, overrides
        self.header_row, self.scan = header_row, scan
        self.section = TRACKER if table == "tracker" else SCHEDULED
        self.mappings: dict[str, ColumnMapping] = {}
        self.base: ColumnMapping | None = None
        self.pending: Draft | None = None
        self.carry: Value = None

    def _map(self, row: Row | None, columns: Mapping[str, int], section: str) -> ColumnMapping:
        headers = tuple(s or "" for s in _strings(row)) if row else ()
        if not headers and self.base is not None:
            headers = self.base.headers
        mapping = ColumnMapping(self.sheet, section, row.number if row else None,
                                _filtered(columns, section), headers)
        mapping = with_overrides(mapping, self.overrides)
        self.mappings[section] = mapping
        if row is not None:
            self.scan.mappings.append(mapping)
        return mapping

    def _header(self, row: Row, found: dict[str, int]) -> None:
        if self.table == "programme":
            groupish = bool({"finish", "membership"} & found.keys())
            topicish = bool({"date", "officers", "method"} & found.keys())
            if groupish and not topicish:
                self.section = GROUPS
            elif topicish and not groupish and self.section == GROUPS:
                self.section = SCHEDULED if "date" in found else DEVELOPMENT
        mapping = self._map(row, found, self.section)
        if self.base is None:
            self.base = mapping
        self.carry = None

    def _switch(self, section: str) -> None:
        self.section, self.carry = section, None
        if section in self.mappings or self.base is None:
            return
        columns = dict(self.base.columns)
        if (section == GROUPS) != (self.base.section == GROUPS):
            turn = _GROUP_OF_TOPIC if section == GROUPS else {
                v: k for k, v in _GROUP_OF_TOPIC.items()}
            columns = {turn[n]: i for n, i in columns.items() if n in turn}
        self._map(None, columns, section)

    def _carry_field(self) -> str | None:
        if self.section in (SCHEDULED, UNSCHEDULED):
            return "date"
        return "meeting" if self.section == TRACKER else None

    def _key_field(self, mapping: ColumnMapping) -> str:
        if self.table == "programme":
            return "title"
        return "reference" if "reference" in mapping.columns else "text"

    def _flush(self) -> Iterator[Draft]:
        if self.pending is not None:
            yield self.pending
            self.pending = None

    def feed(self, row: Row) -> Iterator[Draft]:
        if row.is_blank():
            return
        self.scan.non_blank += 1
        texts = [t for t in (text_of(v) for v in row.values) if t]
        if self.base is None:
            forced = self.header_row is not None and row.number == self.header_row
            found = detect_header(_strings(row), self.table, forced=forced)
            if found is not None and (self.header_row is None or forced):
                self._header(row, found)
                return
            if self.table == "programme" and len(set(texts)) == 1:
                # A file may begin with a section ("In Development") above its header.
                self.section = section_of(texts[0]) or self.section
            if len(self.scan.preamble) < MAX_PREAMBLE:
                self.scan.preamble.append(" ".join(texts))
            return
        if len(set(texts)) == 1 and self._single(row, texts[0]):
            yield from self._flush()
            return
        found = detect_header(_strings(row), self.table, strict=True)
        if found is not None:
            yield from self._flush()
            self._header(row, found)
            return
        yield from self._data(row, texts)

    def _single(self, row: Row, text: str) -> bool:
        """A row with one piece of text: a section, decoration or date heading?"""
        section = section_of(text) if self.table == "programme" else None
        if section is not None:
            self._switch(section)
            return True
        if _DECORATION.match(normalise(text)):
            self.scan.skipped += 1
            return True
        value = next(v for v in row.values if v is not None)
        if self._carry_field() and not isinstance(value, float):
            try:
                when = read_when(value)
            except CellError:
                return False
            if isinstance(when, dt.date):
                self.carry = value
                return True
        return False

    def _data(self, row: Row, texts: list[str]) -> Iterator[Draft]:
        mapping = self.mappings[self.section]
        if mapping.header_row is None and mapping not in self.scan.mappings:
            # A section without a header of its own is listed once it has rows.
            self.scan.mappings.append(mapping)
        values = row.values
        cells = {n: values[i] for n, i in mapping.columns.items()
                 if i < len(values) and values[i] is not None}
        key, carry = self._key_field(mapping), self._carry_field()
        if key in cells:
            yield from self._flush()
            carried = False
            if carry and carry in cells:
                self.carry = cells[carry]
            elif carry and self.carry is not None:
                # Also with no date column at all: the date came from a heading row.
                cells[carry], carried = self.carry, True
            self.pending = Draft(self.sheet, row.number, self.section, cells, mapping.columns,
                                 row.fills, texts, carried)
            return
        content = {n: v for n, v in cells.items() if n != carry}
        if not cells:
            self.scan.skipped += 1  # text only in columns that are not part of the table
        elif not content and carry:
            self.carry = cells[carry]  # a date heading for the rows below
        elif self.pending is not None and not (carry and carry in cells):
            self._continue(self.pending, row.number, content, texts)
        else:
            yield from self._flush()
            yield Draft(self.sheet, row.number, self.section, cells, mapping.columns,
                        row.fills, texts)

    @staticmethod
    def _continue(draft: Draft, row: int, content: dict[str, Value], texts: list[str]) -> None:
        draft.joined.append(row)
        for name, value in content.items():
            before = draft.cells.get(name)
            if before is None:
                draft.cells[name] = value
            elif isinstance(before, str) and isinstance(value, str):
                draft.cells[name] = f"{before} {value}"
        draft.texts.extend(texts)


def walk(sheet: Sheet, table: Table, scan: SheetScan, overrides: Overrides | None = None,
         header_row: int | None = None) -> Iterator[Draft]:
    """The drafts of one sheet, as they are read; ``scan`` collects the rest."""
    walker = _Walker(sheet.name, table, overrides, header_row, scan)
    for row in sheet.rows:
        yield from walker.feed(row)
    yield from walker._flush()


__all__ = ["DEVELOPMENT", "Draft", "SheetScan", "walk"]
