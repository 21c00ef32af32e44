"""Meetings of the committee-year; cancelling one offers to move its topics."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu

from planner.enums import MeetingStatus
from planner.errors import PlannerError
from ui import prompts
from ui.models.meetings import MeetingsModel
from ui.models.programme import ProgrammeModel
from ui.views.base import ListView
from ui.views.destinations import choose_destination


class MeetingsView(ListView):
    name = "meetings"
    title = "Meetings"
    noun = ("meeting", "meetings")
    model_class = MeetingsModel
    model: MeetingsModel

    def set_controller(self, controller: Any) -> None:
        super().set_controller(controller)
        controller.meeting_rescheduled.connect(self._rescheduled_in_form)

    def _rescheduled_in_form(self, meeting_id: str, name: str) -> None:
        self._offer_move(meeting_id, name, ask_first=True)

    def reload(self) -> None:
        if self.db is None or self.committee_id is None:
            self.model.load([])
            return
        from ui.data import queries  # with SQLAlchemy, after the first paint

        with self.db.reading() as session:
            rows = queries.meeting_rows(session, self.committee_id)
            try:
                # Imported when first needed: the calendar code is not needed to start.
                from planner.services.deadlines import committee_calendar

                calendar = committee_calendar(session, self.committee_id)
            except PlannerError as exc:  # e.g. a council's broken deadline settings
                self.controller.error.emit(str(exc))
                calendar = None
        found = {d.meeting.id: d for d in calendar.meetings} if calendar else {}
        self.model.load(rows, found)

    def _topic_ids(self, meeting_id: str) -> list[str]:
        assert self.db is not None
        from ui.data import queries

        with self.db.reading() as session:
            return queries.meeting_topic_ids(session, meeting_id)

    def cancel_current(self) -> None:
        """Mark the meeting cancelled, then offer to move its topics elsewhere."""
        row = self.current_row()
        if row < 0:
            return
        meeting_id = self.model.rows()[row].id
        name = self.model.rows()[row].cells[0]
        self.undo_stack.beginMacro(f"Cancel meeting of {name}")
        try:
            if self.controller.set_field("meeting", meeting_id, "status", MeetingStatus.CANCELLED):
                self._offer_move(meeting_id, name, ask_first=True)
        finally:
            self.undo_stack.endMacro()

    def move_topics_of_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            record = self.model.rows()[row]
            self._offer_move(record.id, record.cells[0], ask_first=False)

    def _offer_move(self, meeting_id: str, name: str, ask_first: bool) -> None:
        topics = self._topic_ids(meeting_id)
        if not topics:
            return
        if ask_first and not prompts.ask(
            self,
            "Move its topics?",
            f"The meeting of {name} has {len(topics)} topic(s). Move them to another meeting?",
        ):
            return
        from ui.data import queries

        programme = ProgrammeModel()
        with self.db.reading() as session:  # type: ignore[union-attr]
            programme.load(
                queries.topic_rows(session, self.committee_id),  # type: ignore[arg-type]
                queries.meeting_rows(session, self.committee_id),  # type: ignore[arg-type]
            )
        destination = choose_destination(
            self, programme, f"Move the topics of {name}", exclude_meeting=meeting_id
        )
        if destination is None:
            return
        for topic_id in topics:
            self.controller.move_topic(topic_id, destination[0], destination[1])

    def context_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        row = self.current_row()
        record: Any = self.model.rows()[row] if row >= 0 else None
        cancel = menu.addAction("&Cancel meeting…", self.cancel_current)
        cancel.setEnabled(record is not None and record.extra[0] != MeetingStatus.CANCELLED)
        move = menu.addAction("Move its &topics…", self.move_topics_of_current)
        move.setEnabled(record is not None and self.model.topic_count(row) > 0)
