"""The search dialog's query off the GUI thread.

A word that matches most topics of a 100,000-topic archive takes about 2 s to read and
as long again to turn into rows, so both run in a ``QThreadPool`` worker; the dialog
installs the finished rows. Each search has a number: a result whose number is not the
dialog's latest (a newer search, Cancel, another database) is dropped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from planner.db.scrub import scrub

if TYPE_CHECKING:
    from planner.db.database import Database
    from ui.models.cells import Row
    from ui.models.prepared import Prepared


@dataclass(frozen=True)
class Found:
    number: int  # which search this answers
    words: str
    rows: list[Row]
    texts: list[str]  # the rows' filter texts
    prepared: Prepared  # the list's ranks and filter index, for its KeyProxy
    committees: int  # committee-years the topics are in


def run_search(db: Database, words: str, number: int, stop: threading.Event) -> Found | None:
    """Read the topics and build the list's rows (None: stopped meanwhile). Runs in the
    worker thread. A query that has begun runs to its end; the rows are not built for
    a search that was superseded or cancelled meanwhile."""
    from planner.services.topics import search_topics
    from ui.models.prepared import prepare
    from ui.models.search import SearchModel, search_rows, search_texts

    with db.reading() as session:
        topics = search_topics(session, words)
    if stop.is_set():
        return None
    rows = search_rows(topics)
    committees = len({(t.committee_name, t.municipal_year) for t in topics})
    texts = search_texts(rows)
    if stop.is_set():
        return None
    keys = SearchModel.key_functions
    prepared = prepare(keys, len(SearchModel.headers), rows, texts)
    return Found(number, words, rows, texts, prepared, committees)


class _Signals(QObject):
    done = Signal(object)  # Found
    failed = Signal(int, str)  # the search's number, one sentence


class SearchJob(QRunnable):
    def __init__(self, db: Database, words: str, number: int) -> None:
        super().__init__()
        self.stop = threading.Event()  # set by the dialog when this search is superseded
        self.args = (db, words, number, self.stop)
        self.number = number
        self.signals = _Signals()
        self.setAutoDelete(False)  # the dialog keeps it

    def run(self) -> None:
        from planner.errors import PlannerError

        number = self.number
        try:
            found = run_search(*self.args)
        except PlannerError as exc:  # a lost connection, said in one sentence
            self.signals.failed.emit(number, str(exc))
        except Exception as exc:  # reported to the user, never lost in the thread
            self.signals.failed.emit(number, scrub(f"The search failed: {exc}"))
        else:
            if found is None:  # stopped: the dialog drops this answer
                self.signals.failed.emit(number, "")
            else:
                self.signals.done.emit(found)
