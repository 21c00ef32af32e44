"""File → Take Offline… and Sync Offline Copy…: the worker, the preview, a choice per
conflict, and the lists passing the model tester."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

import ui.offline_runner as runner
from planner.db.database import Database, open_database
from planner.offline import checkout
from planner.offline.meta import origin
from planner.services.topics import list_topics, update_topic
from ui import prompts
from ui.offline_dialogs import SyncDialog, TakeOfflineDialog
from ui.offline_models import ChoiceRole, CommitteePickModel, ConflictModel

CESC = "Children and Education Select Committee"
ACADEMY = "Surrey Children's Services Academy"


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    messages: dict[str, list[str]] = {"error": [], "inform": [], "ask": []}
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: messages["error"].append(text))
    monkeypatch.setattr(runner, "inform", lambda _p, _t, text: messages["inform"].append(text))
    monkeypatch.setattr(prompts, "ask", lambda _p, _t, text: messages["ask"].append(text) or False)
    return messages


def academy(db: Database, committee_id: str) -> Any:
    with db.reading() as s:
        return next(t for t in list_topics(s, [committee_id]) if t.title == ACADEMY)


def set_method(db: Database, topic_id: str, method: str) -> None:
    with db.transaction() as s:
        update_topic(s, topic_id, method=method)


def conflicting_copy(demo_db: Database, committee_id: str, folder: Path) -> Path:
    path = folder / "laptop.db"
    checkout(demo_db, [], path, committee_ids=[committee_id])
    topic = academy(demo_db, committee_id)
    copy = open_database(path)
    try:
        set_method(copy, topic.id, "Witness session")
    finally:
        copy.close()
    set_method(demo_db, topic.id, "Site visit")
    return path


def test_the_menu_has_both_commands(window) -> None:
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Take &Offline…" in texts and "S&ync Offline Copy…" in texts
    assert window.actions.take_offline.isEnabled() and window.actions.sync_offline.isEnabled()


def test_take_offline_writes_the_copy_in_the_worker(qtbot, window, tmp_path, said) -> None:
    out = tmp_path / "train.db"
    assert window.offline.take_offline(([window.committee_id], str(out)))
    qtbot.waitUntil(lambda: not window.offline.busy(), timeout=20000)
    assert said["error"] == []
    assert "Open the offline copy now?" in said["ask"][0]
    copy = open_database(out)
    try:
        info = origin(copy.engine, copy.label)
        assert info is not None and info.committee_ids == [window.committee_id]
    finally:
        copy.close()


def test_the_checkout_dialog_says_what_is_missing(qtbot, window, tmp_path) -> None:
    with window.db.reading() as s:
        from ui.data.queries import committee_choices

        rows = committee_choices(s)
    dialog = TakeOfflineDialog(rows, set(), str(tmp_path), window.db.label, window)
    qtbot.addWidget(dialog)
    assert dialog.problem_text() == "Tick at least one committee to take offline."
    dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Checked.value)
    (tmp_path / "taken.db").write_text("mine")
    dialog.path.setText(str(tmp_path / "taken.db"))
    assert "already exists; choose a new name" in (dialog.problem_text() or "")
    dialog.path.setText(str(tmp_path / "new.db"))
    assert dialog.problem_text() is None
    assert dialog.choice() == ([rows[0][0]], str(tmp_path / "new.db"))


def test_sync_from_the_source_with_a_choice_per_conflict(
    qtbot, window, demo_db, tmp_path, said
) -> None:
    committee = window.committee_id
    path = conflicting_copy(demo_db, committee, tmp_path)
    assert window.offline.sync_copy(str(path))
    qtbot.waitUntil(lambda: window.offline.dialog is not None, timeout=20000)
    dialog: SyncDialog = window.offline.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.rowCount() == 1
    cells = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert cells[:3] == [f"topic '{ACADEMY}'", "method", "'Witness session'"]
    assert cells[4] == "'Site visit'" and cells[6] == "Leave as they are"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.choice_buttons[0], Qt.MouseButton.LeftButton)  # the copy's
    assert dialog.model.index(0, 6).data() == "The copy's"
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: said["inform"] != [], timeout=20000)
    assert said["error"] == []
    assert "kept the copy's" in said["inform"][0] and "Undo does not cover a sync" in (
        said["inform"][0]
    )
    assert academy(demo_db, committee).method == "Witness session"
    assert window.offline.opened is None  # the copy it opened is closed again


def test_sync_from_the_copy_finds_its_source_file(
    qtbot, demo_db, demo_path, ui_settings, tmp_path, said
) -> None:
    from fake_controller import FakeEditController

    from ui.main_window import MainWindow

    with demo_db.reading() as s:
        from ui.data.queries import committee_choices

        committee = next(r[0] for r in committee_choices(s) if r[2] == CESC and r[3] == "2018/19")
    path = conflicting_copy(demo_db, committee, tmp_path)
    copy = open_database(path)
    win = MainWindow(copy, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(win)
    assert win.offline.sync_copy()  # the copy knows its source's file: nothing to ask
    qtbot.waitUntil(lambda: win.offline.dialog is not None, timeout=20000)
    qtbot.mouseClick(win.offline.dialog.buttons.button(
        win.offline.dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: said["inform"] != [], timeout=20000)
    assert "1 conflict(s) left as they are on each side" in said["inform"][0]
    assert academy(copy, committee).method == "Witness session"  # left as it was
    win.close()
    copy.close()


def test_a_file_that_is_not_a_copy_is_one_clear_error(qtbot, window, tmp_path, said) -> None:
    plain = tmp_path / "plain.db"
    open_database(plain).close()
    assert window.offline.sync_copy(str(plain))
    qtbot.waitUntil(lambda: said["error"] != [], timeout=20000)
    assert "is not an offline copy" in said["error"][0]
    assert not window.offline.busy() and window.offline.opened is None


def test_the_lists_pass_the_model_tester(qtmodeltester, demo_db, tmp_path) -> None:
    from planner.offline import sync
    from ui.data.queries import committee_choices

    with demo_db.reading() as s:
        rows = committee_choices(s)
    pick = CommitteePickModel(rows, {rows[0][0]})
    qtmodeltester.check(pick)
    cesc = next(r[0] for r in rows if r[2] == CESC and r[3] == "2018/19")
    path = conflicting_copy(demo_db, cesc, tmp_path)
    copy = open_database(path)
    try:
        report = sync(demo_db, copy, apply=False)
    finally:
        copy.close()
    model = ConflictModel(report.conflicts)
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    model.choose([0], "source")
    assert model.index(0, 0).data(ChoiceRole) == "source"
    assert model.roleNames()[ChoiceRole] == b"choice"
