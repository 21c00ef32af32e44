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
            "Database URL (for example postgresql+psycopg://user@server/planner):",
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
        """Open ``target``; on any failure say why and keep the current database."""
        window = self.window
        window.statusBar().showMessage(f"Opening {target}…")
        from planner.db.database import open_database

        try:
            db = open_database(target)
        except PlannerError as exc:
            return self._failed(target, str(exc))
        except Exception as exc:  # a driver error the planner doesn't translate
            return self._failed(target, f"Cannot open {target}: {exc}")
        window.set_database(db)
        window.settings.add_recent(db.label)  # never a password: labels hide it
        self.rebuild_recent()
        note = f" (a backup of the old file is at {db.backup_path})" if db.backup_path else ""
        window.statusBar().showMessage(f"Opened {db.label}{note}", 10000)
        return True

    def _failed(self, target: str, message: str) -> bool:
        self.window.statusBar().showMessage(f"Could not open {target}", 10000)
        prompts.error(self.window, "Cannot open the database", message)
        return False

    def rebuild_recent(self) -> None:
        menu = self.window.actions.recent
        menu.clear()
        files = self.window.settings.recent_files()
        for number, target in enumerate(files, start=1):
            text = f"&{number} {target}" if number < 10 else target
            menu.addAction(text.replace("&&", "&"), lambda t=target: self.open_target(t))
        if files:
            menu.addSeparator()
            menu.addAction("&Clear Recent Files", self._clear)
        menu.setEnabled(bool(files))

    def _clear(self) -> None:
        self.window.settings.clear_recent()
        self.rebuild_recent()
