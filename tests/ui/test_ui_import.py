"""File → Import: columns step, preview, skipping bad rows, one all-or-nothing import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

import ui.import_runner as runner
from planner.db.database import Database
from planner.export import export_programme, export_tracker
from planner.services.meetings import list_meetings
from planner.services.programme import programme
from planner.services.recommendations import list_recommendations
from planner.services.topics import list_topics, update_topic
from ui import prompts
from ui.import_dialog import COLUMNS_STEP, PREVIEW_STEP, ImportDialog
from ui.import_preview import DARK_TEXT, PROBLEM_FILL, PreviewModel

NEW_TITLE = "Home to School Transport"
ACADEMY = "Surrey Children's Services Academy"
OFSTED = "Response of Children's Services to Ofsted (2018)"
ALTERNATIVE = "Alternative Education Provision"


def _row_of(sheet: Any, title: str) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[1].value == title)


def programme_file(
    db: Database, committee_id: str, path: Path, edits: dict[tuple[str, str], Any] | None = None
) -> Path:
    """The demo programme as exported, with ``edits`` {(topic title, column letter): value}."""
    with db.reading() as session:
        export_programme(programme(session, committee_id), path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for (title, column), value in (edits or {}).items():
        sheet[f"{column}{_row_of(sheet, title)}"] = value
    book.save(path)
    return path


def edited(db: Database, committee_id: str, tmp_path: Path, bad_row: bool = False) -> Path:
    """One topic renamed (a new one), one method changed (an update), one moved to a new
    meeting (another new one), and perhaps a date that does not exist."""
    edits: dict[tuple[str, str], Any] = {
        ("Member Practice Conversations Feedback and Procedure", "B"): NEW_TITLE,
        (ACADEMY, "E"): "Witness session",
        (ALTERNATIVE, "A"): "25 January 2019",
    }
    if bad_row:
        edits[(OFSTED, "A")] = "31/02/19"
    return programme_file(db, committee_id, tmp_path / "Programme.xlsx", edits)


def db_state(db: Database) -> tuple[bytes, bytes | None]:
    assert db.sqlite_path is not None
    if db.checkpoints is not None:  # a checkpoint of earlier writes is not a change
        db.checkpoints.wait()
    wal = db.sqlite_path.with_name(db.sqlite_path.name + "-wal")
    return db.sqlite_path.read_bytes(), wal.read_bytes() if wal.exists() else None


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Every message box the import would show, answered without a modal dialog."""
    messages: dict[str, list[str]] = {"error": [], "inform": []}
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: messages["error"].append(text))
    monkeypatch.setattr(runner, "inform", lambda _p, _t, text: messages["inform"].append(text))
    return messages


def open_import(qtbot, window, monkeypatch, path: Path, kind: str = "programme") -> ImportDialog:
    """File → Import… with the file dialog answered; waits for the planned preview."""
    monkeypatch.setattr(prompts, "open_path", lambda *_a: str(path))
    action = (
        window.actions.import_programme if kind == "programme" else window.actions.import_tracker
    )
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: window.importer.dialog is not None, timeout=10000)
    dialog = window.importer.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert not window.importer.busy()
    return dialog


def preview_lines(dialog: ImportDialog) -> dict[int, tuple[str, ...]]:
    return {int(cells[1]): cells for cells in dialog.preview.model.line_texts()}


def titles(db: Database, committee_id: str) -> list[str]:
    with db.reading() as session:
        return sorted(t.title for t in list_topics(session, [committee_id]))


def test_the_preview_shows_what_the_import_will_do(
    qtbot, window, demo_db, tmp_path, monkeypatch, said
) -> None:
    committee = window.committee_id
    before = db_state(demo_db)
    dialog = open_import(qtbot, window, monkeypatch, edited(demo_db, committee, tmp_path))
    assert dialog.step() == COLUMNS_STEP
    assert "Programme.xlsx" in dialog.target.text()
    assert "Children and Education Select Committee 2018/19" in dialog.target.text()
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    assert dialog.step() == PREVIEW_STEP
    page = dialog.preview
    assert page.counts.text() == "Programme.xlsx: 2 to create, 1 to update, 8 unchanged."
    lines = preview_lines(dialog)
    assert len(lines) == 3  # unchanged rows are hidden until asked for
    (new,) = [line for line in lines.values() if NEW_TITLE in line[4]]
    assert new[2:5] == ("Create", "Topic", f"{NEW_TITLE} (7 September 2018)")
    (update,) = [line for line in lines.values() if line[2] == "Update"]
    assert update[4] == f"{ACADEMY} (7 September 2018)"
    assert update[5] == "Method: ‘Formal report’ → ‘Witness session’"
    assert "Meetings to add:\n  25 January 2019 (Children and Education Select Committee" in (
        page.notes.toPlainText()
    )
    page.show_unchanged.setChecked(True)
    assert len(page.model.line_texts()) == 11
    assert not page.skip.isEnabled()
    assert dialog.can_import()
    # Going back and forth re-plans nothing and saves nothing.
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    assert dialog.step() == COLUMNS_STEP
    dialog.reject()
    assert db_state(demo_db) == before
    assert said == {"error": [], "inform": []}


