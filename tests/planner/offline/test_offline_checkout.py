"""Checkout: what goes into the copy, what it remembers, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_world import ACADEMY, World, build_source, take_offline
from sample_programme import CESC

from planner.db.database import Database, open_database
from planner.errors import NotFoundError, PlannerError
from planner.offline import checkout
from planner.services.programme import programme


def test_the_copy_holds_the_committee_with_its_ids_versions_and_base(world: World) -> None:
    copied = world.state(world.copy)
    assert copied == world.state(world.source)
    assert world.versions(world.copy) == world.versions(world.source)
    tables = {k[0] for k in copied}
    assert {"council", "committee", "meeting", "topic", "topic_move", "action"} <= tables
    assert ("topic", world.outside) not in copied  # the other committee stayed behind
    base = world.base()
    assert {k: e.values for k, e in base.items()} == copied
    assert {k: e.version for k, e in base.items()} == world.versions(world.source)


def test_the_copy_remembers_where_it_came_from(world: World) -> None:
    import json

    meta = world.meta()
    with world.source.engine.connect() as conn:
        from planner.offline.meta import read_meta

        source_id = read_meta(conn)["database_id"]
    assert meta["offline.source_id"] == source_id
    assert meta["database_id"] != source_id
    assert meta["offline.source_label"] == world.source.label
    assert "s3cret" not in (meta["offline.source_label"] or "")  # never the password
    assert meta["offline.checked_out_by"] and meta["offline.checked_out_at"]
    assert json.loads(meta["offline.committees"] or "") == [
        {"id": world.ids.committee, "name": CESC, "year": "2018/19"}
    ]


def test_the_copy_is_a_normal_planner_database(world: World, tmp_path: Path) -> None:
    from planner.export import export_programme

    with world.copy.reading() as s:
        shown = programme(s, world.ids.committee)
        assert ACADEMY in [t.title for t in shown.scheduled]
        written = export_programme(shown, tmp_path / "programme.xlsx")
    assert Path(written or tmp_path / "programme.xlsx").stat().st_size > 0


def test_every_year_of_a_committee_without_year(db: Database, tmp_path: Path) -> None:
    from planner.services.committees import create_committee

    ids, _ = build_source(db)
    with db.transaction() as s:
        create_committee(s, ids.council, name=CESC, municipal_year="2019/20")
    report = checkout(db, [CESC.upper(), "Adults and Health Select Committee"], tmp_path / "c.db")
    assert report.committees == (
        "Adults and Health Select Committee 2018/19", f"{CESC} 2018/19", f"{CESC} 2019/20",
    )  # fmt: skip


def test_an_existing_file_is_refused_and_left_alone(db: Database, tmp_path: Path) -> None:
    build_source(db)
    out = tmp_path / "copy.db"
    out.write_bytes(b"my own notes")
    with pytest.raises(PlannerError, match="already exists; a checkout never overwrites"):
        checkout(db, [CESC], out)
    assert out.read_bytes() == b"my own notes"
    assert sorted(p.name for p in tmp_path.iterdir() if "copy" in p.name) == ["copy.db"]


def test_an_unknown_committee_is_refused_and_no_file_made(db: Database, tmp_path: Path) -> None:
    build_source(db)
    with pytest.raises(NotFoundError, match="no committee called 'Planning' in 2018/19"):
        checkout(db, ["Planning"], tmp_path / "copy.db", year="2018/19")
    assert not [p for p in tmp_path.iterdir() if "copy" in p.name]


def test_a_copy_can_be_taken_from_postgresql(pg_db: Database, tmp_path: Path) -> None:
    build_source(pg_db)
    copy, path = take_offline(pg_db, tmp_path)
    try:
        with copy.reading() as s:
            from planner.services.topics import list_topics

            assert ACADEMY in [t.title for t in list_topics(s)]
    finally:
        copy.close()
    reopened = open_database(path)  # an ordinary file that opens again
    reopened.close()
