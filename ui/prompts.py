"""Every question the window asks and every file dialog, in one place.

Callers use ``prompts.ask(...)`` (the module attribute), so tests replace these
functions and never meet a modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog, QWidget

# The dialog classes are imported when first asked for: each costs PySide6 some
# set-up, and none is needed to paint the window (docs/performance.md).

SPREADSHEET_FILTER = "Excel workbook (*.xlsx)"
DATABASE_FILTER = "Planner database (*.db *.sqlite *.sqlite3);;All files (*)"


def error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_path(parent: QWidget | None, title: str, folder: str, filters: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    if not path:
        return None
    if filters == SPREADSHEET_FILTER and Path(path).suffix.lower() != ".xlsx":
        path += ".xlsx"
    return path


def text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    answer, ok = QInputDialog.getText(parent, title, label, text=value)
    return answer.strip() if ok and answer.strip() else None


def password_dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)  # masked as it is typed
    return dialog


def password(parent: QWidget | None, title: str, label: str) -> str | None:
    """A password typed into a masked field; None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    dialog = password_dialog(parent, title, label)
    try:
        accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue() if accepted and dialog.textValue() else None
    finally:
        dialog.deleteLater()


def choose(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """The index of the item chosen, or None."""
    from PySide6.QtWidgets import QInputDialog

    if not items:
        return None
    answer, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(answer) if ok and answer in items else None


def open_externally(path: str) -> bool:
    """Open a file in the program the system uses for it (a spreadsheet program)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))
