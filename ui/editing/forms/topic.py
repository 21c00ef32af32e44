"""The form for a scrutiny topic (a row of the programme)."""

from __future__ import annotations

from typing import Any

from planner.enums import METHODS, TopicSource, TopicStatus
from ui.editing.forms.base import RecordForm, choices_of, exempt_choices
from ui.editing.forms.fields import (
    CheckField,
    ChoiceField,
    EditableChoiceField,
    LineField,
    TextField,
)

UNPLACED = (TopicStatus.PROPOSED, TopicStatus.IN_DEVELOPMENT)


class TopicForm(RecordForm):
    kind = "topic"
    noun = "topic"
    aliases = {"reason": "deferral_reason"}  # noqa: RUF012

    def build(self) -> None:
        self.page("Topic")
        self.meeting = ChoiceField("meeting_id", "Meeting", self.context.meeting_choices())
        self.timing = LineField("timing", "Loose timing", "e.g. Spring 2019 or TBC")
        self.status = ChoiceField("status", "Status", choices_of(TopicStatus))
        self.add(
            LineField("title", "Title"),
            self.meeting,
            self.timing,
            TextField("description", "Description", "What the item is for"),
            TextField("outcome", "Outcome", "What the committee wants to achieve"),
            EditableChoiceField("method", "Method", METHODS, "e.g. Formal report"),
            self.status,
        )
        self.page("People and access")
        self.add(
            TextField("officers", "Officer(s) responsible", lines=2),
            LineField("cabinet_member", "Cabinet Member"),
            TextField("witnesses", "Witnesses", lines=2),
            ChoiceField("source", "Source", choices_of(TopicSource, "Not recorded")),
            ChoiceField("exempt_paragraph", "Exempt (Part 2)", exempt_choices()),
            CheckField("substantive", "Substantive item (counts towards capacity)"),
            TextField("notes", "Notes"),
        )

    def initial(self) -> dict[str, Any]:
        return {"status": TopicStatus.PROPOSED, "substantive": True}

    def loaded(self) -> None:
        self.meeting.combo.currentIndexChanged.connect(self._meeting_changed)
        if self.view is None and self.meeting.value() and self.status.value() in UNPLACED:
            self.status.set_value(TopicStatus.SCHEDULED)
        self._enable_timing()

    def _meeting_changed(self) -> None:
        if self.view is None:  # a new topic follows its placement
            if self.meeting.value() and self.status.value() in UNPLACED:
                self.status.set_value(TopicStatus.SCHEDULED)
            elif not self.meeting.value() and self.status.value() == TopicStatus.SCHEDULED:
                self.status.set_value(TopicStatus.PROPOSED)
        self._enable_timing()

    def _enable_timing(self) -> None:
        self.timing.set_enabled(self.meeting.value() is None)

    def finish(self, values: dict[str, Any]) -> dict[str, Any]:
        if values["meeting_id"]:
            values["timing"] = None
        values["exempt"] = values["exempt_paragraph"] is not None
        return values
