"""What a database holds, as one hash, so that "nothing changed" can be checked exactly on
either backend: an SQLite file's full SQL dump, or every planner table's rows on PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, select, text

from planner.db.database import Database
from planner.db.models import Base


def url_of(db: Database) -> str:
    """The address ``db`` was opened with, password included (to open it again)."""
    if db.sqlite_path is not None:
        return str(db.sqlite_path)
    return db.engine.url.render_as_string(hide_password=False)


def digest(target: str | Path | Database) -> str:
    if isinstance(target, Database):
        target = url_of(target)
    text_target = str(target)
    if "://" not in text_target or text_target.startswith("sqlite"):
        path = text_target.split(":///", 1)[-1]
        conn = sqlite3.connect(path)
        try:
            return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
        finally:
            conn.close()
    engine = create_engine(text_target)
    try:
        lines: list[str] = []
        with engine.connect() as conn:
            lines.append(repr(conn.execute(text("SELECT * FROM alembic_version")).all()))
            for table in Base.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                rows = conn.execute(select(table).order_by(*order)).all()
                lines.append(f"{table.name}: {[tuple(r) for r in rows]!r}")
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()
    finally:
        engine.dispose()
