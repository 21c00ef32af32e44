"""Forms for meetings, actions, members, member activities and the committee itself."""

from __future__ import annotations

from typing import Any

from planner.enums import MeetingStatus, MemberRole, Office
from ui.editing.forms.base import RecordForm, choices_of
from ui.editing.forms.fields import (
    CheckField,
    ChoiceField,
    DateField,
    EditableChoiceField,
    IntegerField,
    LineField,
    ListField,
    TextField,
    TimeField,
)

HONORIFICS = ("Cllr", "Mr", "Mrs", "Miss", "Ms", "Dr", "Revd")


class MeetingForm(RecordForm):
    kind = "meeting"
    noun = "meeting"

    def build(self) -> None:
        self.add(
            DateField("date", "Date"),
            TimeField("start_time", "Start time"),
            LineField("place", "Place", "e.g. Ashcombe Suite, County Hall"),
            ChoiceField("status", "Status", choices_of(MeetingStatus)),
            IntegerField(
                "capacity", "Capacity", "Substantive items; blank: the council's usual number"
            ),
            TextField("notes", "Notes"),
        )

    def initial(self) -> dict[str, Any]:
        return {"status": MeetingStatus.SCHEDULED}


class ActionForm(RecordForm):
    kind = "action"
    noun = "action"

    def build(self) -> None:
        self.done_box = CheckField("done", "Done")
        self.done_on = DateField("done_on", "Done on", "Blank: today")
        self.add(
            ChoiceField("meeting_id", "Meeting", self.context.meeting_choices()),
            TextField("text", "Action", "e.g. The Chairman to circulate the figures", lines=3),
            LineField("owner", "Owner"),
            DateField("due", "Due"),
            self.done_box,
            self.done_on,
            TextField("notes", "Notes", lines=2),
        )

    def loaded(self) -> None:
        self.done_box.box.toggled.connect(self._enable_done_on)
        self._enable_done_on()

    def _enable_done_on(self) -> None:
        self.done_on.set_enabled(self.done_box.value())

    def finish(self, values: dict[str, Any]) -> dict[str, Any]:
        if not values["done"]:
            values["done_on"] = None
        return values


class MemberForm(RecordForm):
    kind = "member"
    noun = "member"

    def build(self) -> None:
        self.add(
            LineField("name", "Name"),
            EditableChoiceField("honorific", "Honorific", HONORIFICS, "e.g. Mrs"),
            ChoiceField("role", "Role", choices_of(MemberRole)),
            ChoiceField("office", "Office", choices_of(Office, "None")),
            LineField("representing", "Representing", "e.g. Diocesan representative"),
        )

    def initial(self) -> dict[str, Any]:
        return {"role": MemberRole.ELECTED}


class ActivityForm(RecordForm):
    kind = "activity"
    noun = "member activity"

    def build(self) -> None:
        self.add(
            EditableChoiceField("kind", "Activity", ("Practice conversation",)),
            EditableChoiceField("member", "Member", self.context.member_names),
            LineField("quarter", "Quarter", "e.g. Q3 2018/19"),
            DateField("date", "Date"),
            LineField("location", "Location"),
            LineField("practitioner", "Practitioner"),
            TextField("notes", "Notes", lines=2),
        )

    def initial(self) -> dict[str, Any]:
        return {"kind": "Practice conversation"}


class CommitteeForm(RecordForm):
    kind = "committee"
    noun = "committee"

    def build(self) -> None:
        self.add(
            LineField("name", "Name"),
            LineField("municipal_year", "Municipal year", "e.g. 2018/19"),
            ListField("terms_of_reference", "Terms of reference", "One service area a line", 5),
            LineField("contact_name", "Contact officer"),
            LineField("contact_email", "Email"),
            LineField("contact_phone", "Phone"),
            LineField("contact_room", "Room"),
            TextField("notes", "Notes", lines=2),
        )
