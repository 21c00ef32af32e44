"""A new committee, or a committee's next municipal year, from the window (with undo)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CESC

from planner.db.database import open_database
from planner.enums import Nation
from planner.services.committees import get_committee, list_committees, list_councils
from planner.services.lookup import committee_by_name
from ui.editing.new_committee import new_committee_form, next_year, next_year_defaults

SURREY = "Surrey County Council"


def _answer(controller: Any, values: dict[str, Any] | None) -> list[dict[str, Any]]:
    asked: list[dict[str, Any]] = []

    def form(defaults: dict[str, Any]) -> dict[str, Any] | None:
        asked.append(defaults)
        return values

    controller.open_new_committee_form = form
    return asked


def test_next_municipal_year() -> None:
    assert next_year("2018/19") == "2019/20"
    assert next_year("2099/00") == "2100/01"
    assert next_year("") is None


def test_next_year_of_a_committee_with_undo_and_redo(controller, stack, cesc, read) -> None:
    defaults = read(next_year_defaults, cesc.id)
    assert defaults == {"council": SURREY, "name": CESC, "municipal_year": "2019/20"}
    asked = _answer(controller, {**defaults, "chairman": "Kay Hammond", "nation": Nation.ENGLAND})
    new_id = controller.new_committee(**defaults)
    assert asked == [defaults]
    assert new_id and controller.signals.changed == ["committee"]
    made = read(get_committee, new_id)
    assert (made.council_name, made.name, made.municipal_year) == (SURREY, CESC, "2019/20")
    assert made.chairman == "Kay Hammond"
    assert len(read(list_councils)) == 2, "the existing council is used, not a second Surrey"
    assert stack.undoText() == f"Add committee '{CESC}' 2019/20"
    stack.undo()
    assert new_id not in {c.id for c in read(list_committees)}
    stack.redo()
    assert read(get_committee, new_id).municipal_year == "2019/20"


def test_a_new_council_in_wales(controller, read) -> None:
    _answer(controller, {"council": "Powys County Council", "nation": Nation.WALES,
                         "name": "Learning and Skills Scrutiny Committee",
                         "municipal_year": "2024/25"})  # fmt: skip
    new_id = controller.new_committee()
    powys = next(c for c in read(list_councils) if c.name == "Powys County Council")
    assert powys.nation is Nation.WALES
    assert read(get_committee, new_id).council_name == "Powys County Council"


def test_cancelling_adds_nothing(controller, stack, read) -> None:
    before = len(read(list_committees))
    _answer(controller, None)
    assert controller.new_committee() is None
    assert len(read(list_committees)) == before and stack.count() == 0


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"council": SURREY, "name": CESC, "municipal_year": "2018/19"}, "name", "already exists"),
        ({"council": "", "name": "X Committee", "municipal_year": "2018/19"}, "council", "council"),
        ({"council": SURREY, "name": "X Committee", "municipal_year": "next year"},
         "municipal_year", "year"),
        ({"council": SURREY, "name": "", "municipal_year": "2018/19"}, "name", ""),
    ],
)  # fmt: skip
def test_the_form_shows_errors_next_to_the_field(
    qtbot, controller, read, values, field, words
) -> None:
    before = len(read(list_committees))
    form = new_committee_form(controller, values, None)
    qtbot.addWidget(form)
    form.accept()
    errors = form.errors()
    assert list(errors) == [field], errors
    assert words in errors[field].lower()
    assert form.result_values is None, "the dialog stays open"
    assert len(read(list_committees)) == before


def test_an_empty_database_is_not_a_dead_end(qtbot, tmp_path, monkeypatch, ui_settings) -> None:
    from ui.main_window import MainWindow

    monkeypatch.setenv("FWP_DATA_DIR", str(tmp_path / "data"))
    db = open_database(tmp_path / "new.db")
    window = MainWindow(db, settings=ui_settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.actions.new.isEnabled()
    assert window.actions.new_committee.isEnabled()
    assert "New Committee" in window.statusBar().currentMessage()
    _answer(window.controller, {"council": SURREY, "nation": Nation.ENGLAND,
                                "name": CESC, "municipal_year": "2019/20"})  # fmt: skip
    window.actions.new_committee.trigger()
    with db.reading() as s:
        made = committee_by_name(s, CESC, "2019/20").id
    assert window.committee_id == made
    assert "2019/20" in window.windowTitle()
    assert window.actions.new.isEnabled()
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: window.committee_id is None)
    window.close()
    db.close()


def test_a_long_error_gets_the_height_of_all_its_lines(qtbot, qapp, controller) -> None:
    values = {"council": SURREY, "name": CESC, "municipal_year": "2018/19"}
    form = new_committee_form(controller, values, None)
    qtbot.addWidget(form)
    form.show()
    qapp.processEvents()
    form.accept()
    for _ in range(5):
        qapp.processEvents()
    field = form.fields["name"]
    label = field.error
    needed = label.heightForWidth(label.width())
    assert needed > label.fontMetrics().height() * 1.5, "the message wraps"
    assert label.height() >= needed, "every line of the message shows"
    assert field.widget.height() > label.geometry().bottom()


def test_error_text_reads_in_a_dark_palette(qapp) -> None:
    from PySide6.QtGui import QColor, QPalette

    from ui.editing.forms.fields import DARK_ERROR_STYLE, ERROR_STYLE, error_style

    old = qapp.palette()
    try:
        dark = QPalette(old)
        dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
        qapp.setPalette(dark)
        assert error_style() == DARK_ERROR_STYLE
    finally:
        qapp.setPalette(old)
    assert error_style() == ERROR_STYLE
