"""The window's History… and Restore Deleted… commands (Edit menu).

History… shows the selected record's history (a topic, meeting, group,
recommendation, action or member), or the committee-year's when nothing is selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ui.history_dialog import HistoryDialog
from ui.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TABLE_OF_KIND = {
    "topic": "topic",
    "meeting": "meeting",
    "group": "task_group",
    "recommendation": "recommendation",
    "action": "action",
    "member": "committee_member",
    "activity": "member_activity",
}


def selected_record(window: MainWindow) -> tuple[str, str] | None:
    """(table name, id) of the one record selected in the current view, if any."""
    view = window.current_view()
    selected = view.selected_rows()
    rows = [r for r in selected if view.model.row_is_record(r)]
    if not rows and len(selected) == 1 and view.model.kind_at(selected[0]) == "meeting":
        meeting_id = getattr(view.model.section_of(selected[0]), "meeting_id", None)
        return ("meeting", meeting_id) if meeting_id else None  # a programme's meeting row
    if len(rows) != 1:
        return None
    table = TABLE_OF_KIND.get(view.model.kind_at(rows[0]))
    return (table, view.model.rows()[rows[0]].id) if table else None


def show_history(window: MainWindow) -> HistoryDialog | None:
    record = selected_record(window)
    if record is not None:
        dialog = HistoryDialog(window.db, table_name=record[0], record_id=record[1], parent=window)
    elif window.committee_id is not None:
        dialog = HistoryDialog(
            window.db,
            committee_id=window.committee_id,
            committee_label=window.selector.current_label(),
            parent=window,
        )
    else:
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_restore(window: MainWindow) -> RestoreDialog | None:
    if window.committee_id is None:
        return None
    dialog = RestoreDialog(
        window.db,
        window.committee_id,
        window.selector.current_label(),
        window.controller,
        window.undo_stack,
        parent=window,
    )
    dialog.restored.connect(window.statusBar().showMessage)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
