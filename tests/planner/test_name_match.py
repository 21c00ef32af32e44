"""Names and search words are text, not LIKE patterns: "%", "_" and "\\" match only
themselves, on both backends."""

from __future__ import annotations

import pytest
from sample_programme import Cesc

from planner.db.database import Database
from planner.errors import NotFoundError
from planner.services.committees import create_committee, create_council
from planner.services.lookup import committee_by_name, council_by_name
from planner.services.topics import create_topic, list_topics, search_topics


def test_an_underscore_in_a_name_does_not_clash_with_other_letters(db: Database) -> None:
    with db.transaction() as s:
        underscore = create_council(s, name="North_East Council")
        letter = create_council(s, name="NorthsEast Council")  # "_" would match the "s"
        percent = create_council(s, name="100% Council")
        create_council(s, name="1000 Council")  # "%" would match "0"
        backslash = create_council(s, name="A\\B Council")
    with db.reading() as s:
        assert council_by_name(s, "north_east council").id == underscore.id
        assert council_by_name(s, "NORTHSEAST council").id == letter.id
        assert council_by_name(s, "100% council").id == percent.id
        assert council_by_name(s, "a\\b council").id == backslash.id
        with pytest.raises(NotFoundError):
            council_by_name(s, "North% Council")


def test_committee_names_with_wildcard_characters(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        one = create_committee(s, cesc.council, name="Audit_Panel", municipal_year="2018/19")
        other = create_committee(s, cesc.council, name="AuditXPanel", municipal_year="2018/19")
    with db.reading() as s:
        assert committee_by_name(s, "audit_panel").id == one.id
        assert committee_by_name(s, "auditxpanel").id == other.id
        with pytest.raises(NotFoundError):
            committee_by_name(s, "Audit%")


def test_search_words_with_wildcard_characters(db: Database, cesc: Cesc) -> None:
    with db.transaction() as s:
        create_topic(s, cesc.committee, title="Savings of 100% by 2020")
        create_topic(s, cesc.committee, title="Savings of 1000 pounds")
        create_topic(s, cesc.committee, title="Item_1 review")
        create_topic(s, cesc.committee, title="ItemA1 review")
    with db.reading() as s:
        assert [t.title for t in search_topics(s, "100%")] == ["Savings of 100% by 2020"]
        assert [t.title for t in search_topics(s, "item_1")] == ["Item_1 review"]
        assert [t.title for t in list_topics(s, [cesc.committee], "_1")] == ["Item_1 review"]
        assert len(search_topics(s, "savings")) == 2
