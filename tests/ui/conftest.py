"""UI tests: offscreen Qt, a fresh demo database and private settings for every test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_controller import FakeEditController
from PySide6.QtCore import QSettings

from planner.db.database import Database, open_database


@pytest.fixture(autouse=True)
def _qapp(qapp):
    """Every UI test runs with the QApplication (models ask it for fonts and palettes)."""
    return qapp


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo programme built once; each test gets its own copy."""
    from planner.demo import load_demo

    path = tmp_path_factory.mktemp("template") / "demo.db"
    db = open_database(path)
    with db.transaction() as session:
        load_demo(session)
    db.close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FWP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "programme.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    db = open_database(demo_path)
    yield db
    db.close()


@pytest.fixture
def ui_settings(qapp, tmp_path: Path) -> Iterator[object]:
    """QSettings under unique names, stored in tmp_path."""
    from ui.settings import Settings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    old = qapp.organizationName(), qapp.applicationName()
    qapp.setOrganizationName(f"fwp-test-{uuid.uuid4().hex[:10]}")
    qapp.setApplicationName("fwp-planner-test")
    yield Settings()
    qapp.setOrganizationName(old[0])
    qapp.setApplicationName(old[1])


@pytest.fixture
def window(qtbot, demo_db: Database, ui_settings):
    from ui.main_window import MainWindow

    win = MainWindow(demo_db, settings=ui_settings, controller_factory=FakeEditController)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def backend() -> str:
    """UI tests run on SQLite; PostgreSQL-specific UI tests ask for ``pg_url`` themselves."""
    return "sqlite"
