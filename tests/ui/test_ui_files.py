"""Recent files and opening an export in the spreadsheet program."""

from __future__ import annotations

import shutil

from open_waiting import open_and_wait, wait_for_open

from ui import prompts


def test_a_recent_file_that_was_moved_is_not_recreated_empty(
    qtbot, window, demo_path, tmp_path, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: errors.append(text))
    other = tmp_path / "R&D" / "copy.db"
    other.parent.mkdir()
    shutil.copy(demo_path, other)
    assert open_and_wait(qtbot, window, str(other))
    assert open_and_wait(qtbot, window, str(demo_path))
    db_before = window.db
    other.rename(tmp_path / "moved.db")
    entry = next(a for a in window.actions.recent.actions() if "copy.db" in a.text())
    assert "R&&D" in entry.text(), "an ampersand in a folder name is shown, not a mnemonic"
    entry.trigger()
    assert errors and "no longer there" in errors[0] and str(other) in errors[0]
    assert not other.exists(), "nothing was created in its place"
    assert window.db is db_before
    assert str(other) not in window.settings.recent_files()
    assert not any("copy.db" in a.text() for a in window.actions.recent.actions())


def test_recent_file_reopens(qtbot, window, demo_path, tmp_path) -> None:
    other = tmp_path / "copy.db"
    shutil.copy(demo_path, other)
    assert open_and_wait(qtbot, window, str(other))
    assert open_and_wait(qtbot, window, str(demo_path))
    entry = next(a for a in window.actions.recent.actions() if "copy.db" in a.text())
    assert wait_for_open(qtbot, window, entry.trigger)
    assert window.db.label == str(other)


def test_no_spreadsheet_program_is_reported(qtbot, window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(prompts, "ask", lambda *a: True)
    monkeypatch.setattr(prompts, "open_externally", lambda path: False)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: errors.append(text))
    path = tmp_path / "programme.xlsx"
    with qtbot.waitSignal(window.exporter.finished, timeout=30000):
        window.exporter.export("programme", path=str(path))
    assert path.stat().st_size > 0
    assert len(errors) == 1 and str(path) in errors[0] and "saved" in errors[0]
