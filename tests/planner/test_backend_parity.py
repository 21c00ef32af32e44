"""Things SQLite and PostgreSQL do differently by default, held to one behaviour.

Every test here runs on both backends (the ``db`` fixture is parametrized).
"""

from __future__ import annotations

import pytest
from db_state import digest
from sample_programme import Cesc

from planner.db.database import Database
from planner.db.models import Council
from planner.errors import ValidationError
from planner.services.actions import create_action, list_actions
from planner.services.committees import get_committee, update_committee
from planner.services.deadlines import council_rules, set_deadline_rule
from planner.services.lookup import committee_by_name
from planner.services.meetings import create_meeting, list_meetings, update_meeting
from planner.services.topics import create_topic, get_topic, search_topics, update_topic


def test_a_title_longer_than_its_column_names_the_field_and_saves_nothing(
    db: Database, cesc: Cesc
) -> None:
    before = digest(db)
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        create_topic(s, cesc.committee, title="Alternative Education " + "x" * 300)
    assert caught.value.field == "title"
    assert str(caught.value) == (
        "The title is too long: at most 300 characters, and this one has 322."
    )
    assert digest(db) == before


def test_an_edit_too_long_for_its_column_is_refused_and_the_old_value_stays(
    db: Database, cesc: Cesc
) -> None:
    with db.transaction() as s:
        topic = create_topic(s, cesc.committee, title="SEND Transformation")
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        update_topic(s, topic.id, outcome="Fine", cabinet_member="Mrs " + "M" * 250)
    assert caught.value.field == "cabinet_member"
    assert "at most 200 characters" in str(caught.value)
    with db.reading() as s:
        kept = get_topic(s, topic.id)
    assert (kept.cabinet_member, kept.outcome, kept.version) == (None, None, topic.version)


def test_a_number_too_large_for_the_column_is_a_validation_error(
    db: Database, cesc: Cesc
) -> None:
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        update_meeting(s, cesc.nov, capacity=10**12)
    assert caught.value.field == "capacity"
    assert "too large" in str(caught.value)


def test_search_ignores_case_on_both(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        create_topic(s, cesc.committee, title="Alternative Education Provision")
        create_topic(s, cesc.committee, title="Home to School Transport")
    with db.reading() as s:
        assert [t.title for t in search_topics(s, "ALTERNATIVE education")] == [
            "Alternative Education Provision"
        ]
        assert committee_by_name(s, "children and education select committee").id == (
            cesc.committee
        )


def test_missing_values_sort_where_sqlite_puts_them(db: Database, cesc: Cesc) -> None:
    """SQLite puts NULLs first going up and last going down; PostgreSQL the other way
    round unless told. Lists must come out the same on both."""
    with db.transaction() as s:
        create_meeting(s, cesc.committee, date="2019-01-18", start_time="14:00")
        create_meeting(s, cesc.committee, date="2019-01-18", place="Woking")  # no time
        create_action(s, cesc.committee, text="Circulate figures", due="2018-12-01")
        create_action(s, cesc.committee, text="Write to the Cabinet Member")  # no date
        create_topic(s, cesc.committee, title="Youth Services", meeting_id=cesc.nov)
        create_topic(s, cesc.committee, title="Youth Justice", timing="Early 2019")
    with db.reading() as s:
        january = [m for m in list_meetings(s, [cesc.committee]) if m.date.month == 1]
        assert [m.start_time is None for m in january] == [True, False]
        assert [a.text for a in list_actions(s, [cesc.committee])] == [
            "Write to the Cabinet Member",
            "Circulate figures",
        ]
        assert [t.title for t in search_topics(s, "youth")] == ["Youth Services", "Youth Justice"]


def test_json_values_come_back_equal(db: Database, cesc: Cesc) -> None:
    terms = ["Schools and learning", "Special educational needs – Ofsted"]
    with db.transaction() as s:
        update_committee(s, cesc.committee, terms_of_reference=terms)
        rules = set_deadline_rule(s, cesc.council, "report_deadline", "8 working days at 12:00")
    with db.reading() as s:
        assert list(get_committee(s, cesc.committee).terms_of_reference) == terms
        stored = s.get(Council, cesc.council)
        assert stored is not None
        assert council_rules(stored) == rules


def test_a_nul_character_is_refused_by_name_on_both(db: Database, cesc: Cesc) -> None:
    before = digest(db)
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        create_topic(s, cesc.committee, title="Libraries", description="Pasted\x00from Word")
    assert caught.value.field == "description"
    assert "NUL character" in str(caught.value)
    assert digest(db) == before
