"""EditController: the only way the views change data (docs/ui-architecture.md).

Every change is a command pushed on the undo stack. Every dialog it opens goes
through an overridable method (``open_form``, ``confirm``, ``ask_reason``,
``ask_meeting_policy``, ``ask_conflict``) so tests can answer without a modal dialog.

Edits carry the version and values the user saw; when someone else has saved the same
fields meanwhile, ``ask_conflict`` shows both and the user's choices are saved as a new
edit on the current version (docs/concurrency.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from planner.dates import format_date
from planner.db.database import Database
from planner.errors import ConnectionLostError, PlannerError, StaleEditError
from planner.services import committees, meetings, topic_batch, topics
from planner.services.meetings import TopicsPolicy
from planner.services.views import MeetingView, TopicView
from ui.editing.checks import (
    NOT_SHOWN,
    changed_values,
    dry_run,
    moves,
    placement,
    reporting,
    shows,
    topics_and_others,
)
from ui.editing.commands import (
    Batch,
    CreateRecord,
    DeleteMeeting,
    DeleteRecord,
    EditCommand,
    MoveTopic,
    UpdateRecord,
)
from ui.editing.committee_delete import DeleteCommittee
from ui.editing.controller_dialogs import ControllerDialogs
from ui.editing.new_committee import NewCommittee
from ui.editing.registry import committee_of, describe, kind_of, shorten
from ui.editing.resolving import ConflictResolution
from ui.editing.topic_delete import DeleteTopics

R = TypeVar("R")


class EditController(QObject, ConflictResolution, ControllerDialogs):
    changed = Signal(str)
    error = Signal(str)
    # A meeting with topics was cancelled or moved through its form: (meeting id, old date
    # as text). The Meetings view offers to move the topics, inside the same undo step.
    meeting_rescheduled = Signal(str, str)

    def __init__(self, db: Database, undo_stack: QUndoStack, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.undo_stack = undo_stack
        self.parent_widget = parent_widget
        self._failures = 0
        self.last_failure: Exception | None = None
        # The user's values while a form is shown again after the server stopped answering.
        self.retry_values: dict[str, Any] | None = None
        self._last_choices: tuple[str, list[MeetingView], list[str]] = ("", [], [])
        self.versions: dict[str, int] = {}  # record id -> version this window last wrote
        self._resolving = False  # a refusal is answered with the conflict dialog
        self._refusal: StaleEditError | None = None

    # -- what commands call back ---------------------------------------------------------
    def command_done(self, kinds: Sequence[str]) -> None:
        for kind in kinds:
            self.changed.emit(kind)

    def command_failed(self, message: str) -> None:
        self._failures += 1
        self.error.emit(message)

    def push(self, command: EditCommand) -> bool:
        """Push (which applies it); False when it failed and was dropped."""
        failures = self._failures
        self.undo_stack.push(command)
        return self._failures == failures

    def set_database(self, db: Database) -> None:
        self.db = db
        self.versions.clear()

    def read(self, fn: Callable[[Session], R]) -> R:
        with self.db.reading() as session:
            return fn(session)

    def dry_run(self, fn: Callable[[Session], Any]) -> None:
        """Run services and roll back: raises what they would raise."""
        dry_run(self.db, fn)

    # -- the interface the views use ---------------------------------------------------
    @reporting()
    def add(self, kind: str, committee_id: str, **defaults: Any) -> None:
        if kind_of(kind).create is None:
            raise PlannerError(f"New {kind_of(kind).plural} cannot be added here.")
        values = self.open_form(kind, None, committee_id, defaults)
        self._save_or_retry(
            kind, None, committee_id, values,
            lambda v: self._push_new(lambda: CreateRecord(self, kind, committee_id, v)),
        )  # fmt: skip

    @reporting()
    def edit(self, kind: str, record_id: str) -> None:
        k = kind_of(kind)
        view, committee_id = self.read(
            lambda s: (k.get(s, record_id), committee_of(s, kind, record_id))
        )
        values = self.open_form(kind, view, committee_id)
        if values is None:
            return
        changes = changed_values(view, values)
        if not changes:
            return
        seen = {f: getattr(view, f) for f in k.fields if hasattr(view, f)}
        if not (kind == "meeting" and _reschedules(view, changes)):
            self._save_or_retry(
                kind, view, committee_id, values,
                lambda v: self._push_edit_of(kind, view, changed_values(view, v), seen),
            )  # fmt: skip
            return
        name = format_date(view.date)
        self.undo_stack.beginMacro(f"Edit meeting of {name}")
        try:
            if self.push_edit(kind, self._edit_command(kind, view, changes), changes, seen):
                self.meeting_rescheduled.emit(record_id, name)
        finally:
            self.undo_stack.endMacro()

    @reporting()
    def delete(self, kind: str, record_ids: list[str]) -> None:
        k = kind_of(kind)
        ids = list(dict.fromkeys(record_ids))
        if not ids:
            return
        if kind == "topic":  # one read of them all, not one each
            views: list[Any] = self.read(lambda s: topic_batch.get_topics(s, ids))
        else:
            views = self.read(lambda s: [k.get(s, i) for i in ids])
        if kind == "meeting":
            self._delete_meetings(views)
            return
        if len(views) == 1:
            question = f"Delete the {describe(kind, views[0])}?"
        else:
            names = "\n".join(f"• {describe(kind, v)}" for v in views[:10])
            more = f"\n… and {len(views) - 10} more" if len(views) > 10 else ""
            question = f"Delete these {len(views)} {k.plural}?\n\n{names}{more}"
        if not self.confirm(f"Delete {k.plural if len(views) > 1 else k.noun}", question):
            return
        if kind == "topic" and len(views) > 1:  # read and written in batches
            self.push(DeleteTopics(self, views))
            return
        commands: list[EditCommand] = [
            DeleteRecord(self, kind, v.id, v.version, view=v) for v in views
        ]
        self.push(self._batch(f"Delete {len(ids)} {k.plural}", commands))

    @reporting()
    def move_topic(
        self,
        topic_id: str,
        meeting_id: str | None,
        timing: str | None = None,
        ask_reason: bool = True,
        seen: dict[str, Any] | None = None,
    ) -> None:
        """``seen``: the placement the list showed ({"meeting_id", "timing"}); a topic
        someone else has moved since is then not moved again (the refusal says who)."""
        topic = self.read(lambda s: topics.get_topic(s, topic_id))
        timing = (timing or "").strip() or None
        if not moves(topic, meeting_id, timing):
            return
        reason = None
        if ask_reason:
            reason = self._deferral_reason(topic, meeting_id, timing)
            if reason is None:
                return  # cancelled
        timing = None if meeting_id else timing
        version: int | None = topic.version
        if seen is not None and seen != placement(topic):
            version = None  # checked by what the list showed: the service refuses
        self.push(
            MoveTopic(
                self, topic_id, meeting_id, timing, reason or None,
                version=version, original=seen or placement(topic),
            )
        )  # fmt: skip

    @reporting()
    def new_committee(self, **defaults: Any) -> str | None:
        """A new committee or municipal year (and council); the new committee's id."""
        values = self.open_new_committee_form(defaults)
        if values is None:
            return None
        command = NewCommittee(self, values)
        return command.committee_id if self.push(command) else None

    @reporting(default=False)
    def delete_committee(self, committee_id: str) -> bool:
        """Delete an empty committee-year, after asking; True once it is deleted."""
        view = self.read(lambda s: committees.get_committee(s, committee_id))
        question = (
            f"Delete {view.name} {view.municipal_year}? Only a committee-year without "
            "meetings, topics, task groups or tracker records can be deleted; its members "
            "go with it. Edit → Undo brings it back."
        )
        if not self.confirm("Delete committee", question):
            return False
        return self.push(DeleteCommittee(self, view))

    @reporting(default=False)
    def set_field(
        self, kind: str, record_id: str, field: str, value: Any, seen: Any = NOT_SHOWN
    ) -> bool:
        """An in-place edit. ``seen``: what the cell showed, so that a value someone
        else saved since the list was loaded is not overwritten unasked."""
        k = kind_of(kind)
        view = self.read(lambda s: k.get(s, record_id))
        current = getattr(view, field)
        if isinstance(value, str) and value.strip() == (current or ""):
            return True
        if value == current:
            return True
        if kind == "topic" and field in ("meeting_id", "timing"):
            meeting_id = value if field == "meeting_id" else None
            timing = value if field == "timing" else None
            if not moves(view, meeting_id, timing):
                return True
            return self.push(
                MoveTopic(
                    self, record_id, meeting_id, timing,
                    version=view.version, original=placement(view),
                )
            )  # fmt: skip
        if seen is NOT_SHOWN or shows(current, seen):
            version, original = view.version, {field: current}
        else:  # changed since the list was loaded: the service refuses, the dialog asks
            version, original = None, {field: seen}
        command = UpdateRecord(self, kind, record_id, {field: value},
                               version=version, original=original)  # fmt: skip
        return self.push_edit(kind, command, {field: value}, original)

    # -- helpers -------------------------------------------------------------------------
    def _push_new(self, make: Callable[[], EditCommand]) -> bool:
        """Build the command (which may read the database) and push it."""
        try:
            command = make()
        except ConnectionLostError as exc:
            self.last_failure = exc
            self.command_failed(exc.unsaved)
            return False
        return self.push(command)

    def _push_edit_of(
        self, kind: str, view: Any, changes: dict[str, Any], seen: dict[str, Any]
    ) -> bool:
        """An edit through the conflict check; building it may read (and meet an outage)."""
        if not changes:
            return True
        try:
            command = self._edit_command(kind, view, changes)
        except ConnectionLostError as exc:
            self.last_failure = exc
            self.command_failed(exc.unsaved)
            return False
        return self.push_edit(kind, command, changes, seen)

    def _save_or_retry(
        self,
        kind: str,
        view: Any | None,
        committee_id: str,
        values: dict[str, Any] | None,
        save: Callable[[dict[str, Any]], bool],
    ) -> None:
        """Save a form's values. When the server was not answering, nothing was saved and
        nothing went on the undo stack: the form comes back holding what the user typed,
        so OK tries again (once the server is back) and Cancel gives up."""
        while values is not None and not save(values):
            if not isinstance(self.last_failure, ConnectionLostError):
                return
            self.retry_values = values
            try:
                values = self.open_form(kind, view, committee_id, None)
            finally:
                self.retry_values = None

    def _batch(self, text: str, commands: list[EditCommand]) -> EditCommand:
        return commands[0] if len(commands) == 1 else Batch(self, text, commands)

    def _edit_command(self, kind: str, view: Any, changes: dict[str, Any]) -> EditCommand:
        """The edit of ``view`` (what the form showed): made on its version and values."""
        seen = {f: getattr(view, f) for f in kind_of(kind).fields if hasattr(view, f)}
        if kind != "topic" or not ({"meeting_id", "timing"} & changes.keys()):
            return UpdateRecord(self, kind, view.id, changes, version=view.version, original=seen)
        meeting_id = changes.get("meeting_id", view.meeting_id)
        timing = None if meeting_id else changes.get("timing", view.timing)
        reason = self._deferral_reason(view, meeting_id, timing)  # cancel: no reason
        rest = {f: v for f, v in changes.items() if f not in ("meeting_id", "timing")}
        commands: list[EditCommand] = [
            MoveTopic(
                self, view.id, meeting_id, timing, reason or None,
                version=view.version, original=placement(view),
            )
        ]  # fmt: skip
        if rest:  # after the move: checked by the values the user saw
            commands.append(
                UpdateRecord(self, "topic", view.id, rest, version=view.version, original=seen)
            )
        return self._batch(f"Edit {describe('topic', view)}", commands)

    def _deferral_reason(
        self, topic: TopicView, meeting_id: str | None, timing: str | None
    ) -> str | None:
        """Why, when the move is a deferral ("" when it is not); None if cancelled."""
        target = self.read(lambda s: meetings.get_meeting(s, meeting_id)) if meeting_id else None
        old = topic.meeting_date
        if old is None or (target is not None and target.date <= old):
            return ""
        where = format_date(target.date) if target else (timing or "In development")
        return self.ask_reason(
            "Defer topic",
            f"Why is '{shorten(topic.title, 60)}' deferred from {format_date(old)} to {where}?",
        )

    def _delete_meetings(self, views: list[MeetingView]) -> None:
        for v in views:  # a meeting that made recommendations cannot go: say so first
            self.dry_run(
                partial(meetings.delete_meeting, meeting_id=v.id, topics=TopicsPolicy.UNSCHEDULE)
            )
        ids = {v.id for v in views}
        plain = [v for v in views if v.topic_count == 0]
        if plain:
            dates = ", ".join(format_date(v.date) for v in plain)
            noun = "meeting" if len(plain) == 1 else "meetings"
            if not self.confirm(f"Delete {noun}", f"Delete the {noun} of {dates}?"):
                return
        commands: list[EditCommand] = []
        for v in views:
            if v.topic_count == 0:
                commands.append(DeleteMeeting(self, v.id, None, version=v.version))
                continue
            titles, others = self.read(partial(topics_and_others, meeting=v, deleting=ids))
            answer = self.ask_meeting_policy(v, titles, others)
            if answer is None:
                return
            commands.append(DeleteMeeting(self, v.id, *answer, version=v.version))
        self.push(self._batch(f"Delete {len(commands)} meetings", commands))


def _reschedules(view: Any, changes: dict[str, Any]) -> bool:
    """A meeting that still has topics is being cancelled or moved to another date."""
    status = str(changes.get("status") or "")
    return bool(view.topic_count) and ("date" in changes or status in ("cancelled", "moved"))
