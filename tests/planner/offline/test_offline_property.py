"""Property: random edits on the source and on one or two copies, synced in random orders,
lose no edit that was not reported as a conflict, and end with a sync that is a no-op.

Each example starts from copies of one template (source plus two checked-out copies,
built once), so an example costs file copies and a few service calls, not migrations.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_programme import CESC, build_cesc

from planner.db.database import open_database
from planner.offline import checkout, sync
from planner.offline.tables import read_scope
from planner.services.topics import create_topic, delete_topic, update_topic

FIELDS = ("method", "officers", "notes")
SIDES = ("source", "c0", "c1")


def build_template(folder: Path, source_target: str) -> str:
    """The source (four topics) and copies c0 and c1 in ``folder``; the committee's id."""
    source = open_database(source_target)
    ids = build_cesc(source)
    with source.transaction() as s:
        for n in range(4):
            create_topic(s, ids.committee, title=f"Topic {n}", meeting_id=ids.sept)
    for name in ("c0", "c1"):
        checkout(source, [CESC], folder / f"{name}.db", year="2018/19")
    source.close()
    return ids.committee


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("offline-template")
    yield folder, build_template(folder, str(folder / "source.db"))


@pytest.fixture(scope="module")
def pg_template_world(
    tmp_path_factory: pytest.TempPathFactory, pg_server: Any, pg_template: str
) -> Iterator[tuple[Path, str, str]]:
    """The same on PostgreSQL: the source is a database each example clones."""
    folder = tmp_path_factory.mktemp("offline-pg-template")
    name = pg_server.new_database(template=pg_template)
    committee = build_template(folder, pg_server.url(name))
    yield folder, committee, name
    pg_server.drop_database(name)


edit_step = st.tuples(st.just("edit"), st.sampled_from(SIDES), st.integers(0, 20),
                      st.sampled_from(FIELDS))  # fmt: skip
create_step = st.tuples(st.just("create"), st.sampled_from(SIDES), st.integers(0, 20))
delete_step = st.tuples(st.just("delete"), st.sampled_from(SIDES), st.integers(0, 20))
sync_step = st.tuples(st.just("sync"), st.sampled_from(("c0", "c1")),
                      st.sampled_from((None, None, None, "copy", "source")))  # fmt: skip
steps = st.lists(st.one_of(edit_step, edit_step, create_step, delete_step, sync_step),
                 min_size=1, max_size=14)  # fmt: skip


class Run:
    def __init__(self, folder: Path, source: str, committee: str, copies: int) -> None:
        self.committee = committee
        self.names = ("source", *(f"c{i}" for i in range(copies)))
        self.dbs = {n: open_database(folder / f"{n}.db") for n in self.names[1:]}
        self.dbs["source"] = open_database(source)
        self.clock = 0
        # Every edit writes a value of its own, so the value that ends up in a field says
        # which edit won. value -> (time, topic, field, the value it overwrote there).
        self.edits: dict[str, tuple[int, str, str, Any]] = {}
        self.created: list[tuple[int, str]] = []
        self.deleted: list[tuple[int, str]] = []
        self.conflicted: set[str] = set()  # records named in a conflict (settled or not)

    def topics(self, side: str) -> list[str]:
        with self.dbs[side].engine.connect() as conn:
            return sorted(k[1] for k in read_scope(conn, [self.committee]) if k[0] == "topic")

    def state(self, side: str) -> dict[Any, dict[str, Any]]:
        with self.dbs[side].engine.connect() as conn:
            return {k: r.values for k, r in read_scope(conn, [self.committee]).items()}

    def step(self, step: tuple[Any, ...]) -> None:
        self.clock += 1
        kind, side = step[0], step[1]
        if side not in self.names:
            return
        db = self.dbs[side]
        if kind == "sync":
            report = sync(self.dbs["source"], db, prefer=step[2])
            self.conflicted |= {c.key[1] for c in report.conflicts}
            return
        present = self.topics(side)
        with db.transaction() as s:
            if kind == "create":
                made = create_topic(s, self.committee, title=f"New {self.clock}")
                self.created.append((self.clock, made.id))
            elif present and kind == "delete":
                topic = present[step[2] % len(present)]
                delete_topic(s, topic)
                self.deleted.append((self.clock, topic))
            elif present:
                topic = present[step[2] % len(present)]
                field, value = step[3], f"{side} edit {self.clock}"
                before = self.state(side)[("topic", topic)][field]
                update_topic(s, topic, **{field: value})
                self.edits[value] = (self.clock, topic, field, before)

    def settle(self) -> dict[str, Any]:
        """Sync every copy in turn until changes have gone everywhere; the last reports."""
        last: dict[str, Any] = {}
        for _round in range(3):
            for name in self.names[1:]:
                last[name] = sync(self.dbs["source"], self.dbs[name])
                self.conflicted |= {c.key[1] for c in last[name].conflicts}
        return last

    def knew_of(self, winner: Any, value: str) -> bool:
        """Whether the edit that wrote ``winner`` was made over ``value`` (or over an edit
        made over it): a deliberate overwrite, not a lost edit."""
        seen = set()
        while winner in self.edits and winner not in seen:
            seen.add(winner)
            winner = self.edits[winner][3]
            if winner == value:
                return True
        return False

    def close(self) -> None:
        for db in self.dbs.values():
            db.close()


