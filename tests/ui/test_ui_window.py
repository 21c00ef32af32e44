"""The main window: views, selector, filter, standard commands, files and settings."""

from __future__ import annotations

import shutil

import pytest
from fake_controller import CESC, FakeEditController
from open_waiting import open_and_wait, wait_for_open
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QTableView

from planner.services.lookup import committee_by_name
from ui import prompts
from ui.main_window import VIEW_NAMES, MainWindow


def test_every_view_shows_the_demo_programme(window) -> None:
    assert "Children and Education Select Committee 2018/19" in window.windowTitle()
    for name in VIEW_NAMES:
        window.show_view(name)
        view = window.view(name)
        assert view.proxy.rowCount() > 0, f"{name} is empty"
        assert view.count.text()
    assert window.view("programme").status_text() == "9 topics"
    committee = window.view("committee")
    assert committee.fields["chairman"].text() == "Kay Hammond"
    assert "Early Help" in committee.terms.text()


def test_switching_year_changes_every_view(qtbot, window) -> None:
    window.selector.years.setCurrentText("2017/18")
    assert window.view("programme").status_text() == "5 topics"
    assert "2017/18" in window.windowTitle()
    window.show_view("meetings")
    assert window.view("meetings").proxy.rowCount() == 2


def test_filter_as_you_type(qtbot, window) -> None:
    view = window.view("programme")
    qtbot.keyClicks(view.filter, "ofsted")
    texts = view.model.filter_texts()
    sections = set(view.model.section_rows())
    matching = [i for i, text in enumerate(texts) if "ofsted" in text and i not in sections]
    assert 0 < len(matching) < 9
    assert view.status_text() == f"{len(matching)} of 9 topics"
    # Topics keep their meeting's section row above them.
    assert view.proxy.data(view.proxy.index(0, 0)).startswith("7 September 2018")
    qtbot.keyClicks(view.filter, " published")  # every word must match
    assert view.status_text() == "1 of 9 topics"
    assert view.proxy.rowCount() == 2
    view.filter.clear()
    assert view.status_text() == "9 topics"
    window.show_view("tracker")
    tracker = window.view("tracker")
    qtbot.keyClicks(tracker.filter, "cabinet member")
    assert tracker.proxy.rowCount() == 1


def test_tracker_outstanding_only(window) -> None:
    window.show_view("tracker")
    tracker = window.view("tracker")
    tracker.outstanding.setChecked(True)
    assert 0 < tracker.proxy.rowCount() <= tracker.model.rowCount()
    tracker.outstanding.setChecked(False)
    assert tracker.proxy.rowCount() == tracker.model.rowCount()


def test_find_focuses_the_filter(qtbot, window) -> None:
    window.activateWindow()
    window.actions.find.trigger()
    qtbot.waitUntil(lambda: window.view("programme").filter.hasFocus())


def test_new_edit_delete_go_to_the_controller(qtbot, window) -> None:
    view = window.view("programme")
    calls = window.controller.calls
    committee = window.committee_id
    # A meeting's section row selected: New adds a topic to that meeting.
    section = view.model.section_rows()[1]
    meeting_id = view.model.section_of(section).meeting_id
    view.table.selectRow(view.proxy.proxy_row(section))
    assert window.actions.new.text() == "&New Topic…"
    window.actions.new.trigger()
    assert calls[-1] == ("add", "topic", committee, {"meeting_id": meeting_id})
    # Enter (activation) on the section edits the meeting.
    view.table.activated.emit(view.proxy.index(view.proxy.proxy_row(section), 0))
    assert calls[-1] == ("edit", "meeting", meeting_id)
    # A topic: Edit and Delete name it.
    view.table.selectRow(1)
    topic_id = view.selected_ids()[0]
    window.actions.edit.trigger()
    assert calls[-1] == ("edit", "topic", topic_id)
    assert window.actions.delete.isEnabled()
    window.actions.delete.trigger()
    assert calls[-1] == ("delete", "topic", [topic_id])
    # Other views add their own kind.
    window.show_view("tracker")
    window.actions.new.trigger()
    assert calls[-1] == ("add", "recommendation", committee, {})
    window.show_view("committee")
    window.actions.edit.trigger()
    assert calls[-1] == ("edit", "committee", committee)


def test_in_place_edit_goes_through_the_undo_stack(qtbot, window) -> None:
    window.show_view("actions")
    view = window.view("actions")
    done = view.proxy.index(0, 4)
    assert view.proxy.flags(done) & Qt.ItemFlag.ItemIsUserCheckable
    assert view.proxy.setData(done, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: view.model.rows()[0].cells[4] == "Done")
    assert window.actions.undo.isEnabled()
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: view.model.rows()[0].cells[4] == "Open")
    window.actions.redo.trigger()
    qtbot.waitUntil(lambda: view.model.rows()[0].cells[4] == "Done")


