"""Start-up: the window paints first, shows a sqlite3 snapshot of the programme, then
gets its database from a worker (ui/opening.py, ui/data/snapshot.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from fake_controller import FakeEditController
from PySide6.QtCore import Qt

from planner.db.database import Database
from planner.services.committees import get_committee
from ui import prompts
from ui.data import queries
from ui.data.snapshot import read_snapshot
from ui.opening import StartUp
from ui.selector import pick

ROOT = Path(__file__).resolve().parents[2]


def test_snapshot_reads_what_the_queries_read(demo_path: Path, demo_db: Database) -> None:
    with demo_db.reading() as session:
        choices = queries.committee_choices(session)
        for committee_id, *_ in choices:
            snapshot = read_snapshot(demo_path, pick, committee_id)
            assert snapshot is not None
            assert snapshot.choices == [tuple(c) for c in choices]
            assert snapshot.committee_id == committee_id
            assert snapshot.topics == [tuple(t) for t in queries.topic_rows(session, committee_id)]
            meetings = [tuple(m) for m in queries.meeting_rows(session, committee_id)]
            assert snapshot.meetings == meetings
            assert [type(v) for m in snapshot.meetings for v in m] == [
                type(v) for m in meetings for v in m
            ]
            committee = get_committee(session, committee_id)
            assert snapshot.heading == (
                committee.name,
                committee.municipal_year,
                committee.chairman,
                committee.vice_chairman,
            )


def test_snapshot_picks_as_the_selector_does(demo_path: Path) -> None:
    snapshot = read_snapshot(demo_path, pick, "no such committee")
    assert snapshot is not None
    assert snapshot.committee_id == pick(snapshot.choices, None)
    assert snapshot.topics


def test_no_snapshot_of_other_files(tmp_path: Path, demo_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = other.read_bytes()
    older = tmp_path / "older.db"
    older.write_bytes(demo_path.read_bytes())
    connection = sqlite3.connect(older)
    connection.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    connection.commit()
    connection.close()
    for path in (text, other, older, tmp_path / "missing.db"):
        assert read_snapshot(path, pick, None) is None
    assert other.read_bytes() == before  # read-only: a foreign file stays as it was
    assert not (tmp_path / "missing.db").exists()


def test_window_shows_the_snapshot_read_only_then_the_database(
    qtbot, demo_path: Path, ui_settings
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(None, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(window)
    view = window.view("programme")
    snapshot = read_snapshot(demo_path, pick, None)
    assert snapshot is not None
    window.show_snapshot(snapshot)
    assert window.committee_id == snapshot.committee_id
    assert view.proxy.rowCount() > len(snapshot.topics)  # the topics under their sections
    assert "Forward Work Programme" in view.heading.text()
    view.table.selectRow(1)
    window.actions.update()
    assert not window.actions.new.isEnabled()
    assert not window.actions.edit.isEnabled()
    assert not window.actions.delete.isEnabled()
    assert not view.model.flags(view.model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    view.edit_current()  # no controller yet: nothing happens
    start = StartUp(window, str(demo_path))
    with qtbot.waitSignal(start.opened, timeout=20000):
        start.start()
    assert window.db is not None
    assert window.controller is not None
    assert window.committee_id == snapshot.committee_id
    assert view.proxy.rowCount() == len(snapshot.topics) + len(view.model.section_rows())
    window.actions.update()
    assert window.actions.new.isEnabled()
    window.db.close()


def test_start_up_failure_is_reported_and_the_window_stays(
    qtbot, tmp_path: Path, ui_settings, monkeypatch
) -> None:
    from ui.main_window import MainWindow

    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: errors.append((title, text)))
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    window = MainWindow(None, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(window)
    window.show()
    start = StartUp(window, str(bad))
    with qtbot.waitSignal(start.failed, timeout=20000):
        qtbot.waitUntil(lambda: start._started)  # opens after the first paint
    assert errors and errors[0][0] == "Cannot open the programme"
    assert "not a planner database" in errors[0][1]
    assert window.db is None and window.isVisible()
    assert window.statusBar().currentMessage() == "No planner database is open"


def test_screenshot_of_a_bad_file_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(bad), "--screenshot", str(tmp_path / "x.png")],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "FWP_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "not a planner database" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_window_without_a_database_builds_only_the_view_it_shows(qtbot, ui_settings) -> None:
    from ui.main_window import VIEW_SPECS, MainWindow, PendingView, view_class

    for index, (name, title, *_) in enumerate(VIEW_SPECS):
        assert (view_class(index).name, view_class(index).title) == (name, title)
    window = MainWindow(None, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(window)
    built = [v.name for v in window.views if not isinstance(v, PendingView)]
    assert built == ["programme"]
    assert [a.text() for a in window.actions.views][2] == "&3 Task and finish groups"
    assert window.view("tracker").name == "tracker"  # built when asked for
    window.complete_views()  # one view per turn of the event loop, not all at once
    assert sum(isinstance(v, PendingView) for v in window.views) == 5
    qtbot.waitUntil(lambda: not any(isinstance(v, PendingView) for v in window.views))
    assert [v.name for v in window.views] == [name for name, *_ in VIEW_SPECS]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        title for _, title, *_ in VIEW_SPECS
    ]
