"""``--expected-version``: a script's edit on a stale version is refused with status 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli.main import main

CESC = "--committee=Children and Education Select Committee"
TOPIC = "--title=Alternative Education Provision"


@pytest.fixture
def fwp(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db_path = tmp_path / "cli.db"
    assert main(["--db", str(db_path), "council", "add", "--name", "Surrey County Council"]) == 0
    committee = ["--name", "Children and Education Select Committee", "--year", "2018/19"]
    assert main(["--db", str(db_path), "committee", "add", "--council", "Surrey County Council",
                 *committee]) == 0  # fmt: skip
    assert main(["--db", str(db_path), "topic", "add", CESC, "--year=2018/19", TOPIC]) == 0
    assert main(["--db", str(db_path), "meeting", "add", CESC, "--date=2018-11-16"]) == 0
    capsys.readouterr()

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_an_edit_at_the_current_version_is_saved_and_says_the_new_one(fwp) -> None:
    status, out, _ = fwp("topic", "edit", CESC, TOPIC, "--officer=Liz Mills",
                         "--expected-version=1")  # fmt: skip
    assert status == 0 and out.strip().endswith("(version 2).")


def test_a_stale_edit_exits_1_with_the_message_and_changes_nothing(fwp) -> None:
    assert fwp("topic", "edit", CESC, TOPIC, "--officer=Liz Mills")[0] == 0
    status, out, err = fwp("topic", "edit", CESC, TOPIC, "--officer=Julie Fisher",
                           "--expected-version=1")  # fmt: skip
    assert status == 1 and not out
    # Who and when come from the change history (the first edit above made it).
    assert err.startswith("fwp: ")
    assert " changed the officers of topic 'Alternative Education Provision' at " in err
    assert err.strip().endswith("your edit was not saved.")
    status, out, _ = fwp("topic", "edit", CESC, TOPIC, "--method=Witness session",
                         "--expected-version=2")  # fmt: skip
    assert status == 0 and "(version 3)" in out


def test_a_move_then_an_edit_in_one_command_checks_the_version_once(fwp) -> None:
    status, out, _ = fwp("topic", "edit", CESC, TOPIC, "--meeting=16 November 2018",
                         "--officer=Liz Mills", "--expected-version=1")  # fmt: skip
    assert status == 0 and "at 16 November 2018" in out and "(version 3)" in out
    status, _, err = fwp("topic", "move", CESC, TOPIC, "--unschedule", "--expected-version=1")
    assert status == 1 and "your edit was not saved" in err


@pytest.mark.parametrize(
    ("args", "stale"),
    [
        (["meeting", "edit", CESC, "--date=2018-11-16", "--place=County Hall"], 1),
        (["meeting", "delete", CESC, "--date=2018-11-16"], 1),
        (["topic", "delete", CESC, TOPIC], 1),
        (["committee", "edit", "--name=Children and Education Select Committee",
          "--year=2018/19", "--notes=Webcast"], 1),
        (["council", "edit", "--name=Surrey County Council", "--nation=wales"], 1),
    ],
)  # fmt: skip
def test_other_kinds_and_deletes_refuse_a_stale_version(fwp, args: list[str], stale: int) -> None:
    status, _, err = fwp(*args, f"--expected-version={stale + 5}")
    assert status == 1 and err.startswith("fwp: Someone else changed")
    assert fwp(*args, f"--expected-version={stale}")[0] == 0
