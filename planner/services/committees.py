"""Councils, committees and their members."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.dates import parse_municipal_year
from planner.db.models import Committee, CommitteeMember, Council, new_id
from planner.enums import MemberRole, Nation, Office
from planner.errors import ValidationError
from planner.services import fields as f
from planner.services.concurrency import delete_record, edit_record
from planner.services.lookup import get
from planner.services.name_match import same_name
from planner.services.views import CommitteeView, CouncilView, MemberView

COUNCIL_FIELDS: dict[str, f.Coercer] = {
    "name": f.required_text,
    "nation": f.enum_value(Nation, optional=False),
}
COMMITTEE_FIELDS: dict[str, f.Coercer] = {
    "name": f.required_text,
    "municipal_year": lambda field, v: parse_municipal_year(f.required_text(field, v)),
    "terms_of_reference": f.string_list,
    "contact_name": f.text,
    "contact_email": f.text,
    "contact_phone": f.text,
    "contact_room": f.text,
    "notes": f.text,
}
MEMBER_FIELDS: dict[str, f.Coercer] = {
    "name": f.required_text,
    "honorific": f.text,
    "role": f.enum_value(MemberRole, optional=False),
    "office": f.enum_value(Office),
    "representing": f.text,
    "position": f.integer,
}


def council_view(c: Council) -> CouncilView:
    return CouncilView(c.id, c.name, c.nation, c.version)


def member_view(m: CommitteeMember) -> MemberView:
    return MemberView(
        m.id,
        m.committee_id,
        m.name,
        m.honorific,
        m.role,
        m.office,
        m.representing,
        m.position,
        m.version,
    )


def committee_view(c: Committee) -> CommitteeView:
    members = tuple(member_view(m) for m in sorted(c.members, key=lambda m: m.position))

    def holder(office: Office) -> str | None:
        return next((m.name for m in members if m.office == office), None)

    return CommitteeView(
        id=c.id,
        council_id=c.council_id,
        council_name=c.council.name,
        name=c.name,
        municipal_year=c.municipal_year,
        chairman=holder(Office.CHAIRMAN),
        vice_chairman=holder(Office.VICE_CHAIRMAN),
        terms_of_reference=tuple(c.terms_of_reference or ()),
        contact_name=c.contact_name,
        contact_email=c.contact_email,
        contact_phone=c.contact_phone,
        contact_room=c.contact_room,
        notes=c.notes,
        members=members,
        version=c.version,
    )


def _check_council_unique(session: Session, council: Council) -> None:
    clash = session.scalars(
        select(Council)
        .where(same_name(Council.name, council.name), Council.id != council.id)
        .execution_options(autoflush=False)  # check before the change reaches the table
    ).first()
    if clash:
        raise ValidationError("name", f"There is already a council called '{council.name}'.")


def create_council(session: Session, record_id: str | None = None, **values: Any) -> CouncilView:
    council = Council(id=record_id or new_id(), settings={})
    f.apply(council, COUNCIL_FIELDS, {"nation": Nation.ENGLAND, **values})
    _check_council_unique(session, council)
    session.add(council)
    session.flush()
    return council_view(council)


def _named(record: Any) -> str:
    return f"'{record.name}'"


def _remover(session: Session, check: Callable[[Any], None] | None = None) -> Callable[[Any], None]:
    def remove(record: Any) -> None:
        if check is not None:
            check(record)
        session.delete(record)
        session.flush()

    return remove


def update_council(
    session: Session,
    council_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> CouncilView:
    def write(council: Council) -> CouncilView:
        f.apply(council, COUNCIL_FIELDS, changes)
        _check_council_unique(session, council)
        session.flush()
        return council_view(council)

    return edit_record(
        session, Council, "council", council_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=council_view, name=_named,
        spec=COUNCIL_FIELDS,
    )  # fmt: skip


def delete_council(
    session: Session, council_id: str, *, expected_version: int | None = None
) -> None:
    """Only a council without committees can go."""

    def check(council: Council) -> None:
        if council.committees:
            raise ValidationError("council", f"{council.name} still has committees.")

    delete_record(
        session, Council, "council", council_id, expected_version=expected_version,
        remove=_remover(session, check), view=council_view, name=_named,
    )  # fmt: skip


def get_council(session: Session, council_id: str) -> CouncilView:
    return council_view(get(session, Council, council_id, "council"))


def list_councils(session: Session) -> list[CouncilView]:
    return [council_view(c) for c in session.scalars(select(Council).order_by(Council.name))]


def _check_committee_unique(session: Session, committee: Committee) -> None:
    clash = session.scalars(
        select(Committee)
        .where(
            Committee.council_id == committee.council_id,
            same_name(Committee.name, committee.name),
            Committee.municipal_year == committee.municipal_year,
            Committee.id != committee.id,
        )
        .execution_options(autoflush=False)  # check before the change reaches the table
    ).first()
    if clash:
        raise ValidationError(
            "name",
            f"{committee.name} already exists for {committee.municipal_year}.",
        )


def create_committee(
    session: Session,
    council_id: str,
    *,
    chairman: str | None = None,
    vice_chairman: str | None = None,
    record_id: str | None = None,
    **values: Any,
) -> CommitteeView:
    get(session, Council, council_id, "council")
    committee = Committee(id=record_id or new_id(), council_id=council_id, terms_of_reference=[])
    f.apply(committee, COMMITTEE_FIELDS, values)
    if not committee.name or not committee.municipal_year:
        missing = "name" if not committee.name else "municipal_year"
        raise ValidationError(missing, f"A committee needs a {f.human(missing)}.")
    _check_committee_unique(session, committee)
    session.add(committee)
    session.flush()
    _set_chairs(session, committee, chairman, vice_chairman)
    session.refresh(committee)
    return committee_view(committee)


def update_committee(
    session: Session,
    committee_id: str,
    *,
    chairman: str | None = None,
    vice_chairman: str | None = None,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> CommitteeView:
    def write(committee: Committee) -> CommitteeView:
        f.apply(committee, COMMITTEE_FIELDS, changes)
        _check_committee_unique(session, committee)
        _set_chairs(session, committee, chairman, vice_chairman)
        session.flush()
        session.refresh(committee)
        return committee_view(committee)

    chairs = {"chairman": chairman, "vice_chairman": vice_chairman}
    watched = {**changes, **{k: v for k, v in chairs.items() if v is not None}}
    return edit_record(
        session, Committee, "committee", committee_id, expected_version=expected_version,
        original=original, changes=watched,
        write=write, view=committee_view, name=_committee_name, spec=COMMITTEE_FIELDS,
        value_of=_committee_value,
    )  # fmt: skip


def _committee_name(c: Committee) -> str:
    return f"{c.name} {c.municipal_year}"


def _committee_value(c: Committee, field: str) -> Any:
    """Chairs are members' offices, not columns: compare them as the view shows them."""
    if field in ("chairman", "vice_chairman"):
        return getattr(committee_view(c), field)
    return getattr(c, field)


