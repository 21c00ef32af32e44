"""The dialog every record form is built on.

A subclass lays out its fields in ``build()``. OK reads the fields, then asks the
controller's ``validate`` (a dry run of the service in a rolled-back transaction);
a ValidationError shows under the field it names and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.dates import format_date
from planner.enums import EXEMPT_PARAGRAPHS, MeetingStatus, label
from planner.errors import PlannerError, ValidationError
from planner.services.views import MeetingView
from ui.editing.forms.fields import Field, error_style

Validator = Callable[[dict[str, Any]], None]
RESERVED = set("oc")  # OK and Cancel


@dataclass
class FormContext:
    """What a form offers as choices, and how it checks its values."""

    committee_id: str
    meetings: tuple[MeetingView, ...] = ()
    member_names: tuple[str, ...] = ()
    validate: Validator | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def meeting_choices(self, none_label: str = "No meeting") -> list[tuple[str, Any]]:
        choices: list[tuple[str, Any]] = [(none_label, None)]
        for m in sorted(self.meetings, key=lambda m: m.date):
            text = format_date(m.date)
            if m.status is not MeetingStatus.SCHEDULED:
                text += f" ({m.status.value})"
            choices.append((text, m.id))
        return choices


def choose_mnemonic(text: str, used: set[str]) -> int | None:
    """Index of the letter to underline: a word's first letter if free, else any."""
    starts = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or text[i - 1] == " ")]
    others = [i for i, ch in enumerate(text) if ch.isalpha() and i not in starts]
    for index in starts + others:
        letter = text[index].lower()
        if letter not in used:
            used.add(letter)
            return index
    return None


class RecordForm(QDialog):
    kind = ""
    noun = "record"
    aliases: dict[str, str] = {}  # noqa: RUF012 - service field name -> form field

    def __init__(
        self,
        context: FormContext,
        view: Any | None = None,
        defaults: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.view = view
        self.fields: dict[str, Field] = {}
        self.result_values: dict[str, Any] | None = None
        self._pages: list[tuple[QWidget, QFormLayout, list[Field]]] = []
        self._tabs: QTabWidget | None = None
        self.setWindowTitle(f"Edit {self.noun}" if view is not None else f"New {self.noun}")
        self.setAccessibleName(self.windowTitle())
        self.body = QVBoxLayout(self)
        self.build()
        self.general_error = QLabel()
        self.general_error.setStyleSheet(error_style())
        self.general_error.setWordWrap(True)
        self.general_error.setAccessibleName("Error")
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body.addWidget(self.general_error)
        self.body.addSpacing(6)
        self.body.addWidget(self.buttons)
        self._assign_mnemonics()
        self.load(view, {**self.initial(), **(defaults or {})})
        width = self.fontMetrics().averageCharWidth() * 92
        self.setMinimumWidth(width)

    # -- building ------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def page(self, title: str | None = None) -> QFormLayout:
        """A new group of fields; with a title, a tab."""
        holder = QWidget()
        form = QFormLayout(holder)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(6)
        if title is None:
            form.setContentsMargins(0, 0, 0, 0)
            self.body.addWidget(holder)
        else:
            if self._tabs is None:
                self._tabs = QTabWidget()
                self._tabs.setAccessibleName("Sections")
                self.body.addWidget(self._tabs)
            self._tabs.addTab(holder, title)
        self._pages.append((holder, form, []))
        return form

    def add(self, *fields: Field) -> None:
        if not self._pages:
            self.page()
        _, form, page_fields = self._pages[-1]
        for f in fields:
            form.addRow(f.label, f.widget)
            self.fields[f.key] = f
            page_fields.append(f)

    def _assign_mnemonics(self) -> None:
        used_by_all = set(RESERVED)
        if self._tabs is not None:
            for index in range(self._tabs.count()):
                text = self._tabs.tabText(index)
                at = choose_mnemonic(text, used_by_all)
                if at is not None:
                    self._tabs.setTabText(index, text[:at] + "&" + text[at:])
        for _, _, page_fields in self._pages:
            used = set(used_by_all)  # hidden tabs' shortcuts are inactive
            for f in page_fields:
                f.set_mnemonic(choose_mnemonic(f.label_text, used))

    # -- values ---------------------------------------------------------------------------
    def load(self, view: Any | None, defaults: dict[str, Any]) -> None:
        for key, f in self.fields.items():
            if view is not None and hasattr(view, key):
                f.set_value(getattr(view, key))
            elif key in defaults:
                f.set_value(defaults[key])
        self.loaded()

    def initial(self) -> dict[str, Any]:
        """Hook: values a new record starts with."""
        return {}

    def loaded(self) -> None:
        """Hook: enable or disable fields once values are in."""

    def values(self) -> dict[str, Any]:
        """Every field's value; raises the first ValidationError after marking them all."""
        result: dict[str, Any] = {}
        errors: list[ValidationError] = []
        for key, f in self.fields.items():
            try:
                result[key] = f.value()
            except ValidationError as exc:
                f.show_error(str(exc))
                errors.append(exc)
        if errors:
            raise errors[0]
        return self.finish(result)

    def finish(self, values: dict[str, Any]) -> dict[str, Any]:
        """Hook: derived values (exempt from its paragraph, a cleared timing)."""
        return values

    # -- errors ---------------------------------------------------------------------------
    def field_for(self, name: str) -> Field | None:
        key = name.strip().lower().replace(" ", "_")
        key = self.aliases.get(key, key)
        return self.fields.get(key) or self.fields.get(f"{key}_id")

    def show_error(self, name: str, message: str) -> None:
        target = self.field_for(name)
        if target is None:
            self.general_error.setText(message)
            self.general_error.show()
            return
        target.show_error(message)
        self._reveal(target)

    def _reveal(self, target: Field) -> None:
        for holder, _, page_fields in self._pages:
            if target in page_fields and self._tabs is not None:
                index = self._tabs.indexOf(holder)
                if index >= 0:
                    self._tabs.setCurrentIndex(index)
        target.input.setFocus()

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.clear_error()
        self.general_error.clear()
        self.general_error.hide()

    def errors(self) -> dict[str, str]:
        """Messages showing now, by field (tests and accessibility checks read this)."""
        shown = {k: f.error.text() for k, f in self.fields.items() if not f.error.isHidden()}
        if not self.general_error.isHidden():
            shown[""] = self.general_error.text()
        return shown

    def accept(self) -> None:
        self.clear_errors()
        try:
            values = self.values()
            if self.context.validate is not None:
                self.context.validate(values)
        except ValidationError as exc:
            self.show_error(exc.field, str(exc))
            return
        except PlannerError as exc:
            self.show_error("", str(exc))
            return
        self.result_values = values
        super().accept()


def choices_of(values: Iterable[Any], none_label: str | None = None) -> list[tuple[str, Any]]:
    """(label, value) pairs for an enum's members, with an optional 'none' first."""
    pairs: list[tuple[str, Any]] = [(none_label, None)] if none_label is not None else []
    return pairs + [(label(v), v) for v in values]


def exempt_choices() -> list[tuple[str, Any]]:
    """ "Public", then Schedule 12A's paragraphs: "1 – Information relating to …"."""
    return [("Public", None)] + [(f"{n} – {text}", n) for n, text in EXEMPT_PARAGRAPHS.items()]
