"""Deleting several topics at once (DeleteTopics): one undo step read and written in
batches, undone and redone exactly, refused whole when someone else changed a topic."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from planner.db.database import Database, open_database
from planner.db.models import ChangeLog
from planner.services import topic_batch, topics
from ui.editing.commands import DeleteRecord
from ui.editing.controller import EditController
from ui.editing.topic_delete import DeleteTopics


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """Another user's process on the same file."""
    assert db.sqlite_path is not None
    database = open_database(db.sqlite_path)
    yield database
    database.close()


def _programme(read: Callable[..., Any], committee_id: str) -> dict[str, Any]:
    """Each topic of the committee-year with its moves."""
    listed = read(topics.list_topics, [committee_id])
    return {t.id: (t, read(topics.topic_moves, t.id)) for t in listed}


def _log_count(read: Callable[..., Any]) -> int:
    return int(read(lambda s: s.scalar(select(func.count()).select_from(ChangeLog))))


@pytest.mark.parametrize("chunk", [topic_batch.CHUNK, 2], ids=["one chunk", "chunks of 2"])
def test_a_bulk_delete_is_one_step_undone_and_redone_exactly(
    controller: EditController, read: Callable[..., Any], cesc: Any, chunk: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(topic_batch, "CHUNK", chunk)
    first = read(topics.list_topics, [cesc.id])[0]
    read(topics.move_topic, first.id, timing="Spring 2019", reason="Report not ready")
    before = _programme(read, cesc.id)
    assert len(before) > 2 and any(moves for _t, moves in before.values())
    questions: list[str] = []
    controller.confirm = lambda title, text: questions.append(text) or True  # type: ignore[method-assign]
    stack = controller.undo_stack
    controller.delete("topic", list(before))
    assert questions[0].startswith(f"Delete these {len(before)} topics?")
    assert stack.count() == 1 and isinstance(stack.command(0), DeleteTopics)
    assert stack.undoText() == f"Delete {len(before)} topics"
    assert read(topics.list_topics, [cesc.id]) == []
    assert controller.signals.changed == ["topic"]  # type: ignore[attr-defined]

    stack.undo()
    back = _programme(read, cesc.id)
    assert back.keys() == before.keys()
    for topic_id, (topic, moves) in before.items():
        again, moves_again = back[topic_id]
        assert again == topic.__class__(**{**topic.__dict__, "version": again.version})
        assert again.version > topic.version  # the history records a restore
        assert moves_again == moves
        assert controller.versions[topic_id] == again.version

    stack.redo()  # on the versions the undo wrote
    assert read(topics.list_topics, [cesc.id]) == []
    stack.undo()
    assert _programme(read, cesc.id).keys() == before.keys()
    assert controller.signals.errors == []  # type: ignore[attr-defined]


def test_one_topic_changed_since_the_question_refuses_them_all(
    controller: EditController, other: Database, read: Callable[..., Any], cesc: Any
) -> None:
    views = read(topics.list_topics, [cesc.id])
    stale = views[1]
    with other.transaction() as s:
        topics.update_topic(s, stale.id, notes="Still needed")
    written = _log_count(read)
    controller.undo_stack.push(DeleteTopics(controller, views))
    assert controller.undo_stack.count() == 0  # obsolete: never on the stack
    assert [t.id for t in read(topics.list_topics, [cesc.id])] == [v.id for v in views]
    assert _log_count(read) == written
    # The message is the one deleting that topic alone gives.
    single = DeleteRecord(controller, "topic", stale.id, stale.version, view=stale)
    controller.undo_stack.push(single)
    errors = controller.signals.errors  # type: ignore[attr-defined]
    assert len(errors) == 2 and errors[0] == errors[1]
    assert errors[0].endswith("it was not deleted.") and "notes" in errors[0]


def test_a_redo_after_someone_edited_a_restored_topic_is_refused(
    controller: EditController, other: Database, read: Callable[..., Any], cesc: Any
) -> None:
    views = read(topics.list_topics, [cesc.id])
    stack = controller.undo_stack
    stack.push(DeleteTopics(controller, views))
    stack.undo()
    with other.transaction() as s:
        topics.update_topic(s, views[0].id, outcome="Theirs")
    written = _log_count(read)
    stack.redo()
    errors = controller.signals.errors  # type: ignore[attr-defined]
    assert len(errors) == 1 and errors[0].endswith("it was not deleted.")
    assert len(read(topics.list_topics, [cesc.id])) == len(views)
    assert read(topics.get_topic, views[0].id).outcome == "Theirs"
    assert _log_count(read) == written


def test_one_topic_still_goes_through_delete_record(
    controller: EditController, read: Callable[..., Any], cesc: Any
) -> None:
    topic = read(topics.list_topics, [cesc.id])[0]
    controller.confirm = lambda title, text: True  # type: ignore[method-assign]
    controller.delete("topic", [topic.id])
    assert isinstance(controller.undo_stack.command(0), DeleteRecord)
    assert controller.undo_stack.undoText().startswith("Delete topic '")
