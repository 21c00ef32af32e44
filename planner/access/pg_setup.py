"""``fwp admin setup`` on PostgreSQL: group roles, grants and row-level security.

Run by the owner of the planner tables (or a superuser); running it again changes
nothing that is already right, and after an upgrade it brings new tables in.

- Four NOLOGIN group roles per database, ``fwp_<database>_<role>``, so that two planner
  databases on one cluster do not share them. A person's login role is a member of the
  group of their highest role (``pg_logins``); which council a role is for is in
  ``user_role``, and the row-level security policies read it.
- Grants (the ceiling): viewers SELECT; members SELECT, and INSERT on ``topic`` and
  ``change_log``; clerks and chairmen SELECT, INSERT, UPDATE, DELETE on every planner
  table, except ``change_log`` (append-only: SELECT, INSERT), ``user_role`` and
  ``alembic_version`` (SELECT: only the owner changes them). Nobody but the owner may
  create or alter anything (no CREATE on the schema).
- Row-level security on every council's tables: a login sees the councils it has a role
  on; exempt topics and task groups, their moves and their history only with a clerk's
  or chairman's role; writes need a clerk's or chairman's role on that council, except
  a member's proposed topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from planner.access.roles import unrestricted
from planner.db.revision import HEAD_REVISION
from planner.enums import UserRole
from planner.errors import AccessDeniedError, DatabaseError

GROUPS: tuple[UserRole, ...] = tuple(UserRole)
DML = "SELECT, INSERT, UPDATE, DELETE"

# The council a row belongs to, as "at least level {n} on it" (1 read, 2 propose, 3 edit).
_BY_COMMITTEE = "committee_id IN (SELECT fwp_committees({n}))"
COUNCIL_RULE: dict[str, str] = {
    "council": "id IN (SELECT fwp_councils({n}))",
    "committee": "council_id IN (SELECT fwp_councils({n}))",
    "committee_member": _BY_COMMITTEE,
    "meeting": _BY_COMMITTEE,
    "topic": _BY_COMMITTEE,
    "task_group": _BY_COMMITTEE,
    "recommendation": _BY_COMMITTEE,
    "action": _BY_COMMITTEE,
    "member_activity": _BY_COMMITTEE,
    "topic_move": "topic_id IN (SELECT t.id FROM topic t WHERE t." + _BY_COMMITTEE + ")",
}
EXEMPT_TABLES = ("topic", "task_group")
# Beyond SELECT, what each group may do to a table; tables not named get the defaults.
SPECIAL_GRANTS: dict[str, dict[UserRole, str]] = {
    "alembic_version": {},
    "user_role": {},
    "change_log": {
        UserRole.MEMBER: "INSERT",
        UserRole.CLERK: "INSERT",
        UserRole.CHAIRMAN: "INSERT",
    },
    "topic": {UserRole.MEMBER: "INSERT", UserRole.CLERK: DML, UserRole.CHAIRMAN: DML},
}
DEFAULT_GRANTS: dict[UserRole, str] = {UserRole.CLERK: DML, UserRole.CHAIRMAN: DML}

_LEVEL_SQL = (
    "CASE r.role WHEN 'viewer' THEN 1 WHEN 'member' THEN 2 "
    "WHEN 'clerk' THEN 3 WHEN 'chairman' THEN 3 ELSE 0 END"
)
# SECURITY DEFINER, owned by the tables' owner: they read user_role past its own policy.
FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION fwp_councils(min_level integer) RETURNS SETOF varchar
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
  SELECT r.council_id FROM user_role r
  WHERE r.username = session_user AND {_LEVEL_SQL} >= min_level
$$""",
    """CREATE OR REPLACE FUNCTION fwp_committees(min_level integer) RETURNS SETOF varchar
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT c.id FROM committee c WHERE c.council_id IN (SELECT fwp_councils(min_level))
$$""",
    # Whether a topic or group is, or ever was, exempt: then its history reveals it.
    """CREATE OR REPLACE FUNCTION fwp_item_exempt(tbl text, rid text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM topic t WHERE tbl = 'topic' AND t.id = rid AND t.exempt)
      OR EXISTS (SELECT 1 FROM task_group g WHERE tbl = 'task_group' AND g.id = rid
                 AND g.exempt)
      OR EXISTS (SELECT 1 FROM change_log c WHERE c.table_name = tbl AND c.record_id = rid
                 AND (c.snapshot::jsonb ->> 'exempt' = 'true'
                      OR c.changes::jsonb -> 'exempt' ->> 0 = 'true'
                      OR c.changes::jsonb -> 'exempt' ->> 1 = 'true'))
$$""",
    # A history row that would reveal an exempt item; a move whose topic cannot be
    # found is treated as revealing one.
    """CREATE OR REPLACE FUNCTION fwp_reveals_exempt(tbl text, rid text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT CASE WHEN tbl = 'topic_move' THEN coalesce(
      (SELECT fwp_item_exempt('topic', m.topic_id) FROM topic_move m WHERE m.id = rid),
      (SELECT bool_or(fwp_item_exempt('topic', coalesce(c.snapshot::jsonb ->> 'topic_id',
                                                        c.changes::jsonb -> 'topic_id' ->> 1)))
         FROM change_log c WHERE c.table_name = 'topic_move' AND c.record_id = rid),
      true)
  ELSE fwp_item_exempt(tbl, rid) END
$$""",
)
# Whether the session is the tables' owner or a superuser, whom nothing restricts.
UNRESTRICTED_FUNCTION = """CREATE OR REPLACE FUNCTION fwp_unrestricted() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT r.rolsuper OR pg_has_role(session_user, {owner}, 'USAGE')
  FROM pg_roles r WHERE r.rolname = session_user
$$"""
# Row-level security filters the rows an UPDATE or DELETE can reach, silently; rows a
# login may see but not change are refused out loud by these triggers instead. One
# check per statement (over its transition table), not one per row.
GUARD_FUNCTION = """CREATE OR REPLACE FUNCTION fwp_guard_{table}() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT fwp_unrestricted() AND EXISTS (SELECT 1 FROM fwp_old_rows o WHERE NOT ({rule})) THEN
    RAISE EXCEPTION 'permission denied: your role does not allow changing these % rows',
      TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $$"""
