"""``fwp --db URL admin …`` and what a viewer's ``fwp`` says, on PostgreSQL and SQLite."""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from access_data import CESC, EXEMPT_TOPIC, PUBLIC_TOPIC, SURREY, build
from access_support import Shared
from pg_server import PgServer
from sqlalchemy import make_url

from planner.cli.main import main
from planner.db.database import open_database
from planner.enums import UserRole

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def fwp(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(db: str, *args: str) -> tuple[int, str, str]:
        status = main(["--db", db, *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def cli_db(pg_server: PgServer, pg_url: str) -> str:
    """A planner database on the server, with programmes but no roles set up yet."""
    db = open_database(pg_url)
    build(db)
    db.close()
    return pg_url


def _drop_roles(server: PgServer, url: str, logins: list[str]) -> None:
    name = make_url(url).database
    server.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for role in [*logins, *(f"fwp_{name}_{r}" for r in ("viewer", "member", "clerk", "chairman"))]:
        server.admin_sql(f'DROP ROLE IF EXISTS "{role}"')


def test_admin_on_postgresql(
    fwp: Run, cli_db: str, pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = f"viewer_{uuid.uuid4().hex[:8]}"
    clerk = f"clerk_{uuid.uuid4().hex[:8]}"
    name = make_url(cli_db).database
    try:
        status, out, err = fwp(cli_db, "admin", "setup")
        assert status == 0, err
        assert out.startswith(f"Roles are set up for this database (created fwp_{name}_viewer,")
        status, out, _ = fwp(cli_db, "admin", "setup")
        assert status == 0 and "(group roles already there)" in out

        monkeypatch.setenv("FWP_TEST_PASSWORD", "Pw-from-env-1")
        status, out, err = fwp(
            cli_db, "admin", "grant", "--council", SURREY, "--user", viewer, "--role", "viewer",
            "--password-env", "FWP_TEST_PASSWORD",
        )  # fmt: skip
        assert status == 0, err
        assert out.strip() == (
            f"{viewer} is now a viewer on {SURREY}'s programmes (login {viewer}, member of "
            f"fwp_{name}_viewer); login role created with its password."
        )
        assert "Pw-from-env-1" not in out + err

        answers = iter(["Pw-typed-2", "Pw-typed-2"])
        prompts: list[str] = []

        def typed(prompt: str = "") -> str:
            prompts.append(prompt)
            return next(answers)

        monkeypatch.setattr(getpass, "getpass", typed)
        status, out, err = fwp(
            cli_db, "admin", "grant", "--council", SURREY, "--user", clerk, "--role", "Clerk",
            "--password-prompt", "--display-name", "Ross Pike",
        )  # fmt: skip
        assert status == 0, err
        assert prompts == [f"New password for {clerk}: ", f"The same password again for {clerk}: "]
        assert "Pw-typed-2" not in out + err

        answers = iter(["Pw-typed-2", "Pw-typo"])
        status, out, err = fwp(
            cli_db, "admin", "grant", "--council", SURREY, "--user", clerk, "--role", "clerk",
            "--password-prompt",
        )  # fmt: skip
        assert status == 1 and "Pw-typ" not in out + err
        assert err == "fwp: The two passwords are not the same; nothing changed.\n"

        status, out, _ = fwp(cli_db, "admin", "list")
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split() == ["Council", "User", "Role", "Name", "Group", "role"]
        assert any(clerk in line and "Ross Pike" in line and f"fwp_{name}_clerk" in line
                   for line in lines)  # fmt: skip

        # The viewer's own fwp: public items only, and a refused edit in one sentence.
        as_viewer = pg_server.url(name, user=viewer, password="Pw-from-env-1")
        status, out, err = fwp(as_viewer, "list", "topics", "--committee", CESC)
        assert status == 0, err
        assert PUBLIC_TOPIC in out and EXEMPT_TOPIC not in out
        status, out, err = fwp(
            as_viewer, "topic", "edit", "--committee", CESC, "--title", PUBLIC_TOPIC,
            "--notes", "Changed",
        )  # fmt: skip
        assert status == 1 and out == ""
        assert err == (
            f"fwp: You are a viewer on {SURREY}'s programme: the database refused the change.\n"
        )
        assert "Traceback" not in err and "Pw-from-env-1" not in err
        status, out, err = fwp(as_viewer, "admin", "setup")
        assert status == 1 and "Only the owner of the planner tables" in err

        status, out, _ = fwp(cli_db, "admin", "revoke", "--council", SURREY, "--user", viewer)
        assert status == 0
        assert out.strip() == (
            f"{viewer} no longer has a role on {SURREY}'s programmes; with no role left, "
            "the login can no longer use this database."
        )
        status, _, err = fwp(cli_db, "admin", "revoke", "--council", SURREY, "--user", viewer)
        assert status == 1 and err == f"fwp: {viewer} has no role on {SURREY}.\n"
        status, _, err = fwp(
            cli_db, "admin", "grant", "--council", SURREY, "--user", "Bad Name", "--role", "viewer"
        )
        assert status == 1 and "'Bad Name' cannot be a login name" in err
        status, _, err = fwp(
            cli_db, "admin", "grant", "--council", SURREY, "--user", "x_y", "--role", "boss"
        )
        assert status == 1 and err == (
            "fwp: 'boss' is not a role: use one of viewer, member, clerk, chairman.\n"
        )
    finally:
        _drop_roles(pg_server, cli_db, [viewer, clerk, "x_y"])


def test_viewer_export_through_the_cli_is_public(fwp: Run, shared: Shared, tmp_path: Path) -> None:
    as_viewer = shared.url_for(shared.login(UserRole.VIEWER))
    out_file = tmp_path / "programme.xlsx"
    status, out, err = fwp(
        as_viewer, "export", "programme", "--committee", CESC, "--out", str(out_file)
    )
    assert status == 0, err
    assert out.startswith("Wrote the public programme (")
    status, out, _ = fwp(as_viewer, "programme", "--committee", CESC)
    assert PUBLIC_TOPIC in out and EXEMPT_TOPIC not in out


def test_admin_on_a_sqlite_file(fwp: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "clerk1")
    path = str(tmp_path / "local.db")
    build(open_database(path))
    status, out, err = fwp(path, "admin", "setup")
    assert status == 1 and out == ""
    assert err == (
        "fwp: Database roles need a shared PostgreSQL database, and "
        f"{Path(path).resolve()} is a SQLite file: there, grant, revoke and list record the "
        "roles that the planner itself checks.\n"
    )
    status, out, _ = fwp(path, "admin", "list")
    assert out.strip() == "No roles are recorded: whoever keeps the programme is its clerk."
    status, _, err = fwp(
        path, "admin", "grant", "--council", SURREY, "--user", "bob", "--role", "viewer",
        "--password-env", "HOME",
    )  # fmt: skip
    assert status == 1 and "takes no password" in err

    def no_prompt(prompt: str = "") -> str:
        raise AssertionError("asked for a password that a SQLite file cannot use")

    monkeypatch.setattr(getpass, "getpass", no_prompt)
    status, _, err = fwp(
        path, "admin", "grant", "--council", SURREY, "--user", "bob", "--role", "viewer",
        "--password-prompt",
    )  # fmt: skip
    assert status == 1 and err == (
        "fwp: A SQLite file has no database logins, so a role there takes no password.\n"
    )
    status, out, err = fwp(
        path, "admin", "grant", "--council", SURREY, "--user", "bob", "--role", "viewer"
    )
    assert status == 0, err
    assert out.strip() == (
        f"bob is now a viewer on {SURREY}'s programmes; clerk1 is recorded as its clerk "
        "(its first role)."
    )
    status, out, _ = fwp(path, "admin", "list", "--council", SURREY)
    assert [line.split()[-2:] for line in out.splitlines()[2:]] == [
        ["bob", "viewer"], ["clerk1", "clerk"],
    ]  # fmt: skip
    monkeypatch.setenv("LOGNAME", "bob")
    status, out, _ = fwp(path, "list", "topics", "--committee", CESC)
    assert PUBLIC_TOPIC in out and EXEMPT_TOPIC not in out
    status, _, err = fwp(
        path, "topic", "edit", "--committee", CESC, "--title", PUBLIC_TOPIC, "--notes", "x"
    )
    assert status == 1 and err == (
        f"fwp: You are a viewer on {SURREY}'s programme: viewers can read and export its "
        "public items but not change them.\n"
    )
    status, _, err = fwp(path, "admin", "grant", "--council", SURREY, "--user", "bob",
                         "--role", "clerk")  # fmt: skip
    assert status == 1 and "You are a viewer" in err  # a viewer cannot promote itself
