"""Meetings, and deciding what happens to their topics when one is deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from sample_programme import Cesc
from sqlalchemy import func, select

from planner.db.database import Database
from planner.db.models import Meeting, Topic, TopicMove
from planner.enums import MeetingStatus, TopicStatus
from planner.errors import NotFoundError, ValidationError
from planner.services.actions import create_action, get_action
from planner.services.meetings import (
    TopicsPolicy,
    create_meeting,
    delete_meeting,
    get_meeting,
    list_meetings,
    meetings_on,
    update_meeting,
)
from planner.services.recommendations import create_recommendation
from planner.services.topics import create_topic, get_topic, move_topic, topic_moves


def test_create_get_update_list(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        jan = create_meeting(
            s,
            cesc.committee,
            date="Thursday, 24 January 2019",
            start_time="10.30 am",
            place="Ashcombe Suite, County Hall",
            capacity="4",
        )
    assert jan.date == dt.date(2019, 1, 24)
    assert jan.start_time == dt.time(10, 30)
    assert jan.status is MeetingStatus.SCHEDULED
    assert (jan.capacity, jan.topic_count, jan.municipal_year) == (4, 0, "2018/19")
    with db.transaction() as s:
        create_topic(s, cesc.committee, title="SEND Transformation", meeting_id=jan.id)
        moved = update_meeting(s, jan.id, date="31/01/2019", capacity="")
        assert get_meeting(s, jan.id) == moved
        listed = list_meetings(s, [cesc.committee])
        everything = list_meetings(s)
        found = list_meetings(s, None, "ashcombe county")
    assert moved.status is MeetingStatus.MOVED
    assert moved.capacity is None
    assert moved.topic_count == 1
    assert [m.date for m in listed] == [
        dt.date(2018, 9, 7),
        dt.date(2018, 11, 16),
        dt.date(2019, 1, 31),
    ]
    assert [m.topic_count for m in listed] == [0, 0, 1]
    assert len(everything) == 4
    assert [m.id for m in found] == [jan.id]


def test_moving_a_date_with_an_explicit_status_keeps_that_status(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        held = update_meeting(s, cesc.sept, date="2018-09-08", status="held")
        cancelled = update_meeting(s, cesc.nov, status="Cancelled")
        again = update_meeting(s, cesc.sept, date="2018-09-07")
    assert held.status is MeetingStatus.HELD
    assert cancelled.status is MeetingStatus.CANCELLED
    assert again.status is MeetingStatus.HELD  # only a scheduled meeting becomes "moved"


def test_meetings_on_a_day(db: Database, cesc: Cesc) -> None:
    with db.reading() as s:
        assert [m.id for m in meetings_on(s, cesc.committee, dt.date(2018, 11, 16))] == [cesc.nov]
        assert meetings_on(s, cesc.committee, dt.date(2018, 11, 17)) == []


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({}, "date", "needs a date"),
        ({"date": "31 February 2019"}, "date", "'31 February 2019' is not a real date"),
        ({"date": "2019-01-24", "start_time": "25:00"}, "start_time", "'25:00' is not a time"),
        ({"date": "2019-01-24", "status": "postponed"}, "status", "scheduled, moved, cancelled"),
        ({"date": "2019-01-24", "capacity": "a few"}, "capacity", "capacity must be a whole"),
        ({"date": "2019-01-24", "room": "122"}, "room", "no field called 'room'"),
    ],
)
def test_meeting_validation(
    db: Database, cesc: Cesc, values: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_meeting(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)
    with db.reading() as s:
        assert len(list_meetings(s, [cesc.committee])) == 2


def test_clearing_the_date_is_refused_and_nothing_changes(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_meeting(s, cesc.nov, date="", place="Room 122")
    assert e.value.field == "date"
    assert "date" in str(e.value)
    with db.reading() as s:
        view = get_meeting(s, cesc.nov)
    assert (view.date, view.place) == (dt.date(2018, 11, 16), None)


def _two_topics(db: Database, cesc: Cesc) -> tuple[str, str]:
    with db.transaction() as s:
        first = create_topic(s, cesc.committee, title="Alternative Education", meeting_id=cesc.nov)
        second = create_topic(s, cesc.committee, title="Early Help", meeting_id=cesc.nov)
    return first.id, second.id


def test_deleting_a_meeting_with_topics_needs_a_decision(db: Database, cesc: Cesc) -> None:
    _two_topics(db, cesc)
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        delete_meeting(s, cesc.nov)
    assert e.value.field == "topics"
    assert "16 November 2018 has 2 topic(s)" in str(e.value)
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        delete_meeting(s, cesc.nov, topics="move")
    assert e.value.field == "move_to"
    with db.reading() as s:
        assert get_meeting(s, cesc.nov).topic_count == 2


def test_an_unknown_topics_policy_is_a_validation_error(db: Database, cesc: Cesc) -> None:
    _two_topics(db, cesc)
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        delete_meeting(s, cesc.nov, topics="archive")
    assert e.value.field == "topics"
    assert "archive" in str(e.value)


def test_delete_meeting_moving_its_topics(db: Database, cesc: Cesc) -> None:
    first, second = _two_topics(db, cesc)
    with db.transaction() as s:
        jan = create_meeting(s, cesc.committee, date="2019-01-24")
        delete_meeting(s, cesc.nov, topics=TopicsPolicy.MOVE, move_to=jan.id)
    with db.reading() as s:
        moved = [get_topic(s, first), get_topic(s, second)]
        history = topic_moves(s, first)
        with pytest.raises(NotFoundError):
            get_meeting(s, cesc.nov)
    assert {t.meeting_date for t in moved} == {dt.date(2019, 1, 24)}
    assert [t.deferral_count for t in moved] == [1, 1]
    assert [(m.from_label, m.to_label) for m in history] == [
        ("16 November 2018", "24 January 2019")
    ]
    assert history[0].reason == "Meeting of 16 November 2018 deleted"


def test_delete_meeting_unscheduling_its_topics(db: Database, cesc: Cesc) -> None:
    first, _ = _two_topics(db, cesc)
    with db.transaction() as s:
        delete_meeting(s, cesc.nov, topics="unschedule")
    with db.reading() as s:
        topic = get_topic(s, first)
        history = topic_moves(s, first)
    assert (topic.meeting_id, topic.timing, topic.when) == (None, None, "In development")
    assert topic.status is TopicStatus.DEFERRED
    assert topic.deferral_reason == "Meeting of 16 November 2018 deleted"
    assert history[0].to_label == "In development"


def test_delete_meeting_deleting_its_topics_and_their_history(db: Database, cesc: Cesc) -> None:
    first, _ = _two_topics(db, cesc)
    with db.transaction() as s:
        move_topic(s, first, meeting_id=cesc.sept)
        move_topic(s, first, meeting_id=cesc.nov)
    with db.transaction() as s:
        delete_meeting(s, cesc.nov, topics="delete")
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Topic)) == 0
        assert s.scalar(select(func.count()).select_from(TopicMove)) == 0
        assert s.get(Meeting, cesc.nov) is None


def test_a_meeting_that_made_recommendations_cannot_be_deleted(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        create_recommendation(s, cesc.committee, meeting_id=cesc.sept, item_number=7, text="Do X")
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        delete_meeting(s, cesc.sept, topics="delete")
    assert e.value.field == "meeting"
    assert "7 September 2018 made recommendations" in str(e.value)
    assert "cancelled" in str(e.value)
    with db.reading() as s:
        assert get_meeting(s, cesc.sept).date == dt.date(2018, 9, 7)


def test_actions_outlive_their_deleted_meeting(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        action = create_action(s, cesc.committee, meeting_id=cesc.sept, text="Circulate figures")
        delete_meeting(s, cesc.sept)
    with db.reading() as s:
        kept = get_action(s, action.id)
    assert kept.meeting_id is None
    assert kept.text == "Circulate figures"
