"""``fwp history``, ``fwp history deleted`` and ``fwp restore``."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.cli.main import main

CESC = ["--committee", "Children and Education Select Committee", "--year", "2018/19"]
TITLE = "Alternative Education Provision"


@pytest.fixture
def fwp(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FWP_USER", "Jane Clerk")
    db_path = tmp_path / "cli.db"
    assert main(["--db", str(db_path), "demo"]) == 0
    capsys.readouterr()

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_topic_history_edit_delete_restore(fwp, tmp_path: Path) -> None:
    assert fwp("topic", "edit", *CESC, "--title", TITLE, "--method", "Witness session")[0] == 0
    status, out, _ = fwp("history", *CESC, "--topic", TITLE.upper())
    assert status == 0
    lines = out.splitlines()
    assert (
        lines[0]
        == f"History of the topic '{TITLE}' (Children and Education Select Committee 2018/19)"
    )
    assert lines[1].split()[:2] == ["When", "Who"]
    assert lines[3].split()[4:8] == ["Jane", "Clerk", "Changed", "Method"]
    assert "Formal report" in lines[3] and lines[3].rstrip().endswith("Witness session")
    assert fwp("topic", "delete", *CESC, "--title", TITLE)[0] == 0
    status, out, _ = fwp("history", "deleted", *CESC)
    assert status == 0 and TITLE in out
    change = out.splitlines()[3].split()[0]
    status, out, _ = fwp("restore", change)
    assert (status, out.strip()) == (0, f"Restored the topic '{TITLE}'.")
    status, out, err = fwp("restore", change)
    assert status == 1 and "exists again" in err and out == ""
    assert fwp("history", "deleted", *CESC)[1].startswith("Nothing deleted from")
    # A deleted topic's history can still be asked for by its title.
    assert fwp("topic", "delete", *CESC, "--title", TITLE)[0] == 0
    status, out, _ = fwp("history", *CESC, "--topic", TITLE, "--out", str(tmp_path / "t.xlsx"))
    assert status == 0 and out.startswith("Wrote 5 change(s)")
    ws = load_workbook(tmp_path / "t.xlsx").active
    assert [ws.cell(4 + i, 3).value for i in range(2)] == ["Deleted", "Restored"]


def test_committee_history_and_bad_input(fwp, tmp_path: Path) -> None:
    status, out, _ = fwp("history", *CESC, "--out", str(tmp_path / "c.csv"))
    assert status == 0 and out.startswith("Wrote ")
    assert (
        (tmp_path / "c.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("When,Who,Action,Record,Field,Old value,New value")
    )
    status, _out, err = fwp("restore", "zzzzzzzz")
    assert status == 1 and err == "fwp: There is no deletion with the id zzzzzzzz in the history.\n"
    status, _out, err = fwp("restore", "ab")
    assert status == 1 and "at least the first 4 characters" in err
    status, _out, err = fwp("history", *CESC, "--topic", "No Such Topic")
    assert status == 1 and "has no topic called 'No Such Topic', now or in its history" in err
