"""The EditController's interface with its dialogs answered by the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import NotFoundError
from planner.services import actions, committees, groups, meetings, topics

NOV = "2018-11-16"


def _topic(read, cesc, title: str):
    return next(t for t in read(topics.list_topics, [cesc.id]) if t.title.startswith(title))


def test_add_opens_the_form_with_defaults_and_pushes(controller, read, cesc):
    seen = []

    def form(kind, view, committee_id, defaults=None):
        seen.append((kind, view, committee_id, defaults))
        return {"title": "School transport", "meeting_id": cesc.meetings[NOV], "timing": None}

    controller.open_form = form
    controller.add("topic", cesc.id, meeting_id=cesc.meetings[NOV])
    assert seen == [("topic", None, cesc.id, {"meeting_id": cesc.meetings[NOV]})]
    assert controller.undo_stack.undoText() == "Add topic 'School transport'"
    added = _topic(read, cesc, "School transport")
    assert added.status == "scheduled" and added.meeting_date == dt.date(2018, 11, 16)
    assert controller.signals.changed == ["topic"]
    controller.undo_stack.undo()
    with pytest.raises(NotFoundError):
        read(topics.get_topic, added.id)


def test_add_cancelled_does_nothing(controller, cesc):
    controller.open_form = lambda *args, **kwargs: None
    controller.add("group", cesc.id)
    assert controller.undo_stack.count() == 0 and controller.signals.changed == []


def test_edit_pushes_only_changed_fields(controller, read, cesc):
    meeting = read(meetings.get_meeting, cesc.meetings[NOV])
    values = {f: getattr(meeting, f) for f in meetings.MEETING_FIELDS}
    controller.open_form = lambda kind, view, cid, defaults=None: {**values, "place": "Room 122"}
    controller.edit("meeting", meeting.id)
    assert controller.undo_stack.undoText() == "Edit meeting of 16 November 2018"
    assert read(meetings.get_meeting, meeting.id).place == "Room 122"
    controller.open_form = lambda kind, view, cid, defaults=None: {**values, "place": "Room 122"}
    controller.edit("meeting", meeting.id)  # nothing changed: nothing pushed
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert read(meetings.get_meeting, meeting.id).place == meeting.place


def test_edit_member_passes_its_committee(controller, read, cesc):
    member = read(committees.get_committee, cesc.id).members[0]
    got = []

    def form(kind, view, committee_id, defaults=None):
        got.append((view.id, committee_id))
        return {"name": member.name, "representing": "Epsom"}

    controller.open_form = form
    controller.edit("member", member.id)
    assert got == [(member.id, cesc.id)]
    assert controller.undo_stack.undoText() == f"Edit member '{member.name}'"


def test_edit_topic_moving_it_is_a_move_plus_an_edit(controller, read, cesc):
    topic = _topic(read, cesc, "Alternative Education")
    values = {f: getattr(topic, f) for f in topics.TOPIC_FIELDS}
    controller.open_form = lambda *a, **k: {
        **values,
        "meeting_id": None,
        "timing": "Spring 2019",
        "outcome": "A plan",
    }
    controller.ask_reason = lambda title, prompt: "Officers need more time"
    controller.edit("topic", topic.id)
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Edit topic 'Alternative Education Provision'"
    after = read(topics.get_topic, topic.id)
    assert (after.timing, after.outcome, after.status) == ("Spring 2019", "A plan", "deferred")
    assert (after.deferral_count, after.deferral_reason) == (1, "Officers need more time")
    controller.undo_stack.undo()
    assert read(topics.get_topic, topic.id) == topic.__class__(
        **{**topic.__dict__, "version": read(topics.get_topic, topic.id).version}
    )


def test_delete_confirms_and_names_the_record(controller, read, db, cesc_2017):
    action = read(actions.list_actions, [cesc_2017.id])[0]
    questions = []
    controller.confirm = lambda title, text: questions.append(text) or False
    controller.delete("action", [action.id])
    assert controller.undo_stack.count() == 0
    controller.confirm = lambda title, text: True
    controller.delete("action", [action.id])
    assert questions[0].startswith("Delete the action 'A further update")
    assert controller.undo_stack.undoText().startswith("Delete action 'A further update")
    assert controller.undo_stack.undoText().endswith("…'")
    with pytest.raises(NotFoundError):
        read(actions.get_action, action.id)
    controller.undo_stack.undo()
    back = read(actions.get_action, action.id)
    # The same record again; its version carries on (the history records a restore).
    assert back == action.__class__(**{**action.__dict__, "version": action.version + 1})


def test_delete_several_is_one_undo_step(controller, read, cesc):
    ids = [g.id for g in read(groups.list_groups, [cesc.id])]
    controller.confirm = lambda title, text: True
    controller.delete("group", ids)
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Delete 2 task groups"
    assert read(groups.list_groups, [cesc.id]) == []
    controller.undo_stack.undo()
    assert sorted(g.id for g in read(groups.list_groups, [cesc.id])) == sorted(ids)


def test_set_field(controller, read, cesc):
    topic = _topic(read, cesc, "Alternative Education")
    assert controller.set_field("topic", topic.id, "method", "Witness session") is True
    assert read(topics.get_topic, topic.id).method == "Witness session"
    assert controller.set_field("topic", topic.id, "method", "Witness session") is True
    assert controller.undo_stack.count() == 1
    assert controller.set_field("topic", topic.id, "title", "") is False
    assert controller.signals.errors == ["The title must not be blank."]
    assert controller.undo_stack.count() == 1
    action_id = read(actions.list_actions, None)[0].id
    assert controller.set_field("action", action_id, "done", True) is True
    assert read(actions.get_action, action_id).done is True
    controller.undo_stack.undo()
    assert read(actions.get_action, action_id).done is False


def test_unknown_kind_and_missing_record_become_errors(controller, cesc):
    controller.edit("topic", "no-such-id")
    controller.add("council", cesc.id)
    assert controller.signals.errors == [
        "There is no topic with id no-such-id.",
        "The planner cannot edit records of kind 'council'.",
    ]


def test_set_database(controller, db, tmp_path):
    from planner.db.database import open_database

    other = open_database(tmp_path / "other.db")
    try:
        controller.set_database(other)
        assert controller.db is other
    finally:
        other.close()
