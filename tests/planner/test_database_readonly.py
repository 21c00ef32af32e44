"""A database in a read-only place: one sentence naming the file, and the file untouched."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    """``folder`` as its user cannot write to it. Root writes through permissions (and
    CI runs as root), so for root it is a read-only bind mount of the folder."""
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield folder
        finally:
            folder.chmod(stat.S_IRWXU)
        return
    mount = folder.with_name(folder.name + "-ro")
    mount.mkdir()
    subprocess.run(["mount", "--bind", str(folder), str(mount)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)
        mount.rmdir()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and mounts")
def test_a_really_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    open_database(folder / "programme.db").close()
    for leftover in folder.glob("programme.db-*"):
        leftover.unlink()
    before = (folder / "programme.db").read_bytes()
    with _read_only(folder) as place:
        path = place / "programme.db"
        with pytest.raises(DatabaseError) as caught:
            open_database(path)
        assert str(caught.value) == (
            f"Cannot open {path}: the file or its folder is read-only. "
            "Copy it to a folder you can write to."
        )
        with pytest.raises(DatabaseError, match=r"read-only|Cannot create"):
            open_database(place / "new.db")
    assert (folder / "programme.db").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["programme.db"]
