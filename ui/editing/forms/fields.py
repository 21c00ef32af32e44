"""Form fields: an input, its label (with buddy and mnemonic) and an error line under it.

``value()`` returns what the services take (None for blank); it raises
ValidationError naming the field when the text cannot be read (a bad date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.dates import format_date, format_time, parse_date, parse_time
from planner.errors import ValidationError

ERROR_STYLE = "color: #b3261e;"  # dark red on a light window
DARK_ERROR_STYLE = "color: #ff8a80;"  # light red on a dark window


def error_style() -> str:
    """Error text that reads on the palette in use (light or dark)."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return DARK_ERROR_STYLE if window.lightness() < 128 else ERROR_STYLE


class Field:
    """Base: subclasses create ``self.input`` and implement value()/set_value()."""

    input: QWidget

    def __init__(self, key: str, label: str, hint: str = "") -> None:
        self.key = key
        self.label_text = label  # plain, without "&" or colon
        self.hint = hint
        self.label = QLabel(f"{label}:")
        self.label.setBuddy(self.input)
        self.input.setAccessibleName(label)
        if hint:
            self.input.setAccessibleDescription(hint)
        self.error = QLabel()
        self.error.setStyleSheet(error_style())
        self.error.setWordWrap(True)
        self.error.setAccessibleName(f"{label}: error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.widget = QWidget()
        box = QVBoxLayout(self.widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.input)
        box.addWidget(self.error)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_mnemonic(self, letter_index: int | None) -> None:
        text = self.label_text
        if letter_index is not None:
            text = text[:letter_index] + "&" + text[letter_index:]
        self.label.setText(f"{text}:")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        # A wrapped label inside a form row is not given the height of its second line
        # (height-for-width is lost on the way up), so ask for it: the dialog then grows.
        width = max(self.input.width(), self.error.width(), 1)
        self.error.setMinimumHeight(self.error.heightForWidth(width))

    def clear_error(self) -> None:
        self.error.clear()
        self.error.setMinimumHeight(0)
        self.error.hide()

    def set_enabled(self, enabled: bool) -> None:
        self.input.setEnabled(enabled)
        self.label.setEnabled(enabled)


class LineField(Field):
    def __init__(self, key: str, label: str, hint: str = "") -> None:
        self.input = self.line = QLineEdit()
        self.line.setPlaceholderText(hint)
        super().__init__(key, label, hint)

    def text(self) -> str:
        return self.line.text().strip()

    def value(self) -> Any:
        return self.text() or None

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))


class DateField(LineField):
    """A date typed as "16 November 2018", 2018-11-16 or 16/11/2018; blank for none."""

    def __init__(self, key: str, label: str, hint: str = "") -> None:
        super().__init__(key, label, hint or "e.g. 16 November 2018")
        self.line.editingFinished.connect(self._tidy)

    def value(self) -> dt.date | None:
        if not self.text():
            return None
        try:
            return parse_date(self.text(), self.label_text)
        except ValidationError as exc:
            raise ValidationError(self.key, str(exc)) from None

    def set_value(self, value: Any) -> None:
        self.line.setText(format_date(value) if value else "")

    def _tidy(self) -> None:
        try:
            value = self.value()
        except ValidationError:
            return
        self.set_value(value)


class TimeField(LineField):
    def __init__(self, key: str, label: str, hint: str = "") -> None:
        super().__init__(key, label, hint or "e.g. 10:00")

    def value(self) -> dt.time | None:
        if not self.text():
            return None
        try:
            return parse_time(self.text(), self.label_text)
        except ValidationError as exc:
            raise ValidationError(self.key, str(exc)) from None

    def set_value(self, value: Any) -> None:
        self.line.setText(format_time(value) if value else "")


class IntegerField(LineField):
    def value(self) -> int | None:
        if not self.text():
            return None
        try:
            return int(self.text())
        except ValueError:
            raise ValidationError(
                self.key, f"The {self.label_text.lower()} must be a whole number."
            ) from None


class TextField(Field):
    """Several lines; Tab moves on to the next field, as in a line edit."""

    def __init__(self, key: str, label: str, hint: str = "", lines: int = 3) -> None:
        self.input = self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(hint)
        # Exactly ``lines`` lines show, with no sliver of the next one.
        margins = self.edit.document().documentMargin() + 2 * self.edit.frameWidth() + 1
        self.edit.setFixedHeight(int(self.edit.fontMetrics().lineSpacing() * lines + margins))
        super().__init__(key, label, hint)
        # Line the label up with the first line of text, not with the frame.
        inset = int(self.edit.document().documentMargin()) + self.edit.frameWidth()
        self.label.setContentsMargins(0, inset, 0, 0)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class ListField(TextField):
    """One item a line (members of a group, terms of reference)."""

    def value(self) -> tuple[str, ...]:
        lines = (line.strip() for line in self.edit.toPlainText().splitlines())
        return tuple(line for line in lines if line)

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("\n".join(value or ()))


class ChoiceField(Field):
    """A fixed list of (label, value) choices."""

    def __init__(
        self, key: str, label: str, choices: Sequence[tuple[str, Any]], hint: str = ""
    ) -> None:
        self.input = self.combo = QComboBox()
        self.choices = list(choices)
        self.combo.addItems([text for text, _ in self.choices])
        super().__init__(key, label, hint)

    def value(self) -> Any:
        index = self.combo.currentIndex()
        return self.choices[index][1] if index >= 0 else None

    def set_value(self, value: Any) -> None:
        for index, (_, choice) in enumerate(self.choices):
            if choice == value:
                self.combo.setCurrentIndex(index)
                return
        # A value not offered (e.g. a meeting of another year): keep it, don't lose it.
        self.choices.append((str(value), value))
        self.combo.addItem(str(value))
        self.combo.setCurrentIndex(len(self.choices) - 1)


class EditableChoiceField(Field):
    """Free text with suggestions (method, honorific)."""

    def __init__(self, key: str, label: str, items: Sequence[str], hint: str = "") -> None:
        self.input = self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(list(items))
        self.combo.setCurrentIndex(-1)
        line = self.combo.lineEdit()
        if hint and line is not None:
            line.setPlaceholderText(hint)
        super().__init__(key, label, hint)

    def value(self) -> Any:
        return self.combo.currentText().strip() or None

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentText("" if value is None else str(value))


class CheckField(Field):
    """A yes/no box; its own text is the label, so the form's label column stays empty."""

    def __init__(self, key: str, label: str, hint: str = "") -> None:
        self.input = self.box = QCheckBox(label)
        super().__init__(key, label, hint)
        self.label.setText("")

    def set_mnemonic(self, letter_index: int | None) -> None:
        text = self.label_text
        if letter_index is not None:
            text = text[:letter_index] + "&" + text[letter_index:]
        self.box.setText(text)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def set_enabled(self, enabled: bool) -> None:
        self.box.setEnabled(enabled)