def later(events: list[tuple[int, str]], topic: str, after: int) -> bool:
    return any(t == topic and when > after for when, t in events)


def check_run(folder: Path, source: str, committee: str, plan: list[Any], copies: int) -> None:
    run = Run(folder, source, committee, copies)
    try:
        for step in plan:
            run.step(step)
        last = run.settle()
        final = run.state("source")
        for value, (when, topic, field, _before) in run.edits.items():
            won = final.get(("topic", topic), {}).get(field)
            assert won == value or run.knew_of(won, value) or (
                later(run.deleted, topic, when) or topic in run.conflicted
            ), f"edit of {field} on {topic} at step {when} was lost"
        for when, topic in run.created:
            assert ("topic", topic) in final or later(run.deleted, topic, when) or (
                topic in run.conflicted
            ), f"topic created at step {when} was lost"
        for _when, topic in run.deleted:
            assert ("topic", topic) not in final or topic in run.conflicted
        # Apart from open conflicts every copy holds what the source holds, and
        # syncing again changes nothing.
        for name in run.names[1:]:
            open_keys = {c.key for c in last[name].open_conflicts}
            mine = run.state(name)
            for key in set(final) | set(mine):
                if key not in open_keys:
                    assert final.get(key) == mine.get(key), (name, key)
            again = sync(run.dbs["source"], run.dbs[name])
            assert again.nothing_to_do and not again.applied
            assert {c.key for c in again.open_conflicts} == open_keys
    finally:
        run.close()


def copies_of(template: Path, names: tuple[str, ...]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fwp-offline-prop-"))
    for name in names:
        shutil.copy(template / f"{name}.db", folder / f"{name}.db")
    return folder


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(plan=steps, copies=st.sampled_from((1, 2)))
def test_no_edit_is_lost_unless_reported(
    template: tuple[Path, str], plan: list[tuple[Any, ...]], copies: int
) -> None:
    folder = copies_of(template[0], ("source", "c0", "c1"))
    try:
        check_run(folder, str(folder / "source.db"), template[1], plan, copies)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(plan=steps, copies=st.sampled_from((1, 2)))
def test_no_edit_is_lost_unless_reported_postgresql(
    pg_template_world: tuple[Path, str, str], pg_server: Any,
    plan: list[tuple[Any, ...]], copies: int,
) -> None:  # fmt: skip
    template, committee, database = pg_template_world
    folder = copies_of(template, ("c0", "c1"))
    source = pg_server.new_database(template=database)
    try:
        check_run(folder, pg_server.url(source), committee, plan, copies)
    finally:
        pg_server.drop_database(source)
        shutil.rmtree(folder, ignore_errors=True)
