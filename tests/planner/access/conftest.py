"""A shared PostgreSQL planner database with roles set up, and logins to connect as.

Roles are cluster-wide and every test shares one cluster: each test's group roles are
namespaced by its own database, its logins get a random suffix, and all of them are
dropped when the test ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
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


@pytest.fixture
def shared(pg_server: PgServer, pg_url: str) -> Iterator[Shared]:
    db = open_database(pg_url)
    data = build(db)
    with db.transaction() as s:
        pg_setup.setup(s)
    dbname = str(make_url(pg_url).database)
    state = Shared(pg_server, pg_url, dbname, db, data)
    yield state
    for opened in state.opened:
        opened.close()
    with db.transaction() as s:
        ns = pg_setup.namespace(s)
    db.close()
    groups = [pg_setup.group_name(ns, r) for r in pg_setup.GROUPS]
    pg_server.admin_sql(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
    for role in [*state.logins, *groups]:
        pg_server.admin_sql(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture
def connect_as(shared: Shared) -> Callable[[UserRole], Database]:
    def connect(role: UserRole) -> Database:
        return shared.connect(shared.login(role))

    return connect
