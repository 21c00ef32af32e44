"""Edit → Delete Committee Year… in the window: an empty year goes (and Undo brings it
back); the selector then shows another year of the same committee."""

from __future__ import annotations

import pytest

from planner.db.database import Database
from planner.services.committees import create_committee, get_committee

CESC = "Children and Education Select Committee"


def test_delete_an_empty_year_from_the_edit_menu(
    qtbot, demo_db: Database, ui_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(demo_db, settings=ui_settings)  # the real EditController
    qtbot.addWidget(window)
    window.show()
    with demo_db.transaction() as s:
        shown = get_committee(s, window.committee_id)
        year = create_committee(s, shown.council_id, name=CESC, municipal_year="2030/31")
    window.selector.set_choices(window._choices(), select=year.id)
    assert window.committee_id == year.id
    assert window.actions.delete_committee.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(window.controller, "confirm", lambda _t, text: asked.append(text) or True)
    window.actions.delete_committee.trigger()
    assert asked == [
        f"Delete {CESC} 2030/31? Only a committee-year without meetings, topics, task groups "
        "or tracker records can be deleted; its members go with it. Edit → Undo brings it back."
    ]
    qtbot.waitUntil(lambda: window.committee_id != year.id)
    assert year.id not in {str(c[0]) for c in window._choices()}
    with demo_db.reading() as s:
        now = get_committee(s, window.committee_id)
    assert (now.name, now.municipal_year) == (CESC, "2018/19")  # the latest year left
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: year.id in {str(c[0]) for c in window._choices()})


def test_a_year_with_a_programme_is_refused_and_stays_shown(
    qtbot, demo_db: Database, ui_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(demo_db, settings=ui_settings)
    qtbot.addWidget(window)
    window.show()
    shown = window.committee_id
    shown_errors: list[str] = []
    window.controller.error.connect(shown_errors.append)
    monkeypatch.setattr(window.controller, "confirm", lambda *_a: True)
    monkeypatch.setattr("ui.prompts.error", lambda *a, **k: None)
    window.actions.delete_committee.trigger()
    assert window.committee_id == shown
    assert shown_errors and "still has meetings" in shown_errors[0]
