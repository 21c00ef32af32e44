"""What the editing layer knows about each kind of record: its services and fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from planner.dates import format_date
from planner.enums import Office
from planner.errors import NotFoundError
from planner.services import actions, committees, groups, meetings, recommendations, topics
from planner.services.views import ActivityView, MemberView

Getter = Callable[[Session, str], Any]


@dataclass(frozen=True)
class Kind:
    name: str  # what ``changed`` carries
    noun: str  # how command texts and questions name one
    plural: str
    get: Getter
    update: Callable[..., Any]
    fields: tuple[str, ...]  # editable fields, all readable on the view
    create: Callable[..., Any] | None = None  # (session, committee_id, record_id=, **values)
    delete: Callable[..., None] | None = None  # (session, record_id, expected_version=)


def find_member(session: Session, member_id: str) -> tuple[str, MemberView]:
    """A member and the id of its committee."""
    member = committees.get_member(session, member_id)
    return member.committee_id, member


def get_member(session: Session, member_id: str) -> MemberView:
    return committees.get_member(session, member_id)


def get_activity(session: Session, activity_id: str) -> ActivityView:
    return actions.get_activity(session, activity_id)


def committee_of(session: Session, kind: str, record_id: str) -> str:
    if kind == "member":
        return find_member(session, record_id)[0]
    if kind == "committee":
        return record_id
    return str(KINDS[kind].get(session, record_id).committee_id)


KINDS: dict[str, Kind] = {
    "topic": Kind(
        "topic", "topic", "topics", topics.get_topic, topics.update_topic,
        tuple(topics.TOPIC_FIELDS), topics.create_topic, topics.delete_topic,
    ),
    "meeting": Kind(
        "meeting", "meeting", "meetings", meetings.get_meeting, meetings.update_meeting,
        tuple(meetings.MEETING_FIELDS), meetings.create_meeting, meetings.delete_meeting,
    ),
    "group": Kind(
        "group", "task group", "task groups", groups.get_group, groups.update_group,
        tuple(groups.GROUP_FIELDS), groups.create_group, groups.delete_group,
    ),
    "recommendation": Kind(
        "recommendation", "recommendation", "recommendations",
        recommendations.get_recommendation, recommendations.update_recommendation,
        tuple(recommendations.REC_FIELDS), recommendations.create_recommendation,
        recommendations.delete_recommendation,
    ),
    "action": Kind(
        "action", "action", "actions", actions.get_action, actions.update_action,
        tuple(actions.ACTION_FIELDS), actions.create_action, actions.delete_action,
    ),
    "activity": Kind(
        "activity", "activity", "activities", get_activity, actions.update_activity,
        tuple(actions.ACTIVITY_FIELDS), actions.create_activity, actions.delete_activity,
    ),
    "member": Kind(
        "member", "member", "members", get_member, committees.update_member,
        tuple(committees.MEMBER_FIELDS), committees.add_member, committees.remove_member,
    ),
    # Committees are edited only; chairs are set through their members' office.
    "committee": Kind(
        "committee", "committee", "committees", committees.get_committee,
        committees.update_committee, tuple(committees.COMMITTEE_FIELDS),
    ),
}  # fmt: skip


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise NotFoundError(f"The planner cannot edit records of kind '{name}'.") from None


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(kind: str, view: Any) -> str:
    """How a command names a record: "topic 'X'", "meeting of 16 November 2018"."""
    noun = kind_of(kind).noun
    if kind == "meeting":
        return f"meeting of {format_date(view.date)}"
    if kind in ("topic", "group"):
        name = view.title
    elif kind == "recommendation":
        name = view.reference
    elif kind == "action":
        name = view.text
    elif kind == "activity":
        name = f"{view.kind} – {view.member}"
    else:  # member, committee
        name = view.name
    return f"{noun} '{shorten(str(name))}'"


def describe_values(kind: str, values: dict[str, Any]) -> str:
    """The same for a record not yet created, from the form's values."""
    if kind == "meeting":
        day = values.get("date")
        return f"meeting of {format_date(day)}" if day else "meeting"
    key = {"topic": "title", "group": "title", "recommendation": "reference",
           "action": "text", "activity": "member", "member": "name"}.get(kind, "name")  # fmt: skip
    name = values.get(key) or values.get("text") or ""
    return f"{kind_of(kind).noun} '{shorten(str(name))}'" if name else kind_of(kind).noun


# -- chairs: making one member Chairman takes the office from another -------------------
def offices(session: Session, committee_id: str) -> dict[str, Office | None]:
    return {m.id: m.office for m in committees.get_committee(session, committee_id).members}


def restore_offices(session: Session, committee_id: str, saved: dict[str, Office | None]) -> None:
    now = offices(session, committee_id)
    wrong = [mid for mid, office in saved.items() if mid in now and now[mid] != office]
    for mid in wrong:
        committees.update_member(session, mid, office=None)
    for mid in wrong:
        if saved[mid] is not None:
            committees.update_member(session, mid, office=saved[mid])


def placement_label(session: Session, meeting_id: str | None, timing: str | None) -> str:
    if meeting_id:
        return format_date(meetings.get_meeting(session, meeting_id).date)
    return timing or "In development"
