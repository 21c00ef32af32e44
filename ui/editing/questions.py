"""Questions the controller asks: what happens to a deleted meeting's topics."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.dates import format_date
from planner.services.meetings import TopicsPolicy
from planner.services.views import MeetingView
from ui.editing.registry import shorten


class MeetingPolicyDialog(QDialog):
    """Move the topics to another meeting, unschedule them, or delete them with it."""

    def __init__(
        self,
        meeting: MeetingView,
        titles: Sequence[str],
        others: Sequence[MeetingView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        when = format_date(meeting.date)
        self.setWindowTitle("Delete meeting")
        self.setAccessibleName(f"Delete the meeting of {when}")
        self.others = sorted(others, key=lambda m: m.date)
        count = f"{len(titles)} topic" + ("" if len(titles) == 1 else "s")
        items = "".join(f"<li>{html.escape(shorten(t, 70))}</li>" for t in titles[:8])
        more = f"<li>… and {len(titles) - 8} more</li>" if len(titles) > 8 else ""
        intro = QLabel(
            f"The meeting of {when} has {count}:<ul>{items}{more}</ul>What should happen to them?"
        )
        intro.setWordWrap(True)
        self.move_button = QRadioButton("&Move them to")
        self.target = QComboBox()
        self.target.setAccessibleName("Meeting to move the topics to")
        self.target.addItems([format_date(m.date) for m in self.others])
        self.unschedule_button = QRadioButton("&Unschedule them (deferred, back to In development)")
        self.delete_button = QRadioButton("D&elete them with the meeting")
        group = QButtonGroup(self)
        for button in (self.move_button, self.unschedule_button, self.delete_button):
            group.addButton(button)
        self.move_button.setEnabled(bool(self.others))
        self.target.setEnabled(bool(self.others))
        (self.move_button if self.others else self.unschedule_button).setChecked(True)
        self.move_button.toggled.connect(self.target.setEnabled)
        move_row = QHBoxLayout()
        move_row.addWidget(self.move_button)
        move_row.addWidget(self.target, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("&Delete meeting", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(move_row)
        layout.addWidget(self.unschedule_button)
        layout.addWidget(self.delete_button)
        layout.addWidget(buttons)

    def choice(self) -> tuple[TopicsPolicy, str | None]:
        if self.move_button.isChecked() and self.others:
            return TopicsPolicy.MOVE, self.others[self.target.currentIndex()].id
        if self.delete_button.isChecked():
            return TopicsPolicy.DELETE, None
        return TopicsPolicy.UNSCHEDULE, None
