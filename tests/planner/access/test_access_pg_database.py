"""PostgreSQL itself enforces the roles: raw SQL on a viewer's, member's and clerk's
own connections (not only through the services)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from access_data import EXEMPT_GROUP, EXEMPT_TOPIC, PUBLIC_TOPIC
from access_support import Shared
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from planner.db.database import Database
from planner.enums import UserRole

COUNTS = {
    "topic": "SELECT count(*) FROM topic",
    "exempt topics": "SELECT count(*) FROM topic WHERE exempt",
    "task_group": "SELECT count(*) FROM task_group",
    "exempt groups": "SELECT count(*) FROM task_group WHERE exempt",
    "topic_move": "SELECT count(*) FROM topic_move",
    "council": "SELECT count(*) FROM council",
}


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {k: int(conn.execute(text(sql)).scalar_one()) for k, sql in COUNTS.items()}


def refused(db: Database, sql: str, **params: object) -> str:
    """Runs one raw statement; returns the database's own error message."""
    with db.engine.connect() as conn, pytest.raises(ProgrammingError) as caught:
        conn.execute(text(sql), params)
    assert getattr(caught.value.orig, "sqlstate", None) == "42501"
    return str(caught.value.orig)


def test_a_viewer_reads_no_exempt_rows_and_a_clerk_reads_them_all(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    owner = counts(shared.admin)
    assert owner == {
        "topic": 3, "exempt topics": 1, "task_group": 2, "exempt groups": 1,
        "topic_move": 2, "council": 2,
    }  # fmt: skip
    viewer = counts(connect_as(UserRole.VIEWER))
    # Surrey's public topic and group and its move; nothing of West Sussex (no role there).
    assert viewer == {
        "topic": 1, "exempt topics": 0, "task_group": 1, "exempt groups": 0,
        "topic_move": 1, "council": 1,
    }  # fmt: skip
    assert counts(connect_as(UserRole.MEMBER)) == viewer
    clerk = counts(connect_as(UserRole.CLERK))
    assert clerk == {**owner, "topic": 2, "council": 1}  # Surrey's two topics, all exempt ones
    assert counts(connect_as(UserRole.CHAIRMAN)) == clerk


def test_a_viewer_cannot_insert_update_or_delete(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    viewer = connect_as(UserRole.VIEWER)
    d = shared.data
    insert = (
        "INSERT INTO topic (id, committee_id, title, status, deferral_count, exempt, position, "
        "substantive, created_at, updated_at, version) VALUES ('x-1', :c, 'Proposed', "
        "'proposed', 0, false, 0, true, now(), now(), 1)"
    )
    assert "permission denied for table topic" in refused(viewer, insert, c=d.committee)
    assert "permission denied" in refused(
        viewer, "UPDATE topic SET title = 'Renamed' WHERE id = :t", t=d.public_topic
    )
    assert "permission denied" in refused(viewer, "DELETE FROM meeting WHERE id = :m", m=d.meeting)
    assert "permission denied" in refused(
        viewer, "UPDATE council SET name = 'Renamed' WHERE id = :c", c=d.surrey
    )
    assert "permission denied" in refused(
        viewer, "INSERT INTO user_role (id, council_id, username, role, created_at, updated_at, "
        "version) VALUES ('r', :c, 'me', 'clerk', now(), now(), 1)", c=d.surrey,
    )  # fmt: skip
    assert "permission denied" in refused(viewer, "CREATE TABLE mine (x int)")
    with shared.admin.reading() as s:
        titles = set(s.execute(text("SELECT title FROM topic")).scalars())
    assert PUBLIC_TOPIC in titles and "Renamed" not in titles


def test_a_member_may_propose_a_public_topic_and_nothing_more(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    member = connect_as(UserRole.MEMBER)
    d = shared.data
    columns = (
        "INSERT INTO topic (id, committee_id, title, status, deferral_count, exempt, "
        "exempt_paragraph, position, substantive, meeting_id, created_at, updated_at, version) "
        "VALUES (:id, :c, :title, :status, 0, :exempt, :para, 0, true, :m, now(), now(), 1)"
    )
    proposal = {"c": d.committee, "status": "proposed", "exempt": False, "para": None, "m": None}
    with member.engine.begin() as conn:
        conn.execute(text(columns), {**proposal, "id": "p-1", "title": "School Places"})
    # Refused by row-level security: exempt, scheduled, not "proposed", another council.
    for bad in (
        {"exempt": True, "para": 3},
        {"m": d.meeting},
        {"status": "scheduled"},
        {"c": d.ws_committee},
    ):
        message = refused(member, columns, **{**proposal, **bad, "id": "p-2", "title": "No"})
        assert "row-level security" in message
    assert "permission denied" in refused(
        member, "UPDATE topic SET title = 'Renamed' WHERE id = :t", t=d.public_topic
    )
    assert "permission denied" in refused(member, "DELETE FROM topic WHERE id = 'p-1'")
    assert "permission denied" in refused(
        member, "UPDATE meeting SET place = 'Woking' WHERE id = :m", m=d.meeting
    )
    with shared.admin.reading() as s:
        assert s.execute(text("SELECT title FROM topic WHERE id = 'p-1'")).scalar() == (
            "School Places"
        )
        assert s.execute(text("SELECT count(*) FROM topic WHERE id = 'p-2'")).scalar() == 0


def test_a_clerk_writes_everything_on_its_own_council_only(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    clerk = connect_as(UserRole.CLERK)
    d = shared.data
    with clerk.engine.begin() as conn:
        conn.execute(
            text("UPDATE topic SET title = title || ' (Part 2)' WHERE id = :t"),
            {"t": d.exempt_topic},
        )
        assert conn.execute(text("DELETE FROM topic_move")).rowcount == 2
        conn.execute(text("DELETE FROM task_group WHERE exempt"))
        # West Sussex is invisible to Surrey's clerk: nothing matches, nothing changes.
        assert (
            conn.execute(
                text("UPDATE topic SET title = 'x' WHERE id = :t"), {"t": d.ws_topic}
            ).rowcount
            == 0
        )
    assert "row-level security" in refused(
        clerk,
        "UPDATE topic SET committee_id = :ws WHERE id = :t",
        ws=d.ws_committee, t=d.public_topic,
    )  # fmt: skip
    assert "permission denied" in refused(clerk, "DELETE FROM change_log")
    assert "must be owner" in refused(clerk, "ALTER TABLE topic ADD COLUMN x int")
    assert "permission denied" in refused(clerk, "CREATE TABLE mine (x int)")
    with shared.admin.reading() as s:
        assert s.execute(text("SELECT title FROM topic WHERE id = :t"), {"t": d.exempt_topic}
                         ).scalar() == EXEMPT_TOPIC + " (Part 2)"  # fmt: skip
        assert s.execute(text("SELECT count(*) FROM task_group WHERE title = :g"),
                         {"g": EXEMPT_GROUP}).scalar() == 0  # fmt: skip
        assert s.execute(text("SELECT title FROM topic WHERE id = :t"), {"t": d.ws_topic}
                         ).scalar() == "Fostering Service Update"  # fmt: skip


def test_the_history_of_exempt_items_is_hidden_from_viewers(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    d = shared.data
    rows = [
        ("h1", "topic", d.public_topic, {"title": ["Old", PUBLIC_TOPIC]}, None),
        ("h2", "topic", d.exempt_topic, {"title": ["Old", EXEMPT_TOPIC]}, None),
        ("h3", "task_group", d.exempt_group, {"notes": [None, "x"]}, None),
        # A topic exempt once and public now: its history would reveal what it was.
        ("h4", "topic", d.public_topic, {"exempt": [True, False]}, None),
        # A deleted exempt topic: only its snapshot says so.
        ("h5", "topic", "gone-1", {}, {"exempt": True, "title": "Secret"}),
        ("h6", "meeting", d.meeting, {"place": [None, "Woking"]}, None),
    ]
    with shared.admin.transaction() as s:
        for rid, table, record, changes, snapshot in rows:
            s.execute(
                text(
                    "INSERT INTO change_log (id, at, who, action, table_name, record_id, "
                    "committee_id, changes, snapshot) VALUES (:id, now(), 'clerk', 'update', "
                    ":t, :r, :c, CAST(:ch AS json), CAST(:sn AS json))"
                ),
                {
                    "id": rid, "t": table, "r": record, "c": d.committee,
                    "ch": json.dumps(changes),
                    "sn": json.dumps(snapshot) if snapshot else None,
                },
            )  # fmt: skip

    def visible(db: Database) -> set[str]:
        with db.engine.connect() as conn:
            # Only the rows written above; the recorder's own rows of setting up are elsewhere.
            return set(conn.execute(text("SELECT id FROM change_log WHERE id LIKE 'h_'")).scalars())

    assert visible(connect_as(UserRole.VIEWER)) == {"h6"}
    assert visible(connect_as(UserRole.CLERK)) == {"h1", "h2", "h3", "h4", "h5", "h6"}
    with shared.admin.transaction() as s:  # once h4 is gone, h1 reads as an ordinary edit
        s.execute(text("DELETE FROM change_log WHERE id = 'h4'"))
    assert visible(connect_as(UserRole.MEMBER)) == {"h1", "h6"}


def test_a_clerk_elsewhere_is_refused_out_loud_on_rows_it_only_views(shared: Shared) -> None:
    d = shared.data
    login = shared.login(UserRole.CLERK, d.west_sussex, name="mixed")
    from planner.access import admin

    with shared.admin.transaction() as s:
        admin.grant_access(s, d.surrey, login, UserRole.VIEWER)
    mixed = shared.connect(login)  # in the clerks' group, but a viewer on Surrey
    assert "row-level security" in refused(
        mixed, "UPDATE topic SET notes = 'x' WHERE id = :t", t=d.public_topic
    )
    # Moving Surrey's topic into its own council: the new row passes, the old one not.
    assert "permission denied: your role does not allow changing these topic rows" in refused(
        mixed, "UPDATE topic SET committee_id = :ws WHERE id = :t", ws=d.ws_committee,
        t=d.public_topic,
    )  # fmt: skip
    assert "topic_move rows" in refused(mixed, "DELETE FROM topic_move")
    assert "meeting rows" in refused(mixed, "DELETE FROM meeting WHERE id = :m", m=d.meeting)
    assert "row-level security" in refused(
        mixed,
        "INSERT INTO meeting (id, committee_id, date, status, created_at, updated_at, version)"
        " VALUES ('m-x', :c, '2019-01-01', 'scheduled', now(), now(), 1)",
        c=d.committee,
    )
    with mixed.engine.begin() as conn:  # its own council it may change
        conn.execute(text("UPDATE topic SET notes = 'ok' WHERE id = :t"), {"t": d.ws_topic})
    with shared.admin.reading() as s:
        assert s.execute(text("SELECT count(*) FROM topic_move")).scalar() == 2
