"""Remembering the window between runs: geometry, toolbars, column widths, view, committee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.views.base import ListView

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def restore_layout(window: MainWindow) -> None:
    settings = window.settings
    if geometry := settings.bytes("geometry"):
        window.restoreGeometry(geometry)
    if state := settings.bytes("state"):
        window.restoreState(state)
    for view in window.views:
        if isinstance(view, ListView):
            restore_columns(window, view)
    name = settings.last_view()
    if name in [v.name for v in window.views]:
        window.show_view(name)


def restore_columns(window: MainWindow, view: ListView) -> None:
    if header := window.settings.bytes(f"columns/{view.name}"):
        view.table.horizontalHeader().restoreState(header)
        view.auto_fit = False


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.set_bytes("geometry", window.saveGeometry())
    settings.set_bytes("state", window.saveState())
    for view in window.views:
        if not isinstance(view, ListView):  # never built: its saved widths stay
            continue
        settings.set_bytes(f"columns/{view.name}", view.table.horizontalHeader().saveState())
    settings.set_last_view(window.current_view().name)
    settings.set_last_committee(window.committee_id)
    settings.sync()
