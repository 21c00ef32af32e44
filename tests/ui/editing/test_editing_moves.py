"""Moving topics (deferrals and their reasons) and deleting meetings with each policy."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.db.database import open_database
from planner.errors import NotFoundError
from planner.services import actions, meetings, topics
from planner.services.meetings import TopicsPolicy
from ui.editing.commands import DeleteMeeting, MoveTopic

NOV = "2018-11-16"
SEP = "2018-09-07"
PLACEMENT = ("meeting_id", "timing", "status", "deferral_count", "deferral_reason")


def _topic_id(read, cesc, title: str) -> str:
    return next(t.id for t in read(topics.list_topics, [cesc.id]) if t.title.startswith(title))


def _placement(read, topic_id: str) -> dict:
    view = read(topics.get_topic, topic_id)
    return {f: getattr(view, f) for f in PLACEMENT}


@pytest.fixture
def january(db, cesc) -> str:
    """A later meeting to defer to."""
    with db.transaction() as s:
        return meetings.create_meeting(s, cesc.id, date=dt.date(2019, 1, 25)).id


def test_move_to_later_meeting_counts_deferral_and_undo_restores(
    controller, stack, read, cesc, january
):
    topic_id = _topic_id(read, cesc, "Alternative Education")
    before = _placement(read, topic_id)
    stack.push(MoveTopic(controller, topic_id, january, None, "Report not ready"))
    assert stack.undoText() == "Move 'Alternative Education Provision' to 25 January 2019"
    moved = _placement(read, topic_id)
    assert moved["meeting_id"] == january
    assert moved["deferral_count"] == 1
    assert moved["deferral_reason"] == "Report not ready"
    stack.undo()
    assert _placement(read, topic_id) == before
    stack.redo()
    assert _placement(read, topic_id) == moved
    assert controller.signals.changed == ["topic"] * 3


def test_move_off_meeting_to_loose_timing(controller, stack, read, cesc):
    topic_id = _topic_id(read, cesc, "Early Help")
    before = _placement(read, topic_id)
    stack.push(MoveTopic(controller, topic_id, None, "Spring 2019", None))
    assert stack.undoText() == "Move 'Early Help/Family Resilience Transforma…' to Spring 2019"
    after = _placement(read, topic_id)
    assert (after["meeting_id"], after["timing"], after["status"]) == (
        None,
        "Spring 2019",
        "deferred",
    )
    assert after["deferral_count"] == 1
    stack.undo()
    assert _placement(read, topic_id) == before


def test_controller_asks_reason_only_for_a_deferral(controller, read, cesc, january):
    asked: list[str] = []

    def answer(title: str, prompt: str) -> str:
        asked.append(prompt)
        return "Awaiting the Ofsted report"

    controller.ask_reason = answer
    later = _topic_id(read, cesc, "Alternative Education")
    controller.move_topic(later, january)
    assert len(asked) == 1 and "from 16 November 2018 to 25 January 2019" in asked[0]
    assert _placement(read, later)["deferral_reason"] == "Awaiting the Ofsted report"
    assert _placement(read, later)["deferral_count"] == 1

    earlier = _topic_id(read, cesc, "Early Help")
    controller.move_topic(earlier, cesc.meetings[SEP])  # brought forward: no question
    unplaced = _topic_id(read, cesc, "SEND Transformation")
    controller.move_topic(unplaced, cesc.meetings[NOV])  # scheduled for the first time
    assert len(asked) == 1
    assert _placement(read, earlier)["deferral_count"] == 0
    assert _placement(read, unplaced)["status"] == "scheduled"
    assert controller.undo_stack.count() == 3


def test_cancelling_the_reason_cancels_the_move(controller, read, cesc):
    controller.ask_reason = lambda title, prompt: None
    topic_id = _topic_id(read, cesc, "Alternative Education")
    before = _placement(read, topic_id)
    controller.move_topic(topic_id, None, "TBC")
    assert _placement(read, topic_id) == before
    assert controller.undo_stack.count() == 0


def test_move_without_asking(controller, read, cesc, january):
    topic_id = _topic_id(read, cesc, "Alternative Education")
    controller.move_topic(topic_id, january, ask_reason=False)
    assert _placement(read, topic_id)["deferral_count"] == 1
    assert _placement(read, topic_id)["deferral_reason"] is None
    controller.move_topic(topic_id, january)  # already there: nothing to do
    assert controller.undo_stack.count() == 1


@pytest.fixture
def nov_state(db, read, cesc):
    """The 16 November meeting's topics, and an action linked to it."""
    with db.transaction() as s:
        action = actions.create_action(
            s, cesc.id, text="Send the figures", meeting_id=cesc.meetings[NOV]
        )
    ids = [t.id for t in read(topics.list_topics, [cesc.id]) if t.meeting_id == cesc.meetings[NOV]]
    assert len(ids) == 2
    fields = tuple(topics.TOPIC_FIELDS)
    views = {i: read(topics.get_topic, i) for i in ids}
    return action.id, {i: {f: getattr(v, f) for f in fields} for i, v in views.items()}


