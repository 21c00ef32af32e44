"""The same schema and services on the real PostgreSQL server that make test starts."""

from __future__ import annotations

from sqlalchemy import text

from planner.db.database import Database, open_database
from planner.db.revision import HEAD_REVISION
from planner.demo import load_demo
from planner.services.topics import list_topics


def test_migrated_to_head_with_an_identity(pg_db: Database) -> None:
    with pg_db.reading() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            HEAD_REVISION
        )
        database_id = session.execute(
            text("SELECT value FROM planner_meta WHERE key = 'database_id'")
        ).scalar()
    assert database_id and len(database_id) == 36


def test_demo_loads_and_lists(pg_db: Database, pg_url: str) -> None:
    with pg_db.transaction() as session:
        load_demo(session)
    other = open_database(pg_url)  # a second connection sees the committed programme
    try:
        with other.reading() as session:
            titles = {t.title for t in list_topics(session)}
    finally:
        other.close()
    assert "Children First Improvement – Service Update" in titles
    assert "Children and Adolescent Mental Health Services (CAMHS) Update" in titles


def test_label_hides_the_password(pg_db: Database, pg_url: str) -> None:
    assert "s3cret" in pg_url
    assert "s3cret" not in pg_db.label
