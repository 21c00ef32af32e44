"""The sync process killed (SIGKILL) at random moments and at each injected point between
its steps: both files still open, pass SQLite's integrity and foreign-key checks, hold
either their old or their merged state, and a further sync completes the merge.

Bounded: 4 injected points plus 6 random delays, each on fresh copies of one template.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from offline_world import build_source, take_offline

from planner.db.database import open_database
from planner.offline import sync
from planner.offline.sync import FAULT_POINTS
from planner.offline.tables import read_scope
from planner.services.actions import delete_action
from planner.services.meetings import create_meeting
from planner.services.topics import create_topic, delete_topic, move_topic, update_topic

RANDOM_KILLS = 6


def edit(db: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with db.transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A source and its copy, both edited since checkout: changes each way, a conflict,
    creations (a meeting and a topic moved to it) and deletions."""
    folder = tmp_path_factory.mktemp("fault-template")
    source = open_database(folder / "source.db")
    ids, topics = build_source(source)
    copy, _path = take_offline(source, folder)
    meeting = edit(copy, create_meeting, ids.committee, date="2019-01-25")
    edit(copy, move_topic, topics["ofsted"], meeting_id=meeting.id, reason="Later data")
    edit(copy, update_topic, topics["academy"], method="Witness session", notes="From the train")
    for n in range(30):
        edit(copy, create_topic, ids.committee, title=f"Copy topic {n}", meeting_id=meeting.id)
        edit(source, create_topic, ids.committee, title=f"Source topic {n}")
    edit(source, update_topic, topics["academy"], method="Site visit")
    edit(source, delete_topic, topics["outside"])
    edit(copy, delete_action, topics["action"])
    copy.close()
    source.close()
    return folder, ids.committee


def files(folder: Path) -> tuple[Path, Path]:
    return folder / "source.db", folder / "copy.db"


def fresh(template: Path, folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    for name in ("source.db", "copy.db"):
        shutil.copy(template / name, folder / name)
    return files(folder)


def state(path: Path, committee: str) -> dict[Any, Any]:
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            return {k: r.values for k, r in read_scope(conn, [committee]).items()}
    finally:
        db.close()


def checked(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def run_sync(source: Path, copy: Path, *, fault: str | None = None,
             kill_after: float | None = None) -> int:  # fmt: skip
    env = {**os.environ, "FWP_USER": "fault test"}
    if fault:
        env["FWP_SYNC_FAULT"] = fault
    process = subprocess.Popen(
        [sys.executable, "-m", "planner.cli.main", "--db", str(source), "offline", "sync",
         str(copy), "--prefer", "copy"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    if kill_after is not None:
        time.sleep(kill_after)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
    process.communicate(timeout=120)
    return process.returncode


@pytest.fixture(scope="module")
def expected(template: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Before and after an uninterrupted sync (--prefer copy), worked out in this process."""
    folder, committee = template
    source, copy = fresh(folder, tmp_path_factory.mktemp("reference") / "run")
    before = (state(source, committee), state(copy, committee))
    assert run_sync(source, copy) == 0
    merged = state(source, committee)
    assert state(copy, committee) == merged
    return before, merged


def check_after_kill(source: Path, copy: Path, committee: str, expected: Any) -> str:
    (source_before, copy_before), merged = expected
    for path in (source, copy):
        checked(path)
    now_source, now_copy = state(source, committee), state(copy, committee)
    assert now_source in (source_before, merged), "the source is half-merged"
    assert now_copy in (copy_before, merged), "the copy is half-merged"
    # A copy that is merged while its source is not would lose the source's half.
    assert not (now_copy == merged and now_source == source_before)
    # Finishing: if the source already holds the merge, the marker it committed brings
    # back how the conflicts were settled, so no --prefer is needed.
    src_db, copy_db = open_database(source), open_database(copy)
    try:
        report = sync(src_db, copy_db, prefer=None if now_source == merged else "copy")
        if now_source == merged and now_copy != merged:
            assert report.resumed and not report.open_conflicts
        assert sync(src_db, copy_db).nothing_to_do
    finally:
        src_db.close()
        copy_db.close()
    assert state(source, committee) == state(copy, committee) == merged
    return "merged" if now_source == merged else "old"


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_killed_at_each_step(
    template: tuple[Path, str], expected: Any, tmp_path: Path, point: str
) -> None:
    source, copy = fresh(template[0], tmp_path / "run")
    assert run_sync(source, copy, fault=point) == -signal.SIGKILL
    outcome = check_after_kill(source, copy, template[1], expected)
    assert outcome == ("merged" if point in ("between-commits", "before-copy-commit") else "old")


def test_killed_after_random_delays(
    template: tuple[Path, str], expected: Any, tmp_path: Path
) -> None:
    rng = random.Random(7)
    started = time.monotonic()
    run_sync(*fresh(template[0], tmp_path / "timing"))
    whole = time.monotonic() - started  # start-up plus the sync, on this machine now
    for n in range(RANDOM_KILLS):
        source, copy = fresh(template[0], tmp_path / f"run{n}")
        code = run_sync(source, copy, kill_after=rng.uniform(0.5, 1.0) * whole)
        outcome = check_after_kill(source, copy, template[1], expected)
        print(f"kill {n}: exit {code}, source {outcome}")