def _check_restored(read, cesc, nov_state) -> None:
    action_id, before = nov_state
    meeting = read(meetings.get_meeting, cesc.meetings[NOV])
    assert meeting.topic_count == 2 and meeting.status == "scheduled"
    for topic_id, fields in before.items():
        view = read(topics.get_topic, topic_id)
        assert {f: getattr(view, f) for f in fields} == fields
    assert read(actions.get_action, action_id).meeting_id == cesc.meetings[NOV]


@pytest.mark.parametrize("policy", list(TopicsPolicy))
def test_delete_meeting_with_each_policy_and_undo(
    policy, controller, stack, read, cesc, nov_state, january
):
    move_to = january if policy is TopicsPolicy.MOVE else None
    stack.push(DeleteMeeting(controller, cesc.meetings[NOV], policy, move_to))
    assert not controller.signals.errors
    assert stack.undoText() == "Delete meeting of 16 November 2018"
    with pytest.raises(NotFoundError):
        read(meetings.get_meeting, cesc.meetings[NOV])
    for topic_id in nov_state[1]:
        if policy is TopicsPolicy.DELETE:
            with pytest.raises(NotFoundError):
                read(topics.get_topic, topic_id)
        else:
            view = read(topics.get_topic, topic_id)
            assert view.meeting_id == move_to
            assert view.deferral_count == 1
    assert read(actions.get_action, nov_state[0]).meeting_id is None
    stack.undo()
    _check_restored(read, cesc, nov_state)
    stack.redo()
    stack.undo()
    _check_restored(read, cesc, nov_state)
    assert set(controller.signals.changed) == {"meeting", "topic"}


def test_controller_delete_meeting_asks_policy(controller, read, cesc, nov_state, january):
    asked = []

    def policy(meeting, titles, others):
        asked.append((meeting.date, sorted(titles), [m.date for m in others]))
        return TopicsPolicy.MOVE, january

    controller.ask_meeting_policy = policy
    controller.delete("meeting", [cesc.meetings[NOV]])
    assert asked == [(
        dt.date(2018, 11, 16),
        ["Alternative Education Provision", "Early Help/Family Resilience Transformation"],
        [dt.date(2018, 9, 7), dt.date(2019, 1, 25)],
    )]  # fmt: skip
    assert read(meetings.get_meeting, january).topic_count == 2
    controller.undo_stack.undo()
    _check_restored(read, cesc, nov_state)


def test_controller_delete_meeting_cancelled(controller, read, cesc, nov_state):
    controller.ask_meeting_policy = lambda *args: None
    controller.delete("meeting", [cesc.meetings[NOV]])
    assert controller.undo_stack.count() == 0
    _check_restored(read, cesc, nov_state)


def test_meeting_with_recommendations_cannot_be_deleted(controller, read, cesc_2017):
    controller.delete("meeting", [cesc_2017.meetings["2018-02-20"]])
    assert controller.undo_stack.count() == 0
    assert "made recommendations" in controller.signals.errors[0]
    assert read(meetings.get_meeting, cesc_2017.meetings["2018-02-20"]).topic_count == 5


def test_delete_two_meetings_is_one_step(controller, read, cesc, nov_state, january):
    controller.confirm = lambda title, text: True
    controller.ask_meeting_policy = lambda *args: (TopicsPolicy.UNSCHEDULE, None)
    controller.delete("meeting", [cesc.meetings[NOV], january])
    stack = controller.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Delete 2 meetings"
    remaining = read(meetings.list_meetings, [cesc.id])
    assert [m.date for m in remaining] == [dt.date(2018, 9, 7)]
    stack.undo()
    _check_restored(read, cesc, nov_state)
    assert read(meetings.get_meeting, january).date == dt.date(2019, 1, 25)


