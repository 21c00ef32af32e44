"""A new committee (or a committee's next municipal year), with its council if that is new.

Without this a new, empty database is a dead end in the window: every other record
belongs to a committee. Undo removes the committee; a council created with it stays
(it is invisible without committees) and is reused when the command is redone.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from planner.enums import Nation
from planner.errors import ValidationError
from planner.services import committees
from ui.editing.checks import dry_run
from ui.editing.commands import CommandHost, EditCommand
from ui.editing.forms.base import FormContext, RecordForm
from ui.editing.forms.fields import ChoiceField, EditableChoiceField, LineField
from ui.editing.registry import shorten

COMMITTEE_VALUES = ("name", "municipal_year", "chairman", "vice_chairman")


def create_with_council(
    session: Session, values: dict[str, Any], committee_id: str | None = None
) -> str:
    """Create the committee (and its council when no council has that name); its id."""
    council_name = (values.get("council") or "").strip()
    if not council_name:
        raise ValidationError("council", "Say which council the committee belongs to.")
    council = next(
        (c for c in committees.list_councils(session) if c.name.lower() == council_name.lower()),
        None,
    )
    council_id = (
        council.id
        if council is not None
        else committees.create_council(
            session, name=council_name, nation=values.get("nation") or Nation.ENGLAND
        ).id
    )
    rest = {k: values[k] for k in COMMITTEE_VALUES if values.get(k) is not None}
    return committees.create_committee(session, council_id, record_id=committee_id, **rest).id


class NewCommittee(EditCommand):
    def __init__(self, host: CommandHost, values: dict[str, Any]) -> None:
        name = shorten(str(values.get("name") or ""))
        year = values.get("municipal_year") or ""
        super().__init__(host, f"Add committee '{name}' {year}".rstrip(), ["committee"])
        self.values = dict(values)
        self.committee_id = str(uuid.uuid4())

    def apply(self, session: Session) -> None:
        create_with_council(session, self.values, self.committee_id)

    def revert(self, session: Session) -> None:
        committees.delete_committee(session, self.committee_id)


class NewCommitteeForm(RecordForm):
    kind = "new_committee"
    noun = "committee"

    def build(self) -> None:
        councils = self.context.extra.get("councils", ())
        self.add(
            EditableChoiceField("council", "Council", councils, "e.g. Surrey County Council"),
            ChoiceField(
                "nation",
                "Nation (a new council)",
                [("England", Nation.ENGLAND), ("Wales", Nation.WALES)],
                "Sets the legal deadlines: 5 clear working days in England, 3 in Wales",
            ),
            LineField("name", "Committee", "e.g. Children and Education Select Committee"),
            LineField("municipal_year", "Municipal year", "e.g. 2019/20"),
            LineField("chairman", "Chairman"),
            LineField("vice_chairman", "Vice-Chairman"),
        )


def new_committee_form(
    host: Any, defaults: dict[str, Any], parent: QWidget | None
) -> NewCommitteeForm:
    """The form, its council choices and a dry-run validator over ``host.db``."""
    names = host.read(lambda s: [c.name for c in committees.list_councils(s)])

    def validate(values: dict[str, Any]) -> None:
        dry_run(host.db, lambda s: create_with_council(s, values))

    context = FormContext("", validate=validate, extra={"councils": tuple(names)})
    return NewCommitteeForm(context, None, defaults, parent)


def next_year(year: str) -> str | None:
    """ "2018/19" -> "2019/20"."""
    try:
        start = int(year.split("/")[0])
    except (ValueError, IndexError):
        return None
    return f"{start + 1}/{(start + 2) % 100:02d}"


def next_year_defaults(session: Session, committee_id: str | None) -> dict[str, Any]:
    """A new committee starts as the shown committee's next municipal year."""
    if committee_id is None:
        return {}
    c = committees.get_committee(session, committee_id)
    return {
        "council": c.council_name,
        "name": c.name,
        "municipal_year": next_year(c.municipal_year),
    }