def test_controller_errors_are_shown(window, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    window.controller.error.emit("That meeting does not exist.")
    assert shown == ["That meeting does not exist."]


def test_opening_a_bad_file_keeps_the_current_database(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: errors.append(text))
    bad = tmp_path / "notes.db"
    bad.write_text("These are my meeting notes, not a database.\n" * 20)
    db_before = window.db
    monkeypatch.setattr(prompts, "open_path", lambda *a: str(bad))
    assert not wait_for_open(qtbot, window, window.actions.open.trigger)
    assert errors and "not a planner database" in errors[0]
    assert window.db is db_before
    with window.db.reading() as s:  # still open and usable
        assert committee_by_name(s, CESC, "2018/19")
    assert window.view("programme").status_text() == "9 topics"
    assert str(bad) not in window.settings.recent_files()


def test_opening_another_database(qtbot, window, demo_path, tmp_path, monkeypatch) -> None:
    other = tmp_path / "copy.db"
    shutil.copy(demo_path, other)
    assert open_and_wait(qtbot, window, str(other))
    assert window.db.label == str(other)
    assert window.controller.calls[-1] == ("set_database", str(other))
    assert window.settings.recent_files()[0] == str(other)
    recent = [a.text() for a in window.actions.recent.actions()]
    assert any(str(other) in text for text in recent)
    assert window.view("programme").proxy.rowCount() > 0


def test_remembers_committee_view_and_layout(qtbot, demo_db, ui_settings) -> None:
    first = MainWindow(demo_db, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(first)
    first.selector.years.setCurrentText("2017/18")
    chosen = first.committee_id
    first.show_view("tracker")
    first.close()
    second = MainWindow(demo_db, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(second)
    assert second.committee_id == chosen
    assert second.current_view().name == "tracker"


def test_every_control_has_an_accessible_name(window) -> None:
    for kind in (QLineEdit, QComboBox, QTableView, QCheckBox):
        for widget in window.findChildren(kind):
            if widget.parent() is not None and type(widget.parent()).__name__ == "QComboBox":
                continue
            assert widget.accessibleName(), f"{kind.__name__} without an accessible name"


def test_search_all_committees_and_open_a_result(qtbot, window) -> None:
    window.search_all()
    dialog = window.search_dialog
    dialog.words.setText("children")
    dialog.search()
    assert "Searching for 'children'" in dialog.summary.text()
    qtbot.waitUntil(lambda: dialog.searching is None, timeout=30_000)
    assert "topic(s) in" in dialog.summary.text()
    committees = {dialog.model.rows()[r].cells[0] for r in range(dialog.model.rowCount())}
    assert len(committees) > 1, "searches every committee"
    row = next(
        r for r in range(dialog.proxy.rowCount())
        if dialog.proxy.data(dialog.proxy.index(r, 1)) == "2020/21"
    )  # fmt: skip
    topic_id = dialog.model.rows()[dialog.proxy.source_row(row)].id
    dialog.table.activated.emit(dialog.proxy.index(row, 0))
    assert "2020/21" in window.windowTitle()
    assert window.current_view().name == "programme"
    assert window.view("programme").selected_ids() == [topic_id]


@pytest.mark.parametrize("public", [False, True])
def test_export_action_writes_a_file(qtbot, window, tmp_path, monkeypatch, public) -> None:
    import sys
    import threading
    import types

    written = tmp_path / "programme.xlsx"
    threads: list[bool] = []

    def export_programme(programme, path):
        threads.append(threading.current_thread() is threading.main_thread())
        assert programme.public is public
        path.write_bytes(b"PK fake workbook")
        return path

    fake = types.ModuleType("planner.export")
    fake.export_programme = export_programme  # type: ignore[attr-defined]
    fake.export_tracker = lambda recs, path, title: path  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planner.export", fake)
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(written))
    monkeypatch.setattr(prompts, "ask", lambda *a: True)
    opened: list[str] = []
    monkeypatch.setattr(prompts, "open_externally", lambda p: opened.append(p) or True)
    with qtbot.waitSignal(window.exporter.finished, timeout=10000):
        (window.actions.export_public if public else window.actions.export).trigger()
    assert written.read_bytes() == b"PK fake workbook"
    assert threads == [False], "written off the GUI thread"
    assert opened == [str(written)]
    assert window.actions.export.isEnabled()


def test_a_failed_export_is_reported(qtbot, window, tmp_path, monkeypatch) -> None:
    import sys
    import types

    from planner.errors import ExportError

    def broken(*args):
        raise ExportError("The disk is full; nothing was written.")

    fake = types.ModuleType("planner.export")
    fake.export_programme = fake.export_tracker = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planner.export", fake)
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(tmp_path / "x.xlsx"))
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: errors.append(text))
    with qtbot.waitSignal(window.exporter.failed, timeout=10000):
        window.actions.export_tracker.trigger()
    assert errors == ["The disk is full; nothing was written."]


def test_real_exporters_write_spreadsheets(qtbot, window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(prompts, "ask", lambda *a: False)
    for what, name in (("programme", "programme.xlsx"), ("tracker", "tracker.xlsx")):
        with qtbot.waitSignal(window.exporter.finished, timeout=30000) as signal:
            window.exporter.export(what, path=str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 0, signal.args


def test_keyboard_delete_and_filter_to_table(qtbot, window) -> None:
    view = window.view("programme")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.actions.find.trigger()
    qtbot.waitUntil(view.filter.hasFocus)
    qtbot.keyClicks(view.filter, "academy")
    qtbot.keyClick(view.filter, Qt.Key.Key_Down)  # into the list, first row selected
    assert view.table.hasFocus()
    view.table.selectRow(1)
    topic_id = view.selected_ids()[0]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert window.controller.calls[-1] == ("delete", "topic", [topic_id])
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.controller.calls[-1] == ("edit", "topic", topic_id)