def _set_chairs(
    session: Session, committee: Committee, chairman: str | None, vice: str | None
) -> None:
    for office, name in ((Office.CHAIRMAN, chairman), (Office.VICE_CHAIRMAN, vice)):
        if name is None:
            continue
        name = name.strip()
        for member in committee.members:
            if member.office == office and member.name != name:
                member.office = None
        if not name:
            continue
        holder = next((m for m in committee.members if m.name.lower() == name.lower()), None)
        if holder is None:
            holder = CommitteeMember(
                name=name, role=MemberRole.ELECTED, position=len(committee.members)
            )
            committee.members.append(holder)
        holder.office = office
    session.flush()


def get_committee(session: Session, committee_id: str) -> CommitteeView:
    return committee_view(get(session, Committee, committee_id, "committee"))


def list_committees(session: Session, council_id: str | None = None) -> list[CommitteeView]:
    query = (
        select(Committee)
        .join(Committee.council)
        .order_by(Council.name, Committee.name, Committee.municipal_year)
    )
    if council_id:
        query = query.where(Committee.council_id == council_id)
    return [committee_view(c) for c in session.scalars(query).unique()]


def delete_committee(
    session: Session, committee_id: str, *, expected_version: int | None = None
) -> None:
    """Only an empty committee-year can go: its programme is the council's record."""
    from planner.db.models import Action, Meeting, MemberActivity, Recommendation, TaskGroup, Topic

    held = (
        (Meeting, "meetings"), (Topic, "topics"), (TaskGroup, "task groups"),
        (Recommendation, "recommendations"), (Action, "actions"),
        (MemberActivity, "member activities"),
    )  # fmt: skip

    def check(committee: Committee) -> None:
        for model, what in held:
            if session.scalars(select(model.id).where(model.committee_id == committee_id)).first():
                raise ValidationError(
                    "committee", f"{committee.name} {committee.municipal_year} still has {what}."
                )

    delete_record(
        session, Committee, "committee", committee_id, expected_version=expected_version,
        remove=_remover(session, check), view=committee_view, name=_committee_name,
    )  # fmt: skip


def add_member(
    session: Session, committee_id: str, record_id: str | None = None, **values: Any
) -> MemberView:
    committee = get(session, Committee, committee_id, "committee")
    member = CommitteeMember(
        id=record_id or new_id(), role=MemberRole.ELECTED, position=len(committee.members)
    )
    f.apply(member, MEMBER_FIELDS, values)
    if not member.name:
        raise ValidationError("name", "A member needs a name.")
    committee.members.append(member)
    _one_holder(committee, member)
    session.flush()
    return member_view(member)


def get_member(session: Session, member_id: str) -> MemberView:
    return member_view(get(session, CommitteeMember, member_id, "member"))


def update_member(
    session: Session,
    member_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> MemberView:
    def write(member: CommitteeMember) -> MemberView:
        f.apply(member, MEMBER_FIELDS, changes)
        _one_holder(member.committee, member)
        session.flush()
        return member_view(member)

    return edit_record(
        session, CommitteeMember, "member", member_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=member_view, name=_named,
        spec=MEMBER_FIELDS,
    )  # fmt: skip


def remove_member(session: Session, member_id: str, *, expected_version: int | None = None) -> None:
    delete_record(
        session, CommitteeMember, "member", member_id, expected_version=expected_version,
        remove=_remover(session), view=member_view, name=_named,
    )  # fmt: skip


delete_member = remove_member  # every kind has its delete_<kind>


def _one_holder(committee: Committee, holder: CommitteeMember) -> None:
    """A committee has one Chairman and one Vice-Chairman at a time."""
    if holder.office is None:
        return
    for other in committee.members:
        if other is not holder and other.office == holder.office:
            other.office = None


def set_members(
    session: Session, committee_id: str, members: Sequence[dict[str, Any]]
) -> CommitteeView:
    """Replace the membership list in one go (used by the demo loader and forms)."""
    committee = get(session, Committee, committee_id, "committee")
    committee.members.clear()
    session.flush()
    for position, values in enumerate(members):
        add_member(session, committee_id, position=position, **values)
    session.refresh(committee)
    return committee_view(committee)
