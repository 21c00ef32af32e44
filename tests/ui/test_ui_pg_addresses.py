"""Opening a PostgreSQL database from the window: the password is asked for in a masked
field when the server wants one, and never shown or stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from open_waiting import open_and_wait, wait_for_open
from pg_server import PASSWORD, SUPERUSER, PgServer
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from ui import prompts


@pytest.fixture
def address(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """pg_url without its password, and no password from libpq's environment either."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    return pg_url.replace(f":{PASSWORD}@", "@")


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    return shown


def everything_shown(window) -> str:  # type: ignore[no-untyped-def]
    recent = [a.text() for a in window.actions.recent.actions()]
    return "\n".join(
        [window.windowTitle(), window.statusBar().currentMessage(), *recent,
         *window.settings.recent_files()]
    )  # fmt: skip


def test_the_password_is_asked_for_masked_and_never_kept(
    window, address: str, errors: list[str], qtbot, pg_server: PgServer
) -> None:
    asked: list[tuple[str, QLineEdit.EchoMode]] = []

    def answer() -> None:  # the real dialog: masked, then typed into and accepted
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            return  # not asked yet: the first try is still running in the worker
        asked.append((dialog.labelText(), dialog.textEchoMode()))
        dialog.setTextValue(PASSWORD)
        dialog.accept()

    # Repeating: the question comes once the worker's first try has been refused.
    watcher = QTimer(window, interval=20)
    watcher.timeout.connect(answer)
    watcher.start()
    assert open_and_wait(qtbot, window, address)
    watcher.stop()
    assert asked == [
        (
            f"The database server asks for the password of {SUPERUSER} on 127.0.0.1:",
            QLineEdit.EchoMode.Password,
        )
    ]
    assert not errors
    assert window.db.address == address
    assert window.settings.recent_files()[0] == address
    shown = everything_shown(window)
    assert address in shown and PASSWORD not in shown
    ini = "".join(p.read_text() for p in Path(window.settings.store.fileName()).parent.rglob("*"))
    assert PASSWORD not in ini


def test_an_address_typed_with_its_password_is_remembered_without_it(
    qtbot, window, pg_url: str, address: str, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "text", lambda *a, **k: pg_url)
    monkeypatch.setattr(prompts, "password", lambda *a: pytest.fail("no question needed"))
    assert wait_for_open(qtbot, window, window.actions.open_url.trigger)
    assert not errors and window.db.address == address
    window.settings.sync()
    assert PASSWORD not in everything_shown(window)
    assert PASSWORD not in Path(window.settings.store.fileName()).read_text()


def test_a_wrong_password_is_refused_in_one_sentence_and_the_old_database_stays(
    qtbot, window, address: str, errors: list[str], monkeypatch: pytest.MonkeyPatch, pg_server
) -> None:
    before = window.db
    tries: list[str] = []
    monkeypatch.setattr(prompts, "password", lambda *a: tries.append(a[2]) or "Wrong-Guess-42")
    assert not open_and_wait(qtbot, window, address)
    assert len(tries) == 3 and "That password was refused." in tries[1]
    assert errors == [
        f"Cannot open the planner database on 127.0.0.1:{pg_server.port}: "
        f"the server refused the password for {SUPERUSER}."
    ]
    assert window.db is before
    assert "Wrong-Guess-42" not in everything_shown(window)


def test_cancelling_the_password_opens_nothing(
    qtbot, window, address: str, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.db
    monkeypatch.setattr(prompts, "password", lambda *a: None)
    assert not open_and_wait(qtbot, window, address)
    assert window.db is before and not errors
    assert address not in window.settings.recent_files()


def test_an_old_recent_entry_with_a_hidden_password_is_read_back_without_it(ui_settings) -> None:
    ui_settings.store.setValue(
        "files/recent", ["postgresql+psycopg://clerk:***@server/planner", "/tmp/a.db"]
    )
    assert ui_settings.recent_files() == ["postgresql+psycopg://clerk@server/planner", "/tmp/a.db"]
