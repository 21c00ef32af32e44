"""Colours the models use. Fills that are not palette roles always get explicit dark text,
so they stay readable in a dark palette."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

DARK_TEXT = QColor("#1b1b1b")
RAG_FILL = {
    "green": QColor("#9fd49a"),
    "amber": QColor("#ffcf70"),
    "red": QColor("#f28b82"),
}
OVERDUE_FILL = QColor("#f6b8b2")
WARNING_FILL = QColor("#ffe29a")


def palette_brush(role: QPalette.ColorRole) -> QBrush:
    return QApplication.palette().brush(role)


def section_background() -> QBrush:
    """Programme section rows: the button colour, with button text, in any palette."""
    return palette_brush(QPalette.ColorRole.Button)


def section_foreground() -> QBrush:
    return palette_brush(QPalette.ColorRole.ButtonText)


def muted_foreground() -> QBrush:
    return palette_brush(QPalette.ColorRole.PlaceholderText)


def bold_font() -> QFont:
    font = QFont(QApplication.font())
    font.setBold(True)
    return font
