"""The form for a recommendation and the executive's response to it."""

from __future__ import annotations

from planner.enums import Agreed, RecStatus
from ui.editing.forms.base import RecordForm, choices_of
from ui.editing.forms.fields import ChoiceField, DateField, IntegerField, LineField, TextField


class RecommendationForm(RecordForm):
    kind = "recommendation"
    noun = "recommendation"

    def build(self) -> None:
        self.page("Recommendation")
        self.add(
            ChoiceField("meeting_id", "Meeting", self.context.meeting_choices()),
            IntegerField("item_number", "Minute item number", "e.g. 7 (item 7 in 2018 is 7/18)"),
            LineField(
                "reference", "Reference", "Blank: from the item number, or e.g. SR (25/26) 01"
            ),
            TextField("text", "Recommendation", lines=4),
            LineField("addressed_to", "Addressed to", "Cabinet Member, Strategic Director…"),
            DateField("response_due", "Response due", "Blank: two months after the meeting"),
            DateField("next_review", "Next review"),
        )
        self.page("Response")
        self.status = ChoiceField("status", "Status", choices_of(RecStatus, "Not yet assessed"))
        self.slipped_to = DateField("slipped_to", "Slipped to", "The new date")
        self.slipped_reason = LineField("slipped_reason", "Reason it slipped")
        self.add(
            TextField("response", "Response", lines=4),
            ChoiceField("agreed", "Agreed", choices_of(Agreed, "Not yet answered")),
            self.status,
            self.slipped_to,
            self.slipped_reason,
            TextField("notes", "Notes", lines=3),
        )

    def loaded(self) -> None:
        self.status.combo.currentIndexChanged.connect(self._enable_slipped)
        self._enable_slipped()

    def _enable_slipped(self) -> None:
        slipped = self.status.value() == RecStatus.SLIPPED
        self.slipped_to.set_enabled(slipped)
        self.slipped_reason.set_enabled(slipped)