FUNCTION_SIGNATURES = (
    "fwp_unrestricted()",
    "fwp_councils(integer)",
    "fwp_committees(integer)",
    "fwp_item_exempt(text, text)",
    "fwp_reveals_exempt(text, text)",
)


@dataclass(frozen=True)
class SetupReport:
    namespace: str
    groups: tuple[str, ...]
    created: tuple[str, ...]  # group roles that did not exist before
    tables: tuple[str, ...]
    policies: int
    unruled: tuple[str, ...]  # tables granted by default, without council rules


def _q(name: str) -> str:
    """A quoted identifier (names come from the catalogue or are checked first)."""
    return '"' + name.replace('"', '""') + '"'


def namespace_for(database: str) -> str:
    cleaned = re.sub(r"[^a-z0-9_]+", "_", database.lower()).strip("_") or "planner"
    return cleaned[:40]


def namespace(session: Session) -> str:
    stored = session.execute(
        text("SELECT value FROM planner_meta WHERE key = 'access_namespace'")
    ).scalar()
    if stored:
        return str(stored)
    return namespace_for(str(session.execute(text("SELECT current_database()")).scalar_one()))


def group_name(ns: str, role: UserRole) -> str:
    return f"fwp_{ns}_{role.value}"


def role_exists(session: Session, name: str) -> bool:
    found = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def require_postgres(session: Session, label: str) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise DatabaseError(
            "Database roles need a shared PostgreSQL database, and "
            f"{label} is a SQLite file: there, grant, revoke and list record the roles "
            "that the planner itself checks."
        )


def require_admin(session: Session) -> str:
    """The tables' owner; refuses anyone else."""
    owner = session.execute(
        text(
            "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = 'topic'"
        )
    ).scalar()
    if owner is None:
        raise DatabaseError("This database holds no planner tables in its current schema.")
    if not unrestricted(session):
        me = session.execute(text("SELECT session_user")).scalar_one()
        raise AccessDeniedError(
            f"Only the owner of the planner tables ({owner}) or a superuser can manage "
            f"roles; you are connected as {me}."
        )
    return str(owner)


