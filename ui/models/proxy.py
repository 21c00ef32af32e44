"""Sorting and filtering on precomputed keys, for lists of any size.

``QSortFilterProxyModel`` calls Python ``data()`` for every comparison, which takes
seconds at 100,000 rows. This proxy asks its ``RowModel`` for whole lists instead
(sort keys of a column, lower-case filter texts) and uses ``list.sort``.

Grouped lists (the programme's meeting sections) keep every row inside its section:
sorting orders rows within a section, and filtering keeps a section row while any
of its rows match (or all of its rows when the section's own label matches).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt

from ui.models.base import RowModel

Index = QModelIndex | QPersistentModelIndex


class KeyProxy(QAbstractProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._map: list[int] = []  # proxy row -> source row
        self._inverse: list[int] | None = None  # source row -> proxy row (-1: hidden)
        self._words: list[str] = []
        self._mask: Callable[[], list[bool]] | None = None
        self._sort_column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._source: RowModel | None = None
        self._connections: list[tuple[Any, Any]] = []

    # -- source ------------------------------------------------------------------------
    def setSourceModel(self, model: RowModel) -> None:  # type: ignore[override]
        self.beginResetModel()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        super().setSourceModel(model)
        self._source = model
        self._connections = [
            (model.modelAboutToBeReset, self._begin_reset),
            (model.modelReset, self._end_reset),
            (model.dataChanged, self._source_data_changed),
            (model.rowsAboutToBeInserted, self._begin_reset),
            (model.rowsAboutToBeRemoved, self._begin_reset),
            (model.rowsInserted, self._end_reset),
            (model.rowsRemoved, self._end_reset),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._rebuild()
        self.endResetModel()

    def source(self) -> RowModel:
        assert self._source is not None
        return self._source

    def _begin_reset(self, *args: Any) -> None:
        self.beginResetModel()

    def _end_reset(self, *args: Any) -> None:
        self._rebuild()
        self.endResetModel()

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()
    ) -> None:
        if not self._map:
            return
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._map) - 1, last))

    # -- filtering and sorting ---------------------------------------------------------------
    def set_filter_text(self, text: str) -> None:
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._rebuild()
        self.endResetModel()

    def filter_text(self) -> str:
        return " ".join(self._words)

    def set_mask(self, mask: Callable[[], list[bool]] | None) -> None:
        """Extra filter: a function giving a yes/no per source row, asked again after
        every reload (e.g. "outstanding only"); None shows every row."""
        if mask is None and self._mask is None:
            return
        self.beginResetModel()
        self._mask = mask
        self._rebuild()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [(self._map[p.row()], p.column()) for p in persistent]
        self._sort_column, self._order = column, order
        self._map = self._ordered(self._map)
        self._inverse = None
        inverse = self._inverse_map()
        moved = [self.index(inverse[row], col) for row, col in sources]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def sort_column(self) -> int:
        return self._sort_column

    def _rebuild(self) -> None:
        self._inverse = None
        source = self._source
        if source is None:
            self._map = []
            return
        count = len(source.rows())
        visible = self._visible(source, count)
        self._map = self._ordered(visible)

    def _visible(self, source: RowModel, count: int) -> list[int]:
        words = self._words
        mask = self._mask() if self._mask is not None else None
        if not words and mask is None:
            return list(range(count))
        texts = source.filter_texts()
        if len(words) == 1:
            word = words[0]
            match = [word in t for t in texts]
        elif words:
            match = [all(w in t for w in words) for t in texts]
        else:
            match = [True] * count
        if mask is not None:
            match = [m and k for m, k in zip(match, mask, strict=True)]
        grouping = source.groups()
        if grouping is None:
            return [i for i in range(count) if match[i]]
        group_of, is_section = grouping
        whole = {group_of[i] for i in range(count) if is_section[i] and match[i] and words}
        some = {group_of[i] for i in range(count) if match[i] and not is_section[i]}
        return [
            i
            for i in range(count)
            if group_of[i] in whole or match[i] or (is_section[i] and group_of[i] in some)
        ]

    def _ordered(self, rows: list[int]) -> list[int]:
        source = self._source
        if source is None or self._sort_column < 0:
            return sorted(rows)
        keys = source.sort_keys(self._sort_column)
        descending = self._order == Qt.SortOrder.DescendingOrder
        grouping = source.groups()
        if grouping is None:
            return sorted(rows, key=keys.__getitem__, reverse=descending)
        # Sort the records, then put each back under its section (a stable sort).
        group_of, is_section = grouping
        records = sorted(
            (i for i in rows if not is_section[i]), key=keys.__getitem__, reverse=descending
        )
        ordered = [i for i in rows if is_section[i]] + records
        ordered.sort(key=lambda i: (group_of[i], not is_section[i]))
        return ordered

    def _inverse_map(self) -> list[int]:
        if self._inverse is None:
            inverse = [-1] * (len(self._source.rows()) if self._source is not None else 0)
            for proxy_row, source_row in enumerate(self._map):
                inverse[source_row] = proxy_row
            self._inverse = inverse
        return self._inverse

    # -- mapping -----------------------------------------------------------------------------
    def source_row(self, proxy_row: int) -> int:
        return self._map[proxy_row]

    def proxy_row(self, source_row: int) -> int:
        inverse = self._inverse_map()
        return inverse[source_row] if 0 <= source_row < len(inverse) else -1

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if not proxy_index.isValid() or self._source is None:
            return QModelIndex()
        return self._source.index(self._map[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self.proxy_row(source_index.row())
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    # -- Qt model interface ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if (
            parent.isValid()
            or not (0 <= row < len(self._map))
            or not (0 <= column < self.columnCount())
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._map)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._source is None:
            return 0
        return self._source.columnCount()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._map)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._source is None:
            return None
        return self._source.data(self.mapToSource(index), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and self._source is not None:
            return self._source.headerData(section, orientation, role)
        return None

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)
