"""The form for a task and finish group, with its terms of reference and approvals."""

from __future__ import annotations

from typing import Any

from planner.enums import GroupStatus
from ui.editing.forms.base import RecordForm, choices_of, exempt_choices
from ui.editing.forms.fields import ChoiceField, DateField, LineField, ListField, TextField


class GroupForm(RecordForm):
    kind = "group"
    noun = "task group"

    def build(self) -> None:
        self.page("Group")
        self.add(
            LineField("title", "Topic"),
            TextField("description", "Aims", "What the group will look at", lines=2),
            TextField("outcome", "Outcome", lines=2),
            ListField("members", "Membership", "One member a line; blank for TBC", lines=3),
            LineField("lead_member", "Lead member"),
            DateField("start_date", "Start date"),
            DateField("projected_finish", "Projected finish"),
            ChoiceField("status", "Status", choices_of(GroupStatus)),
            ChoiceField("exempt_paragraph", "Exempt (Part 2)", exempt_choices()),
            TextField("notes", "Notes", lines=2),
        )
        self.page("Terms of reference")
        self.cosc = DateField("cosc_approved_on", "COSC approved on")
        self.cosc.input.setToolTip("Approved by the Corporate Overview Select Committee on")
        self.cosc.input.setAccessibleDescription(self.cosc.input.toolTip())
        self.add(
            TextField("objectives", "Objectives", lines=2),
            TextField("scope_outcomes", "Outcomes", lines=2),
            TextField("key_lines_of_enquiry", "Key lines of enquiry", lines=2),
            TextField("witnesses", "Witnesses", lines=2),
            TextField("evidence_methods", "Evidence methods", lines=2),
            TextField("key_dates", "Key dates", lines=2),
            TextField("equalities", "Equalities", lines=2),
            LineField("co_optees", "Co-optees"),
            DateField("completion_date", "Completion date"),
            DateField("committee_approved_on", "Committee approved on"),
            self.cosc,
        )

    def initial(self) -> dict[str, Any]:
        return {"status": GroupStatus.PROPOSED}

    def finish(self, values: dict[str, Any]) -> dict[str, Any]:
        values["exempt"] = values["exempt_paragraph"] is not None
        return values
