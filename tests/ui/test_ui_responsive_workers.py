"""File → Open and the search dialog run in workers: the window responds meanwhile.

Each worker is held on an event the test controls until the GUI thread has shown that
it still runs timers, repaints and takes key presses; then it is released and the
outcome checked. No test here measures time: speed is measured in bench/ only.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer

from planner.errors import ConnectionLostError
from ui import opening, prompts, search_runner


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class Hold:
    """Wraps a worker's function: the worker waits in it until ``release``."""

    def __init__(self, real: Callable[..., Any], only: Callable[..., bool] | None = None):
        self.real, self.only = real, only
        self.started, self.released = threading.Event(), threading.Event()
        self.answers: list[Any] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.only is None or self.only(*args):
            self.started.set()
            if not self.released.wait(60):  # never hang the suite if the test fails first
                raise RuntimeError("the test did not release the worker")
        answer = self.real(*args, **kwargs)
        self.answers.append(answer)
        return answer

    def release(self) -> None:
        self.released.set()


def responds(qtbot: Any, window: Any, widget: Any) -> None:
    """The GUI thread runs timers, repaints ``widget`` and filters the programme on keys."""
    ticks: list[int] = []
    ticker = QTimer(window, interval=10)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    ticker.stop()
    paints = _Paints()
    widget.installEventFilter(paints)
    widget.update()
    qtbot.waitUntil(lambda: paints.count > 0)
    widget.removeEventFilter(paints)
    view = window.view("programme")
    qtbot.keyClicks(view.filter, "ofsted")
    assert "of 9 topics" in view.status_text()
    view.filter.clear()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    return shown


def test_window_responds_while_file_open_runs(
    qtbot, window, demo_path: Path, tmp_path: Path, monkeypatch, errors
) -> None:
    other = tmp_path / "copy.db"
    shutil.copy(demo_path, other)
    hold = Hold(opening.open_with_demo)
    monkeypatch.setattr(opening, "open_with_demo", hold)
    before = window.db
    with qtbot.waitSignal(window.files.opened, timeout=60_000) as opened:
        assert window.files.open_target(str(other))
        qtbot.waitUntil(hold.started.is_set)
        assert f"Opening {other}" in window.statusBar().currentMessage()
        responds(qtbot, window, window.view("programme").table.viewport())
        # A second open is refused while the first runs, and says so.
        assert not window.files.open_target(str(demo_path))
        assert "Still opening" in window.statusBar().currentMessage()
        assert window.db is before, "the current database stays open meanwhile"
        hold.release()
    assert opened.args == [str(other)]
    assert window.db.label == str(other) and window.settings.recent_files()[0] == str(other)
    assert "Opened" in window.statusBar().currentMessage()
    assert window.view("programme").proxy.rowCount() > 0
    assert not errors and not window.files.busy()


def test_closing_the_window_while_a_file_opens(
    qtbot, window, demo_path: Path, tmp_path: Path, monkeypatch, errors
) -> None:
    other = tmp_path / "copy.db"
    shutil.copy(demo_path, other)
    closed: list[object] = []

    def open_noting_close(target: str | None) -> Any:
        db = real_open(target)
        real_close = db.close
        db.close = lambda: closed.append(db) or real_close()
        return db

    real_open = opening.open_with_demo
    hold = Hold(open_noting_close)
    monkeypatch.setattr(opening, "open_with_demo", hold)
    before = window.db
    with qtbot.waitSignal(window.files.failed, timeout=60_000) as failed:
        assert window.files.open_target(str(other))
        qtbot.waitUntil(hold.started.is_set)
        window.close()
        hold.release()
    late = hold.answers[0]
    assert failed.args == [f"The window closed before {other} opened."]
    assert closed == [late], "the database that arrived after the close is closed again"
    assert window.db is before and str(other) not in window.settings.recent_files()
    assert not errors


def test_search_runs_in_a_worker_and_a_new_search_supersedes_it(qtbot, window) -> None:
    hold = Hold(search_runner.run_search, only=lambda db, words, *rest: words == "children")
    real = search_runner.run_search
    search_runner.run_search = hold
    try:
        window.search_all()
        dialog = window.search_dialog
        dialog.words.setText("children")
        qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
        qtbot.waitUntil(hold.started.is_set)
        assert dialog.summary.text() == "Searching for 'children'…"
        assert dialog.busy.isVisible() and dialog.cancel.isVisible()
        responds(qtbot, window, dialog.table.viewport())
        # A new search, typed meanwhile, supersedes the one still running.
        dialog.words.clear()
        qtbot.keyClicks(dialog.words, "ofsted")
        qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.searching is None, timeout=30_000)
        ofsted = [r.id for r in dialog.model.rows()]
        assert ofsted and "topic(s) in" in dialog.summary.text()
        hold.release()
        qtbot.waitUntil(lambda: len(hold.answers) == 2, timeout=30_000)
        QThreadPool.globalInstance().waitForDone(30_000)
        qtbot.wait(50)  # the stale answer's signal is delivered, and dropped
        assert len(hold.answers) == 2, "Enter searches once (no default button too)"
        assert [r.id for r in dialog.model.rows()] == ofsted
        assert not dialog.busy.isVisible()
        # The rows are the ones the plain search reads, in its order.
        from planner.services.topics import search_topics

        with window.db.reading() as session:
            expected = [t.id for t in search_topics(session, "ofsted")]
        assert ofsted == expected
    finally:
        search_runner.run_search = real


