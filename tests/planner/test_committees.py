"""Councils, committees, members, and finding them by the names clerks use."""

from __future__ import annotations

import datetime as dt

import pytest
from sample_programme import CESC, Cesc

from planner.db.database import Database
from planner.db.models import Committee
from planner.enums import MemberRole, Nation, Office
from planner.errors import NotFoundError, ValidationError
from planner.services.committees import (
    add_member,
    create_committee,
    create_council,
    delete_committee,
    get_committee,
    list_committees,
    list_councils,
    remove_member,
    set_members,
    update_committee,
    update_council,
    update_member,
)
from planner.services.lookup import committee_by_name, council_by_name, get, meeting_on


def test_council_create_update_list(db: Database) -> None:
    with db.transaction() as s:
        surrey = create_council(s, name="  Surrey County Council ")
        powys = create_council(s, name="Powys County Council", nation="Wales")
    assert surrey.name == "Surrey County Council"
    assert surrey.nation is Nation.ENGLAND
    assert powys.nation is Nation.WALES
    with db.transaction() as s:
        renamed = update_council(s, powys.id, name="Powys Council")
        assert [c.name for c in list_councils(s)] == ["Powys Council", "Surrey County Council"]
        assert council_by_name(s, "surrey county council").id == surrey.id
    assert renamed.version == powys.version + 1