def _select_policy(table: str) -> str:
    if table == "user_role":
        return "username = session_user OR council_id IN (SELECT fwp_councils(3))"
    if table == "change_log":
        return (
            "(committee_id IS NULL OR committee_id IN (SELECT fwp_committees(1))) AND ("
            "committee_id IN (SELECT fwp_committees(3)) "
            "OR table_name NOT IN ('topic', 'task_group', 'topic_move') "
            "OR NOT fwp_reveals_exempt(table_name, record_id))"
        )
    rule = COUNCIL_RULE[table]
    if table in EXEMPT_TABLES:
        return f"{rule.format(n=1)} AND (NOT exempt OR {rule.format(n=3)})"
    return rule.format(n=1)


def policies_for(table: str) -> list[tuple[str, str, str | None, str | None]]:
    """(name, command, USING, WITH CHECK) for one table."""
    out: list[tuple[str, str, str | None, str | None]] = [
        ("fwp_read", "SELECT", _select_policy(table), None)
    ]
    if table == "user_role":
        return out  # only the owner writes roles (fwp admin grant)
    if table == "change_log":
        clerk = (
            "committee_id IN (SELECT fwp_committees(3)) OR (committee_id IS NULL "
            "AND EXISTS (SELECT 1 FROM fwp_councils(3)))"
        )
        member = (
            "table_name = 'topic' AND action = 'create' "
            "AND committee_id IN (SELECT fwp_committees(2))"
        )
        return [*out, ("fwp_write", "INSERT", None, clerk), ("fwp_propose", "INSERT", None, member)]
    edit = COUNCIL_RULE[table].format(n=3)
    read = _select_policy(table)  # the guard trigger refuses what may be seen, not changed
    out += [
        ("fwp_add", "INSERT", None, edit),
        ("fwp_change", "UPDATE", read, edit),
        ("fwp_remove", "DELETE", read, None),
    ]
    if table == "topic":
        proposal = (
            f"{COUNCIL_RULE['topic'].format(n=2)} AND NOT exempt AND status = 'proposed' "
            "AND meeting_id IS NULL"
        )
        out.append(("fwp_propose", "INSERT", None, proposal))
    return out


def _tables(session: Session) -> list[str]:
    schema = session.execute(text("SELECT current_schema()")).scalar_one()
    return sorted(inspect(session.connection()).get_table_names(schema=schema))


