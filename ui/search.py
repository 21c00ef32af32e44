"""Search every committee and year: "which topics have we looked at before?"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.db.database import Database
from planner.errors import ConnectionLostError
from planner.services.topics import search_topics
from ui.models.proxy import KeyProxy
from ui.models.search import SearchModel


class SearchDialog(QDialog):
    open_topic = Signal(str, str)  # committee id, topic id

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Search all committees and years")
        self.words = QLineEdit()
        self.words.setPlaceholderText("Words in a topic's title, description or outcome")
        self.words.setAccessibleName("Search words")
        self.words.returnPressed.connect(self.search)
        go = QPushButton("&Search")
        go.clicked.connect(self.search)
        label = QLabel("&Find topics:")
        label.setBuddy(self.words)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.words, 1)
        row.addWidget(go)
        self.model = SearchModel(self)
        self.proxy = KeyProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Search results")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            2 * self.table.fontMetrics().lineSpacing() + 10
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        char = self.table.fontMetrics().averageCharWidth()
        for column, width in enumerate(self.model.widths):
            self.table.setColumnWidth(column, width * char + 12)
        self.summary = QLabel("Type words and press Enter.")
        self.summary.setAccessibleName("Search summary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        char_width = self.fontMetrics().averageCharWidth()
        self.resize(120 * char_width, 30 * self.fontMetrics().lineSpacing())

    def set_database(self, db: Database) -> None:
        self.db = db
        self.model.load([])

    def search(self) -> None:
        words = self.words.text().strip()
        if not words:
            self.model.load([])
            self.summary.setText("Type words and press Enter.")
            return
        try:
            with self.db.reading() as session:
                found = search_topics(session, words)
        except ConnectionLostError as exc:  # the server went away: say so, Enter tries again
            self.summary.setText(str(exc))
            return
        self.model.load(found)
        committees = len({(t.committee_name, t.municipal_year) for t in found})
        self.summary.setText(
            f"{len(found)} topic(s) in {committees} committee-year(s); "
            "press Enter on a result to open it in the programme."
            if found
            else f"No topic mentions '{words}'."
        )

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.source_row(index.row())
        self.open_topic.emit(self.model.committee_of(row), self.model.rows()[row].id)
