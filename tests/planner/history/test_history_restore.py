"""Restoring deleted records from the history, and its refusals (SQLite)."""

from __future__ import annotations

import pytest
from history_scenarios import (
    check_committee_cascade_and_refusal,
    check_recreated_is_a_restore,
    check_restore_round_trip,
    check_restore_without_meeting,
)
from sample_programme import build_cesc

from planner.db.database import Database
from planner.errors import NotFoundError, PlannerError
from planner.history.restore import delete_restored
from planner.services import history as h
from planner.services import topics
from planner.services.committees import (
    add_member,
    create_committee,
    delete_committee,
    get_committee,
    remove_member,
)


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_USER", "Jane Clerk")


def test_restore_round_trip(db: Database) -> None:
    check_restore_round_trip(db)


def test_restore_without_its_meeting(db: Database) -> None:
    check_restore_without_meeting(db)


def test_committee_comes_back_with_its_members(db: Database) -> None:
    check_committee_cascade_and_refusal(db)


def test_unknown_change(db: Database) -> None:
    with db.transaction() as s, pytest.raises(NotFoundError, match="no change with id nope"):
        h.restore_deleted(s, "nope")


def test_undoing_a_restore_deletes_again(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        topic = topics.create_topic(s, cesc.committee, title="Early Help")
    with db.transaction() as s:
        topics.delete_topic(s, topic.id)
    with db.reading() as s:
        (gone,) = h.deleted_records(s, cesc.committee)
    with db.transaction() as s:
        result = h.restore_deleted(s, gone.id)
    with db.transaction() as s:
        delete_restored(s, result)
    with db.reading() as s:
        assert [c.record_id for c in h.deleted_records(s, cesc.committee)] == [topic.id]
        assert [c.action for c in h.record_history(s, "topic", topic.id)] == [
            "delete",
            "restore",
            "delete",
            "create",
        ]
    with db.transaction() as s:  # and redo: restore from the same deletion again
        h.restore_deleted(s, gone.id)
    with db.reading() as s:
        assert topics.get_topic(s, topic.id).version == 3


def test_a_name_taken_since_is_refused_clearly(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        made = create_committee(
            s, cesc.council, name="Resources Committee", municipal_year="2019/20"
        )
    with db.transaction() as s:
        delete_committee(s, made.id)
    with db.transaction() as s:
        create_committee(s, cesc.council, name="Resources Committee", municipal_year="2019/20")
    with db.reading() as s:
        (gone,) = h.deleted_records(s, table_name="committee")
    with pytest.raises(PlannerError) as refused, db.transaction() as s:
        h.restore_deleted(s, gone.id)
    assert str(refused.value) == (
        "Cannot restore the committee 'Resources Committee 2019/20': a record added since has "
        "the same name or reference; rename or delete that one first."
    )


def test_a_chairman_restored_after_a_new_one_loses_the_office(db: Database) -> None:
    cesc = build_cesc(db)
    with db.transaction() as s:
        old = add_member(s, cesc.committee, name="Ann Smith", office="chairman")
    with db.transaction() as s:
        remove_member(s, old.id)
    with db.transaction() as s:
        add_member(s, cesc.committee, name="Carol White", office="chairman")
    with db.reading() as s:
        (gone,) = h.deleted_records(s, cesc.committee)
    with db.transaction() as s:
        result = h.restore_deleted(s, gone.id)
    assert result.message == (
        "Restored the member 'Ann Smith'. Carol White is Chairman now, so the member comes back "
        "without the office."
    )
    with db.reading() as s:
        assert get_committee(s, cesc.committee).chairman == "Carol White"



def test_recreating_a_deleted_record_is_a_restore_with_a_later_version(db: Database) -> None:
    check_recreated_is_a_restore(db)
