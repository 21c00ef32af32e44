"""What the first paint shows, read with the ``sqlite3`` module before SQLAlchemy loads.

Importing SQLAlchemy and the ORM models takes about 0.3 s, twice as long as a bare Qt
window takes to appear (docs/performance.md). So at start-up the worker first reads the
committees and the programme the window opens on straight from a current planner
file (about 10 ms), and the window shows them, read-only, while SQLAlchemy loads and
opens the file properly; then every view reloads through ``ui.data.queries``.

The statements are the ones ``ui.data.queries`` builds, as SQLAlchemy compiles them
for SQLite, and the values are converted as SQLAlchemy converts them:
``tests/ui/test_ui_snapshot.py`` checks both give the same rows. Anything unexpected
(an older or newer schema, a file that is not the planner's, a URL) gives no snapshot,
and the window simply waits for the database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from planner.db.revision import HEAD_REVISION
from planner.enums import MeetingStatus, Office

SQLITE_MAGIC = b"SQLite format 3\x00"

COMMITTEES = (
    "SELECT committee.id, council.name, committee.name, committee.municipal_year "
    "FROM committee JOIN council ON committee.council_id = council.id "
    "ORDER BY council.name, committee.name, committee.municipal_year"
)
TOPICS = (
    "SELECT topic.id, topic.meeting_id, topic.timing, topic.title, topic.description, "
    "topic.outcome, topic.method, topic.officers, topic.status, topic.deferral_count, "
    "topic.exempt, topic.exempt_paragraph, topic.position FROM topic "
    "WHERE topic.committee_id = ? AND topic.status != 'dropped' "
    "ORDER BY topic.position, topic.title"
)
MEETINGS = (
    "SELECT meeting.id, meeting.date, meeting.start_time, meeting.place, meeting.status, "
    "meeting.notes, meeting.capacity, coalesce(counts.n, 0) "
    "FROM meeting LEFT OUTER JOIN (SELECT topic.meeting_id AS meeting_id, count(*) AS n "
    "FROM topic WHERE topic.committee_id = ? AND topic.status != 'dropped' "
    "GROUP BY topic.meeting_id) AS counts ON counts.meeting_id = meeting.id "
    "WHERE meeting.committee_id = ? ORDER BY meeting.date, meeting.start_time"
)
COMMITTEE = "SELECT name, municipal_year FROM committee WHERE id = ?"
HOLDER = (
    "SELECT name FROM committee_member WHERE committee_id = ? AND office = ? "
    "ORDER BY position LIMIT 1"
)


class Heading(NamedTuple):
    name: str
    municipal_year: str
    chairman: str | None
    vice_chairman: str | None


class Snapshot(NamedTuple):
    choices: list[tuple[Any, ...]]  # as ui.data.queries.committee_choices
    committee_id: str | None  # the committee-year the window opens on
    topics: list[tuple[Any, ...]]  # as ui.data.queries.topic_rows
    meetings: list[tuple[Any, ...]]  # as ui.data.queries.meeting_rows
    heading: Heading | None


def _time(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)


def _topic(row: Sequence[Any]) -> tuple[Any, ...]:
    *head, exempt, paragraph, position = row
    return (*head, None if exempt is None else bool(exempt), paragraph, position)


def _meeting(row: Sequence[Any]) -> tuple[Any, ...]:
    mid, day, start, place, status, notes, capacity, count = row
    return (
        mid, dt.date.fromisoformat(day), _time(start), place, MeetingStatus(status), notes,
        capacity, count,
    )  # fmt: skip


def read_snapshot(
    path: Path, pick: Callable[[Sequence[Sequence[Any]], str | None], str | None],
    wanted: str | None,
) -> Snapshot | None:
    """The committees, and the programme of ``pick(choices, wanted)``, from the planner
    file at ``path``; None when the file is not a current planner file."""
    try:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                return None
    except OSError:
        return None
    try:
        # Read-only, so that a file which is not the planner's is left as it was.
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if revision != [(HEAD_REVISION,)]:
            return None
        choices = [tuple(row) for row in connection.execute(COMMITTEES)]
        committee_id = pick(choices, wanted)
        if committee_id is None:
            return Snapshot(choices, None, [], [], None)
        topics = [_topic(row) for row in connection.execute(TOPICS, (committee_id,))]
        meetings = [
            _meeting(row) for row in connection.execute(MEETINGS, (committee_id, committee_id))
        ]
        name, year = connection.execute(COMMITTEE, (committee_id,)).fetchone()
        chairs = [
            connection.execute(HOLDER, (committee_id, office.value)).fetchone()
            for office in (Office.CHAIRMAN, Office.VICE_CHAIRMAN)
        ]
        heading = Heading(name, year, *(c[0] if c else None for c in chairs))
        return Snapshot(choices, committee_id, topics, meetings, heading)
    except (sqlite3.Error, ValueError, TypeError):
        return None  # not the schema this build knows: wait for the real open
    finally:
        connection.close()
