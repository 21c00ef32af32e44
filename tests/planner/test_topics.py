"""Scrutiny topics: editing, validation, rescheduling with deferrals, and searching."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sample_programme import CESC, Cesc

from planner.db.database import Database
from planner.enums import TopicSource, TopicStatus
from planner.errors import NotFoundError, ValidationError
from planner.services.committees import create_committee, create_council
from planner.services.meetings import create_meeting
from planner.services.topics import (
    create_topic,
    delete_topic,
    get_topic,
    list_topics,
    move_topic,
    search_topics,
    topic_moves,
    update_topic,
)


def test_create_get_update_delete(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(
            s,
            cesc.committee,
            title=" Alternative Education Provision ",
            meeting_id=cesc.nov,
            description="To assess the current offer.",
            method="Formal report",
            officers="Vulnerable Learners Strategic Lead",
            source="Cabinet forward plan",
        )
    assert topic.title == "Alternative Education Provision"
    assert topic.status is TopicStatus.SCHEDULED  # placed on a meeting
    assert topic.source is TopicSource.FORWARD_PLAN
    assert (topic.meeting_date, topic.when) == (dt.date(2018, 11, 16), "16 November 2018")
    assert (topic.committee_name, topic.municipal_year) == (CESC, "2018/19")
    assert (topic.deferral_count, topic.exempt, topic.substantive) == (0, False, True)
    with db.transaction() as s:
        changed = update_topic(s, topic.id, outcome="A clear picture", status="report received")
        assert get_topic(s, topic.id) == changed
    assert changed.status is TopicStatus.REPORT_RECEIVED
    assert changed.version == topic.version + 1
    with db.transaction() as s:
        delete_topic(s, topic.id)
    with pytest.raises(NotFoundError, match="no topic with id"), db.reading() as s:
        get_topic(s, topic.id)


def test_exempt_topics_carry_their_schedule_12a_paragraph(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="Placement contract", exempt_paragraph="3")
        assert (topic.exempt, topic.exempt_paragraph) == (True, 3)
        public = update_topic(s, topic.id, exempt=False)
        assert (public.exempt, public.exempt_paragraph) == (False, None)
        again = update_topic(s, topic.id, exempt="yes", exempt_paragraph=1)
        assert (again.exempt, again.exempt_paragraph) == (True, 1)
        cleared = update_topic(s, topic.id, exempt_paragraph="public")
        assert (cleared.exempt, cleared.exempt_paragraph) == (False, None)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"title": "   "}, "title", "title must not be blank"),
        ({"description": "no title"}, "title", "title must not be blank"),
        ({"title": "T", "exempt": True}, "exempt_paragraph", "Schedule 12A paragraph"),
        ({"title": "T", "exempt_paragraph": 8}, "exempt_paragraph", "8 is not one of them"),
        ({"title": "T", "exempt_paragraph": "two"}, "exempt_paragraph", "must be a whole number"),
        ({"title": "T", "status": "pending"}, "status", "'pending' is not one of: proposed"),
        ({"title": "T", "source": "gossip"}, "source", "'gossip' is not one of"),
        ({"title": "T", "exempt": "perhaps"}, "exempt", "exempt must be yes or no"),
        ({"title": "T", "colour": "red"}, "colour", "There is no field called 'colour'"),
        ({"title": "T", "meeting_id": "no-such-id"}, "meeting_id", "meeting does not exist"),
        ({"title": "T", "meeting_id": "sept", "timing": "TBC"}, "timing", "not both"),
    ],
)
def test_topic_validation(
    db: Database, cesc: Cesc, values: dict[str, Any], field: str, words: str
) -> None:
    if values.get("meeting_id") == "sept":
        values = {**values, "meeting_id": cesc.sept}
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_topic(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)
    with db.reading() as s:
        assert list_topics(s) == []


def test_a_meeting_of_another_committee_is_refused(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_topic(s, cesc.committee, title="Carers", meeting_id=cesc.other_meeting)
    assert e.value.field == "meeting_id"
    assert "20 September 2018 belongs to Adults and Health Select Committee 2018/19" in str(e.value)
    assert f"not to {CESC}" in str(e.value)


def test_a_failed_edit_leaves_the_topic_as_it_was(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="SEND Transformation")
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_topic(s, topic.id, title="SEND", exempt=True)
    assert e.value.field == "exempt_paragraph"
    with db.reading() as s:
        assert get_topic(s, topic.id) == topic


def test_a_failed_action_leaves_nothing_written(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_topic(s, cesc.committee, title="Early Help", meeting_id=cesc.nov)
        create_topic(s, cesc.committee, title="Early Help part 2", meeting_id=cesc.other_meeting)
    assert e.value.field == "meeting_id"
    with db.reading() as s:
        assert list_topics(s) == []


def test_setting_a_timing_takes_the_topic_off_its_meeting(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="Attainment", meeting_id=cesc.nov)
        loose = update_topic(s, topic.id, timing="Early 2019")
        placed = update_topic(s, topic.id, meeting_id=cesc.sept)
    assert (loose.meeting_id, loose.timing, loose.when) == (None, "Early 2019", "Early 2019")
    assert (placed.meeting_id, placed.timing) == (cesc.sept, None)


def test_moving_later_is_a_deferral_and_earlier_is_not(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="Early Help", meeting_id=cesc.sept)
        later = move_topic(s, topic.id, meeting_id=cesc.nov, reason=" Report not ready ")
        earlier = move_topic(s, topic.id, meeting_id=cesc.sept, reason="Urgent after Ofsted")
        same = move_topic(s, topic.id, meeting_id=cesc.sept, reason="no change")
        history = topic_moves(s, topic.id)
    assert (later.deferral_count, later.deferral_reason) == (1, "Report not ready")
    assert later.meeting_date == dt.date(2018, 11, 16)
    assert later.status is TopicStatus.SCHEDULED
    assert earlier.deferral_count == 1
    assert earlier.deferral_reason == "Report not ready"  # the last deferral's reason stays
    assert earlier.meeting_date == dt.date(2018, 9, 7)
    assert same == earlier
    assert [(m.from_label, m.to_label, m.deferral, m.reason) for m in history] == [
        ("7 September 2018", "16 November 2018", True, "Report not ready"),
        ("16 November 2018", "7 September 2018", False, "Urgent after Ofsted"),
    ]


def test_moving_to_a_loose_timing_defers_the_topic(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="SEND", meeting_id=cesc.nov)
        loose = move_topic(s, topic.id, timing="Spring 2019", reason="Awaiting the strategy")
        later = move_topic(s, topic.id, timing="TBC")
        back = move_topic(s, topic.id, meeting_id=cesc.nov)
        developing = move_topic(s, topic.id, reason="Scope unclear")
        history = topic_moves(s, topic.id)
    assert (loose.timing, loose.meeting_id, loose.status) == ("Spring 2019", None, "deferred")
    assert (loose.deferral_count, loose.deferral_reason) == (1, "Awaiting the strategy")
    assert later.deferral_count == 1  # a loose timing to another is not a deferral
    assert (back.status, back.deferral_count) == (TopicStatus.SCHEDULED, 1)
    assert (developing.when, developing.deferral_count) == ("In development", 2)
    assert developing.status is TopicStatus.DEFERRED
    assert [(m.from_label, m.to_label, m.deferral) for m in history] == [
        ("16 November 2018", "Spring 2019", True),
        ("Spring 2019", "TBC", False),
        ("TBC", "16 November 2018", False),
        ("16 November 2018", "In development", True),
    ]


def test_bad_moves_are_refused_and_change_nothing(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="SEND", meeting_id=cesc.sept)
    for kwargs, field in [
        ({"meeting_id": cesc.nov, "timing": "TBC"}, "timing"),
        ({"meeting_id": "missing"}, "meeting_id"),
        ({"meeting_id": cesc.other_meeting}, "meeting_id"),
    ]:
        with pytest.raises(ValidationError) as e, db.transaction() as s:
            move_topic(s, topic.id, **kwargs)
        assert e.value.field == field
        assert "meeting" in str(e.value)
    with db.reading() as s:
        assert get_topic(s, topic.id) == topic
        assert topic_moves(s, topic.id) == []


def test_list_topics_in_programme_order_and_by_words(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        create_topic(s, cesc.committee, title="SEND Transformation")
        create_topic(s, cesc.committee, title="Early Help", meeting_id=cesc.nov)
        create_topic(s, cesc.committee, title="Academy", meeting_id=cesc.sept, method="Formal")
        create_topic(s, cesc.other, title="Carers", description="Formal review of help")
        ours = list_topics(s, [cesc.committee])
        found = list_topics(s, None, "formal")
        both_words = list_topics(s, None, "HELP review")
    assert [t.title for t in ours] == ["Academy", "Early Help", "SEND Transformation"]
    assert {t.title for t in found} == {"Academy", "Carers"}
    assert [t.title for t in both_words] == ["Carers"]


def test_search_topics_across_committees_years_and_councils(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        next_year = create_committee(s, cesc.council, name=CESC, municipal_year="2019/20")
        jan = create_meeting(s, next_year.id, date="2020-01-21")
        create_topic(s, cesc.committee, title="Response to Ofsted (2018)", meeting_id=cesc.sept)
        create_topic(s, cesc.committee, title="Early Help", outcome="Answer the Ofsted concerns")
        create_topic(s, next_year.id, title="Ofsted inspections update", meeting_id=jan.id)
        create_topic(s, cesc.other, title="Care homes", description="CQC and ofsted ratings")
        create_topic(s, cesc.other, title="Dentistry")
        wsx = create_council(s, name="West Sussex County Council")
        wsx_cyp = create_committee(s, wsx.id, name="CYP Scrutiny", municipal_year="2020/21")
        create_topic(s, wsx_cyp.id, title="Ofsted monitoring visit")
        everywhere = search_topics(s, "ofsted")
        surrey_only = search_topics(s, "OFSTED", council_id=cesc.council)
        two_words = search_topics(s, "ofsted 2018")
    assert [t.title for t in everywhere][:2] == [
        "Ofsted monitoring visit",
        "Ofsted inspections update",
    ]
    assert len(everywhere) == 5
    assert [t.municipal_year for t in everywhere] == ["2020/21", "2019/20", *["2018/19"] * 3]
    assert "Ofsted monitoring visit" not in {t.title for t in surrey_only}
    assert len(surrey_only) == 4
    assert [t.title for t in two_words] == ["Response to Ofsted (2018)"]
