"""A source database with a small programme, taken offline, for the offline tests.

A plain module (not a conftest) so that tests can import its helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sample_programme import CESC, Cesc, build_cesc

from planner.db.database import Database, open_database
from planner.offline import checkout, sync
from planner.offline.apply import read_base
from planner.offline.meta import read_meta
from planner.offline.sync import SyncReport
from planner.offline.tables import Key, read_scope
from planner.services.actions import create_action
from planner.services.topics import create_topic, move_topic

ACADEMY = "Surrey Children's Services Academy"
OFSTED = "Response of Children's Services to Ofsted (2018)"


@dataclass
class World:
    source: Database
    copy: Database
    copy_path: Path
    ids: Cesc
    academy: str  # topic at the September meeting, moved once (it has a topic_move)
    ofsted: str  # topic at the November meeting
    outside: str  # topic of the other committee (not taken offline)
    action: str

    @property
    def scope(self) -> list[str]:
        return [self.ids.committee]

    def state(self, db: Database) -> dict[Key, dict[str, Any]]:
        with db.engine.connect() as conn:
            return {k: r.values for k, r in read_scope(conn, self.scope).items()}

    def versions(self, db: Database) -> dict[Key, int]:
        with db.engine.connect() as conn:
            return {k: r.version for k, r in read_scope(conn, self.scope).items()}

    def base(self) -> dict[Key, Any]:
        with self.copy.engine.connect() as conn:
            return read_base(conn)

    def meta(self) -> dict[str, str | None]:
        with self.copy.engine.connect() as conn:
            return read_meta(conn)

    def sync(self, **kwargs: Any) -> SyncReport:
        return sync(self.source, self.copy, **kwargs)

    def value(self, db: Database, table: str, record_id: str, field: str) -> Any:
        return self.state(db).get((table, record_id), {}).get(field, "<absent>")

    def close(self) -> None:
        self.copy.close()


def build_source(source: Database) -> tuple[Cesc, dict[str, str]]:
    ids = build_cesc(source)
    with source.transaction() as s:
        academy = create_topic(s, ids.committee, title=ACADEMY, meeting_id=ids.sept,
                               method="Formal report", officers="Sheila Norris")  # fmt: skip
        move_topic(s, academy.id, meeting_id=ids.nov, reason="Report not ready")
        ofsted = create_topic(s, ids.committee, title=OFSTED, meeting_id=ids.nov)
        outside = create_topic(s, ids.other, title="Adult social care charges")
        action = create_action(s, ids.committee, text="Circulate the figures", owner="Clerk")
    return ids, {"academy": academy.id, "ofsted": ofsted.id, "outside": outside.id,
                 "action": action.id}  # fmt: skip


def take_offline(source: Database, folder: Path, name: str = "copy.db") -> tuple[Database, Path]:
    path = folder / name
    checkout(source, [CESC], path, year="2018/19")
    return open_database(path), path


def make_world(source: Database, folder: Path) -> World:
    ids, topics = build_source(source)
    copy, path = take_offline(source, folder)
    return World(source, copy, path, ids, **topics)
