"""Deleting and restoring many topics at once (planner/services/topic_batch.py) ends
where deleting and restoring them one at a time ends: the same rows, versions and
change history, on SQLite and PostgreSQL, in one chunk or in many."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pg_server import PgServer
from sample_programme import Cesc, build_cesc
from sqlalchemy import func, select

from planner.db.base import Base
from planner.db.database import Database, open_database
from planner.db.models import ChangeLog, Topic
from planner.errors import NotFoundError, StaleEditError
from planner.services import topic_batch, topics

STAMPS = {"created_at", "updated_at"}  # the time of the run itself, never the same twice


@pytest.fixture
def twins(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[Database, Database, Cesc, list[str]]]:
    """Two databases holding the same programme (a file copy, or a database template):
    one for the one-at-a-time path, one for the batch. Topics with moves included."""
    if backend == "sqlite":
        first_url, second_url = str(tmp_path / "one.db"), str(tmp_path / "batch.db")
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        names = [server.new_database(request.getfixturevalue("pg_template"))]
        first_url = server.url(names[0])
    first = open_database(first_url)
    cesc = build_cesc(first)
    with first.transaction() as s:
        ids = [
            topics.create_topic(s, cesc.committee, title=f"Topic {n}", meeting_id=cesc.sept,
                                officers="Liz Mills" if n % 2 else None).id
            for n in range(7)
        ]  # fmt: skip
    with first.transaction() as s:
        topics.move_topic(s, ids[1], meeting_id=cesc.nov, reason="Report not ready")
        topics.move_topic(s, ids[4], timing="Spring 2019")
        topics.update_topic(s, ids[5], outcome="Assurance")
    first.close()
    if backend == "sqlite":
        shutil.copy(first_url, second_url)
    else:
        names.append(server.new_database(template=names[0]))
        second_url = server.url(names[1])
    one, batch = open_database(first_url), open_database(second_url)
    yield one, batch, cesc, ids
    one.close()
    batch.close()
    if backend == "postgresql":
        for name in names:
            server.drop_database(name)


def _rows(session: Any, table: str) -> dict[str, dict[str, Any]]:
    t = Base.metadata.tables[table]
    return {
        str(row["id"]): {k: v for k, v in row.items() if k not in STAMPS}
        for row in session.execute(select(t)).mappings()
    }


def _json(value: Any) -> str:
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in STAMPS}
    return json.dumps(value, sort_keys=True, default=str)


def state(db: Database) -> dict[str, Any]:
    """Every topic and move, and every history entry, less what only says when."""
    with db.reading() as s:
        log = sorted(
            (e.action, e.table_name, e.record_id, e.version, e.committee_id, e.summary,
             _json(e.changes), _json(e.snapshot))
            for e in s.scalars(select(ChangeLog))
        )  # fmt: skip
        return {"topic": _rows(s, "topic"), "topic_move": _rows(s, "topic_move"), "log": log}


def one_at_a_time_delete(
    db: Database, expected: dict[str, int | None]
) -> list[tuple[dict[str, Any], list[Any]]]:
    """What a Batch of DeleteRecord commands did: read each topic and its moves, delete."""
    kept = []
    with db.transaction() as s:
        for topic_id, version in expected.items():
            view = topics.get_topic(s, topic_id)
            kept.append((view, topics.topic_moves(s, topic_id)))
            topics.delete_topic(s, topic_id, expected_version=version)
    return kept


def one_at_a_time_restore(db: Database, kept: list[Any]) -> dict[str, int]:
    versions = {}
    with db.transaction() as s:
        for view, moves in kept:
            values = {f: getattr(view, f) for f in topics.TOPIC_FIELDS}
            versions[view.id] = topics.create_topic(
                s, view.committee_id, record_id=view.id, **values
            ).version
            if moves:
                topics.restore_topic_moves(s, view.id, moves)
    return versions


@pytest.mark.parametrize("chunk", [topic_batch.CHUNK, 2], ids=["one chunk", "chunks of 2"])
def test_delete_undo_redo_end_as_one_at_a_time(
    twins: tuple[Database, Database, Cesc, list[str]], chunk: int, monkeypatch: Any
) -> None:
    monkeypatch.setattr(topic_batch, "CHUNK", chunk)
    one, batch, _cesc, ids = twins
    chosen = ids[:6]  # one topic stays
    with batch.reading() as s:
        seen = {v.id: v.version for v in topic_batch.get_topics(s, chosen)}
    assert list(seen) == chosen
    assert state(one) == state(batch)

    kept = one_at_a_time_delete(one, seen)
    with batch.transaction() as s:
        deleted = topic_batch.delete_topics(s, seen)
    assert [d.view for d in deleted] == [view for view, _moves in kept]
    assert [d.moves for d in deleted] == [moves for _view, moves in kept]
    after = state(batch)
    assert after == state(one)
    assert set(after["topic"]) == {ids[6]}
    # One entry per record: each topic's delete and, cascaded, each of its moves'.
    moved = [m.id for _view, moves in kept for m in moves]
    assert len(moved) >= 2
    deletes = [(e[1], e[2]) for e in after["log"] if e[0] == "delete"]
    wanted = [("topic", i) for i in chosen] + [("topic_move", i) for i in moved]
    assert sorted(deletes) == sorted(wanted)

    versions = one_at_a_time_restore(one, kept)
    with batch.transaction() as s:
        restored = topic_batch.restore_topics(s, deleted)
    assert {v.id: v.version for v in restored} == versions
    assert state(batch) == state(one)
    for view, d in zip(restored, deleted, strict=True):  # the same fields, a newer version
        assert view == replace(d.view, version=view.version)
        assert view.version > d.view.version

    one_at_a_time_delete(one, dict(versions))  # the redo, on the versions the undo wrote
    with batch.transaction() as s:
        topic_batch.delete_topics(s, {v.id: v.version for v in restored})
    assert state(batch) == state(one)


def test_a_topic_changed_meanwhile_refuses_the_batch_and_nothing_is_written(
    twins: tuple[Database, Database, Cesc, list[str]],
) -> None:
    _one, batch, _cesc, ids = twins
    with batch.reading() as s:
        seen = {v.id: v.version for v in topic_batch.get_topics(s, ids)}
    theirs = open_database(batch.engine.url.render_as_string(hide_password=False))
    try:
        with theirs.transaction() as s:
            topics.update_topic(s, ids[3], title="Renamed by someone else")
    finally:
        theirs.close()
    before = state(batch)
    with pytest.raises(StaleEditError) as single, batch.transaction() as s:
        topics.delete_topic(s, ids[3], expected_version=seen[ids[3]])
    with pytest.raises(StaleEditError) as caught, batch.transaction() as s:
        topic_batch.delete_topics(s, seen)
    assert str(caught.value) == str(single.value)
    assert "it was not deleted" in str(caught.value)
    assert caught.value.record_id == ids[3]
    assert state(batch) == before


def test_a_topic_deleted_meanwhile_says_who_deleted_it(
    twins: tuple[Database, Database, Cesc, list[str]],
) -> None:
    _one, batch, _cesc, ids = twins
    with batch.reading() as s:
        seen = {v.id: v.version for v in topic_batch.get_topics(s, ids)}
    with batch.transaction() as s:
        topics.delete_topic(s, ids[2])
    before = state(batch)
    gone = r"deleted topic 'Topic 2' at .*; it was not deleted\.$"
    with pytest.raises(StaleEditError, match=gone), batch.transaction() as s:
        topic_batch.delete_topics(s, seen)
    assert state(batch) == before
    missing = f"There is no topic with id {ids[2]}"
    with pytest.raises(NotFoundError, match=missing), batch.reading() as s:
        topic_batch.get_topics(s, ids)


def test_reading_in_chunks_keeps_the_order_asked(
    db: Database, cesc: Cesc, monkeypatch: Any
) -> None:
    monkeypatch.setattr(topic_batch, "CHUNK", 3)
    with db.transaction() as s:
        made = [topics.create_topic(s, cesc.committee, title=f"T{n}").id for n in range(8)]
    wanted = list(reversed(made))
    statements: list[str] = []

    from sqlalchemy import event

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and " IN " in statement.upper():
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        with db.reading() as s:
            views = topic_batch.get_topics(s, wanted)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert [v.id for v in views] == wanted
    assert len(statements) == 3  # 8 ids in chunks of 3
    with db.reading() as s:
        assert views == [topics.get_topic(s, i) for i in wanted]
        assert s.scalar(select(func.count()).select_from(Topic)) == 8
