"""filter_keystroke and sort_column: the real ProgrammeView (ProgrammeModel + KeyProxy +
QTableView, offscreen) holding every topic of a generated database.

Run as a child process by ``bench.run`` (``python -m bench.lists programme|flat DB RUNS``);
prints one JSON object. "flat" is the search dialog's list (SearchModel + KeyProxy, no
section rows), for comparison. Each run loads the list afresh: the first sort by each
column pays for its keys and ranks, as it would for a user (the filter texts are
worked out with the rows, so the load pays for those). A sort is what a click on the
header does (``setSortIndicator``). Every timing includes the repaint: the events the
change posts are processed.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any

from bench import peak_rss_mb

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ("safeguarding", "transport", "budget", "inspection", "carers", "recruitment")


def all_rows(path: str) -> tuple[list[Any], list[Any]]:
    """ui.data.queries.topic_rows / meeting_rows for every committee at once."""
    from sqlalchemy import String, func, select, type_coerce

    from planner.db.database import open_database
    from planner.db.models import Meeting, Topic
    from planner.enums import TopicStatus

    db = open_database(path)
    live = Topic.status != TopicStatus.DROPPED
    with db.reading() as session:
        topics = list(
            session.execute(
                select(
                    Topic.id, Topic.meeting_id, Topic.timing, Topic.title, Topic.description,
                    Topic.outcome, Topic.method, Topic.officers, type_coerce(Topic.status, String),
                    Topic.deferral_count, Topic.exempt, Topic.exempt_paragraph, Topic.position,
                ).where(live).order_by(Topic.position, Topic.title)
            ).all()
        )  # fmt: skip
        counts = (
            select(Topic.meeting_id, func.count().label("n"))
            .where(live)
            .group_by(Topic.meeting_id)
            .subquery()
        )
        meetings = list(
            session.execute(
                select(
                    Meeting.id, Meeting.date, Meeting.start_time, Meeting.place, Meeting.status,
                    Meeting.notes, Meeting.capacity, func.coalesce(counts.c.n, 0),
                )
                .outerjoin(counts, counts.c.meeting_id == Meeting.id)
                .order_by(Meeting.date, Meeting.start_time)
            ).all()
        )  # fmt: skip
    db.close()
    return topics, meetings


class _Programme:
    """The Programme view: topics under their meeting sections (filter box, spans)."""

    def __init__(self, path: str) -> None:
        from PySide6.QtGui import QUndoStack

        from ui.views.programme import ProgrammeView

        self.rows = all_rows(path)
        self.widget = ProgrammeView(controller=None, undo_stack=QUndoStack())
        self.table, self.proxy = self.widget.table, self.widget.proxy

    def load(self) -> None:
        self.widget.model.load(*self.rows, {})


class _Flat:
    """The search dialog's list: every topic of every committee, no sections."""

    def __init__(self, path: str) -> None:
        from planner.db.database import open_database
        from planner.services.topics import list_topics
        from ui.search import SearchDialog

        db = open_database(path)
        with db.reading() as session:
            self.topics = list_topics(session)
        self.widget = SearchDialog(db)
        self.table, self.proxy = self.widget.table, self.widget.proxy

    def load(self) -> None:
        self.widget.model.load(self.topics)


def main(kind: str, path: str, runs: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    def settle() -> None:
        app.processEvents()
        app.sendPostedEvents()
        app.processEvents()

    subject = _Programme(path) if kind == "programme" else _Flat(path)
    view = subject.widget
    view.resize(1400, 900)
    view.show()
    settle()
    header = subject.table.horizontalHeader()
    columns = subject.proxy.columnCount()
    loads: list[float] = []
    typed: list[list[float]] = []
    sorts: list[list[float]] = []
    for run in range(runs):
        subject.proxy.sort(-1)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        subject.proxy.set_filter_text("")
        settle()
        start = time.perf_counter()
        subject.load()
        settle()
        loads.append(time.perf_counter() - start)
        word = WORDS[run % len(WORDS)]
        keystrokes = []
        for end in range(1, len(word) + 1):
            start = time.perf_counter()
            subject.proxy.set_filter_text(word[:end])
            settle()
            keystrokes.append(time.perf_counter() - start)
        typed.append(keystrokes)
        subject.proxy.set_filter_text("")
        settle()
        sorted_times = []
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            for column in range(columns):
                start = time.perf_counter()
                header.setSortIndicator(column, order)  # what a click on the header does
                settle()
                sorted_times.append(time.perf_counter() - start)
        sorts.append(sorted_times)
    return {
        "rows": subject.proxy.sourceModel().rowCount(),
        "load": loads,
        "keystrokes": typed,
        "sorts": sorts,
        "columns": columns,
        "maxrss_mb": peak_rss_mb(),
        "median_keystroke": statistics.median(k for ks in typed for k in ks),
    }


if __name__ == "__main__":
    result = main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip tearing down 100,000 rows of Qt objects: not part of any figure
