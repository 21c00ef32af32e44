"""Deleting a committee-year that holds nothing yet (one made by mistake, or a year that
will not run). The service refuses one with meetings, topics, groups or tracker
records: those are the council's record. Undo puts back the committee with the same
id, its details and its members (ids kept, so their history still reads)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from planner.services import committees
from planner.services.views import CommitteeView
from ui.editing.command_base import CommandHost, EditCommand
from ui.editing.registry import shorten

DETAILS = ("name", "municipal_year", "terms_of_reference", "contact_name", "contact_email",
           "contact_phone", "contact_room", "notes")  # fmt: skip
MEMBER_VALUES = ("name", "honorific", "role", "office", "representing", "position")


class DeleteCommittee(EditCommand):
    def __init__(self, host: CommandHost, view: CommitteeView) -> None:
        what = f"'{shorten(view.name)}' {view.municipal_year}"
        super().__init__(host, f"Delete committee {what}", ["committee"])
        self.view = view

    def apply(self, session: Session) -> None:
        expected = self.expected(self.view.id, self.view.version)
        self.view = committees.get_committee(session, self.view.id)  # as it is now, for undo
        committees.delete_committee(session, self.view.id, expected_version=expected)

    def revert(self, session: Session) -> None:
        view = self.view
        values = {name: getattr(view, name) for name in DETAILS}
        committees.create_committee(session, view.council_id, record_id=view.id, **values)
        for member in view.members:
            committees.add_member(
                session, view.id, record_id=member.id,
                **{name: getattr(member, name) for name in MEMBER_VALUES},
            )  # fmt: skip
        self.wrote(committees.get_committee(session, view.id))
