"""Databases and a command-line runner for the import tests."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from db_state import digest, url_of
from import_fixtures import CESC, file_state

from planner.cli import main as cli_main
from planner.db.database import Database, open_database
from planner.services.committees import create_committee, create_council
from planner.services.lookup import committee_by_name


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def demo_db(demo_url: str) -> Iterator[Database]:
    """The demo programmes, committed."""
    db = open_database(demo_url)
    yield db
    db.close()


@pytest.fixture
def demo_cesc(demo_db: Database) -> str:
    with demo_db.reading() as s:
        return committee_by_name(s, CESC, "2018/19").id


@pytest.fixture
def empty_db(new_db_url: Callable[[], str]) -> Iterator[Database]:
    """Surrey with an empty Children and Education Select Committee for 2017/18 and 2018/19."""
    db = open_database(new_db_url())
    with db.transaction() as s:
        council = create_council(s, name="Surrey County Council")
        for year in ("2017/18", "2018/19"):
            create_committee(s, council.id, name=CESC, municipal_year=year)
    yield db
    db.close()


@pytest.fixture
def empty_cesc(empty_db: Database) -> str:
    with empty_db.reading() as s:
        return committee_by_name(s, CESC, "2018/19").id


@pytest.fixture
def unchanged(tmp_path: Path) -> Callable[[Database], Callable[[], None]]:
    """Close ``db`` and note its file's bytes (or, on PostgreSQL, its rows); the returned
    check asserts they are the same."""

    def snapshot(db: Database) -> Callable[[], None]:
        path = db.sqlite_path
        url = url_of(db)
        db.close()
        before = file_state(path) if path is not None else digest(url)

        def check() -> None:
            after = file_state(path) if path is not None else digest(url)
            assert after == before, "the database changed"

        return check

    return snapshot


@pytest.fixture
def fwp(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """Run ``fwp`` in-process; ``import`` is registered here until main.py wires it in."""
    original = cli_main.build_parser

    def build() -> argparse.ArgumentParser:
        parser = original()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "import" not in sub.choices:
            from planner.cli import import_cmds

            common = cli_main._Parser(add_help=False)
            common.add_argument("--committee", required=True)
            common.add_argument("--year")
            common.add_argument("--council")
            import_cmds.register(sub, common)
        return parser

    monkeypatch.setattr(cli_main, "build_parser", build)

    def run(*args: str) -> tuple[int, str, str]:
        status = cli_main.main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run
