"""The table model every list uses: light rows, named roles, fast key access for the proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.models.cells import Row, filter_text, text_key
from ui.models.roles import ROLE_NAMES, FilterRole, IdRole, KindRole, SortKeyRole

Index = QModelIndex | QPersistentModelIndex
# (kind, record id, field, value, what the cell showed) -> saved?  Set by the view to the
# EditController; what the cell showed lets it notice a value someone else saved since.
EditHandler = Callable[[str, str, str, Any, Any], bool]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_CHECK = Qt.ItemDataRole.CheckStateRole


def column_keys(
    key_functions: tuple[Callable[[Any], Any] | None, ...], rows: list[Row], column: int
) -> list[Any]:
    """Every row's sort key for ``column`` (no Qt: a worker may work them out)."""
    function = key_functions[column] if column < len(key_functions) else None
    values = [r.keys[column] for r in rows]
    if function is text_key:  # inline: a call per row costs as much as casefold
        return [v.casefold() if v else "" for v in values]
    return values if function is None else list(map(function, values))


class RowModel(QAbstractTableModel):
    """A read-mostly list. Subclasses declare columns and turn query tuples into rows.

    Edits never change the rows here: they go to ``edit_handler`` (the EditController),
    and the view reloads the model when the controller reports the change.
    """

    kind = ""
    headers: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()  # initial column widths, in average characters
    long_columns: frozenset[int] = frozenset()  # full text in the tooltip
    editable: dict[int, str] = {}  # noqa: RUF012 - column -> field edited in place
    check_columns: dict[int, str] = {}  # noqa: RUF012 - column -> yes/no field
    # Per column: turns a row's sort value into its sort key (None: the value itself).
    key_functions: tuple[Callable[[Any], Any] | None, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._row_of: dict[str, int] | None = None
        self._texts: list[str] | None = None
        self._sort_keys: dict[int, list[Any]] = {}
        self.edit_handler: EditHandler | None = None

    # -- loading -----------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row], texts: list[str] | None = None) -> None:
        """``texts``: the rows' filter texts when a worker has worked them out already."""
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = None
        self._sort_keys = {}
        # Worked out with the rows, so the first keystroke in the filter is as quick
        # as the next (about 0.1 s at 100,000 rows).
        self._texts = texts if texts is not None else [filter_text(*r.cells) for r in self._rows]
        self.rows_set()
        self.endResetModel()

    def rows_set(self) -> None:
        """Hook: recompute anything derived from the rows (inside the reset)."""

    # -- fast access (no Qt calls) -------------------------------------------------------
    def rows(self) -> list[Row]:
        return self._rows

    def sort_key(self, column: int, value: Any) -> Any:
        function = self.key_functions[column] if column < len(self.key_functions) else None
        return value if function is None else function(value)

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's sort key for ``column``, worked out on the first sort by it."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = column_keys(self.key_functions, self._rows, column)
        return keys

    def filter_texts(self) -> list[str]:
        """Every row's lower-case text (all its cells), worked out with the rows."""
        if self._texts is None:
            self._texts = [filter_text(*r.cells) for r in self._rows]
        return self._texts

    def groups(self) -> tuple[list[int], list[bool]] | None:
        """(group number per row, is-section-row per row) for grouped lists, else None."""
        return None

    def section_rows(self) -> list[int]:
        """Rows that head a section rather than show a record."""
        return []

    def row_of(self, record_id: str) -> int:
        if self._row_of is None:
            self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        return self._row_of.get(record_id, -1)

    def kind_at(self, row: int) -> str:
        return self.kind

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, number: int, column: int, role: int = _DISPLAY) -> Any:
        """``data()`` by row number: the proxy asks this way, without making a source
        index for each of the thousands of calls a repaint makes."""
        row = self._rows[number]
        if role in (_DISPLAY, _EDIT):
            return "" if column in self.check_columns else row.cells[column]
        if role == _CHECK and column in self.check_columns:
            checked = bool(row.keys[column])
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            # A model's own explanation (late report, exempt item) wins over the full text.
            special = self.extra_data(row, column, role)
            if special is not None:
                return special
            return row.cells[column] or None if column in self.long_columns else None
        if role == IdRole:
            return row.id
        if role == SortKeyRole:
            return self.sort_key(column, row.keys[column])
        if role == FilterRole:
            return filter_text(*row.cells)
        if role == KindRole:
            return self.kind_at(number)
        return self.extra_data(row, column, role)

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        """Hook for colours, fonts and model-specific roles."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == _DISPLAY and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.edit_handler is not None and self.row_is_record(index.row()):
            if index.column() in self.editable:
                flags |= Qt.ItemFlag.ItemIsEditable
            if index.column() in self.check_columns:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def row_is_record(self, row: int) -> bool:
        return True

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        if not index.isValid() or self.edit_handler is None:
            return False
        row = self._rows[index.row()]
        column = index.column()
        if role == _CHECK and column in self.check_columns:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            field = self.check_columns[column]
            return self.edit_handler(self.kind, row.id, field, checked, bool(row.keys[column]))
        if role == _EDIT and column in self.editable:
            if str(value) == row.cells[column]:
                return False
            field = self.editable[column]
            return self.edit_handler(self.kind, row.id, field, value, row.cells[column])
        return False

    def roleNames(self) -> dict[int, Any]:
        names = dict(super().roleNames())
        names.update(ROLE_NAMES)
        return names
