"""Start-up: lazy imports, the --screenshot command, and the real EditController seam."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_up_path_imports_no_exporter_migrations_or_sqlalchemy() -> None:
    # The window paints before SQLAlchemy loads (ui/opening.py); numpy is for long lists.
    result = _run(
        "import sys, ui.app, ui.main_window, ui.opening\n"
        "heavy = ('openpyxl', 'alembic', 'planner.export', 'sqlalchemy', 'planner.db.models',\n"
        "         'numpy')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(heavy)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"




@pytest.mark.parametrize("view", ["programme", "tracker"])
def test_screenshot_command(demo_path: Path, tmp_path: Path, view: str) -> None:
    out = tmp_path / f"{view}.png"
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--db",
            str(demo_path),
            "--screenshot",
            str(out),
            "--view",
            view,
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "FWP_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_window_works_with_the_real_edit_controller(qtbot, demo_db, ui_settings) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(demo_db, settings=ui_settings)
    qtbot.addWidget(window)
    assert type(window.controller).__name__ == "EditController"
    view = window.view("actions")
    window.show_view("actions")
    # An in-place edit through the real controller lands on the undo stack and refreshes.
    done = view.proxy.index(0, 4)
    assert view.proxy.setData(done, 2, 10)  # Qt.CheckStateRole
    qtbot.waitUntil(lambda: view.model.rows()[0].cells[4] == "Done")
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: view.model.rows()[0].cells[4] == "Open")
