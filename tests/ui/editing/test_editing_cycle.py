"""Create, update and delete each kind of record; undo and redo; check the database each step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from planner.errors import NotFoundError
from planner.services import actions, committees, groups, recommendations, topics
from ui.editing.commands import CreateRecord, DeleteRecord, UpdateRecord
from ui.editing.registry import kind_of

NOV = "2018-11-16"
FEB = "2018-02-20"


@dataclass
class Case:
    create: Callable[[Any, Any], dict[str, Any]]  # (cesc, cesc_2017) -> values
    year: str  # which committee the new record goes in
    existing: Callable[[Callable[..., Any], Any, Any], str]  # (read, cesc, cesc_2017) -> id
    update: dict[str, Any]
    expect: dict[str, Any] = field(default_factory=dict)  # side effects of the update


def _topic(read: Callable[..., Any], c: Any, _c17: Any) -> str:
    return next(t.id for t in read(topics.list_topics, [c.id]) if t.title.startswith("Alternative"))


def _member(read: Callable[..., Any], c: Any, _c17: Any) -> str:
    members = read(committees.get_committee, c.id).members
    return next(m.id for m in members if m.name == "Chris Botten")


CASES: dict[str, Case] = {
    "topic": Case(
        lambda c, _: {"title": "Elective home education", "meeting_id": c.meetings[NOV],
                      "description": "Numbers and support", "method": "Formal report"},
        "2018/19", _topic,
        {"title": "Alternative provision review", "outcome": "Assurance", "exempt_paragraph": 3},
        {"exempt": True},
    ),
    "meeting": Case(
        lambda c, _: {"date": dt.date(2019, 1, 25), "start_time": dt.time(10), "place": "Chamber"},
        "2018/19", lambda read, c, c17: c17.meetings["2017-11-17"],
        {"date": dt.date(2017, 11, 20), "place": "Room 1", "capacity": 4},
    ),
    "group": Case(
        lambda c, _: {"title": "Home to school transport", "members": ("Chris Botten", "Liz Bowes"),
                      "start_date": dt.date(2019, 1, 7), "projected_finish": dt.date(2019, 6, 1)},
        "2018/19", lambda read, c, c17: read(groups.list_groups, [c.id])[0].id,
        {"status": "evidence gathering", "lead_member": "Liz Bowes", "members": ("A B", "C D")},
    ),
    "recommendation": Case(
        lambda _, c17: {"meeting_id": c17.meetings[FEB], "item_number": 11,
                        "text": "That the Cabinet Member reports back.", "addressed_to": "Cabinet"},
        "2017/18",
        lambda read, c, c17: read(recommendations.recommendation_by_reference, [c17.id], "7/18").id,
        {"status": "slipped", "slipped_to": dt.date(2018, 9, 1), "slipped_reason": "Ofsted",
         "response": "Agreed in part", "agreed": "in part"},
    ),
    "action": Case(
        lambda c, _: {"text": "Circulate the figures", "owner": "Chairman",
                      "due": dt.date(2018, 12, 1), "meeting_id": c.meetings[NOV]},
        "2018/19", lambda read, c, c17: read(actions.list_actions, [c17.id])[0].id,
        {"done": True, "owner": "Clerk"},
        {"done_on": dt.date.today()},
    ),
    "member": Case(
        lambda c, _: {"name": "Jane Doe", "honorific": "Mrs", "role": "co-opted",
                      "representing": "Parent governors"},
        "2018/19", _member,
        {"office": "chairman", "representing": "Reigate"},
    ),
    "activity": Case(
        lambda c, _: {"member": "Chris Botten", "quarter": "Q3", "practitioner": "Social worker",
                      "date": dt.date(2018, 10, 1)},
        "2018/19", lambda read, c, c17: read(actions.list_activities, [c.id])[0].id,
        {"location": "Guildford", "quarter": "Q2"},
    ),
}  # fmt: skip
KINDS = sorted(CASES)


def _offices(read: Callable[..., Any], committee_id: str) -> dict[str, Any]:
    return {m.name: m.office for m in read(committees.get_committee, committee_id).members}


def _gone(read: Callable[..., Any], kind: str, record_id: str) -> bool:
    try:
        read(kind_of(kind).get, record_id)
    except NotFoundError:
        return True
    return False


@pytest.mark.parametrize("kind", KINDS)
def test_create_undo_redo(kind, controller, stack, read, snapshot, cesc, cesc_2017):
    case = CASES[kind]
    committee = cesc if case.year == "2018/19" else cesc_2017
    values = case.create(cesc, cesc_2017)
    offices = _offices(read, committee.id)
    command = CreateRecord(controller, kind, committee.id, values)
    stack.push(command)
    assert stack.count() == 1 and not controller.signals.errors
    assert stack.undoText().startswith(f"Add {kind_of(kind).noun}")
    created = snapshot(kind, command.record_id)
    for key, value in values.items():
        assert created[key] == value, key
    assert controller.signals.changed[-1] == kind

    stack.undo()
    assert _gone(read, kind, command.record_id)
    assert _offices(read, committee.id) == offices

    stack.redo()
    assert snapshot(kind, command.record_id) == created  # same id, same fields
    assert not controller.signals.errors


@pytest.mark.parametrize("kind", KINDS)
def test_update_undo_redo(kind, controller, stack, read, snapshot, cesc, cesc_2017):
    case = CASES[kind]
    record_id = case.existing(read, cesc, cesc_2017)
    before = snapshot(kind, record_id)
    offices = _offices(read, cesc.id)
    stack.push(UpdateRecord(controller, kind, record_id, case.update))
    assert not controller.signals.errors
    assert stack.undoText().startswith(f"Edit {kind_of(kind).noun}")
    after = snapshot(kind, record_id)
    for key, value in {**case.update, **case.expect}.items():
        assert after[key] == value, key

    stack.undo()
    assert snapshot(kind, record_id) == before
    assert _offices(read, cesc.id) == offices  # a new Chairman's predecessor is restored

    stack.redo()
    assert snapshot(kind, record_id) == after
    assert controller.signals.changed == [kind, kind, kind]


@pytest.mark.parametrize("kind", KINDS)
def test_delete_undo_redo(kind, controller, stack, read, snapshot, cesc, cesc_2017):
    case = CASES[kind]
    record_id = case.existing(read, cesc, cesc_2017)
    before = snapshot(kind, record_id)
    offices = _offices(read, cesc.id)
    stack.push(DeleteRecord(controller, kind, record_id))
    assert not controller.signals.errors
    assert stack.undoText().startswith(f"Delete {kind_of(kind).noun}")
    assert _gone(read, kind, record_id)

    stack.undo()
    assert snapshot(kind, record_id) == before  # the same id with the same fields
    assert _offices(read, cesc.id) == offices

    stack.redo()
    assert _gone(read, kind, record_id)
    stack.undo()
    assert snapshot(kind, record_id) == before


def test_meeting_date_change_marks_it_moved_and_undo_restores_status(
    controller, stack, snapshot, cesc
):
    meeting_id = cesc.meetings[NOV]
    stack.push(UpdateRecord(controller, "meeting", meeting_id, {"date": dt.date(2018, 11, 23)}))
    assert stack.undoText() == "Edit meeting of 16 November 2018"
    assert snapshot("meeting", meeting_id)["status"] == "moved"
    stack.undo()
    assert snapshot("meeting", meeting_id)["status"] == "scheduled"
    assert snapshot("meeting", meeting_id)["date"] == dt.date(2018, 11, 16)


def test_deleted_topic_comes_back_on_its_meeting(controller, stack, read, snapshot, cesc):
    topic_id = _topic(read, cesc, None)
    stack.push(DeleteRecord(controller, "topic", topic_id))
    assert stack.undoText() == "Delete topic 'Alternative Education Provision'"
    stack.undo()
    restored = snapshot("topic", topic_id)
    assert restored["meeting_id"] == cesc.meetings[NOV]
    assert restored["status"] == "scheduled"
    assert read(topics.get_topic, topic_id).meeting_date == dt.date(2018, 11, 16)


def test_failing_command_is_dropped_and_reported(controller, stack, read, snapshot, cesc):
    topic_id = _topic(read, cesc, None)
    before = snapshot("topic", topic_id)
    stack.push(UpdateRecord(controller, "topic", topic_id, {"title": "   "}))
    assert stack.count() == 0  # obsolete: never on the stack
    assert controller.signals.errors == ["The title must not be blank."]
    assert controller.signals.changed == []
    assert snapshot("topic", topic_id) == before


def test_committee_edit_undo_redo(controller, stack, snapshot, cesc):
    before = snapshot("committee", cesc.id)
    changes = {"contact_room": "Room 9", "terms_of_reference": ("Education", "Early Help")}
    stack.push(UpdateRecord(controller, "committee", cesc.id, changes))
    assert stack.undoText() == "Edit committee 'Children and Education Select Committee'"
    after = snapshot("committee", cesc.id)
    assert after["terms_of_reference"] == ("Education", "Early Help")
    stack.undo()
    assert snapshot("committee", cesc.id) == before
    stack.redo()
    assert snapshot("committee", cesc.id) == after
    assert controller.signals.changed == ["committee"] * 3


def test_new_chairman_undone_gives_the_office_back(controller, stack, read, cesc):
    before = _offices(read, cesc.id)
    values = {"name": "Jane Doe", "role": "elected", "office": "chairman"}
    stack.push(CreateRecord(controller, "member", cesc.id, values))
    now = _offices(read, cesc.id)
    assert now["Jane Doe"] == "chairman" and now["Kay Hammond"] is None
    stack.undo()
    assert _offices(read, cesc.id) == before
    stack.redo()
    assert _offices(read, cesc.id) == now


def test_batch_is_all_or_nothing(controller, stack, read, db, cesc):
    from ui.editing.commands import Batch

    first, second = (t.id for t in read(topics.list_topics, [cesc.id])[:2])
    batch = Batch(
        controller,
        "Delete 2 topics",
        [DeleteRecord(controller, "topic", first), DeleteRecord(controller, "topic", second)],
    )
    with db.transaction() as s:
        topics.delete_topic(s, second)  # gone before the batch runs
    stack.push(batch)
    assert stack.count() == 0
    assert controller.signals.errors == [f"There is no topic with id {second}."]
    assert read(topics.get_topic, first).id == first  # the first delete was rolled back
