"""Creating, upgrading and refusing PostgreSQL databases, as test_database.py does for files.

On PostgreSQL there is no backup beside the file: the whole upgrade is one transaction
(DDL included), so a failure leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_server import PgServer
from sqlalchemy import create_engine, inspect, text

from planner.db import schema
from planner.db.database import open_database
from planner.db.models import Base
from planner.db.revision import HEAD_REVISION
from planner.errors import DatabaseError
from planner.services.meetings import get_meeting
from planner.services.topics import get_topic

STAMP = "2018-11-01 09:00:00"


@pytest.fixture
def empty_pg(pg_server: PgServer) -> Iterator[str]:
    """The URL of a database with nothing in it at all (not even the planner schema)."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


def _sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def _state(url: str) -> tuple[dict[str, list[str]], list[tuple[object, ...]]]:
    """Every table with its columns, and the alembic_version rows if any."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            tables = {t: sorted(c["name"] for c in found.get_columns(t))
                      for t in found.get_table_names()}  # fmt: skip
            version = (
                [tuple(r) for r in conn.execute(text("SELECT * FROM alembic_version"))]
                if "alembic_version" in tables
                else []
            )
        return tables, version
    finally:
        engine.dispose()


def test_an_empty_database_is_created_at_the_head_revision(empty_pg: str) -> None:
    db = open_database(empty_pg)
    db.close()
    tables, version = _state(empty_pg)
    assert version == [(HEAD_REVISION,)]
    assert {t.name for t in Base.metadata.sorted_tables} <= tables.keys()
    assert db.backup_path is None and db.sqlite_path is None


def test_a_database_at_the_first_revision_is_upgraded_with_its_data(empty_pg: str) -> None:
    engine = create_engine(empty_pg)
    schema.upgrade(engine, "0001_initial")
    engine.dispose()
    rec = f"'{STAMP}', '{STAMP}', 1"
    _sql(
        empty_pg,
        "INSERT INTO council (id, name, nation, settings, created_at, updated_at, version) "
        f"VALUES ('c1', 'Surrey County Council', 'england', '{{}}', {rec})",
        "INSERT INTO committee (id, council_id, name, municipal_year, terms_of_reference, "
        "created_at, updated_at, version) VALUES ('k1', 'c1', "
        f"'Children and Education Select Committee', '2018/19', '[]', {rec})",
        "INSERT INTO meeting (id, committee_id, date, status, created_at, updated_at, version) "
        f"VALUES ('m1', 'k1', '2018-11-16', 'scheduled', {rec})",
        "INSERT INTO topic (id, committee_id, meeting_id, title, status, deferral_count, "
        "exempt, position, created_at, updated_at, version) VALUES ('t1', 'k1', 'm1', "
        f"'Alternative Education Provision', 'scheduled', 0, false, 0, {rec})",
    )
    db = open_database(empty_pg)
    try:
        assert db.backup_path is None
        with db.reading() as s:
            topic = get_topic(s, "t1")
            assert topic.title == "Alternative Education Provision"
            assert topic.substantive is True  # 0002's default for existing rows
            assert get_meeting(s, "m1").capacity is None
            database_id = s.execute(
                text("SELECT value FROM planner_meta WHERE key = 'database_id'")
            ).scalar()
            assert database_id and len(database_id) == 36
    finally:
        db.close()
    assert _state(empty_pg)[1] == [(HEAD_REVISION,)]


def test_a_failed_upgrade_leaves_the_database_as_it_was(
    empty_pg: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Transactional DDL: half of 0002 ran, then it failed; none of it stays."""
    engine = create_engine(empty_pg)
    schema.upgrade(engine, "0001_initial")
    engine.dispose()
    before = _state(empty_pg)
    from alembic.ddl.impl import DefaultImpl

    real_add_column = DefaultImpl.add_column
    calls: list[str] = []

    def add_then_fail(self, table_name, column, *args, **kw):  # type: ignore[no-untyped-def]
        calls.append(table_name)
        if len(calls) == 2:
            raise RuntimeError("the disc is full")
        return real_add_column(self, table_name, column, *args, **kw)

    monkeypatch.setattr(DefaultImpl, "add_column", add_then_fail)
    with pytest.raises(DatabaseError, match="from schema 0001_initial failed") as caught:
        open_database(empty_pg)
    assert "left as it was" in str(caught.value)
    assert "s3cret" not in str(caught.value)
    assert calls == ["meeting", "topic"]
    assert _state(empty_pg) == before


def test_a_database_from_a_newer_version_is_refused_and_untouched(pg_url: str) -> None:
    _sql(pg_url, "UPDATE alembic_version SET version_num = '0099_future'")
    before = _state(pg_url)
    with pytest.raises(DatabaseError, match="newer version") as caught:
        open_database(pg_url)
    assert "0099_future" in str(caught.value)
    assert "s3cret" not in str(caught.value)
    assert _state(pg_url) == before


def test_a_database_holding_other_tables_is_refused_and_untouched(empty_pg: str) -> None:
    _sql(
        empty_pg,
        "CREATE TABLE customers (id serial PRIMARY KEY, name text)",
        "INSERT INTO customers (name) VALUES ('A. Customer')",
    )
    before = _state(empty_pg)
    with pytest.raises(DatabaseError, match="not a planner database") as caught:
        open_database(empty_pg)
    assert "customers" in str(caught.value)
    assert _state(empty_pg) == before


def test_two_planners_opening_one_new_database_at_once_both_succeed(empty_pg: str) -> None:
    """The schema is created once: the second waits for the first, then finds it done."""
    import threading

    start = threading.Barrier(2)
    outcomes: list[object] = []

    def open_it() -> None:
        start.wait()
        try:
            open_database(empty_pg).close()
            outcomes.append("opened")
        except Exception as exc:  # reported below, with what it was
            outcomes.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == ["opened", "opened"]
    assert _state(empty_pg)[1] == [(HEAD_REVISION,)]
