"""Roles on a SQLite source reach its offline copies: a viewer's or member's copy holds
no Part 2 item, and a sync brings back only what the role allows. (On PostgreSQL the
server enforces the same on the sync's own connection: tests/planner/access.)"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from access_data import EXEMPT_GROUP, EXEMPT_TOPIC, PUBLIC_GROUP, PUBLIC_TOPIC, Programmes, build
from sqlalchemy import text

from planner.access import admin
from planner.db.database import Database, open_database
from planner.enums import UserRole
from planner.errors import AccessDeniedError
from planner.offline.checkout import checkout
from planner.offline.sync import sync
from planner.services.topics import create_topic, update_topic


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("LOGNAME", "clerk1")
    database = open_database(tmp_path / "source.db")
    yield database
    database.close()


@pytest.fixture
def data(source: Database) -> Programmes:
    programmes = build(source)
    with source.transaction() as s:
        admin.grant_access(s, programmes.surrey, "bob", UserRole.VIEWER)
        admin.grant_access(s, programmes.surrey, "mia", UserRole.MEMBER)
    return programmes


def take(source: Database, data: Programmes, tmp_path: Path, user: str,
         monkeypatch: pytest.MonkeyPatch) -> Database:  # fmt: skip
    monkeypatch.setenv("LOGNAME", user)
    checkout(source, [], tmp_path / f"{user}.db", committee_ids=[data.committee])
    return open_database(tmp_path / f"{user}.db")


def titles(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT title FROM topic UNION SELECT title FROM task_group"))
        return {r[0] for r in rows}


def moves(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT reason FROM topic_move"))}


def digest(db: Database) -> str:
    assert db.sqlite_path is not None
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.md5(db.sqlite_path.read_bytes()).hexdigest()


def test_a_viewers_copy_holds_public_items_only(
    source: Database, data: Programmes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = take(source, data, tmp_path, "bob", monkeypatch)
    try:
        assert titles(copy) == {PUBLIC_TOPIC, PUBLIC_GROUP}
        assert moves(copy) == {"Officer on leave"}  # not "Contract figures late"
    finally:
        copy.close()
    clerk = take(source, data, tmp_path, "clerk1", monkeypatch)
    try:
        assert titles(clerk) == {PUBLIC_TOPIC, PUBLIC_GROUP, EXEMPT_TOPIC, EXEMPT_GROUP}
    finally:
        clerk.close()


def test_a_viewers_sync_brings_the_source_in_but_nothing_back(
    source: Database, data: Programmes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = take(source, data, tmp_path, "bob", monkeypatch)
    try:
        monkeypatch.setenv("LOGNAME", "clerk1")
        with source.transaction() as s:
            update_topic(s, data.public_topic, notes="Papers published")
            create_topic(s, data.committee, title="New exempt item", exempt_paragraph=3)
            update_topic(s, data.public_topic, title="Alternative Provision")
        monkeypatch.setenv("LOGNAME", "bob")
        report = sync(source, copy)
        assert report.to_copy.updated == 1 and report.to_source.total == 0
        assert titles(copy) == {"Alternative Provision", PUBLIC_GROUP}  # no new exempt item
        # Made exempt since: it leaves the viewer's copy.
        monkeypatch.setenv("LOGNAME", "clerk1")
        with source.transaction() as s:
            update_topic(s, data.public_topic, exempt_paragraph=3)
        monkeypatch.setenv("LOGNAME", "bob")
        sync(source, copy)
        assert titles(copy) == {PUBLIC_GROUP}
        with copy.transaction() as s:  # the copy is bob's own: he may note things in it
            create_topic(s, data.committee, title="Bob's idea")
        source_before, copy_before = digest(source), digest(copy)
        with pytest.raises(AccessDeniedError) as refused:
            sync(source, copy)
        assert str(refused.value) == (
            "You are a viewer on Surrey County Council's programme: viewers can read and "
            "export its public items but not change them. The offline copy's 1 change "
            "cannot be brought back; nothing was changed in either database."
        )
        assert (digest(source), digest(copy)) == (source_before, copy_before)
    finally:
        copy.close()


def test_a_member_brings_back_proposals_only(
    source: Database, data: Programmes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = take(source, data, tmp_path, "mia", monkeypatch)
    try:
        with copy.transaction() as s:
            create_topic(s, data.committee, title="Youth Justice (proposed)")
        report = sync(source, copy)
        assert report.to_source.created == 1
        assert "Youth Justice (proposed)" in titles(source)
        with copy.transaction() as s:
            update_topic(s, data.public_topic, notes="Mia's note")
        with pytest.raises(AccessDeniedError, match="members may only propose new topics"):
            sync(source, copy)
    finally:
        copy.close()


def test_a_clerks_copy_syncs_everything(
    source: Database, data: Programmes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = take(source, data, tmp_path, "clerk1", monkeypatch)
    try:
        with copy.transaction() as s:
            update_topic(s, data.exempt_topic, notes="Part 2 papers to follow")
        assert sync(source, copy).to_source.updated == 1
    finally:
        copy.close()
