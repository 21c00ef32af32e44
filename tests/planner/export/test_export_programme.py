"""The programme spreadsheet, read back with openpyxl: layout, text and print setup."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.dates import format_date, parse_date
from planner.db.database import Database
from planner.export import export_programme
from planner.export.programme_xlsx import (
    DEVELOPMENT_HEADERS,
    FULL_NOTE,
    GROUP_HEADERS,
    NONE_YET,
    PUBLIC_NOTE,
    SCHEDULED_HEADERS,
)
from planner.services.groups import update_group
from planner.services.topics import list_topics, update_topic
from planner.services.views import Programme

EXPORTED_ON = dt.date(2018, 11, 2)
CFLLC = "Children, Families, Lifelong Learning and Culture Select Committee"
MakeProgramme = Callable[..., Programme]


def export(prog: Programme, tmp_path: Path, name: str = "programme.xlsx") -> Any:
    written = export_programme(prog, tmp_path / name, today=EXPORTED_ON)
    assert written == tmp_path / name
    return openpyxl.load_workbook(written)


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def row_of(ws: Any, text: str, column: int = 1, after: int = 0) -> int:
    """1-based number of the first row below ``after`` whose cell in ``column`` holds ``text``."""
    for index, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if index > after and values[column - 1] == text:
            return index
    raise AssertionError(f"{text!r} is not in column {column}")


@pytest.fixture
def sheet(make_programme: MakeProgramme, tmp_path: Path) -> Any:
    return export(make_programme(), tmp_path)["Programme"]


def test_sheets_are_programme_then_tracker(make_programme: MakeProgramme, tmp_path: Path) -> None:
    workbook = export(make_programme(), tmp_path)
    assert workbook.sheetnames == ["Programme", "Recommendations tracker"]


def test_title_and_chairs_line(sheet: Any) -> None:
    title = sheet["A1"]
    assert title.value == "Children and Education Select Committee Forward Work Programme 2018/19"
    assert title.font.b and title.font.sz > 10
    assert sheet["A2"].value == "(Chairman: Kay Hammond, Vice-Chairman: Chris Botten)"
    assert sheet["A3"].value == FULL_NOTE
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}


def test_sections_come_in_the_council_order(sheet: Any) -> None:
    column_a = [values[0] for values in rows(sheet)]
    header = row_of(sheet, "Date of Meeting")
    groups = row_of(sheet, "Task Groups")
    development = row_of(sheet, "In Development")
    assert header == 4 and header < groups < development
    timings = column_a[header : groups - 1]
    assert timings[-1] == "Early 2019"
    dates = [parse_date(t) for t in timings[:-1]]
    assert dates == sorted(dates) and len(dates) == 6
    assert dates[0] == dt.date(2018, 9, 7) and dates[-1] == dt.date(2018, 11, 16)
    assert column_a[groups] == "Projected finish date"
    for section in (groups, development):
        cell = sheet.cell(row=section, column=1)
        assert cell.font.b and cell.fill.fgColor.rgb.endswith("B4C6E7")
        assert f"A{section}:F{section}" in {str(r) for r in sheet.merged_cells.ranges}


def test_every_header_text(sheet: Any) -> None:
    def header_after(row: int) -> tuple[Any, ...]:
        return tuple(c.value for c in sheet[row])

    assert header_after(4) == SCHEDULED_HEADERS
    assert SCHEDULED_HEADERS == (
        "Date of Meeting",
        "Scrutiny Topic",
        "Description",
        "Outcome",
        "Method",
        "Officer(s) responsible",
    )
    group_header = header_after(row_of(sheet, "Task Groups") + 1)
    assert group_header == (*GROUP_HEADERS, None)
    assert GROUP_HEADERS == (
        "Projected finish date",
        "Topic",
        "Description",
        "Outcome",
        "Membership",
    )
    development_header = header_after(row_of(sheet, "In Development") + 1)
    assert development_header == (*DEVELOPMENT_HEADERS, None)
    # As printed: the In Development table sits under "Scrutiny Topic", column B on.
    assert development_header[1:5] == ("Topic", "Description", "Outcome", "Method")
    for row in (4, row_of(sheet, "Task Groups") + 1, row_of(sheet, "In Development") + 1):
        for cell in sheet[row]:
            assert cell.font.b and cell.fill.fgColor.rgb.endswith("D9E1F2")


def test_every_demo_topic_and_group_is_there_with_its_text(
    make_programme: MakeProgramme, sheet: Any
) -> None:
    prog = make_programme()
    assert len(prog.scheduled) == 7 and len(prog.in_development) == 2
    for topic in prog.scheduled:
        row = row_of(sheet, topic.title, column=2)
        assert tuple(c.value for c in sheet[row]) == (
            topic.when,
            topic.title,
            topic.description,
            topic.outcome,
            topic.method,
            topic.officers,
        )
    assert any(t.when == "16 November 2018" for t in prog.scheduled)
    development = row_of(sheet, "In Development")
    for topic in prog.in_development:
        row = row_of(sheet, topic.title, column=2)
        assert row > development
        assert tuple(c.value for c in sheet[row]) == (
            None,
            topic.title,
            topic.description,
            topic.outcome,
            topic.method,
            None,
        )
    groups = row_of(sheet, "Task Groups")
    assert len(prog.task_groups) == 2
    for group in prog.task_groups:
        # One group shares its title with the meeting item that proposed it.
        row = row_of(sheet, group.title, column=2, after=groups)
        assert row < development
        values = tuple(c.value for c in sheet[row])
        assert values == (None, group.title, group.description, group.outcome, "TBC", None)


def test_dates_are_text_as_the_council_prints_them(sheet: Any) -> None:
    assert sheet["A5"].value == "7 September 2018"
    assert isinstance(sheet["A5"].value, str)


def test_cells_are_wrapped_top_aligned_and_bordered(sheet: Any) -> None:
    for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row):
        for cell in row:
            if cell.coordinate in sheet.merged_cells and cell.value is None:
                continue  # covered by a section row's first cell
            assert cell.alignment.wrap_text, cell.coordinate
            assert cell.alignment.vertical == "top", cell.coordinate
            assert cell.border.left.style == "thin", cell.coordinate


def test_column_widths(sheet: Any) -> None:
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    assert widths == [18, 28, 55, 55, 20, 28]


def test_print_setup(sheet: Any) -> None:
    assert sheet.freeze_panes == "A5"  # below the first table's header
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.print_area == f"'Programme'!$A$1:$F${sheet.max_row}"
    margins = sheet.page_margins
    assert 0.25 <= margins.left <= 1 and 0.25 <= margins.right <= 1
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    assert sheet.oddFooter.right.text == f"Exported {format_date(EXPORTED_ON)}"


def test_row_heights_are_set_and_follow_the_text(sheet: Any) -> None:
    heights = {r: sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)}
    assert all(h is not None and h > 0 for h in heights.values()), heights
    long_row = row_of(sheet, "Alternative Education Provision", column=2)
    short_row = row_of(sheet, "Surrey Children's Services Academy", column=2)
    assert heights[long_row] > 2 * heights[short_row]
    assert heights[1] > heights[2]  # the larger title font


def test_tracker_sheet_lists_the_committees_recommendations(
    make_programme: MakeProgramme, tmp_path: Path
) -> None:
    prog = make_programme()
    tracker = export(prog, tmp_path)["Recommendations tracker"]
    assert tracker["A1"].value == "Children and Education Select Committee Recommendations Tracker"
    refs = [tracker.cell(row=r, column=1).value for r in range(4, tracker.max_row + 1)]
    assert refs == [r.reference for r in prog.recommendations]
    assert refs == ["6/18", "7/18", "8/18", "9/18", "10/18"]


def make_exempt(db: Database, committee_id: str, title: str) -> None:
    with db.transaction() as s:
        topic = next(t for t in list_topics(s, [committee_id]) if t.title == title)
        update_topic(s, topic.id, exempt_paragraph=3)


@pytest.mark.parametrize("title", ["Alternative Education Provision", "SEND Transformation"])
def test_exempt_topic_only_in_the_full_version(
    db: Database, cesc_id: str, make_programme: MakeProgramme, tmp_path: Path, title: str
) -> None:
    make_exempt(db, cesc_id, title)
    full = export(make_programme(), tmp_path, "full.xlsx")["Programme"]
    row = row_of(full, title, column=2)
    assert full.cell(row=row, column=5).value == (
        "Formal report\nExempt – Schedule 12A paragraph 3"
    )
    assert full["A3"].value == FULL_NOTE

    public = export(make_programme(public=True), tmp_path, "public.xlsx")["Programme"]
    assert public["A3"].value == PUBLIC_NOTE
    texts = [str(v) for values in rows(public) for v in values if v is not None]
    assert not any(title in t for t in texts)
    assert not any("Exempt –" in t for t in texts)
    assert len(rows(public)) == len(rows(full)) - 1


def test_public_export_defends_against_exempt_rows_left_in(
    db: Database, cesc_id: str, make_programme: MakeProgramme, tmp_path: Path
) -> None:
    """Even if a caller hands over exempt rows, the public file leaves them out."""
    make_exempt(db, cesc_id, "Alternative Education Provision")
    with db.transaction() as s:
        from planner.services.groups import list_groups

        group = list_groups(s, [cesc_id])[0]
        update_group(s, group.id, exempt_paragraph=1)
    full = make_programme()
    leaky = Programme(
        committee=full.committee,
        scheduled=full.scheduled,
        task_groups=full.task_groups,
        in_development=full.in_development,
        public=True,
        recommendations=full.recommendations,
    )
    sheet = export(leaky, tmp_path)["Programme"]
    titles = [values[1] for values in rows(sheet)]
    assert "Alternative Education Provision" not in titles
    groups_row = row_of(sheet, "Task Groups")
    assert group.title not in titles[groups_row:]
    assert len(titles) == len(rows(export(full, tmp_path, "f.xlsx")["Programme"])) - 2
    assert "Early Help/Family Resilience Transformation" in titles

    full_sheet = export(full, tmp_path, "full.xlsx")["Programme"]
    row = row_of(full_sheet, group.title, column=2, after=row_of(full_sheet, "Task Groups"))
    assert full_sheet.cell(row=row, column=5).value == "TBC\nExempt – Schedule 12A paragraph 1"


def test_empty_sections_say_so(make_programme: MakeProgramme, tmp_path: Path) -> None:
    prog = make_programme(CFLLC, "2019/20")
    assert not prog.task_groups
    sheet = export(prog, tmp_path)["Programme"]
    groups = row_of(sheet, "Task Groups")
    assert sheet.cell(row=groups + 2, column=2).value == NONE_YET
    assert sheet.cell(row=groups + 2, column=2).alignment.wrap_text


def test_importing_the_package_does_not_import_openpyxl() -> None:
    code = (
        "import sys, planner.export; "
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported at package import'; "
        "from planner.export import export_programme; "
        "assert 'openpyxl' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ampersands_in_names_print_literally(make_programme: MakeProgramme, tmp_path: Path) -> None:
    prog = make_programme()
    renamed = dataclasses.replace(
        prog, committee=dataclasses.replace(prog.committee, name="Health & Care Committee")
    )
    sheet = export(renamed, tmp_path)["Programme"]
    assert sheet["A1"].value.startswith("Health & Care Committee Forward Work Programme")
    # "&" starts a control code in a footer; "&&" prints one.
    assert sheet.oddFooter.left.text.startswith("Health && Care Committee")


def test_wrapped_lines_estimate() -> None:
    from planner.export.row_heights import CHARS_PER_WIDTH
    from planner.export.sheet_style import row_height, wrapped_lines

    per_line = int(20 * CHARS_PER_WIDTH)
    assert wrapped_lines("", 20) == 1
    assert wrapped_lines("Formal report", 20) == 1
    assert wrapped_lines("Formal report\nExempt", 20) == 2
    assert per_line == 22
    assert wrapped_lines("abcdefghij " * 6, 20) == 3  # two ten-letter words a line
    assert wrapped_lines("x" * (per_line * 2 + 1), 20) == 3  # an unbroken word splits
    assert wrapped_lines("x" * per_line, 20) == 1
    assert row_height(["a"], [20]) < row_height(["a " * 200], [20]) <= 409
    assert row_height(["a " * 5000], [20]) == 409  # Excel's limit
