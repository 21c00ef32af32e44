"""Random cell contents never crash the reader, and nothing is written unless the plan
is applied; an applied plan, planned again, has nothing left to do."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_fixtures import AMBER, CESC, GREEN, RED, csv_bytes, file_state, write_xlsx
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from planner.db.database import open_database
from planner.demo import load_demo
from planner.importing import (
    ImportFileError,
    ImportPlan,
    apply_plan,
    plan_programme_import,
    plan_tracker_import,
)
from planner.services.lookup import committee_by_name

WORDS = [
    # headers and sections
    "Date of Meeting", "Scrutiny Topic", "Topic", "Description", "Outcome", "Method",
    "Officer(s) responsible", "Membership", "Projected finish date", "Ref", "Meeting",
    "Recommendation", "Response", "Status (RAG)", "Next review", "Agreed", "Task Groups",
    "In Development", "Items to be scheduled", "None at present.",
    # values, good and bad
    "16 November 2018", "7 September 2018", "20/02/18", "31/02/19", "Early 2019", "TBC",
    "Spring", "Formal report", "Formal report\nExempt – Schedule 12A paragraph 3", "Exempt",
    "Part 2 paragraph 9", "Slipped to 3 March 2019: staff changes", "Slipped", "On track",
    "Green", "Achieved", "Sideways", "Agreed: Yes", "Yes", "Perhaps", "6/18", "7/18", "1/99",
    "Alternative Education Provision", "SEND Transformation", "Mr A Smith; Mrs B Jones",
    "Out of County Placements Task and Finish Group", "x" * 400,
]
PROGRAMME_HEADER = ["Date of Meeting", "Scrutiny Topic", "Description", "Outcome", "Method",
                    "Officer(s) responsible"]
TRACKER_HEADER = ["Ref", "Meeting", "Recommendation", "Addressed to", "Response due",
                  "Response", "Status (RAG)", "Next review"]
FILLS = [GREEN, AMBER, RED, "00B050", "FFFFFF", "D9E1F2"]

text_cells = st.one_of(st.none(), st.sampled_from(WORDS), st.text(max_size=40))
xlsx_cells = st.one_of(
    text_cells.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t) if isinstance(t, str) else t),
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
    st.integers(-5, 80_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
)
CONFIG = settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once; each example works on a fresh copy."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    db = open_database(path)
    with db.transaction() as s:
        load_demo(s)
    db.close()
    return path


class _Copy:
    def __init__(self, template: Path) -> None:
        self.folder = template.parent / "work"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        self.db_path = self.folder / "work.db"
        shutil.copy(template, self.db_path)
        self.file = self.folder / "file"


def _plans(copy: _Copy, path: Path, kind: str) -> Iterator[ImportPlan]:
    db = open_database(copy.db_path)
    try:
        with db.reading() as s:
            committee = committee_by_name(s, CESC, "2018/19").id
            make = plan_programme_import if kind == "programme" else plan_tracker_import
            # One clear sentence is a fine answer for a random file.
            with contextlib.suppress(ImportFileError):
                yield make(s, path, committee)
    finally:
        db.close()


@CONFIG
@given(rows=st.lists(st.lists(text_cells, max_size=8), max_size=25),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       kind=st.sampled_from(["programme", "tracker"]))
def test_random_csv_never_crashes_and_planning_writes_nothing(
    template: Path, rows: list[list[str | None]], encoding: str, kind: str
) -> None:
    copy = _Copy(template)
    path = copy.file.with_suffix(".csv")
    text = csv_bytes(rows).decode("utf-8")
    path.write_bytes(text.encode(encoding, errors="replace"))
    before = file_state(copy.db_path)
    for plan in _plans(copy, path, kind):
        assert all(p.message for p in plan.problems)
    assert file_state(copy.db_path) == before


def _apply_and_replan(copy: _Copy, path: Path, kind: str) -> None:
    """Apply whatever could be read; a second plan must find nothing left to do."""
    db = open_database(copy.db_path)
    try:
        with db.transaction() as s:
            committee = committee_by_name(s, CESC, "2018/19").id
            make = plan_programme_import if kind == "programme" else plan_tracker_import
            apply_plan(s, make(s, path, committee), skip_bad_rows=True)
        with db.reading() as s:
            again = make(s, path, committee)
        assert not again.changes_anything, [(r.row, r.action, r.changes) for r in again.rows]
    finally:
        db.close()


def _grid(draw: Any, header: list[str]) -> tuple[list[list[Any]], dict[str, str]]:
    rows = draw(st.lists(st.lists(xlsx_cells, max_size=8), max_size=20))
    at = draw(st.integers(0, len(rows)))
    rows.insert(at, header)
    fills = draw(st.dictionaries(
        st.builds(lambda c, r: f"{c}{r}", st.sampled_from("ABCDEFGH"),
                  st.integers(1, len(rows) + 1)),
        st.sampled_from(FILLS), max_size=6,
    ))
    return rows, fills


@st.composite
def programme_grids(draw: Any) -> tuple[list[list[Any]], dict[str, str]]:
    return _grid(draw, PROGRAMME_HEADER)


@st.composite
def tracker_grids(draw: Any) -> tuple[list[list[Any]], dict[str, str]]:
    return _grid(draw, TRACKER_HEADER)


@CONFIG
@given(grid=programme_grids())
def test_random_programme_workbook(template: Path, grid: tuple[list[list[Any]],
                                                                dict[str, str]]) -> None:
    _workbook_case(template, grid, "programme")


@CONFIG
@given(grid=tracker_grids())
def test_random_tracker_workbook(template: Path, grid: tuple[list[list[Any]],
                                                              dict[str, str]]) -> None:
    _workbook_case(template, grid, "tracker")


def _workbook_case(template: Path, grid: tuple[list[list[Any]], dict[str, str]],
                   kind: str) -> None:
    rows, fills = grid
    copy = _Copy(template)
    path = write_xlsx(copy.file.with_suffix(".xlsx"), rows, fills=fills)
    before = file_state(copy.db_path)
    plans = list(_plans(copy, path, kind))
    assert file_state(copy.db_path) == before  # planning wrote nothing
    assert len(plans) == 1  # the header row is always found
    _apply_and_replan(copy, path, kind)
