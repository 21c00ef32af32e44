"""Editing in the window while the PostgreSQL server is away: nothing is saved, nothing
goes on the undo stack, the user's values are kept, and the same edit works once the
server is back. A server of the test's own is stopped and started again."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from pg_server import PASSWORD, PgServer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from planner.db.database import Database, open_database
from planner.services.committees import create_committee, create_council
from planner.services.topics import create_topic, get_topic
from ui.editing.controller import EditController

CESC = "Children and Education Select Committee"


@pytest.fixture(scope="module")
def own_server() -> Iterator[PgServer]:
    server = PgServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg(own_server: PgServer) -> Iterator[tuple[Database, str, str]]:
    """(database, committee id, topic id); the server runs again at the end."""
    db = open_database(own_server.url(own_server.new_database()))
    with db.transaction() as s:
        council = create_council(s, name="Surrey County Council")
        committee = create_committee(s, council.id, name=CESC, municipal_year="2018/19")
        topic = create_topic(s, committee.id, title="Alternative Education Provision")
    try:
        yield db, committee.id, topic.id
    finally:
        db.close()
        with contextlib.suppress(subprocess.CalledProcessError):
            own_server.resume()


@pytest.fixture
def controller(pg, qtbot) -> tuple[EditController, QUndoStack, list[str]]:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    stack = QUndoStack(parent)
    ctl = EditController(pg[0], stack, parent)
    errors: list[str] = []
    ctl.error.connect(errors.append)
    return ctl, stack, errors


def down_message(server: PgServer) -> str:
    return (
        f"The database server at 127.0.0.1:{server.port} is not answering: "
        "your change was not saved; try again when it is back."
    )


def test_an_in_place_edit_while_down_is_not_on_the_undo_stack_and_works_after(
    pg, controller, own_server: PgServer
) -> None:
    db, _, topic_id = pg
    ctl, stack, errors = controller
    own_server.halt()
    assert ctl.set_field("topic", topic_id, "method", "Witness session") is False
    assert errors == [down_message(own_server)]
    assert stack.count() == 0
    own_server.resume()
    assert ctl.set_field("topic", topic_id, "method", "Witness session") is True
    assert stack.count() == 1 and stack.undoText().startswith("Edit topic")
    with db.reading() as s:
        assert get_topic(s, topic_id).method == "Witness session"
    stack.undo()
    with db.reading() as s:
        assert get_topic(s, topic_id).method is None


def test_the_form_comes_back_with_the_users_values_and_ok_saves_them(
    pg, controller, own_server: PgServer
) -> None:
    """The server goes away while the form is open: OK fails, the form is shown again
    holding what was typed; the server comes back and OK saves it, as one undo step."""
    db, _, topic_id = pg
    ctl, stack, errors = controller
    shown_again: list[dict[str, Any] | None] = []

    def form(kind: str, view: Any, committee_id: str, defaults: Any = None) -> dict[str, Any]:
        if not shown_again and len(errors) == 0 and not ctl.retry_values:
            shown_again.append(None)
            own_server.halt()  # between opening the form and pressing OK
            return {"title": view.title, "outcome": "Fewer exclusions", "method": "Task group"}
        shown_again.append(dict(ctl.retry_values or {}))
        own_server.resume()
        return dict(ctl.retry_values or {})

    ctl.open_form = form  # type: ignore[method-assign]
    ctl.edit("topic", topic_id)
    assert errors == [down_message(own_server)]
    assert shown_again == [
        None,
        {"title": "Alternative Education Provision", "outcome": "Fewer exclusions",
         "method": "Task group"},
    ]  # fmt: skip
    assert stack.count() == 1
    with db.reading() as s:
        saved = get_topic(s, topic_id)
    assert (saved.outcome, saved.method) == ("Fewer exclusions", "Task group")


def test_a_real_form_stays_open_with_the_message_and_keeps_the_values(
    pg, controller, own_server: PgServer
) -> None:
    db, committee_id, topic_id = pg
    ctl, _, _ = controller
    with db.reading() as s:
        view = get_topic(s, topic_id)
    form = ctl.make_form("topic", view, committee_id)
    form.fields["outcome"].set_value("Fewer exclusions")
    own_server.halt()
    form.accept()
    assert form.result_values is None  # not accepted: the dialog stays open
    assert form.errors() == {"": down_message(own_server)}
    assert PASSWORD not in form.errors()[""]
    assert form.fields["outcome"].value() == "Fewer exclusions"
    own_server.resume()
    form.accept()
    assert form.result_values is not None
    assert form.result_values["outcome"] == "Fewer exclusions"
    # Shown again after a lost connection, a form holds the values it was given.
    ctl.retry_values = {"outcome": "Typed before the outage"}
    again = ctl.make_form("topic", view, committee_id)
    assert again.fields["outcome"].value() == "Typed before the outage"


def test_undo_and_redo_while_down_keep_the_step_to_try_again(
    pg, controller, own_server: PgServer, qtbot
) -> None:
    db, _, topic_id = pg
    ctl, stack, errors = controller

    def method() -> str | None:
        with db.reading() as s:
            return get_topic(s, topic_id).method

    assert ctl.set_field("topic", topic_id, "method", "Site visit")
    own_server.halt()
    stack.undo()
    qtbot.waitUntil(lambda: stack.index() == 1)  # put back: still there to undo
    assert errors == [down_message(own_server)] and stack.count() == 1
    own_server.resume()
    assert method() == "Site visit"
    stack.undo()
    assert stack.index() == 0 and method() is None
    own_server.halt()
    stack.redo()
    qtbot.waitUntil(lambda: stack.index() == 0)  # still there to redo
    assert len(errors) == 2 and stack.count() == 1
    own_server.resume()
    stack.redo()
    assert stack.index() == 1 and method() == "Site visit"
