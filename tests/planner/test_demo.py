"""The demo programme: Surrey's Children and Education Select Committee and its neighbours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.db.database import Database
from planner.db.models import Base
from planner.demo import load_demo
from planner.enums import MeetingStatus, MemberRole, TopicStatus
from planner.services.actions import list_actions, list_activities
from planner.services.committees import get_committee, list_committees
from planner.services.groups import list_groups
from planner.services.lookup import committee_by_name
from planner.services.meetings import list_meetings
from planner.services.recommendations import list_recommendations
from planner.services.topics import list_topics

CESC = "Children and Education Select Committee"
CFLLC = "Children, Families, Lifelong Learning and Culture Select Committee"


@pytest.fixture
def demo(db: Database) -> Iterator[Session]:
    with db.transaction() as s:
        load_demo(s)
    with db.reading() as s:
        yield s


def test_the_2018_19_committee_and_its_chairs(demo: Session) -> None:
    cesc = get_committee(demo, committee_by_name(demo, CESC, "2018/19").id)
    assert cesc.council_name == "Surrey County Council"
    assert (cesc.chairman, cesc.vice_chairman) == ("Kay Hammond", "Chris Botten")
    assert cesc.contact_name == "Richard Plummer"
    assert "Early Help" in cesc.terms_of_reference
    co_opted = [m for m in cesc.members if m.role is MemberRole.CO_OPTED]
    assert "Parent Governor Representative" in {m.representing for m in co_opted}
    meetings = list_meetings(demo, [cesc.id])
    assert [m.date for m in meetings] == [dt.date(2018, 9, 7), dt.date(2018, 11, 16)]
    assert meetings[0].start_time == dt.time(10, 0)
    assert meetings[0].status is MeetingStatus.HELD


def test_the_16_november_topics_with_their_text(demo: Session) -> None:
    cesc = committee_by_name(demo, CESC, "2018/19")
    topics = {t.title: t for t in list_topics(demo, [cesc.id])}
    november = [t.title for t in topics.values() if t.meeting_date == dt.date(2018, 11, 16)]
    assert november == [
        "Alternative Education Provision",
        "Early Help/Family Resilience Transformation",
    ]
    aep = topics["Alternative Education Provision"]
    assert aep.description.startswith("To assess the current Surrey County Council offer")
    assert "Surrey Alternative Learning Provision (SALP)" in (aep.outcome or "")
    assert (aep.method, aep.officers) == ("Formal report", "Vulnerable Learners Strategic Lead")
    early_help = topics["Early Help/Family Resilience Transformation"]
    assert early_help.description == (
        "To identify key areas of improvement needed in the current early help offer, "
        "and whether the proposed transformed offer will alleviate these areas."
    )
    assert early_help.officers == "Head of Early Help & Family Services"
    attainment = topics["Educational Attainment of Children with Multiple Disadvantages"]
    assert (attainment.timing, attainment.meeting_id) == ("Early 2019", None)
    developing = [t.title for t in topics.values() if t.when == "In development"]
    assert developing == ["Impact of the change to Schools Led System", "SEND Transformation"]
    assert {topics[t].status for t in developing} == {TopicStatus.IN_DEVELOPMENT}


def test_the_task_groups_have_membership_tbc(demo: Session) -> None:
    cesc = committee_by_name(demo, CESC, "2018/19")
    groups = list_groups(demo, [cesc.id])
    assert [g.title for g in groups] == [
        "Out of County Placements Task and Finish Group",
        "Learning Disabilities and Transition Task and Finish Group",
    ]
    assert [g.membership for g in groups] == ["TBC", "TBC"]
    assert "out of county placements" in (groups[0].description or "")


def test_the_recommendations_of_20_february_2018(demo: Session) -> None:
    earlier = committee_by_name(demo, CESC, "2017/18")
    recs = list_recommendations(demo, [earlier.id], dt.date(2018, 3, 1))
    assert [r.reference for r in recs] == ["6/18", "7/18", "8/18", "9/18", "10/18"]
    assert {r.municipal_year for r in recs} == {"2017/18"}
    assert {r.meeting_date for r in recs} == {dt.date(2018, 2, 20)}
    assert {r.response_due for r in recs} == {dt.date(2018, 4, 20)}
    assert recs[1].addressed_to == "Strategic Director for Children, Schools and Families"
    assert recs[4].text.startswith("The Committee recommends that the Cabinet Member for Children")
    assert [r.item_number for r in recs] == [6, 7, 8, 9, 10]


def test_the_practice_conversations_of_annex_b(demo: Session) -> None:
    cesc = committee_by_name(demo, CESC, "2018/19")
    activities = list_activities(demo, [cesc.id])
    annex_b = [a for a in activities if a.quarter]
    assert len(annex_b) == 17
    assert {a.kind for a in activities} == {"Practice conversation"}
    assert ("Kay Hammond", "Q4 2018", "Reigate and Banstead") in {
        (a.member, a.quarter, a.location) for a in annex_b
    }
    assert {a.quarter for a in annex_b} == {"Q4 2018", "Q1 2019", "Q2 2019", "Q3 2019", "Q4 2019"}
    reported = [a for a in activities if a.date]
    assert reported[0].date == dt.date(2018, 5, 23)  # Annex A, dated conversations first


def test_the_later_committees(demo: Session) -> None:
    first = committee_by_name(demo, CFLLC, "2019/20")
    assert [m.date for m in list_meetings(demo, [first.id])] == [
        dt.date(2020, 1, 21),
        dt.date(2020, 3, 26),
    ]
    later = committee_by_name(demo, CFLLC, "2020/21")
    actions = list_actions(demo, [later.id])
    assert [a.owner for a in actions] == [
        "Chairman",
        "Director – Family Resilience and Safeguarding",
    ]
    assert all("circulate" in a.text for a in actions)
    assert "missing children statistics" in actions[0].text
    assert {a.meeting_date for a in actions} == {dt.date(2020, 6, 25)}
    (rec,) = list_recommendations(demo, [later.id])
    assert rec.reference == "25 June 2020 (i)"
    assert rec.text.startswith("That, at the 21 September 2020 meeting of the Select Committee")
    assert rec.response_due == dt.date(2020, 8, 25)
    september = [t for t in list_topics(demo, [later.id]) if t.meeting_date == dt.date(2020, 9, 21)]
    assert [t.title for t in september] == ["Children's Improvement Update"]


def test_the_west_sussex_committee(demo: Session) -> None:
    name = "Children and Young People's Services Scrutiny Committee"
    wsx = get_committee(demo, committee_by_name(demo, name, "2020/21").id)
    assert wsx.council_name == "West Sussex County Council"
    assert len(list_meetings(demo, [wsx.id])) == 3
    (action,) = list_actions(demo, [wsx.id])
    assert action.done
    assert {c.council_name for c in list_committees(demo)} == {
        "Surrey County Council",
        "West Sussex County Council",
    }


def _row_counts(s: Session) -> dict[str, int]:
    return {
        table.name: s.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


def test_loading_twice_changes_nothing(db: Database) -> None:
    with db.transaction() as s:
        first = load_demo(s)
    with db.reading() as s:
        before = _row_counts(s)
        versions = {c.id: c.version for c in list_committees(s)}
    with db.transaction() as s:
        second = load_demo(s)
    with db.reading() as s:
        after = _row_counts(s)
        assert {c.id: c.version for c in list_committees(s)} == versions
    assert before == after
    assert all(before[name] > 0 for name in ("council", "committee", "meeting", "topic"))
    assert (second.added, second.already_there) == (0, first.added)
    assert first.already_there == 0