def test_move_history_follows_undo_and_redo(controller, stack, read, cesc, january):
    topic_id = _topic_id(read, cesc, "Alternative Education")
    stack.push(MoveTopic(controller, topic_id, january, None, "Report not ready"))
    history = read(topics.topic_moves, topic_id)
    assert [(m.to_label, m.reason) for m in history] == [("25 January 2019", "Report not ready")]
    stack.undo()
    assert read(topics.topic_moves, topic_id) == []
    stack.redo()
    assert [m.reason for m in read(topics.topic_moves, topic_id)] == ["Report not ready"]


def test_undoing_a_topic_delete_restores_its_history(controller, stack, read, cesc, january):
    from ui.editing.commands import DeleteRecord

    topic_id = _topic_id(read, cesc, "Alternative Education")
    stack.push(MoveTopic(controller, topic_id, january, None, "Report not ready"))
    history = read(topics.topic_moves, topic_id)
    stack.push(DeleteRecord(controller, "topic", topic_id))
    with pytest.raises(NotFoundError):
        read(topics.get_topic, topic_id)
    stack.undo()
    assert read(topics.topic_moves, topic_id) == history
    assert read(topics.get_topic, topic_id).deferral_count == 1


def test_cancelling_a_meeting_in_its_form_offers_to_move_its_topics(
    controller, stack, read, cesc, january, monkeypatch, parent_widget
):
    """The form path and the Meetings view's 'Cancel meeting…' behave alike, in one undo."""
    from planner.enums import MeetingStatus
    from ui import prompts
    from ui.views import meetings as meetings_view

    view = meetings_view.MeetingsView(controller, stack, parent_widget)
    view.load(controller.db, cesc.id)
    nov = next(m for m in read(meetings.list_meetings, [cesc.id]) if m.date.isoformat() == NOV)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask", lambda _p, _t, text: asked.append(text) or True)
    monkeypatch.setattr(meetings_view, "choose_destination", lambda *a, **k: (january, None))
    monkeypatch.setattr(controller, "ask_reason", lambda *a: "Meeting cancelled")
    monkeypatch.setattr(
        controller, "open_form", lambda kind, v, cid, defaults=None: {"status": "cancelled"}
    )
    controller.edit("meeting", nov.id)
    assert asked and "2 topic(s)" in asked[0]
    assert read(meetings.get_meeting, nov.id).status == MeetingStatus.CANCELLED
    moved = [t for t in read(topics.list_topics, [cesc.id]) if t.meeting_id == january]
    assert len(moved) == 2 and all(t.deferral_reason == "Meeting cancelled" for t in moved)
    assert stack.undoText() == "Edit meeting of 16 November 2018"
    stack.undo()
    assert read(meetings.get_meeting, nov.id).status == MeetingStatus.SCHEDULED
    assert len([t for t in read(topics.list_topics, [cesc.id]) if t.meeting_id == nov.id]) == 2


def test_undo_of_a_meeting_delete_keeps_a_topic_someone_placed_since(
    db, controller, stack, read, cesc, nov_state, january
):
    """Another user schedules one of the unscheduled topics before the Undo: the
    undo would put it back over their change, so it is refused as a whole (one
    transaction) and says who changed what; nothing else is half put back."""
    stack.push(DeleteMeeting(controller, cesc.meetings[NOV], TopicsPolicy.UNSCHEDULE))
    moved_by_them = next(iter(nov_state[1]))
    assert db.sqlite_path is not None
    other = open_database(db.sqlite_path)
    try:
        with other.transaction() as s:
            topics.move_topic(s, moved_by_them, meeting_id=january, reason="Their choice")
    finally:
        other.close()
    stack.undo()
    [error] = controller.signals.errors
    assert "changed the meeting of topic" in error, error
    with pytest.raises(NotFoundError):
        read(meetings.get_meeting, cesc.meetings[NOV])
    assert read(topics.get_topic, moved_by_them).meeting_id == january
    assert read(actions.get_action, nov_state[0]).meeting_id is None


def test_undo_of_a_meeting_delete_merges_an_unrelated_change(
    db, controller, stack, read, cesc, nov_state
):
    """A change to a field the undo does not put back (the title) is kept."""
    stack.push(DeleteMeeting(controller, cesc.meetings[NOV], TopicsPolicy.UNSCHEDULE))
    renamed = next(iter(nov_state[1]))
    with db.transaction() as s:
        topics.update_topic(s, renamed, title="Renamed by someone else")
    stack.undo()
    assert not controller.signals.errors
    view = read(topics.get_topic, renamed)
    assert (view.title, view.meeting_id) == ("Renamed by someone else", cesc.meetings[NOV])
