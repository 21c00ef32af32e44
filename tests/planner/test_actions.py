"""Actions from meetings and members' activities such as practice conversations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sample_programme import Cesc

from planner.db.database import Database
from planner.errors import NotFoundError, ValidationError
from planner.services.actions import (
    create_action,
    create_activity,
    delete_action,
    delete_activity,
    get_action,
    list_actions,
    list_activities,
    update_action,
    update_activity,
)
from planner.services.topics import create_topic, list_topics

CIRCULATE = "For the Chairman to circulate the missing children statistics."


def test_create_get_update_delete_action(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        action = create_action(
            s, cesc.committee, meeting_id=cesc.sept, text=CIRCULATE, owner="Chairman", due="1/10/18"
        )
    assert (action.meeting_date, action.due) == (dt.date(2018, 9, 7), dt.date(2018, 10, 1))
    assert (action.done, action.done_on, action.owner) == (False, None, "Chairman")
    with db.transaction() as s:
        done = update_action(s, action.id, done="yes", done_on="2018-09-20")
        assert get_action(s, action.id) == done
    assert (done.done, done.done_on, done.overdue) == (True, dt.date(2018, 9, 20), False)
    with db.transaction() as s:
        reopened = update_action(s, action.id, done=False)
    assert (reopened.done, reopened.done_on) == (False, None)
    with db.transaction() as s:
        delete_action(s, action.id)
    with pytest.raises(NotFoundError, match="no action"), db.reading() as s:
        get_action(s, action.id)


def test_marking_done_without_a_date_records_today(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        action = create_action(s, cesc.committee, text=CIRCULATE, done=True)
    assert action.done_on == dt.date.today()


def test_overdue_uses_today_and_done_actions_list_last(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        late = create_action(s, cesc.committee, meeting_id=cesc.nov, text="Late", due="2018-11-30")
        create_action(s, cesc.committee, meeting_id=cesc.sept, text="Finished", done="done")
        create_action(s, cesc.committee, meeting_id=cesc.sept, text="Circulate", owner="Clerk")
        create_action(s, cesc.other, text="Carers figures", owner="Director")
        before = list_actions(s, [cesc.committee], dt.date(2018, 11, 30))
        after = list_actions(s, [cesc.committee], dt.date(2018, 12, 1))
        by_owner = list_actions(s, None, words="director")
    assert [a.text for a in after] == ["Circulate", "Late", "Finished"]
    assert [a.overdue for a in before] == [False, False, False]
    assert [a.overdue for a in after] == [False, True, False]
    assert late.id in {a.id for a in after}
    assert [a.text for a in by_owner] == ["Carers figures"]


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"owner": "Clerk"}, "text", "text must not be blank"),
        ({"text": "  "}, "text", "text must not be blank"),
        ({"text": "T", "due": "31 February 2019"}, "due", "'31 February 2019' is not a real"),
        ({"text": "T", "done": "soon"}, "done", "done must be yes or no"),
        ({"text": "T", "meeting_id": "other"}, "meeting_id", "not one of this committee's"),
        ({"text": "T", "priority": "high"}, "priority", "no field called 'priority'"),
    ],
)
def test_action_validation(
    db: Database, cesc: Cesc, values: dict[str, Any], field: str, words: str
) -> None:
    if values.get("meeting_id") == "other":
        values = {**values, "meeting_id": cesc.other_meeting}
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_action(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)
    with db.reading() as s:
        assert list_actions(s) == []


def test_two_services_in_one_failed_transaction_leave_nothing(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_topic(s, cesc.committee, title="Missing children", meeting_id=cesc.nov)
        create_action(s, cesc.committee, text=CIRCULATE, due="not a date")
    assert e.value.field == "due"
    with db.reading() as s:
        assert list_topics(s) == []
        assert list_actions(s) == []


def test_practice_conversations(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        later = create_activity(
            s, cesc.committee, member="Kay Hammond", quarter="Q4 2018", location="Reigate"
        )
        dated = create_activity(
            s,
            cesc.committee,
            member="Lesley Steeds",
            practitioner="Senior Social Worker",
            date="2 July 2018",
        )
        create_activity(s, cesc.committee, member="Chris Botten", quarter="Q1 2019")
        create_activity(s, cesc.other, kind="Site visit", member="Bill Chapman")
    assert later.kind == "Practice conversation"
    assert dated.date == dt.date(2018, 7, 2)
    with db.transaction() as s:
        moved = update_activity(s, later.id, location="Reigate and Banstead", quarter="Q1 2019")
        ours = list_activities(s, [cesc.committee])
    assert moved.location == "Reigate and Banstead"
    assert [a.member for a in ours] == ["Lesley Steeds", "Chris Botten", "Kay Hammond"]
    with db.transaction() as s:
        delete_activity(s, dated.id)
        assert len(list_activities(s)) == 3


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"quarter": "Q1 2019"}, "member", "member must not be blank"),
        ({"member": " "}, "member", "member must not be blank"),
        ({"member": "Kay Hammond", "kind": ""}, "kind", "kind must not be blank"),
        ({"member": "Kay Hammond", "date": "2018-13-01"}, "date", "'2018-13-01' is not a real"),
        ({"member": "Kay Hammond", "venue": "x"}, "venue", "no field called 'venue'"),
    ],
)
def test_activity_validation(
    db: Database, cesc: Cesc, values: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_activity(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)
    with db.reading() as s:
        assert list_activities(s) == []
