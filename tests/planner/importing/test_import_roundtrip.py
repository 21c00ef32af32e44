"""Exported by the planner, imported again: the same programme, and a second import
changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from db_state import digest
from import_fixtures import CESC

from planner.db.database import Database
from planner.export import export_programme, export_tracker
from planner.importing import apply_plan, plan_programme_import, plan_tracker_import
from planner.services.lookup import committee_by_name
from planner.services.programme import programme
from planner.services.recommendations import list_recommendations, update_recommendation
from planner.services.topics import list_topics, update_topic
from planner.services.views import Programme

TODAY = dt.date(2018, 11, 1)


def rows_of(prog: Programme) -> dict[str, Any]:
    """What the printed programme says, to compare two programmes."""
    topic = ("title", "when", "description", "outcome", "method", "officers", "exempt",
             "exempt_paragraph")
    group = ("title", "description", "outcome", "members", "projected_finish", "exempt",
             "exempt_paragraph")
    return {
        "title": prog.title,
        "chairs": prog.chairs_line,
        "scheduled": [tuple(getattr(t, f) for f in topic) for t in prog.scheduled],
        "in_development": [tuple(getattr(t, f) for f in topic) for t in prog.in_development],
        "task_groups": [tuple(getattr(g, f) for f in group) for g in prog.task_groups],
    }


def exported_demo(db: Database, committee_id: str, tmp_path: Path) -> tuple[Path, Programme]:
    """The demo's 2018/19 programme, with an exempt topic, exported in full."""
    with db.transaction() as s:
        send = next(t for t in list_topics(s, [committee_id]) if t.title == "SEND Transformation")
        update_topic(s, send.id, exempt_paragraph=3)
        prog = programme(s, committee_id, today=TODAY)
    return export_programme(prog, tmp_path / "programme.xlsx", today=TODAY), prog


def test_export_then_import_into_an_empty_database_gives_the_same_programme(
    demo_db: Database, demo_cesc: str, empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path, original = exported_demo(demo_db, demo_cesc, tmp_path)
    with empty_db.transaction() as s:
        plan = plan_programme_import(s, path, empty_cesc)
        assert not plan.problems and not plan.warnings
        report = apply_plan(s, plan)
    assert (report.created, report.updated, report.meetings_created) == (11, 0, 2)
    with empty_db.reading() as s:
        imported = programme(s, empty_cesc, today=TODAY)
    assert rows_of(imported) == rows_of(original)
    assert any(t.exempt_paragraph == 3 for t in imported.in_development)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    demo_db: Database, demo_cesc: str, empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path, _ = exported_demo(demo_db, demo_cesc, tmp_path)
    with empty_db.transaction() as s:
        apply_plan(s, plan_programme_import(s, path, empty_cesc))
    before = digest(empty_db)
    with empty_db.transaction() as s:
        plan = plan_programme_import(s, path, empty_cesc)
        assert not plan.changes_anything
        assert len(plan.unchanged) == 11
        report = apply_plan(s, plan)
    assert (report.created, report.updated) == (0, 0)
    assert digest(empty_db) == before


def test_the_export_imported_over_its_own_source_is_all_unchanged(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    path, _ = exported_demo(demo_db, demo_cesc, tmp_path)
    with demo_db.reading() as s:
        plan = plan_programme_import(s, path, demo_cesc)
    assert not plan.changes_anything and not plan.problems
    assert len(plan.unchanged) == 11


def test_a_public_export_never_makes_an_exempt_topic_public(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    exported_demo(demo_db, demo_cesc, tmp_path)
    with demo_db.reading() as s:
        public = programme(s, demo_cesc, public=True, today=TODAY)
    path = export_programme(public, tmp_path / "public.xlsx", today=TODAY)
    with demo_db.reading() as s:
        plan = plan_programme_import(s, path, demo_cesc)
    assert not plan.changes_anything  # the exempt row is simply not in the file


def test_an_edited_export_updates_only_what_was_edited(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    import openpyxl

    path, _ = exported_demo(demo_db, demo_cesc, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Programme"]
    row = next(r for r in ws.iter_rows() if r[1].value == "Alternative Education Provision")
    row[4].value = "Witness session"
    row[5].value = None  # a blank cell erases nothing
    book.save(path)
    with demo_db.transaction() as s:
        plan = plan_programme_import(s, path, demo_cesc)
        (update,) = plan.to_update
        assert dict(update.changes) == {"method": ("Formal report", "Witness session")}
        apply_plan(s, plan)
    with demo_db.reading() as s:
        topic = next(t for t in list_topics(s, [demo_cesc])
                     if t.title == "Alternative Education Provision")
    assert (topic.method, topic.officers) == (
        "Witness session", "Vulnerable Learners Strategic Lead"
    )


def _rated(db: Database) -> str:
    with db.transaction() as s:
        old_year = committee_by_name(s, CESC, "2017/18").id
        recs = list_recommendations(s, [old_year], TODAY)
        update_recommendation(s, recs[0].id, TODAY, status="on track", agreed="yes",
                              response="Agreed; a report follows.")
        update_recommendation(s, recs[1].id, TODAY, status="slipped", slipped_to="2019-03-03",
                              slipped_reason="staff changes")
        update_recommendation(s, recs[2].id, TODAY, status="not achieved")
        return old_year


def test_tracker_export_round_trip(demo_db: Database, empty_db: Database, tmp_path: Path) -> None:
    old_year = _rated(demo_db)
    fields = ("reference", "meeting_date", "text", "addressed_to", "response_due", "response",
              "agreed", "status", "slipped_to", "slipped_reason", "next_review")
    with demo_db.reading() as s:
        recs = list_recommendations(s, [old_year], TODAY)
        # Over its own source: nothing to do.
        path = export_tracker(recs, tmp_path / "tracker.xlsx", "Tracker", today=TODAY)
        plan = plan_tracker_import(s, path, old_year)
        assert not plan.changes_anything and not plan.problems
    with empty_db.transaction() as s:
        latest = committee_by_name(s, CESC).id
        apply_plan(s, plan_tracker_import(s, path, latest))
    with empty_db.reading() as s:
        target = committee_by_name(s, CESC, "2017/18").id
        again = list_recommendations(s, [target], TODAY)
        assert not plan_tracker_import(s, path, latest).changes_anything
    assert [tuple(getattr(r, f) for f in fields) for r in again] == [
        tuple(getattr(r, f) for f in fields) for r in recs
    ]


def test_the_programme_workbooks_tracker_sheet_imports_as_a_tracker(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    """The programme export carries the tracker as its second sheet."""
    _rated(demo_db)
    path, _ = exported_demo(demo_db, demo_cesc, tmp_path)
    with demo_db.reading() as s:
        plan = plan_tracker_import(s, path, demo_cesc)
    assert [m.sheet for m in plan.mappings] == ["Recommendations tracker"]
    assert len(plan.unchanged) == 5 and not plan.changes_anything and not plan.problems