def test_correcting_a_column_plans_again(qtbot, window, demo_db, tmp_path, monkeypatch) -> None:
    committee = window.committee_id
    path = programme_file(demo_db, committee, tmp_path / "Programme.xlsx")
    dialog = open_import(qtbot, window, monkeypatch, path)
    dialog.next_step()
    assert "0 to create, 0 to update, 11 unchanged" in dialog.preview.counts.text()
    assert dialog.preview.status.text() == "Nothing to change: the planner already holds all of it."
    assert not dialog.can_import()
    dialog.go(COLUMNS_STEP)
    box = dialog.columns.box("scheduled")
    assert box.combos["description"].currentText() == "C — Description"
    assert box.combos["outcome"].currentText() == "D — Outcome"
    box.combos["description"].setCurrentIndex(box.combos["description"].findData(3))
    # A column holds one field: the outcome gives it up.
    assert box.combos["outcome"].currentText() == "(not in the file)"
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    assert dialog.busy() and not dialog.next.isEnabled()
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW_STEP, timeout=10000)
    assert dialog.overrides == {"scheduled.description": 3, "scheduled.outcome": None}
    assert "0 to create, 3 to update, 8 unchanged" in dialog.preview.counts.text()
    changed = [line for line in dialog.preview.model.line_texts() if line[2] == "Update"]
    assert all(line[5].startswith("Description: ‘") for line in changed)
    assert any(
        ALTERNATIVE in line[4] and "→ ‘To outline the current" in line[5] for line in changed
    )
    assert dialog.can_import()
    # The columns step shows the corrected mapping.
    assert dialog.columns.box("scheduled").combos["description"].currentText() == "D — Outcome"


def test_a_bad_row_blocks_the_import_until_it_is_skipped(
    qtbot, window, demo_db, tmp_path, monkeypatch, said
) -> None:
    committee = window.committee_id
    path = edited(demo_db, committee, tmp_path, bad_row=True)
    dialog = open_import(qtbot, window, monkeypatch, path)
    dialog.next_step()
    page = dialog.preview
    assert "1 row that cannot be read" in page.counts.text()
    assert "Programme, row " in page.notes.toPlainText()
    assert "column A: '31/02/19' is not a real date." in page.notes.toPlainText()
    (problem,) = [
        r for r in range(page.model.rowCount())
        if page.model.index(r, 2).data() == "Cannot read"
    ]  # fmt: skip
    cell = page.model.index(problem, 5)
    assert cell.data() == "Column A: '31/02/19' is not a real date."
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_FILL
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == DARK_TEXT
    assert page.skip.isEnabled() and not page.skip.isChecked()
    assert not dialog.import_button.isEnabled()
    page.skip.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert "(left out)" in page.counts.text()
    page.skip.setChecked(False)
    assert not dialog.import_button.isEnabled()
    qtbot.keyClick(page.skip, Qt.Key.Key_Space)
    assert page.skip.isChecked() and dialog.import_button.isEnabled()
    before = titles(demo_db, committee)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # The transaction runs off the GUI thread; it cannot be cancelled half way.
    assert dialog.busy() and not dialog.cancel.isEnabled() and not dialog.import_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert said["error"] == []
    assert said["inform"] == [
        "Imported 3 records (2 new, 1 updated, 1 meeting(s) added, 1 row(s) that could not "
        "be read left out). Undo does not cover imports."
    ]
    after = titles(demo_db, committee)
    assert sorted([*before, NEW_TITLE, ALTERNATIVE]) == after
    with demo_db.reading() as session:
        topics = list_topics(session, [committee])
        academy = next(t for t in topics if t.title == ACADEMY)
        assert academy.method == "Witness session"
        ofsted = next(t for t in topics if t.title == OFSTED)
        assert ofsted.meeting_date is not None and ofsted.meeting_date.isoformat() == "2018-09-07"
        days = {m.date.isoformat() for m in list_meetings(session, [committee])}
        assert "2019-01-25" in days
    assert window.undo_stack.count() == 0
    view = window.view("programme")
    qtbot.waitUntil(lambda: any(NEW_TITLE.lower() in t for t in view.model.filter_texts()))
    assert view.status_text() == "11 topics"


def test_a_failure_while_importing_saves_nothing(
    qtbot, window, demo_db, tmp_path, monkeypatch, said
) -> None:
    committee = window.committee_id
    dialog = open_import(qtbot, window, monkeypatch, edited(demo_db, committee, tmp_path))
    dialog.next_step()
    with demo_db.transaction() as session:  # someone edits the topic meanwhile
        academy = next(t for t in list_topics(session, [committee]) if t.title == ACADEMY)
        update_topic(session, academy.id, notes="Edited after the preview.")
    before = db_state(demo_db)
    dialog.do_import()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert len(said["error"]) == 1
    assert "changed after the preview" in said["error"][0]
    assert "Nothing was imported." in said["error"][0]
    assert said["inform"] == []
    assert dialog.isVisible()
    assert db_state(demo_db) == before
    assert NEW_TITLE not in titles(demo_db, committee)
    dialog.reject()


