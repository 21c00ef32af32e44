"""Undoable commands. Each redo()/undo() is one transaction through the services.

A command that fails (a ``PlannerError`` or a database error) marks itself obsolete,
so the undo stack drops it, and reports the message to its host; nothing is raised
into Qt. Deleted records come back with the same id (``record_id=``).

Every step says what it was made on (docs/concurrency.md): the first apply the version
and values the user saw; a later undo or redo the values the previous step left (a
version alone is not enough: a merged write's version includes someone else's change);
a delete the version this window last wrote (``host.versions``). Another user's change
to the same fields meanwhile refuses the step (StaleEditError) instead of being lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from planner.enums import Office
from planner.errors import PlannerError
from planner.services import actions, meetings, topics
from planner.services.meetings import TopicsPolicy
from planner.services.views import MoveView, TopicView
from ui.editing.command_base import CommandHost, EditCommand, error_message
from ui.editing.registry import (
    committee_of,
    describe,
    describe_values,
    kind_of,
    offices,
    placement_label,
    restore_offices,
    shorten,
)

__all__ = ["CommandHost", "EditCommand", "error_message"]  # their home: command_base

# What a move changes, and so what undoing one puts back.
PLACEMENT = ("meeting_id", "timing", "status", "deferral_count", "deferral_reason")


def _read(host: CommandHost, fn: Callable[[Session], Any]) -> Any:
    with host.db.reading() as session:
        return fn(session)


class CreateRecord(EditCommand):
    """Undo deletes the record; redo re-creates it with the same id and values."""

    def __init__(
        self, host: CommandHost, kind: str, committee_id: str, values: dict[str, Any]
    ) -> None:
        self.kind = kind_of(kind)
        if self.kind.create is None:
            raise PlannerError(f"New {self.kind.plural} cannot be added here.")
        super().__init__(host, f"Add {describe_values(kind, values)}", [self.kind.name])
        self.committee_id = committee_id
        self.values = dict(values)
        self.record_id = str(uuid.uuid4())
        self._offices: dict[str, Office | None] | None = None

    def apply(self, session: Session) -> None:
        assert self.kind.create is not None
        if self.kind.name == "member":
            self._offices = offices(session, self.committee_id)
        self.wrote(
            self.kind.create(session, self.committee_id, record_id=self.record_id, **self.values)
        )

    def revert(self, session: Session) -> None:
        assert self.kind.delete is not None
        expected = self.host.versions.get(self.record_id)
        self.kind.delete(session, self.record_id, expected_version=expected)
        if self._offices is not None:
            restore_offices(session, self.committee_id, self._offices)


class UpdateRecord(EditCommand):
    """Keeps the old values of the fields it sets (and of any field the service changed
    as a consequence, e.g. a meeting's status when its date moves) and puts them back."""

    def __init__(
        self,
        host: CommandHost,
        kind: str,
        record_id: str,
        new_values: dict[str, Any],
        *,
        version: int | None = None,
        original: dict[str, Any] | None = None,
    ) -> None:
        self.kind = kind_of(kind)
        view = _read(host, lambda s: self.kind.get(s, record_id))
        super().__init__(host, f"Edit {describe(kind, view)}", [self.kind.name])
        self.record_id = record_id
        self.new_values = dict(new_values)
        # What the user saw: the version and values the first apply is checked against.
        self.version = version
        self.original = dict(original) if original is not None else None
        self.old_values: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self.committee_id = (
            _read(host, lambda s: committee_of(s, kind, record_id)) if kind == "member" else ""
        )
        self._offices: dict[str, Office | None] | None = None

    def apply(self, session: Session) -> None:
        expected, original = self.version, self.original
        if self.applied:  # a redo: the fields hold what the undo put back
            expected = None
            original = {f: self.old_values[f] for f in self.new_values if f in self.old_values}
        before = self.kind.get(session, self.record_id)
        if self.committee_id:
            self._offices = offices(session, self.committee_id)
        after = self.kind.update(
            session, self.record_id, expected_version=expected, original=original,
            **self.new_values,
        )  # fmt: skip
        self.wrote(after)
        self.after = {f: getattr(after, f) for f in self.kind.fields}
        self.old_values = {
            f: getattr(before, f)
            for f in self.kind.fields
            if f in self.new_values or getattr(before, f) != getattr(after, f)
        }

    def revert(self, session: Session) -> None:
        self.wrote(
            self.kind.update(
                session, self.record_id, original={f: self.after[f] for f in self.old_values},
                **self.old_values,
            )
        )  # fmt: skip
        if self._offices is not None:
            restore_offices(session, self.committee_id, self._offices)


class DeleteRecord(EditCommand):
    """Keeps the whole record (a meeting also its topics and actions) to re-create it."""

    def __init__(
        self,
        host: CommandHost,
        kind: str,
        record_id: str,
        version: int | None = None,
        view: Any = None,
    ) -> None:
        """``view``: the record as the confirmation showed it, read with the others of a
        bulk delete (one read for 163 topics instead of 326)."""
        self.kind = kind_of(kind)
        if self.kind.delete is None:
            raise PlannerError(f"{self.kind.plural.capitalize()} cannot be deleted here.")
        if view is None:
            view = _read(host, lambda s: self.kind.get(s, record_id))
        super().__init__(host, f"Delete {describe(kind, view)}", [self.kind.name])
        self.record_id = record_id
        # As the confirmation showed it (else as read now).
        self.version: int = view.version if version is None else version
        committee = getattr(view, "committee_id", None)
        self.committee_id: str = (
            committee
            if isinstance(committee, str)
            else _read(host, lambda s: committee_of(s, kind, record_id))
        )
        self.values: dict[str, Any] = {}
        self.policy: TopicsPolicy | None = None
        self.move_to: str | None = None
        self.topics: list[TopicView] = []
        self.action_ids: list[str] = []
        self.moves: list[MoveView] = []
        self.placed_after: dict[str, dict[str, Any]] = {}  # topic id -> after the delete

    def apply(self, session: Session) -> None:
        expected = self.expected(self.record_id, self.version)
        view = self.kind.get(session, self.record_id)
        self.values = {f: getattr(view, f) for f in self.kind.fields}
        if self.kind.name == "topic":  # its move history goes with it; keep it for undo
            self.moves = topics.topic_moves(session, self.record_id)
        if self.kind.name == "meeting":
            self._capture_meeting(session)
            meetings.delete_meeting(
                session, self.record_id, topics=self.policy, move_to=self.move_to,
                expected_version=expected,
            )  # fmt: skip
            self._note_after_delete(session)
        else:
            assert self.kind.delete is not None
            self.kind.delete(session, self.record_id, expected_version=expected)

    def revert(self, session: Session) -> None:
        assert self.kind.create is not None
        self.wrote(
            self.kind.create(session, self.committee_id, record_id=self.record_id, **self.values)
        )
        if self.kind.name == "meeting":
            self._restore_meeting(session)
        if self.moves:
            topics.restore_topic_moves(session, self.record_id, self.moves)

    def _capture_meeting(self, session: Session) -> None:
        ids = [self.committee_id]
        self.topics = [
            t for t in topics.list_topics(session, ids) if t.meeting_id == self.record_id
        ]
        self.action_ids = [
            a.id for a in actions.list_actions(session, ids) if a.meeting_id == self.record_id
        ]
        self.kinds = ["meeting", "topic"] if self.topics else ["meeting"]

    def _note_after_delete(self, session: Session) -> None:
        """Where the delete left its topics (moved or unscheduled): the undo puts them
        back only if nobody has placed them elsewhere since (``original``)."""
        self.placed_after = {}
        if self.policy is not TopicsPolicy.DELETE:
            for topic in self.topics:
                view = topics.get_topic(session, topic.id)
                self.placed_after[topic.id] = {f: getattr(view, f) for f in PLACEMENT}

    def _restore_meeting(self, session: Session) -> None:
        for topic in self.topics:
            if self.policy is TopicsPolicy.DELETE:
                values = {f: getattr(topic, f) for f in topics.TOPIC_FIELDS}
                topics.create_topic(session, self.committee_id, record_id=topic.id, **values)
            else:
                placement = {f: getattr(topic, f) for f in PLACEMENT}
                after = self.placed_after.get(topic.id)
                self.wrote(topics.update_topic(session, topic.id, original=after, **placement))
        for action_id in self.action_ids:  # the delete left them at no meeting
            self.wrote(
                actions.update_action(
                    session, action_id, original={"meeting_id": None}, meeting_id=self.record_id
                )
            )


class DeleteMeeting(DeleteRecord):
    """Delete a meeting and move, unschedule or delete its topics; undo puts all back."""

    def __init__(
        self,
        host: CommandHost,
        meeting_id: str,
        policy: TopicsPolicy | str | None,
        move_to: str | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(host, "meeting", meeting_id, version)
        self.policy = TopicsPolicy(policy) if policy else None
        self.move_to = move_to


class MoveTopic(EditCommand):
    """Reschedule a topic; undo restores its placement, status and deferral count."""

    def __init__(
        self,
        host: CommandHost,
        topic_id: str,
        meeting_id: str | None,
        timing: str | None = None,
        reason: str | None = None,
        *,
        version: int | None = None,
        original: dict[str, Any] | None = None,
    ) -> None:
        title, where = _read(
            host,
            lambda s: (
                topics.get_topic(s, topic_id).title,
                placement_label(s, meeting_id, timing),
            ),
        )
        super().__init__(host, f"Move '{shorten(title)}' to {where}", ["topic"])
        self.topic_id = topic_id
        self.meeting_id = meeting_id
        self.timing = timing
        self.reason = reason
        self.version = version  # the placement the user saw, for the first apply
        self.original = dict(original) if original is not None else None
        self.old_values: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self.move_id: str | None = None

    def apply(self, session: Session) -> None:
        expected, original = self.version, self.original
        if self.applied:  # a redo: the placement is what the undo put back
            expected = None
            original = {f: self.old_values[f] for f in ("meeting_id", "timing")}
        before = topics.get_topic(session, self.topic_id)
        self.old_values = {f: getattr(before, f) for f in PLACEMENT}
        known = {m.id for m in topics.topic_moves(session, self.topic_id)}
        after = topics.move_topic(
            session,
            self.topic_id,
            meeting_id=self.meeting_id,
            timing=self.timing,
            reason=self.reason,
            expected_version=expected,
            original=original,
        )
        self.wrote(after)
        self.after = {f: getattr(after, f) for f in PLACEMENT}
        added = [m.id for m in topics.topic_moves(session, self.topic_id) if m.id not in known]
        self.move_id = added[0] if added else None

    def revert(self, session: Session) -> None:
        self.wrote(
            topics.update_topic(session, self.topic_id, original=self.after, **self.old_values)
        )  # fmt: skip
        if self.move_id:  # the history forgets a move that was undone
            topics.delete_topic_move(session, self.move_id)


class Batch(EditCommand):
    """Several commands as one undo step and one transaction: all or nothing."""

    def __init__(self, host: CommandHost, text: str, commands: Sequence[EditCommand]) -> None:
        super().__init__(host, text, [])
        self.commands = list(commands)

    def apply(self, session: Session) -> None:
        for command in self.commands:
            command.apply(session)
            # Sub-commands never pass through _run: mark them, so their redo and undo
            # are checked against what this window wrote.
            command.applied = True
        self._collect_kinds()

    def revert(self, session: Session) -> None:
        for command in reversed(self.commands):
            command.revert(session)
        self._collect_kinds()

    def _failed(self, versions: dict[str, int]) -> None:
        super()._failed(versions)
        for command in self.commands:  # nothing of the batch was written
            command.applied = self.applied

    def _collect_kinds(self) -> None:
        self.kinds = list(dict.fromkeys(k for c in self.commands for k in c.kinds))
