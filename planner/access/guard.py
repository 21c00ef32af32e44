"""The planner's own check of roles, for SQLite files (PostgreSQL enforces them itself).

Installed on every database's sessions. On a SQLite file where roles are recorded it
hides exempt topics and task groups (and their moves and history) from anyone below a
clerk on that council, and refuses a flush that writes what the user's role does not
allow. With no roles recorded nothing is checked: the single-clerk file is unchanged.
On PostgreSQL it only notes which councils a flush writes, so that the database's
refusal can name the right council.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, event, func, not_, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from planner.access.refusal import TOUCHED
from planner.access.roles import EDIT, LEVEL, PROPOSE, READ, os_user
from planner.db.models import (
    ChangeLog,
    Committee,
    Council,
    OfflineBase,
    PlannerMeta,
    TaskGroup,
    Topic,
    TopicMove,
    UserRoleGrant,
)
from planner.enums import TopicStatus, UserRole
from planner.errors import AccessDeniedError

CONTEXT = "fwp_access_context"
INTERNAL = "fwp_access_internal"
SIDE_RECORDS = (ChangeLog, PlannerMeta, OfflineBase)  # written along with an allowed edit
HISTORY_TABLES = ("topic", "task_group", "topic_move")


@dataclass
class AccessContext:
    username: str
    roles: dict[str, UserRole]  # council id -> this user's role
    configured: set[str]  # councils with any role recorded
    hidden_committees: set[str] = field(default_factory=set)  # exempt items hidden there
    hidden_topics: set[str] = field(default_factory=set)
    hidden_records: set[str] = field(default_factory=set)  # history rows to leave out

    def level(self, council_id: str | None) -> int:
        if council_id is None:
            return EDIT
        role = self.roles.get(council_id)
        if role is not None:
            return LEVEL[role]
        return READ if council_id in self.configured else EDIT

    def role_name(self, council_id: str) -> str:
        role = self.roles.get(council_id)
        return role.value if role else UserRole.VIEWER.value


def _internal(session: Session, statement: Any) -> Any:
    return session.execute(statement.execution_options(**{INTERNAL: True}))


def context(session: Session) -> AccessContext | None:
    """This session's user and roles; None when no roles are recorded at all."""
    if CONTEXT in session.info:
        return session.info[CONTEXT]  # type: ignore[no-any-return]
    found: AccessContext | None = None
    if _internal(session, select(func.count()).select_from(UserRoleGrant)).scalar():
        user = os_user()
        rows = _internal(
            session, select(UserRoleGrant.council_id, UserRoleGrant.username, UserRoleGrant.role)
        ).all()
        found = AccessContext(
            username=user,
            roles={c: UserRole(r) for c, u, r in rows if u == user},
            configured={c for c, _u, _r in rows},
        )
        _hide(session, found)
    session.info[CONTEXT] = found
    return found


def _hide(session: Session, ctx: AccessContext) -> None:
    low = [c for c in ctx.configured if ctx.level(c) < EDIT]
    if not low:
        return
    ctx.hidden_committees = set(
        _internal(session, select(Committee.id).where(Committee.council_id.in_(low))).scalars()
    )
    hidden = list(ctx.hidden_committees)
    ctx.hidden_topics = set(
        _internal(
            session, select(Topic.id).where(Topic.exempt.is_(True), Topic.committee_id.in_(hidden))
        ).scalars()
    )
    groups = _internal(
        session,
        select(TaskGroup.id).where(TaskGroup.exempt.is_(True), TaskGroup.committee_id.in_(hidden)),
    ).scalars()
    moves = _internal(
        session, select(TopicMove.id).where(TopicMove.topic_id.in_(list(ctx.hidden_topics)))
    ).scalars()
    was_exempt = _internal(
        session,
        select(ChangeLog.record_id).where(
            ChangeLog.committee_id.in_(hidden),
            or_(
                func.json_extract(ChangeLog.snapshot, "$.exempt") == 1,
                func.json_extract(ChangeLog.changes, "$.exempt[0]") == 1,
                func.json_extract(ChangeLog.changes, "$.exempt[1]") == 1,
            ),
        ),
    ).scalars()
    ctx.hidden_records = ctx.hidden_topics | set(groups) | set(moves) | set(was_exempt)


