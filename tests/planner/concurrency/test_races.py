"""Two real connections racing on one record: the loser is told, nothing is lost."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from sample_programme import Cesc
from sqlalchemy import text

from planner.db.database import Database
from planner.errors import StaleEditError
from planner.services import topics
from planner.services.views import TopicView


def _topic(db: Database, programme: Cesc, title: str = "School Places") -> TopicView:
    with db.transaction() as s:
        return topics.create_topic(s, programme.committee, title=title, officers="Liz Mills")


def _in_thread(fn: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = fn()
        except Exception as exc:  # the test looks at it
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _wait_until_blocked(db: Database, thread: threading.Thread) -> None:
    """On PostgreSQL, until the other connection waits for our row lock; SQLite has no
    such view (its writer waits in BEGIN IMMEDIATE), and either order gives one answer."""
    if db.engine.dialect.name != "postgresql":
        return
    for _ in range(1000):
        with db.engine.connect() as conn:
            waiting = conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar()
        if waiting or not thread.is_alive():
            return
        time.sleep(0.01)
    raise AssertionError("the second writer never reached the row lock")


def _edit(db: Database, topic_id: str, **kwargs: Any) -> TopicView:
    with db.transaction() as s:
        return topics.update_topic(s, topic_id, **kwargs)


def test_both_read_version_1_and_change_the_title_only_one_succeeds(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    view = _topic(mine, programme)
    start = threading.Barrier(2)
    outcomes: list[dict[str, Any]] = []
    threads = []
    for db, title in ((mine, "School Places Planning"), (theirs, "Pupil Place Planning")):

        def edit(db: Database = db, title: str = title) -> TopicView:
            start.wait()
            return _edit(db, view.id, expected_version=1, original={"title": view.title},
                         title=title)  # fmt: skip

        thread, outcome = _in_thread(edit)
        threads.append(thread)
        outcomes.append(outcome)
    for thread in threads:
        thread.join(60)
    winners = [o["result"] for o in outcomes if "result" in o]
    losers = [o["error"] for o in outcomes if "error" in o]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], StaleEditError) and losers[0].fields == ("title",)
    with mine.reading() as s:
        stored = topics.get_topic(s, view.id)
    assert (stored.title, stored.version) == (winners[0].title, 2)


@pytest.mark.parametrize("second_field", ["title", "officers"])
def test_a_write_that_meets_a_newer_row_is_checked_again(
    mine: Database, theirs: Database, programme: Cesc, second_field: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Both passed the version check; the UPDATE … WHERE version = 1 decides."""
    view = _topic(mine, programme)
    caplog.set_level(logging.INFO, logger="planner.services.concurrency")
    seen = {"title": view.title, "officers": view.officers}
    with mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=1, original=seen, title="Pupil Places")
        thread, outcome = _in_thread(
            lambda: _edit(
                theirs, view.id, expected_version=1, original=seen,
                **{second_field: "Julie Fisher"},
            )
        )
        _wait_until_blocked(mine, thread)
    thread.join(60)
    with mine.reading() as s:
        stored = topics.get_topic(s, view.id)
    if second_field == "officers":  # different fields: both land
        assert outcome["result"].version == 3
        assert (stored.title, stored.officers) == ("Pupil Places", "Julie Fisher")
        assert stored.version == 3
    else:
        assert isinstance(outcome["error"], StaleEditError)
        assert (stored.title, stored.version) == ("Pupil Places", 2)
    if mine.engine.dialect.name == "postgresql":  # the race reached the SQL check
        assert "changed while it was being saved" in caplog.text


def test_without_original_values_the_write_time_check_refuses(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    view = _topic(mine, programme)
    with mine.transaction() as s:
        topics.update_topic(s, view.id, expected_version=1, title="Pupil Places")
        thread, outcome = _in_thread(
            lambda: _edit(theirs, view.id, expected_version=1, officers="Julie Fisher")
        )
        _wait_until_blocked(mine, thread)
    thread.join(60)
    assert isinstance(outcome["error"], StaleEditError)
    assert outcome["error"].current_version == 2


def test_editing_different_records_never_waits_on_postgresql_and_queues_on_sqlite(
    mine: Database, theirs: Database, programme: Cesc
) -> None:
    one, two = _topic(mine, programme, "One"), _topic(mine, programme, "Two")
    with mine.transaction() as s:
        topics.update_topic(s, one.id, expected_version=1, title="One, edited")
        with theirs.reading() as r:  # readers never wait, on either backend
            assert topics.get_topic(r, one.id).title == "One"
        thread, outcome = _in_thread(
            lambda: _edit(theirs, two.id, expected_version=1, title="Two, edited")
        )
        if mine.engine.dialect.name == "postgresql":
            thread.join(30)  # finishes while our transaction is still open
            assert outcome["result"].title == "Two, edited"
    thread.join(30)
    assert outcome["result"].version == 2
    with mine.reading() as s:
        assert [topics.get_topic(s, i).title for i in (one.id, two.id)] == [
            "One, edited", "Two, edited",
        ]  # fmt: skip


def test_a_batch_delete_that_meets_a_newer_row_refuses_them_all(
    mine: Database, theirs: Database, programme: Cesc, caplog: pytest.LogCaptureFixture
) -> None:
    """Their batch read version 1 of every topic; our edit of one commits while their
    DELETE … WHERE version = 1 waits on it: the whole batch is read again and refused."""
    from planner.services import topic_batch

    views = [_topic(mine, programme, f"Topic {n}") for n in range(3)]
    caplog.set_level(logging.INFO, logger="planner.services.topic_batch")

    def delete_all() -> list[Any]:
        with theirs.transaction() as s:
            return topic_batch.delete_topics(s, {v.id: v.version for v in views})

    with mine.transaction() as s:
        topics.update_topic(s, views[1].id, expected_version=1, title="Renamed")
        thread, outcome = _in_thread(delete_all)
        _wait_until_blocked(mine, thread)
    thread.join(60)
    assert isinstance(outcome["error"], StaleEditError)
    assert outcome["error"].record_id == views[1].id
    assert str(outcome["error"]).endswith("it was not deleted.")
    with mine.reading() as s:
        assert [topics.get_topic(s, v.id).version for v in views] == [1, 2, 1]
    if mine.engine.dialect.name == "postgresql":  # the race reached the SQL check
        assert "changed while 3 of them were being deleted" in caplog.text
