"""What a refusal says: who changed which fields of which record, and when."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from sample_programme import Cesc
from sqlalchemy import delete, select

from planner.db.database import Database
from planner.db.models import ChangeLog
from planner.errors import StaleEditError
from planner.services import topics


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are said in the user's local time; these tests live in the UK."""
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _history(db: Database, topic_id: str, rows: list[tuple[str, int, dict, dt.datetime]]) -> None:
    """Entries as the change history writes them (planner/services/history.py): the
    recorder's own entry for that version is given the name and time the test needs."""
    with db.transaction() as s:
        for who, version, changes, at in rows:
            recorded = s.scalars(
                select(ChangeLog).where(
                    ChangeLog.record_id == topic_id, ChangeLog.version == version
                )
            ).first()
            if recorded is not None:
                recorded.who, recorded.at, recorded.changes = who, at, changes
                continue
            s.add(
                ChangeLog(
                    at=at, who=who, action="update", table_name="topic", record_id=topic_id,
                    version=version, summary="Alternative Education Provision", changes=changes,
                )
            )  # fmt: skip


def _topic(mine: Database, programme: Cesc) -> topics.TopicView:
    with mine.transaction() as s:
        return topics.create_topic(s, programme.committee, title="Alternative Education Provision")


def test_the_message_names_who_changed_which_fields_and_when(
    mine: Database, theirs: Database, programme: Cesc, london: None
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, officers="Liz Mills")
    _history(
        theirs, view.id,
        [("Cllr Smith", 2, {"officers": [None, "Liz Mills"]}, dt.datetime(2026, 12, 2, 14, 32))],
    )  # fmt: skip
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=1, officers="Julie Fisher")
    assert str(caught.value) == (
        "Cllr Smith changed the officers of topic 'Alternative Education Provision' at 14:32 "
        "on 2 December 2026; your edit was not saved."
    )


def test_several_changes_since_the_users_copy_are_all_named(
    mine: Database, theirs: Database, programme: Cesc, london: None
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, officers="Liz Mills")
        topics.update_topic(s, view.id, title="Alternative Education Provision")
    _history(
        theirs, view.id,
        [
            ("Cllr Smith", 2, {"title": ["AEP", "Alternative Education Provision"]},
             dt.datetime(2026, 7, 1, 9, 5)),
            ("Cllr Smith", 3, {"officers": [None, "Liz Mills"]}, dt.datetime(2026, 7, 1, 13, 32)),
        ],
    )  # fmt: skip
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=1, outcome="Fewer exclusions")
    # British Summer Time: 13:32 UTC is 14:32 in London.
    assert str(caught.value) == (
        "Cllr Smith changed the title and the officers of topic 'Alternative Education "
        "Provision' at 14:32 on 1 July 2026; your edit was not saved."
    )


def test_without_history_the_message_gives_the_versions_and_time(
    mine: Database, theirs: Database, programme: Cesc, london: None
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.update_topic(s, view.id, officers="Liz Mills")
        stored = topics.get_topic(s, view.id)
    with theirs.transaction() as s:  # a database whose history was not kept for it
        s.execute(delete(ChangeLog).where(ChangeLog.record_id == view.id))
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=1, officers="Julie Fisher")
    message = str(caught.value)
    assert message.startswith(
        "Someone else changed topic 'Alternative Education Provision' (version 1, now 2) at "
    )
    assert message.endswith("; your edit was not saved.")
    assert stored.version == 2


def test_a_deleted_record_says_who_deleted_it(
    mine: Database, theirs: Database, programme: Cesc, london: None
) -> None:
    view = _topic(mine, programme)
    with theirs.transaction() as s:
        topics.delete_topic(s, view.id)
    with theirs.transaction() as s:  # the recorder's entry, with the name and time wanted
        gone = s.scalars(
            select(ChangeLog).where(ChangeLog.record_id == view.id, ChangeLog.action == "delete")
        ).one()
        gone.who, gone.at = "Ms Jones", dt.datetime(2026, 12, 2, 9, 0)
    with pytest.raises(StaleEditError) as caught, mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=1, officers="Julie Fisher")
    assert str(caught.value) == (
        "Ms Jones deleted topic 'Alternative Education Provision' at 09:00 on 2 December 2026; "
        "your edit was not saved."
    )
