"""What the window remembers between runs: layout, last committee, recent files.

Stored with QSettings under the application's organisation and application names
(tests set their own names and point QSettings at a temporary folder).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from planner.db.scrub import scrub

ORGANISATION = "fwp"
APPLICATION = "fwp-planner"
MAX_RECENT = 8


class Settings:
    def __init__(self) -> None:
        self.store = QSettings(
            QSettings.Format.IniFormat,
            QSettings.Scope.UserScope,
            QCoreApplication.organizationName() or ORGANISATION,
            QCoreApplication.applicationName() or APPLICATION,
        )

    def _list(self, key: str) -> list[str]:
        value = self.store.value(key, [])
        if value is None:
            return []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    # -- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        # Older versions kept server labels as user:***@host: reopening those would send
        # '***' as the password, so they are read back without it.
        return list(dict.fromkeys(scrub(f) for f in self._list("files/recent")))

    def add_recent(self, target: str) -> None:
        target = scrub(target)  # a password never goes into the settings file
        files = [target, *(f for f in self.recent_files() if f != target)][:MAX_RECENT]
        self.store.setValue("files/recent", files)

    def remove_recent(self, target: str) -> None:
        self.store.setValue("files/recent", [f for f in self.recent_files() if f != target])

    def clear_recent(self) -> None:
        self.store.setValue("files/recent", [])

    # -- committee and view ------------------------------------------------------------------
    def last_committee(self) -> str | None:
        value = self.store.value("window/committee")
        return str(value) if value else None

    def set_last_committee(self, committee_id: str | None) -> None:
        self.store.setValue("window/committee", committee_id or "")

    def last_view(self) -> str | None:
        value = self.store.value("window/view")
        return str(value) if value else None

    def set_last_view(self, name: str) -> None:
        self.store.setValue("window/view", name)

    def export_folder(self) -> str:
        return str(self.store.value("files/export_folder", "") or "")

    def set_export_folder(self, folder: str) -> None:
        self.store.setValue("files/export_folder", folder)

    # -- layout -------------------------------------------------------------------------------
    def bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"layout/{key}", value)

    def sync(self) -> None:
        self.store.sync()
