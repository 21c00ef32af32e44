"""The Programme: topics by meeting, then loose timings, then In Development; drag a topic
onto another meeting (or use Move to meeting…) to reschedule it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QWidget

from planner.errors import PlannerError
from ui.models.programme import ProgrammeModel
from ui.views.base import ListView
from ui.views.destinations import choose_destination

SPAN_MARGIN = 60  # rows above and below the screen whose section rows are spanned


class ProgrammeView(ListView):
    name = "programme"
    title = "Programme"
    noun = ("topic", "topics")
    model_class = ProgrammeModel
    row_lines = 3
    model: ProgrammeModel
    _calendar_ready = False  # a calendar has been worked out in this run

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
        self._spans_at: list[int] = []  # proxy rows of the sections (custom height)
        self._spanned: list[int] = []  # those of them spanned now (near the screen)
        table.verticalScrollBar().valueChanged.connect(self._span_visible)
        self._late_pending = False
        table.viewport().installEventFilter(self)
        self.proxy.modelReset.connect(self._apply_spans)
        self.proxy.layoutChanged.connect(self._layout_changed)

    def reload(self) -> None:
        if self.db is None or self.committee_id is None:
            self.model.load([], [])
            self.heading.setText("")
            return
        # With SQLAlchemy: imported after the first paint (ui/opening.py).
        from planner.services.committees import get_committee
        from ui.data import queries

        late: dict[str, str] | None = {}
        with self.db.reading() as session:
            topics = queries.topic_rows(session, self.committee_id)
            meetings = queries.meeting_rows(session, self.committee_id)
            try:
                committee = get_committee(session, self.committee_id)
                late = self._late_reports(session) if ProgrammeView._calendar_ready else None
            except PlannerError:
                committee, late = None, {}
        self.model.load(topics, meetings, late or {})
        # The first calendar of a run loads the bank holidays (about 0.1 s): paint the
        # programme first and mark late reports straight after (see eventFilter).
        self._late_pending = late is None
        if committee is not None:
            self._set_heading(committee)

    def show_snapshot(self, snapshot: Any) -> None:
        """Start-up: the programme read before the database is open (read-only; the
        view reloads when the database arrives)."""
        self.model.load(snapshot.topics, snapshot.meetings)
        self._set_heading(snapshot.heading)

    def _set_heading(self, committee: Any) -> None:
        if committee is None:
            self.heading.setText("")
            return
        self.heading.setText(
            f"{committee.name} Forward Work Programme {committee.municipal_year}   "
            f"(Chairman: {committee.chairman or 'TBC'}, "
            f"Vice-Chairman: {committee.vice_chairman or 'TBC'})"
        )

    def _late_reports(self, session: Any) -> dict[str, str]:
        assert self.committee_id is not None
        # Imported when first needed: the calendar code is not needed to start.
        from planner.services.deadlines import committee_calendar, late_reports

        late = late_reports(committee_calendar(session, self.committee_id))
        ProgrammeView._calendar_ready = True
        return late

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            self._late_pending
            and watched is self.table.viewport()
            and event.type() == QEvent.Type.Paint
        ):
            self._late_pending = False
            QTimer.singleShot(0, self._mark_late_reports)
        return super().eventFilter(watched, event)

    def _mark_late_reports(self) -> None:
        if self.db is None or self.committee_id is None:
            return
        try:
            with self.db.reading() as session:
                late = self._late_reports(session)
        except PlannerError:
            return
        if late:
            self.load(self.db, self.committee_id)  # keeps the selection

    def _apply_spans(self, *args: Any) -> None:
        table = self.table
        height = table.fontMetrics().lineSpacing() + 14
        rows = self.proxy.section_proxy_rows()
        # With updates on, each height change works out every row's position again:
        # 0.15 s for a programme of 100,000 topics, against 3 ms this way.
        # Signals blocked too: each height change would queue a repaint of its row
        # after the first paint, so the table painted twice per keystroke.
        header = table.verticalHeader()
        header.setUpdatesEnabled(False)
        blocked = header.blockSignals(True)
        try:
            for row in rows:
                table.setRowHeight(row, height)
        finally:
            header.blockSignals(blocked)
            header.setUpdatesEnabled(True)
        self._spans_at = rows
        self._spanned = []
        self._span_visible()
        self._layout_now()  # the new heights, before the first paint (see ListView)

    def _span_visible(self, *args: Any) -> None:
        """Span the section rows on and near the screen only: spanning all of them
        (4,387 in a programme of 100,000 topics) cost 10 ms on every keystroke."""
        table = self.table
        rows = self._spans_at
        top = max(0, table.rowAt(0))
        bottom = table.rowAt(table.viewport().height() - 1)
        if bottom < 0:
            bottom = self.proxy.rowCount() - 1
        near = bisect_left(rows, top - SPAN_MARGIN), bisect_right(rows, bottom + SPAN_MARGIN)
        wanted = rows[near[0] : near[1]]
        if wanted == self._spanned:
            return
        table.clearSpans()
        columns = self.proxy.columnCount()
        for row in wanted:
            table.setSpan(row, 0, 1, columns)
        self._spanned = wanted

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._span_visible()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._span_visible()

    def _layout_changed(self, *args: Any) -> None:
        # Sorting keeps section rows where they are: nothing to redo then.
        if self.proxy.section_proxy_rows() != self._spans_at:
            self._apply_spans()

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
        if self.controller is not None and source_row >= 0 and self.model.is_section(source_row):
            section = self.model.section_of(source_row)
            if section.meeting_id:
                self.controller.edit("meeting", section.meeting_id)
            return
        super().edit_row(source_row)

    def move_topics(self, ids: list[str], meeting_id: str | None, timing: str | None) -> None:
        """Reschedule topics through the controller (which asks for a deferral's reason)."""
        if self.controller is None:  # start-up: the database is not open yet
            return
        if len(ids) > 1:
            self.undo_stack.beginMacro(f"Move {len(ids)} topics")
        try:
            for topic_id in ids:
                self.controller.move_topic(
                    topic_id, meeting_id, timing, seen=self._shown_placement(topic_id)
                )
        finally:
            if len(ids) > 1:
                self.undo_stack.endMacro()

    def _shown_placement(self, topic_id: str) -> dict[str, Any] | None:
        """Where the list shows the topic: a move is checked against it."""
        row = self.model.row_of(topic_id)
        if row < 0:
            return None
        section = self.model.section_of(row)
        return {"meeting_id": section.meeting_id, "timing": section.timing}

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
