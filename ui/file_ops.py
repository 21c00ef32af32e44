"""File menu: new, open (file or URL), recent files. The database opens in a worker
(``ui.open_runner``); one that fails to open is reported and the current one stays open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal

from ui import prompts

if TYPE_CHECKING:
    from planner.db.database import Database
    from ui.main_window import MainWindow
    from ui.open_runner import OpenRunner


class FileOps(QObject):
    """One open at a time: a second request while one runs is refused, not queued (the
    user asked for the first and sees it arrive; then they can open the other)."""

    opened = Signal(str)  # the label of the database now open in the window
    # Why not (the message shown); "" when the password question was cancelled.
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.runner: OpenRunner | None = None
        self.last_runner: OpenRunner | None = None
        self._close_seen = False
        window.installEventFilter(self)

    def _folder(self) -> str:
        recent = self.window.settings.recent_files()
        for target in recent:
            if "://" not in target and Path(target).parent.is_dir():
                return str(Path(target).parent)
        return str(Path.home())

    def open_file(self) -> None:
        path = prompts.open_path(
            self.window, "Open a planner database", self._folder(), prompts.DATABASE_FILTER
        )
        if path:
            self.open_target(path)

    def open_url(self) -> None:
        url = prompts.text(
            self.window,
            "Open a database by its address",
            "Database address, for example postgresql+psycopg://clerk@server/planner\n"
            "(leave the password out: you will be asked for it if the server needs one):",
        )
        if url:
            self.open_target(url)

    def new_database(self) -> None:
        path = prompts.save_path(
            self.window,
            "New planner database",
            str(Path(self._folder()) / "programme.db"),
            prompts.DATABASE_FILTER,
        )
        if not path:
            return
        if Path(path).exists():
            prompts.error(self.window, "New database", f"{path} already exists; use Open instead.")
            return
        self.open_target(path)

    def open_target(self, target: str) -> bool:
        """Start opening ``target`` in a worker; False when another open is still running
        (refused: the status bar says so). ``opened`` or ``failed`` follows.

        On any failure the message says why and the current database stays open. A
        server that wants a password gets it asked for (masked); recent files keep the
        address without it, so it is asked again next time unless ~/.pgpass has it.
        """
        from ui.db_login import shown

        status = self.window.statusBar()
        if self.runner is not None:
            status.showMessage(
                f"Still opening {self.runner.label}: wait for it, then open {shown(target)}.",
                10000,
            )
            return False
        from ui.open_runner import OpenRunner  # SQLAlchemy comes in with it: after the paint

        runner = OpenRunner(self.window, target)
        runner.opened.connect(self._opened)
        runner.failed.connect(lambda message: self._failed(runner.label, message))
        runner.cancelled.connect(self._cancelled)
        self.runner = runner
        status.showMessage(f"Opening {runner.label}…")
        runner.start()
        return True

    def busy(self) -> bool:
        return self.runner is not None

    def _finish(self) -> str:
        runner, self.runner = self.runner, None
        if runner is None:
            return ""
        # Kept until the next open: its job's run() may still be returning right now.
        if self.last_runner is not None:
            self.last_runner.deleteLater()
        self.last_runner = runner
        return runner.label

    def _opened(self, db: Database) -> None:
        label = self._finish()
        window = self.window
        if self._window_closed():
            db.close()  # nobody will use it: the window closed while it opened
            self.failed.emit(f"The window closed before {label} opened.")
            return
        window.set_database(db)
        window.settings.add_recent(db.address)  # a path, or the URL without its password
        self.rebuild_recent()
        note = f" (a backup of the old file is at {db.backup_path})" if db.backup_path else ""
        window.statusBar().showMessage(f"Opened {db.label}{note}", 10000)
        self.opened.emit(db.label)

    def _cancelled(self) -> None:
        label = self._finish()
        self.window.statusBar().showMessage(f"Did not open {label}", 10000)
        self.failed.emit("")

    def _failed(self, target: str, message: str) -> bool:
        self._finish()
        if not self._window_closed():
            self.window.statusBar().showMessage(f"Could not open {target}", 10000)
            prompts.error(self.window, "Cannot open the database", message)
        self.failed.emit(message)
        return False

    def _window_closed(self) -> bool:
        return self._close_seen and not self.window.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._close_seen = True  # an open finishing after this is not shown
        return False

    def open_recent(self, target: str) -> bool:
        """A recent file that was moved or deleted is not silently re-created empty."""
        if "://" not in target and not Path(target).exists():
            self.window.settings.remove_recent(target)
            self.rebuild_recent()
            return self._failed(
                target,
                f"{target} is no longer there: it was moved, renamed or deleted. "
                "It has been taken off the recent files; use File → Open to find it.",
            )
        return self.open_target(target)

    def rebuild_recent(self) -> None:
        menu = self.window.actions.recent
        menu.clear()
        files = self.window.settings.recent_files()
        for number, target in enumerate(files, start=1):
            shown = target.replace("&", "&&")  # "R&D" is a name, not a mnemonic
            text = f"&{number} {shown}" if number < 10 else shown
            menu.addAction(text, lambda t=target: self.open_recent(t))
        if files:
            menu.addSeparator()
            menu.addAction("&Clear Recent Files", self._clear)
        menu.setEnabled(bool(files))

    def _clear(self) -> None:
        self.window.settings.clear_recent()
        self.rebuild_recent()
