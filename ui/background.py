"""One piece of a dialog's work in the thread pool, its answer back on the GUI thread.

For work that reads or writes through the services (history, its export, the other
side of a sync): ``work()`` runs in a worker and must not touch widgets; ``done`` gets
its answer, ``failed`` one sentence (a planner error as it is, anything else scrubbed).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from planner.db.scrub import scrub
from planner.errors import PlannerError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, work: Callable[[], object], failure: str) -> None:
        super().__init__()
        self.work, self.failure = work, failure
        self.signals = _Signals()
        self.setAutoDelete(False)  # kept by its Background

    def run(self) -> None:
        try:
            answer = self.work()
        except PlannerError as exc:
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # reported to the user, never lost in the thread
            self._emit(self.signals.failed, scrub(f"{self.failure}: {exc}"))
        else:
            self._emit(self.signals.done, answer)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the dialog and its signals went meanwhile
            signal.emit(value)


class Background(QObject):
    """Runs one job at a time for its owner."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        # The latest job: the pool holds no Python reference to it or its signals, and
        # its run() may still be returning when the answer arrives; replaced by the next.
        self.job: Job | None = None
        self._running = False
        self._to: tuple[Callable[[Any], None], Callable[[str], None]] | None = None

    def busy(self) -> bool:
        return self._running

    def start(
        self,
        work: Callable[[], object],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
        failure: str,
    ) -> bool:
        """False (nothing started) while a job is still running."""
        if self._running:
            return False
        self.job = Job(work, failure)
        self._to = (done, failed)
        # Bound methods of this QObject: no answer is delivered once its owner has gone.
        self.job.signals.done.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        self._running = True
        QThreadPool.globalInstance().start(self.job)
        return True

    def _done(self, answer: object) -> None:
        self._running = False
        if self._to is not None:
            self._to[0](answer)

    def _failed(self, message: str) -> None:
        self._running = False
        if self._to is not None:
            self._to[1](message)
