"""Opening a database from the window off the GUI thread (File → Open, New, recent files).

An older file is backed up and upgraded by Alembic, which takes seconds on a large file,
and a server address can hang on a slow network: so the open runs in an ``OpenJob``
while the window stays responsive. A server that wants a password is asked for it here,
on the GUI thread, and the open is tried again in a new job with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from ui.db_login import ask_password, can_ask, shown
from ui.opening import OpenJob

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from planner.db.database import Database
    from planner.errors import LoginError


class OpenRunner(QObject):
    """Opens one target; says ``opened(Database)``, ``failed(one sentence)`` or
    ``cancelled()`` (the password question was cancelled) once, then is done."""

    opened = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, target: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.target = target
        self.label = shown(target)
        self.tries = 0  # passwords asked for so far
        self.jobs: list[OpenJob] = []

    def start(self, password: str | None = None) -> None:
        job = OpenJob(self.target, preview=False, password=password)
        # Kept (with its signals) as long as the runner: the pool holds no Python reference.
        self.jobs.append(job)
        job.signals.opened.connect(self._opened)
        job.signals.failed.connect(self._failed)
        job.signals.login.connect(self.login)
        QThreadPool.globalInstance().start(job)

    def login(self, problem: LoginError) -> None:
        """The server refused or wants a password: ask (masked), then try again."""
        if not can_ask(self.target, self.tries):
            self.failed.emit(str(problem))
            return
        self.tries += 1
        secret = ask_password(self.parent_widget, self.target, problem)
        if secret is None:
            self.cancelled.emit()
            return
        self.start(secret)

    def _opened(self, db: Database) -> None:
        self.opened.emit(db)

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
