"""Fixtures every test shares: a private data folder and a fresh planner database.

Qt fixtures live in tests/ui/conftest.py; nothing here imports Qt.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_server import PgServer
from sqlalchemy.orm import Session

from planner.db.database import Database, open_database


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may read or write the user's real data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FWP_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The run's PostgreSQL server (started on first use, stopped at the end)."""
    server = PgServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to head once; each test copies it (CREATE DATABASE … TEMPLATE)."""
    name = pg_server.new_database()
    open_database(pg_server.url(name)).close()
    return name


def copy_pg(server: PgServer, template: str) -> str:
    """A copy of ``template`` with an identity of its own (as a new database would have),
    so that two copies in one test are two databases, not one."""
    name = server.new_database(template=template)
    server.admin_sql(
        "UPDATE planner_meta SET value = gen_random_uuid()::text WHERE key = 'database_id'",
        database=name,
    )
    return name


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """The URL of a new, empty planner database on the test server, for this test only."""
    name = copy_pg(pg_server, pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The kind of database the test runs on: every service, migration and CLI test
    runs once on each (UI tests override this with SQLite only)."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest) -> str:
    """Where ``db`` lives: open it again with ``open_database(db_url)`` for a second
    connection (another user's process)."""
    return str(request.getfixturevalue("pg_url" if backend == "postgresql" else "sqlite_url"))


@pytest.fixture
def new_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes further empty planner databases on the test's backend (for tests that need
    two at once); each is removed at the end of the test."""
    made: list[str] = []

    def make() -> str:
        if backend == "sqlite":
            url = str(tmp_path / f"extra-{len(made)}.db")
        else:
            server: PgServer = request.getfixturevalue("pg_server")
            template: str = request.getfixturevalue("pg_template")
            name = copy_pg(server, template)
            request.addfinalizer(lambda: server.drop_database(name))
            url = server.url(name)
        made.append(url)
        return url

    return make


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A new, empty planner database for this test only."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """A new, empty planner database on the test PostgreSQL server."""
    database = open_database(pg_url)
    yield database
    database.close()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """One transaction for the whole test, committed at the end.

    For tests that build and read in one go. Tests that need a failed action to
    roll back use ``db.transaction()`` themselves instead (never both at once:
    SQLite allows one writer).
    """
    with db.transaction() as s:
        yield s


def _load_demo(url: str) -> None:
    from planner.demo import load_demo

    database = open_database(url)
    with database.transaction() as s:
        load_demo(s)
    database.close()


@pytest.fixture(scope="session")
def sqlite_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo programme loaded once into a file; ``demo_url`` copies it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    _load_demo(str(path))
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg_server: PgServer, pg_template: str) -> str:
    """The demo programme loaded once into a database used as a template."""
    name = copy_pg(pg_server, pg_template)
    _load_demo(pg_server.url(name))
    return name


@pytest.fixture
def demo_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh copy of the demo programme on the test's backend, for this test only."""
    if backend == "sqlite":
        target = tmp_path / "demo.db"
        shutil.copy(request.getfixturevalue("sqlite_demo_template"), target)
        return str(target)
    server: PgServer = request.getfixturevalue("pg_server")
    name = copy_pg(server, request.getfixturevalue("pg_demo_template"))
    request.addfinalizer(lambda: server.drop_database(name))
    return server.url(name)
