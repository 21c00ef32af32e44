"""Restoring a deleted record as one undoable step: undo deletes it (and what came
back with it) again; redo restores it from the same deletion."""

from __future__ import annotations

from sqlalchemy.orm import Session

from planner.history.restore import delete_restored
from planner.services.history import ChangeView, RestoreResult, restore_deleted
from ui.editing.commands import CommandHost, EditCommand
from ui.editing.registry import shorten

# The EditController's record kinds ("changed" signal) for each table.
KIND_OF_TABLE = {
    "topic": "topic",
    "topic_move": "topic",
    "meeting": "meeting",
    "task_group": "group",
    "recommendation": "recommendation",
    "action": "action",
    "committee": "committee",
    "committee_member": "member",
    "member_activity": "activity",
}


class RestoreDeleted(EditCommand):
    def __init__(self, host: CommandHost, change: ChangeView, unschedule: bool = False) -> None:
        what = f"{change.kind} '{shorten(change.summary)}'" if change.summary else change.kind
        super().__init__(host, f"Restore {what}", [KIND_OF_TABLE.get(change.table_name, "")])
        self.change_id = change.id
        self.unschedule = unschedule
        self.result: RestoreResult | None = None

    def apply(self, session: Session) -> None:
        self.result = restore_deleted(session, self.change_id, unschedule=self.unschedule)
        kinds = [KIND_OF_TABLE.get(t, "") for t, _id in self.result.restored]
        self.kinds = list(dict.fromkeys(kinds))

    def revert(self, session: Session) -> None:
        assert self.result is not None
        delete_restored(session, self.result)
