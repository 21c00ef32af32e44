"""Offline tests run with the source on SQLite and on PostgreSQL (the copy is always SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from offline_world import World, make_world

from planner.db.database import Database, open_database


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def source(request: pytest.FixtureRequest) -> Database:
    """The database a copy is taken from."""
    name = "sqlite_db" if request.param == "sqlite" else "pg_db"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def world(source: Database, tmp_path: Path) -> Iterator[World]:
    w = make_world(source, tmp_path)
    yield w
    w.close()


@pytest.fixture
def sqlite_world(sqlite_db: Database, tmp_path: Path) -> Iterator[World]:
    w = make_world(sqlite_db, tmp_path)
    yield w
    w.close()