def test_a_file_that_is_not_a_spreadsheet_is_one_clear_error(
    qtbot, window, demo_db, tmp_path, monkeypatch, said
) -> None:
    bad = tmp_path / "Programme.xlsx"
    bad.write_text("This is a letter to the Chairman, not a spreadsheet.\n", encoding="utf-8")
    before = db_state(demo_db)
    monkeypatch.setattr(prompts, "open_path", lambda *_a: str(bad))
    window.actions.import_programme.trigger()
    qtbot.waitUntil(lambda: said["error"] != [], timeout=10000)
    (message,) = said["error"]
    assert "Programme.xlsx" in message
    assert "\n" not in message
    assert window.importer.dialog is None
    assert not window.importer.busy() and window.importer.progress is None
    assert db_state(demo_db) == before


def test_a_header_row_the_planner_does_not_know_can_be_named(
    qtbot, window, tmp_path, monkeypatch, said
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("When?,Wotsit,Blurb\n16/11/18,Libraries,Review of libraries\n", "utf-8")
    asked: list[str] = []
    monkeypatch.setattr(prompts, "text", lambda _p, _t, text: asked.append(text) or "1")
    dialog = open_import(qtbot, window, monkeypatch, path)
    (question,) = asked
    assert question.startswith("odd.csv has no programme table the planner recognises")
    assert said["error"] == []
    box = dialog.columns.box("scheduled")
    assert box.combos["date"].currentText() == "A — When?"
    assert box.combos["title"].currentText() == "(not in the file)"
    box.combos["title"].setCurrentIndex(box.combos["title"].findText("B — Wotsit"))
    box.combos["description"].setCurrentIndex(box.combos["description"].findText("C — Blurb"))
    dialog.next_step()
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW_STEP, timeout=10000)
    ((*_, action, kind, title, _changes),) = dialog.preview.model.line_texts()
    assert (action, kind, title) == ("Create", "Topic", "Libraries (16 November 2018)")
    assert dialog.can_import()
    dialog.reject()


def test_cancelling_the_file_dialog_does_nothing(qtbot, window, monkeypatch, said) -> None:
    monkeypatch.setattr(prompts, "open_path", lambda *_a: None)
    window.actions.import_tracker.trigger()
    assert not window.importer.busy() and window.importer.dialog is None
    assert said == {"error": [], "inform": []}


def test_a_tracker_file_gets_its_own_columns(qtbot, window, demo_db, tmp_path, monkeypatch) -> None:
    from ui.data.queries import same_committee_ids

    path = tmp_path / "Tracker.xlsx"
    with demo_db.reading() as session:
        family = same_committee_ids(session, window.committee_id)
        export_tracker(list_recommendations(session, family), path, "Tracker")
        count = len(list_recommendations(session, family))
    dialog = open_import(qtbot, window, monkeypatch, path, kind="tracker")
    assert dialog.windowTitle() == "Import Recommendations Tracker"
    box = dialog.columns.box("tracker")
    assert box.combos["text"].currentText().endswith("Recommendation")
    dialog.next_step()
    assert f"0 to create, 0 to update, {count} unchanged" in dialog.preview.counts.text()
    dialog.reject()


def test_every_control_has_a_name_and_takes_the_keyboard(
    qtbot, window, demo_db, tmp_path, monkeypatch
) -> None:
    dialog = open_import(
        qtbot, window, monkeypatch, edited(demo_db, window.committee_id, tmp_path, bad_row=True)
    )
    for step in (COLUMNS_STEP, PREVIEW_STEP):
        dialog.go(step)
        controls = [
            w for w in dialog.findChildren(QWidget)
            if w.isVisibleTo(dialog) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.parent() is not None and not isinstance(w.parent(), QComboBox)
        ]  # fmt: skip
        assert controls
        unnamed = [
            f"{type(w).__name__} {w.objectName()}" for w in controls if not w.accessibleName()
        ]
        assert unnamed == []
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    assert all("&" in b.text() or b.text() == "Cancel" for b in buttons)
    dialog.reject()


def test_the_preview_model_passes_the_model_tester(
    qtmodeltester, demo_db, tmp_path, window
) -> None:
    from planner.importing import plan_programme_import

    path = edited(demo_db, window.committee_id, tmp_path, bad_row=True)
    with demo_db.reading() as session:
        plan = plan_programme_import(session, path, window.committee_id)
    model = PreviewModel()
    model.set_plan(plan)
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    model.set_show_unchanged(True)
    assert model.rowCount() == 11
    qtmodeltester.check(model)
    model.set_plan(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)
