"""File menu: new, open (file or URL), recent files. A database that fails to open is
reported and the current one stays open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from planner.errors import PlannerError
from ui import prompts

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class FileOps(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

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
        """Open ``target``; on any failure say why and keep the current database.

        A server that wants a password gets it asked for (masked); recent files keep the
        address without it, so it is asked again next time unless ~/.pgpass has it.
        """
        window = self.window
        from planner.db.faults import scrub
        from ui.db_login import open_with_login, shown  # SQLAlchemy: not before the paint

        safe = shown(target)
        window.statusBar().showMessage(f"Opening {safe}…")
        try:
            db = open_with_login(window, target)
        except PlannerError as exc:
            return self._failed(safe, str(exc))
        except Exception as exc:  # a driver error the planner doesn't translate
            return self._failed(safe, f"Cannot open {safe}: {scrub(str(exc))}")
        if db is None:
            window.statusBar().showMessage(f"Did not open {safe}", 10000)
            return False
        window.set_database(db)
        window.settings.add_recent(db.address)  # a path, or the URL without its password
        self.rebuild_recent()
        note = f" (a backup of the old file is at {db.backup_path})" if db.backup_path else ""
        window.statusBar().showMessage(f"Opened {db.label}{note}", 10000)
        return True

    def _failed(self, target: str, message: str) -> bool:
        self.window.statusBar().showMessage(f"Could not open {target}", 10000)
        prompts.error(self.window, "Cannot open the database", message)
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
