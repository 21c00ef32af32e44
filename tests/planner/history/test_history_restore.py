"""Restoring deleted records from the history, and its refusals (SQLite)."""

from __future__ import annotations

import pytest
from history_scenarios import (
    check_committee_cascade_and_refusal,
    check_restore_round_trip,
    check_restore_without_meeting,
)
from sample_programme import build_cesc

from planner.db.database import Database
from planner.errors import NotFoundError
from planner.history.restore import delete_restored
from planner.services import history as h
from planner.services import topics


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
