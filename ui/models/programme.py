"""The programme: a section row per meeting (in meeting order), then per loose timing
("Early 2019"), then "In Development", each followed by its topics.

Topics can be dragged onto a section row (or onto another topic in that section): the
drop calls ``move_handler`` (the view passes it to ``EditController.move_topic``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, QTimer

from planner.dates import format_date, format_time, timing_key
from planner.enums import MeetingStatus, TopicStatus, label
from ui.models import colours
from ui.models.base import Index, RowModel
from ui.models.cells import Row, date_cell, one_line, text_key
from ui.models.roles import HeaderRole, MeetingIdRole

MIME_TYPE = "application/x-fwp-topic-ids"
DEVELOPMENT = "In Development"
# (topic ids, meeting id, timing) -> None
MoveHandler = Callable[[list[str], str | None, str | None], None]


class Section(NamedTuple):
    kind: str  # "meeting", "timing" or "development"
    meeting_id: str | None
    timing: str | None
    accepts_drops: bool
    tooltip: str | None


class TopicInfo(NamedTuple):
    group: int
    meeting_id: str | None
    exempt: bool
    late: str | None = None  # why the report is late, if it is


def _meeting_label(meeting: Sequence[Any]) -> tuple[str, str]:
    _id, day, start, place, status, notes, _capacity, count = meeting
    parts = [format_date(day)]
    if start is not None:
        parts.append(format_time(start))
    if place:
        parts.append(place)
    if status != MeetingStatus.SCHEDULED:
        parts.append(label(status))
    parts.append("no topics yet" if count == 0 else f"{count} topic{'s' if count != 1 else ''}")
    return "  ·  ".join(parts), notes or ""


class ProgrammeModel(RowModel):
    kind = "topic"
    headers = (
        "Date of Meeting",
        "Scrutiny Topic",
        "Description",
        "Outcome",
        "Method",
        "Officer(s) responsible",
        "Status",
    )
    widths = (17, 30, 44, 30, 14, 26, 16)
    long_columns = frozenset({1, 2, 3, 5})
    editable = {1: "title", 4: "method", 5: "officers"}  # noqa: RUF012
    key_functions = (None, text_key, text_key, text_key, text_key, text_key, text_key)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.move_handler: MoveHandler | None = None
        self._group_of: list[int] = []
        self._is_section: list[bool] = []
        self._section_rows: list[int] = []
        self._building = 0
        self._late: Mapping[str, str] = {}

    # -- loading -------------------------------------------------------------------------
    def load(
        self,
        topics: Sequence[Sequence[Any]],
        meetings: Sequence[Sequence[Any]],
        late: Mapping[str, str] | None = None,
    ) -> None:
        """``late``: topic id -> why its report is late (from the deadline rules)."""
        self._late = late or {}
        by_meeting: dict[str, list[Sequence[Any]]] = {m[0]: [] for m in meetings}
        by_timing: dict[str, list[Sequence[Any]]] = {}
        undeveloped: list[Sequence[Any]] = []
        for t in topics:
            if t[1] is not None and t[1] in by_meeting:
                by_meeting[t[1]].append(t)
            elif t[2]:
                by_timing.setdefault(t[2], []).append(t)
            else:
                undeveloped.append(t)
        rows: list[Row] = []
        self._building = 0
        for meeting in meetings:
            text, notes = _meeting_label(meeting)
            accepts = meeting[4] != MeetingStatus.CANCELLED
            section = Section("meeting", meeting[0], None, accepts, notes or None)
            when = date_cell(meeting[1])
            self._add_group(rows, meeting[0], text, section, by_meeting[meeting[0]], when)
        for timing in sorted(by_timing, key=lambda t: (timing_key(t), t.casefold())):
            section = Section("timing", None, timing, True, "Loose timing: no meeting date yet")
            text = f"{timing}  ·  no meeting date yet"
            self._add_group(rows, f"timing:{timing}", text, section, by_timing[timing], timing)
        section = Section("development", None, None, True, "Topics with no date or timing yet")
        self._add_group(rows, "development", DEVELOPMENT, section, undeveloped, "In development")
        self.set_rows(rows)

    def _add_group(
        self,
        rows: list[Row],
        key: str,
        text: str,
        section: Section,
        topics: list[Sequence[Any]],
        when: str,
    ) -> None:
        group = self._building
        self._building += 1
        blank = ("",) * (len(self.headers) - 1)
        rows.append(Row(key, (text, *blank), ("",) * len(self.headers), section))
        rows.extend(self._topic_row(t, group, when, self._late.get(t[0])) for t in topics)

    @staticmethod
    def _topic_row(t: Sequence[Any], group: int, when: str, late: str | None = None) -> Row:
        (tid, meeting_id, _timing, title, description, outcome, method, officers,
         status, deferrals, exempt, paragraph, position) = t  # fmt: skip
        state = label(status)
        if deferrals:
            deferred = status == TopicStatus.DEFERRED
            state += f" {deferrals}×" if deferred else f", deferred {deferrals}×"
        if exempt:
            state += f"; Part 2 (para {paragraph})" if paragraph else "; Part 2"
        if late:
            state += "; report late"
        cells = (
            when,
            title,
            one_line(description),
            one_line(outcome),
            method or "",
            one_line(officers),
            state,
        )
        keys = (position, title, cells[2], cells[3], method, cells[5], state)
        return Row(tid, cells, keys, TopicInfo(group, meeting_id, bool(exempt), late))

    def rows_set(self) -> None:
        self._group_of, self._is_section, self._section_rows = [], [], []
        group = -1
        for i, row in enumerate(self._rows):
            section = isinstance(row.extra, Section)
            if section:
                group += 1
                self._section_rows.append(i)
            self._group_of.append(group)
            self._is_section.append(section)

    # -- structure -------------------------------------------------------------------------
    def groups(self) -> tuple[list[int], list[bool]]:
        return self._group_of, self._is_section

    def section_rows(self) -> list[int]:
        return self._section_rows

    def is_section(self, row: int) -> bool:
        return self._is_section[row]

    def section_of(self, row: int) -> Section:
        section = self._rows[self._section_rows[self._group_of[row]]].extra
        assert isinstance(section, Section)
        return section

    def kind_at(self, row: int) -> str:
        if self._is_section[row]:
            return "meeting" if self._rows[row].extra.kind == "meeting" else "section"
        return "topic"

    def row_is_record(self, row: int) -> bool:
        return not self._is_section[row]

    # -- display ---------------------------------------------------------------------------
    def extra_data(self, row: Row, column: int, role: int) -> Any:
        extra = row.extra
        if isinstance(extra, Section):
            if role == HeaderRole:
                return extra.kind
            if role == MeetingIdRole:
                return extra.meeting_id
            if role == Qt.ItemDataRole.FontRole:
                return colours.bold_font()
            if role == Qt.ItemDataRole.BackgroundRole:
                return colours.section_background()
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.section_foreground()
            if role == Qt.ItemDataRole.ToolTipRole:
                return extra.tooltip
            return None
        if role == MeetingIdRole:
            return extra.meeting_id
        if column == 6 and extra.late:
            if role == Qt.ItemDataRole.BackgroundRole:
                return colours.OVERDUE_FILL
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.DARK_TEXT
            if role == Qt.ItemDataRole.ToolTipRole:
                return extra.late
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and extra.exempt:
            return "Exempt (Part 2): left out of the public programme"
        return None

    # -- drag and drop -----------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        row = index.row()
        if self.section_of(row).accepts_drops:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        if not self._is_section[row]:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            if index.isValid() and not self._is_section[index.row()]:
                record_id = self._rows[index.row()].id
                if record_id not in ids:
                    ids.append(record_id)
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray("\n".join(ids).encode()))
        return mime

    def drop_target(self, row: int, parent: Index) -> tuple[int, Section] | None:
        """The section a drop lands in: the row dropped on, or the row dropped above."""
        target = parent.row() if parent.isValid() else row
        if not 0 <= target < len(self._rows):
            return None
        section = self.section_of(target)
        return (self._group_of[target], section) if section.accepts_drops else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and self.drop_target(row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        target = self.drop_target(row, parent) if data.hasFormat(MIME_TYPE) else None
        if target is None or self.move_handler is None:
            return False
        group, section = target
        raw = bytes(data.data(MIME_TYPE).data()).decode()
        ids = [i for i in raw.split("\n") if i and self.row_of(i) >= 0]
        moving = [i for i in ids if self._group_of[self.row_of(i)] != group]
        if not moving:
            return False
        # Let the drag finish before any dialog (the reason for a deferral) opens.
        handler = self.move_handler
        QTimer.singleShot(0, lambda: handler(moving, section.meeting_id, section.timing))
        return True
