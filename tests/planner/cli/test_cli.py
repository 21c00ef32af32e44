"""The ``fwp`` command line, run in-process through ``main(argv)``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from db_state import digest

from planner.cli.main import main
from planner.db.database import open_database
from planner.services.lookup import committee_by_name
from planner.services.topics import list_topics

CESC = "--committee=Children and Education Select Committee"


@pytest.fixture
def fwp(demo_url: str, capsys: pytest.CaptureFixture[str]):
    """Run fwp against a demo database (a file, or an address on the PostgreSQL server);
    returns (exit status, stdout, stderr)."""
    db_path = demo_url

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", db_path, *args])
        out, err = capsys.readouterr()
        return status, out, err

    run.path = db_path  # type: ignore[attr-defined]
    return run


def topics_of(path: str, year: str = "2018/19") -> dict[str, object]:
    db = open_database(path)
    with db.reading() as s:
        committee = committee_by_name(s, "Children and Education Select Committee", year)
        found = {t.title: t for t in list_topics(s, [committee.id])}
    db.close()
    return found


def test_demo_loads_into_an_empty_database(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "demo"]) == 0
    assert "Loaded the demo programme" in capsys.readouterr().out
    assert "Alternative Education Provision" in topics_of(db_url)


def test_demo_twice_adds_nothing(fwp) -> None:
    before = digest(fwp.path)
    status, out, _ = fwp("demo")
    assert status == 0
    assert "nothing added" in out
    assert digest(fwp.path) == before


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("committees", "Kay Hammond"),
        ("meetings", "16 November 2018"),
        ("topics", "Alternative Education Provision"),
        ("groups", "Out of County Placements Task and Finish Group"),
        ("recommendations", "10/18"),
        ("actions", "A further update was requested"),
        ("activities", "Reigate and Banstead"),
    ],
)
def test_list_every_kind(fwp, what: str, expected: str) -> None:
    status, out, err = fwp("list", what, CESC)
    assert status == 0, err
    assert expected in out


def test_list_filters_by_year(fwp) -> None:
    _, out, _ = fwp("list", "topics", CESC, "--year", "2017/18")
    assert "CAMHS" in out or "Children and Adolescent Mental Health" in out
    assert "Alternative Education Provision" not in out


def test_topic_add_edit_move_delete(fwp) -> None:
    status, out, err = fwp("meeting", "add", CESC, "--date", "23 April 2019", "--time", "10:00")
    assert status == 0, err
    status, out, err = fwp(
        "topic",
        "add",
        CESC,
        "--year",
        "2018/19",
        "--title",
        "Youth Services",
        "--meeting",
        "2019-04-23",
        "--method",
        "Formal report",
        "--officer",
        "Head of Youth",
    )
    assert status == 0, err
    assert "23 April 2019" in out
    assert (
        fwp(
            "topic",
            "edit",
            CESC,
            "--year",
            "2018/19",
            "--title",
            "Youth Services",
            "--outcome",
            "Better youth provision",
            "--exempt",
            "3",
        )[0]
        == 0
    )
    topic = topics_of(fwp.path)["Youth Services"]
    assert topic.outcome == "Better youth provision" and topic.exempt_paragraph == 3
    status, out, err = fwp(
        "topic",
        "move",
        CESC,
        "--year",
        "2018/19",
        "--title",
        "Alternative Education Provision",
        "--meeting",
        "23 April 2019",
        "--reason",
        "Report not ready",
    )
    assert status == 0, err
    moved = topics_of(fwp.path)["Alternative Education Provision"]
    assert moved.deferral_count == 1 and moved.deferral_reason == "Report not ready"
    assert moved.meeting_date.isoformat() == "2019-04-23"
    assert (
        fwp(
            "topic", "move", CESC, "--year", "2018/19", "--title", "Youth Services", "--unschedule"
        )[0]
        == 0
    )
    assert topics_of(fwp.path)["Youth Services"].when == "In development"
    assert fwp("topic", "delete", CESC, "--year", "2018/19", "--title", "Youth Services")[0] == 0
    assert "Youth Services" not in topics_of(fwp.path)


def test_meeting_edit_and_delete_with_policy(fwp) -> None:
    fwp("meeting", "add", CESC, "--date", "2019-04-23")
    fwp(
        "topic",
        "add",
        CESC,
        "--year",
        "2018/19",
        "--title",
        "Youth Services",
        "--meeting",
        "2019-04-23",
    )
    status, out, _ = fwp(
        "meeting", "edit", CESC, "--date", "2019-04-23", "--new-date", "30 April 2019"
    )
    assert status == 0 and "30 April 2019" in out and "moved" in out
    before = digest(fwp.path)
    status, _, err = fwp("meeting", "delete", CESC, "--date", "2019-04-30")
    assert status == 1 and "1 topic" in err
    assert digest(fwp.path) == before
    status, _, err = fwp(
        "meeting",
        "delete",
        CESC,
        "--date",
        "2019-04-30",
        "--topics",
        "move",
        "--move-to",
        "16 November 2018",
    )
    assert status == 0, err
    assert topics_of(fwp.path)["Youth Services"].when == "16 November 2018"


def test_group_recommendation_action_activity(fwp) -> None:
    assert (
        fwp(
            "group",
            "add",
            CESC,
            "--year",
            "2018/19",
            "--title",
            "Home to School Transport",
            "--members",
            "Chris Botten; Liz Bowes",
            "--start",
            "2018-10-01",
            "--finish",
            "2019-03-31",
        )[0]
        == 0
    )
    status, _, err = fwp(
        "group",
        "edit",
        CESC,
        "--year",
        "2018/19",
        "--title",
        "Home to School Transport",
        "--finish",
        "2018-09-01",
    )
    assert status == 1 and "finish" in err
    status, out, err = fwp(
        "recommendation",
        "add",
        CESC,
        "--meeting",
        "2018-11-16",
        "--item",
        "41",
        "--text",
        "That the service reports back in six months.",
    )
    assert status == 0, err
    assert "41/18" in out and "16 January 2019" in out
    status, _, err = fwp("recommendation", "edit", CESC, "--ref", "41/18", "--status", "slipped")
    assert status == 1 and "new date" in err
    assert (
        fwp(
            "recommendation",
            "edit",
            CESC,
            "--ref",
            "41/18",
            "--status",
            "slipped",
            "--slipped-to",
            "1 March 2019",
            "--slipped-reason",
            "Data late",
        )[0]
        == 0
    )
    _, out, _ = fwp("list", "recommendations", CESC)
    assert "Slipped" in out and "Amber" in out
    assert (
        fwp(
            "action",
            "add",
            CESC,
            "--year",
            "2018/19",
            "--text",
            "Circulate figures",
            "--owner",
            "Chairman",
            "--due",
            "1 December 2018",
        )[0]
        == 0
    )
    assert (
        fwp("action", "edit", CESC, "--year", "2018/19", "--text", "Circulate figures", "--done")[0]
        == 0
    )
    _, out, _ = fwp("list", "actions", CESC, "--year", "2018/19")
    assert "Circulate figures" in out and "yes" in out
    status, out, _ = fwp(
        "activity",
        "add",
        CESC,
        "--year",
        "2018/19",
        "--member",
        "Liz Bowes",
        "--quarter",
        "Q1 2019",
        "--location",
        "Woking",
    )
    assert status == 0
    short = out.strip().rsplit("[", 1)[1].rstrip("].")
    assert fwp("activity", "delete", CESC, "--year", "2018/19", "--id", short)[0] == 0


def test_council_committee_member(fwp) -> None:
    assert fwp("council", "add", "--name", "Powys County Council", "--nation", "wales")[0] == 0
    status, out, err = fwp(
        "committee",
        "add",
        "--council",
        "Powys County Council",
        "--name",
        "Learning and Skills Scrutiny Committee",
        "--year",
        "2024/25",
        "--chairman",
        "Gwyn Evans",
    )
    assert status == 0, err
    assert (
        fwp(
            "member",
            "add",
            "--committee",
            "Learning and Skills Scrutiny Committee",
            "--name",
            "Sian Jones",
            "--office",
            "vice-chairman",
        )[0]
        == 0
    )
    _, out, _ = fwp("list", "committees")
    assert "Gwyn Evans" in out and "Sian Jones" in out
    status, _, err = fwp(
        "committee",
        "add",
        "--council",
        "Powys County Council",
        "--name",
        "Learning and Skills Scrutiny Committee",
        "--year",
        "2024/25",
    )
    assert status == 1 and "already exists" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["topic", "add", CESC, "--title", " "], "title must not be blank"),
        (["meeting", "add", CESC, "--date", "31 February 2019"], "not a real date"),
        (
            ["topic", "edit", CESC, "--title", "SEND Transformation", "--exempt", "9"],
            "paragraphs 1 to 7",
        ),
        (["topic", "add", "--committee", "Nope", "--title", "x"], "no committee called 'Nope'"),
        (["list", "topics", CESC, "--year", "2030/31"], "no municipal year 2030/31"),
        (["topic", "move", CESC, "--title", "SEND Transformation"], "Say where"),
        (["recommendation", "add", CESC, "--meeting", "2018-11-16", "--text", "x"], "minute item"),
    ],
)
def test_errors_are_one_sentence_and_change_nothing(fwp, args: list[str], says: str) -> None:
    before = digest(fwp.path)
    status, _out, err = fwp(*args)
    assert status == 1
    assert says in err
    assert err.startswith("fwp: ") and err.count("\n") == 1
    assert digest(fwp.path) == before


def test_bad_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("minutes of the last meeting")
    assert main(["--db", str(bad), "list", "committees"]) == 1
    assert "is not a planner database" in capsys.readouterr().err
    assert bad.read_text() == "minutes of the last meeting"


def test_console_script_runs(tmp_path: Path) -> None:
    """The installed entry point (what clerks type), not just main()."""
    result = subprocess.run(
        [sys.executable, "-m", "planner.cli.main", "--db", str(tmp_path / "x.db"), "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Loaded the demo programme" in result.stdout
