"""Remembering the window between runs: geometry, toolbars, column widths, view, committee."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def restore_layout(window: MainWindow) -> None:
    settings = window.settings
    if geometry := settings.bytes("geometry"):
        window.restoreGeometry(geometry)
    if state := settings.bytes("state"):
        window.restoreState(state)
    for view in window.views:
        if header := settings.bytes(f"columns/{view.name}"):
            view.table.horizontalHeader().restoreState(header)
            view.auto_fit = False
    name = settings.last_view()
    if name in [v.name for v in window.views]:
        window.show_view(name)


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.set_bytes("geometry", window.saveGeometry())
    settings.set_bytes("state", window.saveState())
    for view in window.views:
        settings.set_bytes(f"columns/{view.name}", view.table.horizontalHeader().saveState())
    settings.set_last_view(window.current_view().name)
    settings.set_last_committee(window.committee_id)
    settings.sync()
