"""Search every committee and year: "which topics have we looked at before?"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.db.database import Database
from ui.models.proxy import KeyProxy
from ui.models.search import SearchModel
from ui.search_runner import Found, SearchJob


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
        # Enter searches once, through returnPressed: were a button the dialog's default,
        # Enter would click it too (a second search), and Enter on a result would search
        # again or close the dialog after opening it.
        go.setAutoDefault(False)
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
        self.busy = QProgressBar()  # no range: "busy", moving while the worker searches
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Searching")
        self.busy.setMaximumWidth(20 * self.fontMetrics().averageCharWidth())
        self.busy.hide()
        self.cancel = QPushButton("&Cancel Search")
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.cancel_search)
        self.cancel.hide()
        status = QHBoxLayout()
        status.addWidget(self.summary, 1)
        status.addWidget(self.busy)
        status.addWidget(self.cancel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(status)
        layout.addWidget(buttons)
        self.number = 0  # the latest search's; an answer to an older one is dropped
        self.searching: str | None = None  # the words being searched for
        self.jobs: list[SearchJob] = []
        self.answered: set[int] = set()  # numbers of the jobs whose answer has arrived
        char_width = self.fontMetrics().averageCharWidth()
        self.resize(120 * char_width, 30 * self.fontMetrics().lineSpacing())

    def set_database(self, db: Database) -> None:
        self._stop()  # a search of the old database answers nothing now
        self.db = db
        self.model.load([])
        self.summary.setText("Type words and press Enter.")

    def search(self) -> None:
        """Start searching in a worker; a search still running is superseded."""
        words = self.words.text().strip()
        self._stop()
        if not words:
            self.model.load([])
            self.summary.setText("Type words and press Enter.")
            return
        job = SearchJob(self.db, words, self.number)
        job.signals.done.connect(self._found)
        job.signals.failed.connect(self._failed)
        # Kept (with its signals) until a later search, once answered: the pool holds no
        # Python reference, and its run() may still be returning when the answer arrives.
        self.jobs = [j for j in self.jobs if j.number not in self.answered] + [job]
        self.answered.intersection_update(j.number for j in self.jobs)
        self.searching = words
        self.summary.setText(f"Searching for '{words}'…")
        self.busy.show()
        self.cancel.show()
        QThreadPool.globalInstance().start(job)

    def cancel_search(self) -> None:
        words = self.searching
        self._stop()
        if words is not None:
            self.summary.setText(f"Stopped searching for '{words}'.")

    def _stop(self) -> None:
        if self.jobs:
            self.jobs[-1].stop.set()  # the latest job: any before it was stopped already
        self.number += 1
        self.searching = None
        self.busy.hide()
        self.cancel.hide()

    def _found(self, found: Found) -> None:
        self.answered.add(found.number)
        if found.number != self.number:
            return  # superseded or cancelled
        self._stop()
        self.proxy.offer(found.prepared)  # ranks and index made in the worker
        self.model.set_rows(found.rows, found.texts)
        self.summary.setText(
            f"{len(found.rows)} topic(s) in {found.committees} committee-year(s); "
            "press Enter on a result to open it in the programme."
            if found.rows
            else f"No topic mentions '{found.words}'."
        )

    def _failed(self, number: int, message: str) -> None:
        self.answered.add(number)
        if number != self.number:
            return
        self._stop()
        self.summary.setText(message)  # the server went away: say so, Enter tries again

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.source_row(index.row())
        self.open_topic.emit(self.model.committee_of(row), self.model.rows()[row].id)
