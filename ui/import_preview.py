"""The import preview: what each row of the file will do, as a table model, and the words
for it (the same wording as ``fwp import`` prints, with arrows for changes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from planner.dates import format_date
from planner.enums import label
from planner.importing import ImportPlan, PlannedRow, Problem
from ui.models.colours import DARK_TEXT

Index = QModelIndex | QPersistentModelIndex
PROBLEM_FILL = QColor("#fbd5d0")  # light red; text on it is always DARK_TEXT

FIELD_LABELS = {
    "date": "Date of meeting", "title": "Topic", "description": "Description",
    "outcome": "Outcome", "method": "Method", "officers": "Officer(s) responsible",
    "cabinet_member": "Cabinet Member", "witnesses": "Witnesses",
    "finish": "Projected finish date", "membership": "Membership", "lead_member": "Lead member",
    "reference": "Ref", "meeting": "Meeting", "text": "Recommendation",
    "addressed_to": "Addressed to", "response_due": "Response due", "response": "Response",
    "agreed": "Agreed", "status": "Status", "next_review": "Next review",
    "exempt_paragraph": "Exempt paragraph", "members": "Members",
    "projected_finish": "Projected finish date", "slipped_to": "Slipped to",
    "slipped_reason": "Reason for slipping", "chairman": "Chairman",
    "vice_chairman": "Vice-Chairman",
}  # fmt: skip
SECTION_LABELS = {
    "scheduled": "Scheduled topics", "groups": "Task groups", "development": "In development",
    "unscheduled": "To be scheduled", "tracker": "Recommendations",
}  # fmt: skip
KIND_LABELS = {"topic": "Topic", "group": "Task group", "recommendation": "Recommendation"}
ACTION_LABELS = {"create": "Create", "update": "Update", "unchanged": "Unchanged"}
CANNOT_READ = "Cannot read"


def field_label(name: str, section: str | None = None) -> str:
    if name == "title" and section == "groups":
        return "Task group"
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def shown(value: Any, width: int = 50) -> str:
    """A value as the preview shows it: dates in words, blanks as "(blank)"."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "TBC"
    if hasattr(value, "value"):
        return label(value)
    flat = " ".join(str(value).split())
    flat = flat if len(flat) <= width else flat[: width - 1] + "…"
    return f"‘{flat}’"


def change_lines(row: PlannedRow) -> list[str]:
    return [
        f"{field_label(name)}: {shown(before)} → {shown(after)}"
        for name, (before, after) in row.changes.items()
    ]


def when_of(row: PlannedRow) -> str:
    if row.kind == "topic":
        return row.when
    value = row.values.get("projected_finish" if row.kind == "group" else "meeting_date")
    return format_date(value) if isinstance(value, dt.date) else ""


def plan_counts(plan: ImportPlan, skip: bool = False) -> str:
    """ "3 to create, 1 to update, 7 unchanged, 1 row that cannot be read"."""
    c = plan.counts
    parts = [f"{c['create']} to create", f"{c['update']} to update", f"{c['unchanged']} unchanged"]
    if c["problems"]:
        rows = "row" if c["problems"] == 1 else "rows"
        parts.append(
            f"{c['problems']} {rows} that cannot be read" + (" (left out)" if skip else "")
        )
    return ", ".join(parts)


@dataclass(frozen=True)
class _Line:
    cells: tuple[str, ...]
    tip: str
    problem: bool


COLUMNS = ("Sheet", "Row", "Action", "Kind", "Title or reference", "Changes or problem")
DETAILS = 5


def _line(item: PlannedRow | Problem) -> _Line:
    if isinstance(item, Problem):
        where = f"Column {item.column}: " if item.column else ""
        cells = (item.sheet, str(item.row), CANNOT_READ, "", "", where + item.message)
        return _Line(cells, str(item), True)
    changes = change_lines(item)
    when = when_of(item)
    name = f"{item.name} ({when})" if when else item.name
    action = ACTION_LABELS[item.action]
    cells = (item.sheet, str(item.row), action, KIND_LABELS[item.kind], name, "; ".join(changes))
    head = f"{item.sheet}, row {item.row}: {action.lower()} {KIND_LABELS[item.kind].lower()} {name}"
    return _Line(cells, "\n".join([head, *changes]), False)


class PreviewModel(QAbstractTableModel):
    """Every row of the plan and every problem, in the file's order (read-only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[_Line] = []
        self._lines: list[_Line] = []
        self._show_unchanged = False

    def set_plan(self, plan: ImportPlan | None) -> None:
        items: list[PlannedRow | Problem] = [*plan.rows, *plan.problems] if plan else []
        sheets: dict[str, int] = {}
        for item in items:
            sheets.setdefault(item.sheet, len(sheets))
        items.sort(key=lambda i: (sheets[i.sheet], i.row))
        self._all = [_line(i) for i in items]
        self._refilter()

    def set_show_unchanged(self, show: bool) -> None:
        self._show_unchanged = show
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        unchanged = ACTION_LABELS["unchanged"]
        self._lines = [
            line for line in self._all if self._show_unchanged or line.cells[2] != unchanged
        ]
        self.endResetModel()

    def line_texts(self) -> list[tuple[str, ...]]:
        return [line.cells for line in self._lines]

    def details(self, row: int) -> str:
        """The whole of a row's description (what its tooltip says)."""
        return self._lines[row].tip if 0 <= row < len(self._lines) else ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tip
        if role == Qt.ItemDataRole.BackgroundRole and line.problem:
            return PROBLEM_FILL
        if role == Qt.ItemDataRole.ForegroundRole and line.problem:
            return DARK_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
