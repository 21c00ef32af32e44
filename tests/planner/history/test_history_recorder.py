"""The recorder: every create, update and delete of every kind of record, with who,
when, old and new values (SQLite; the key ones again in test_history_postgres.py)."""

from __future__ import annotations

import pytest
from history_scenarios import check_every_action_recorded
from sample_programme import build_cesc
from sqlalchemy import delete, func, insert, select, update

from planner.db.database import Database
from planner.db.models import ChangeLog, Council, Topic, new_id
from planner.demo import load_demo
from planner.errors import ValidationError
from planner.services import actions, groups, meetings, recommendations, topics
from planner.services import history as h
from planner.services.committees import set_members, update_council


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_USER", "Jane Clerk")


def entries(db: Database) -> list[ChangeLog]:
    with db.reading() as s:
        return list(s.scalars(select(ChangeLog).order_by(ChangeLog.at)))


def test_create_update_delete_of_a_topic(db: Database) -> None:
    check_every_action_recorded(db)


def test_every_kind_of_record_names_its_committee(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        group = groups.create_group(
            s, cesc.committee, title="Exclusions", projected_finish="2019-03-31"
        )
        rec = recommendations.create_recommendation(
            s, cesc.committee, reference="7/18", meeting_id=cesc.sept, text="Report back."
        )
        action = actions.create_action(
            s, cesc.committee, text="Circulate the figures", due="2018-10-01"
        )
        activity = actions.create_activity(
            s, cesc.committee, member="Mrs Mary Angell", quarter="Q4 2018"
        )
        set_members(s, cesc.committee, [{"name": "Mrs Mary Angell", "office": "chairman"}])
    with db.reading() as s:
        made = {c.table_name: c for c in h.committee_history(s, cesc.committee)}
        assert made["task_group"].changes["projected_finish"] == (None, "2019-03-31")
        assert made["task_group"].summary == "Exclusions"
        assert made["recommendation"].summary == "Recommendation 7/18"
        assert made["recommendation"].changes["meeting_id"] == (None, cesc.sept)
        assert made["action"].summary == "Action: Circulate the figures"
        assert made["member_activity"].summary == "Practice conversation: Mrs Mary Angell"
        assert made["committee_member"].changes["office"] == (None, "chairman")
        assert made["meeting"].summary == "Meeting of 7 September 2018" or made[
            "meeting"
        ].summary == ("Meeting of 16 November 2018")
        assert made["committee"].record_id == cesc.committee
        ids = {group.id, rec.id, action.id, activity.id}
        assert ids <= {c.record_id for c in h.committee_history(s, cesc.committee)}
        assert (
            h.committee_history(s, cesc.committee, table_name="task_group")[0].record_id == group.id
        )
        assert len(h.committee_history(s, cesc.committee, limit=2)) == 2
    with db.transaction() as s:
        update_council(s, cesc.council, nation="wales")
    with db.reading() as s:
        council = h.last_change(s, "council", cesc.council)
    assert council is not None and council.changes == {"nation": ("england", "wales")}


def test_one_action_is_one_entry_per_record(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:  # created, then edited twice, in one transaction
        topic = topics.create_topic(s, cesc.committee, title="Draft")
        topics.update_topic(s, topic.id, title="Youth Justice", outcome="Assurance")
        topics.update_topic(s, topic.id, outcome=None)
    with db.transaction() as s:
        topics.update_topic(s, topic.id, title="Youth Justice Plan")
        topics.update_topic(s, topic.id, title="Youth Justice")  # and back: nothing changed
        topics.update_topic(s, topic.id, method="Formal report")
    with db.transaction() as s:  # created and deleted at once: never there
        gone = topics.create_topic(s, cesc.committee, title="Ephemeral")
        topics.delete_topic(s, gone.id)
    with db.reading() as s:
        update, create = h.record_history(s, "topic", topic.id)
        assert h.record_history(s, "topic", gone.id) == []
    assert create.action == "create" and create.changes["title"] == (None, "Youth Justice")
    assert "outcome" not in create.changes
    assert update.changes == {"method": (None, "Formal report")}
    assert create.version == 3  # the version at the end of the action
    assert update.version == 6  # three versions went by in that one action


def test_a_refused_action_records_nothing(db: Database) -> None:
    cesc = build_cesc(db)
    count = len(entries(db))
    with pytest.raises(ValidationError), db.transaction() as s:
        topics.create_topic(s, cesc.committee, title="Kept")
        topics.create_topic(s, cesc.committee, title="Bad", exempt_paragraph=9)
    assert len(entries(db)) == count


def test_cascaded_deletes_are_recorded(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        set_members(s, cesc.committee, [{"name": "Ann Smith"}, {"name": "Bob Jones"}])
        topic = topics.create_topic(s, cesc.committee, title="SEND", meeting_id=cesc.sept)
        topics.create_topic(s, cesc.committee, title="Early Years", meeting_id=cesc.nov)
    with db.transaction() as s:
        topics.move_topic(s, topic.id, meeting_id=cesc.nov)
    with db.transaction() as s:  # delete-orphan: the old members go
        set_members(s, cesc.committee, [{"name": "Carol White"}])
    with db.transaction() as s:  # the database deletes the topic's moves itself
        meetings.delete_meeting(s, cesc.nov, topics="delete")
    with db.reading() as s:
        gone = h.deleted_records(s, cesc.committee)
        moves = h.deleted_records(s, cesc.committee, table_name="topic_move")
    assert sorted(c.summary for c in gone) == [
        "Ann Smith", "Bob Jones", "Early Years", "Meeting of 16 November 2018", "SEND",
    ]  # fmt: skip
    assert [m.summary for m in moves] == ["Moved from 7 September 2018 to 16 November 2018"]
    with db.reading() as s:
        entry = s.get(ChangeLog, gone[0].id)
        assert entry is not None and entry.snapshot is not None
        assert {"id", "created_at", "updated_at", "version"} <= set(entry.snapshot)


def test_bulk_inserts_are_recorded_unless_left_out(db: Database) -> None:
    with db.transaction() as s:
        s.execute(insert(Council), [{"name": "Powys County Council", "nation": "wales"}])
        s.execute(
            insert(Council).execution_options(fwp_history=False),
            [{"id": new_id(), "name": "Synthetic Council", "nation": "england"}],
        )
    with db.reading() as s:
        powys = s.scalars(select(Council).where(Council.name == "Powys County Council")).one()
        (made,) = h.record_history(s, "council", powys.id)
        synthetic = s.scalars(select(Council).where(Council.name == "Synthetic Council")).one()
        assert h.record_history(s, "council", synthetic.id) == []
    assert made.action == "create" and made.changes["nation"] == (None, "wales")


def test_the_demo_is_recorded_as_created(db: Database) -> None:
    with db.transaction() as s:
        report = load_demo(s)
    with db.reading() as s:
        actions_seen = set(s.scalars(select(ChangeLog.action).distinct()))
        count = s.scalar(select(func.count()).select_from(ChangeLog))
    assert actions_seen == {"create"}
    assert count is not None and count >= report.added


def test_describe_says_who_changed_what(db: Database) -> None:
    _topic_id, history = _topic_history(db)
    text = history[1].describe()
    # On PostgreSQL the connection's own user is named too (the tests connect as fwp_admin).
    who = "Jane Clerk" if db.sqlite_path else "Jane Clerk (db user fwp_admin)"
    assert text.startswith(f"{who} changed the meeting, deferral count and deferral reason "
                           "of the topic 'Alternative Provision' on ")  # fmt: skip
    assert text.endswith(".") and " at " in text


def _topic_history(db: Database) -> tuple[str, list[h.ChangeView]]:
    from history_scenarios import topic_life

    return topic_life(db)


def test_bulk_updates_and_deletes_are_recorded(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        made = [topics.create_topic(s, cesc.committee, title=t) for t in ("One", "Two")]
    with db.transaction() as s:
        s.execute(update(Topic).where(Topic.title == "One").values(outcome="Bulk"))
        s.execute(delete(Topic).where(Topic.title == "Two"))
    with db.reading() as s:
        one = h.last_change(s, "topic", made[0].id)
        two = h.last_change(s, "topic", made[1].id)
        entry = s.get(ChangeLog, two.id) if two else None
    assert one is not None and one.action == "update" and one.changes == {"outcome": (None, "Bulk")}
    assert two is not None and two.action == "delete"
    assert entry is not None and entry.snapshot is not None and entry.snapshot["title"] == "Two"
