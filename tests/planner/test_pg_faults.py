"""The server going away mid-session, wrong passwords and unreachable servers.

The outage tests stop and restart a PostgreSQL server of their own (never the run's
shared one): an edit tried while it is down is refused with one clear sentence and
changes nothing; once it is back the same edit succeeds on the same open Database.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PASSWORD, SUPERUSER, PgServer, _free_port

from planner.cli.main import main
from planner.db.database import Database, open_database
from planner.errors import ConnectionLostError, LoginError
from planner.services.committees import create_committee, create_council
from planner.services.topics import create_topic, get_topic, update_topic

CESC = "Children and Education Select Committee"


@pytest.fixture(scope="module")
def own_server() -> Iterator[PgServer]:
    server = PgServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def outage_db(own_server: PgServer) -> Iterator[tuple[Database, str, str]]:
    """An open planner database on ``own_server`` holding one topic; the server is
    running again at the end whatever the test did."""
    url = own_server.url(own_server.new_database())
    db = open_database(url)
    with db.transaction() as s:
        council = create_council(s, name="Surrey County Council")
        committee = create_committee(s, council.id, name=CESC, municipal_year="2018/19")
        topic = create_topic(s, committee.id, title="Alternative Education Provision")
    try:
        yield db, topic.id, url
    finally:
        db.close()
        with contextlib.suppress(subprocess.CalledProcessError):  # already running
            own_server.resume()


@pytest.fixture
def no_libpq_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No password from the environment: an empty password file of our own."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    passfile = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    return passfile


def said_once(message: str) -> None:
    assert "\n" not in message and message.count(". ") == 0 and message.endswith(".")
    assert PASSWORD not in message


def test_an_edit_while_the_server_is_down_is_refused_and_can_be_retried(
    outage_db: tuple[Database, str, str], own_server: PgServer
) -> None:
    db, topic_id, _ = outage_db
    with db.reading() as s:  # a pooled connection that the outage will cut
        before = get_topic(s, topic_id)
    own_server.halt()
    with pytest.raises(ConnectionLostError) as caught, db.transaction() as s:
        update_topic(s, topic_id, outcome="Better outcomes for excluded pupils")
    assert str(caught.value) == (
        f"The database server at 127.0.0.1:{own_server.port} is not answering: "
        "your change was not saved; try again when it is back."
    )
    said_once(str(caught.value))
    with pytest.raises(ConnectionLostError, match="could not be read"), db.reading() as s:
        get_topic(s, topic_id)
    own_server.resume()
    with db.reading() as s:
        assert get_topic(s, topic_id) == before  # nothing was half-written
    with db.transaction() as s:
        update_topic(s, topic_id, outcome="Better outcomes for excluded pupils")
    with db.reading() as s:
        after = get_topic(s, topic_id)
    assert after.outcome == "Better outcomes for excluded pupils"
    assert after.version == before.version + 1


def test_the_command_line_says_the_server_is_down_in_one_sentence(
    outage_db: tuple[Database, str, str], own_server: PgServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, _, url = outage_db
    own_server.halt()
    assert main(["--db", url, "list", "topics", f"--committee={CESC}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fwp: Cannot open the planner database: the database server at ")
    assert f"127.0.0.1:{own_server.port} is not answering" in err
    assert err.count("\n") == 1 and PASSWORD not in err
    own_server.resume()
    assert main(["--db", url, "list", "topics", f"--committee={CESC}"]) == 0
    assert "Alternative Education Provision" in capsys.readouterr().out


def test_an_unreachable_server_says_so_without_the_password() -> None:
    port = _free_port()  # nothing listens there
    url = f"postgresql+psycopg://{SUPERUSER}:{PASSWORD}@127.0.0.1:{port}/planner"
    with pytest.raises(ConnectionLostError) as caught:
        open_database(url)
    message = str(caught.value)
    assert message.startswith(
        f"Cannot open the planner database: the database server at 127.0.0.1:{port} "
        "is not answering (Connection refused)"
    )
    assert "\n" not in message and PASSWORD not in message


def test_a_wrong_password_says_so_without_either_password(
    pg_server: PgServer, pg_template: str
) -> None:
    url = pg_server.url(pg_template, password="Wrong-Guess-42")
    with pytest.raises(LoginError) as caught:
        open_database(url)
    assert str(caught.value) == (
        f"Cannot open the planner database on 127.0.0.1:{pg_server.port}: "
        f"the server refused the password for {SUPERUSER}."
    )
    assert caught.value.needs_password is False
    assert "Wrong-Guess-42" not in str(caught.value)


def test_no_password_anywhere_asks_for_one(
    pg_server: PgServer, pg_url: str, no_libpq_password: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    address = pg_url.replace(f":{PASSWORD}@", "@")
    with pytest.raises(LoginError) as caught:
        open_database(address)
    assert caught.value.needs_password is True
    assert "asks for a password for fwp_admin" in str(caught.value)
    assert main(["--db", address, "list", "committees"]) == 1  # stdin is not a terminal
    err = capsys.readouterr().err
    assert "asks for a password" in err and err.count("\n") == 1


def test_libpq_password_file_and_variable_work(
    pg_server: PgServer, pg_url: str, no_libpq_password: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    address = pg_url.replace(f":{PASSWORD}@", "@")
    no_libpq_password.write_text(f"127.0.0.1:{pg_server.port}:*:{SUPERUSER}:{PASSWORD}\n")
    os.chmod(no_libpq_password, 0o600)
    db = open_database(address)
    assert db.address == address and db.label == address
    db.close()
    no_libpq_password.unlink()
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    open_database(address).close()


def test_addresses_and_labels_never_hold_the_password(pg_db: Database, pg_url: str) -> None:
    assert PASSWORD in pg_url
    assert PASSWORD not in pg_db.label and PASSWORD not in pg_db.address
    assert "***" not in pg_db.address  # reopening it must not send '***' as a password
    assert pg_db.address == pg_url.replace(f":{PASSWORD}@", "@")


def test_an_unreadable_address_is_quoted_without_its_password() -> None:
    from planner.errors import DatabaseError

    with pytest.raises(DatabaseError) as caught:
        open_database(f"postgresql+psycopg://clerk:{PASSWORD}@server:notaport/planner")
    assert PASSWORD not in str(caught.value)
    assert "clerk@server" in str(caught.value)


def test_at_a_terminal_fwp_asks_for_the_password(
    pg_url: str, no_libpq_password: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    from planner.cli import login

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    answers = iter(["Wrong-Guess-42", PASSWORD])
    monkeypatch.setattr(login.sys, "stdin", Terminal())
    monkeypatch.setattr(
        login.getpass, "getpass", lambda prompt: asked.append(prompt) or next(answers)
    )
    address = pg_url.replace(f":{PASSWORD}@", "@")
    assert main(["--db", address, "demo"]) == 0
    out, err = capsys.readouterr()
    assert asked == [f"Password for {SUPERUSER} on 127.0.0.1: "] * 2
    assert "That password was refused; try again." in err
    assert "Loaded the demo programme" in out
    assert PASSWORD not in out + err and "Wrong-Guess-42" not in out + err
