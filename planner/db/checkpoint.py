"""SQLite's WAL checkpoints, run on a thread of their own instead of in a user's commit.

SQLite copies the write-ahead log back into the database file (a checkpoint) inside the
COMMIT that takes the log past 1,000 pages. On the 100,000-topic file that is about
80 ms of writing and syncing added to whichever edit crosses the line: a bulk delete of
a committee-year writes 300–360 pages, so one undo or redo in three took 160 ms instead
of 80. Here, after each write transaction, a worker thread runs a PASSIVE checkpoint
(it neither waits for nor blocks readers and writers; SQLite releases the GIL while it
works), so the log is copied back soon after each action and the next writer starts it
again from the beginning: a commit rarely reaches the line itself. SQLite's own
checkpoint stays as the fallback when this one is behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class Checkpointer:
    """One per open SQLite file: at most one checkpoint runs at a time, and writes made
    while it runs are checkpointed by one more run after it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.runs = 0  # checkpoints done (tests look at it)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False
        self._closed = False

    def committed(self) -> None:
        """A write transaction has committed: checkpoint on the worker thread."""
        with self._lock:
            if self._closed:
                return
            if self._thread is not None:
                self._again = True  # the running one goes round once more
                return
            self._thread = threading.Thread(target=self._work, name="fwp-checkpoint", daemon=True)
            self._thread.start()

    def wait(self, timeout: float = 30.0) -> None:
        """Until no checkpoint runs (closing the file, and tests)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self.wait()

    def _work(self) -> None:
        while True:
            self._checkpoint()
            with self._lock:
                if not self._again or self._closed:
                    self._thread = None
                    return
                self._again = False

    def _checkpoint(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                conn.close()
            self.runs += 1
        except sqlite3.Error as exc:  # SQLite's own checkpoint still runs in time
            log.info("background checkpoint of %s failed: %s", self.path, exc)
