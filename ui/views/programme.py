"""The Programme: topics by meeting, then loose timings, then In Development; drag a topic
onto another meeting (or use Move to meeting…) to reschedule it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QWidget

from planner.errors import PlannerError
from planner.services.committees import get_committee
from planner.services.deadlines import committee_calendar, late_reports
from ui.data import queries
from ui.models.programme import ProgrammeModel
from ui.views.base import ListView
from ui.views.destinations import choose_destination


class ProgrammeView(ListView):
    name = "programme"
    title = "Programme"
    noun = ("topic", "topics")
    model_class = ProgrammeModel
    row_lines = 3
    model: ProgrammeModel

    def __init__(self, controller: Any, undo_stack: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, undo_stack, parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAccessibleName("Programme title")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.list_layout.insertWidget(0, self.heading)
        self.model.move_handler = self.move_topics
        table = self.table
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.viewport().setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        table.setDragDropOverwriteMode(True)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.proxy.modelReset.connect(self._apply_spans)
        self.proxy.layoutChanged.connect(self._apply_spans)

    def reload(self) -> None:
        if self.db is None or self.committee_id is None:
            self.model.load([], [])
            self.heading.setText("")
            return
        with self.db.reading() as session:
            topics = queries.topic_rows(session, self.committee_id)
            meetings = queries.meeting_rows(session, self.committee_id)
            try:
                committee = get_committee(session, self.committee_id)
                late = late_reports(committee_calendar(session, self.committee_id))
            except PlannerError:
                committee, late = None, {}
        self.model.load(topics, meetings, late)
        if committee is not None:
            self.heading.setText(
                f"{committee.name} Forward Work Programme {committee.municipal_year}   "
                f"(Chairman: {committee.chairman or 'TBC'}, "
                f"Vice-Chairman: {committee.vice_chairman or 'TBC'})"
            )

    def _apply_spans(self, *args: Any) -> None:
        table = self.table
        table.clearSpans()
        columns = self.proxy.columnCount()
        height = table.fontMetrics().lineSpacing() + 14
        for source_row in self.model.section_rows():
            row = self.proxy.proxy_row(source_row)
            if row >= 0:
                table.setSpan(row, 0, 1, columns)
                table.setRowHeight(row, height)

    # -- editing ---------------------------------------------------------------------------
    def add_defaults(self) -> dict[str, Any]:
        row = self.current_row()
        if row < 0:
            return {}
        section = self.model.section_of(row)
        if section.meeting_id:
            return {"meeting_id": section.meeting_id}
        return {"timing": section.timing} if section.timing else {}

    def edit_row(self, source_row: int) -> None:
        if source_row >= 0 and self.model.is_section(source_row):
            section = self.model.section_of(source_row)
            if section.meeting_id:
                self.controller.edit("meeting", section.meeting_id)
            return
        super().edit_row(source_row)

    def move_topics(self, ids: list[str], meeting_id: str | None, timing: str | None) -> None:
        """Reschedule topics through the controller (which asks for a deferral's reason)."""
        if len(ids) > 1:
            self.undo_stack.beginMacro(f"Move {len(ids)} topics")
        try:
            for topic_id in ids:
                self.controller.move_topic(topic_id, meeting_id, timing)
        finally:
            if len(ids) > 1:
                self.undo_stack.endMacro()

    def move_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        title = "Move topic" if len(ids) == 1 else f"Move {len(ids)} topics"
        destination = choose_destination(self, self.model, title)
        if destination is not None:
            self.move_topics(ids, *destination)

    def context_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        move = menu.addAction("&Move to meeting…", self.move_selected)
        move.setShortcut(QKeySequence("Ctrl+M"))
        move.setEnabled(bool(self.selected_ids()))
