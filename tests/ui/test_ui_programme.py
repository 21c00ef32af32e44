"""Rescheduling from the Programme: drag a topic onto another meeting, or Move to meeting…"""

from __future__ import annotations

import warnings

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from planner.services.topics import get_topic
from ui import prompts
from ui.models.programme import MIME_TYPE


def _programme(window):
    window.show_view("programme")
    return window.view("programme")


def _section_row(view, starts: str) -> int:
    """Proxy row of the section whose label starts with ``starts``."""
    for source in view.model.section_rows():
        if view.model.rows()[source].cells[0].startswith(starts):
            return view.proxy.proxy_row(source)
    raise AssertionError(f"no section {starts}")


def _topic_row(view, title: str) -> int:
    for row in range(view.proxy.rowCount()):
        if view.proxy.data(view.proxy.index(row, 1)) == title:
            return row
    raise AssertionError(f"no topic {title}")


def _section_of(view, title: str) -> str:
    source = view.proxy.source_row(_topic_row(view, title))
    return view.model.section_of(source).kind, view.model.section_of(source).meeting_id


TITLE = "Surrey Children's Services Academy"


def test_dropping_a_topic_on_a_meeting_reschedules_it(qtbot, window) -> None:
    view = _programme(window)
    proxy = view.proxy
    topic = proxy.index(_topic_row(view, TITLE), 1)
    topic_id = proxy.data(topic, Qt.ItemDataRole.UserRole + 1)
    target = proxy.index(_section_row(view, "16 November 2018"), 0)
    november = view.model.section_of(proxy.source_row(target.row())).meeting_id

    mime = proxy.mimeData([topic])
    assert mime.hasFormat(MIME_TYPE)
    assert proxy.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)

    calls = window.controller.calls
    qtbot.waitUntil(lambda: ("move_topic", topic_id, november, None) in calls)
    qtbot.waitUntil(lambda: _section_of(view, TITLE) == ("meeting", november))
    with window.db.reading() as s:
        moved = get_topic(s, topic_id)
    assert moved.meeting_id == november and moved.deferral_count == 1

    # The move is on the undo stack under its name, and undo puts it back.
    assert window.actions.undo.text() == f"&Undo Move topic '{TITLE}'"
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: _section_of(view, TITLE)[1] != november)
    with window.db.reading() as s:
        assert get_topic(s, topic_id).deferral_count == 0


def test_drop_event_on_the_table_moves_the_topic(qtbot, window) -> None:
    """The real path a mouse drag takes: a drop event on the table's viewport."""
    view = _programme(window)
    table = view.table
    topic = view.proxy.index(_topic_row(view, TITLE), 1)
    topic_id = view.proxy.data(topic, Qt.ItemDataRole.UserRole + 1)
    target_row = _section_row(view, "In Development")
    table.scrollTo(view.proxy.index(target_row, 0))
    rect = table.visualRect(view.proxy.index(target_row, 0))
    mime: QMimeData = view.proxy.mimeData([topic])
    where = rect.center()
    move, left, plain = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.NoModifier
    with warnings.catch_warnings():  # PySide6 marks the QPoint constructors deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(where, move, mime, left, plain)
        hover = QDragMoveEvent(where, move, mime, left, plain)
    QApplication.sendEvent(table.viewport(), enter)
    QApplication.sendEvent(table.viewport(), hover)
    assert hover.isAccepted(), "the In Development section accepts the topic"
    drop = QDropEvent(QPointF(where), move, mime, left, plain)
    QApplication.sendEvent(table.viewport(), drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: ("move_topic", topic_id, None, None) in window.controller.calls)
    qtbot.waitUntil(lambda: _section_of(view, TITLE)[0] == "development")


def test_cancelled_meetings_take_no_drops(window) -> None:
    view = _programme(window)
    topic = view.proxy.index(_topic_row(view, TITLE), 1)
    mime = view.proxy.mimeData([topic])
    same = view.proxy.index(_section_row(view, "7 September 2018"), 0)
    # Dropping a topic on its own meeting changes nothing.
    assert not view.proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, same)
    assert not view.proxy.canDropMimeData(QMimeData(), Qt.DropAction.MoveAction, -1, -1, same)


def test_move_to_meeting_asks_where(qtbot, window, monkeypatch) -> None:
    view = _programme(window)
    row = _topic_row(view, TITLE)
    view.table.selectRow(row)
    topic_id = view.selected_ids()[0]
    offered: list[list[str]] = []

    def choose(parent, title, label, items):
        offered.append(items)
        return next(i for i, text in enumerate(items) if text.startswith("16 November 2018"))

    monkeypatch.setattr(prompts, "choose", choose)
    window.actions.move.trigger()
    assert any(text == "In Development" for text in offered[0])
    november = next(c for c in window.controller.calls if c[0] == "move_topic")
    assert november[1] == topic_id and november[2] is not None


def test_move_to_a_new_loose_timing(qtbot, window, monkeypatch) -> None:
    view = _programme(window)
    view.table.selectRow(_topic_row(view, TITLE))
    monkeypatch.setattr(prompts, "choose", lambda p, t, label, items: len(items) - 1)
    monkeypatch.setattr(prompts, "text", lambda *a, **k: "Summer 2019")
    view.move_selected()
    qtbot.waitUntil(lambda: _section_of(view, TITLE)[0] == "timing")
    assert view.model.rows()[view.model.row_of("timing:Summer 2019")].cells[0].startswith("Summer")


def test_cancelling_a_meeting_offers_to_move_its_topics(qtbot, window, monkeypatch) -> None:
    window.show_view("meetings")
    view = window.view("meetings")
    view.table.selectRow(0)  # 7 September 2018, four topics
    monkeypatch.setattr(prompts, "ask", lambda *a: True)
    monkeypatch.setattr(
        prompts,
        "choose",
        lambda p, t, label, items: next(i for i, s in enumerate(items) if s.startswith("16 Nov")),
    )
    view.cancel_current()
    calls = window.controller.calls
    assert calls[0][:4] == ("set_field", "meeting", view.selected_ids()[0], "status")
    assert sum(1 for c in calls if c[0] == "move_topic") == 4
    # One entry on the undo stack for the whole thing.
    assert window.undo_stack.count() == 1
    assert window.undo_stack.text(0) == "Cancel meeting of 7 September 2018"
    qtbot.waitUntil(lambda: view.model.rows()[0].cells[3] == "Cancelled")
