"""The main window's menus, toolbar and standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Key = QKeySequence.StandardKey
Pixmap = QStyle.StandardPixmap


def history_actions() -> Any:
    """The History… and Restore Deleted… commands, imported when first used."""
    from ui import history_actions as module

    return module


def standard_keys(key: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's bindings for ``key`` plus ``extra``, each once (a key sequence bound
    twice to one action is "ambiguous" and does nothing). ``extra`` also covers platforms
    that bind nothing, e.g. Quit on Windows and bare X11."""
    keys: list[QKeySequence] = []
    for sequence in [*QKeySequence.keyBindings(key), *(QKeySequence(k) for k in extra)]:
        if not sequence.isEmpty() and sequence not in keys:
            keys.append(sequence)
    return keys


class WindowActions:
    """Builds every action once; ``update()`` enables them for the current view."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        style = w.style()

        def icon(theme: str, fallback: Pixmap) -> QIcon:
            return QIcon.fromTheme(theme, style.standardIcon(fallback))

        def act(
            text: str,
            slot: Callable[..., Any],
            keys: Any = None,
            ico: QIcon | None = None,
            tip: str | None = None,
        ) -> QAction:
            action = QAction(text, w)
            if keys is not None:
                if isinstance(keys, list):
                    action.setShortcuts([QKeySequence(k) for k in keys])
                else:
                    action.setShortcut(QKeySequence(keys))
            if ico is not None:
                action.setIcon(ico)
            action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
            action.triggered.connect(lambda *_: slot())
            return action

        self.new_db = act("New &Database…", w.files.new_database, "Ctrl+Shift+N",
                          tip="Create an empty planner database file")  # fmt: skip
        self.open = act("&Open…", w.files.open_file, Key.Open,
                        icon("document-open", Pixmap.SP_DialogOpenButton),
                        "Open another planner database file")  # fmt: skip
        self.open_url = act("Open Database &URL…", w.files.open_url,
                            tip="Open a shared database by its address")  # fmt: skip
        self.export = act("&Export Programme…", lambda: w.export("programme"), Key.SaveAs,
                          icon("document-save-as", Pixmap.SP_DialogSaveButton),
                          "Save the full programme as a spreadsheet")  # fmt: skip
        self.export_public = act(
            "Export &Public Programme…",
            lambda: w.export("programme", public=True),
            tip="Save the programme without exempt (Part 2) items",
        )
        self.export_tracker = act(
            "Export Recommendations &Tracker…",
            lambda: w.export("tracker"),
            tip="Save the recommendations tracker as a spreadsheet",
        )
        self.import_programme = act(
            "&Import Programme…", lambda: w.importer.start("programme"),
            tip="Read topics and task groups from a spreadsheet, with a preview first",
        )
        self.import_tracker = act(
            "Import Recommendations Trac&ker…", lambda: w.importer.start("tracker"),
            tip="Read recommendations from a tracker spreadsheet, with a preview first",
        )
        self.take_offline = act(
            "Take &Offline…", lambda: w.offline.take_offline(),
            tip="Copy committees into a file to edit without a network",
        )
        self.sync_offline = act(
            "S&ync Offline Copy…", lambda: w.offline.sync_copy(),
            tip="Merge an offline copy's edits with the database it came from",
        )
        self.quit = act("&Quit", w.close, standard_keys(Key.Quit, "Ctrl+Q"),
                        icon("application-exit", Pixmap.SP_DialogCloseButton))  # fmt: skip
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = w.undo_stack.createUndoAction(w, "&Undo")
        self.undo.setShortcuts(QKeySequence.keyBindings(Key.Undo))
        self.undo.setIcon(icon("edit-undo", Pixmap.SP_ArrowBack))
        self.redo = w.undo_stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts(standard_keys(Key.Redo, "Ctrl+Y"))
        self.redo.setIcon(icon("edit-redo", Pixmap.SP_ArrowForward))
        self.new = act("&New…", w.new_record, Key.New,
                       icon("document-new", Pixmap.SP_FileIcon))  # fmt: skip
        self.new_committee = act(
            "New &Committee or Year…",
            self.add_committee,
            tip="Add a committee, or a committee's next municipal year",
        )
        self.delete_committee = act(
            "Delete Committee &Year…",
            self.remove_committee,
            tip="Delete the committee-year shown, while it holds no meetings, topics or records",
        )
        self.edit = act("&Edit…", w.edit_record, "Ctrl+E",
                        icon("document-properties", Pixmap.SP_FileDialogDetailedView),
                        "Edit the selected record")  # fmt: skip
        self.delete = act("&Delete", w.delete_records, Key.Delete,
                          icon("edit-delete", Pixmap.SP_TrashIcon),
                          "Delete the selected records")  # fmt: skip
        self.move = act("&Move to Meeting…", w.move_topics, "Ctrl+M",
                        tip="Reschedule the selected topics")  # fmt: skip
        self.find = act("&Find", w.find, Key.Find,
                        icon("edit-find", Pixmap.SP_FileDialogContentsView),
                        "Filter the list you are looking at")  # fmt: skip
        self.search = act("&Search All Committees…", w.search_all, "Ctrl+Shift+F",
                          tip="Find topics in every committee and year")  # fmt: skip
        self.refresh = act("&Refresh", w.refresh, Key.Refresh)
        self.history = act("&History…", lambda: history_actions().show_history(w), "Ctrl+H",
                           tip="Who changed the selected record, and when")  # fmt: skip
        self.restore = act("Restore &Deleted…", lambda: history_actions().show_restore(w),
                           tip="Bring back records deleted from this committee")  # fmt: skip
        self.views = [
            act(f"&{i + 1} {view.title}", lambda i=i: w.show_view(i), f"Ctrl+{i + 1}")
            for i, view in enumerate(w.views)
        ]
        self.about = act("&About", self.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.recent = QMenu("Open &Recent", w)
        self._build_menus()
        self.toolbar = self._build_toolbar()

    def add_committee(self) -> None:
        from ui.editing.new_committee import next_year_defaults

        w = self.window
        with w.db.reading() as session:
            defaults = next_year_defaults(session, w.committee_id)
        new_id = w.controller.new_committee(**defaults)
        if new_id:
            w.selector.set_choices(w._choices(), select=new_id)

    def remove_committee(self) -> None:
        """Delete the shown committee-year; show another year of the same committee."""
        w = self.window
        gone = w.committee_id
        before = {str(c[0]): (c[1], c[2]) for c in w._choices()}
        if gone is None or not w.controller.delete_committee(gone):
            return
        after = w._choices()
        same = [str(c[0]) for c in after if (c[1], c[2]) == before.get(gone)]
        w.selector.set_choices(after, select=same[-1] if same else None)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # its enums cost time before the first paint

        QMessageBox.about(
            self.window,
            "About",
            "Forward Work Programme Planner\n\n"
            "Plans scrutiny committees' work programmes and tracks their recommendations.",
        )

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file = bar.addMenu("&File")
        exports = (self.export, self.export_public, self.export_tracker)
        imports = (self.import_programme, self.import_tracker)
        offline = (self.take_offline, self.sync_offline)
        for item in (self.new_db, self.open, self.open_url, self.recent, None, *imports, None,
                     *exports, None, *offline, None, self.quit):  # fmt: skip
            self._add(file, item)
        edit = bar.addMenu("&Edit")
        for item in (self.undo, self.redo, None, self.new, self.new_committee,
                     self.delete_committee, self.edit,
                     self.delete, self.move, None, self.history, self.restore, None,
                     self.find, self.search):  # fmt: skip
            self._add(edit, item)
        view = bar.addMenu("&View")
        for item in (*self.views, None, self.refresh):
            self._add(view, item)
        bar.addMenu("&Help").addAction(self.about)

    @staticmethod
    def _add(menu: QMenu, item: QAction | QMenu | None) -> None:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        size = self.window.fontMetrics().height()
        bar.setIconSize(QSize(size, size))
        for item in (self.new, self.edit, self.delete, None, self.undo, self.redo, None,
                     self.find, self.export):  # fmt: skip
            if item is None:
                bar.addSeparator()
            else:
                bar.addAction(item)
        for action, short in ((self.undo, "Undo"), (self.redo, "Redo"), (self.new, "New"),
                              (self.edit, "Edit"), (self.export, "Export")):  # fmt: skip
            action.setIconText(short)
        self.window.addToolBar(bar)
        return bar

    def update(self) -> None:
        """Enable what makes sense for the current view and selection."""
        w = self.window
        view = w.current_view()
        # Nothing to change until the database is open (start-up shows a snapshot).
        has_committee = w.db is not None and w.selector.current_id() is not None
        has_selection = w.db is not None and bool(view.selected_ids())
        self.new.setText(f"&New {view.noun[0].capitalize()}…")
        self.new.setEnabled(has_committee)
        if w.db is not None and w.selector.current_id() is None:
            w.statusBar().showMessage(
                "This database has no committee yet: Edit → New Committee or Year… starts one."
            )
        self.edit.setEnabled(has_selection or (view.name == "committee" and has_committee))
        self.delete.setEnabled(has_selection)
        self.move.setEnabled(has_selection and view.name == "programme")
        self.history.setEnabled(has_committee)
        self.delete_committee.setEnabled(has_committee)
        self.restore.setEnabled(has_committee)
        busy = w.exporter.busy()
        for action in (self.export, self.export_public, self.export_tracker):
            action.setEnabled(has_committee and not busy)
        for action in (self.import_programme, self.import_tracker):
            action.setEnabled(has_committee and not w.importer.busy())
        for action in (self.take_offline, self.sync_offline):
            action.setEnabled(not w.offline.busy())
        access = w.access_badge.access
        if access is not None and not access.can_edit:  # Edit stays: its form shows details
            self.new.setEnabled(has_committee and access.can_propose and view.name == "programme")
            for action in (self.delete, self.move, self.import_programme, self.import_tracker,
                           self.new_committee, self.delete_committee, self.restore):  # fmt: skip
                action.setEnabled(False)
