"""Long operations run off the GUI thread: the event loop keeps running meanwhile.

The export worker is held (deterministically, by an event) until the GUI thread has
shown that it still handles timers, paints, input and the progress indication. No
test here measures time: speed is measured in bench/ only.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

from ui import export_runner
from ui.export_runner import PROGRAMME


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_window_responds_while_an_export_runs(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()
    real_export = export_runner.run_export

    def held_export(*args: object) -> str:
        started.set()
        if not release.wait(60):  # never hang the suite if the test fails before release
            raise RuntimeError("the test did not release the export")
        return real_export(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(export_runner, "run_export", held_export)
    ticks: list[int] = []
    ticker = QTimer(window, interval=10)
    ticker.timeout.connect(lambda: ticks.append(1))
    view = window.view("programme")
    paints = _Paints()
    view.table.viewport().installEventFilter(paints)
    target = tmp_path / "programme.xlsx"

    with qtbot.waitSignal(window.exporter.finished, timeout=60_000) as finished:
        assert window.exporter.export(PROGRAMME, path=str(target), ask_open=False)
        qtbot.waitUntil(started.is_set)
        ticker.start()
        # The worker is now busy, and the GUI thread:
        # - shows the progress indication (its own timer must fire to show it),
        qtbot.waitUntil(lambda: window.exporter.progress is not None)
        qtbot.waitUntil(lambda: window.exporter.progress.isVisible(), timeout=10_000)
        # - keeps running timers and repainting the window,
        qtbot.waitUntil(lambda: len(ticks) >= 5)
        painted = paints.count
        window.resize(window.width() - 40, window.height() - 30)
        view.table.viewport().update()
        qtbot.waitUntil(lambda: paints.count > painted)
        # - and handles input events: keys typed into the programme's filter filter it.
        qtbot.keyClicks(view.filter, "ofsted")
        assert "of 9 topics" in view.status_text()
        view.filter.clear()
        assert window.exporter.busy(), "the export must still be running"
        assert "Exporting" in window.statusBar().currentMessage()
        release.set()

    ticker.stop()
    assert finished.args == [str(target)]
    assert target.read_bytes()[:2] == b"PK"
    assert window.exporter.progress is None  # the indication is gone when it is done


def test_window_responds_while_the_database_opens(
    qtbot, demo_path: Path, ui_settings, monkeypatch
) -> None:
    """Start-up: the worker opening the database (held here) leaves the GUI thread
    free; the programme's snapshot is shown and its filter works meanwhile."""
    from fake_controller import FakeEditController

    from ui import opening
    from ui.main_window import MainWindow

    started, release = threading.Event(), threading.Event()
    real_open = opening.open_with_demo

    def held_open(target: str | None) -> object:
        started.set()
        if not release.wait(60):
            raise RuntimeError("the test did not release the opening")
        return real_open(target)

    monkeypatch.setattr(opening, "open_with_demo", held_open)
    window = MainWindow(None, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(window)
    start = opening.StartUp(window, str(demo_path))
    view = window.view("programme")
    paints = _Paints()
    view.table.viewport().installEventFilter(paints)
    ticks: list[int] = []
    ticker = QTimer(window, interval=10)
    ticker.timeout.connect(lambda: ticks.append(1))
    with qtbot.waitSignal(start.opened, timeout=60_000):
        window.show()  # the worker starts once the window has painted
        qtbot.waitUntil(started.is_set)
        ticker.start()
        qtbot.waitUntil(lambda: len(ticks) >= 5)
        qtbot.waitUntil(lambda: view.proxy.rowCount() > 0)  # the snapshot
        painted = paints.count
        view.table.viewport().update()
        qtbot.waitUntil(lambda: paints.count > painted)
        qtbot.keyClicks(view.filter, "ofsted")
        assert "of 9 topics" in view.status_text()
        view.filter.clear()
        assert window.db is None and "Opening" in window.statusBar().currentMessage()
        release.set()
    ticker.stop()
    assert window.db is not None
    window.db.close()
