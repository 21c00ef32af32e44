"""Every update and delete service refuses an edit made on a stale version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sample_programme import Cesc
from sqlalchemy.orm import Session

from planner.db.database import Database
from planner.errors import NotFoundError, StaleEditError
from planner.services import actions, committees, groups, meetings, recommendations, topics


@dataclass(frozen=True)
class KindCase:
    create: Callable[[Session, Cesc], Any]
    get: Callable[[Session, str], Any]
    update: Callable[..., Any]
    delete: Callable[..., None]
    field: str  # a field each test edits
    mine: Any
    theirs: Any
    other_field: str  # a different field, for merges
    other_value: Any


CASES = {
    "topic": KindCase(
        lambda s, c: topics.create_topic(s, c.committee, title="Alternative Education Provision"),
        topics.get_topic, topics.update_topic, topics.delete_topic,
        "title", "Alternative Provision", "Elective Home Education", "officers", "Liz Mills",
    ),
    "meeting": KindCase(
        lambda s, c: meetings.get_meeting(s, c.sept),
        meetings.get_meeting, meetings.update_meeting, meetings.delete_meeting,
        "place", "Ashcombe Suite", "Council Chamber", "notes", "Webcast",
    ),
    "group": KindCase(
        lambda s, c: groups.create_group(s, c.committee, title="School Exclusions"),
        groups.get_group, groups.update_group, groups.delete_group,
        "lead_member", "Mrs Clack", "Mr Evans", "outcome", "A report to Cabinet",
    ),
    "recommendation": KindCase(
        lambda s, c: recommendations.create_recommendation(
            s, c.committee, reference="7/18", meeting_id=c.sept, text="Review the figures"
        ),
        recommendations.get_recommendation, recommendations.update_recommendation,
        recommendations.delete_recommendation,
        "addressed_to", "Cabinet Member for Education", "Director of Education",
        "notes", "Chased in October",
    ),
    "action": KindCase(
        lambda s, c: actions.create_action(s, c.committee, text="Circulate the figures"),
        actions.get_action, actions.update_action, actions.delete_action,
        "owner", "The Chairman", "The clerk", "notes", "By Friday",
    ),
    "activity": KindCase(
        lambda s, c: actions.create_activity(s, c.committee, member="Mrs Clack"),
        actions.get_activity, actions.update_activity, actions.delete_activity,
        "location", "Woking", "Guildford", "quarter", "Q3 2018/19",
    ),
    "member": KindCase(
        lambda s, c: committees.add_member(s, c.committee, name="Chris Botting"),
        committees.get_member, committees.update_member, committees.delete_member,
        "honorific", "Mr", "Cllr", "representing", "Diocesan representative",
    ),
    "committee": KindCase(
        lambda s, c: committees.create_committee(
            s, c.council, name="Resources Select Committee", municipal_year="2018/19"
        ),
        committees.get_committee, committees.update_committee, committees.delete_committee,
        "contact_name", "Ross Pike", "Huma Younis", "notes", "Meets at County Hall",
    ),
    "council": KindCase(
        lambda s, c: committees.create_council(s, name="Powys County Council"),
        committees.get_council, committees.update_council, committees.delete_council,
        "name", "Cyngor Sir Powys", "Powys Council", "nation", "wales",
    ),
}  # fmt: skip
KINDS = list(CASES)


def _setup(mine: Database, programme: Cesc, kind: str) -> tuple[KindCase, Any]:
    case = CASES[kind]
    with mine.transaction() as s:
        view = case.create(s, programme)
    return case, view


def _edit(db: Database, case: KindCase, record_id: str, **kwargs: Any) -> Any:
    with db.transaction() as s:
        return case.update(s, record_id, **kwargs)


def _stored(db: Database, case: KindCase, record_id: str) -> Any:
    with db.reading() as s:
        return case.get(s, record_id)


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_on_a_stale_version_is_refused_and_nothing_changes(
    mine: Database, theirs: Database, programme: Cesc, kind: str
) -> None:
    case, view = _setup(mine, programme, kind)
    theirs_view = _edit(theirs, case, view.id, **{case.field: case.theirs})
    assert theirs_view.version == view.version + 1
    with pytest.raises(StaleEditError) as caught:
        _edit(mine, case, view.id, expected_version=view.version, **{case.field: case.mine})
    error = caught.value
    assert (error.kind, error.record_id) == (kind, view.id)
    assert (error.expected_version, error.current_version) == (view.version, view.version + 1)
    assert getattr(error.current, case.field) == getattr(theirs_view, case.field)
    # The change history says who changed which field (its words, not the column's).
    assert f" changed the {case.field.replace('_', ' ')} of " in str(error)
    assert str(error).endswith("your edit was not saved.")
    assert getattr(_stored(mine, case, view.id), case.field) == getattr(theirs_view, case.field)


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_on_the_current_version_is_saved(
    mine: Database, theirs: Database, programme: Cesc, kind: str
) -> None:
    case, view = _setup(mine, programme, kind)
    theirs_view = _edit(theirs, case, view.id, **{case.field: case.theirs})
    saved = _edit(
        mine, case, view.id, expected_version=theirs_view.version, **{case.field: case.mine}
    )
    assert saved.version == theirs_view.version + 1
    assert getattr(_stored(theirs, case, view.id), case.field) == getattr(saved, case.field)


@pytest.mark.parametrize("kind", KINDS)
def test_different_fields_of_one_record_are_merged(
    mine: Database, theirs: Database, programme: Cesc, kind: str
) -> None:
    case, view = _setup(mine, programme, kind)
    theirs_view = _edit(theirs, case, view.id, **{case.other_field: case.other_value})
    seen = {f: getattr(view, f) for f in (case.field, case.other_field)}
    saved = _edit(
        mine, case, view.id, expected_version=view.version, original=seen,
        **{case.field: case.mine},
    )  # fmt: skip
    stored = _stored(theirs, case, view.id)
    assert getattr(stored, case.field) == getattr(saved, case.field)
    assert getattr(stored, case.other_field) == getattr(theirs_view, case.other_field)
    assert stored.version == view.version + 2


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_field_changed_by_both_is_refused_even_with_original_values(
    mine: Database, theirs: Database, programme: Cesc, kind: str
) -> None:
    case, view = _setup(mine, programme, kind)
    _edit(theirs, case, view.id, **{case.field: case.theirs})
    with pytest.raises(StaleEditError) as caught:
        _edit(
            mine, case, view.id, expected_version=view.version,
            original={case.field: getattr(view, case.field)}, **{case.field: case.mine},
        )  # fmt: skip
    assert caught.value.fields == (case.field,)


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_delete_is_refused_and_the_record_stays(
    mine: Database, theirs: Database, programme: Cesc, kind: str
) -> None:
    case, view = _setup(mine, programme, kind)
    _edit(theirs, case, view.id, **{case.field: case.theirs})
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        case.delete(s, view.id, expected_version=view.version)
    assert str(caught.value).endswith("it was not deleted.")
    assert _stored(mine, case, view.id).version == view.version + 1
    with mine.transaction() as s:
        case.delete(s, view.id, expected_version=view.version + 1)
    with pytest.raises(NotFoundError), mine.reading() as s:
        case.get(s, view.id)


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "meeting"])
def test_editing_or_deleting_a_record_someone_deleted_is_refused(
    mine: Database, theirs: Database, programme: Cesc, kind: str
) -> None:
    case, view = _setup(mine, programme, kind)
    with theirs.transaction() as s:
        case.delete(s, view.id)
    with pytest.raises(StaleEditError) as caught:
        _edit(mine, case, view.id, expected_version=view.version, **{case.field: case.mine})
    assert caught.value.current is None and caught.value.current_version is None
    assert "deleted" in str(caught.value)
    with pytest.raises(StaleEditError), mine.transaction() as s:
        case.delete(s, view.id, expected_version=view.version)
    with pytest.raises(NotFoundError):  # without a version: as before
        _edit(mine, case, view.id, **{case.field: case.mine})


def test_a_blind_edit_still_overwrites(mine: Database, theirs: Database, programme: Cesc) -> None:
    case, view = _setup(mine, programme, "topic")
    _edit(theirs, case, view.id, title="Elective Home Education")
    assert _edit(mine, case, view.id, title="Alternative Provision").version == view.version + 2
