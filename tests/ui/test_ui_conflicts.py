"""The window and another user's process on one file: the lists are not refreshed, so
the window's edits are made on what it shows, and a stale one is caught."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from planner.db.database import Database, open_database
from planner.services import topics
from ui import prompts
from ui.editing.conflict import ConflictDialog

TITLE = "Surrey Children's Services Academy"


@pytest.fixture
def real_window(qtbot: Any, demo_db: Database, ui_settings: Any) -> Any:
    from ui.main_window import MainWindow

    win = MainWindow(demo_db, settings=ui_settings)  # the real EditController
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.show_view("programme")
    return win


@pytest.fixture
def other(demo_path: Any, demo_db: Database) -> Iterator[Database]:
    database = open_database(demo_path)
    yield database
    database.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    return shown


def _topic_index(view: Any, title: str, column: int) -> Any:
    for row in range(view.proxy.rowCount()):
        if view.proxy.data(view.proxy.index(row, 1)) == title:
            return view.proxy.index(row, column)
    raise AssertionError(f"no topic {title}")


def test_editing_a_title_someone_changed_since_opens_the_dialog(
    real_window: Any, other: Database, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    view = real_window.view("programme")
    index = _topic_index(view, TITLE, 1)
    topic_id = view.proxy.data(index, Qt.ItemDataRole.UserRole + 1)
    with other.transaction() as s:
        topics.update_topic(s, topic_id, title="Academy (renamed by the clerk)")
    shown: list[Any] = []

    def answer(dialog: ConflictDialog) -> int:
        shown.append(dialog.rows)
        dialog.choose("title", True)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ConflictDialog, "exec", answer)
    assert view.proxy.setData(index, "Academy (renamed by the Chairman)")
    assert [r.theirs for r in shown[0]] == ["Academy (renamed by the clerk)"]
    with other.reading() as s:
        assert topics.get_topic(s, topic_id).title == "Academy (renamed by the Chairman)"
    assert errors == []
    real_window.undo_stack.undo()  # puts back what the clerk had saved
    with other.reading() as s:
        assert topics.get_topic(s, topic_id).title == "Academy (renamed by the clerk)"


def test_moving_a_topic_someone_moved_since_is_refused_with_the_reason(
    real_window: Any, other: Database, errors: list[str]
) -> None:
    view = real_window.view("programme")
    topic_id = view.proxy.data(_topic_index(view, TITLE, 1), Qt.ItemDataRole.UserRole + 1)
    with other.transaction() as s:
        topics.move_topic(s, topic_id, timing="Summer 2019")
    count = real_window.undo_stack.count()
    view.move_topics([topic_id], None, "Autumn 2019")
    assert len(errors) == 1 and errors[0].endswith("your edit was not saved.")
    with other.reading() as s:
        assert topics.get_topic(s, topic_id).timing == "Summer 2019"
    assert real_window.undo_stack.count() == count
