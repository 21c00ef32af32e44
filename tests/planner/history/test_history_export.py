"""A topic's and a committee's history as .xlsx and .csv, read back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from history_scenarios import topic_life
from openpyxl import load_workbook

from planner.db.database import Database
from planner.errors import ExportError
from planner.export.history_file import export_history
from planner.services import history as h
from planner.services.history_rows import history_rows


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_USER", "Jane Clerk")


def test_topic_history_to_xlsx(db: Database, tmp_path: Path) -> None:
    _topic_id, changes = topic_life(db)
    with db.reading() as s:
        rows = history_rows(s, changes)
    out = export_history(
        rows, tmp_path / "history.xlsx", "History of the topic 'Alternative Provision'"
    )
    ws = load_workbook(out).active
    assert ws.title == "History"
    assert ws["A1"].value == "History of the topic 'Alternative Provision'"
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert values[0] == ["When", "Who", "Action", "Field", "Old value", "New value"]
    body = values[1:]
    assert len(body) == len(rows)
    who = "Jane Clerk" if db.sqlite_path else "Jane Clerk (db user fwp_admin)"
    assert body[0][1:] == [who, "Deleted", None, None, None]  # newest first
    assert changes[0].when == body[0][0]
    moved = [r for r in body if r[2] == "Changed" and r[3] == "Meeting"]
    assert moved == [
        [
            changes[1].when,
            who,
            "Changed",
            "Meeting",
            "7 September 2018",
            "16 November 2018",
        ]
    ]
    assert ["Schedule 12A paragraph", None, "3"] in [r[3:] for r in body]
    assert ["Exempt", "No", "Yes"] in [r[3:] for r in body]
    assert ["Title", None, "Alternative Education Provision"] in [r[3:] for r in body]
    assert body[-1][2] == "Created"
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert not list(tmp_path.glob("*.tmp"))  # no temporary file left


def test_committee_history_to_csv_has_a_record_column(db: Database, tmp_path: Path) -> None:
    _topic_id, changes = topic_life(db)
    committee_id = changes[-1].changes["committee_id"][1]
    with db.reading() as s:
        rows = history_rows(s, h.committee_history(s, committee_id))
    out = export_history(rows, tmp_path / "history.csv", "ignored", with_record=True)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by its byte-order mark
    read = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert read[0] == ["When", "Who", "Action", "Record", "Field", "Old value", "New value"]
    assert read[1][2:4] == ["Deleted", "Topic: Alternative Provision"]
    assert ["Created", "Meeting: Meeting of 7 September 2018", "Date", "", "7 September 2018"] in [
        r[2:] for r in read
    ]


def test_other_suffixes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"as \.xlsx or \.csv, not '\.pdf'"):
        export_history([], tmp_path / "history.pdf", "History")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_history_says_so(tmp_path: Path) -> None:
    ws = load_workbook(export_history([], tmp_path / "h.xlsx", "History")).active
    assert ws["A4"].value == "No changes recorded."
