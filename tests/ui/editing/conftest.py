"""Editing tests: offscreen Qt, a fresh demo database per test, dialogs answered by tests."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from planner.db.database import Database, open_database
from planner.services.lookup import committee_by_name
from ui.editing.controller import EditController
from ui.editing.registry import kind_of

# Also exported by tests/ui/conftest.py; kept here because sibling tests import it
# with ``from conftest import CESC`` and whichever conftest came last answers.
CESC = "Children and Education Select Committee"


@pytest.fixture(scope="session")
def editing_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo loaded once; each test opens its own copy."""
    from planner.demo import load_demo

    path = tmp_path_factory.mktemp("editing") / "demo.db"
    db = open_database(path)
    with db.transaction() as session:
        load_demo(session)
    db.close()
    return path


@pytest.fixture
def db(
    editing_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    monkeypatch.setenv("FWP_DATA_DIR", str(tmp_path))
    shutil.copy(editing_template, tmp_path / "t.db")
    database = open_database(tmp_path / "t.db")
    yield database
    database.close()


@dataclass
class Committee:
    id: str
    meetings: dict[str, str]  # ISO date -> meeting id


def _committee(db: Database, year: str) -> Committee:
    from planner.services.meetings import list_meetings

    with db.reading() as s:
        cid = committee_by_name(s, CESC, year).id
        return Committee(cid, {m.date.isoformat(): m.id for m in list_meetings(s, [cid])})


@pytest.fixture
def cesc(db: Database) -> Committee:
    """Children and Education Select Committee 2018/19 (meetings 7 Sep, 16 Nov 2018)."""
    return _committee(db, "2018/19")


@pytest.fixture
def cesc_2017(db: Database) -> Committee:
    return _committee(db, "2017/18")


class Recorder:
    """Collects the controller's signals."""

    def __init__(self) -> None:
        self.changed: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def parent_widget(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def stack(parent_widget: QWidget) -> QUndoStack:
    return QUndoStack(parent_widget)


@pytest.fixture
def controller(db: Database, stack: QUndoStack, parent_widget: QWidget) -> EditController:
    ctl = EditController(db, stack, parent_widget)
    ctl.signals = Recorder()  # type: ignore[attr-defined]
    ctl.changed.connect(ctl.signals.changed.append)  # type: ignore[attr-defined]
    ctl.error.connect(ctl.signals.errors.append)  # type: ignore[attr-defined]

    def no_dialog(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a test left a dialog unanswered")

    for name in ("open_form", "confirm", "ask_reason", "ask_meeting_policy"):
        setattr(ctl, name, no_dialog)
    return ctl


@pytest.fixture
def read(db: Database) -> Callable[..., Any]:
    """Run a service in a fresh transaction and return what it returns."""

    def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with db.transaction() as session:
            return fn(session, *args, **kwargs)

    return run


@pytest.fixture
def snapshot(read: Callable[..., Any]) -> Callable[[str, str], dict[str, Any]]:
    """Every editable field of a record, read back through the services."""

    def take(kind: str, record_id: str) -> dict[str, Any]:
        k = kind_of(kind)
        view = read(k.get, record_id)
        return {f: getattr(view, f) for f in k.fields}

    return take
