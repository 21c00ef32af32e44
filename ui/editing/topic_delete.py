"""Deleting several topics as one undo step, read and written in batches.

A Batch of DeleteRecord commands reads and writes each topic on its own: a
committee-year's 163 topics held the GUI thread for 0.3–0.4 s on each of delete, undo
and redo. This command does the same through ``planner.services.topic_batch`` (one
``IN (…)`` read per 500 topics and one flush), with DeleteRecord's rules: the first
delete is made on the versions the confirmation showed, a redo on the versions this
window last wrote, and a topic someone else changed meanwhile refuses the whole step.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from planner.services import topic_batch
from planner.services.views import TopicView
from ui.editing.command_base import CommandHost, EditCommand


class DeleteTopics(EditCommand):
    """Undo creates the topics again with their ids, fields and moves; redo deletes them."""

    def __init__(self, host: CommandHost, views: Sequence[TopicView]) -> None:
        """``views``: the topics as the confirmation showed them."""
        super().__init__(host, f"Delete {len(views)} topics", ["topic"])
        self.seen = {v.id: v.version for v in views}
        self.deleted: list[topic_batch.DeletedTopic] = []

    def apply(self, session: Session) -> None:
        expected = {i: self.expected(i, version) for i, version in self.seen.items()}
        self.deleted = topic_batch.delete_topics(session, expected)

    def revert(self, session: Session) -> None:
        for view in topic_batch.restore_topics(session, self.deleted):
            self.wrote(view)
