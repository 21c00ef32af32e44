"""History…: the dialog, its model, its export, and how the window opens it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_controller import CESC
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from planner.db.database import Database
from planner.services import history as h
from planner.services import topics
from planner.services.history_rows import history_rows
from planner.services.lookup import committee_by_name
from ui import prompts
from ui.history_dialog import HistoryDialog
from ui.models.deleted import DeletedModel
from ui.models.history import ActionRole, ChangeIdRole, HistoryModel

WHEN = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2}$")  # "2 December 2026 14:32"
TITLE = "Alternative Education Provision"


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_USER", "Jane Clerk")


def _edit_topic(db: Database) -> tuple[str, str]:
    with db.transaction() as s:
        committee = committee_by_name(s, CESC, "2018/19")
        topic = next(t for t in topics.list_topics(s, [committee.id]) if t.title == TITLE)
        topics.update_topic(s, topic.id, method="Witness session", exempt_paragraph=3)
        return committee.id, topic.id


def wait_loaded(qtbot, dialog: HistoryDialog | None) -> None:  # type: ignore[no-untyped-def]
    """The dialog reads its changes in a worker: wait until they are in the list."""
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.background.busy(), timeout=30_000)


@pytest.mark.parametrize("with_record", [False, True])
def test_models_pass_the_model_tester(qtmodeltester, demo_db: Database, with_record: bool) -> None:
    committee_id, topic_id = _edit_topic(demo_db)
    with demo_db.transaction() as s:
        topics.delete_topic(s, topic_id)
    with demo_db.reading() as s:
        changes = h.committee_history(s, committee_id)
        rows = history_rows(s, changes)
        gone = h.deleted_records(s, committee_id)
    model = HistoryModel(with_record=with_record)
    model.load(rows)
    assert model.rowCount() == len(rows) > 3
    assert model.columnCount() == (7 if with_record else 6)
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert WHEN.match(model.data(first))
    assert model.data(first, ChangeIdRole) == changes[0].id
    assert model.data(first, ActionRole) == "Deleted"
    deleted = DeletedModel()
    deleted.load(gone)
    assert [deleted.data(deleted.index(0, c)) for c in (0, 1, 3)] == ["Topic", TITLE, "Jane Clerk"]
    qtmodeltester.check(deleted)


def test_dialog_shows_a_topic_newest_first_and_exports(
    qtbot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _committee_id, topic_id = _edit_topic(demo_db)
    dialog = HistoryDialog(demo_db, table_name="topic", record_id=topic_id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_loaded(qtbot, dialog)
    assert dialog.windowTitle() == f"History of the topic '{TITLE}'"
    assert dialog.note.text() == "2 changes, newest first. Times are local time."
    model = dialog.model
    cells = [[model.data(model.index(r, c)) for c in range(6)] for r in range(3)]
    assert cells[0][1:] == ["Jane Clerk", "Changed", "Method", "Formal report", "Witness session"]
    # When, who and what are said once per change; a screen reader hears them on every row.
    assert cells[1] == ["", "", "", "Exempt", "No", "Yes"]
    assert model.data(model.index(1, 1), Qt.ItemDataRole.AccessibleTextRole) == "Jane Clerk"
    assert cells[2][3:] == ["Schedule 12A paragraph", "", "3"]
    created = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert [a for a in created if a] == ["Changed", "Created"]
    assert WHEN.match(cells[0][0])
    out = tmp_path / "history.xlsx"
    asked: list[str] = []

    def save_path(_parent, _title, suggested, _filters):
        asked.append(suggested)
        return str(out)

    monkeypatch.setattr(prompts, "save_path", save_path)
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as exported:
        assert dialog.export()
    assert exported.args == [out]
    assert asked == [f"History of the topic {TITLE}.xlsx"]
    ws = load_workbook(out).active
    assert ws["A1"].value == f"History of the topic '{TITLE}'"
    assert [c.value for c in ws[4]][2:] == ["Changed", "Method", "Formal report", "Witness session"]
    assert dialog.note.text() == f"Saved the history to {out}."


def test_export_failure_is_one_sentence(
    qtbot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committee_id, _topic_id = _edit_topic(demo_db)
    dialog = HistoryDialog(demo_db, committee_id=committee_id, committee_label="CESC 2018/19")
    qtbot.addWidget(dialog)
    wait_loaded(qtbot, dialog)
    assert dialog.windowTitle() == "History of CESC 2018/19"
    assert dialog.model.headers[3] == "Record"
    errors: list[str] = []
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(tmp_path / "missing" / "h.xlsx"))
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: errors.append(text))
    with qtbot.waitSignal(dialog.export_failed, timeout=30_000):
        assert dialog.export()
    assert errors == [
        f"Cannot write {tmp_path / 'missing' / 'h.xlsx'}: the folder {tmp_path / 'missing'} "
        "does not exist."
    ]


def test_window_opens_the_selected_topic_or_the_committee(qtbot, window) -> None:
    view = window.view("programme")
    row = next(r for r, x in enumerate(view.model.rows()) if x.cells and TITLE in x.cells)
    view.table.selectRow(view.proxy.proxy_row(row))
    assert window.actions.history.isEnabled()
    dialog = window.actions.history.trigger() or window.findChild(HistoryDialog)
    wait_loaded(qtbot, dialog)
    assert dialog is not None and dialog.windowTitle() == f"History of the topic '{TITLE}'"
    assert dialog.model.rowCount() > 0  # the demo loader is recorded as creating it
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is None)
    view.table.clearSelection()
    window.actions.history.trigger()
    dialog = window.findChild(HistoryDialog)
    wait_loaded(qtbot, dialog)
    assert dialog.windowTitle() == "History of Children and Education Select Committee 2018/19"
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.close()


def test_restore_from_the_edit_menu_shows_the_topic_again(
    qtbot, demo_db: Database, ui_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow
    from ui.restore_dialog import RestoreDialog

    window = MainWindow(demo_db, settings=ui_settings)  # the real EditController
    qtbot.addWidget(window)
    window.show()
    view = window.view("programme")
    row = next(r for r, x in enumerate(view.model.rows()) if x.cells and TITLE in x.cells)
    topic_id = view.model.rows()[row].id
    monkeypatch.setattr(window.controller, "confirm", lambda *_a: True)
    window.controller.delete("topic", [topic_id])
    qtbot.waitUntil(lambda: view.model.row_of(topic_id) < 0)
    assert window.actions.restore.isEnabled()
    window.actions.restore.trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.model.rowCount() == 1
    assert dialog.restore_selected()
    qtbot.waitUntil(lambda: view.model.row_of(topic_id) >= 0)
    assert window.statusBar().currentMessage() == f"Restored the topic '{TITLE}'."
    assert window.actions.undo.text() == f"&Undo Restore topic '{TITLE}'"
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: view.model.row_of(topic_id) < 0)
    assert dialog.model.rowCount() == 1
    dialog.close()


def test_history_of_a_meeting_from_its_view(qtbot, window) -> None:
    window.show_view("meetings")
    view = window.view("meetings")
    view.table.selectRow(0)
    window.actions.history.trigger()
    dialog = window.findChild(HistoryDialog)
    wait_loaded(qtbot, dialog)
    assert re.match(r"^History of the meeting of \d{1,2} [A-Z][a-z]+ \d{4}$", dialog.windowTitle())
    assert dialog.model.data(dialog.model.index(0, 2)) == "Created"
    dialog.close()


def test_a_meeting_row_of_the_programme_shows_the_meeting(qtbot, window) -> None:
    view = window.view("programme")
    section = view.model.section_rows()[1]
    view.table.selectRow(view.proxy.proxy_row(section))
    window.actions.history.trigger()
    dialog = window.findChild(HistoryDialog)
    wait_loaded(qtbot, dialog)
    assert dialog.windowTitle().startswith("History of the meeting of ")
    assert dialog.record_id == view.model.section_of(section).meeting_id
    dialog.close()
