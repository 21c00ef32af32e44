"""On a SQLite file the planner checks the roles itself; with none recorded, nothing
changes for the single clerk who keeps the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from access_data import EXEMPT_GROUP, EXEMPT_TOPIC, PUBLIC_GROUP, PUBLIC_TOPIC, SURREY, build
from sqlalchemy import select

from planner.access import admin
from planner.access.roles import access_of, acting_role, grant_role, revoke_role, role_of
from planner.db.database import Database, open_database
from planner.db.models import ChangeLog
from planner.enums import UserRole
from planner.errors import AccessDeniedError, NotFoundError
from planner.services.groups import list_groups
from planner.services.meetings import delete_meeting
from planner.services.programme import programme
from planner.services.topics import create_topic, get_topic, list_topics, topic_moves, update_topic


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """Always a SQLite file here, whatever backends the shared ``db`` fixture covers."""
    database = open_database(tmp_path / "local.db")
    yield database
    database.close()


def as_user(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("LOGNAME", name)


def titles(db: Database) -> set[str]:
    with db.reading() as s:
        return {t.title for t in list_topics(s)} | {g.title for g in list_groups(s)}


def test_with_no_roles_the_files_user_is_the_clerk(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "anyone")
    data = build(db)
    with db.transaction() as s:
        assert role_of(s, data.surrey, "anyone") == UserRole.CLERK
        access = access_of(s, data.surrey)
        assert access.role == UserRole.CLERK and not access.configured and access.sentence == ""
        update_topic(s, data.exempt_topic, notes="Part 2 papers to follow")
        assert not programme(s, data.committee).public
    assert {EXEMPT_TOPIC, EXEMPT_GROUP} <= titles(db)


def test_a_viewer_reads_public_items_and_changes_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "clerk1")
    data = build(db)
    with db.transaction() as s:
        admin.grant_access(s, data.surrey, "bob", UserRole.VIEWER)
        with s.begin_nested():
            s.add(ChangeLog(who="clerk1", action="update", table_name="topic",
                            record_id=data.exempt_topic, committee_id=data.committee,
                            changes={"title": ["Old", EXEMPT_TOPIC]}))  # fmt: skip
            s.add(ChangeLog(who="clerk1", action="update", table_name="meeting",
                            record_id=data.meeting, committee_id=data.committee,
                            changes={"place": [None, "Woking"]}))  # fmt: skip
    assert {EXEMPT_TOPIC, EXEMPT_GROUP} <= titles(db)  # clerk1 is the recorded clerk
    as_user(monkeypatch, "bob")
    assert titles(db) == {PUBLIC_TOPIC, PUBLIC_GROUP, "Fostering Service Update"}
    with db.reading() as s:
        with pytest.raises(NotFoundError):
            get_topic(s, data.exempt_topic)
        assert len(topic_moves(s, data.public_topic)) == 1
        assert programme(s, data.committee).public  # asked for the full one
        history = s.execute(select(ChangeLog.record_id, ChangeLog.changes)).all()
        about = {record for record, _changes in history}
        # The recorder's rows of setting up are there, but none about an exempt item.
        assert data.exempt_topic not in about and data.exempt_group not in about
        assert (data.meeting, {"place": [None, "Woking"]}) in [tuple(r) for r in history]
        assert data.public_topic in about
        access = access_of(s, data.surrey)
    assert access.role == UserRole.VIEWER and access.enforced_by == "planner"
    assert access.sentence == (f"bob: viewer on {SURREY} (public items only, read-only).")
    refusal = (
        f"You are a viewer on {SURREY}'s programme: viewers can read and export its public "
        "items but not change them."
    )
    with pytest.raises(AccessDeniedError) as caught, db.transaction() as s:
        update_topic(s, data.public_topic, notes="x")
    assert str(caught.value) == refusal
    with pytest.raises(AccessDeniedError, match="viewer"), db.transaction() as s:
        delete_meeting(s, data.later_meeting, topics="unschedule")
    with pytest.raises(AccessDeniedError, match="viewer"), db.transaction() as s:
        grant_role(s, data.surrey, "bob", UserRole.CLERK)  # no promoting oneself
    # West Sussex has no roles recorded: there bob keeps the file like anyone.
    with db.transaction() as s:
        update_topic(s, data.ws_topic, notes="Checked")


def test_a_member_proposes_topics_only(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    as_user(monkeypatch, "clerk1")
    data = build(db)
    with db.transaction() as s:
        admin.grant_access(s, data.surrey, "carol", UserRole.MEMBER)
    as_user(monkeypatch, "carol")
    with db.transaction() as s:
        proposal = create_topic(s, data.committee, title="School Places Planning")
    refusal = f"You are a member on {SURREY}'s programme: members may only propose new topics"
    for values in ({"exempt_paragraph": 1}, {"meeting_id": data.meeting}):
        with pytest.raises(AccessDeniedError, match=refusal), db.transaction() as s:
            create_topic(s, data.committee, title="Refused", **values)
    with pytest.raises(AccessDeniedError, match=refusal), db.transaction() as s:
        update_topic(s, proposal.id, description="More")
    assert "School Places Planning" in titles(db) and "Refused" not in titles(db)
    assert EXEMPT_TOPIC not in titles(db)


def test_role_of_and_acting_role(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    as_user(monkeypatch, "clerk1")
    data = build(db)
    with db.transaction() as s:
        grant_role(s, data.surrey, "chair", UserRole.CHAIRMAN, display_name="Cllr Chris Botten")
    with db.transaction() as s:
        assert role_of(s, data.surrey, "chair") == UserRole.CHAIRMAN
        assert role_of(s, data.surrey, "dave") is None  # configured, dave not named
        assert role_of(s, data.west_sussex, "dave") == UserRole.CLERK  # nothing configured
        assert acting_role(s, data.surrey) == UserRole.VIEWER  # clerk1 not named here
        # (grant_role records only; admin.grant_access would have kept clerk1 as clerk)
    as_user(monkeypatch, "chair")
    with db.transaction() as s:
        assert revoke_role(s, data.surrey, "chair").display_name == "Cllr Chris Botten"
        assert role_of(s, data.surrey, "chair") == UserRole.CLERK  # no roles left at all


def test_a_viewer_cannot_record_a_move_of_a_hidden_topic(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.db.models import TopicMove

    as_user(monkeypatch, "clerk1")
    data = build(db)
    with db.transaction() as s:
        admin.grant_access(s, data.surrey, "bob", UserRole.VIEWER)
    as_user(monkeypatch, "bob")
    with pytest.raises(AccessDeniedError), db.transaction() as s:
        s.add(TopicMove(topic_id=data.exempt_topic, from_label="a", to_label="b"))
        s.flush()
