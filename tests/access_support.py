"""Connecting to a shared PostgreSQL planner database as viewers, members and clerks.

A plain module (not a conftest) so that tests under tests/planner and tests/ui share it.
Roles are cluster-wide and every test shares one cluster: each test's group roles are
namespaced by its own database, its logins get a random suffix, and ``close_shared``
drops them all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from access_data import Programmes, build
from pg_server import PgServer
from sqlalchemy import make_url

from planner.access import admin, pg_setup
from planner.db.database import Database, open_database
from planner.enums import UserRole

LOGIN_PASSWORD = "Viewer-pw-1"


@dataclass
class Shared:
    """The admin's connection to a set-up database, and a way to connect as others."""

    server: PgServer
    url: str
    dbname: str
    admin: Database
    data: Programmes
    logins: list[str] = field(default_factory=list)
    opened: list[Database] = field(default_factory=list)

    def login(self, role: UserRole, council_id: str | None = None, name: str = "") -> str:
        """A new login with ``role`` on a council (Surrey unless said)."""
        login = f"{name or role.value}_{uuid.uuid4().hex[:8]}"
        with self.admin.transaction() as s:
            admin.grant_access(
                s, council_id or self.data.surrey, login, role, password=LOGIN_PASSWORD
            )
        self.logins.append(login)
        return login

    def url_for(self, login: str) -> str:
        return self.server.url(self.dbname, user=login, password=LOGIN_PASSWORD)

    def connect(self, login: str) -> Database:
        db = open_database(self.url_for(login))
        self.opened.append(db)
        return db


def open_shared(server: PgServer, url: str) -> Shared:
    """The programmes built and ``admin setup`` run, as the owner."""
    db = open_database(url)
    data = build(db)
    with db.transaction() as s:
        pg_setup.setup(s)
    return Shared(server, url, str(make_url(url).database), db, data)


def close_shared(state: Shared) -> None:
    for opened in state.opened:
        opened.close()
    with state.admin.transaction() as s:
        ns = pg_setup.namespace(s)
    state.admin.close()
    groups = [pg_setup.group_name(ns, r) for r in pg_setup.GROUPS]
    state.server.admin_sql(f"DROP DATABASE IF EXISTS {state.dbname} WITH (FORCE)")
    for role in [*state.logins, *groups]:
        state.server.admin_sql(f'DROP ROLE IF EXISTS "{role}"')
