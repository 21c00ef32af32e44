"""Deleting an empty committee-year from the window, with undo; a year that holds the
council's record is refused in one sentence."""

from __future__ import annotations

from typing import Any

import pytest

from planner.enums import MemberRole, Office
from planner.errors import NotFoundError
from planner.services.actions import create_action
from planner.services.committees import (
    add_member,
    create_committee,
    get_committee,
    update_committee,
)


@pytest.fixture
def empty_year(db: Any, cesc: Any) -> str:
    """The committee's 2019/20 year: members and details, no programme yet."""
    with db.transaction() as s:
        this_year = get_committee(s, cesc.id)
        year = create_committee(
            s, this_year.council_id, name=this_year.name, municipal_year="2019/20",
            chairman="Kay Hammond", contact_name="Ross Pike", notes="Set up in May",
        )  # fmt: skip
        update_committee(s, year.id, terms_of_reference=["Scrutinise schools"])
        add_member(s, year.id, name="Chris Botten", role=MemberRole.ELECTED)
        add_member(s, year.id, name="Simon Parr", role=MemberRole.CO_OPTED,
                   representing="Diocese of Guildford")  # fmt: skip
        return year.id


def test_delete_an_empty_year_and_undo_brings_it_all_back(
    controller: Any, stack: Any, read: Any, empty_year: str
) -> None:
    before = read(get_committee, empty_year)
    asked: list[str] = []
    controller.confirm = lambda title, text: asked.append(text) or True
    assert controller.delete_committee(empty_year)
    assert asked and asked[0].startswith("Delete Children and Education Select Committee 2019/20?")
    assert stack.undoText() == "Delete committee 'Children and Education Select Committee' 2019/20"
    with pytest.raises(NotFoundError):
        read(get_committee, empty_year)
    stack.undo()
    after = read(get_committee, empty_year)
    def member(m: Any) -> tuple[Any, ...]:
        return (m.id, m.name, m.honorific, m.role, m.office, m.representing, m.position)

    # The same members, ids, offices and order.
    assert [member(m) for m in after.members] == [member(m) for m in before.members]
    assert {k: v for k, v in after.__dict__.items() if k not in ("version", "members")} == {
        k: v for k, v in before.__dict__.items() if k not in ("version", "members")
    }
    assert after.chairman == "Kay Hammond"
    assert [m.office for m in after.members].count(Office.CHAIRMAN) == 1
    stack.redo()
    with pytest.raises(NotFoundError):
        read(get_committee, empty_year)
    assert controller.signals.errors == []


def test_a_year_with_a_programme_or_tracker_records_is_refused(
    db: Any, controller: Any, stack: Any, read: Any, cesc: Any, empty_year: str
) -> None:
    controller.confirm = lambda title, text: True
    assert not controller.delete_committee(cesc.id)
    assert controller.signals.errors == [
        "Children and Education Select Committee 2018/19 still has meetings."
    ]
    with db.transaction() as s:
        create_action(s, empty_year, text="Circulate the figures")
    assert not controller.delete_committee(empty_year)
    assert controller.signals.errors[-1].endswith("2019/20 still has actions.")
    assert stack.count() == 0
    assert read(get_committee, empty_year).municipal_year == "2019/20"


def test_no_answer_deletes_nothing(controller: Any, stack: Any, read: Any, empty_year: str) -> None:
    controller.confirm = lambda title, text: False
    assert not controller.delete_committee(empty_year)
    assert stack.count() == 0 and read(get_committee, empty_year).municipal_year == "2019/20"
