"""Opening database files: create, upgrade with a backup, or refuse and leave them alone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from planner.db import schema
from planner.db.database import Database, open_database
from planner.db.models import Base
from planner.db.revision import HEAD_REVISION
from planner.errors import DatabaseError
from planner.services.committees import create_council, list_councils
from planner.services.meetings import get_meeting
from planner.services.topics import get_topic

REPO = Path(__file__).resolve().parents[2]
STAMP = "2018-11-01 09:00:00.000000"


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _columns(path: Path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_new_file_is_created_at_the_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = open_database(path)
    db.close()
    assert _revision(path) == HEAD_REVISION
    assert {t.name for t in Base.metadata.sorted_tables} <= _tables(path)
    assert db.backup_path is None
    assert db.sqlite_path == path.resolve()
    assert not list(tmp_path.glob("*.backup-*"))


def test_head_revision_is_the_newest_migration_script() -> None:
    known = schema.known_revisions()
    assert known[0] == "0001_initial"
    assert known[-1] == HEAD_REVISION


def test_the_migrated_schema_matches_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_opening_a_current_file_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "current.db"
    create = f"from planner.db.database import open_database; open_database({str(path)!r})"
    subprocess.run([sys.executable, "-c", create], cwd=REPO, check=True, timeout=120)
    check = (
        "import sys; from planner.db.database import open_database; "
        f"db = open_database({str(path)!r}); "
        "print('alembic' in sys.modules, any(m.startswith('alembic') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["False", "False"]


def _old_database(path: Path) -> None:
    """A file at the first revision holding a committee, a meeting and a topic."""
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0001_initial")
    engine.dispose()
    rec = f"'{STAMP}', '{STAMP}', 1"
    conn = sqlite3.connect(path)
    conn.executescript(
        f"""
        INSERT INTO council (id, name, nation, settings, created_at, updated_at, version)
            VALUES ('c1', 'Surrey County Council', 'england', '{{}}', {rec});
        INSERT INTO committee (id, council_id, name, municipal_year, terms_of_reference,
                               created_at, updated_at, version)
            VALUES ('k1', 'c1', 'Children and Education Select Committee', '2018/19', '[]', {rec});
        INSERT INTO meeting (id, committee_id, date, status, created_at, updated_at, version)
            VALUES ('m1', 'k1', '2018-11-16', 'scheduled', {rec});
        INSERT INTO topic (id, committee_id, meeting_id, title, status, deferral_count, exempt,
                           position, created_at, updated_at, version)
            VALUES ('t1', 'k1', 'm1', 'Alternative Education Provision', 'scheduled', 0, 0, 0,
                    {rec});
        """
    )
    conn.commit()
    conn.close()


def test_upgrade_from_the_first_revision_keeps_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_database(path)
    assert _revision(path) == "0001_initial"
    assert "capacity" not in _columns(path, "meeting")
    db = open_database(path)
    with db.reading() as s:
        topic = get_topic(s, "t1")
        meeting = get_meeting(s, "m1")
    db.close()
    assert _revision(path) == HEAD_REVISION
    assert (topic.title, topic.meeting_id, topic.substantive) == (
        "Alternative Education Provision",
        "m1",
        True,  # the new column's default
    )
    assert (meeting.capacity, meeting.topic_count) == (None, 1)
    (backup,) = tmp_path.glob("old.db.backup-0001_initial-*")
    assert db.backup_path == str(backup)
    assert _revision(backup) == "0001_initial"
    assert "capacity" not in _columns(backup, "meeting")
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT title FROM topic").fetchall() == [
        ("Alternative Education Provision",)
    ]
    conn.close()
    again = open_database(path)
    again.close()
    assert again.backup_path is None
    assert len(list(tmp_path.glob("old.db.backup-*"))) == 1


def test_a_failed_upgrade_restores_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    _old_database(path)

    def broken_upgrade(engine, target="head"):  # type: ignore[no-untyped-def]
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM topic")
        raise RuntimeError("disk full")

    monkeypatch.setattr(schema, "upgrade", broken_upgrade)
    with pytest.raises(DatabaseError, match="from schema 0001_initial failed") as e:
        open_database(path)
    assert "left as it was" in str(e.value)
    assert _revision(path) == "0001_initial"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT id FROM topic").fetchall() == [("t1",)]
    conn.close()


def test_a_file_from_a_newer_version_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.commit()
    conn.close()
    before = _snapshot(tmp_path)
    with pytest.raises(DatabaseError, match="newer") as e:
        open_database(path)
    assert "0099_future" in str(e.value)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "content",
    [b"Minutes of the meeting held on 16 November 2018\n", bytes(range(256)) * 8],
    ids=["text", "random bytes"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a planner database"):
        open_database(path)
    assert _snapshot(tmp_path) == {"x.db": content}


def _foreign(path: Path, journal_mode: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('A. Customer')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_someone_elses_sqlite_file_is_refused_and_unchanged(
    tmp_path: Path, journal_mode: str
) -> None:
    path = tmp_path / "shop.db"
    _foreign(path, journal_mode)
    before = _snapshot(tmp_path)
    with pytest.raises(DatabaseError, match="not a planner database") as e:
        open_database(path)
    assert "customers" in str(e.value)
    assert _snapshot(tmp_path) == before


def test_a_file_stamped_old_without_planner_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO alembic_version VALUES ('0001_initial')")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="planner tables are missing"):
        open_database(path)
    assert not list(tmp_path.glob("*.backup-*"))


def test_bad_places_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "no such folder" / "x.db")
    assert not (tmp_path / "no such folder").exists()
    (tmp_path / "folder.db").mkdir()
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path / "folder.db")
    (tmp_path / "notes.txt").write_text("not a folder")
    with pytest.raises(DatabaseError, match=r"notes\.txt is a file, not a folder"):
        open_database(tmp_path / "notes.txt" / "x.db")
    with pytest.raises(DatabaseError, match="Cannot use"):
        open_database("nosuchdialect://host/programme")
    assert (tmp_path / "notes.txt").read_text() == "not a folder"


def test_the_default_file_is_made_in_the_data_folder(_private_data_dir: Path) -> None:
    assert not _private_data_dir.exists()
    db = open_database()
    db.close()
    assert db.sqlite_path == _private_data_dir / "programme.db"
    assert _revision(_private_data_dir / "programme.db") == HEAD_REVISION


def test_sqlite_has_foreign_keys_on_and_the_journal_is_wal(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    db.close()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO meeting (id, committee_id, date, status, created_at, updated_at, "
                "version) VALUES ('m', 'no-such-committee', '2019-01-01', 'scheduled', "
                f"'{STAMP}', '{STAMP}', 1)"
            )
        )


def test_an_sqlite_url_works_like_a_path(tmp_path: Path) -> None:
    path = tmp_path / "url.db"
    db = open_database(f"sqlite:///{path}")
    with db.transaction() as s:
        create_council(s, name="Surrey County Council")
    db.close()
    assert db.sqlite_path == path
    assert db.label == str(path)
    again = open_database(path)
    with again.reading() as s:
        assert [c.name for c in list_councils(s)] == ["Surrey County Council"]
    again.close()
    assert again.backup_path is None
