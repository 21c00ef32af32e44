"""Two users on one file: the window's edit on a stale version opens the conflict dialog,
and the user's choice per field decides what is stored, as one undo step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from planner.db.database import Database, open_database
from planner.services import topics
from planner.services.views import TopicView
from ui.editing.conflict import ConflictDialog, ConflictRow, display
from ui.editing.controller import EditController


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """Another user's process on the same file."""
    assert db.sqlite_path is not None
    database = open_database(db.sqlite_path)
    yield database
    database.close()


@pytest.fixture
def topic(read: Callable[..., Any], cesc: Any) -> TopicView:
    return next(t for t in read(topics.list_topics, [cesc.id]) if t.title.startswith("Alternative"))


class Answers:
    """How the conflict dialog is answered, and the rows of each dialog shown."""

    def __init__(self) -> None:
        self.choices: dict[str, bool] = {}  # field -> keep mine
        self.accept = True
        self.shown: list[dict[str, Any]] = []


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """The real dialog, built and then answered by the test instead of a person."""
    answers = Answers()

    def exec_(dialog: ConflictDialog) -> int:
        answers.shown.append({r.field: r for r in dialog.rows})
        for field, keep_mine in answers.choices.items():
            dialog.choose(field, keep_mine)
        code = QDialog.DialogCode.Accepted if answers.accept else QDialog.DialogCode.Rejected
        return int(code.value)

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return answers


def _their_edit(other: Database, topic_id: str, **changes: Any) -> None:
    with other.transaction() as s:
        topics.update_topic(s, topic_id, **changes)


def _form_edit(
    controller: EditController, other: Database, topic: TopicView, mine: dict[str, Any],
    theirs: dict[str, Any],
) -> None:
    """The user opens the form; while it is open the other user saves; then OK."""

    def open_form(kind: str, view: Any, committee_id: str, defaults: Any = None) -> dict:
        _their_edit(other, view.id, **theirs)
        return {f: getattr(view, f) for f in topics.TOPIC_FIELDS} | mine

    controller.open_form = open_form  # type: ignore[method-assign]
    controller.edit("topic", topic.id)


MINE = {"title": "Alternative Provision (my title)", "officers": "Liz Mills"}
THEIRS = {"title": "Alternative Provision (their title)", "method": "Witness session"}


@pytest.mark.parametrize("keep_my_title", [True, False])
def test_a_stale_form_edit_asks_field_by_field(
    controller: EditController, other: Database, topic: TopicView, dialogs: Answers,
    read: Callable[..., Any], keep_my_title: bool,
) -> None:
    dialogs.choices = {"title": keep_my_title}
    before = controller.undo_stack.count()
    _form_edit(controller, other, topic, MINE, THEIRS)
    assert len(dialogs.shown) == 1
    rows = dialogs.shown[0]
    assert set(rows) == {"title", "officers"}
    assert rows["title"].clash and not rows["officers"].clash
    assert (rows["title"].theirs, rows["title"].mine) == (THEIRS["title"], MINE["title"])
    stored = read(topics.get_topic, topic.id)
    assert stored.title == (MINE["title"] if keep_my_title else THEIRS["title"])
    assert stored.officers == "Liz Mills"  # not changed by them: mine, merged
    assert stored.method == "Witness session"  # theirs, untouched
    assert controller.undo_stack.count() == before + 1  # one undo step
    assert controller.signals.errors == []  # type: ignore[attr-defined]
    controller.undo_stack.undo()  # back to what the other user had saved
    undone = read(topics.get_topic, topic.id)
    assert (undone.title, undone.officers, undone.method) == (
        THEIRS["title"], topic.officers, "Witness session",
    )  # fmt: skip


def test_discarding_in_the_dialog_keeps_theirs_and_adds_no_undo_step(
    controller: EditController, other: Database, topic: TopicView, dialogs: Answers,
    read: Callable[..., Any],
) -> None:
    dialogs.accept = False
    before = controller.undo_stack.count()
    _form_edit(controller, other, topic, MINE, THEIRS)
    assert len(dialogs.shown) == 1
    stored = read(topics.get_topic, topic.id)
    assert (stored.title, stored.officers) == (THEIRS["title"], topic.officers)
    assert controller.undo_stack.count() == before


def test_an_edit_of_other_fields_merges_without_a_dialog(
    controller: EditController, other: Database, topic: TopicView, dialogs: Answers,
    read: Callable[..., Any],
) -> None:
    _form_edit(controller, other, topic, {"officers": "Liz Mills"}, THEIRS)
    assert dialogs.shown == []
    stored = read(topics.get_topic, topic.id)
    assert (stored.title, stored.officers) == (THEIRS["title"], "Liz Mills")


