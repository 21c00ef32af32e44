"""Two connections to one database, on SQLite and on the test PostgreSQL server.

These tests are about two processes, so each runs on both backends explicitly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sample_programme import Cesc, build_cesc

from planner.db.database import Database, open_database


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture
def mine(shared_url: str) -> Iterator[Database]:
    """The user's own connection."""
    database = open_database(shared_url)
    yield database
    database.close()


@pytest.fixture
def theirs(shared_url: str, mine: Database) -> Iterator[Database]:
    """Another user's process on the same database."""
    database = open_database(shared_url)
    yield database
    database.close()


@pytest.fixture
def programme(mine: Database) -> Cesc:
    return build_cesc(mine)
