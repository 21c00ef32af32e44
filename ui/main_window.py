"""The main window: a thin shell of menus, toolbar, committee selector and views.

Views read through ``ui.data``/services; every change goes through the
``EditController`` and its undo stack, and views reload on its ``changed`` signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from planner.errors import ConnectionLostError
from ui import prompts
from ui.access_status import AccessBadge
from ui.file_ops import FileOps
from ui.menus import WindowActions
from ui.selector import CommitteeSelector
from ui.settings import Settings
from ui.views.base import ListView
from ui.views.pages import VIEW_NAMES, VIEW_SPECS, PendingView, view_class
from ui.window_state import restore_columns, restore_layout, save_layout

if TYPE_CHECKING:  # SQLAlchemy is imported after the first paint (ui/opening.py)
    from planner.db.database import Database

ControllerFactory = Callable[["Database", QUndoStack, QWidget], Any]
# Which views show each kind of record (anything else reloads every view).
AFFECTS = {
    "topic": {"programme", "meetings"},
    "meeting": {"programme", "meetings", "tracker", "actions"},
    "group": {"groups"},
    "recommendation": {"tracker"},
    "action": {"actions"},
    "member": {"committee", "programme"},
    "activity": {"activities"},
}


def editing_controller(db: Database, stack: QUndoStack, parent: QWidget) -> Any:
    from ui.editing.controller import EditController

    return EditController(db, stack, parent)


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Database | None,
        settings: Settings | None = None,
        controller_factory: ControllerFactory | None = None,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.db = db
        self.settings = settings or Settings()
        self.remember = remember  # False for screenshots: don't read or write settings
        self.undo_stack = QUndoStack(self)
        # Without a database (start-up: it opens off the GUI thread, see ui/opening.py)
        # the controller, and the editing code it imports, waits for set_database.
        self._controller_factory = controller_factory or editing_controller
        self.controller: Any = None
        self.pages = [PendingView(name, title) for name, title, *_ in VIEW_SPECS]
        self.views: list[Any] = list(self.pages)  # each page's view, once built
        if db is not None:
            self._make_controller(db)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self.tabs.setDocumentMode(True)
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        self.selector = CommitteeSelector()
        self.selector.committee_changed.connect(self.show_committee)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 6, 4, 0)
        layout.addWidget(self.selector)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.files = FileOps(self)
        self._exporter: Any = None
        self._importer: Any = None
        self._offline: Any = None
        self.access_badge = AccessBadge()  # before the actions: they ask it
        self.actions = WindowActions(self)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.access_badge)
        self.statusBar().addPermanentWidget(self.counts)
        self._stale: set[str] = set()
        self._reload_selector = False
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_now)
        self._build_timer = QTimer(self, singleShot=True, interval=0)
        self._build_timer.timeout.connect(self._build_next)
        self.tabs.currentChanged.connect(self._view_shown)
        self.search_dialog: Any = None
        screen = self.screen().availableGeometry()
        self.resize(min(int(screen.width() * 0.92), 1600), min(int(screen.height() * 0.9), 1000))
        last = self.settings.last_committee() if remember else None
        if remember:
            restore_layout(self)
        if db is not None:
            self._build_all()
        else:
            self.current_view()  # the one the first paint shows
        self.files.rebuild_recent()
        self._first_committee = last
        if db is not None:
            self.selector.set_choices(self._choices(), select=last)
        self._update_title()

    # Made when first used: their modules are not needed to paint the window.
    @property
    def exporter(self) -> Any:
        if self._exporter is None:
            from ui.export_runner import Exporter

            self._exporter = Exporter(self)
            self._exporter.finished.connect(self._update_actions)
            self._exporter.failed.connect(self._update_actions)
        return self._exporter

    @property
    def offline(self) -> Any:
        if self._offline is None:
            from ui.offline_runner import OfflineRunner

            self._offline = OfflineRunner(self)
        return self._offline

    @property
    def importer(self) -> Any:
        if self._importer is None:
            from ui.import_runner import Importer

            self._importer = Importer(self)
        return self._importer

    def first_committee(self) -> str | None:
        """The committee-year the window opens on (if it still exists)."""
        return self._first_committee

    def show_snapshot(self, snapshot: Any) -> None:
        """Start-up, before the database is open: the committees and the programme read
        with the sqlite3 module (ui/data/snapshot.py), shown read-only."""
        self.selector.set_choices(snapshot.choices, select=snapshot.committee_id)
        self.view("programme").show_snapshot(snapshot)  # type: ignore[attr-defined]
        self._update_status()

    def _make_controller(self, db: Database) -> None:
        self.controller = self._controller_factory(db, self.undo_stack, self)
        self.controller.changed.connect(self._changed)
        self.controller.error.connect(self._error)
        for view in self.views:
            if isinstance(view, ListView):
                view.set_controller(self.controller)

    # -- committee and views ---------------------------------------------------------------
    def _choices(self) -> list[tuple[Any, ...]]:
        if self.db is None:
            return []
        from ui.data.queries import committee_choices

        with self.db.reading() as session:
            return committee_choices(session)

    @property
    def committee_id(self) -> str | None:
        return self.selector.current_id()

    def current_view(self) -> ListView:
        return self._built(self.tabs.currentIndex())

    def view(self, name: str) -> ListView:
        return self._built(VIEW_NAMES.index(name))

    def complete_views(self) -> None:
        """Build the views not built yet (start-up: right after the first paint), one
        per turn of the event loop: the window answers input between them and the
        database starts opening at once (ui/opening.py), not about 20 ms later."""
        self._build_timer.start()

    def _build_next(self) -> None:
        pending = [i for i, view in enumerate(self.views) if not isinstance(view, ListView)]
        if pending:
            self._built(pending[0])
        if len(pending) > 1:
            self._build_timer.start()

    def _build_all(self) -> None:
        for index in range(len(self.views)):
            self._built(index)

    def _built(self, index: int) -> ListView:
        view = self.views[index]
        if isinstance(view, ListView):
            return view
        view = view_class(index)(self.controller, self.undo_stack)
        self.pages[index].layout().addWidget(view)
        self.views[index] = view
        view.selection_changed.connect(self._update_actions)
        view.counts_changed.connect(self._update_status)
        if self.remember:
            restore_columns(self, view)
        return view

    def show_view(self, index_or_name: int | str) -> None:
        index = index_or_name if isinstance(index_or_name, int) else VIEW_NAMES.index(index_or_name)
        self.tabs.setCurrentIndex(index)

    def show_committee(self, committee_id: str | None) -> None:
        self.access_badge.refresh(self.db, committee_id)
        self._stale = set(VIEW_NAMES)
        self._refresh_now()
        self._update_title()

    def _view_shown(self, _index: int) -> None:
        self._refresh_now()

    def refresh(self) -> None:
        self._stale = set(VIEW_NAMES)
        self._reload_selector = True
        self._refresh_now()

    def _changed(self, kind: str) -> None:
        self._stale |= AFFECTS.get(kind, set(VIEW_NAMES))
        self._reload_selector |= kind == "committee"
        self._refresh_timer.start()

    def _refresh_now(self) -> None:
        try:
            self._reload_views()
        except ConnectionLostError as exc:  # the lists stay as they were; Refresh tries again
            self.statusBar().showMessage(str(exc), 15000)

    def _reload_views(self) -> None:
        if self._reload_selector:
            self._reload_selector = False
            self.selector.set_choices(self._choices(), select=self.committee_id)
        view = self.current_view()
        if self.db is not None and (
            view.name in self._stale
            or view.committee_id != self.committee_id
            or view.db is not self.db
        ):
            view.load(self.db, self.committee_id)
            self._stale.discard(view.name)  # only once loaded: a failed load tries again
        self._update_actions()
        self._update_status()

    # -- commands --------------------------------------------------------------------------
    def new_record(self) -> None:
        self.current_view().add_record()

    def edit_record(self) -> None:
        view: Any = self.current_view()
        if view.name == "committee" and not view.selected_ids():
            view.edit_committee()
        else:
            view.edit_current()

    def delete_records(self) -> None:
        self.current_view().delete_selected()

    def move_topics(self) -> None:
        view: Any = self.current_view()
        if view.name == "programme":
            view.move_selected()

    def find(self) -> None:
        self.current_view().focus_filter()

    def search_all(self) -> None:
        if self.db is None:
            return
        if self.search_dialog is None:
            from ui.search import SearchDialog

            self.search_dialog = SearchDialog(self.db, self)
            self.search_dialog.open_topic.connect(self.open_topic)
        self.search_dialog.show()
        self.search_dialog.activateWindow()
        self.search_dialog.words.setFocus()

    def open_topic(self, committee_id: str, topic_id: str) -> None:
        self.selector.select(committee_id)
        self.show_view("programme")
        self._refresh_now()
        self.view("programme").select_record(topic_id)
        self.view("programme").table.setFocus()

    def export(self, what: str, public: bool = False) -> None:
        self.exporter.export(what, public)
        self._update_actions()

    def set_database(self, db: Database) -> None:
        """Switch to another open database (File → Open); the old one is closed."""
        old, self.db = self.db, db
        self.undo_stack.clear()
        if self.controller is None:
            self._make_controller(db)
        else:
            self.controller.set_database(db)
        if self.search_dialog is not None:
            self.search_dialog.set_database(db)
        for view in self.views:
            view.committee_id = None
        # The first database (start-up) shows the committee the window was built for.
        first = self.committee_id or self._first_committee
        last = first if old is None else self.settings.last_committee()
        self.selector.set_choices(self._choices(), select=last)
        self.show_committee(self.committee_id)
        if old is not None and old is not db:
            old.close()

    # -- status ----------------------------------------------------------------------------
    def _error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        prompts.error(self, "Cannot do that", message)

    def _update_actions(self, *args: Any) -> None:
        self.actions.update()

    def _update_status(self) -> None:
        self.counts.setText(self.current_view().status_text())

    def _update_title(self) -> None:
        committee = self.selector.current_label()
        parts = [p for p in (committee, self.db.label if self.db else None) if p]
        self.setWindowTitle(" — ".join([*parts, "Forward Work Programme Planner"]))

    # -- layout ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember:
            save_layout(self)
        super().closeEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.current_view().filter.hasFocus():
            self.current_view().filter.clear()
            return
        super().keyPressEvent(event)
