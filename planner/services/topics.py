"""Scrutiny topics: the rows of the programme, and rescheduling them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from planner.dates import format_date
from planner.db.models import Committee, Meeting, Topic, TopicMove, new_id
from planner.enums import TopicSource, TopicStatus
from planner.errors import ValidationError
from planner.services import fields as f
from planner.services.concurrency import delete_record, edit_record
from planner.services.lookup import get, matching
from planner.services.name_match import holds_word
from planner.services.views import MoveView, TopicView

TOPIC_FIELDS: dict[str, f.Coercer] = {
    "title": f.required_text,
    "meeting_id": f.text,
    "timing": f.text,
    "description": f.text,
    "outcome": f.text,
    "method": f.text,
    "officers": f.text,
    "cabinet_member": f.text,
    "witnesses": f.text,
    "status": f.enum_value(TopicStatus, optional=False),
    "exempt": f.boolean,
    "exempt_paragraph": f.paragraph,
    "source": f.enum_value(TopicSource),
    "position": f.integer,
    "notes": f.text,
    "substantive": f.boolean,
    # Editable so that undoing a move can put the count back.
    "deferral_count": f.integer,
    "deferral_reason": f.text,
}


def topic_view(t: Topic) -> TopicView:
    return TopicView(
        id=t.id,
        committee_id=t.committee_id,
        committee_name=t.committee.name,
        municipal_year=t.committee.municipal_year,
        meeting_id=t.meeting_id,
        meeting_date=t.meeting.date if t.meeting else None,
        timing=t.timing,
        title=t.title,
        description=t.description,
        outcome=t.outcome,
        method=t.method,
        officers=t.officers,
        cabinet_member=t.cabinet_member,
        witnesses=t.witnesses,
        status=t.status,
        deferral_count=t.deferral_count,
        deferral_reason=t.deferral_reason,
        exempt=t.exempt,
        exempt_paragraph=t.exempt_paragraph,
        source=t.source,
        position=t.position,
        notes=t.notes,
        substantive=t.substantive,
        version=t.version,
    )


def _validate(session: Session, topic: Topic, changes: dict[str, Any]) -> None:
    f.settle_exempt(topic, changes, "topic")
    if topic.meeting_id and topic.timing:
        if "timing" in changes and "meeting_id" in changes:
            raise ValidationError("timing", "Give a meeting or a loose timing, not both.")
        # The newer of the two wins: setting one clears the other.
        if "timing" in changes:
            topic.meeting_id = None
        else:
            topic.timing = None
    if topic.meeting_id:
        meeting = session.get(Meeting, topic.meeting_id)
        if meeting is None:
            raise ValidationError("meeting_id", "That meeting does not exist.")
        if meeting.committee_id != topic.committee_id:
            committee = session.get(Committee, topic.committee_id)
            name = committee.name if committee else "this committee"
            raise ValidationError(
                "meeting_id",
                f"The meeting of {format_date(meeting.date)} belongs to "
                f"{meeting.committee.name} {meeting.committee.municipal_year}, not to {name}.",
            )


def create_topic(
    session: Session, committee_id: str, record_id: str | None = None, **values: Any
) -> TopicView:
    topic = new_topic(session, committee_id, record_id, values)
    session.add(topic)
    session.flush()
    session.refresh(topic)
    return topic_view(topic)


def new_topic(
    session: Session, committee_id: str, record_id: str | None, values: dict[str, Any]
) -> Topic:
    """A checked topic, not yet added: ``create_topic`` and a batch restore share it."""
    get(session, Committee, committee_id, "committee")
    topic = Topic(
        id=record_id or new_id(),
        committee_id=committee_id,
        status=TopicStatus.PROPOSED,
        exempt=False,
        deferral_count=0,
        position=0,
    )
    if "title" not in values:
        raise ValidationError("title", "The title must not be blank.")
    if values.get("meeting_id") and "status" not in values:
        values = {**values, "status": TopicStatus.SCHEDULED}
    f.apply(topic, TOPIC_FIELDS, values)
    _validate(session, topic, values)
    return topic


def topic_name(t: Topic) -> str:
    return f"'{t.title}'"


def update_topic(
    session: Session,
    topic_id: str,
    *,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **changes: Any,
) -> TopicView:
    """Edit fields in place. Moving between meetings goes through ``move_topic``.

    ``expected_version`` and ``original`` (the values the user saw): see
    ``planner.services.concurrency``; a clash raises StaleEditError.
    """

    def write(topic: Topic) -> TopicView:
        f.apply(topic, TOPIC_FIELDS, changes)
        _validate(session, topic, changes)
        session.flush()
        session.refresh(topic)
        return topic_view(topic)

    return edit_record(
        session, Topic, "topic", topic_id, expected_version=expected_version,
        original=original, changes=changes, write=write, view=topic_view, name=topic_name,
        spec=TOPIC_FIELDS,
    )  # fmt: skip


def get_topic(session: Session, topic_id: str) -> TopicView:
    return topic_view(get(session, Topic, topic_id, "topic"))


def delete_topic(session: Session, topic_id: str, *, expected_version: int | None = None) -> None:
    def remove(topic: Topic) -> None:
        session.delete(topic)
        session.flush()

    delete_record(
        session, Topic, "topic", topic_id, expected_version=expected_version, remove=remove,
        view=topic_view, name=topic_name,
    )  # fmt: skip


def _placement(topic: Topic) -> str:
    if topic.meeting is not None:
        return format_date(topic.meeting.date)
    return topic.timing or "In development"


def move_topic(
    session: Session,
    topic_id: str,
    *,
    meeting_id: str | None = None,
    timing: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> TopicView:
    """Reschedule a topic to a meeting, a loose timing, or back into development.

    Moving later than it was (or off a meeting altogether) counts as a deferral and
    keeps the reason; moving earlier does not. With ``expected_version`` (and the
    placement the user saw in ``original``), a topic someone else has moved meanwhile
    is not moved again: StaleEditError.
    """
    timing = f.text("timing", timing)
    reason = f.text("reason", reason)
    if meeting_id and timing:
        raise ValidationError("timing", "Move a topic to a meeting or a loose timing, not both.")

    def write(topic: Topic) -> TopicView:
        return _move(session, topic, meeting_id, timing, reason)

    return edit_record(
        session, Topic, "topic", topic_id, expected_version=expected_version,
        original=original, changes={"meeting_id": meeting_id, "timing": timing}, write=write,
        view=topic_view, name=topic_name, spec=TOPIC_FIELDS,
    )  # fmt: skip


def _move(
    session: Session, topic: Topic, meeting_id: str | None, timing: str | None, reason: str | None
) -> TopicView:
    old_meeting = topic.meeting
    before = _placement(topic)
    new_meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting_id and new_meeting is None:
        raise ValidationError("meeting_id", "That meeting does not exist.")
    if new_meeting is not None and new_meeting.id == topic.meeting_id:
        return topic_view(topic)
    if new_meeting is None and old_meeting is None and timing == topic.timing:
        return topic_view(topic)
    deferral = old_meeting is not None and (
        new_meeting is None or new_meeting.date > old_meeting.date
    )
    topic.meeting_id = new_meeting.id if new_meeting else None
    topic.timing = None if new_meeting else timing
    _validate(session, topic, {"meeting_id": topic.meeting_id})
    if deferral:
        topic.deferral_count += 1
        topic.deferral_reason = reason
    if new_meeting is not None and topic.status in (
        TopicStatus.PROPOSED,
        TopicStatus.IN_DEVELOPMENT,
        TopicStatus.DEFERRED,
    ):
        topic.status = TopicStatus.SCHEDULED
    elif new_meeting is None and old_meeting is not None:
        topic.status = TopicStatus.DEFERRED
    session.flush()
    session.refresh(topic)
    session.add(
        TopicMove(
            topic_id=topic.id,
            from_label=before,
            to_label=_placement(topic),
            reason=reason,
            deferral=deferral,
        )
    )
    session.flush()
    return topic_view(topic)


def topic_moves(session: Session, topic_id: str) -> list[MoveView]:
    query = select(TopicMove).where(TopicMove.topic_id == topic_id).order_by(TopicMove.moved_at)
    return [
        MoveView(m.id, m.topic_id, m.from_label, m.to_label, m.reason, m.deferral, m.moved_at)
        for m in session.scalars(query)
    ]


def delete_topic_move(session: Session, move_id: str) -> None:
    """Forget one reschedule (undoing a move takes its history entry back too)."""
    move = session.get(TopicMove, move_id)
    if move is not None:
        session.delete(move)
        session.flush()


def restore_topic_moves(session: Session, topic_id: str, moves: list[MoveView]) -> None:
    """Put back a deleted topic's history of moves, ids and times unchanged."""
    for m in moves:
        session.add(
            TopicMove(
                id=m.id,
                topic_id=topic_id,
                from_label=m.from_label,
                to_label=m.to_label,
                reason=m.reason,
                deferral=m.deferral,
                moved_at=m.moved_at,
            )
        )
    session.flush()