def test_duplicate_council_is_refused_whatever_the_case(db: Database) -> None:
    with db.transaction() as s:
        create_council(s, name="Surrey County Council")
        other = create_council(s, name="West Sussex County Council")
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_council(s, name="SURREY county council")
    assert e.value.field == "name"
    assert "already a council called 'SURREY county council'" in str(e.value)
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_council(s, other.id, name="Surrey County Council")
    assert e.value.field == "name"
    with db.reading() as s:
        assert len(list_councils(s)) == 2


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"name": "  "}, "name", "name must not be blank"),
        ({"name": "Bolton Council", "nation": "Scotland"}, "nation", "england, wales"),
        ({"name": "Bolton Council", "colour": "red"}, "colour", "no field called 'colour'"),
    ],
)
def test_council_validation(db: Database, values: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_council(s, **values)
    assert e.value.field == field
    assert words in str(e.value)


def test_committee_with_chairman_and_vice_chairman(db: Database) -> None:
    with db.transaction() as s:
        council = create_council(s, name="Surrey County Council")
        committee = create_committee(
            s,
            council.id,
            name=CESC,
            municipal_year="2018-2019",
            chairman="Kay Hammond",
            vice_chairman="Chris Botten",
            terms_of_reference="Early Help; Education; ",
            contact_name="Richard Plummer",
        )
    assert committee.municipal_year == "2018/19"
    assert committee.council_name == "Surrey County Council"
    assert (committee.chairman, committee.vice_chairman) == ("Kay Hammond", "Chris Botten")
    assert committee.terms_of_reference == ("Early Help", "Education")
    assert [m.office for m in committee.members] == [Office.CHAIRMAN, Office.VICE_CHAIRMAN]
    with db.reading() as s:
        assert get_committee(s, committee.id) == committee


def test_only_one_chairman_at_a_time(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        update_committee(s, cesc.committee, chairman="Kay Hammond", vice_chairman="Chris Botten")
        changed = update_committee(s, cesc.committee, chairman="Liz Bowes")
    assert changed.chairman == "Liz Bowes"
    assert changed.vice_chairman == "Chris Botten"
    offices = {m.name: m.office for m in changed.members}
    assert offices == {
        "Kay Hammond": None,
        "Chris Botten": Office.VICE_CHAIRMAN,
        "Liz Bowes": Office.CHAIRMAN,
    }
    with db.transaction() as s:
        kay = next(m for m in changed.members if m.name == "Kay Hammond")
        update_member(s, kay.id, office="Vice-Chairman")
        view = get_committee(s, cesc.committee)
    assert (view.chairman, view.vice_chairman) == ("Liz Bowes", "Kay Hammond")
    with db.transaction() as s:
        cleared = update_committee(s, cesc.committee, chairman="")
    assert cleared.chairman is None
    assert cleared.vice_chairman == "Kay Hammond"


def test_members_added_updated_removed_and_replaced(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        first = add_member(s, cesc.committee, name="Kay Hammond", office="chairman")
        second = add_member(s, cesc.committee, name="Liz Bowes", honorific="Mrs", office="chairman")
        parr = add_member(
            s,
            cesc.committee,
            name="Simon Parr",
            role="co-opted",
            representing="Diocesan Representative for the Catholic Church",
        )
        view = get_committee(s, cesc.committee)
    assert view.chairman == "Liz Bowes"
    assert [m.position for m in view.members] == [0, 1, 2]
    assert parr.role is MemberRole.CO_OPTED
    with db.transaction() as s:
        remove_member(s, first.id)
        update_member(s, second.id, role="substitute")
        view = get_committee(s, cesc.committee)
    assert [(m.name, m.role) for m in view.members] == [
        ("Liz Bowes", MemberRole.SUBSTITUTE),
        ("Simon Parr", MemberRole.CO_OPTED),
    ]
    with db.transaction() as s:
        new_list = [{"name": "Tim Evans"}, {"name": "Chris Botten", "office": "vice chairman"}]
        replaced = set_members(s, cesc.committee, new_list)
    assert [m.name for m in replaced.members] == ["Tim Evans", "Chris Botten"]
    assert replaced.vice_chairman == "Chris Botten"
    assert replaced.chairman is None


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"name": " "}, "name", "name must not be blank"),
        ({"name": "Tim Evans", "role": "guest"}, "role", "elected, co-opted, substitute"),
        ({"name": "Tim Evans", "office": "mayor"}, "office", "chairman, vice-chairman"),
        ({"name": "Tim Evans", "party": "x"}, "party", "no field called 'party'"),
    ],
)
def test_member_validation(
    db: Database, cesc: Cesc, values: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        add_member(s, cesc.committee, **values)
    assert e.value.field == field
    assert words in str(e.value)


def test_duplicate_committee_name_and_year_is_refused(db: Database, cesc: Cesc) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_committee(s, cesc.council, name=CESC.upper(), municipal_year="2018-19")
    assert e.value.field == "name"
    assert "already exists for 2018/19" in str(e.value)
    with db.transaction() as s:
        next_year = create_committee(s, cesc.council, name=CESC, municipal_year="2019/20")
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        update_committee(s, next_year.id, municipal_year="2018/19")
    assert e.value.field == "name"
    with db.reading() as s:
        assert get_committee(s, next_year.id).municipal_year == "2019/20"


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"name": " ", "municipal_year": "2018/19"}, "name", "name must not be blank"),
        ({"name": "Audit Committee"}, "municipal_year", "needs a municipal year"),
        ({"name": "Audit Committee", "municipal_year": "2018/20"}, "municipal_year", "2018/20"),
        ({"name": "Audit", "municipal_year": "2018/19", "chair": "x"}, "chair", "'chair'"),
    ],
)
def test_committee_validation(
    db: Database, cesc: Cesc, values: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        create_committee(s, cesc.council, **values)
    assert e.value.field == field
    assert words in str(e.value)


def test_list_and_delete_committees(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        wsx = create_council(s, name="West Sussex County Council")
        cyp = create_committee(s, wsx.id, name="CYP Committee", municipal_year="2020/21")
        empty = create_committee(s, cesc.council, name="Audit Committee", municipal_year="2018/19")
        assert [c.name for c in list_committees(s)] == [
            "Adults and Health Select Committee",
            "Audit Committee",
            CESC,
            "CYP Committee",
        ]
        assert [c.id for c in list_committees(s, wsx.id)] == [cyp.id]
    with pytest.raises(ValidationError) as e, db.transaction() as s:
        delete_committee(s, cesc.committee)
    assert e.value.field == "committee"
    assert "still has meetings" in str(e.value)
    with db.transaction() as s:
        delete_committee(s, empty.id)
    with pytest.raises(NotFoundError), db.reading() as s:
        get_committee(s, empty.id)


@pytest.mark.parametrize("record", ["recommendations", "actions", "member activities"])
def test_a_committee_with_tracker_records_is_not_deleted(
    db: Database, cesc: Cesc, record: str
) -> None:
    from planner.services.actions import create_action, create_activity
    from planner.services.recommendations import create_recommendation

    with db.transaction() as s:
        year = create_committee(s, cesc.council, name=CESC, municipal_year="2019/20")
        if record == "recommendations":
            create_recommendation(s, year.id, text="Publish the figures", reference="1/19")
        elif record == "actions":
            create_action(s, year.id, text="Circulate the figures")
        else:
            create_activity(s, year.id, member="Chris Botten", location="Woking School")
    with pytest.raises(ValidationError, match=f"2019/20 still has {record}"), db.transaction() as s:
        delete_committee(s, year.id)
    with db.reading() as s:
        assert get_committee(s, year.id).municipal_year == "2019/20"


def test_lookup_by_name_year_and_date(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        later = create_committee(s, cesc.council, name=CESC, municipal_year="2019/20")
        assert committee_by_name(s, CESC.lower()).id == later.id
        assert committee_by_name(s, CESC, "2018-19").id == cesc.committee
        assert committee_by_name(s, CESC, on_date=dt.date(2019, 1, 10)).id == cesc.committee
        row = get(s, Committee, cesc.committee, "committee")
        assert meeting_on(s, row, dt.date(2018, 11, 16)).id == cesc.nov
        with pytest.raises(NotFoundError, match="no municipal year 2016/17"):
            committee_by_name(s, CESC, "2016/17")
        with pytest.raises(NotFoundError, match="no committee called"):
            committee_by_name(s, "Planning Committee")
        with pytest.raises(NotFoundError, match="no meeting on 1 January 2019"):
            meeting_on(s, row, dt.date(2019, 1, 1))
        with pytest.raises(NotFoundError, match="no council called"):
            council_by_name(s, "Kent County Council")


def test_same_committee_name_in_two_councils_needs_the_council(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        wsx = create_council(s, name="West Sussex County Council")
        theirs = create_committee(s, wsx.id, name=CESC, municipal_year="2018/19")
        with pytest.raises(NotFoundError, match="say which council"):
            committee_by_name(s, CESC)
        assert committee_by_name(s, CESC, council="West Sussex County Council").id == theirs.id
