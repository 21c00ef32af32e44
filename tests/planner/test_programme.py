"""The programme in the order councils print it, on hand-built data and on the demo."""

from __future__ import annotations

import datetime as dt

import pytest
from sample_programme import CESC, Cesc

from planner.db.database import Database
from planner.demo import load_demo
from planner.errors import NotFoundError
from planner.services.committees import update_committee
from planner.services.groups import create_group
from planner.services.lookup import committee_by_name
from planner.services.meetings import create_meeting
from planner.services.programme import programme, timing_key
from planner.services.recommendations import create_recommendation
from planner.services.topics import create_topic


def _build(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        update_committee(s, cesc.committee, chairman="Kay Hammond", vice_chairman="Chris Botten")
        jan = create_meeting(s, cesc.committee, date="2019-01-24")
        add = create_topic
        add(s, cesc.committee, title="TBC item", timing="TBC")
        add(s, cesc.committee, title="Autumn item", timing="Autumn 2019")
        add(s, cesc.committee, title="Early item", timing="Early 2019")
        add(s, cesc.committee, title="Spring item", timing="Spring 2019")
        add(s, cesc.committee, title="January item", meeting_id=jan.id)
        add(s, cesc.committee, title="November second", meeting_id=cesc.nov, position=2)
        add(s, cesc.committee, title="November first", meeting_id=cesc.nov, position=1)
        add(s, cesc.committee, title="September item", meeting_id=cesc.sept)
        add(s, cesc.committee, title="Exempt contract", meeting_id=cesc.nov, exempt_paragraph=3)
        add(s, cesc.committee, title="Dropped item", meeting_id=cesc.nov, status="dropped")
        add(s, cesc.committee, title="Dropped idea", status="dropped")
        add(s, cesc.committee, title="Zeta idea", status="in development")
        add(s, cesc.committee, title="Alpha idea")
        add(s, cesc.other, title="Another committee's item", meeting_id=cesc.other_meeting)
        create_group(s, cesc.committee, title="Undated group")
        create_group(s, cesc.committee, title="Late group", projected_finish="2019-09-30")
        create_group(s, cesc.committee, title="Soon group", projected_finish="2019-03-31")
        create_group(s, cesc.committee, title="Exempt group", exempt_paragraph=1)
        create_group(s, cesc.other, title="Their group")
        create_recommendation(s, cesc.committee, meeting_id=cesc.sept, item_number=5, text="R")


def test_full_programme_in_print_order(db: Database, cesc: Cesc) -> None:
    _build(db, cesc)
    with db.reading() as s:
        p = programme(s, cesc.committee)
    assert p.title == f"{CESC} Forward Work Programme 2018/19"
    assert p.chairs_line == "(Chairman: Kay Hammond, Vice-Chairman: Chris Botten)"
    assert [t.title for t in p.scheduled] == [
        "September item",
        "Exempt contract",  # position 0 on 16 November
        "November first",
        "November second",
        "January item",
        "Early item",
        "Spring item",
        "Autumn item",
        "TBC item",
    ]
    assert [t.when for t in p.scheduled][:2] == ["7 September 2018", "16 November 2018"]
    assert [g.title for g in p.task_groups] == [
        "Soon group",
        "Late group",
        "Undated group",
        "Exempt group",
    ]
    assert [t.title for t in p.in_development] == ["Alpha idea", "Zeta idea"]
    assert [r.reference for r in p.recommendations] == ["5/18"]
    assert not p.public


def test_public_programme_leaves_out_exempt_rows(db: Database, cesc: Cesc) -> None:
    _build(db, cesc)
    with db.reading() as s:
        p = programme(s, cesc.committee, public=True)
    titles = {t.title for t in p.scheduled + p.in_development}
    assert "Exempt contract" not in titles
    assert "November first" in titles
    assert [g.title for g in p.task_groups] == ["Soon group", "Late group", "Undated group"]
    assert p.public


def test_from_date_leaves_out_earlier_meetings_but_keeps_loose_timings(
    db: Database, cesc: Cesc
) -> None:
    _build(db, cesc)
    with db.reading() as s:
        p = programme(s, cesc.committee, from_date=dt.date(2018, 11, 16))
    assert [t.title for t in p.scheduled] == [
        "Exempt contract",
        "November first",
        "November second",
        "January item",
        "Early item",
        "Spring item",
        "Autumn item",
        "TBC item",
    ]
    assert [t.title for t in p.in_development] == ["Alpha idea", "Zeta idea"]


def test_dropped_topics_are_left_out(db: Database, cesc: Cesc) -> None:
    _build(db, cesc)
    with db.reading() as s:
        p = programme(s, cesc.committee)
    every_title = {t.title for t in p.scheduled + p.in_development}
    assert not every_title & {"Dropped item", "Dropped idea", "Another committee's item"}


def test_an_empty_programme_says_tbc_for_the_chairs(db: Database, cesc: Cesc) -> None:
    with db.reading() as s:
        p = programme(s, cesc.other)
        with pytest.raises(NotFoundError):
            programme(s, "no-such-committee")
    assert (p.scheduled, p.task_groups, p.in_development) == ((), (), ())
    assert p.chairs_line == "(Chairman: TBC, Vice-Chairman: TBC)"


@pytest.mark.parametrize(
    "timings",
    [
        ["Early 2019", "Spring 2019", "Summer 2019", "Autumn 2019", "TBC"],
        ["January 2019", "Spring 2019", "June 2019", "Q3 2019", "Late 2019", "2020/21"],
        ["Autumn 2018", "Early 2019", "To be confirmed"],
    ],
)
def test_timing_key_puts_loose_timings_in_rough_date_order(timings: list[str]) -> None:
    assert sorted(reversed(timings), key=timing_key) == timings


def test_demo_programme_in_print_order(db: Database) -> None:
    with db.transaction() as s:
        load_demo(s)
    with db.reading() as s:
        cesc = committee_by_name(s, CESC, "2018/19")
        p = programme(s, cesc.id)
        upcoming = programme(s, cesc.id, from_date=dt.date(2018, 11, 1), public=True)
    assert p.chairs_line == "(Chairman: Kay Hammond, Vice-Chairman: Chris Botten)"
    assert [t.when for t in p.scheduled] == [
        *["7 September 2018"] * 4,
        "16 November 2018",
        "16 November 2018",
        "Early 2019",
    ]
    assert [t.title for t in upcoming.scheduled] == [
        "Alternative Education Provision",
        "Early Help/Family Resilience Transformation",
        "Educational Attainment of Children with Multiple Disadvantages",
    ]
    assert [g.title for g in p.task_groups] == [
        "Out of County Placements Task and Finish Group",
        "Learning Disabilities and Transition Task and Finish Group",
    ]
    assert [g.membership for g in p.task_groups] == ["TBC", "TBC"]
    assert [t.title for t in p.in_development] == [
        "Impact of the change to Schools Led System",
        "SEND Transformation",
    ]
    assert [r.reference for r in p.recommendations] == [
        "6/18",
        "7/18",
        "8/18",
        "9/18",
        "10/18",
    ]
