"""Opening a planner database: a SQLite file (the default) or a SQLAlchemy URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from planner.access import guard as access_guard
from planner.access.refusal import refusals
from planner.db import faults
from planner.db.checkpoint import Checkpointer
from planner.db.limits import check_limits
from planner.db.schema import ensure_schema
from planner.errors import DatabaseError
from planner.history.recorder import install as install_history
from planner.paths import default_database_path

SQLITE_MAGIC = b"SQLite format 3\x00"


class Database:
    """An open database. Each user action runs in ``transaction()``: all or nothing."""

    def __init__(
        self, engine: Engine, label: str, sqlite_path: Path | None, address: str | None = None
    ) -> None:
        self.engine = engine
        self.label = label  # safe to show: never contains a password
        # What to open it again by (recent files): the path, or the URL without password.
        self.address = address or label
        self.sqlite_path = sqlite_path
        self.backup_path: str | None = None
        # A SQLite file's WAL checkpoints, run after each write off the committing thread.
        self.checkpoints: Checkpointer | None = None
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # On SQLite a user action takes the write lock when it begins (BEGIN IMMEDIATE):
        # two writers then queue for milliseconds instead of the second failing with
        # "database is locked" when its snapshot went stale; readers never wait (WAL).
        self._writers = sessionmaker(
            engine.execution_options(planner_writes=True), expire_on_commit=False
        )
        for sessions in (self._sessions, self._writers):
            event.listen(sessions, "before_flush", check_limits)
            access_guard.install(sessions, engine.dialect.name)
            install_history(sessions)  # every change made here goes into change_log

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls back everything on any error.

        The database's refusal of a change becomes an AccessDeniedError. A server that
        has gone away raises ConnectionLostError: nothing was saved, and the
        same action succeeds once it is back (``pool_pre_ping`` replaces dead connections).
        """
        try:
            with self._writers() as session, refusals(session, True), session.begin():
                yield session
        except DBAPIError as exc:
            translated = self._translated(exc, writing=True)
            if translated is exc:
                raise
            raise translated from exc
        if self.checkpoints is not None:
            self.checkpoints.committed()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as session, refusals(session, False):
                yield session
        except DBAPIError as exc:
            translated = self._translated(exc, writing=False)
            if translated is exc:
                raise
            raise translated from exc

    def _translated(self, exc: DBAPIError, writing: bool) -> Exception:
        """Server faults become planner errors; anything else is passed on as it was."""
        if self.sqlite_path is not None:
            return exc
        login = faults.login_problem(exc, self.engine.url)
        if login is not None:
            return login
        if faults.is_connection_fault(exc):
            return faults.lost(self.engine.url, writing)
        return exc

    def close(self) -> None:
        if self.checkpoints is not None:
            self.checkpoints.close()
        self.engine.dispose()


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin,
        # so that DDL in migrations is transactional too.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        writes = conn.get_execution_options().get("planner_writes")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _enable_wal(engine: Engine) -> None:
    """WAL is a property of the file, so set it once the file is known to be ours:
    setting it rewrites the header, and a refused file must stay byte-for-byte as it was."""
    raw = engine.raw_connection()  # outside SQLAlchemy's BEGIN: the pragma refuses one
    try:
        cursor = raw.cursor()
        if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        raw.close()


def _check_sqlite_file(path: Path, create_parents: bool) -> None:
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a planner database file.")
    if path.exists():
        if path.stat().st_size:
            with path.open("rb") as fh:
                if fh.read(16) != SQLITE_MAGIC:
                    raise DatabaseError(
                        f"{path} is not a planner database: it is not an SQLite database file."
                    )
        return
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise DatabaseError(f"Cannot create {path}: {parent} is a file, not a folder.")
    if not parent.exists():
        if not create_parents:
            raise DatabaseError(f"Cannot create {path}: the folder {parent} does not exist.")
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Cannot create the folder {parent}: {exc.strerror}.") from exc


def open_database(target: str | Path | None = None) -> Database:
    """Open (creating or upgrading as needed) the database at a path or URL.

    ``None`` means the user's default file in their data folder.
    """
    create_parents = target is None
    if target is None:
        target = default_database_path()
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except (SQLAlchemyError, ValueError):  # ValueError: a port that is not a number
            shown = faults.scrub(text)
            raise DatabaseError(f"'{shown}' is not a database address I can read.") from None
        path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    else:
        path = Path(text).expanduser().resolve()
        url = make_url(f"sqlite:///{path}")
    label = str(path) if path else faults.address(url)
    if path is not None:
        _check_sqlite_file(path, create_parents)
    try:
        # pre-ping: a connection the server dropped (restart, network) is replaced on
        # checkout instead of failing the user's next action.
        engine = create_engine(url, pool_pre_ping=path is None)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseError(f"Cannot use {label}: {faults.scrub(str(exc), url.password)}") from None
    if url.get_backend_name() == "sqlite":
        _sqlite_pragmas(engine)
    db = Database(engine, label, path, str(path) if path else label)
    try:
        db.backup_path = ensure_schema(engine, label, path)
        if path is not None:
            _enable_wal(engine)
            db.checkpoints = Checkpointer(path)
        else:
            _keep_grants(db)
    except DBAPIError as exc:
        engine.dispose()
        if path is None:
            raise faults.opening_error(exc, url) from None
        raise DatabaseError(_explain(label, path, exc)) from exc
    except DatabaseError:
        engine.dispose()
        raise
    return db


def _keep_grants(db: Database) -> None:
    """On PostgreSQL, after an upgrade, bring new tables under ``fwp admin setup``'s
    grants and policies (only when it was run before and this login may run it)."""
    if db.engine.dialect.name != "postgresql":
        return
    from planner.access.pg_setup import keep_grants

    with db.transaction() as session:
        keep_grants(session)


def _explain(label: str, path: Path | None, exc: DBAPIError) -> str:
    message = str(exc.orig).strip() if exc.orig is not None else str(exc)
    lowered = message.lower()
    if path is not None and ("readonly" in lowered or "unable to open" in lowered):
        return (
            f"Cannot open {label}: the file or its folder is read-only. "
            "Copy it to a folder you can write to."
        )
    if "permission denied for database" in lowered:
        return (
            f"Cannot open {label}: this login has no role on that database; its "
            "administrator gives one with 'fwp admin grant'."
        )
    if "file is not a database" in lowered or "malformed" in lowered:
        return f"{label} is not a planner database: SQLite reports '{message}'."
    return f"Cannot open {label}: {message}"
