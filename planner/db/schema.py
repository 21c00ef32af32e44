"""Bringing a database to this build's schema: create, upgrade after a backup, or refuse.

The check itself is a plain query on ``alembic_version``; Alembic is imported only
when there is something to create or upgrade, because it is slow to import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from planner.db.revision import HEAD_REVISION
from planner.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

PLANNER_TABLES = {"council", "committee", "meeting", "topic"}


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("planner") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(engine: Engine) -> tuple[str | None, set[str]]:
    """The stored revision (None if the file has none) and the table names present."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            return None, tables
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return (row[0] if row else None), tables


def known_revisions() -> list[str]:
    """Every revision the shipped scripts know, oldest first."""
    from alembic.script import ScriptDirectory

    with _scratch_connection() as conn:
        script = ScriptDirectory.from_config(_alembic_config(conn))
        return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@contextmanager
def _scratch_connection() -> Iterator[Connection]:
    """An in-memory connection, only so Alembic's Config has one to carry."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


# Two planners opening one new shared database at once must not both create the schema.
_PG_MIGRATION_LOCK = 0x46575000  # "FWP", any constant the planner alone uses


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Held to the end of this transaction; Alembic then reads the revision the
            # other process left and has nothing (or only the rest) to do.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        command.upgrade(_alembic_config(conn), target)


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even of a live file in WAL mode."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the file beside itself before changing it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.backup-{revision}-{stamp}")
    copy_sqlite(path, backup)
    return backup


def restore_sqlite(backup: Path, path: Path) -> None:
    copy_sqlite(backup, path)


def ensure_schema(engine: Engine, where: str, sqlite_path: Path | None) -> str | None:
    """Create, upgrade or refuse. Returns the path of a backup if one was made."""
    revision, tables = current_revision(engine)
    if revision == HEAD_REVISION:
        return None
    if revision is None:
        if tables - {"alembic_version"}:
            raise DatabaseError(
                f"{where} is not a planner database: it holds other tables "
                f"({', '.join(sorted(tables)[:4])}) and no planner schema."
            )
        upgrade(engine)
        return None
    known = known_revisions()
    if revision not in known:
        raise DatabaseError(
            f"{where} was written by a newer version of the planner (schema {revision}); "
            "install the newer version to open it. The file has not been changed."
        )
    if not tables >= PLANNER_TABLES:
        raise DatabaseError(f"{where} is not a planner database: planner tables are missing.")
    backup = backup_sqlite(sqlite_path, revision) if sqlite_path is not None else None
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        if backup is not None:
            restore_sqlite(backup, sqlite_path)  # type: ignore[arg-type]
        if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
            raise DatabaseError(
                f"{where} needs upgrading from schema {revision}, which only the owner of "
                "its tables can do: ask them to open it once with this version."
            ) from exc
        from planner.db.faults import scrub

        detail = scrub(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        raise DatabaseError(
            f"Upgrading {where} from schema {revision} failed ({detail}); it was left as it was."
        ) from exc
    return str(backup) if backup else None
