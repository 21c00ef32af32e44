"""The two lists of the offline dialogs: committees to take offline, and sync conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.offline.merge import Conflict, Side
from planner.offline.report import shown, when
from ui.models.roles import IdRole

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_TIP = Qt.ItemDataRole.ToolTipRole
ChoiceRole = int(Qt.ItemDataRole.UserRole) + 20  # "copy", "source" or None (left open)
CONFLICT_ROLES = {IdRole: b"recordId", ChoiceRole: b"choice"}
KEEP = {None: "Leave as they are", "copy": "The copy's", "source": "The source's"}


class CommitteePickModel(QAbstractTableModel):
    """Committee-years with a tick each: (id, council, committee, year) rows."""

    headers = ("Committee", "Year", "Council")

    def __init__(self, rows: Sequence[tuple[Any, ...]], ticked: set[str], parent: Any = None):
        super().__init__(parent)
        self._rows = [tuple(r) for r in rows]
        self._ticked = set(ticked)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        committee_id, council, name, year = self._rows[index.row()][:4]
        if role == _DISPLAY:
            return (name, year, council)[index.column()]
        if role == _CHECK and index.column() == 0:
            ticked = committee_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == IdRole:
            return committee_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = _CHECK) -> bool:
        if not index.isValid() or role != _CHECK or index.column() != 0:
            return False
        committee_id = self._rows[index.row()][0]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(
            value, bool) else value  # fmt: skip
        (self._ticked.add if checked else self._ticked.discard)(committee_id)
        self.dataChanged.emit(index, index, [_CHECK])
        return True

    def roleNames(self) -> dict[int, Any]:
        return {**super().roleNames(), IdRole: b"recordId"}

    def ticked(self) -> list[str]:
        return [r[0] for r in self._rows if r[0] in self._ticked]


class ConflictModel(QAbstractTableModel):
    """One row per conflict, the copy's side beside the source's, and the choice made."""

    headers = ("Record", "Field", "In the copy", "Changed in the copy", "In the source",
               "Changed in the source", "Keep")  # fmt: skip

    def __init__(self, conflicts: Sequence[Conflict], parent: Any = None) -> None:
        super().__init__(parent)
        self.conflicts = list(conflicts)
        self.choices: list[Side | None] = [c.resolution for c in self.conflicts]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.headers[section]
        return None

    def _cells(self, row: int) -> tuple[str, ...]:
        c = self.conflicts[row]
        what = c.field.replace("_", " ") if c.field else c.note
        return (
            c.record, what, shown(c, "copy"), f"{c.copy_who}, {when(c.copy_at)}",
            shown(c, "source"), f"{c.source_who}, {when(c.source_at)}", KEEP[self.choices[row]],
        )  # fmt: skip

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == _TIP and index.column() in (2, 4):  # the whole value, not clipped
            c = self.conflicts[row]
            value = c.copy_value if index.column() == 2 else c.source_value
            return shown(c, "copy" if index.column() == 2 else "source") if (
                c.field is None or value is None) else str(value)  # fmt: skip
        if role in (_DISPLAY, _TIP):
            return self._cells(row)[index.column()]
        if role == IdRole:
            return self.conflicts[row].key[1]
        if role == ChoiceRole:
            return self.choices[row]
        return None

    def roleNames(self) -> dict[int, Any]:
        return {**super().roleNames(), **CONFLICT_ROLES}

    def choose(self, rows: Sequence[int], side: Side | None) -> None:
        for row in rows:
            self.choices[row] = side
        if rows:
            last = len(self.headers) - 1
            self.dataChanged.emit(self.index(min(rows), last), self.index(max(rows), last))

    def resolutions(self) -> dict[tuple[tuple[str, str], str | None], Side]:
        return {c.choice_key: side for c, side in zip(self.conflicts, self.choices, strict=True)
                if side is not None}  # fmt: skip
