"""History and restore checks written once, run on SQLite (``db``) and PostgreSQL (``pg_db``).

A plain module (not a conftest) so both test files can import it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sample_programme import build_cesc

from planner.db.database import Database
from planner.db.models import utcnow
from planner.errors import PlannerError
from planner.services import history as h
from planner.services import meetings, topics
from planner.services.committees import add_member, create_committee, delete_committee


def topic_life(db: Database) -> tuple[str, list[h.ChangeView]]:
    """Create, edit twice (one action each), delete a topic; returns its id and history."""
    cesc = build_cesc(db)
    with db.transaction() as s:
        topic = topics.create_topic(
            s, cesc.committee, title="Alternative Education Provision", meeting_id=cesc.sept
        )
    with db.transaction() as s:
        topics.update_topic(s, topic.id, title="Alternative Provision", exempt_paragraph=3)
    with db.transaction() as s:
        topics.move_topic(s, topic.id, meeting_id=cesc.nov, reason="Report not ready")
    with db.transaction() as s:
        topics.delete_topic(s, topic.id)
    with db.reading() as s:
        return topic.id, h.record_history(s, "topic", topic.id)


def check_every_action_recorded(db: Database) -> None:
    before = utcnow()
    topic_id, history = topic_life(db)
    after = utcnow()
    assert [c.action for c in history] == ["delete", "update", "update", "create"]
    assert all(c.who == "Jane Clerk" or c.who.startswith("Jane Clerk (db user ") for c in history)
    assert all(before <= c.at <= after and c.at.tzinfo is None for c in history)
    deleted, moved, edited, created = history
    assert created.version == 1 and edited.version == 2 and moved.version == 3
    assert deleted.version == 3 and deleted.changes == {}
    assert created.changes["title"] == (None, "Alternative Education Provision")
    assert created.changes["status"] == (None, "scheduled")  # the enum's value
    assert created.changes["exempt"] == (None, False)
    assert "exempt_paragraph" not in created.changes  # not set: left out
    assert not {"id", "version", "created_at", "updated_at"} & set(created.changes)
    assert edited.changes == {
        "title": ("Alternative Education Provision", "Alternative Provision"),
        "exempt": (False, True),
        "exempt_paragraph": (None, 3),
    }
    assert moved.changes["deferral_count"] == (0, 1)
    assert moved.changes["deferral_reason"] == (None, "Report not ready")
    assert set(moved.changes) == {"meeting_id", "deferral_count", "deferral_reason"}
    assert deleted.summary == "Alternative Provision"
    with db.reading() as s:
        assert h.last_change(s, "topic", topic_id) == deleted
        assert h.last_change(s, "topic", "no-such-id") is None
        # The move itself is a record too, deleted with its topic by the database.
        assert h.get_change(s, deleted.id) == deleted
        moves = [
            c
            for c in h.deleted_records(s, table_name="topic_move")
            if c.summary == "Moved from 7 September 2018 to 16 November 2018"
        ]
        assert len(moves) == 1


def check_restore_round_trip(db: Database) -> None:
    topic_id, history = topic_life(db)
    deletion = history[0]
    with db.reading() as s:
        gone = h.deleted_records(s)
        assert [c.record_id for c in gone] == [topic_id]
    with db.transaction() as s:
        result = h.restore_deleted(s, deletion.id)
    assert (
        result.message == "Restored the topic 'Alternative Provision' with 1 move deleted with it."
    )
    assert result.restored[0] == ("topic", topic_id)
    with db.reading() as s:
        topic = topics.get_topic(s, topic_id)
        assert (topic.title, topic.exempt_paragraph, topic.deferral_count) == (
            "Alternative Provision",
            3,
            1,
        )
        assert topic.meeting_date == dt.date(2018, 11, 16)
        assert topic.version == 4  # one past the last recorded
        assert len(topics.topic_moves(s, topic_id)) == 1
        latest = h.last_change(s, "topic", topic_id)
        assert latest is not None and latest.action == "restore" and latest.version == 4
        assert latest.changes["title"] == (None, "Alternative Provision")
        assert h.deleted_records(s) == []
    with db.transaction() as s, pytest.raises(PlannerError, match="exists again"):
        h.restore_deleted(s, deletion.id)
    with db.transaction() as s, pytest.raises(PlannerError, match="only a deletion"):
        h.restore_deleted(s, history[1].id)


def check_restore_without_meeting(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        topic = topics.create_topic(s, cesc.committee, title="School Places", meeting_id=cesc.nov)
    with db.transaction() as s:
        meetings.delete_meeting(s, cesc.nov, topics="delete")
    with db.reading() as s:
        gone = {c.table_name: c for c in h.deleted_records(s, cesc.committee)}
    assert set(gone) == {"topic", "meeting"}
    with db.transaction() as s, pytest.raises(h.MeetingGoneError) as refused:
        h.restore_deleted(s, gone["topic"].id, unschedule=False)
    message = str(refused.value)
    assert message == (
        "The topic 'School Places' was planned for the meeting of 16 November 2018, which has "
        "been deleted; restore the meeting first, or restore the topic into In development."
    )
    with db.transaction() as s:
        result = h.restore_deleted(s, gone["topic"].id)
    assert result.unscheduled
    assert result.message == (
        "Restored the topic 'School Places'. The meeting of 16 November 2018 has been deleted, "
        "so it is back in In development."
    )
    with db.reading() as s:
        back = topics.get_topic(s, topic.id)
    assert (back.meeting_id, back.when, back.status.value) == (
        None,
        "In development",
        "in development",
    )


def check_committee_cascade_and_refusal(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        committee = create_committee(
            s, cesc.council, name="Resources Select Committee", municipal_year="2019/20",
            chairman="Ann Smith",
        )  # fmt: skip
        member = add_member(s, committee.id, name="Bob Jones")
    with db.transaction() as s:
        delete_committee(s, committee.id)
    with db.reading() as s:
        gone = {c.summary: c for c in h.deleted_records(s)}
    assert set(gone) == {"Resources Select Committee 2019/20", "Ann Smith", "Bob Jones"}
    assert gone["Bob Jones"].table_name == "committee_member"
    with db.transaction() as s, pytest.raises(PlannerError) as refused:
        h.restore_deleted(s, gone["Bob Jones"].id)
    assert str(refused.value) == (
        "Cannot restore the member 'Bob Jones': its committee 'Resources Select Committee "
        "2019/20' has been deleted; restore that first."
    )
    with db.transaction() as s:
        result = h.restore_deleted(s, gone["Resources Select Committee 2019/20"].id)
    assert result.message == (
        "Restored the committee 'Resources Select Committee 2019/20' with 2 members deleted "
        "with it."
    )
    with db.reading() as s:
        from planner.services.committees import get_committee

        back = get_committee(s, committee.id)
        assert back.chairman == "Ann Smith"
        assert {m.id for m in back.members} >= {member.id}
        assert h.deleted_records(s) == []


def check_recreated_is_a_restore(db: Database) -> None:
    """The window undoes a delete by creating the record again with its id."""
    cesc = build_cesc(db)
    with db.transaction() as s:
        topic = topics.create_topic(s, cesc.committee, title="Early Help")
    with db.transaction() as s:
        topics.update_topic(s, topic.id, outcome="Assurance")
    with db.transaction() as s:
        topics.delete_topic(s, topic.id)
    with db.transaction() as s:
        again = topics.create_topic(s, cesc.committee, title="Early Help", record_id=topic.id)
    assert again.version == 3
    with db.reading() as s:
        latest = h.last_change(s, "topic", topic.id)
        assert topics.get_topic(s, topic.id).version == 3
        assert h.deleted_records(s, cesc.committee) == []
    assert latest is not None and (latest.action, latest.version) == ("restore", 3)
