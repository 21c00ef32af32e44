"""``fwp import programme|tracker FILE``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from db_state import digest, url_of
from import_fixtures import (
    CESC,
    cp1252_csv,
    rag_tracker_xlsx,
    seed_programme_xlsx,
    word_paste_xlsx,
)

from planner.db.database import Database
from planner.services.lookup import committee_by_name
from planner.services.topics import list_topics

Fwp = Callable[..., tuple[int, str, str]]


@pytest.fixture
def db_path(empty_db: Database) -> str:
    empty_db.close()
    return url_of(empty_db)


def titles(path: str, year: str = "2018/19") -> set[str]:
    from planner.db.database import open_database

    db = open_database(path)
    with db.reading() as s:
        found = {t.title for t in list_topics(s, [committee_by_name(s, CESC, year).id])}
    db.close()
    return found


def test_dry_run_prints_the_plan_and_saves_nothing(
    fwp: Fwp, db_path: str, tmp_path: Path
) -> None:
    path = word_paste_xlsx(tmp_path / "word.xlsx")
    before = digest(db_path)
    status, out, err = fwp("--db", str(db_path), "import", "programme", str(path),
                           "--committee", CESC, "--year", "2018/19", "--dry-run")
    assert (status, err) == (0, "")
    assert out.startswith("word.xlsx: 9 to create, 0 to update, 0 unchanged, 2 new meeting(s).")
    assert "  topic 'Exclusions Update' (25 January 2019) (Programme, row 9)" in out
    assert "  25 January 2019 (Children and Education Select Committee 2018/19)" in out
    assert "Programme, scheduled (row 6): date=B (Meeting date), title=C (Item)" in out
    assert out.rstrip().endswith("Dry run: nothing was saved.")
    assert digest(db_path) == before


def test_import_then_import_again(fwp: Fwp, db_path: str, tmp_path: Path) -> None:
    path = seed_programme_xlsx(tmp_path / "seed.xlsx")
    args = ("--db", str(db_path), "import", "programme", str(path), "--committee", CESC,
            "--year", "2018/19")
    status, out, _ = fwp(*args)
    assert status == 0
    assert out.rstrip().endswith(
        "Imported: 7 created, 0 updated, 0 unchanged; 1 meeting(s) added; "
        "the committee's chairs filled in."
    )
    assert "SEND Transformation" in titles(db_path)
    before = digest(db_path)
    status, out, _ = fwp(*args)
    assert status == 0
    assert "0 to create, 0 to update, 7 unchanged" in out
    assert "Nothing to change" in out
    assert digest(db_path) == before


def test_unreadable_rows_exit_1_with_the_reasons(
    fwp: Fwp, db_path: str, tmp_path: Path
) -> None:
    path = cp1252_csv(tmp_path / "Programme.csv", [["31/02/19", "Libraries", "", "", "", ""]])
    args = ("--db", str(db_path), "import", "programme", str(path), "--committee", CESC,
            "--year", "2018/19")
    before = digest(db_path)
    status, out, err = fwp(*args)
    assert (status, out) == (1, "")
    assert "  Programme, row 12, column A: '31/02/19' is not a real date." in err
    assert "1 row(s) cannot be read, so nothing was imported" in err
    assert digest(db_path) == before
    status, out, err = fwp(*args, "--skip-bad-rows")
    assert status == 0
    assert "1 row(s) that could not be read left out" in out
    assert "Libraries" not in titles(db_path)
    assert "School Places" in titles(db_path)


def test_map_corrects_a_column(fwp: Fwp, db_path: str, tmp_path: Path) -> None:
    path = cp1252_csv(tmp_path / "win.csv")
    status, out, _ = fwp("--db", str(db_path), "import", "programme", str(path),
                         "--committee", CESC, "--year", "2018/19", "--dry-run",
                         "--map", "officers=none", "--map", "scheduled.outcome=C")
    assert status == 0
    columns = out.split("\n")[2]
    assert columns.startswith("  win, scheduled (row 4): date=A (Date), title=B (Topic), ")
    assert "outcome=C (Description), method=E (Method)" in columns  # and no officers
    status, _, err = fwp("--db", str(db_path), "import", "programme", str(path),
                         "--committee", CESC, "--map", "colour=C")
    assert status == 1
    assert "fwp: 'colour=C' is not FIELD=COLUMN" in err


def test_tracker(fwp: Fwp, db_path: str, tmp_path: Path) -> None:
    path = rag_tracker_xlsx(tmp_path / "tracker.xlsx")
    status, out, err = fwp("--db", str(db_path), "import", "tracker", str(path),
                           "--committee", CESC)
    assert (status, err) == (0, "")
    assert "  recommendation 8/18 (Tracker, row 6)" in out
    assert "20 February 2018 (Children and Education Select Committee 2017/18)" in out
    assert out.rstrip().endswith("Imported: 5 created, 0 updated, 0 unchanged; "
                                 "1 meeting(s) added.")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("p.xlsx", b"", "fwp: p.xlsx is empty.\n"),
        ("p.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
         "fwp: p.xlsx is password-protected or an old Excel 97-2003 (.xls) file."),
        ("p.pdf", b"%PDF-1.4", "fwp: p.pdf is not a spreadsheet the planner can read"),
        ("p.csv", b"Hello\nWorld\n", "fwp: p.csv has no programme table"),
    ],
)
def test_bad_files_on_the_command_line(
    fwp: Fwp, db_path: str, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = digest(db_path)
    status, out, err = fwp("--db", str(db_path), "import", "programme", str(path),
                           "--committee", CESC, "--year", "2018/19")
    assert (status, out) == (1, "")
    assert err.startswith(message)
    assert digest(db_path) == before
