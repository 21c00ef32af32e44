"""The key history and restore tests on the real PostgreSQL server (``pg_db``)."""

from __future__ import annotations

import pytest
from history_scenarios import (
    check_committee_cascade_and_refusal,
    check_every_action_recorded,
    check_recreated_is_a_restore,
    check_restore_round_trip,
    check_restore_without_meeting,
    topic_life,
)

from planner.db.database import Database


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_USER", "Jane Clerk")


def test_every_action_recorded(pg_db: Database) -> None:
    check_every_action_recorded(pg_db)


def test_who_keeps_the_database_user_too(pg_db: Database) -> None:
    with pg_db.reading() as s:
        db_user = s.connection().exec_driver_sql("SELECT current_user").scalar()
    _topic_id, history = topic_life(pg_db)
    assert {c.who for c in history} == {f"Jane Clerk (db user {db_user})"}


def test_same_name_is_not_repeated(pg_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with pg_db.reading() as s:
        db_user = s.connection().exec_driver_sql("SELECT current_user").scalar()
    monkeypatch.setenv("FWP_USER", str(db_user))
    _topic_id, history = topic_life(pg_db)
    assert {c.who for c in history} == {db_user}


def test_restore_round_trip(pg_db: Database) -> None:
    check_restore_round_trip(pg_db)


def test_restore_without_its_meeting(pg_db: Database) -> None:
    check_restore_without_meeting(pg_db)


def test_committee_comes_back_with_its_members(pg_db: Database) -> None:
    check_committee_cascade_and_refusal(pg_db)


def test_recreated_is_a_restore(pg_db: Database) -> None:
    check_recreated_is_a_restore(pg_db)
