"""File → "Take offline…" and "Sync offline copy…": checkout and sync off the GUI thread,
with progress, the preview with its conflicts, then the sync itself.

Which side the window holds decides the question asked: with an offline copy open, the
sync is with the database it came from (its file, or an address the user confirms,
since the copy keeps no password); with any other database open, the user picks the
offline copy's file. The preview writes nothing; the sync is planner.offline.sync (one
transaction on each side). Neither is on the undo stack; the user is told so.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from planner.db.scrub import scrub
from planner.errors import PlannerError
from ui import prompts

if TYPE_CHECKING:  # SQLAlchemy is imported after the first paint (ui/opening.py)
    from planner.db.database import Database
    from ui.main_window import MainWindow

CHANGED_KINDS = ("committee", "topic", "meeting", "group", "recommendation", "action", "member")


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """The message after a checkout or sync (tests replace it, as they do ``prompts``)."""
    QMessageBox.information(parent, title, text)


class _Signals(QObject):
    progress = Signal(str, int)
    done = Signal(object)
    failed = Signal(str)


class OfflineJob(QRunnable):
    """``work(progress)`` in the thread pool; its answer or one sentence comes back."""

    def __init__(self, work: Callable[[Callable[[str, int], None]], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.setAutoDelete(False)

    def _emit(self, signal: Any, *values: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application closed meanwhile
            signal.emit(*values)

    def run(self) -> None:
        try:
            result = self.work(lambda text, percent: self._emit(self.signals.progress, text,
                                                                 percent))  # fmt: skip
        except PlannerError as exc:
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # reported to the user, never lost in the thread
            self._emit(self.signals.failed, f"The sync failed: {exc}. Run it again.")
        else:
            self._emit(self.signals.done, result)


class OfflineRunner(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: OfflineJob | None = None
        self.progress: QProgressDialog | None = None
        self.dialog: Any = None
        self.pair: tuple[Database, Database] | None = None  # (source, copy) being synced
        self.opened: Database | None = None  # the side this runner opened (closed after)

    def busy(self) -> bool:
        return self.job is not None

    # -- jobs ------------------------------------------------------------------------------
    def _run(self, title: str, work: Callable[..., object], done: Callable[[Any], None]) -> None:
        window = self.window
        self.progress = QProgressDialog(f"{title}…", "", 0, 100, window)
        self.progress.setWindowTitle(title)
        self.progress.setAccessibleName(title)
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(300)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.job = OfflineJob(work)
        self.job.signals.progress.connect(self._progress)
        self.job.signals.done.connect(lambda result: (self._finish(), done(result)))
        self.job.signals.failed.connect(lambda message: self._failed(title, message))
        window.statusBar().showMessage(f"{title}…")
        QThreadPool.globalInstance().start(self.job)

    def _progress(self, text: str, percent: int) -> None:
        if self.progress is not None:
            self.progress.setLabelText(text)
            self.progress.setValue(percent)

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.job = None

    def _failed(self, title: str, message: str) -> None:
        self._finish()
        self._close_opened()
        self.window.statusBar().showMessage(f"{title}: nothing was changed", 10000)
        prompts.error(self.window, f"{title} failed", message)

    def _close_opened(self) -> None:
        if self.opened is not None:
            self.opened.close()
            self.opened = None
        self.pair = None

    # -- take offline ----------------------------------------------------------------------
    def take_offline(self, dialog_answer: tuple[list[str], str] | None = None) -> bool:
        """Ask which committees and where (unless answered), then write the copy."""
        window = self.window
        if self.busy():
            return False
        if dialog_answer is None:
            from ui.offline_dialogs import TakeOfflineDialog

            with window.db.reading() as session:
                from ui.data.queries import committee_choices

                rows = committee_choices(session)
            ticked = {window.committee_id} if window.committee_id else set()
            folder = window.settings.export_folder() or str(Path.home())
            dialog = TakeOfflineDialog(rows, ticked, folder, window.db.label, window)
            if dialog.exec() != TakeOfflineDialog.DialogCode.Accepted:
                return False
            dialog_answer = dialog.choice()
        from planner.offline import checkout

        ids, path = dialog_answer
        window.settings.set_export_folder(str(Path(path).parent))
        db = window.db
        self._run("Taking offline",
                  lambda say: checkout(db, [], path, committee_ids=ids, progress=say),
                  self._taken)  # fmt: skip
        return True

    def _taken(self, report: Any) -> None:
        text = (f"Saved {', '.join(report.committees)} ({report.topics:,} topics) to "
                f"{report.path}.")  # fmt: skip
        self.window.statusBar().showMessage(text, 15000)
        if prompts.ask(self.window, "Taken offline",
                       f"{text}\n\nOpen the offline copy now? Edit it anywhere, then use "
                       "File → Sync offline copy… to bring the edits back."):  # fmt: skip
            self.window.files.open_target(str(report.path))

    # -- sync ------------------------------------------------------------------------------
    def sync_copy(self, other: str | None = None) -> bool:
        """Work out the two sides, preview the sync, and show what it would do."""
        from planner.offline import sync
        from planner.offline.meta import origin

        window = self.window
        if self.busy():
            return False
        info = origin(window.db.engine, window.db.label)
        if info is not None:  # the window holds the copy: open the source
            if other is None:
                recorded = info.source_label
                if "://" not in recorded and Path(recorded).is_file():
                    other = recorded
                else:
                    other = prompts.text(
                        window, "Sync offline copy",
                        f"This copy came from {recorded}. Its address (with the password, "
                        "if it needs one; it is not kept):", recorded,
                    )  # fmt: skip
        elif other is None:
            folder = window.settings.export_folder() or str(Path.home())
            other = prompts.open_path(window, "Sync an offline copy with this database",
                                      folder, prompts.DATABASE_FILTER)  # fmt: skip
        if not other:
            return False
        if info is None and not Path(other).is_file():
            prompts.error(window, "Sync offline copy", f"{other} does not exist.")
            return False
        here, address, source_is_here = window.db, other, info is None

        def preview(say: Callable[[str, int], None]) -> tuple[Database, Database, Any]:
            """Open the other side here too: an older file is upgraded first (seconds),
            and a server can be slow to answer."""
            from planner.db.database import open_database

            say(f"Opening {scrub(address)}…", 0)
            there = open_database(address)
            source, copy = (here, there) if source_is_here else (there, here)
            try:
                return source, copy, sync(source, copy, apply=False, progress=say)
            except BaseException:
                there.close()
                raise

        self._run("Reading both sides", preview, self._previewed)
        return True

    def _previewed(self, answer: tuple[Database, Database, Any]) -> None:
        from planner.offline.report import describe_sync
        from ui.offline_dialogs import SyncDialog

        source, copy, report = answer
        self.pair = (source, copy)
        self.opened = copy if source is self.window.db else source

        self.window.statusBar().clearMessage()
        if report.nothing_to_do and not report.conflicts and not report.resumed:
            self._close_opened()
            inform(self.window, "Sync offline copy", describe_sync(report))
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = SyncDialog(report, self.window)
        self.dialog.chosen.connect(self.apply)
        self.dialog.rejected.connect(self._close_opened)
        self.dialog.open()

    def apply(self, choices: dict[Any, Any]) -> None:
        from planner.offline import sync

        assert self.pair is not None
        source, copy = self.pair
        self._run("Syncing",
                  lambda say: sync(source, copy, choices=choices, progress=say), self._synced)

    def _synced(self, report: Any) -> None:
        from planner.offline.report import describe_sync

        self._close_opened()
        window = self.window
        window.undo_stack.clear()  # the records under the undo steps may have changed
        for kind in CHANGED_KINDS:
            window.controller.changed.emit(kind)
        text = describe_sync(report) + "\n\nUndo does not cover a sync."
        window.statusBar().showMessage(text.splitlines()[0], 15000)
        inform(window, "Sync finished", text)
