"""Each merge rule of issue 7, with the source on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from offline_world import World
from sqlalchemy import select

from planner.db.models import ChangeLog
from planner.services.history import last_change
from planner.services.meetings import create_meeting, delete_meeting
from planner.services.topics import (
    create_topic,
    delete_topic,
    move_topic,
    topic_moves,
    update_topic,
)


def edit(db, fn, *args, **kwargs):
    with db.transaction() as s:
        return fn(s, *args, **kwargs)


def agreed(w: World) -> None:
    """Both sides hold the same records at the same versions, and that is the base."""
    source, copy = w.state(w.source), w.state(w.copy)
    assert source == copy
    assert w.versions(w.source) == w.versions(w.copy)
    base = w.base()
    assert {k: e.values for k, e in base.items()} == copy
    assert all(base[k].version == v for k, v in w.versions(w.copy).items())


def no_op(w: World) -> None:
    before = (w.state(w.source), w.state(w.copy), w.versions(w.source), w.base())
    again = w.sync()
    assert again.nothing_to_do and not again.applied
    assert (w.state(w.source), w.state(w.copy), w.versions(w.source), w.base()) == before


def test_change_on_one_side_only_is_applied(world: World) -> None:
    edit(world.copy, update_topic, world.academy, method="Witness session")
    edit(world.source, update_topic, world.ofsted, outcome="Assurance on the action plan")
    report = world.sync()
    assert report.applied and not report.conflicts
    assert (report.to_source.updated, report.to_copy.updated) == (1, 1)
    assert world.value(world.source, "topic", world.academy, "method") == "Witness session"
    assert world.value(world.copy, "topic", world.ofsted, "outcome") == (
        "Assurance on the action plan"
    )
    agreed(world)
    no_op(world)


def test_different_fields_of_one_record_are_both_kept(world: World) -> None:
    edit(world.copy, update_topic, world.academy, method="Witness session")
    edit(world.source, update_topic, world.academy, officers="Dave Hill")
    report = world.sync()
    assert not report.conflicts
    for db in (world.source, world.copy):
        values = world.state(db)[("topic", world.academy)]
        assert (values["method"], values["officers"]) == ("Witness session", "Dave Hill")
    agreed(world)
    no_op(world)


def test_same_change_on_both_sides_is_no_conflict(world: World) -> None:
    edit(world.copy, update_topic, world.academy, method="Site visit")
    edit(world.source, update_topic, world.academy, method="Site visit")
    assert not world.sync().conflicts
    agreed(world)


def test_same_field_changed_differently_is_a_conflict_left_on_each_side(world: World) -> None:
    edit(world.copy, update_topic, world.academy, method="Witness session", notes="From the train")
    edit(world.source, update_topic, world.academy, method="Site visit")
    edit(world.source, update_topic, world.ofsted, witnesses="Ofsted inspectors")
    report = world.sync()
    assert report.applied
    [conflict] = report.open_conflicts
    assert (conflict.key, conflict.field) == (("topic", world.academy), "method")
    assert conflict.record == "topic 'Surrey Children's Services Academy'"
    assert (conflict.copy_value, conflict.source_value) == ("Witness session", "Site visit")
    # Who and when come from each side's change history (see the next test).
    assert conflict.copy_at and conflict.source_at
    # Everything else went through; the conflicting field stayed as each side had it.
    assert world.value(world.source, "topic", world.academy, "notes") == "From the train"
    assert world.value(world.copy, "topic", world.ofsted, "witnesses") == "Ofsted inspectors"
    assert world.value(world.copy, "topic", world.academy, "method") == "Witness session"
    assert world.value(world.source, "topic", world.academy, "method") == "Site visit"
    # Syncing again reports the same conflict and changes nothing.
    again = world.sync()
    assert again.nothing_to_do
    assert [(c.key, c.field) for c in again.open_conflicts] == [(conflict.key, "method")]


@pytest.mark.parametrize("prefer", ["copy", "source"])
def test_prefer_settles_conflicts(world: World, prefer: str) -> None:
    edit(world.copy, update_topic, world.academy, method="Witness session")
    edit(world.source, update_topic, world.academy, method="Site visit")
    world.sync()  # left open first: --prefer must settle it on a later sync as well
    report = world.sync(prefer=prefer)
    assert not report.open_conflicts and report.conflicts[0].resolution == prefer
    wanted = "Witness session" if prefer == "copy" else "Site visit"
    assert world.value(world.source, "topic", world.academy, "method") == wanted
    agreed(world)
    no_op(world)


def test_a_choice_per_conflict(world: World) -> None:
    edit(world.copy, update_topic, world.academy, method="Witness session", officers="A")
    edit(world.source, update_topic, world.academy, method="Site visit", officers="B")
    key = ("topic", world.academy)
    report = world.sync(choices={(key, "method"): "copy", (key, "officers"): "source"})
    assert not report.open_conflicts
    values = world.state(world.source)[key]
    assert (values["method"], values["officers"]) == ("Witness session", "B")
    agreed(world)


def test_creations_go_both_ways_within_the_checked_out_committees(world: World) -> None:
    made_in_copy = edit(world.copy, create_topic, world.ids.committee, title="Home to school")
    made_in_source = edit(world.source, create_topic, world.ids.committee, title="SEND review",
                          meeting_id=world.ids.sept)  # fmt: skip
    elsewhere = edit(world.source, create_topic, world.ids.other, title="Not taken offline")
    report = world.sync()
    assert (report.to_source.created, report.to_copy.created) == (1, 1)
    assert ("topic", made_in_copy.id) in world.state(world.source)
    assert ("topic", made_in_source.id) in world.state(world.copy)
    with world.copy.reading() as s:
        from planner.db.models import Topic

        assert s.get(Topic, elsewhere.id) is None
    agreed(world)
    no_op(world)


def test_deletion_on_one_side_of_an_unchanged_record(world: World) -> None:
    moves = topic_moves_of(world, world.academy)
    assert moves  # the topic has a move: children go first
    edit(world.copy, delete_topic, world.academy)
    edit(world.source, delete_topic, world.ofsted)
    report = world.sync()
    assert not report.conflicts
    for db in (world.source, world.copy):
        state = world.state(db)
        assert ("topic", world.academy) not in state and ("topic", world.ofsted) not in state
        assert not any(("topic_move", m) in state for m in moves)
    agreed(world)
    no_op(world)


def topic_moves_of(w: World, topic_id: str) -> list[str]:
    with w.source.reading() as s:
        return [m.id for m in topic_moves(s, topic_id)]


@pytest.mark.parametrize("deleted_in", ["source", "copy"])
def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict(
    world: World, deleted_in: str
) -> None:
    deleter, editor = (world.source, world.copy) if deleted_in == "source" else (
        world.copy, world.source)  # fmt: skip
    edit(deleter, delete_topic, world.ofsted)
    edit(editor, update_topic, world.ofsted, outcome="Still wanted")
    report = world.sync()
    [conflict] = report.open_conflicts
    assert conflict.kind == "deleted" and conflict.field is None
    assert getattr(conflict, f"{deleted_in}_deleted")
    assert ("topic", world.ofsted) in world.state(editor)
    assert ("topic", world.ofsted) not in world.state(deleter)
    assert world.sync().open_conflicts  # never settled silently
    kept_side = "copy" if deleted_in == "source" else "source"
    world.sync(prefer=kept_side)
    assert world.value(deleter, "topic", world.ofsted, "outcome") == "Still wanted"
    agreed(world)


def test_deleted_and_edited_settled_for_the_deletion(world: World) -> None:
    edit(world.source, delete_topic, world.ofsted)
    edit(world.copy, update_topic, world.ofsted, outcome="Still wanted")
    world.sync(prefer="source")
    assert ("topic", world.ofsted) not in world.state(world.copy)
    agreed(world)


def test_topic_moved_to_a_meeting_created_on_the_other_side(world: World) -> None:
    meeting = edit(world.copy, create_meeting, world.ids.committee, date="2019-01-25")
    edit(world.copy, move_topic, world.ofsted, meeting_id=meeting.id, reason="Later data")
    fresh = edit(world.copy, create_topic, world.ids.committee, title="On the new meeting",
                 meeting_id=meeting.id)  # fmt: skip
    report = world.sync()
    assert not report.conflicts
    state = world.state(world.source)
    assert state[("topic", world.ofsted)]["meeting_id"] == meeting.id
    assert state[("topic", fresh.id)]["meeting_id"] == meeting.id
    assert ("meeting", meeting.id) in state
    agreed(world)


def test_meeting_deleted_in_source_after_its_topics_moved_away(world: World) -> None:
    edit(world.source, delete_meeting, world.ids.nov, topics="unschedule")
    report = world.sync()
    assert not report.conflicts
    assert ("meeting", world.ids.nov) not in world.state(world.copy)
    assert world.value(world.copy, "topic", world.ofsted, "meeting_id") is None
    agreed(world)


def test_meeting_deleted_on_one_side_but_used_by_the_others_new_topic(world: World) -> None:
    edit(world.source, delete_meeting, world.ids.nov, topics="unschedule")
    fresh = edit(world.copy, create_topic, world.ids.committee, title="Planned for November",
                 meeting_id=world.ids.nov)  # fmt: skip
    report = world.sync()
    [conflict] = report.open_conflicts
    assert conflict.kind == "used" and conflict.key == ("meeting", world.ids.nov)
    assert "Planned for November" in conflict.note
    assert report.held_back  # the new topic waits: its meeting is not in the source
    assert ("topic", fresh.id) not in world.state(world.source)
    assert ("meeting", world.ids.nov) in world.state(world.copy)
    # Everything else was merged: the source's unscheduling reached the copy.
    assert world.value(world.copy, "topic", world.ofsted, "meeting_id") is None
    world.sync(prefer="copy")  # keep the meeting: it comes back to the source, with the topic
    assert world.value(world.source, "topic", fresh.id, "meeting_id") == world.ids.nov
    agreed(world)
    no_op(world)


def test_used_meeting_settled_for_the_deletion_takes_its_new_topic_too(world: World) -> None:
    edit(world.source, delete_meeting, world.ids.nov, topics="unschedule")
    fresh = edit(world.copy, create_topic, world.ids.committee, title="Planned for November",
                 meeting_id=world.ids.nov)  # fmt: skip
    world.sync(prefer="source")
    assert ("meeting", world.ids.nov) not in world.state(world.copy)
    assert ("topic", fresh.id) not in world.state(world.copy)
    agreed(world)


def test_who_and_when_come_from_the_change_history(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FWP_USER", "Cllr Kay Hammond")
    edit(world.copy, update_topic, world.academy, method="Witness session")
    monkeypatch.setenv("FWP_USER", "Clerk")
    edit(world.source, update_topic, world.academy, method="Site visit")
    [conflict] = world.sync().open_conflicts
    with world.copy.reading() as s:
        on_copy = last_change(s, "topic", world.academy)
    with world.source.reading() as s:
        on_source = last_change(s, "topic", world.academy)
    assert on_copy is not None and on_source is not None
    assert conflict.copy_who == "Cllr Kay Hammond"
    # A shared database also names the connection's own user (the tests use fwp_admin).
    assert conflict.source_who == (
        "Clerk" if world.source.sqlite_path else "Clerk (db user fwp_admin)"
    )
    assert conflict.copy_at == on_copy.at.isoformat()
    assert conflict.source_at == on_source.at.isoformat()


def test_the_sync_writes_its_changes_into_the_history(world: World) -> None:
    edit(world.copy, update_topic, world.academy, method="Witness session")
    world.sync()
    log = ChangeLog.__table__
    with world.source.engine.connect() as conn:
        rows = conn.execute(select(log.c.who, log.c.action, log.c.changes).where(
            log.c.record_id == world.academy, log.c.who.like("%(offline sync)"))).all()  # fmt: skip
    assert [(r.action, r.changes) for r in rows] == [
        ("update", {"method": ["Formal report", "Witness session"]})
    ]
    assert rows[0].who.endswith("(offline sync)")


def test_council_and_committee_edits_travel_too(world: World) -> None:
    from planner.services.committees import update_committee, update_council

    edit(world.copy, update_committee, world.ids.committee, contact_name="Ross Pike")
    edit(world.source, update_council, world.ids.council, nation="wales")
    assert not world.sync().conflicts
    assert world.value(world.source, "committee", world.ids.committee, "contact_name") == (
        "Ross Pike"
    )
    assert world.value(world.copy, "council", world.ids.council, "nation") == "wales"
    agreed(world)


def test_a_source_edit_during_the_sync_stops_it_with_nothing_changed(
    pg_db, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: nobody is locked out; the version check refuses the sync instead."""
    import importlib

    from offline_world import make_world

    from planner.db.database import open_database
    from planner.errors import PlannerError

    world = make_world(pg_db, tmp_path)
    sync_module = importlib.import_module("planner.offline.sync")
    edit(world.copy, update_topic, world.academy, method="Witness session")
    real = sync_module.apply_writes
    calls = []

    def racing(conn, writes, where):  # type: ignore[no-untyped-def]
        if not calls:  # the source's half: someone else edits the same topic first
            other = open_database(world.source.engine.url.render_as_string(hide_password=False))
            try:
                edit(other, update_topic, world.academy, officers="Someone else")
            finally:
                other.close()
        calls.append(where)
        return real(conn, writes, where)

    monkeypatch.setattr(sync_module, "apply_writes", racing)
    copy_before = world.state(world.copy)
    with pytest.raises(PlannerError, match=r"[Rr]un the sync again"):
        world.sync()
    assert world.state(world.copy) == copy_before
    assert world.value(world.source, "topic", world.academy, "method") == "Formal report"
    monkeypatch.setattr(sync_module, "apply_writes", real)
    assert not world.sync().conflicts  # run again: both edits kept
    values = world.state(world.source)[("topic", world.academy)]
    assert (values["method"], values["officers"]) == ("Witness session", "Someone else")
    agreed(world)
    world.close()


def test_a_sqlite_source_is_locked_while_the_sync_writes(
    sqlite_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: the sync holds the source's write lock, so another writer waits (here: gives
    up at once) instead of slipping an edit in between the sync's read and write."""
    import importlib
    import sqlite3

    world = sqlite_world
    sync_module = importlib.import_module("planner.offline.sync")
    edit(world.copy, update_topic, world.academy, method="Witness session")
    real = sync_module.apply_writes
    refused = []

    def racing(conn, writes, where):  # type: ignore[no-untyped-def]
        if not refused:
            other = sqlite3.connect(world.source.sqlite_path, timeout=0.05)
            try:
                other.execute("UPDATE topic SET officers = 'x' WHERE id = ?", (world.academy,))
            except sqlite3.OperationalError as exc:
                refused.append(str(exc))
            finally:
                other.close()
        return real(conn, writes, where)

    monkeypatch.setattr(sync_module, "apply_writes", racing)
    assert world.sync().applied
    assert refused == ["database is locked"]
    agreed(world)
