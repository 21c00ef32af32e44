"""The standard shortcuts work as in any desktop application, on every platform."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand

from ui.menus import standard_keys

Key = QKeySequence.StandardKey
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Counter(QUndoCommand):
    def __init__(self, log: list[str]) -> None:
        super().__init__("Count")
        self.log = log

    def redo(self) -> None:
        self.log.append("redo")

    def undo(self) -> None:
        self.log.append("undo")


def test_standard_keys_are_unique_and_never_empty() -> None:
    keys = standard_keys(Key.Redo, "Ctrl+Y", "Ctrl+Y")
    assert QKeySequence("Ctrl+Y") in keys
    assert len(keys) == len({k.toString() for k in keys})
    assert all(not k.isEmpty() for k in keys)
    assert QKeySequence("Ctrl+Q") in standard_keys(Key.Quit, "Ctrl+Q")


def test_every_standard_command_has_a_shortcut(window) -> None:
    a = window.actions
    expected = {
        "New": (a.new, QKeySequence(Key.New)),
        "Open": (a.open, QKeySequence(Key.Open)),
        "Save As / Export": (a.export, QKeySequence(Key.SaveAs)),
        "Undo": (a.undo, QKeySequence("Ctrl+Z")),
        "Redo": (a.redo, QKeySequence("Ctrl+Y")),
        "Find": (a.find, QKeySequence(Key.Find)),
        "Delete": (a.delete, QKeySequence(Key.Delete)),
        "Quit": (a.quit, QKeySequence("Ctrl+Q")),
    }
    for name, (action, sequence) in expected.items():
        assert action.shortcuts(), f"{name} has no shortcut"
        assert sequence in action.shortcuts(), f"{name} lacks {sequence.toString()}"


def test_no_two_actions_share_a_key(window) -> None:
    """A key bound twice is ambiguous and Qt then does nothing at all."""
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is bound to both {seen[key]!r} and {action.text()!r}"
            seen[key] = action.text()


@pytest.mark.parametrize(
    "redo_key", [(Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)], ids=["ctrl-y", "ctrl-shift-z"]
)
def test_undo_and_redo_from_the_keyboard(qtbot, window, redo_key) -> None:
    log: list[str] = []
    window.undo_stack.push(Counter(log))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert log == ["redo", "undo"]
    qtbot.keyClick(window, *redo_key)
    assert log == ["redo", "undo", "redo"]


def test_ctrl_q_quits(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
