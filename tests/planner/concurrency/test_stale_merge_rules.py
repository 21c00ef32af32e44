"""The merge rule's edges: tied fields, equal changes, checks by value, moves."""

from __future__ import annotations

import pytest
from sample_programme import Cesc

from planner.db.database import Database
from planner.enums import TopicStatus
from planner.errors import StaleEditError
from planner.services import topics
from planner.services.views import TopicView


def _topic(db: Database, programme: Cesc, **values: object) -> TopicView:
    with db.transaction() as s:
        return topics.create_topic(s, programme.committee, title="School Places", **values)


def _seen(view: TopicView) -> dict[str, object]:
    return {f: getattr(view, f) for f in topics.TOPIC_FIELDS}


def test_a_loose_timing_clashes_with_someone_elses_meeting(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.move_topic(s, view.id, meeting_id=programme.nov)
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        topics.update_topic(
            s, view.id, expected_version=view.version, original=_seen(view), timing="Spring 2019"
        )
    assert "meeting_id" in caught.value.fields
    with mine.reading() as s:
        assert topics.get_topic(s, view.id).meeting_id == programme.nov


def test_both_making_the_same_change_is_no_clash(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, method="Witness session")
    with mine.transaction() as s:
        saved = topics.update_topic(
            s, view.id, expected_version=view.version, original=_seen(view),
            method="Witness session",
        )  # fmt: skip
    assert saved.method == "Witness session"


def test_a_check_by_value_alone(mine: Database, theirs: Database, programme: Cesc) -> None:
    """An in-place edit knows the value the cell showed, not always its version."""
    view = _topic(mine, programme, officers="Liz Mills")
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, officers="Julie Fisher")
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        topics.update_topic(s, view.id, original={"officers": "Liz Mills"}, officers="Ross Pike")
    assert caught.value.fields == ("officers",)
    assert caught.value.expected_version == caught.value.current_version == 2
    with mine.transaction() as s:  # the title was not touched by them: saved
        saved = topics.update_topic(s, view.id, original={"title": "School Places"}, title="Pupils")
    assert (saved.title, saved.officers) == ("Pupils", "Julie Fisher")


def test_a_version_without_original_values_refuses_any_newer_version(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, notes="Agreed at agenda setting")
    with pytest.raises(StaleEditError), mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=view.version, title="Pupils")


def test_a_move_merges_with_an_edit_and_refuses_a_second_move(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    view = _topic(mine, programme, meeting_id=programme.sept)
    placement = {"meeting_id": view.meeting_id, "timing": view.timing}
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, title="School Places Planning")
    with mine.transaction() as s:
        moved = topics.move_topic(
            s, view.id, meeting_id=programme.nov, expected_version=view.version,
            original=placement, reason="Report not ready",
        )  # fmt: skip
    assert (moved.title, moved.meeting_id, moved.deferral_count) == (
        "School Places Planning", programme.nov, 1,
    )  # fmt: skip
    with theirs.transaction() as s:
        topics.move_topic(s, view.id, timing="Spring 2019")
    with pytest.raises(StaleEditError), mine.transaction() as s:
        topics.move_topic(
            s, view.id, meeting_id=programme.sept, expected_version=moved.version,
            original={"meeting_id": programme.nov, "timing": None},
        )  # fmt: skip
    with mine.reading() as s:
        stored = topics.get_topic(s, view.id)
        assert len(topics.topic_moves(s, view.id)) == 2
    assert (stored.timing, stored.status) == ("Spring 2019", TopicStatus.DEFERRED)
