"""Minimal main window: the programme of a committee-year, read-only (issue 3 builds it out)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QMainWindow, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from planner.db.database import Database
from planner.services.committees import list_committees
from planner.services.programme import programme


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"Forward Work Programme Planner — {db.label}")
        self.committees = QComboBox()
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            ["Date of Meeting", "Scrutiny Topic", "Description", "Outcome", "Method", "Officer(s) responsible"]
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.committees)
        layout.addWidget(self.table)
        self.setCentralWidget(body)
        with db.reading() as session:
            for c in list_committees(session):
                self.committees.addItem(f"{c.name} {c.municipal_year}", c.id)
        self.committees.currentIndexChanged.connect(self.show_programme)
        self.show_programme()
        self.resize(1200, 700)

    def show_programme(self) -> None:
        committee_id = self.committees.currentData()
        if committee_id is None:
            return
        with self.db.reading() as session:
            prog = programme(session, committee_id)
        rows = [*prog.scheduled, *prog.in_development]
        self.table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            for c, text in enumerate([t.when, t.title, t.description, t.outcome, t.method, t.officers]):
                self.table.setItem(r, c, QTableWidgetItem(text or ""))