def test_a_search_can_be_cancelled(qtbot, window) -> None:
    hold = Hold(search_runner.run_search)
    real = search_runner.run_search
    search_runner.run_search = hold
    try:
        window.search_all()
        dialog = window.search_dialog
        dialog.words.setText("children")
        dialog.search()
        qtbot.waitUntil(hold.started.is_set)
        qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)
        assert dialog.summary.text() == "Stopped searching for 'children'."
        assert not dialog.cancel.isVisible() and not dialog.busy.isVisible()
        hold.release()
        qtbot.waitUntil(lambda: bool(hold.answers), timeout=30_000)
        QThreadPool.globalInstance().waitForDone(30_000)
        qtbot.wait(50)
        assert dialog.model.rowCount() == 0, "the cancelled search's rows are dropped"
        assert dialog.summary.text() == "Stopped searching for 'children'."
    finally:
        search_runner.run_search = real


def test_a_lost_connection_during_a_search_is_said_in_one_sentence(qtbot, window) -> None:
    message = "The connection to the database server was lost; try again in a moment."

    def lost(*args: object) -> None:
        raise ConnectionLostError(message)

    real = search_runner.run_search
    search_runner.run_search = lost
    try:
        window.search_all()
        dialog = window.search_dialog
        dialog.words.setText("children")
        dialog.search()
        qtbot.waitUntil(lambda: dialog.searching is None, timeout=30_000)
        assert dialog.summary.text() == message
    finally:
        search_runner.run_search = real


def test_window_responds_while_the_history_is_read_and_exported(
    qtbot, window, tmp_path: Path, monkeypatch, errors
) -> None:
    from planner.export import history_file
    from ui import history_dialog
    from ui.history_dialog import HistoryDialog

    reading = Hold(history_dialog.history_rows)
    monkeypatch.setattr(history_dialog, "history_rows", reading)
    window.actions.history.trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None
    qtbot.waitUntil(reading.started.is_set)
    assert dialog.note.text() == "Reading the history…" and dialog.busy.isVisible()
    assert not dialog.export_button.isEnabled()
    responds(qtbot, window, dialog.table.viewport())
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        reading.release()
    assert dialog.model.rowCount() == len(reading.answers[0]) > 0
    assert not dialog.busy.isVisible() and dialog.export_button.isEnabled()

    writing = Hold(history_file.export_history)
    monkeypatch.setattr(history_file, "export_history", writing)
    out = tmp_path / "history.xlsx"
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as exported:
        assert dialog.export()
        qtbot.waitUntil(writing.started.is_set)
        assert dialog.note.text() == f"Saving the history to {out}…"
        assert not dialog.export() and not out.exists(), "one export at a time"
        responds(qtbot, window, dialog.table.viewport())
        writing.release()
    assert exported.args == [out] and out.read_bytes()[:2] == b"PK"
    assert dialog.note.text() == f"Saved the history to {out}." and not errors
    dialog.close()


def test_a_long_search_result_is_ranked_and_indexed_in_the_worker(
    qtbot, window, monkeypatch
) -> None:
    """From the proxy's thresholds (lowered here), the worker ranks every column and
    builds the filter index; the GUI thread only swaps them in, and they answer as the
    proxy's own would."""
    import threading

    from ui.models import long_filter
    from ui.models import proxy as proxy_module

    monkeypatch.setattr(proxy_module, "PREPARE_SORTS", 1)
    monkeypatch.setattr(proxy_module, "INDEXED_ROWS", 1)
    built_in: dict[int, str] = {}  # id of the texts -> the thread that indexed them
    real_init = long_filter.LongFilter.__init__

    def noting(self, texts, *args):  # type: ignore[no-untyped-def]
        built_in[id(texts)] = threading.current_thread().name
        real_init(self, texts, *args)

    monkeypatch.setattr(long_filter.LongFilter, "__init__", noting)
    window.search_all()
    dialog = window.search_dialog
    dialog.words.setText("children")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.searching is None and bool(dialog.model.rows()), timeout=30_000)
    proxy = dialog.proxy
    texts = dialog.model.filter_texts()
    assert built_in[id(texts)] != threading.main_thread().name  # (the window's own lists
    # are indexed on the GUI thread at this threshold)
    proxy.set_filter_text("ofsted")
    assert [proxy.source_row(r) for r in range(proxy.rowCount())] == [
        i for i, t in enumerate(texts) if "ofsted" in t
    ]
    proxy.set_filter_text("")
    proxy.sort(3, Qt.SortOrder.AscendingOrder)  # the topic column, by the worker's ranks
    keys = dialog.model.sort_keys(3)
    shown = [keys[proxy.source_row(r)] for r in range(proxy.rowCount())]
    assert shown == sorted(keys)
