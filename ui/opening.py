"""Start-up: the window paints first, then the database opens off the GUI thread.

SQLAlchemy, the ORM models and the services take about 0.3 s to import: more than
a bare Qt window takes to paint (docs/performance.md). So ``ui.app`` shows the
window without a database, and once it has painted, a worker reads a snapshot of
the programme with the sqlite3 module (``ui/data/snapshot.py``), which the window
shows read-only; then it imports SQLAlchemy, opens the file (backing it up and
upgrading it if it is older) and hands the ``Database`` to the GUI thread, which
calls ``MainWindow.set_database``.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal

from planner.db.scrub import scrub
from ui import prompts

if TYPE_CHECKING:
    from planner.db.database import Database
    from planner.errors import LoginError
    from ui.data.snapshot import Snapshot
    from ui.main_window import MainWindow

SHOWN_TIMEOUT = 2.0  # seconds the worker waits for the snapshot's paint at most
# Imported in the worker too, so the GUI thread does not stop to import them when the
# database arrives: what the views and the EditController read and write through.
WARM_UP = (
    "ui.data.queries",
    "planner.services.committees",
    "planner.services.programme",
    "ui.editing.controller",
)


def open_with_demo(target: str | None) -> Database:
    """The default file starts with the demo programme so a new user sees something real."""
    from planner.db.database import open_database

    db = open_database(target)
    if target is None:
        from planner.demo import load_demo
        from planner.services.committees import list_councils

        with db.transaction() as session:
            if not list_councils(session):
                load_demo(session)
    return db


def snapshot_of(target: str | None, wanted: str | None) -> Snapshot | None:
    """What the window can show before SQLAlchemy loads (a planner file only)."""
    if target is not None and "://" in target:
        return None
    from planner.paths import default_database_path
    from ui.data.snapshot import read_snapshot
    from ui.selector import pick

    path = Path(target).expanduser().resolve() if target else default_database_path()
    return read_snapshot(path, pick, wanted)


def with_password(target: str | None, password: str | None) -> str | None:
    """The server address with the password the user typed (for the driver only)."""
    if not password or target is None:
        return target
    from sqlalchemy import make_url

    return make_url(target).set(password=password).render_as_string(hide_password=False)


class _Signals(QObject):
    preview = Signal(object)  # a Snapshot
    opened = Signal(object)  # the Database
    failed = Signal(str)
    login = Signal(object)  # the LoginError: the server wants a password (or refused one)


class OpenJob(QRunnable):
    """Opens ``target`` in the thread pool; the answer comes back through ``signals``,
    after a snapshot of what the window opens on when there is one."""

    def __init__(
        self,
        target: str | None,
        wanted: str | None = None,
        *,
        preview: bool = True,
        password: str | None = None,
    ) -> None:
        super().__init__()
        self.target = target  # never with a password: it is shown in messages
        self.password = password  # typed at the prompt; put into the address here only
        self.wanted = wanted  # the committee-year the window would like to show
        self.preview = preview  # File → Open keeps the current programme shown instead
        self.signals = _Signals()
        self.shown = threading.Event()  # set once the window has painted the snapshot
        self.setAutoDelete(False)

    def run(self) -> None:
        from planner.errors import LoginError, PlannerError

        try:
            snapshot = snapshot_of(self.target, self.wanted) if self.preview else None
        except Exception:  # only a head start: the real open below reports any problem
            snapshot = None
        if snapshot is not None:
            self._emit(self.signals.preview, snapshot)
            # Painting calls Python for every cell, and importing SQLAlchemy would hold
            # the GIL meanwhile: the snapshot took 0.3 s to paint instead of 20 ms.
            self.shown.wait(SHOWN_TIMEOUT)
        try:
            db = open_with_demo(with_password(self.target, self.password))
            for name in WARM_UP:
                importlib.import_module(name)
        except LoginError as exc:
            self._emit(self.signals.login, exc)
        except PlannerError as exc:
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # a driver error the planner doesn't translate
            message = f"Cannot open {scrub(self.target or 'your planner file')}: {exc}"
            self._emit(self.signals.failed, scrub(message, self.password))
        else:
            self._emit(self.signals.opened, db)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application closed meanwhile
            signal.emit(value)


class StartUp(QObject):
    """Opens the database once the window has painted, then gives it to the window.

    ``opened`` / ``failed`` follow the job's; on failure the window says why and stays
    open without a database (File → Open and New still work), unless ``quiet``
    (screenshots), when the message goes to the caller only.
    """

    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, window: MainWindow, target: str | None, quiet: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self.quiet = quiet
        self.job: OpenJob | None = None
        self.login_runner: QObject | None = None  # asking for a password, then opening
        self._started = False
        window.installEventFilter(self)
        label = scrub(target) if target else "your planner file"
        window.statusBar().showMessage(f"Opening {label}…")

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint and not self._started:
            # Queued: this paint finishes first, then the worker starts importing.
            self._started = True
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.start)
        return False

    def start(self) -> None:
        if self.job is not None:
            return
        self._started = True
        self.window.complete_views()  # the other tabs, now that the window is up
        self.job = OpenJob(self.target, self.window.first_committee())
        self.job.signals.preview.connect(self._preview)
        self.job.signals.opened.connect(self._opened)
        self.job.signals.failed.connect(self._failed)
        self.job.signals.login.connect(self._login)
        QThreadPool.globalInstance().start(self.job)

    def _preview(self, snapshot: Snapshot) -> None:
        if self.window.db is None:
            self.window.show_snapshot(snapshot)
            self.window.repaint()  # now, before the worker goes on (see OpenJob.run)
        if self.job is not None:
            self.job.shown.set()

    def _opened(self, db: Database) -> None:
        self.job = None
        window = self.window
        window.set_database(db)
        note = f" (a backup of the old file is at {db.backup_path})" if db.backup_path else ""
        window.statusBar().showMessage(f"Opened {db.label}{note}", 5000 if not note else 0)
        self.opened.emit(db)

    def _login(self, problem: LoginError) -> None:
        """A server wants a password: ask for it (masked) on the GUI thread, then open
        with it in a worker (``ui.open_runner``)."""
        message = str(problem)
        if self.quiet or not self.target:
            self._failed(message)
            return
        from ui.open_runner import OpenRunner

        runner = OpenRunner(self.window, self.target)
        runner.opened.connect(self._opened)
        runner.failed.connect(self._failed)
        runner.cancelled.connect(lambda: self._failed(message))
        self.login_runner = runner
        runner.login(problem)

    def _failed(self, message: str) -> None:
        self.job = None
        self.window.statusBar().showMessage("No planner database is open", 0)
        if not self.quiet:
            prompts.error(self.window, "Cannot open the programme", message)
        self.failed.emit(message)
