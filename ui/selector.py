"""Choosing the committee and the municipal year the window shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

Choice = tuple[str, str, str, str]  # (committee id, council, committee name, year)


def _key(council: str, name: str) -> str:
    return f"{council}\x1f{name}"


def _names(choices: Sequence[Sequence[Any]]) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for _id, council, name, _year in choices:
        if (council, name) not in names:
            names.append((council, name))
    return names


def pick(choices: Sequence[Sequence[Any]], select: str | None) -> str | None:
    """The committee-year shown: ``select`` if it exists, else the latest year of the
    first committee (also used before the window has its database: ui/data/snapshot.py)."""
    if any(str(c[0]) == select for c in choices):
        return select
    names = _names(choices)
    if not names:
        return None
    return str([c for c in choices if (c[1], c[2]) == names[0]][-1][0])


class CommitteeSelector(QWidget):
    committee_changed = Signal(object)  # committee id, or None when there is none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._current: str | None = None
        self.committees = QComboBox()
        self.committees.setAccessibleName("Committee")
        self.committees.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.committees.setMinimumContentsLength(24)
        self.committees.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.years = QComboBox()
        self.years.setAccessibleName("Municipal year")
        self.years.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        committee_label = QLabel("&Committee:")
        committee_label.setBuddy(self.committees)
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.years)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(committee_label)
        layout.addWidget(self.committees, 1)
        layout.addSpacing(8)
        layout.addWidget(year_label)
        layout.addWidget(self.years)
        self.committees.currentIndexChanged.connect(self._committee_picked)
        self.years.currentIndexChanged.connect(self._year_picked)

    def set_choices(self, choices: Sequence[Sequence[Any]], select: str | None = None) -> None:
        """Fill the lists; select ``select`` if it exists, else the latest year of the first."""
        self._choices = [tuple(str(v) for v in c) for c in choices]  # type: ignore[misc]
        names = _names(self._choices)
        several_councils = len({council for council, _ in names}) > 1
        self.committees.blockSignals(True)
        self.committees.clear()
        for council, name in names:
            text = f"{name} ({council})" if several_councils else name
            self.committees.addItem(text, _key(council, name))
        self.committees.blockSignals(False)
        wanted = pick(self._choices, select)
        self._current = None
        self.select(wanted)
        if wanted is None:
            self.years.clear()
            self.committee_changed.emit(None)

    def select(self, committee_id: str | None) -> None:
        choice = next((c for c in self._choices if c[0] == committee_id), None)
        if choice is None:
            return
        self.committees.blockSignals(True)
        self.committees.setCurrentIndex(self.committees.findData(_key(choice[1], choice[2])))
        self.committees.blockSignals(False)
        self._fill_years(choice[1], choice[2], choice[0])

    def _fill_years(self, council: str, name: str, committee_id: str) -> None:
        self.years.blockSignals(True)
        self.years.clear()
        for cid, c_council, c_name, year in self._choices:
            if (c_council, c_name) == (council, name):
                self.years.addItem(year, cid)
        self.years.setCurrentIndex(max(0, self.years.findData(committee_id)))
        self.years.blockSignals(False)
        self._year_picked()

    def _committee_picked(self, _index: int) -> None:
        key = self.committees.currentData()
        if key is None:
            return
        years = [c for c in self._choices if _key(c[1], c[2]) == key]
        # Keep the same municipal year when the other committee has it.
        year = self.years.currentText()
        chosen = next((c for c in years if c[3] == year), years[-1])
        self._fill_years(chosen[1], chosen[2], chosen[0])

    def _year_picked(self, *_args: Any) -> None:
        committee_id = self.years.currentData()
        if committee_id != self._current:
            self._current = committee_id
            self.committee_changed.emit(committee_id)

    def current_id(self) -> str | None:
        return self._current

    def current_label(self) -> str:
        choice = next((c for c in self._choices if c[0] == self._current), None)
        return f"{choice[2]} {choice[3]}" if choice else ""
