"""A database in a read-only place: one sentence naming the file, and the file untouched."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from planner.db import database
from planner.db.database import open_database
from planner.errors import DatabaseError


def _readonly_error(*args: object, **kwargs: object) -> None:
    raise OperationalError(
        "PRAGMA journal_mode=WAL",
        {},
        sqlite3.OperationalError("attempt to write a readonly database"),
    )


def test_a_read_only_file_is_named_in_one_sentence(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "programme.db"
    open_database(path).close()
    before = path.read_bytes()
    monkeypatch.setattr(database, "ensure_schema", _readonly_error)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    message = str(caught.value)
    assert message == (
        f"Cannot open {path}: the file or its folder is read-only. "
        "Copy it to a folder you can write to."
    )
    assert message.count(". ") == 1 and "\n" not in message
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_really_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "programme.db"
    open_database(path).close()
    for leftover in folder.glob("programme.db-*"):
        leftover.unlink()
    before = path.read_bytes()
    path.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            open_database(path)
        with pytest.raises(DatabaseError, match=r"read-only|Cannot create"):
            open_database(folder / "new.db")
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["programme.db"]
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        shutil.rmtree(folder)
