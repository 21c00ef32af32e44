"""Checks the controller makes before it pushes a command: dry runs and comparisons."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planner.db.database import Database
from planner.errors import ConnectionLostError, PlannerError
from planner.services import meetings, topics
from planner.services.views import MeetingView, TopicView
from ui.editing.commands import error_message
from ui.editing.registry import kind_of

F = TypeVar("F", bound=Callable[..., Any])


def reporting(default: Any = None) -> Callable[[F], F]:
    """A public controller method turns a PlannerError into its ``error`` signal."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except ConnectionLostError as exc:  # every method here is a change being made
                self.error.emit(exc.unsaved)
                return default
            except (PlannerError, SQLAlchemyError) as exc:
                self.error.emit(error_message(exc))
                return default

        return cast(F, run)

    return wrap


class _Rollback(Exception):
    """Ends a dry run: the transaction rolls back."""


def dry_run(db: Database, fn: Callable[[Session], Any]) -> None:
    """Run services in a transaction that is rolled back: raises what they would raise."""
    try:
        with db.transaction() as session:
            fn(session)
            raise _Rollback
    except _Rollback:
        pass
    except SQLAlchemyError as exc:
        raise PlannerError(error_message(exc)) from exc


def validator(
    db: Database, kind: str, view: Any | None, committee_id: str
) -> Callable[[dict[str, Any]], None]:
    """A dry run of what a form's OK will do, so errors show while the form is open."""
    k = kind_of(kind)

    def check(values: dict[str, Any]) -> None:
        if view is None:
            create = k.create
            assert create is not None
            dry_run(db, lambda s: create(s, committee_id, **values))
            return
        changes = changed_values(view, values)
        if kind == "topic":
            dry_run(db, lambda s: edit_topic(s, view, changes))
        elif changes:
            dry_run(db, lambda s: k.update(s, view.id, **changes))

    return check


def changed_values(view: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The form's values that differ from the record's."""
    missing = object()
    return {k: v for k, v in values.items() if getattr(view, k, missing) != v}


class _NotShown:
    """``set_field`` called without the value the cell showed."""


NOT_SHOWN: Any = _NotShown()


def shows(stored: Any, seen: Any) -> bool:
    """Whether a cell showing ``seen`` was showing ``stored`` (cells tidy long text)."""
    if isinstance(seen, bool) or not isinstance(seen, str):
        return bool(stored == seen)
    return " ".join(str(stored or "").split()) == " ".join(seen.split())


def placement(topic: TopicView) -> dict[str, Any]:
    """Where the user saw a topic: what a move of it is checked against."""
    return {"meeting_id": topic.meeting_id, "timing": topic.timing}


def moves(topic: TopicView, meeting_id: str | None, timing: str | None) -> bool:
    if meeting_id:
        return meeting_id != topic.meeting_id
    return topic.meeting_id is not None or timing != topic.timing


def edit_topic(session: Session, view: TopicView, changes: dict[str, Any]) -> None:
    """What an edited topic's commands will do: move it, then set the other fields."""
    if {"meeting_id", "timing"} & changes.keys():
        meeting_id = changes.get("meeting_id", view.meeting_id)
        timing = None if meeting_id else changes.get("timing", view.timing)
        topics.move_topic(session, view.id, meeting_id=meeting_id, timing=timing)
    rest = {f: v for f, v in changes.items() if f not in ("meeting_id", "timing")}
    if rest:
        topics.update_topic(session, view.id, **rest)


def topics_and_others(
    session: Session, meeting: MeetingView, deleting: set[str]
) -> tuple[list[str], list[MeetingView]]:
    its = [t.title for t in topics.list_topics(session, [meeting.committee_id])
           if t.meeting_id == meeting.id]  # fmt: skip
    others = [m for m in meetings.list_meetings(session, [meeting.committee_id])
              if m.id not in deleting]  # fmt: skip
    return its, others
