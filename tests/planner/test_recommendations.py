"""Recommendations: references, response deadlines, RAG ratings and the nagging tracker."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sample_programme import CESC, Cesc

from planner.db.database import Database
from planner.enums import Agreed, Rag, RecStatus
from planner.errors import NotFoundError, ValidationError
from planner.services.committees import create_committee
from planner.services.meetings import create_meeting
from planner.services.recommendations import (
    add_months,
    create_recommendation,
    delete_recommendation,
    get_recommendation,
    list_recommendations,
    minute_reference,
    recommendation_by_reference,
    update_recommendation,
)

TODAY = dt.date(2018, 12, 1)


def test_reference_and_response_due_come_from_the_meeting(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(
            s,
            cesc.committee,
            TODAY,
            meeting_id=cesc.sept,
            item_number="7",
            text="That the service reports on out of county placements.",
            addressed_to="Cabinet Member for Children",
        )
    assert rec.reference == "7/18"
    assert rec.meeting_date == dt.date(2018, 9, 7)
    assert rec.response_due == dt.date(2018, 11, 7)  # two months after the meeting
    assert (rec.status, rec.rag) == (None, Rag.NONE)
    assert rec.response_overdue  # due 7 November, no response by 1 December
    assert not rec.review_overdue
    with db.reading() as s:
        assert get_recommendation(s, rec.id, TODAY) == rec


def test_explicit_reference_and_due_date_are_kept(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(
            s,
            cesc.committee,
            meeting_id=cesc.nov,
            reference=" SR (25/26) 01 ",
            item_number=12,
            response_due="2019-02-01",
            text="Review the offer",
        )
    assert (rec.reference, rec.item_number) == ("SR (25/26) 01", 12)
    assert rec.response_due == dt.date(2019, 2, 1)


@pytest.mark.parametrize(
    ("meeting", "due"),
    [
        (dt.date(2018, 12, 31), dt.date(2019, 2, 28)),
        (dt.date(2019, 12, 31), dt.date(2020, 2, 29)),
        (dt.date(2018, 11, 16), dt.date(2019, 1, 16)),
        (dt.date(2018, 2, 20), dt.date(2018, 4, 20)),
    ],
)
def test_response_due_clamps_to_the_end_of_the_month(
    db: Database, cesc: Cesc, meeting: dt.date, due: dt.date
) -> None:
    with db.transaction() as s:
        m = create_meeting(s, cesc.committee, date=meeting)
        rec = create_recommendation(s, cesc.committee, meeting_id=m.id, item_number=3, text="X")
    assert rec.response_due == due
    assert rec.reference == f"3/{meeting:%y}"
    assert add_months(meeting, 2) == due


def test_minute_reference_and_add_months() -> None:
    assert minute_reference(7, dt.date(2018, 2, 20)) == "7/18"
    assert minute_reference(25, dt.date(2009, 1, 1)) == "25/09"
    assert add_months(dt.date(2018, 8, 31), 6) == dt.date(2019, 2, 28)
    assert add_months(dt.date(2018, 1, 31), 1) == dt.date(2018, 2, 28)


@pytest.mark.parametrize(
    ("status", "rag"),
    [
        ("achieved", Rag.GREEN),
        ("On track", Rag.GREEN),
        ("not achieved", Rag.RED),
        (None, Rag.NONE),
    ],
)
def test_rag_follows_status(db: Database, cesc: Cesc, status: str | None, rag: Rag) -> None:
    with db.transaction() as s:
        rec = create_recommendation(s, cesc.committee, reference="R1", text="X", status=status)
    assert rec.rag is rag


def test_slipped_needs_new_date_and_reason_and_is_amber(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(
            s, cesc.committee, meeting_id=cesc.sept, item_number=7, text="X"
        )
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_recommendation(s, rec.id, status="slipped")
    assert e.value.field == "slipped_to"
    assert "new date" in str(e.value)
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_recommendation(s, rec.id, status="slipped", slipped_to="2019-03-03")
    assert e.value.field == "slipped_reason"
    assert "reason" in str(e.value)
    with db.reading() as s:
        assert get_recommendation(s, rec.id).status is None
    with db.transaction() as s:
        slipped = update_recommendation(
            s,
            rec.id,
            TODAY,
            status="slipped",
            slipped_to="3 March 2019",
            slipped_reason="Staff changes",
            response="Will report in March",
            agreed="in part",
        )
    assert (slipped.status, slipped.rag, slipped.agreed) == (
        RecStatus.SLIPPED,
        Rag.AMBER,
        Agreed.IN_PART,
    )
    assert slipped.slipped_to == dt.date(2019, 3, 3)
    assert not slipped.response_overdue  # a response has come


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"reference": "R1"}, "text", "text must not be blank"),
        ({"reference": "R1", "text": " "}, "text", "text must not be blank"),
        ({"text": "X"}, "reference", "item 7 in 2018 becomes 7/18"),
        ({"text": "X", "item_number": 7}, "reference", "item 7 in 2018 becomes 7/18"),
        ({"text": "X", "reference": "R1", "status": "done"}, "status", "'done' is not one of"),
        ({"text": "X", "reference": "R1", "agreed": "maybe"}, "agreed", "yes, no, in part"),
        ({"text": "X", "reference": "R1", "item_number": "7a"}, "item_number", "whole number"),
        ({"text": "X", "reference": "R1", "meeting_id": "gone"}, "meeting_id", "does not exist"),
        ({"text": "X", "reference": "R1", "rag": "red"}, "rag", "no field called 'rag'"),
    ],
)
def test_recommendation_validation(
    db: Database, cesc: Cesc, values: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_recommendation(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)
    with db.reading() as s:
        assert list_recommendations(s) == []


def test_a_meeting_of_another_committee_is_refused(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_recommendation(
            s, cesc.committee, meeting_id=cesc.other_meeting, item_number=2, text="X"
        )
    assert e.value.field == "meeting_id"
    assert "another committee" in str(e.value)


def test_duplicate_reference_is_refused_across_years(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        next_year = create_committee(s, cesc.council, name=CESC, municipal_year="2019/20")
        create_recommendation(s, cesc.committee, meeting_id=cesc.sept, item_number=7, text="X")
        create_recommendation(s, cesc.other, reference="7/18", text="Their own 7/18")
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_recommendation(s, next_year.id, reference="7/18", text="Y")
    assert e.value.field == "reference"
    assert "Recommendation 7/18 already exists" in str(e.value)
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_recommendation(s, cesc.committee, meeting_id=cesc.nov, item_number=7, text="Z")
    assert e.value.field == "reference"


def test_changing_the_item_number_renumbers_the_reference(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(s, cesc.committee, meeting_id=cesc.nov, item_number=7, text="X")
        renumbered = update_recommendation(s, rec.id, item_number=8)
        renamed = update_recommendation(s, rec.id, reference="CESC 01")
    assert renumbered.reference == "8/18"
    assert renamed.reference == "CESC 01"


def test_overdue_responses_and_reviews_use_today(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(
            s,
            cesc.committee,
            meeting_id=cesc.sept,
            item_number=7,
            text="X",
            next_review="2019-01-15",
        )
    due = dt.date(2018, 11, 7)
    with db.reading() as s:
        on_the_day = get_recommendation(s, rec.id, due)
        day_after = get_recommendation(s, rec.id, due + dt.timedelta(days=1))
        after_review = get_recommendation(s, rec.id, dt.date(2019, 1, 16))
    assert (on_the_day.response_overdue, on_the_day.review_overdue) == (False, False)
    assert (day_after.response_overdue, day_after.review_overdue) == (True, False)
    assert after_review.review_overdue
    with db.transaction() as s:
        achieved = update_recommendation(
            s, rec.id, dt.date(2019, 1, 16), status="achieved", response="Done"
        )
    assert (achieved.response_overdue, achieved.review_overdue) == (False, False)


def test_tracker_lists_in_minute_order_and_finds_outstanding(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        ten = create_recommendation(
            s, cesc.committee, meeting_id=cesc.sept, item_number=10, text="A"
        )
        create_recommendation(
            s, cesc.committee, meeting_id=cesc.sept, item_number=9, text="B", response="Agreed"
        )
        create_recommendation(s, cesc.committee, meeting_id=cesc.nov, item_number=2, text="C")
        create_recommendation(s, cesc.other, reference="AH 1", text="Carers strategy")
        ours = list_recommendations(s, [cesc.committee], TODAY)
        outstanding = list_recommendations(s, [cesc.committee], TODAY, outstanding_only=True)
        found = list_recommendations(s, None, TODAY, words="carers")
        by_ref = recommendation_by_reference(s, [cesc.committee], " 10/18 ")
        with pytest.raises(NotFoundError, match="no recommendation 11/18"):
            recommendation_by_reference(s, [cesc.committee], "11/18")
    assert [r.reference for r in ours] == ["9/18", "10/18", "2/18"]
    assert [r.reference for r in outstanding] == ["10/18"]
    assert [r.reference for r in found] == ["AH 1"]
    assert by_ref.id == ten.id


def test_delete_recommendation(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(s, cesc.committee, reference="R1", text="X")
        delete_recommendation(s, rec.id)
    with pytest.raises(NotFoundError), db.reading() as s:
        get_recommendation(s, rec.id)


def test_moving_to_another_meeting_moves_the_response_due(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        rec = create_recommendation(
            s, cesc.committee, meeting_id=cesc.sept, item_number=41, text="Report back."
        )
        assert rec.response_due == dt.date(2018, 11, 7)
        moved = update_recommendation(s, rec.id, meeting_id=cesc.nov)
        assert moved.response_due == dt.date(2019, 1, 16)
        kept = update_recommendation(s, rec.id, meeting_id=cesc.nov, response_due="1 March 2019")
        assert kept.response_due == dt.date(2019, 3, 1)
        same = update_recommendation(s, rec.id, meeting_id=cesc.nov, text="Report back soon.")
        assert same.response_due == dt.date(2019, 3, 1)