def _view_columns() -> list[Any]:
    """TopicView's fields as columns: a list reads them as tuples, several times faster
    than loading Topic objects with their committee and meeting."""
    joined = {
        "committee_name": Committee.name,
        "municipal_year": Committee.municipal_year,
        "meeting_date": Meeting.date,
    }
    return [
        joined[name].label(name) if name in joined else getattr(Topic, name)
        for name in TopicView.__dataclass_fields__
    ]


def list_topics(
    session: Session, committee_ids: list[str] | None = None, words: str | None = None
) -> list[TopicView]:
    query = (
        select(*_view_columns())
        .join(Committee, Topic.committee_id == Committee.id)
        .outerjoin(Meeting, Topic.meeting_id == Meeting.id)
        .order_by(Meeting.date.is_(None), Meeting.date, Topic.position, Topic.title)
    )
    if committee_ids is not None:
        query = query.where(Topic.committee_id.in_(committee_ids))
    query = matching(
        query,
        [Topic.title, Topic.description, Topic.outcome, Topic.officers, Topic.method, Topic.timing],
        words,
    )
    return [TopicView(*row) for row in session.execute(query)]


def search_topics(session: Session, words: str, council_id: str | None = None) -> list[TopicView]:
    """Every topic, in any committee and year, whose text holds all of ``words``.

    Answers "which topics have we looked at before?"; newest first.
    """
    query = (
        select(*_view_columns())
        .join(Committee, Topic.committee_id == Committee.id)
        .outerjoin(Meeting, Topic.meeting_id == Meeting.id)
    )
    for word in words.split():
        query = query.where(
            or_(
                holds_word(Topic.title, word),
                holds_word(Topic.description, word),
                holds_word(Topic.outcome, word),
            )
        )
    if council_id:
        query = query.where(Committee.council_id == council_id)
    query = query.order_by(  # undated last, as SQLite does by itself
        Committee.municipal_year.desc(), Meeting.date.desc().nulls_last(), Topic.title
    )
    return [TopicView(*row) for row in session.execute(query)]
