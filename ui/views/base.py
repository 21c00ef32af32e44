"""A list view: filter box, table over a ``KeyProxy``, and the edit commands of its kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.base import RowModel
from ui.models.proxy import KeyProxy

if TYPE_CHECKING:  # SQLAlchemy is imported after the first paint (ui/opening.py)
    from planner.db.database import Database

BIG_LIST = 20_000  # rows above which filtering waits for a pause in the typing


class FilterEdit(QLineEdit):
    """Down arrow moves into the list, so the filter and the table work as one."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class ListView(QWidget):
    """Subclasses set ``name``, ``title``, ``noun`` and ``model_class`` and implement
    ``reload()``; the main window calls ``load()``, ``add_record()``, ``edit_current()``,
    ``delete_selected()`` and ``focus_filter()``."""

    name = ""
    title = ""
    noun = ("record", "records")
    model_class: type[RowModel] = RowModel
    row_lines = 2  # text lines per row (rows have a fixed height: fast on big lists)
    selection_changed = Signal()
    counts_changed = Signal()

    def __init__(self, controller: Any, undo_stack: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: Any = None
        self.undo_stack = undo_stack
        self.db: Database | None = None
        self.committee_id: str | None = None
        self.model = self.model_class(self)
        self.proxy = KeyProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = FilterEdit()
        self.filter.setPlaceholderText(f"Filter {self.noun[1]}…  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {self.noun[1]}")
        self.filter.textChanged.connect(self._filter_changed)
        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.down.connect(self._focus_table)
        self.count = QLabel()
        self.count.setAccessibleName(f"Number of {self.noun[1]}")
        self.table = self._make_table()
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.filter, 1)
        self.filter_bar.addWidget(self.count)
        self.list_layout = QVBoxLayout()
        self.list_layout.addLayout(self.filter_bar)
        self.list_layout.addWidget(self.table, 1)
        self.build_layout()
        self.proxy.modelReset.connect(self._layout_now)
        self.proxy.modelReset.connect(self._update_count)
        self.auto_fit = True  # fit columns to the width until the user resizes one
        self._fitting = False
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        if controller is not None:
            self.set_controller(controller)

    def set_controller(self, controller: Any) -> None:
        """The EditController; the main window sets it once its database is open.
        Until then nothing can be edited (start-up shows a read-only snapshot)."""
        self.controller = controller
        self.model.edit_handler = self._set_field

    def build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.list_layout, 1)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName(self.title)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.setTabKeyNavigation(False)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.activated.connect(self._activated)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.row_lines * table.fontMetrics().lineSpacing() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().selectionChanged.connect(self.selection_changed)
        return table

    # -- loading -----------------------------------------------------------------------
    def load(self, db: Database, committee_id: str | None) -> None:
        """Show ``committee_id``'s records, keeping the selection where it can."""
        keep = self.selected_ids() if committee_id == self.committee_id else []
        self.db, self.committee_id = db, committee_id
        self.reload()
        self.restore_selection(keep)

    def reload(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.auto_fit:
            self.fit_columns()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.auto_fit and self.isVisible():
            self.fit_columns()

    def _column_resized(self, column: int, *args: Any) -> None:
        # The last column stretches with the window; only other columns are the user's.
        if not self._fitting and column < self.proxy.columnCount() - 1:
            self.auto_fit = False  # the user has chosen widths: keep them

    def fit_columns(self) -> None:
        """Column widths from the model (in characters), the long-text columns taking up
        or giving back the difference to the visible width."""
        table = self.table
        char = table.fontMetrics().averageCharWidth()
        widths = [w * char + 12 for w in self.model.widths]
        if not widths:
            return
        scrollbar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        available = table.maximumViewportSize().width() - scrollbar - 2
        flexible = sorted(c for c in self.model.long_columns if c < len(widths)) or [
            len(widths) - 1
        ]
        flexible_total = sum(widths[c] for c in flexible)
        extra = available - sum(widths)
        for c in flexible:
            widths[c] = max(widths[c] * 2 // 3, widths[c] + extra * widths[c] // flexible_total)
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _layout_now(self) -> None:
        # The table lays its rows out on a zero timer after a reset, and that repaints
        # it a second time: 10-15 ms more per keystroke in the filter of a long list.
        self.table.executeDelayedItemsLayout()

    def _update_count(self) -> None:
        sections = self.model.section_rows()
        total = len(self.model.rows()) - len(sections)
        shown = self.proxy.rowCount()
        if sections:
            shown -= len(self.proxy.section_proxy_rows())
        word = self.noun[0] if total == 1 else self.noun[1]
        self.count.setText(f"{total} {word}" if shown == total else f"{shown} of {total} {word}")
        self.counts_changed.emit()

    def status_text(self) -> str:
        return self.count.text()

    # -- selection -----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """Source rows of the selected records, in view order."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.source_row(r) for r in sorted(rows)]

    def selected_ids(self) -> list[str]:
        rows = self.model.rows()
        return [rows[r].id for r in self.selected_rows() if self.model.row_is_record(r)]

    def current_row(self) -> int:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            rows = self.selected_rows()
            return rows[0] if rows else -1
        return self.proxy.source_row(index.row())

    def restore_selection(self, ids: list[str]) -> None:
        selection = QItemSelection()
        first: QModelIndex | None = None
        last_column = self.proxy.columnCount() - 1
        for record_id in ids:
            row = self.proxy.proxy_row(self.model.row_of(record_id))
            if row >= 0:
                selection.select(self.proxy.index(row, 0), self.proxy.index(row, last_column))
                first = first or self.proxy.index(row, 0)
        if first is None:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)
        self.table.selectionModel().setCurrentIndex(
            first, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(first)

    def select_record(self, record_id: str) -> bool:
        self.filter.clear()
        self.restore_selection([record_id])
        return self.model.row_of(record_id) >= 0

    # -- filter ----------------------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        # Instant on normal lists; on very long ones wait for a pause in the typing.
        if self.model.rowCount() > BIG_LIST:
            self._filter_timer.start()
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_filter_text(self.filter.text())

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.selectRow(0)

    # -- editing -------------------------------------------------------------------------------
    def add_defaults(self) -> dict[str, Any]:
        return {}

    def add_record(self) -> None:
        if self.committee_id is not None and self.controller is not None:
            self.controller.add(self.model.kind, self.committee_id, **self.add_defaults())

    def edit_row(self, source_row: int) -> None:
        if self.controller is None:
            return
        if source_row >= 0 and self.model.row_is_record(source_row):
            self.controller.edit(self.model.kind, self.model.rows()[source_row].id)

    def edit_current(self) -> None:
        self.edit_row(self.current_row())

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self.controller is not None:
            self.controller.delete(self.model.kind, ids)

    def _activated(self, index: QModelIndex) -> None:
        self.edit_row(self.proxy.source_row(index.row()))

    def _set_field(self, kind: str, record_id: str, field: str, value: Any, seen: Any) -> bool:
        return bool(self.controller.set_field(kind, record_id, field, value, seen=seen))

    # -- context menu ------------------------------------------------------------------------
    def context_actions(self, menu: QMenu) -> None:
        """Subclasses add their own actions after the standard ones."""

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        has_record = bool(self.selected_ids())
        edit = menu.addAction("&Edit…", self.edit_current)
        ready = self.controller is not None
        row = self.current_row()
        edit.setEnabled(ready and row >= 0 and self.model.row_is_record(row))
        menu.addAction(f"&New {self.noun[0]}…", self.add_record).setEnabled(
            ready and self.committee_id is not None
        )
        delete = QAction("&Delete", menu)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.triggered.connect(self.delete_selected)
        delete.setEnabled(ready and has_record)
        menu.addAction(delete)
        self.context_actions(menu)
        menu.exec(self.table.viewport().mapToGlobal(pos))
