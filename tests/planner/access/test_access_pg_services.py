"""Through the services, as the desktop app and the CLI use them, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from access_data import EXEMPT_GROUP, EXEMPT_TOPIC, PUBLIC_GROUP, PUBLIC_TOPIC
from access_support import LOGIN_PASSWORD, Shared
from openpyxl import load_workbook
from sqlalchemy import text

from planner.access.roles import access_of, list_roles, role_of
from planner.db.database import Database
from planner.enums import UserRole
from planner.errors import AccessDeniedError
from planner.export import export_programme
from planner.services.groups import list_groups
from planner.services.programme import programme
from planner.services.topics import create_topic, delete_topic, list_topics, update_topic

VIEWER_REFUSED = (
    "You are a viewer on Surrey County Council's programme: the database refused the change."
)


def titles(db: Database) -> set[str]:
    with db.reading() as s:
        return {t.title for t in list_topics(s)} | {g.title for g in list_groups(s)}


def test_a_viewer_sees_public_items_and_is_told_when_an_edit_is_refused(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    viewer = connect_as(UserRole.VIEWER)
    assert titles(viewer) == {PUBLIC_TOPIC, PUBLIC_GROUP}
    with pytest.raises(AccessDeniedError) as caught, viewer.transaction() as s:
        update_topic(s, shared.data.public_topic, title="Renamed")
    assert str(caught.value) == VIEWER_REFUSED
    with pytest.raises(AccessDeniedError, match="viewer on Surrey"), viewer.transaction() as s:
        create_topic(s, shared.data.committee, title="New idea")
    with viewer.reading() as s:
        access = access_of(s, shared.data.surrey)
    assert access.role == UserRole.VIEWER and not access.sees_exempt
    assert access.enforced_by == "database"
    assert "viewer on Surrey County Council" in access.sentence
    assert titles(shared.admin) >= {EXEMPT_TOPIC, EXEMPT_GROUP}  # nothing changed


def test_the_viewers_export_is_the_public_programme(
    shared: Shared, connect_as: Callable[[UserRole], Database], tmp_path: Path
) -> None:
    viewer = connect_as(UserRole.VIEWER)
    with viewer.reading() as s:
        prog = programme(s, shared.data.committee)  # asks for the full one
    assert prog.public
    written = export_programme(prog, tmp_path / "programme.xlsx")
    cells = {
        str(c.value)
        for row in load_workbook(written).active.iter_rows()  # type: ignore[union-attr]
        for c in row
        if c.value is not None
    }
    assert PUBLIC_TOPIC in cells and PUBLIC_GROUP in cells
    assert not {EXEMPT_TOPIC, EXEMPT_GROUP} & cells
    assert not any("Full version" in c for c in cells)
    with shared.admin.reading() as s:
        assert not programme(s, shared.data.committee).public  # the owner's is full


def test_a_member_proposes_a_topic_and_may_change_nothing_else(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    member = connect_as(UserRole.MEMBER)
    with member.transaction() as s:
        proposed = create_topic(s, shared.data.committee, title="School Places Planning")
    assert proposed.status.value == "proposed"
    with pytest.raises(AccessDeniedError) as caught, member.transaction() as s:
        update_topic(s, proposed.id, description="More detail")
    assert str(caught.value) == (
        "You are a member on Surrey County Council's programme: the database refused the change."
    )
    with pytest.raises(AccessDeniedError), member.transaction() as s:
        create_topic(s, shared.data.committee, title="Secret", exempt_paragraph=1)
    with pytest.raises(AccessDeniedError), member.transaction() as s:
        delete_topic(s, proposed.id)
    assert "School Places Planning" in titles(shared.admin)
    assert "Secret" not in titles(shared.admin)


def test_a_clerk_edits_exempt_items(
    shared: Shared, connect_as: Callable[[UserRole], Database]
) -> None:
    clerk = connect_as(UserRole.CLERK)
    with clerk.transaction() as s:
        update_topic(s, shared.data.exempt_topic, description="Part 2 papers")
        assert role_of(s, shared.data.surrey, s.execute(text("SELECT session_user")).scalar_one()
                       ) == UserRole.CLERK  # fmt: skip
        assert not programme(s, shared.data.committee).public
    assert titles(clerk) == {PUBLIC_TOPIC, EXEMPT_TOPIC, PUBLIC_GROUP, EXEMPT_GROUP}
    with clerk.transaction() as s:  # its move goes with it (a cascade)
        delete_topic(s, shared.data.exempt_topic)
    assert EXEMPT_TOPIC not in titles(shared.admin)


def test_the_refusal_names_the_council_that_was_written(shared: Shared) -> None:
    login = shared.login(UserRole.CLERK, shared.data.west_sussex, name="both")
    shared.login(UserRole.VIEWER, shared.data.surrey, name="both")  # a second login
    person = shared.connect(login)  # clerk in West Sussex only
    with person.transaction() as s:
        update_topic(s, shared.data.ws_topic, description="Fostering figures")
    with person.reading() as s:
        assert [r.role for r in list_roles(s, username=login)] == [UserRole.CLERK]
    from planner.access import admin

    with shared.admin.transaction() as s:
        admin.grant_access(s, shared.data.surrey, login, UserRole.VIEWER)
    person = shared.connect(login)  # viewer on Surrey, clerk on West Sussex
    assert titles(person) == {PUBLIC_TOPIC, PUBLIC_GROUP, "Fostering Service Update"}
    with pytest.raises(AccessDeniedError) as caught, person.transaction() as s:
        update_topic(s, shared.data.public_topic, description="x")
    assert str(caught.value) == VIEWER_REFUSED
    assert LOGIN_PASSWORD not in str(caught.value)
