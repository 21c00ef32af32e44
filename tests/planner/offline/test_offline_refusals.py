"""Syncs refused before anything is written: wrong source, not a copy, newer schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_world import World
from sqlalchemy import text

from planner.db.database import Database, open_database
from planner.errors import DatabaseError
from planner.offline import sync
from planner.services.topics import update_topic


def changed_copy(w: World) -> None:
    with w.copy.transaction() as s:
        update_topic(s, w.academy, method="Witness session")


def snapshot(w: World, other: Database | None = None) -> tuple[object, ...]:
    return (w.state(w.source), w.state(w.copy), w.base(), w.meta(),
            w.state(other) if other else None)  # fmt: skip


def test_a_database_the_copy_did_not_come_from_is_refused(
    world: World, tmp_path: Path
) -> None:
    changed_copy(world)
    stranger = open_database(tmp_path / "stranger.db")
    try:
        before = snapshot(world, stranger)
        with pytest.raises(DatabaseError, match="was taken offline from another database"):
            sync(stranger, world.copy)
        assert snapshot(world, stranger) == before
    finally:
        stranger.close()


def test_a_file_that_is_not_an_offline_copy_is_refused(sqlite_world: World) -> None:
    w = sqlite_world
    before = w.state(w.source)
    with pytest.raises(DatabaseError, match="is not an offline copy"):
        sync(w.source, w.source)
    assert w.state(w.source) == before


def test_syncing_a_copy_with_itself_is_refused(sqlite_world: World) -> None:
    with pytest.raises(DatabaseError, match="is the offline copy itself"):
        sync(sqlite_world.copy, sqlite_world.copy)


def test_a_copy_with_a_newer_schema_is_refused_and_untouched(sqlite_world: World) -> None:
    w = sqlite_world
    changed_copy(w)
    with w.copy.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    w.copy.close()
    before = w.copy_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version of the planner"):
        open_database(w.copy_path)
    assert w.copy_path.read_bytes() == before
    w.copy = open_database(w.source.sqlite_path)  # for the fixture's close()
