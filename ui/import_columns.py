"""Step 1 of the import: which column of the file holds each of the planner's fields.

One group per table the file holds (a sheet's scheduled topics, its task groups…),
pre-filled from the columns the importer recognised. The user's corrections become
the mapping dict the planner takes, e.g. ``{"scheduled.officers": 5}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.import_preview import SECTION_LABELS, field_label

if TYPE_CHECKING:
    from planner.importing import ColumnMapping

NOT_IN_FILE = -1
_HEADER_WIDTH = 36


def _fields(section: str) -> tuple[str, ...]:
    from planner.importing.headers import SECTION_FIELDS

    return SECTION_FIELDS[section]


def _letter(index: int) -> str:
    from planner.importing.headers import column_letter

    return column_letter(index)


def column_choices(mapping: ColumnMapping) -> list[tuple[str, int]]:
    """("(not in the file)", -1), then ("B — Scrutiny Topic", 1) for every column."""
    used = max(mapping.columns.values(), default=-1) + 1
    count = max(len(mapping.headers), used, 1)
    choices = [("(not in the file)", NOT_IN_FILE)]
    for index in range(count):
        header = " ".join(mapping.headers[index].split()) if index < len(mapping.headers) else ""
        if len(header) > _HEADER_WIDTH:
            header = header[: _HEADER_WIDTH - 1] + "…"
        letter = _letter(index)
        choices.append((f"{letter} — {header}" if header else f"Column {letter}", index))
    return choices


def mapping_where(mapping: ColumnMapping) -> str:
    if mapping.header_row:
        return f"Sheet “{mapping.sheet}”, header row {mapping.header_row}"
    return f"Sheet “{mapping.sheet}”: no header row of its own; the columns of the table above"


class MappingBox(QGroupBox):
    """The fields of one table, each with a combo of the file's columns."""

    def __init__(self, mapping: ColumnMapping, parent: QWidget | None = None) -> None:
        section = SECTION_LABELS.get(mapping.section, mapping.section)
        super().__init__(section, parent)
        self.mapping = mapping
        self.setAccessibleName(f"Columns for {section}, sheet {mapping.sheet}")
        form = QFormLayout(self)
        where = QLabel(mapping_where(mapping))
        where.setWordWrap(True)
        where.setAccessibleName("Where the table is")
        form.addRow(where)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.combos: dict[str, QComboBox] = {}
        choices = column_choices(mapping)
        for name in _fields(mapping.section):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
            for text, index in choices:
                combo.addItem(text, index)
            current = mapping.column(name)
            combo.setCurrentIndex(combo.findData(NOT_IN_FILE if current is None else current))
            text = field_label(name, mapping.section)
            combo.setAccessibleName(f"{section}: {text} column")
            combo.setToolTip(f"The column of the file that holds the {text.lower()}")
            label = QLabel(f"{text}:")
            label.setBuddy(combo)
            form.addRow(label, combo)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._chosen(n))
            self.combos[name] = combo

    def chosen(self, name: str) -> int | None:
        value = self.combos[name].currentData()
        return None if value == NOT_IN_FILE else int(value)

    def _chosen(self, name: str) -> None:
        """A column holds one field: another field that had it is left out."""
        column = self.chosen(name)
        if column is None:
            return
        for other, combo in self.combos.items():
            if other != name and combo.currentData() == column:
                combo.setCurrentIndex(combo.findData(NOT_IN_FILE))

    def changes(self) -> dict[str, int | None]:
        """``{"scheduled.officers": 5}`` for every field the user changed."""
        section = self.mapping.section
        return {
            f"{section}.{name}": self.chosen(name)
            for name in self.combos
            if self.chosen(name) != self.mapping.column(name)
        }


class ColumnsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Columns")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            "Check which column of the file holds each of the planner's fields. Change any "
            "that are wrong, or choose “(not in the file)” to leave a field out; the preview "
            "is made again with your choices."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setAccessibleName("Tables found in the file")
        layout.addWidget(self.scroll, 1)
        self.boxes: list[MappingBox] = []

    def set_mappings(self, mappings: Sequence[ColumnMapping]) -> None:
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.boxes = [MappingBox(m) for m in mappings]
        self._columns = 0
        self._arrange()
        self.scroll.setWidget(body)  # the old body is deleted

    def _arrange(self) -> None:
        """Two columns of tables when they fit side by side, else one."""
        if not self.boxes:
            return
        widest = max(box.sizeHint().width() for box in self.boxes)
        room = self.scroll.viewport().width() - self.scroll.verticalScrollBar().sizeHint().width()
        columns = 2 if len(self.boxes) > 1 and room >= 2 * widest + self.grid.spacing() else 1
        if columns == self._columns:
            return
        self._columns = columns
        for box in self.boxes:
            self.grid.removeWidget(box)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        for i, box in enumerate(self.boxes):
            self.grid.addWidget(box, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        self.grid.setRowStretch((len(self.boxes) + columns - 1) // columns, 1)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def box(self, section: str, sheet: str | None = None) -> MappingBox:
        return next(
            b for b in self.boxes
            if b.mapping.section == section and sheet in (None, b.mapping.sheet)
        )  # fmt: skip

    def changes(self) -> dict[str, int | None]:
        found: dict[str, int | None] = {}
        for box in self.boxes:
            found.update(box.changes())
        return found
