"""The simpler lists: task and finish groups, the recommendations tracker, actions and
member activities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from ui.models.actions import ActionsModel
from ui.models.activities import ActivitiesModel
from ui.models.groups import GroupsModel
from ui.models.tracker import TrackerModel
from ui.views.base import ListView


class GroupsView(ListView):
    name = "groups"
    title = "Task and finish groups"
    noun = ("task group", "task groups")
    model_class = GroupsModel
    row_lines = 3

    def reload(self) -> None:
        if self.db is None or self.committee_id is None:
            self.model.load([])  # type: ignore[attr-defined]
            return
        from ui.data import queries  # with SQLAlchemy, after the first paint

        with self.db.reading() as session:
            self.model.load(queries.group_rows(session, self.committee_id))  # type: ignore[attr-defined]


class _AcrossYears(ListView):
    """Lists that follow a committee across its municipal years."""

    today: dt.date | None = None  # tests pin "today"

    def _rows(self, session: Any, ids: list[str]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def reload(self) -> None:
        model: Any = self.model
        if self.db is None or self.committee_id is None:
            model.load([], self.today)
            return
        from ui.data import queries

        with self.db.reading() as session:
            ids = queries.same_committee_ids(session, self.committee_id)
            model.load(self._rows(session, ids), self.today)


class TrackerView(_AcrossYears):
    name = "tracker"
    title = "Recommendations tracker"
    noun = ("recommendation", "recommendations")
    model_class = TrackerModel
    row_lines = 3
    model: TrackerModel

    def __init__(self, controller: Any, undo_stack: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, undo_stack, parent)
        self.outstanding = QCheckBox("&Outstanding only")
        self.outstanding.setToolTip("Only recommendations whose response or review is overdue")
        self.outstanding.setAccessibleName("Show outstanding recommendations only")
        self.outstanding.toggled.connect(self._apply_mask)
        self.filter_bar.insertWidget(1, self.outstanding)

    def _rows(self, session: Any, ids: list[str]) -> list[tuple[Any, ...]]:
        from ui.data import queries

        return queries.recommendation_rows(session, ids)

    def _apply_mask(self, *args: Any) -> None:
        checked = self.outstanding.isChecked()
        self.proxy.set_mask(self.model.outstanding_mask if checked else None)


class ActionsView(_AcrossYears):
    name = "actions"
    title = "Actions"
    noun = ("action", "actions")
    model_class = ActionsModel

    def _rows(self, session: Any, ids: list[str]) -> list[tuple[Any, ...]]:
        from ui.data import queries

        return queries.action_rows(session, ids)


class ActivitiesView(ListView):
    """The member activity programme (Annex B: practice conversations), every year."""

    name = "activities"
    title = "Member activities"
    noun = ("activity", "activities")
    model_class = ActivitiesModel
    row_lines = 2

    def reload(self) -> None:
        model: Any = self.model
        if self.db is None or self.committee_id is None:
            model.load([])
            return
        from planner.services.actions import list_activities
        from ui.data import queries

        with self.db.reading() as session:
            ids = queries.same_committee_ids(session, self.committee_id)
            model.load(list_activities(session, ids))