def setup(session: Session) -> SetupReport:
    """Create or correct the group roles, grants and policies. Idempotent."""
    owner = require_admin(session)
    ns = namespace(session)
    dbname = session.execute(text("SELECT current_database()")).scalar_one()
    schema = str(session.execute(text("SELECT current_schema()")).scalar_one())
    groups = [group_name(ns, role) for role in GROUPS]
    created = []
    for group in groups:
        if not role_exists(session, group):
            session.execute(text(f"CREATE ROLE {_q(group)} NOLOGIN"))
            created.append(group)
    all_groups = ", ".join(_q(g) for g in groups)

    def run(sql: str) -> None:
        session.execute(text(sql))

    run(f"REVOKE ALL ON DATABASE {_q(dbname)} FROM PUBLIC")
    run(f"GRANT CONNECT, TEMPORARY ON DATABASE {_q(dbname)} TO {all_groups}")
    run(f"REVOKE CREATE ON SCHEMA {_q(schema)} FROM PUBLIC")
    run(f"GRANT USAGE ON SCHEMA {_q(schema)} TO {all_groups}")
    run(UNRESTRICTED_FUNCTION.format(schema=_q(schema), owner=_literal(owner)))
    for sql in FUNCTIONS:
        run(sql.format(schema=_q(schema)))
    for signature in FUNCTION_SIGNATURES:
        run(f"ALTER FUNCTION {signature} OWNER TO {_q(owner)}")
        run(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        run(f"GRANT EXECUTE ON FUNCTION {signature} TO {all_groups}")
    tables = _tables(session)
    policies = 0
    unruled = []
    for table in tables:
        run(f"REVOKE ALL ON TABLE {_q(table)} FROM {all_groups}")
        run(f"GRANT SELECT ON TABLE {_q(table)} TO {all_groups}")
        extra = SPECIAL_GRANTS.get(table, DEFAULT_GRANTS)
        for role, privileges in extra.items():
            run(f"GRANT {privileges} ON TABLE {_q(table)} TO {_q(group_name(ns, role))}")
        if table not in COUNCIL_RULE and table not in ("user_role", "change_log"):
            if table not in ("alembic_version", "planner_meta", "offline_base"):
                unruled.append(table)
            continue
        existing = session.execute(
            text("SELECT policyname FROM pg_policies WHERE schemaname = :s AND tablename = :t"),
            {"s": schema, "t": table},
        ).scalars()
        for name in list(existing):
            run(f"DROP POLICY {_q(name)} ON {_q(table)}")
        for name, command, using, check in policies_for(table):
            sql = f"CREATE POLICY {_q(name)} ON {_q(table)} FOR {command}"
            sql += f" USING ({using})" if using else ""
            sql += f" WITH CHECK ({check})" if check else ""
            run(sql)
            policies += 1
        run(f"ALTER TABLE {_q(table)} ENABLE ROW LEVEL SECURITY")
        if table in COUNCIL_RULE:
            _guard(session, schema, table)
    # Tables a later upgrade creates get the same grants (their policies need a re-run).
    viewers = ", ".join(_q(group_name(ns, r)) for r in (UserRole.VIEWER, UserRole.MEMBER))
    editors = ", ".join(_q(group_name(ns, r)) for r in (UserRole.CLERK, UserRole.CHAIRMAN))
    prefix = f"ALTER DEFAULT PRIVILEGES FOR ROLE {_q(owner)} IN SCHEMA {_q(schema)}"
    run(f"{prefix} GRANT SELECT ON TABLES TO {viewers}")
    run(f"{prefix} GRANT {DML} ON TABLES TO {editors}")
    _remember(session, "access_namespace", ns)
    _remember(session, "access_revision", HEAD_REVISION)
    return SetupReport(ns, tuple(groups), tuple(created), tuple(tables), policies, tuple(unruled))


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _guard(session: Session, schema: str, table: str) -> None:
    rule = "o." + COUNCIL_RULE[table].format(n=3)  # every rule starts with its column
    if table == "topic_move":
        # A topic's deletion (checked on the topic) cascades to its moves: the topic is
        # gone by the time this runs.
        rule += " OR NOT EXISTS (SELECT 1 FROM topic t WHERE t.id = o.topic_id)"
    session.execute(text(GUARD_FUNCTION.format(table=table, schema=_q(schema), rule=rule)))
    for event in ("UPDATE", "DELETE"):  # a transition table allows one event per trigger
        name = f"fwp_guard_{event.lower()}"
        session.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {_q(table)}"))
        session.execute(
            text(
                f"CREATE TRIGGER {name} AFTER {event} ON {_q(table)} "
                "REFERENCING OLD TABLE AS fwp_old_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION fwp_guard_{table}()"
            )
        )


def _remember(session: Session, key: str, value: str) -> None:
    session.execute(
        text(
            "INSERT INTO planner_meta (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        ),
        {"k": key, "v": value},
    )


def is_set_up(session: Session) -> bool:
    done = session.execute(
        text("SELECT value FROM planner_meta WHERE key = 'access_revision'")
    ).scalar()
    return done is not None


def keep_grants(session: Session) -> bool:
    """After an upgrade: re-run setup if it was run before, on an older schema, and this
    session may run it. Returns whether it ran."""
    done = session.execute(
        text("SELECT value FROM planner_meta WHERE key = 'access_revision'")
    ).scalar()
    if done is None or done == HEAD_REVISION or not unrestricted(session):
        return False
    setup(session)
    return True