def test_an_in_place_edit_of_a_cell_someone_changed_asks(
    controller: EditController, other: Database, topic: TopicView, dialogs: Answers,
    read: Callable[..., Any],
) -> None:
    dialogs.choices = {"title": True}
    _their_edit(other, topic.id, title="Changed elsewhere")
    assert controller.set_field("topic", topic.id, "title", "Typed here", seen=topic.title)
    assert dialogs.shown[0]["title"].theirs == "Changed elsewhere"
    assert read(topics.get_topic, topic.id).title == "Typed here"


def test_an_undo_over_someone_elses_change_is_refused_and_the_stack_stays_usable(
    controller: EditController, other: Database, topic: TopicView, read: Callable[..., Any],
) -> None:
    stack = controller.undo_stack
    assert controller.set_field("topic", topic.id, "title", "Mine", seen=topic.title)
    assert controller.set_field("topic", topic.id, "method", "Site visit", seen=topic.method or "")
    _their_edit(other, topic.id, title="Theirs")
    count = stack.count()
    stack.undo()  # the method: nobody else touched it
    assert read(topics.get_topic, topic.id).method == topic.method
    stack.undo()  # the title: they changed it since, so it is not put back
    errors = controller.signals.errors  # type: ignore[attr-defined]
    assert len(errors) == 1 and errors[0].endswith("your edit was not saved.")
    assert read(topics.get_topic, topic.id).title == "Theirs"
    assert stack.count() == count - 1 and stack.index() == count - 2
    stack.redo()  # the method edit is still there to redo
    assert read(topics.get_topic, topic.id).method == "Site visit"


def test_undo_and_redo_follow_this_windows_own_versions(
    controller: EditController, cesc: Any, read: Callable[..., Any],
) -> None:
    stack = controller.undo_stack

    def form(kind: str, view: Any, committee_id: str, defaults: Any = None) -> dict:
        return {"title": "Home to school transport"}

    controller.open_form = form  # type: ignore[method-assign]
    controller.add("topic", cesc.id)
    new_id = next(t.id for t in read(topics.list_topics, [cesc.id])
                  if t.title == "Home to school transport")  # fmt: skip
    seen = "Home to school transport"
    assert controller.set_field("topic", new_id, "title", "Transport", seen=seen)
    stack.undo()
    stack.undo()  # the create: deleted although its version moved on twice since
    assert all(t.id != new_id for t in read(topics.list_topics, [cesc.id]))
    stack.redo()
    stack.redo()
    assert read(topics.get_topic, new_id).title == "Transport"
    assert controller.signals.errors == []  # type: ignore[attr-defined]


def test_a_delete_of_a_record_changed_since_the_question_is_refused(
    controller: EditController, other: Database, topic: TopicView, read: Callable[..., Any],
) -> None:
    def confirm(title: str, text: str) -> bool:
        _their_edit(other, topic.id, notes="Still needed")
        return True

    controller.confirm = confirm  # type: ignore[method-assign]
    controller.delete("topic", [topic.id])
    assert read(topics.get_topic, topic.id).notes == "Still needed"
    errors = controller.signals.errors  # type: ignore[attr-defined]
    assert len(errors) == 1 and errors[0].endswith("it was not deleted.")


def test_the_dialog_starts_on_theirs_where_both_changed_and_on_mine_elsewhere(qtbot: Any) -> None:
    rows = [
        ConflictRow("title", "Title", "Their title", "My title", True),
        ConflictRow("officers", "Officers", "(blank)", "Liz Mills", False),
    ]
    dialog = ConflictDialog("Someone else changed this topic", "Cllr Smith changed it.", rows)
    qtbot.addWidget(dialog)
    assert dialog.choices() == {"title": False, "officers": True}
    dialog.choose("title", True)
    assert dialog.choices() == {"title": True, "officers": True}


def test_a_clash_on_a_tied_field_offers_both(
    controller: EditController, other: Database, topic: TopicView, dialogs: Answers,
    read: Callable[..., Any], cesc: Any,
) -> None:
    """They gave the topic a loose timing; I gave it a meeting: meeting and timing clash."""
    target = next(m for m in cesc.meetings.values() if m != topic.meeting_id)
    controller.ask_reason = lambda *a: "Report delayed"  # type: ignore[method-assign]
    dialogs.choices = {"meeting_id": True, "timing": True}
    theirs = {"meeting_id": None, "timing": "Summer 2019"}
    _form_edit(controller, other, topic, {"meeting_id": target}, theirs)
    rows = dialogs.shown[0]
    assert set(rows) == {"meeting_id", "timing"} and rows["timing"].clash
    assert (rows["timing"].theirs, rows["timing"].mine) == ("Summer 2019", display("timing", None))
    stored = read(topics.get_topic, topic.id)
    assert (stored.meeting_id, stored.timing) == (target, None)