def _on_execute(state: ORMExecuteState) -> None:
    if not state.is_select or state.execution_options.get(INTERNAL):
        return
    ctx = context(state.session)
    if ctx is None or not ctx.hidden_committees:
        return
    hidden = list(ctx.hidden_committees)
    state.statement = state.statement.options(
        with_loader_criteria(
            Topic, or_(Topic.exempt.is_(False), Topic.committee_id.notin_(hidden))
        ),
        with_loader_criteria(
            TaskGroup, or_(TaskGroup.exempt.is_(False), TaskGroup.committee_id.notin_(hidden))
        ),
        with_loader_criteria(TopicMove, TopicMove.topic_id.notin_(list(ctx.hidden_topics))),
        with_loader_criteria(
            ChangeLog,
            not_(
                and_(
                    ChangeLog.table_name.in_(HISTORY_TABLES),
                    ChangeLog.record_id.in_(list(ctx.hidden_records)),
                )
            ),
        ),
    )


def _council_of(session: Session, obj: Any) -> str | None:
    if isinstance(obj, Council):
        return obj.id
    if isinstance(obj, Committee | UserRoleGrant):
        return obj.council_id
    if isinstance(obj, TopicMove):
        topic = session.get(Topic, obj.topic_id)
        committee_id = topic.committee_id if topic else None
    else:
        committee_id = getattr(obj, "committee_id", None)
    if committee_id is None:
        return None
    committee = session.get(Committee, committee_id)
    return committee.council_id if committee else None


def _is_proposal(obj: Any) -> bool:
    return (
        isinstance(obj, Topic)
        and not obj.exempt
        and obj.meeting_id is None
        and (obj.status is None or obj.status == TopicStatus.PROPOSED)
    )


def refusal(session: Session, ctx: AccessContext, council_id: str) -> AccessDeniedError:
    council = session.get(Council, council_id)
    name = council.name if council else "this council"
    role = ctx.role_name(council_id)
    if role == UserRole.MEMBER.value:
        return AccessDeniedError(
            f"You are a member on {name}'s programme: members may only propose new topics "
            "(public, with status 'proposed' and no meeting yet)."
        )
    return AccessDeniedError(
        f"You are a {role} on {name}'s programme: viewers can read and export its public "
        "items but not change them."
    )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    ctx = context(session)
    if ctx is None:
        return
    with session.no_autoflush:
        for obj in [*session.new, *session.dirty, *session.deleted]:
            if isinstance(obj, SIDE_RECORDS):
                continue
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            council_id = _council_of(session, obj)
            # A move of a topic this user may not see: treat it as not theirs to make.
            unseen = council_id is None and isinstance(obj, TopicMove) and bool(ctx.hidden_topics)
            level = READ if unseen else ctx.level(council_id)
            if level >= EDIT:
                continue
            if level >= PROPOSE and obj in session.new and _is_proposal(obj):
                continue
            raise refusal(session, ctx, council_id or "")


def _note_touched(session: Session, _context: Any, _instances: Any) -> None:
    touched: set[str] = session.info.setdefault(TOUCHED, set())
    for obj in [*session.new, *session.dirty, *session.deleted]:
        for attr in ("council_id", "committee_id"):
            value = getattr(obj, attr, None)
            if isinstance(value, str):
                touched.add(value)
        if isinstance(obj, Council):
            touched.add(obj.id)


def install(sessions: sessionmaker[Session], dialect: str) -> None:
    if dialect == "sqlite":
        event.listen(sessions, "do_orm_execute", _on_execute)
        event.listen(sessions, "before_flush", _before_flush)
    else:
        event.listen(sessions, "before_flush", _note_touched)
