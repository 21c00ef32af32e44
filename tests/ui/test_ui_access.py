"""The window on a shared database as a viewer: public items only, the role in the
status bar, and a refused edit told in one sentence (not a traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from access_data import EXEMPT_TOPIC, PUBLIC_TOPIC, SURREY, build
from access_support import Shared, close_shared, open_shared
from pg_server import PgServer

from planner.db.database import Database, open_database
from planner.enums import UserRole
from ui import prompts
from ui.models.roles import IdRole


@pytest.fixture
def shared(pg_server: PgServer, pg_url: str) -> Iterator[Shared]:
    state = open_shared(pg_server, pg_url)
    yield state
    close_shared(state)


def programme_ids(window) -> set[str]:
    model = window.view("programme").model
    return {model.index(row, 0).data(IdRole) for row in range(model.rowCount())} - {None}


def open_window(qtbot, db: Database, ui_settings, committee_id: str):
    from ui.main_window import MainWindow

    window = MainWindow(db, settings=ui_settings, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.selector.select(committee_id)
    window.show_committee(committee_id)
    return window


def test_a_viewer_on_postgresql(
    qtbot, shared: Shared, ui_settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    login = shared.login(UserRole.VIEWER)
    window = open_window(qtbot, shared.connect(login), ui_settings, shared.data.committee)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: errors.append(text))
    ids = programme_ids(window)
    assert shared.data.public_topic in ids and shared.data.exempt_topic not in ids
    badge = window.access_badge
    assert badge.isVisible()
    assert badge.text() == f"{login}: viewer on {SURREY} (public items only, read-only)."
    assert "database" in badge.toolTip()
    assert not window.actions.new.isEnabled() and not window.actions.import_programme.isEnabled()
    assert not window.controller.set_field("topic", shared.data.public_topic, "notes", "x")
    assert errors == [f"You are a viewer on {SURREY}'s programme: the database refused the change."]
    window.close()


def test_a_clerk_without_roles_sees_no_badge(qtbot, tmp_path: Path, ui_settings) -> None:
    db = open_database(tmp_path / "mine.db")
    data = build(db)
    try:
        window = open_window(qtbot, db, ui_settings, data.committee)
        assert not window.access_badge.isVisible()
        assert window.actions.new.isEnabled()
        assert data.exempt_topic in programme_ids(window)
        titles = {window.view("programme").model.index(r, 1).data() for r in
                  range(window.view("programme").model.rowCount())}  # fmt: skip
        assert EXEMPT_TOPIC in titles and PUBLIC_TOPIC in titles
        window.close()
    finally:
        db.close()


def test_a_member_proposes_from_the_window(
    qtbot, shared: Shared, ui_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    login = shared.login(UserRole.MEMBER)
    window = open_window(qtbot, shared.connect(login), ui_settings, shared.data.committee)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, text: errors.append(text))
    assert window.actions.new.isEnabled() and not window.actions.delete.isEnabled()
    controller = window.controller
    monkeypatch.setattr(controller, "open_form", lambda *_a, **_k: {"title": "School Places"})
    controller.add("topic", shared.data.committee)
    assert errors == []
    with shared.admin.reading() as s:
        from planner.services.topics import list_topics

        proposed = next(t for t in list_topics(s) if t.title == "School Places")
    assert proposed.status.value == "proposed"
    assert not controller.set_field("topic", proposed.id, "notes", "More detail")
    assert errors == [f"You are a member on {SURREY}'s programme: the database refused the change."]
    window.close()
