"""A SQLite file's WAL checkpoints run on a thread of their own after each write
(planner/db/checkpoint.py), so that no user's commit does SQLite's 1,000-page one."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from sample_programme import build_cesc

from planner.db.checkpoint import Checkpointer
from planner.db.database import open_database
from planner.services import topics


def _frames_in_log(path: Path) -> int:
    """The frames the WAL holds now (a PASSIVE checkpoint reports them; it copies
    nothing that is already copied)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        _busy, frames, _done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    return int(frames)


def test_after_a_write_the_log_is_copied_back_on_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    run = Checkpointer._checkpoint

    def noted(self: Checkpointer) -> None:
        threads.append(threading.current_thread())
        run(self)

    monkeypatch.setattr(Checkpointer, "_checkpoint", noted)
    path = tmp_path / "planner.db"
    db = open_database(path)
    try:
        assert db.checkpoints is not None
        cesc = build_cesc(db)
        db.checkpoints.wait()
        with db.transaction() as s:  # a few hundred pages, below SQLite's own 1,000
            for n in range(300):
                topics.create_topic(s, cesc.committee, title=f"Topic {n}", notes="x" * 2000)
        db.checkpoints.wait()
        with db.transaction() as s:
            topics.create_topic(s, cesc.committee, title="One more")
        db.checkpoints.wait()
        # The big write was copied back, so the small one started the log again.
        assert _frames_in_log(path) < 20
        assert threads and all(t is not threading.main_thread() for t in threads)
        assert db.checkpoints.runs == len(threads)
    finally:
        db.close()


def test_writes_during_a_checkpoint_get_one_more_and_close_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    calls: list[int] = []

    def held(self: Checkpointer) -> None:
        calls.append(1)
        if len(calls) == 1:
            assert release.wait(10)

    monkeypatch.setattr(Checkpointer, "_checkpoint", held)
    checkpoints = Checkpointer(tmp_path / "unused.db")
    checkpoints.committed()
    checkpoints.committed()  # while the first runs: one more run after it, not two
    checkpoints.committed()
    release.set()
    checkpoints.wait()
    assert calls == [1, 1]
    checkpoints.close()
    checkpoints.committed()  # closed: nothing starts
    checkpoints.wait()
    assert calls == [1, 1]


def test_postgresql_and_unnamed_files_have_none(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        assert db.checkpoints is None
        build_cesc(db)  # writes as before
    finally:
        db.close()


def test_a_failed_checkpoint_is_only_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="planner.db.checkpoint")
    folder = tmp_path / "missing"
    checkpoints = Checkpointer(folder / "planner.db")  # cannot be opened
    checkpoints.committed()
    checkpoints.wait()
    assert checkpoints.runs == 0
    assert "background checkpoint" in caplog.text
