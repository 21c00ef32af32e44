"""Deterministic synthetic councils for the benchmarks, written through the real schema.

``python -m bench.generate 10000`` writes (or reuses) ``/tmp/fwp-bench/planner-10000-REVISION.db``:
committees x municipal years, 6-8 meetings a year, topics with text of realistic length,
task groups, recommendations, actions and a few deferrals. The file is rebuilt when the
schema revision or this generator changes. Rows go in with bulk ``insert()`` of dicts
(PLATFORM.md: about five times faster than ``add_all``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sys
import uuid
from pathlib import Path
from typing import Any

CACHE = Path("/tmp/fwp-bench")
GENERATOR_VERSION = 1
SEED = 20261122
# topics -> (committees, municipal years): ~80-170 topics per committee-year.
LAYOUTS = {1_000: (3, 4), 10_000: (12, 10), 100_000: (24, 25)}
LAST_YEAR = 2025  # the newest municipal year is 2025/26
STAMP = dt.datetime(2026, 11, 1, 9, 0)


def db_path(size: int) -> Path:
    """Named by schema revision too: engineers on other branches share /tmp/fwp-bench,
    and a build with a newer schema upgrades (or rebuilds) a file it opens."""
    from planner.db.revision import HEAD_REVISION

    return CACHE / f"planner-{size}-{HEAD_REVISION}.db"


def _meta(size: int) -> dict[str, Any]:
    """What the cached file was built from: a change to any of it rebuilds the file."""
    from planner.db.revision import HEAD_REVISION

    here = Path(__file__).parent
    source = hashlib.sha256(b"".join((here / n).read_bytes() for n in ("generate.py", "text.py")))
    return {
        "revision": HEAD_REVISION,
        "generator": GENERATOR_VERSION,
        "source": source.hexdigest()[:16],
        "seed": SEED,
        "size": size,
    }


def ensure(size: int) -> Path:
    """The cached database of ``size`` topics (0: an empty planner file), built if needed."""
    path = db_path(size)
    meta_file = path.with_suffix(".json")
    meta = _meta(size)
    if path.exists() and meta_file.exists() and json.loads(meta_file.read_text()) == meta:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), meta_file):
        stale.unlink(missing_ok=True)
    build(path, size)
    meta_file.write_text(json.dumps(meta))
    return path


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _record(new_id: _Ids, **values: Any) -> dict[str, Any]:
    return {"id": new_id(), "created_at": STAMP, "updated_at": STAMP, "version": 1, **values}


def _committee_names(count: int) -> list[str]:
    from bench.text import COMMITTEES

    suffixes = ("Select Committee", "Scrutiny Panel", "Overview and Scrutiny Committee")
    names = [f"{area} {suffix}" for suffix in suffixes for area in COMMITTEES]
    return names[:count]


def _meeting_dates(rng: random.Random, start_year: int, count: int) -> list[dt.date]:
    """``count`` weekdays between June and March of the municipal year."""
    first = dt.date(start_year, 6, 1)
    span = (dt.date(start_year + 1, 3, 31) - first).days
    step = span // count
    dates = []
    for i in range(count):
        day = first + dt.timedelta(days=i * step + rng.randint(0, max(1, step - 7)))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        dates.append(day)
    return dates


def rows_for(size: int) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as dicts, in insert order (parents first)."""
    from bench.text import SEASONS, TextMaker
    from planner.enums import (
        METHODS,
        GroupStatus,
        MeetingStatus,
        MemberRole,
        Nation,
        Office,
        RecStatus,
        TopicSource,
        TopicStatus,
    )

    rng = random.Random(SEED + size)
    new_id = _Ids(rng)
    text = TextMaker(rng)
    out: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("council", "committee", "member", "meeting", "topic", "move", "group",
                        "recommendation", "action")
    }  # fmt: skip
    council = _record(new_id, name="Midshire County Council", nation=Nation.ENGLAND, settings={})
    out["council"].append(council)
    if size == 0:
        return out
    n_committees, n_years = LAYOUTS[size]
    slots = n_committees * n_years
    per_slot = [size // slots + (1 if i < size % slots else 0) for i in range(slots)]
    slot = 0
    sources = list(TopicSource)
    for name in _committee_names(n_committees):
        for year in range(LAST_YEAR - n_years + 1, LAST_YEAR + 1):
            current = year == LAST_YEAR
            myear = f"{year}/{str(year + 1)[2:]}"
            committee = _record(
                new_id, council_id=council["id"], name=name, municipal_year=myear,
                terms_of_reference=["To scrutinise the services within the committee's remit."],
                contact_name=text.person(), contact_email="scrutiny@midshire.gov.uk",
                contact_phone="01234 567890", contact_room="County Hall", notes=None,
            )  # fmt: skip
            out["committee"].append(committee)
            cid = committee["id"]
            for position in range(10):
                office = {0: Office.CHAIRMAN, 1: Office.VICE_CHAIRMAN}.get(position)
                out["member"].append(_record(
                    new_id, committee_id=cid, name=text.person(), honorific="Cllr",
                    role=MemberRole.ELECTED, office=office, representing=None, position=position,
                ))  # fmt: skip
            meetings = []
            for day in _meeting_dates(rng, year, rng.randint(6, 8)):
                held = not current or day < dt.date(2026, 11, 22)
                status = MeetingStatus.HELD if held else MeetingStatus.SCHEDULED
                meeting = _record(
                    new_id, committee_id=cid, date=day, start_time=dt.time(10, 0),
                    place="Council Chamber, County Hall", status=status, notes=None,
                    capacity=None,
                )  # fmt: skip
                meetings.append(meeting)
            out["meeting"].extend(meetings)
            positions: dict[str | None, int] = {}
            for _ in range(per_slot[slot]):
                roll = rng.random()
                meeting = rng.choice(meetings) if roll < 0.78 else None
                timing = f"{rng.choice(SEASONS)} {year + 1}" if 0.78 <= roll < 0.9 else None
                held = meeting is not None and meeting["status"] == MeetingStatus.HELD
                waiting = (TopicStatus.PROPOSED, TopicStatus.IN_DEVELOPMENT, TopicStatus.SCHEDULED)
                status = TopicStatus.CONSIDERED if held else rng.choice(waiting)
                deferrals = 0
                state = rng.random()
                if state < 0.02:
                    status = TopicStatus.DROPPED
                elif state < 0.06:
                    status, deferrals = TopicStatus.DEFERRED, rng.randint(1, 2)
                key = meeting["id"] if meeting else timing
                positions[key] = positions.get(key, 0) + 1
                exempt = rng.random() < 0.02
                topic = _record(
                    new_id, committee_id=cid, meeting_id=meeting["id"] if meeting else None,
                    timing=timing, title=text.title(), description=text.description(),
                    outcome=text.outcome(), method=rng.choice(METHODS), officers=text.officers(),
                    cabinet_member=text.person() if rng.random() < 0.5 else None,
                    witnesses=text.officers() if rng.random() < 0.3 else None,
                    status=status, deferral_count=deferrals,
                    deferral_reason="Report not ready in time." if deferrals else None,
                    exempt=exempt, exempt_paragraph=3 if exempt else None,
                    source=rng.choice(sources), position=positions[key], notes=None,
                    substantive=True,
                )  # fmt: skip
                out["topic"].append(topic)
                for _d in range(deferrals):
                    out["move"].append(_record(
                        new_id, topic_id=topic["id"], from_label="Earlier meeting",
                        to_label="Later meeting", reason="Report not ready in time.",
                        deferral=True, moved_at=STAMP,
                    ))  # fmt: skip
            slot += 1
            for _g in range(rng.randint(1, 3)):
                start = dt.date(year, rng.randint(6, 12), 1)
                out["group"].append(_record(
                    new_id, committee_id=cid, title=text.title(), description=text.description(),
                    outcome=text.outcome(), members=[text.person() for _ in range(4)],
                    lead_member=text.person(), start_date=start,
                    projected_finish=start + dt.timedelta(days=rng.randint(90, 300)),
                    status=rng.choice(list(GroupStatus)), objectives=text.description(),
                    exempt=False,
                ))  # fmt: skip
            for item, meeting in enumerate(meetings, start=1):
                for n in range(rng.randint(1, 4)):
                    out["recommendation"].append(_record(
                        new_id, committee_id=cid, meeting_id=meeting["id"],
                        reference=f"{item * 10 + n}/{str(year)[2:]}", item_number=item,
                        text=text.outcome(), addressed_to=text.person(),
                        response_due=meeting["date"] + dt.timedelta(days=60),
                        response=text.description() if rng.random() < 0.7 else None,
                        status=rng.choice([*RecStatus, None]),
                    ))  # fmt: skip
                for _a in range(rng.randint(0, 3)):
                    out["action"].append(_record(
                        new_id, committee_id=cid, meeting_id=meeting["id"],
                        text=text.outcome(), owner=text.person(),
                        due=meeting["date"] + dt.timedelta(days=30), done=not current,
                    ))  # fmt: skip
    return out


def build(path: Path, size: int) -> None:
    from sqlalchemy import insert

    from planner.db.database import open_database
    from planner.db.models import (
        Action,
        Committee,
        CommitteeMember,
        Council,
        Meeting,
        Recommendation,
        TaskGroup,
        Topic,
        TopicMove,
    )  # fmt: skip

    models = {
        "council": Council, "committee": Committee, "member": CommitteeMember,
        "meeting": Meeting, "topic": Topic, "move": TopicMove, "group": TaskGroup,
        "recommendation": Recommendation, "action": Action,
    }  # fmt: skip
    rows = rows_for(size)
    db = open_database(path)
    try:
        with db.transaction() as session:
            for name, model in models.items():
                for start in range(0, len(rows[name]), 20_000):
                    session.execute(
                        # Synthetic rows: left out of the change history on purpose.
                        insert(model).execution_options(fwp_history=False),
                        rows[name][start : start + 20_000],
                    )
        raw = db.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    finally:
        db.close()


def main(argv: list[str]) -> int:
    for size in [int(a) for a in argv] or [0, *LAYOUTS]:
        print(ensure(size))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
