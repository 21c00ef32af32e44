"""``fwp offline checkout`` and ``fwp offline sync``: messages and exit statuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_world import ACADEMY, build_source
from sample_programme import CESC

from planner.cli.main import main
from planner.db.database import Database, open_database
from planner.services.topics import update_topic


@pytest.fixture
def taken(db: Database, db_url: str, tmp_path: Path) -> tuple[str, Path, dict[str, str]]:
    _ids, topics = build_source(db)
    out = tmp_path / "laptop.db"
    assert main(["--db", db_url, "offline", "checkout", "--committee", CESC, "--year", "2018/19",
                 "--out", str(out)]) == 0  # fmt: skip
    return db_url, out, topics


def edit_both(db: Database, copy_path: Path, topic: str) -> None:
    copy = open_database(copy_path)
    try:
        with copy.transaction() as s:
            update_topic(s, topic, method="Witness session")
    finally:
        copy.close()
    with db.transaction() as s:
        update_topic(s, topic, method="Site visit")


def test_checkout_says_what_it_took(taken, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url, _out, _topics = taken
    out = tmp_path / "second.db"
    assert main(["--db", url, "offline", "checkout", "--committee", CESC, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"into {out}" in said and f"{CESC} 2018/19" in said and "2 topics" in said
    assert out.exists()


def test_checkout_refuses_an_existing_file(taken, capsys) -> None:  # type: ignore[no-untyped-def]
    url, out, _topics = taken
    before = out.read_bytes()
    assert main(["--db", url, "offline", "checkout", "--committee", CESC, "--out", str(out)]) == 1
    assert "already exists; a checkout never overwrites a file" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_conflicts_are_listed_with_exit_status_2_then_settled(  # type: ignore[no-untyped-def]
    taken, db: Database, capsys
) -> None:
    url, out, topics = taken
    edit_both(db, out, topics["academy"])
    capsys.readouterr()
    assert main(["--db", url, "offline", "sync", str(out)]) == 2
    said = capsys.readouterr().out
    assert "1 conflict(s) left as they are on each side" in said
    assert f"topic '{ACADEMY}', method: copy 'Witness session'" in said
    assert "source 'Site visit'" in said and "--prefer copy or --prefer source" in said
    assert main(["--db", url, "offline", "sync", str(out), "--prefer", "copy"]) == 0
    assert "kept the copy's" in capsys.readouterr().out
    assert main(["--db", url, "offline", "sync", str(out)]) == 0
    assert "Nothing to sync" in capsys.readouterr().out


def test_dry_run_writes_nothing(taken, db: Database, capsys) -> None:  # type: ignore[no-untyped-def]
    url, out, topics = taken
    edit_both(db, out, topics["ofsted"])
    assert main(["--db", url, "offline", "sync", str(out), "--dry-run", "--prefer", "copy"]) == 0
    assert "Would sync" in capsys.readouterr().out
    assert main(["--db", url, "offline", "sync", str(out)]) == 2


def test_a_missing_copy_is_refused_and_not_created(  # type: ignore[no-untyped-def]
    taken, tmp_path: Path, capsys
) -> None:
    url, _out, _topics = taken
    missing = tmp_path / "nowhere.db"
    assert main(["--db", url, "offline", "sync", str(missing)]) == 1
    assert "does not exist, so there is no offline copy to sync" in capsys.readouterr().err
    assert not missing.exists()


def test_a_plain_database_is_not_an_offline_copy(  # type: ignore[no-untyped-def]
    taken, tmp_path: Path, capsys
) -> None:
    url, _out, _topics = taken
    plain = tmp_path / "plain.db"
    open_database(plain).close()
    assert main(["--db", url, "offline", "sync", str(plain)]) == 1
    assert "is not an offline copy" in capsys.readouterr().err
