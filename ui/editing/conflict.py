"""The dialog shown when someone else saved the record the user was editing.

Field by field it shows the value now stored beside the user's, with a choice for each:
keep mine or keep theirs. A field both changed starts on "Keep theirs" (their change is
already saved; overwriting it should be a decision); the user's other changes start on
"Keep mine". The chosen values are saved as a new edit on the current version.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.dates import format_date, format_time
from planner.enums import label
from planner.services.concurrency import LINKED, field_label

LIMIT = 240  # characters of a long text shown in the table; the tooltip has it all


class ConflictRow(NamedTuple):
    field: str
    label: str
    theirs: str
    mine: str
    clash: bool  # both changed it


def display(field: str, value: Any, meeting_label: Callable[[str], str] = str) -> str:
    """A stored or typed value as the window shows it."""
    if field == "exempt_paragraph":
        return "Public" if value is None else f"Exempt, paragraph {value}"
    if value is None or value == "" or value == () or value == []:
        return "(blank)"
    if field == "meeting_id":
        return meeting_label(str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dt.time):
        return format_time(value)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def clashing(kind: str, fields: Sequence[str], changes: dict[str, Any]) -> set[str]:
    """The fields that clash, with the user's changes tied to them (meeting and timing)."""
    clashes = set(fields)
    for group in LINKED.get(kind, ()):
        if group & clashes:
            clashes |= group & changes.keys()
    return clashes


def conflict_rows(
    fields: Sequence[str],
    clashes: Sequence[str],
    current: Any,
    changes: dict[str, Any],
    meeting_label: Callable[[str], str] = str,
) -> list[ConflictRow]:
    """One row per field the user changed, in the record's own field order."""
    rows = []
    for field in [f for f in fields if f in changes] + [f for f in changes if f not in fields]:
        theirs = getattr(current, field, None)
        rows.append(
            ConflictRow(
                field,
                field_label(field)[:1].upper() + field_label(field)[1:],
                display(field, theirs, meeting_label),
                display(field, changes[field], meeting_label),
                field in clashes,
            )
        )
    return rows


def _value_label(text: str, name: str) -> QLabel:
    shown = text if len(text) <= LIMIT else text[: LIMIT - 1].rstrip() + "…"
    widget = QLabel(shown)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    widget.setAccessibleName(name)
    if shown != text:
        widget.setToolTip(text)
    return widget


class ConflictDialog(QDialog):
    """Keep mine or keep theirs, per field; OK saves the choices as one edit."""

    def __init__(
        self,
        title: str,
        message: str,
        rows: Sequence[ConflictRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.rows = list(rows)
        self._mine: dict[str, QRadioButton] = {}
        self._theirs: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{message}\n\nChoose, for each field you changed, whose value to keep. "
            "Nothing is saved until you press Save."
        )
        intro.setWordWrap(True)
        intro.setAccessibleName("What happened")
        layout.addWidget(intro)
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        for column, heading in enumerate(("Field", "Saved now", "Yours", "Keep")):
            head = QLabel(f"<b>{heading}</b>")
            grid.addWidget(head, 0, column)
        for index, row in enumerate(self.rows, start=1):
            name = QLabel(
                f"{html.escape(row.label)}<br><b>changed by both</b>" if row.clash
                else html.escape(row.label)
            )  # fmt: skip
            name.setWordWrap(True)
            grid.addWidget(name, index, 0, Qt.AlignmentFlag.AlignTop)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(_value_label(row.theirs, f"{row.label}, saved now"), index, 1, top)
            grid.addWidget(_value_label(row.mine, f"{row.label}, yours"), index, 2, top)
            mine = QRadioButton("Keep mine")
            theirs = QRadioButton("Keep theirs")
            mine.setAccessibleName(f"Keep my {row.label.lower()}")
            theirs.setAccessibleName(f"Keep their {row.label.lower()}")
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            (theirs if row.clash else mine).setChecked(True)
            choice = QVBoxLayout()
            choice.addWidget(mine)
            choice.addWidget(theirs)
            grid.addLayout(choice, index, 3, Qt.AlignmentFlag.AlignTop)
            self._mine[row.field] = mine
            self._theirs[row.field] = theirs
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.rows) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidget(grid_holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Discard my edit")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 110
        self.setMinimumWidth(width)
        self.resize(width, min(620, 190 + 58 * len(self.rows)))

    def choose(self, field: str, keep_mine: bool) -> None:
        (self._mine if keep_mine else self._theirs)[field].setChecked(True)

    def choices(self) -> dict[str, bool]:
        """Per field: True to keep the user's value."""
        return {field: button.isChecked() for field, button in self._mine.items()}
