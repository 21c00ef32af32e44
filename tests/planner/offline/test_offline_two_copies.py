"""Two copies of one source, edited independently: either order of syncing ends the same."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from offline_world import build_source
from sample_programme import CESC

from planner.db.database import Database, open_database
from planner.offline import checkout, sync
from planner.offline.tables import read_scope
from planner.services.topics import create_topic, delete_topic, update_topic


def edit(db: Database, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return fn(s, *args, **kwargs)


def state(db: Database, committee: str) -> dict:
    with db.engine.connect() as conn:
        return {k: r.values for k, r in read_scope(conn, [committee]).items()}


def prepared(folder: Path, source_target: str) -> tuple[str, dict[str, str]]:
    """The source and copies a and b, each edited; returns the committee id and topic ids."""
    folder.mkdir()
    source = open_database(source_target)
    ids, topics = build_source(source)
    for name in ("a", "b"):
        checkout(source, [CESC], folder / f"{name}.db", year="2018/19")
    a, b = open_database(folder / "a.db"), open_database(folder / "b.db")
    edit(a, update_topic, topics["academy"], method="Witness session")  # both: a conflict
    edit(b, update_topic, topics["academy"], method="Site visit", officers="Dave Hill")
    edit(a, create_topic, ids.committee, title="From copy a")
    edit(b, delete_topic, topics["ofsted"])
    edit(source, update_topic, topics["academy"], notes="Clerk's note")
    for db in (source, a, b):
        db.close()
    return ids.committee, topics


def run(folder: Path, source_target: str, order: str) -> tuple[list[dict], list[tuple]]:
    dbs = {"source": open_database(source_target),
           **{n: open_database(folder / f"{n}.db") for n in ("a", "b")}}  # fmt: skip
    conflicts = []
    for name in order:  # e.g. "aba": the first copy again, to take the second's changes
        report = sync(dbs["source"], dbs[name])
        conflicts += [(c.key, c.field, frozenset({c.source_value, c.copy_value}))
                      for c in report.open_conflicts]  # fmt: skip
    return [dbs[n] for n in ("source", "a", "b")], conflicts  # type: ignore[return-value]


@pytest.fixture(params=["sqlite", "postgresql"])
def sources(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """``sources(name)``: the address of the source for one run; "start" is built first,
    the others are copies of it as it was then (a file copy, or a database template)."""
    if request.param == "sqlite":
        def sqlite_source(name: str) -> str:
            if name != "start":
                shutil.copy(tmp_path / "start.db", tmp_path / f"{name}.db")
            return str(tmp_path / f"{name}.db")

        yield sqlite_source
        return
    server = request.getfixturevalue("pg_server")
    made: dict[str, str] = {"start": server.new_database(request.getfixturevalue("pg_template"))}

    def pg_source(name: str) -> str:
        if name not in made:
            made[name] = server.new_database(template=made["start"])
        return str(server.url(made[name]))

    yield pg_source
    for database in made.values():
        server.drop_database(database)


def test_either_order_ends_in_the_same_result(
    tmp_path: Path, sources: Callable[[str], str]
) -> None:
    committee, topics = prepared(tmp_path / "start", sources("start"))
    shutil.copytree(tmp_path / "start", tmp_path / "ab")
    shutil.copytree(tmp_path / "start", tmp_path / "ba")
    first, first_conflicts = run(tmp_path / "ab", sources("ab"), "aba")
    second, second_conflicts = run(tmp_path / "ba", sources("ba"), "bab")
    try:
        ends = [[state(db, committee) for db in dbs] for dbs in (first, second)]
        academy = ("topic", topics["academy"])
        for end in ends:
            # Apart from the open conflict (each side keeps its method), all three agree.
            for s in end:
                assert s[academy]["notes"] == "Clerk's note"
                assert s[academy]["officers"] == "Dave Hill"
                assert ("topic", topics["ofsted"]) not in s
                assert any(v.get("title") == "From copy a" for v in s.values())
        strip = [[{k: {f: v for f, v in vals.items() if k != academy or f != "method"}
                   for k, vals in s.items()} for s in end] for end in ends]  # fmt: skip
        assert strip[0][0] == strip[0][1] == strip[0][2] == strip[1][0] == strip[1][1]
        # The conflict is reported the same way in both orders: one record, one field,
        # the two copies' values.
        assert set(first_conflicts) == set(second_conflicts) == {
            (academy, "method", frozenset({"Witness session", "Site visit"}))
        }
    finally:
        for dbs in (first, second):
            for db in dbs:
                db.close()
