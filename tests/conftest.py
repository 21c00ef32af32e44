"""Fixtures every test shares: a private data folder and a fresh planner database.

Qt fixtures live in tests/ui/conftest.py; nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from planner.db.database import Database, open_database


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may read or write the user's real data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FWP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A new, empty planner database file for this test only."""
    database = open_database(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """One transaction for the whole test, committed at the end.

    For tests that build and read in one go. Tests that need a failed action to
    roll back use ``db.transaction()`` themselves instead (never both at once:
    SQLite allows one writer).
    """
    with db.transaction() as s:
        yield s
