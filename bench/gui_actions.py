"""How long the window's actions hold the GUI thread on the 100,000-topic file.

The audit of issue 8 ("nothing over about 100 ms on the GUI thread"). Run by hand, not
in tests and not by ``bench.run``:

    QT_QPA_PLATFORM=offscreen python -m bench.gui_actions [--runs 3] [FILE]

FILE (default: the bench's 100,000-topic file) is copied first, because the bulk edits
write. Each figure is the median (min–max) of ``--runs`` runs of one action, timed from
the call to the event loop being idle again: what a user waits for with the window
frozen, unless the action hands its work to a worker (then only the GUI part counts).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path("/tmp/fwp-bench/planner-100000-0003_shared.db")
COPY = Path("/tmp/threads-bench/gui-actions.db")
FLOOR_MS = 100.0


def settle(app: Any) -> None:
    for _ in range(3):
        app.processEvents()


def timed(
    app: Any, action: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> list[float]:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
            settle(app)
        start = time.perf_counter()
        action()
        settle(app)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float], note: str) -> None:
    median = statistics.median(times)
    flag = "over" if median > FLOOR_MS else "ok"
    print(f"{name:34} {median:8.0f} ms  ({min(times):.0f}–{max(times):.0f})  {flag:4}  {note}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(BENCH))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    COPY.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{COPY}{suffix}").unlink(missing_ok=True)
    shutil.copy(args.file, COPY)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from planner.db.database import open_database
    from ui.editing.controller_dialogs import ControllerDialogs
    from ui.history_dialog import HistoryDialog
    from ui.main_window import MainWindow
    from ui.restore_dialog import RestoreDialog
    from ui.settings import Settings

    runs = args.runs
    print(
        f"# {Path(args.file).name}, {runs} runs each; GUI-thread time, target <= {FLOOR_MS:.0f} ms"
    )
    opens = timed(app, lambda: open_database(COPY).close(), runs)
    report("open_database (current file)", opens, "File → Open, recent, sync's other side")
    db = open_database(COPY)
    ControllerDialogs.confirm = lambda self, title, text: True  # type: ignore[method-assign]
    window = MainWindow(db, settings=Settings(), remember=False)
    window.resize(1200, 800)
    window.show()
    settle(app)
    committee = window.committee_id
    assert committee is not None
    label = window.selector.current_label()

    # -- the search dialog: what used to run on the GUI thread, and what still does
    for word in ("the", "review"):
        search_figures(app, db, word, runs)

    # -- switching committee-year
    years = [window.selector.years.itemText(i) for i in range(window.selector.years.count())]
    other = years[1] if years[0] == window.selector.years.currentText() else years[0]
    here = window.selector.years.currentText()
    switches = []
    for run in range(runs):
        target = other if run % 2 == 0 else here
        switches += timed(app, lambda t=target: window.selector.years.setCurrentText(t), 1)
    report("switch year (programme shown)", switches, f"{label}")
    for name in ("tracker", "meetings", "actions"):
        window.show_view(name)
        settle(app)
        tab = []
        for run in range(runs):
            target = other if run % 2 == 0 else here
            tab += timed(app, lambda t=target: window.selector.years.setCurrentText(t), 1)
        report(f"switch year ({name} shown)", tab, "")
    window.show_view("programme")
    window.selector.years.setCurrentText(here)
    settle(app)
    committee = window.committee_id

    # -- a bulk edit and its undo/redo: delete every topic of the committee-year
    view = window.view("programme")
    ids = [r.id for i, r in enumerate(view.model.rows()) if view.model.kind_at(i) == "topic"]
    deleted = timed(app, lambda: window.controller.delete("topic", ids), 1)
    report(f"delete {len(ids)} topics (bulk)", deleted, "EditController → DeleteTopics.redo")
    undos, redos = [], []
    for _ in range(runs):
        undos += timed(app, window.undo_stack.undo, 1)
        redos += timed(app, window.undo_stack.redo, 1)
    report(f"undo delete of {len(ids)}", undos, "")
    report(f"redo delete of {len(ids)}", redos, "")
    window.undo_stack.undo()
    settle(app)

    # -- a large history: every topic of the committee-year edited 10 times
    from sqlalchemy import select

    from planner.db.models import Topic

    for round_ in range(10):
        with db.transaction() as session:
            for topic in session.scalars(select(Topic).where(Topic.committee_id == committee)):
                topic.outcome = f"Edit {round_} of the outcome."
    with db.reading() as session:
        from planner.services import history as h

        count = len(h.committee_history(session, committee, moves=False))

    def history() -> HistoryDialog:
        return HistoryDialog(db, committee_id=committee, committee_label=label)

    dialog = history()
    hist = timed(app, lambda: dialog._changes(), runs)
    report("History… read (worker now)", hist, f"{count:,} changes read")
    answer = dialog._changes()
    shown = timed(app, lambda: dialog._loaded(answer), runs)
    report("History… list filled (GUI)", shown, "the model and its columns")
    made = timed(app, lambda: history().deleteLater(), runs)
    report("History… dialog made (GUI)", made, "before the worker's answer")
    dialog._loaded(answer)
    from planner.export.history_file import export_history

    out = COPY.parent / "history.xlsx"
    rows, title = dialog.rows, dialog.title
    exported = timed(app, lambda: export_history(rows, str(out), title, with_record=True), runs)
    report("History export (worker now)", exported, f"{len(rows):,} rows to .xlsx")

    def restore_dialog() -> None:
        RestoreDialog(db, committee, label, window.controller, window.undo_stack).deleteLater()

    restore = timed(app, restore_dialog, runs)
    report("Restore Deleted…", restore, f"{len(ids)} deleted topics listed")
    from ui.data.queries import committee_choices

    choices = timed(app, lambda: _read(db, committee_choices), runs)
    report("Take Offline… committee list", choices, "read before the dialog")
    window.close()
    db.close()


def search_figures(app: Any, db: Any, word: str, runs: int) -> None:
    """What the search dialog did on the GUI thread before, and what it does now."""
    from planner.services.topics import search_topics
    from ui.models.proxy import KeyProxy
    from ui.models.search import SearchModel, search_rows, search_texts

    found = _read(db, search_topics, word)
    reads = timed(app, lambda: _read(db, search_topics, word), runs)
    report(f"search '{word}': query", reads, f"{len(found):,} topics (worker now)")
    built = timed(app, lambda: search_texts(search_rows(found)), runs)
    report(f"search '{word}': rows + texts", built, "worker now")
    model = SearchModel()
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    old = timed(app, lambda: model.load(found), runs, before=lambda: model.load([]))
    report(f"search '{word}': model.load (old)", old, "rows, texts and reset: GUI thread")
    rows = search_rows(found)
    texts = search_texts(rows)
    from ui.models.prepared import prepare

    columns = len(SearchModel.headers)
    made = timed(app, lambda: prepare(SearchModel.key_functions, columns, rows, texts), runs)
    report(f"search '{word}': ranks + index", made, "worker now (ui/models/prepared.py)")
    prepared = prepare(SearchModel.key_functions, columns, rows, texts)

    def install() -> None:
        proxy.offer(prepared)
        model.set_rows(rows, texts)

    new = timed(app, install, runs, before=lambda: model.load([]))
    report(f"search '{word}': install (now)", new, "set_rows with the worker's texts, ranks, index")
    bare = SearchModel()
    alone = timed(app, lambda: bare.set_rows(rows, texts), runs, before=lambda: bare.load([]))
    report(f"search '{word}': install, no proxy", alone, "the model's own part of it")


def _read(db: Any, query: Callable[..., Any], *args: Any) -> Any:
    with db.reading() as session:
        return query(session, *args)


if __name__ == "__main__":
    main()
