"""sync_10k: an offline sync of a copy of every committee of the 10,000-topic database,
with 500 edits on each side, median of the runs (target <= 2 s).

``python -m bench.sync DB RUNS`` prints one JSON object: the checkout time (once), and
per run the time of ``planner.offline.sync`` from start to both commits (the databases
already open, as in the window). Each run starts from fresh copies of the same source
and checked-out copy; the edits (500 topics' notes in the source, 500 topics' officers
in the copy, chosen at random so some land on one record) are made before the clock
starts, as a user would make them: a new value, the version raised, updated_at set.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EDITS = 500


def _edit(path: Path, field: str, who: str, rng: random.Random) -> None:
    from sqlalchemy import select, update

    from planner.db.database import open_database
    from planner.db.models import Topic, utcnow

    db = open_database(path)
    try:
        table = Topic.__table__
        with db.engine.begin() as conn:
            ids = sorted(conn.execute(select(table.c.id)).scalars())
            for n, topic in enumerate(rng.sample(ids, EDITS)):
                conn.execute(
                    update(table).where(table.c.id == topic).values(
                        **{field: f"{who} edit {n}"}, version=table.c.version + 1,
                        updated_at=utcnow(),
                    )
                )  # fmt: skip
    finally:
        db.close()


def times(db_path: str, runs: int) -> dict[str, Any]:
    from planner.db.database import open_database
    from planner.db.schema import copy_sqlite
    from planner.offline import checkout, sync

    folder = Path(tempfile.mkdtemp(prefix="fwp-bench-sync-"))
    source_path, copy_path = folder / "source.db", folder / "copy.db"
    copy_sqlite(Path(db_path), source_path)
    source = open_database(source_path)
    with source.engine.connect() as conn:
        from sqlalchemy import text

        names = sorted(conn.execute(text("SELECT DISTINCT name FROM committee")).scalars())
    start = time.perf_counter()
    report = checkout(source, names, copy_path)
    result: dict[str, Any] = {"checkout": time.perf_counter() - start, "sync": [],
                              "topics": report.topics, "records": report.records}  # fmt: skip
    source.close()
    rng = random.Random(20261202)
    for run in range(runs):
        run_source, run_copy = folder / f"source-{run}.db", folder / f"copy-{run}.db"
        copy_sqlite(source_path, run_source)
        copy_sqlite(copy_path, run_copy)
        _edit(run_source, "notes", "source", rng)
        _edit(run_copy, "officers", "copy", rng)
        a, b = open_database(run_source), open_database(run_copy)
        try:
            start = time.perf_counter()
            done = sync(a, b)
            result["sync"].append(time.perf_counter() - start)
        finally:
            a.close()
            b.close()
        assert done.to_source.updated == EDITS and done.to_copy.updated == EDITS, done
        result["conflicts"] = len(done.conflicts)
    return result


if __name__ == "__main__":
    print(json.dumps(times(sys.argv[1], int(sys.argv[2]))))
    sys.stdout.flush()
    os._exit(0)
