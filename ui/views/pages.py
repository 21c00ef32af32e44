"""The main window's views by name, built when first shown.

A window without a database (start-up) builds only the view it shows first and the
others right after the first paint, one per turn of the event loop, importing their
modules then (docs/performance.md).
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.views.base import ListView

# Each view's name, title and class, in tab order.
VIEW_SPECS = (
    ("programme", "Programme", "ui.views.programme", "ProgrammeView"),
    ("meetings", "Meetings", "ui.views.meetings", "MeetingsView"),
    ("groups", "Task and finish groups", "ui.views.lists", "GroupsView"),
    ("tracker", "Recommendations tracker", "ui.views.lists", "TrackerView"),
    ("actions", "Actions", "ui.views.lists", "ActionsView"),
    ("committee", "Committee", "ui.views.committee", "CommitteeView"),
    ("activities", "Member activities", "ui.views.lists", "ActivitiesView"),
)
VIEW_NAMES = tuple(spec[0] for spec in VIEW_SPECS)


def view_class(index: int) -> type[ListView]:
    _name, _title, module, name = VIEW_SPECS[index]
    cls: type[ListView] = getattr(importlib.import_module(module), name)
    return cls


class PendingView(QWidget):
    """A tab's page until its view is built (see MainWindow.complete_views)."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        self.name, self.title = name, title
        self.committee_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
