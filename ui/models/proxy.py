"""Sorting and filtering on precomputed keys, for lists of any size.

``QSortFilterProxyModel`` calls Python ``data()`` for every comparison, which takes
seconds at 100,000 rows. This proxy asks its ``RowModel`` for whole lists instead
(sort keys of a column, lower-case filter texts) and uses ``list.sort``.

Grouped lists (the programme's meeting sections) keep every row inside its section:
sorting orders rows within a section, and filtering keeps a section row while any
of its rows match (or all of its rows when the section's own label matches).
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable
from itertools import chain, compress, groupby, repeat
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ui.models.base import RowModel
from ui.models.ranking import ranks
from ui.models.word_search import WordSearch

if TYPE_CHECKING:  # numpy is imported only when a long list loads
    from ui.models.long_filter import LongFilter
    from ui.models.prepared import Prepared

Index = QModelIndex | QPersistentModelIndex
PREPARE_SORTS = 20_000  # rows from which every column is ranked when the rows load
INDEXED_ROWS = 20_000  # rows from which the filter searches through indexes (numpy)
_WITH_HINT = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"


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
        # Worked out once per source reset: rows matching recent filters (words -> rows),
        # each row's rank by column, its sort place ((column, descending) -> places)
        # and the section rows.
        self._search = WordSearch()
        self._long: LongFilter | None = None
        self._offered: Prepared | None = None  # from a worker, for the next reset
        self._orders: dict[tuple[int, bool], list[int]] = {}
        self._ranked: dict[int, tuple[list[int], int]] = {}
        self._sections: list[int] | None = None
        self._groups: dict[int, list[int]] | None = None
        self._section_proxy_rows: list[int] | None = None

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
        self._forget()
        self._prepare_sorts()
        self._prepare_filter()
        self._rebuild()
        self.endResetModel()

    def source(self) -> RowModel:
        assert self._source is not None
        return self._source

    def _begin_reset(self, *args: Any) -> None:
        self.beginResetModel()

    def _end_reset(self, *args: Any) -> None:
        self._forget()
        self._take_offered()
        self._prepare_sorts()
        self._prepare_filter()
        self._rebuild()
        self.endResetModel()

    def offer(self, prepared: Prepared) -> None:
        """Ranks and index worked out in a worker (ui/models/prepared.py), used when the
        source next resets with the same filter texts; call it just before ``set_rows``."""
        self._offered = prepared

    def _take_offered(self) -> None:
        offered, self._offered = self._offered, None
        source = self._source
        if offered is not None and source is not None and source.filter_texts() is offered.texts:
            self._ranked = dict(offered.ranked)
            self._long = offered.long

    def _prepare_sorts(self) -> None:
        """On long lists, rank every column while the rows load, so that the first
        click on a header sorts integers too: ranking a column of long texts
        (casefolding and comparing them) takes 0.1-0.2 s at 100,000 rows."""
        source = self._source
        if source is None or len(source.rows()) < PREPARE_SORTS:
            return
        for column in range(source.columnCount()):
            if column not in self._ranked:
                self._ranked[column] = ranks(source.sort_keys(column), source.groups())

    def _prepare_filter(self) -> None:
        """On long lists, index the filter texts while the rows load: a keystroke then
        reads no text at all (a scan of all 90 MB of a 100,000-row list's texts for a
        two-letter word took 60-95 ms)."""
        source = self._source
        if self._long is None and source is not None and len(source.rows()) >= INDEXED_ROWS:
            from ui.models.long_filter import LongFilter

            self._long = LongFilter(source.filter_texts(), source.groups())

    def _forget(self) -> None:
        """The source's rows changed: drop everything worked out from them."""
        self._search = WordSearch()
        self._long = None
        self._orders = {}
        self._ranked = {}
        self._sections = None
        self._groups = None

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
        # Sorting never moves a section row (records are sorted within their section),
        # so the vertical header may keep row heights where they are: without this hint
        # it would save and restore every custom-height row (each programme section).
        hint = QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
        if self._source is not None and self._source.groups() is not None:
            hint = QAbstractItemModel.LayoutChangeHint.HorizontalSortHint
        self.layoutAboutToBeChanged[_WITH_HINT].emit([], hint)
        persistent = self.persistentIndexList()
        sources = [(self._map[p.row()], p.column()) for p in persistent]
        self._sort_column, self._order = column, order
        self._map = self._ordered(self._map)
        self._inverse = None
        if hint == QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint:
            self._section_proxy_rows = None  # (section rows stay where they are)
        if persistent:
            if len(persistent) <= 16:  # the current cell, a few selected rows
                where = self._map.index
                moved = [self.index(where(row), col) for row, col in sources]
            else:
                inverse = self._inverse_map()
                moved = [self.index(inverse[row], col) for row, col in sources]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged[_WITH_HINT].emit([], hint)

    def sort_column(self) -> int:
        return self._sort_column

    def _rebuild(self) -> None:
        self._inverse = None
        self._section_proxy_rows = None
        source = self._source
        if source is None:
            self._map = []
            return
        count = len(source.rows())
        if self._long is not None:
            mask = self._mask() if self._mask is not None else None
            shown = self._long.visible(self._words, mask)
            visible = shown.tolist()
            if self._sort_column < 0:
                self._section_proxy_rows = self._long.section_places(shown)
        else:
            visible = self._visible(source, count)
        # In source order already: only a sort by a column reorders.
        self._map = visible if self._sort_column < 0 else self._ordered(visible)

    def _visible(self, source: RowModel, count: int) -> list[int]:
        """Source rows to show, in source order."""
        words = self._words
        mask = self._mask() if self._mask is not None else None
        if not words and mask is None:
            return list(range(count))
        matched: list[int] = self._matching(source, words) if words else list(range(count))
        if mask is not None:
            matched = list(compress(matched, map(mask.__getitem__, matched)))
        grouping = source.groups()
        if grouping is None:
            return matched
        # A section shows when any of its records do; all of a section's records show
        # when the section's own label matches the words.
        group_of, is_section = grouping
        sections = self._section_list(source)
        matched_sections = list(compress(matched, map(is_section.__getitem__, matched)))
        whole = set(map(group_of.__getitem__, matched_sections)) if words else set()
        some = set(map(group_of.__getitem__, matched))
        if whole:
            members = self._members(source)
            if len(whole) == len(members):  # e.g. a word every section label holds
                return list(range(count))
            # Marks, not a set to sort: most rows match a short word (0.03 s saved).
            shown = bytearray(count)
            marked = chain(
                matched,
                (i for i in sections if group_of[i] in some),
                chain.from_iterable(members[g] for g in whole),
            )
            deque(map(shown.__setitem__, marked, repeat(1)), maxlen=0)
            return list(compress(range(count), shown))
        have = set(matched_sections)
        extra = [i for i in sections if group_of[i] in some and i not in have]
        return sorted(matched + extra)

    def _members(self, source: RowModel) -> dict[int, list[int]]:
        """Group number -> its rows (grouped lists)."""
        if self._groups is None:
            group_of = source.groups()[0]  # type: ignore[index]
            self._groups = {}
            for group, rows in groupby(range(len(group_of)), key=group_of.__getitem__):
                self._groups.setdefault(group, []).extend(rows)
        return self._groups

    def _matching(self, source: RowModel, words: list[str]) -> list[int]:
        """Source rows whose filter text holds every word, in source order."""
        return self._search.matching(source.filter_texts(), words)

    def _section_list(self, source: RowModel) -> list[int]:
        if self._sections is None:
            grouping = source.groups()
            flags = grouping[1] if grouping is not None else []
            self._sections = list(compress(range(len(flags)), flags))
        return self._sections

    def _ordered(self, rows: list[int]) -> list[int]:
        """``rows`` in the sort order; a stable sort, so ties keep the order they had."""
        source = self._source
        if source is None or self._sort_column < 0:
            return sorted(rows)
        descending = self._order == Qt.SortOrder.DescendingOrder
        return sorted(
            rows, key=self._sort_places(source, self._sort_column, descending).__getitem__
        )

    def _sort_places(self, source: RowModel, column: int, descending: bool) -> list[int]:
        """Per source row, an integer to sort by: its section (grouped lists), then the
        rank of its key in ``column``. Worked out once per reset, so sorting again by a
        column sorts integers, not text."""
        places = self._orders.get((column, descending))
        if places is not None:
            return places
        ranked = self._ranked.get(column)
        if ranked is None:
            ranked = self._ranked[column] = ranks(source.sort_keys(column), source.groups())
        rank, top = ranked
        if descending:
            rank = list(map(operator.sub, repeat(top + 1), rank))
        grouping = source.groups()
        if grouping is None:
            places = rank
        else:
            # Records stay under their section row, which comes first in its section.
            group_of = grouping[0]
            span = top + 2
            places = list(map(operator.add, map(span.__mul__, group_of), rank))
            for i in self._section_list(source):
                places[i] = group_of[i] * span
        self._orders[(column, descending)] = places
        return places

    def section_proxy_rows(self) -> list[int]:
        """The proxy rows showing section rows (grouped lists), in order."""
        if self._section_proxy_rows is None:
            grouping = self._source.groups() if self._source is not None else None
            if grouping is None:
                self._section_proxy_rows = []
            else:
                flags = map(grouping[1].__getitem__, self._map)
                self._section_proxy_rows = list(compress(range(len(self._map)), flags))
        return self._section_proxy_rows

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
        return self._source.cell_data(self._map[index.row()], index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and self._source is not None:
            return self._source.headerData(section, orientation, role)
        return None

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)
