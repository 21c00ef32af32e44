"""Task and finish groups: scoping, membership, approvals and their order of events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sample_programme import Cesc

from planner.db.database import Database
from planner.enums import GroupStatus
from planner.errors import NotFoundError, ValidationError
from planner.services.groups import (
    create_group,
    delete_group,
    get_group,
    list_groups,
    running_groups,
    update_group,
)

OOC = "Out of County Placements Task and Finish Group"


def test_create_get_update_delete(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        group = create_group(
            s,
            cesc.committee,
            title=OOC,
            description="To identify the prevalence of out of county placements.",
            members="TBC",
            objectives="Understand the reasons for growth",
            key_lines_of_enquiry="Why are places outside Surrey?",
        )
    assert group.members == ()
    assert group.membership == "TBC"
    assert group.status is GroupStatus.PROPOSED
    assert (group.objectives, group.exempt) == ("Understand the reasons for growth", False)
    with db.transaction() as s:
        changed = update_group(
            s,
            group.id,
            members="Liz Bowes; Chris Botten;  ",
            lead_member="Liz Bowes",
            status="terms of reference approved",
            start_date="1 October 2018",
            projected_finish="31/03/2019",
            committee_approved_on="2018-09-07",
            cosc_approved_on="2018-09-27",
            completion_date="2019-04-30",
        )
        assert get_group(s, group.id) == changed
    assert changed.members == ("Liz Bowes", "Chris Botten")
    assert changed.membership == "Liz Bowes, Chris Botten"
    assert changed.status is GroupStatus.TOR_APPROVED
    assert (changed.start_date, changed.projected_finish) == (
        dt.date(2018, 10, 1),
        dt.date(2019, 3, 31),
    )
    assert changed.cosc_approved_on == dt.date(2018, 9, 27)
    with db.transaction() as s:
        delete_group(s, group.id)
    with pytest.raises(NotFoundError, match="no task group"), db.reading() as s:
        get_group(s, group.id)


def test_members_given_as_a_list_drop_blanks_and_tbc(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        group = create_group(s, cesc.committee, title=OOC, members=["Kay Hammond", " ", "tbc"])
    assert group.members == ("Kay Hammond",)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"description": "untitled"}, "title", "title must not be blank"),
        ({"title": " "}, "title", "title must not be blank"),
        (
            {"title": "T", "start_date": "2019-01-10", "projected_finish": "2019-01-10"},
            "projected_finish",
            "projected finish date must be after the start date",
        ),
        (
            {"title": "T", "start_date": "2019-01-10", "projected_finish": "2018-12-01"},
            "projected_finish",
            "projected finish date must be after the start date",
        ),
        (
            {"title": "T", "start_date": "2019-01-10", "completion_date": "2019-01-01"},
            "completion_date",
            "completion date must be after the start date",
        ),
        (
            {"title": "T", "committee_approved_on": "2018-09-07", "cosc_approved_on": "2018-09-06"},
            "cosc_approved_on",
            "Corporate Overview Select Committee approves after the committee",
        ),
        ({"title": "T", "exempt": True}, "exempt_paragraph", "Schedule 12A paragraph"),
        ({"title": "T", "exempt_paragraph": "8"}, "exempt_paragraph", "8 is not one of them"),
        ({"title": "T", "status": "finished"}, "status", "'finished' is not one of: proposed"),
        ({"title": "T", "budget": "£0"}, "budget", "There is no field called 'budget'"),
    ],
)
def test_group_validation(
    db: Database, cesc: Cesc, values: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_group(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)
    with db.reading() as s:
        assert list_groups(s) == []


def test_a_date_that_is_not_a_date_names_the_field(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_group(s, cesc.committee, title=OOC, projected_finish="end of term")
    assert e.value.field == "projected_finish"
    assert "Projected finish 'end of term' is not a date" in str(e.value)


def test_a_failed_update_leaves_the_group_as_it_was(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        group = create_group(s, cesc.committee, title=OOC, committee_approved_on="2018-09-07")
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_group(s, group.id, lead_member="Liz Bowes", cosc_approved_on="2018-08-30")
    assert e.value.field == "cosc_approved_on"
    with db.reading() as s:
        assert get_group(s, group.id) == group


def test_exempt_group_keeps_its_paragraph_and_public_clears_it(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        group = create_group(s, cesc.committee, title="Contract review", exempt_paragraph=3)
        assert (group.exempt, group.exempt_paragraph) == (True, 3)
        public = update_group(s, group.id, exempt="no")
    assert (public.exempt, public.exempt_paragraph) == (False, None)


def test_list_by_finish_date_words_and_running_groups(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        create_group(s, cesc.committee, title="Undated", status="evidence gathering")
        create_group(
            s, cesc.committee, title="Later", projected_finish="2019-07-01", status="reporting"
        )
        create_group(
            s, cesc.committee, title="Sooner", projected_finish="2019-03-01", status="complete"
        )
        create_group(s, cesc.committee, title="Idea", description="placements in Surrey")
        create_group(s, cesc.other, title="Carers", status="evidence gathering")
        ours = list_groups(s, [cesc.committee])
        found = list_groups(s, None, "SURREY placements")
        running = running_groups(s, cesc.committee)
    assert [g.title for g in ours] == ["Sooner", "Later", "Undated", "Idea"]
    assert [g.title for g in found] == ["Idea"]
    assert [g.title for g in running] == ["Later", "Undated"]
