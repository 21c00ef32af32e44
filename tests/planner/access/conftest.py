"""Fixtures: a shared PostgreSQL planner database with roles set up (tests/access_support.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from access_support import Shared, close_shared, open_shared
from pg_server import PgServer

from planner.db.database import Database
from planner.enums import UserRole


@pytest.fixture
def shared(pg_server: PgServer, pg_url: str) -> Iterator[Shared]:
    state = open_shared(pg_server, pg_url)
    yield state
    close_shared(state)


@pytest.fixture
def connect_as(shared: Shared) -> Callable[[UserRole], Database]:
    def connect(role: UserRole) -> Database:
        return shared.connect(shared.login(role))

    return connect
