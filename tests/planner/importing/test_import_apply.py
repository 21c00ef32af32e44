"""Preview first, nothing written; then one all-or-nothing transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from db_state import digest, url_of
from import_fixtures import cp1252_csv, seed_programme_xlsx, word_paste_xlsx

from planner.db.database import Database, open_database
from planner.errors import PlannerError, ValidationError
from planner.importing import apply_plan, plan_programme_import, plan_tracker_import
from planner.services import groups
from planner.services.topics import list_topics, update_topic

Snapshot = Callable[[Database], Callable[[], None]]


def test_planning_leaves_the_database_file_byte_identical(
    demo_db: Database, demo_cesc: str, tmp_path: Path, unchanged: Snapshot
) -> None:
    files = [
        seed_programme_xlsx(tmp_path / "seed.xlsx"),
        word_paste_xlsx(tmp_path / "word.xlsx"),
        cp1252_csv(tmp_path / "win.csv"),
    ]
    check = unchanged(demo_db)
    db = open_database(url_of(demo_db))
    with db.reading() as s:
        plans = [plan_programme_import(s, f, demo_cesc) for f in files]
        plans.append(plan_tracker_import(s, files[0], demo_cesc, header_row=8,
                                         mapping={"text": 1}))
    db.close()
    assert all(p.changes_anything for p in plans[1:3])
    check()


def test_a_plan_with_problems_is_refused_and_nothing_is_written(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = cp1252_csv(tmp_path / "Programme.csv", [["31/02/19", "Libraries", "", "", "", ""]])
    before = digest(empty_db)
    with pytest.raises(PlannerError, match="1 row"), empty_db.transaction() as s:
        apply_plan(s, plan_programme_import(s, path, empty_cesc))
    assert digest(empty_db) == before


def test_skip_bad_rows_imports_the_rest(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = cp1252_csv(tmp_path / "Programme.csv", [["31/02/19", "Libraries", "", "", "", ""]])
    with empty_db.transaction() as s:
        report = apply_plan(s, plan_programme_import(s, path, empty_cesc), skip_bad_rows=True)
    assert (report.created, report.rows_left_out) == (5, 1)
    with empty_db.reading() as s:
        assert "Libraries" not in {t.title for t in list_topics(s, [empty_cesc])}


def test_a_failure_part_way_leaves_everything_as_it_was(
    empty_db: Database, empty_cesc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The topics and meetings created before the failing row are rolled back too."""
    path = seed_programme_xlsx(tmp_path / "seed.xlsx")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ValidationError("title", "Refused for the test.")

    monkeypatch.setattr(groups, "create_group", refuse)
    before = digest(empty_db)
    with pytest.raises(PlannerError) as caught, empty_db.transaction() as s:
        apply_plan(s, plan_programme_import(s, path, empty_cesc))
    assert str(caught.value) == (
        "Programme, row 16: Refused for the test. Nothing was imported."
    )
    assert digest(empty_db) == before


def test_a_record_changed_after_the_preview_stops_the_import(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    import openpyxl

    path = seed_programme_xlsx(tmp_path / "seed.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["E9"] = "Witness session"  # Alternative Education Provision's method
    book.save(path)
    with demo_db.reading() as s:
        plan = plan_programme_import(s, path, demo_cesc)
    (row,) = plan.to_update
    with demo_db.transaction() as s:
        assert row.target_id is not None
        update_topic(s, row.target_id, notes="Edited by someone else meanwhile.")
    with pytest.raises(PlannerError, match="changed after the preview"), demo_db.transaction() as s:
        apply_plan(s, plan)


def test_the_user_can_correct_the_column_mapping(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = cp1252_csv(tmp_path / "win.csv")
    with empty_db.reading() as s:
        plan = plan_programme_import(
            s, path, empty_cesc, {"officers": None, "outcome": 2, "description": None}
        )
    scheduled = plan.mappings[0]
    assert scheduled.column("officers") is None and scheduled.column("outcome") == 2
    assert set(scheduled.overridden) == {"officers", "outcome", "description"}
    first = plan.to_create[0].values
    assert "officers" not in first
    assert first["outcome"] == "Consider the proposals, including the cafés run by the centres."


def test_a_header_the_importer_does_not_know_can_be_named(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("When?,Wotsit,Blurb\n16/11/18,Libraries,Review of libraries\n",
                    encoding="utf-8")
    with empty_db.reading() as s:
        with pytest.raises(PlannerError, match="no programme table"):
            plan_programme_import(s, path, empty_cesc)
        plan = plan_programme_import(
            s, path, empty_cesc, {"date": 0, "title": 1, "description": 2}, header_row=1
        )
    (row,) = plan.to_create
    assert row.values["title"] == "Libraries"
    assert row.values["description"] == "Review of libraries"
