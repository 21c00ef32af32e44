"""The Committee: who sits on it, its chairs, terms of reference and contact officer."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from ui.models.members import MembersModel
from ui.views.base import ListView

if TYPE_CHECKING:  # dataclasses, slow to define: not needed to start
    from planner.services.views import CommitteeView as CommitteeRecord

SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def _value(accessible: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(SELECTABLE)
    label.setAccessibleName(accessible)
    return label


class CommitteeView(ListView):
    name = "committee"
    title = "Committee"
    noun = ("member", "members")
    model_class = MembersModel
    row_lines = 1
    model: MembersModel

    def build_layout(self) -> None:
        self.fields: dict[str, QLabel] = {}
        details = QWidget()
        column = QVBoxLayout(details)
        column.addWidget(self._group("Committee", [
            ("Council", "council"), ("Committee", "name"), ("Municipal year", "year"),
            ("Chairman", "chairman"), ("Vice-Chairman", "vice_chairman"),
        ]))  # fmt: skip
        column.addWidget(self._group("Contact officer", [
            ("Name", "contact_name"), ("Email", "contact_email"),
            ("Phone", "contact_phone"), ("Room", "contact_room"),
        ]))  # fmt: skip
        terms = QGroupBox("Terms of reference")
        self.terms = _value("Terms of reference")
        self.terms.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(terms).addWidget(self.terms)
        column.addWidget(terms)
        self.notes = _value("Notes")
        self.notes_box = QGroupBox("Notes")
        QVBoxLayout(self.notes_box).addWidget(self.notes)
        column.addWidget(self.notes_box)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("&Edit committee…")
        self.edit_button.clicked.connect(self.edit_committee)
        self.add_button = QPushButton("&Add member…")
        self.add_button.clicked.connect(self.add_record)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for an email address and a line of the terms of reference.
        scroll.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        members = QGroupBox("Members")
        members.setLayout(self.list_layout)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(members)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, key in rows:
            self.fields[key] = _value(f"{title}: {text}")
            form.addRow(f"{text}:", self.fields[key])
        return box

    def reload(self) -> None:
        committee: CommitteeRecord | None = None
        if self.db is not None and self.committee_id is not None:
            from planner.services.committees import get_committee  # imports SQLAlchemy

            with self.db.reading() as session:
                try:
                    committee = get_committee(session, self.committee_id)
                except PlannerError:
                    committee = None
        self.model.load(committee.members if committee else [])
        self._show(committee)

    def _show(self, c: CommitteeRecord | None) -> None:
        values: dict[str, Any] = {}
        if c is not None:
            values = {
                "council": c.council_name,
                "name": c.name,
                "year": c.municipal_year,
                "chairman": c.chairman or "TBC",
                "vice_chairman": c.vice_chairman or "TBC",
                "contact_name": c.contact_name,
                "contact_email": c.contact_email,
                "contact_phone": c.contact_phone,
                "contact_room": c.contact_room,
            }
        for key, label in self.fields.items():
            label.setText(values.get(key) or "—")
        terms = c.terms_of_reference if c else ()
        if terms:
            items = "".join(f"<li>{html.escape(t)}</li>" for t in terms)
            self.terms.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
        else:
            self.terms.setText("None recorded yet.")
        self.notes.setText(c.notes if c and c.notes else "")
        self.notes_box.setVisible(bool(c and c.notes))
        self.edit_button.setEnabled(c is not None)
        self.add_button.setEnabled(c is not None)

    def edit_committee(self) -> None:
        if self.committee_id is not None:
            self.controller.edit("committee", self.committee_id)
