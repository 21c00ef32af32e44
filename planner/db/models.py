"""All tables, importable from one place (Alembic's env and the services use this)."""

from planner.db.base import Base, Record, new_id, utcnow
from planner.db.models_committee import Committee, CommitteeMember, Council, Meeting
from planner.db.models_programme import TaskGroup, Topic, TopicMove
from planner.db.models_shared import ChangeLog, OfflineBase, PlannerMeta, UserRoleGrant
from planner.db.models_tracking import Action, MemberActivity, Recommendation

__all__ = [
    "Action",
    "Base",
    "ChangeLog",
    "Committee",
    "CommitteeMember",
    "Council",
    "Meeting",
    "MemberActivity",
    "OfflineBase",
    "PlannerMeta",
    "Recommendation",
    "Record",
    "TaskGroup",
    "Topic",
    "TopicMove",
    "UserRoleGrant",
    "new_id",
    "utcnow",
]
