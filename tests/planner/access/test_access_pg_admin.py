"""``admin setup`` is idempotent and covers later tables; grant and revoke manage logins."""

from __future__ import annotations

import pytest
from access_support import LOGIN_PASSWORD, Shared
from pg_server import PgServer
from sqlalchemy import text

from planner.access import admin, pg_setup
from planner.db.database import Database, open_database
from planner.enums import UserRole
from planner.errors import AccessDeniedError, DatabaseError

STATE = {
    "grants": "SELECT grantee, table_name, privilege_type FROM "
    "information_schema.role_table_grants WHERE table_schema = 'public' "
    "AND grantee LIKE 'fwp\\_%' ORDER BY 1, 2, 3",
    "policies": "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies "
    "ORDER BY 1, 2",
    "rls": "SELECT relname FROM pg_class WHERE relrowsecurity ORDER BY 1",
    "triggers": "SELECT tgname, tgrelid::regclass::text FROM pg_trigger "
    "WHERE NOT tgisinternal ORDER BY 2",
    "groups": "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'fwp\\_%' ORDER BY 1",
}


def state(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.reading() as s:
        return {k: [tuple(r) for r in s.execute(text(sql)).all()] for k, sql in STATE.items()}


def test_setup_twice_changes_nothing(shared: Shared) -> None:
    before = state(shared.admin)
    with shared.admin.transaction() as s:
        report = pg_setup.setup(s)
    assert report.created == ()
    assert state(shared.admin) == before
    ns = report.namespace
    assert ns == shared.dbname
    assert [name for name, can_login in before["groups"] if name.startswith(f"fwp_{ns}_")] == [
        f"fwp_{ns}_chairman", f"fwp_{ns}_clerk", f"fwp_{ns}_member", f"fwp_{ns}_viewer",
    ]  # fmt: skip
    assert not any(login for name, login in before["groups"] if name.startswith(f"fwp_{ns}_"))
    assert {"topic", "task_group", "change_log", "user_role", "topic_move"} <= {
        r[0] for r in before["rls"]
    }
    assert len(before["policies"]) == report.policies
    assert report.unruled == ()


def test_two_planner_databases_on_one_cluster_keep_their_own_groups(
    shared: Shared, pg_server: PgServer, pg_template: str
) -> None:
    other = pg_server.new_database(template=pg_template)
    db = open_database(pg_server.url(other))
    try:
        with db.transaction() as s:
            report = pg_setup.setup(s)
        assert report.namespace == other != shared.dbname
        assert set(report.created) == {f"fwp_{other}_{r.value}" for r in UserRole}
    finally:
        db.close()
        pg_server.drop_database(other)
        for group in report.groups:
            pg_server.admin_sql(f"DROP ROLE {group}")


def test_grant_then_change_then_revoke(shared: Shared) -> None:
    login = shared.login(UserRole.VIEWER)
    ns = shared.dbname
    with shared.admin.reading() as s:
        listed = admin.list_access(s, shared.data.surrey)
        secret = s.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": login}
        ).scalar_one()
    assert [(r.role.username, r.role.role, r.group) for r in listed] == [
        (login, UserRole.VIEWER, f"fwp_{ns}_viewer")
    ]
    assert secret.startswith("SCRAM-SHA-256$4096:") and LOGIN_PASSWORD not in secret
    with shared.admin.transaction() as s:
        result = admin.grant_access(s, shared.data.surrey, login, UserRole.CHAIRMAN)
    assert not result.login_created and result.group == f"fwp_{ns}_chairman"
    with shared.connect(login).transaction() as s:  # same password, now a chairman
        assert s.execute(text("SELECT count(*) FROM topic WHERE exempt")).scalar() == 1
    with shared.admin.transaction() as s:
        view, group = admin.revoke_access(s, shared.data.surrey, login)
    assert view.role == UserRole.CHAIRMAN and group is None
    with pytest.raises(DatabaseError) as caught:
        open_database(shared.url_for(login))
    assert str(caught.value) == (
        f"Cannot open postgresql+psycopg://{login}@127.0.0.1:{shared.server.port}/"
        f"{shared.dbname}: this login has no role on that database; its administrator "
        "gives one with 'fwp admin grant'."
    )


def test_a_new_password_replaces_the_old(shared: Shared) -> None:
    login = shared.login(UserRole.VIEWER)
    with shared.admin.transaction() as s:
        admin.grant_access(s, shared.data.surrey, login, UserRole.VIEWER, password="Another-1")
    with pytest.raises(DatabaseError, match="the server refused the password for"):
        open_database(shared.url_for(login))
    db = open_database(shared.server.url(shared.dbname, user=login, password="Another-1"))
    db.close()


def test_only_the_owner_manages_roles(shared: Shared) -> None:
    clerk = shared.connect(shared.login(UserRole.CLERK))
    owner_only = "Only the owner of the planner tables"
    with pytest.raises(AccessDeniedError, match=owner_only), clerk.transaction() as s:
        pg_setup.setup(s)
    with pytest.raises(AccessDeniedError, match="Only the owner"), clerk.transaction() as s:
        admin.grant_access(s, shared.data.surrey, "someone_else", UserRole.CLERK)
    unrestricted = "superuser or owns the planner tables"
    with pytest.raises(AccessDeniedError, match=unrestricted), shared.admin.transaction() as s:
        admin.grant_access(s, shared.data.surrey, "fwp_admin", UserRole.VIEWER)


def test_grant_needs_setup_first(pg_db: Database) -> None:
    from access_data import build

    data = build(pg_db)
    first = "run 'fwp --db URL admin setup' first"
    with pytest.raises(DatabaseError, match=first), pg_db.transaction() as s:
        admin.grant_access(s, data.surrey, "nobody_yet", UserRole.VIEWER)


def test_tables_created_later_are_covered(shared: Shared) -> None:
    viewer = shared.connect(shared.login(UserRole.VIEWER))
    with shared.admin.transaction() as s:  # as a later migration would, as the owner
        s.execute(text("CREATE TABLE later_table (id varchar(36) PRIMARY KEY)"))
        s.execute(text("INSERT INTO later_table VALUES ('a')"))
    with viewer.engine.connect() as conn:  # default privileges: readable at once
        assert conn.execute(text("SELECT count(*) FROM later_table")).scalar() == 1
    # After an upgrade the next owner's open re-runs setup (here: pretend it is older).
    with shared.admin.transaction() as s:
        s.execute(text("UPDATE planner_meta SET value = '0002_capacity' "
                       "WHERE key = 'access_revision'"))  # fmt: skip
        s.execute(text("DROP POLICY fwp_read ON topic"))
    open_database(shared.url).close()
    with shared.admin.reading() as s:
        assert s.execute(text("SELECT count(*) FROM pg_policies WHERE tablename = 'topic' "
                              "AND policyname = 'fwp_read'")).scalar() == 1  # fmt: skip
        assert pg_setup.is_set_up(s)
    with viewer.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM topic")).scalar() == 1


def test_a_viewer_cannot_upgrade_and_is_told_who_can(shared: Shared) -> None:
    login = shared.login(UserRole.VIEWER)
    with shared.admin.transaction() as s:  # as if written by the previous version
        s.execute(text("UPDATE alembic_version SET version_num = '0002_capacity'"))
    with pytest.raises(DatabaseError) as caught:
        open_database(shared.url_for(login))
    assert str(caught.value).endswith(
        "needs upgrading from schema 0002_capacity, which only the owner of its tables can "
        "do: ask them to open it once with this version."
    )
    assert LOGIN_PASSWORD not in str(caught.value)
