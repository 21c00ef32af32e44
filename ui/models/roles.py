"""Named item-data roles shared by every model and the proxy."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

IdRole = _BASE + 1  # the record's id (str)
SortKeyRole = _BASE + 2  # the precomputed sort key of the cell
FilterRole = _BASE + 3  # the row's lower-case filter text
KindRole = _BASE + 4  # record kind for the EditController: "topic", "meeting", ...
HeaderRole = _BASE + 5  # programme section rows: "meeting", "timing", "development"; else None
RagRole = _BASE + 6  # tracker: "green" / "amber" / "red" / ""
OverdueRole = _BASE + 7  # True when the row has something overdue
MeetingIdRole = _BASE + 8  # the meeting a row belongs to, if any

ROLE_NAMES: dict[int, bytes] = {
    IdRole: b"recordId",
    SortKeyRole: b"sortKey",
    FilterRole: b"filterText",
    KindRole: b"kind",
    HeaderRole: b"header",
    RagRole: b"rag",
    OverdueRole: b"overdue",
    MeetingIdRole: b"meetingId",
}
