"""Start-up figures, each a whole child process timed from its spawn to its first paint.

The parent takes ``time.time()`` just before spawning and passes it in FWP_BENCH_T0; the
child reports the time of the first paint of the table (an event filter on the table's
viewport sees the Paint event; a zero timer after it fires once that paint is done),
its peak RSS (VmHWM, see ``bench.peak_rss_mb``) and which of SQLAlchemy, the ORM
models, Alembic, openpyxl and the exporters were imported by each paint, then leaves
with ``os._exit``.

- floor: a bare PySide6 process showing a QMainWindow with a QTableView.
- planner: ``ui.app.main(["--db", PATH])``, the real start-up path, unchanged except
  that ``ui.opening.open_with_demo``, ``MainWindow.show`` and
  ``MainWindow.set_database`` are wrapped to note the time. The window paints
  before the database opens: both paints are noted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

_REPORT = """
def _after_paint(widget, marks, key, then=None):
    # The time of widget's first Paint event from now on, and (key + "_done") of a zero
    # timer after it: that paint has finished.
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if obj is widget and event.type() == QEvent.Type.Paint and key not in marks:
                marks[key] = time.time() - T0
                marks[key + "_modules"] = sorted(m for m in WATCHED if m in sys.modules)

                def done():
                    marks[key + "_done"] = time.time() - T0
                    if then is not None:
                        then()

                QTimer.singleShot(0, done)
            return False

    filters = widget.__dict__.setdefault("_bench_filters", [])
    filters.append(Painted())
    widget.installEventFilter(filters[-1])


WATCHED = ("sqlalchemy", "planner.db.models", "alembic", "openpyxl",
           "planner.export.programme_xlsx")


def _report(marks, extra):
    with open("/proc/self/status") as status:  # VmHWM: see bench.peak_rss_mb
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    marks["maxrss_mb"] = int(hwm.split()[1]) / 1024
    marks.update(extra())
    print("BENCH " + json.dumps(marks))
    sys.stdout.flush()
    os._exit(0)
"""

FLOOR = (
    "import os, sys, time, json\n"
    "T0 = float(os.environ['FWP_BENCH_T0'])\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow, QTableView\n"
    + _REPORT
    + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView()
window.setCentralWidget(table)
screen = window.screen().availableGeometry()
window.resize(min(int(screen.width() * 0.92), 1600), min(int(screen.height() * 0.9), 1000))
marks = {}
_after_paint(table.viewport(), marks, "paint", lambda: _report(marks, dict))
window.show()
app.exec()
"""
)

# The window paints first ("shell"), without a database. The worker reads a snapshot
# (show_snapshot), then opens the database (open_start .. open_done, SQLAlchemy's
# import included) and set_database reloads the views ("ready": editing possible).
# "programme" is the first paint with the programme's rows in, from either.
# "frame_done" is when the first frame (the shell) has been painted, not counting the
# work the window starts right after it (see show below); "shell_done" counts what
# runs before the zero timer queued at the table's first paint.
PLANNER = (
    "import os, sys, time, json\n"
    "T0 = float(os.environ['FWP_BENCH_T0'])\n"
    "import ui.app\n"
    + _REPORT
    + """
marks = {}
import ui.opening
real_open = ui.opening.open_with_demo

def timed_open(target):
    marks["open_start"] = time.time() - T0
    db = real_open(target)
    marks["open_done"] = time.time() - T0
    return db

ui.opening.open_with_demo = timed_open
import ui.main_window
MainWindow = ui.main_window.MainWindow
real_show, real_set = MainWindow.show, MainWindow.set_database
real_snapshot = MainWindow.show_snapshot

def show(window):
    marks["window_built"] = time.time() - T0
    _after_paint(window.current_view().table.viewport(), marks, "shell")
    # "frame_done": the window's first paint pass over, before any work the planner
    # queued for after it (this filter, installed last, runs first and queues first).
    _after_paint(window, marks, "frame")
    real_show(window)

def loaded(window, key):
    viewport = window.current_view().table.viewport()
    if "programme" not in marks and window.current_view().proxy.rowCount():
        _after_paint(viewport, marks, "programme")
    viewport.update()  # an empty file changes nothing on screen

def show_snapshot(window, snapshot):
    marks["snapshot"] = time.time() - T0
    real_snapshot(window, snapshot)
    loaded(window, "snapshot")

def set_database(window, db):
    marks["set_database"] = time.time() - T0
    real_set(window, db)
    marks["view_loaded"] = time.time() - T0
    view = window.current_view()
    extra = lambda: {"view": view.name, "rows": view.proxy.rowCount()}
    _after_paint(view.table.viewport(), marks, "ready", lambda: _report(marks, extra))
    loaded(window, "ready")

MainWindow.show, MainWindow.set_database = show, set_database
MainWindow.show_snapshot = show_snapshot
sys.exit(ui.app.main(["--db", os.environ["FWP_BENCH_DB"]]))
"""
)


def child_environment() -> dict[str, str]:
    """Offscreen, and with compiled bytecode kept (outside the source tree) as an
    installed planner has it: a process that compiles every module on each start
    would measure the compiler (PYTHONDONTWRITEBYTECODE may be set in the shell)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = "/tmp/fwp-bench/pycache"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_child(code: str, db: Path | None = None, timeout: float = 120) -> dict[str, Any]:
    """Spawn ``python -c code`` offscreen with private settings; return its report."""
    with tempfile.TemporaryDirectory(prefix="fwp-bench-") as home:
        env = {
            **child_environment(),
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "FWP_DATA_DIR": str(Path(home) / "data"),
        }
        if db is not None:
            env["FWP_BENCH_DB"] = str(db)
        env["FWP_BENCH_T0"] = repr(time.time())
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            return dict(json.loads(line[6:]))
    raise RuntimeError(f"start-up child failed ({done.returncode}): {done.stderr[-2000:]}")


def measure(empty_db: Path, data_db: Path, big_db: Path | None, runs: int) -> dict[str, Any]:
    """Interleaved runs (one warm-up of each, discarded): floor, empty planner file,
    the 10,000-topic file, and (full bench) the 100,000-topic file."""
    kinds: list[tuple[str, str, Path | None]] = [
        ("floor", FLOOR, None),
        ("window", PLANNER, empty_db),
        ("data", PLANNER, data_db),
    ]
    if big_db is not None:
        kinds.append(("big", PLANNER, big_db))
    results: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in kinds}
    for run in range(runs + 1):
        for name, code, db in kinds:
            report = run_child(code, db)
            if run:
                results[name].append(report)
    return results
