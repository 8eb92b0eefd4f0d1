"""The main window: navigation on the left, the pages on the right, the menus, the status bar.

Pages are imported and built on their first visit (``ui/pages/PAGES`` names module and class), so
start-up loads only the Übersicht. A page whose module does not exist yet is left out of the
navigation (no placeholder pages). Switching the database closes the store (releasing the lock),
opens the other one and rebuilds the pages.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from bezag_desktop import APP_NAME, __version__
from bezag_desktop.db.store import LockedError
from bezag_desktop.domain.errors import UserError
from bezag_desktop.services.store import Store, open_store
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.jobs import run_with_progress
from bezag_desktop.ui.pages import PAGES, PageSpec
from bezag_desktop.ui.pages.base import Page

log = logging.getLogger(__name__)

SETTINGS_ORGANIZATION = "BezAG"
SETTINGS_APPLICATION = "BezAG Desktop"
#: The method a page offers to show one record, by page key (used by ``navigate`` links between pages).
SELECTORS = {"meetings": "select_meeting", "bodies": "select_body", "groups": "select_group"}
#: The button that opens a locked database for reading.
READ_ONLY_CHOICE = "Schreibgeschützt öffnen"
DB_FILTER = "BezAG-Datenbank (*.sqlite *.db *.sqlite3);;Alle Dateien (*)"


def app_settings() -> QSettings:
    """The user's settings (window geometry, last page, last folder); tests redirect them with ``QSettings.setPath``."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, SETTINGS_ORGANIZATION, SETTINGS_APPLICATION)


# --- file choosers (module functions so tests can replace them) ------------------------------------


def ask_open_path(parent: QWidget | None, title: str, folder: str, filters: str = DB_FILTER) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, title: str, suggestion: str, filters: str = DB_FILTER) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggestion, filters)
    return Path(path) if path else None


# --- opening a database with the user's decisions -------------------------------------------------


def open_database(
    parent: QWidget | None, path: Path, *, read_only: bool = False, cancel_label: str = "Abbrechen"
) -> Store | None:
    """Open ``path``; on a lock offer "Schreibgeschützt öffnen"; German messages; ``None`` if nothing opened.

    A file that is damaged, foreign or from a newer version is never changed (``open_store`` identifies first).
    """
    try:
        return open_store(path, read_only=read_only)
    except LockedError as exc:
        choice = messages.choose(
            parent,
            "Datenbank wird bereits bearbeitet",
            exc.message,
            [READ_ONLY_CHOICE],
            cancel_label=cancel_label,
        )
        if choice != 0:
            return None
        try:
            return open_store(path, read_only=True)
        except UserError as inner:
            messages.error(parent, "Datenbank kann nicht geöffnet werden", inner.message)
            return None
    except UserError as exc:
        messages.error(parent, "Datenbank kann nicht geöffnet werden", exc.message)
        return None


# --- the window ------------------------------------------------------------------------------------


def page_available(spec: PageSpec) -> bool:
    """Whether the page's module exists (without importing it)."""
    try:
        return importlib.util.find_spec(spec.module) is not None
    except (ImportError, ValueError):
        return False


def _first_size(available: QSize) -> QSize:
    """1200×760 on a first start, but never larger than the screen (1024×768 office PCs)."""
    return QSize(min(1200, available.width()), min(760, available.height()))


class MainWindow(QMainWindow):
    """``MainWindow(ctx)``: pages built on first visit; ``remember`` stores geometry and last page on close."""

    def __init__(self, ctx: UiContext, *, remember: bool = True, start_page: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.remember = remember
        self.pages: dict[str, Page] = {}
        #: The scroll area around each built page (what the stack shows).
        self.holders: dict[str, QScrollArea] = {}
        self.specs: list[PageSpec] = [spec for spec in PAGES if page_available(spec)]
        self._page_actions: list[QAction] = []
        self._load_on_switch = True
        #: The page on screen (the navigation's row may run ahead of it while a page asks to stay).
        self._shown_key: str | None = None

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setMaximumWidth(320)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.stack = QStackedWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([220, 980])
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 6px 4px; }")
        self.setCentralWidget(splitter)

        self.db_label = QLabel(self)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.db_label, 1)

        self._build_menus()
        self._fill_navigation()
        self._show_database()

        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(_first_size(self.screen().availableGeometry().size()))
        first = start_page or (str(settings.value("window/page", "overview")) if remember else "overview")
        self.show_page(first if any(s.key == first for s in self.specs) else "overview", load=False)

    # --- menus ------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Datei")
        self.open_action = file_menu.addAction("Datenbank ö&ffnen …")
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.triggered.connect(self.choose_and_open_database)
        self.new_action = file_menu.addAction("&Neue Datenbank …")
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.triggered.connect(self.create_new_database)
        file_menu.addSeparator()
        self.backup_action = file_menu.addAction("&Sicherung erstellen …")
        self.backup_action.triggered.connect(self.create_backup)
        self.restore_action = file_menu.addAction("Sicherung &wiederherstellen …")
        self.restore_action.triggered.connect(self.restore_backup)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction("&Beenden")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.view_menu = bar.addMenu("&Ansicht")
        self.export_menu = bar.addMenu("E&xport")
        self.export_menu.aboutToShow.connect(self.fill_export_menu)

        help_menu = bar.addMenu("&Hilfe")
        self.about_action = help_menu.addAction("Ü&ber BezAG Desktop …")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _reset_export_menu(self) -> None:
        """The Export menu is filled when first opened: its modules load the spreadsheet libraries."""
        self.export_menu.clear()
        self.export_menu.setEnabled(True)
        self._export_menu_ctx: UiContext | None = None

    def fill_export_menu(self) -> None:
        if self._export_menu_ctx is self.ctx:
            return
        self.export_menu.clear()
        self._export_menu_ctx = self.ctx
        try:
            from bezag_desktop.ui import export_menu

            export_menu.populate(self.export_menu, self.ctx, self)
        except Exception:  # a broken export module must not take the window down
            log.exception("Export menu could not be built")
            self.export_menu.clear()
        if not self.export_menu.actions():
            placeholder = self.export_menu.addAction("Keine Exporte verfügbar")
            placeholder.setEnabled(False)
        self.export_menu.setEnabled(True)

    def _fill_navigation(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        for action in self._page_actions:
            self.view_menu.removeAction(action)
            self.removeAction(action)
        self._page_actions.clear()
        for spec in self.specs:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(
                f"{spec.title} ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            self.nav.addItem(item)
            action = QAction(spec.title, self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self.view_menu.addAction(action)
            self.addAction(action)
            self._page_actions.append(action)
        self.nav.blockSignals(False)
        self.nav.setMinimumWidth(max(160, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 16))
        self._reset_export_menu()

    # --- pages ------------------------------------------------------------------------------------

    def spec(self, key: str) -> PageSpec:
        for spec in self.specs:
            if spec.key == key:
                return spec
        raise KeyError(key)

    def page(self, key: str) -> Page:
        """The page for ``key``, imported and built on first use."""
        existing = self.pages.get(key)
        if existing is not None:
            return existing
        spec = self.spec(key)
        module = importlib.import_module(spec.module)
        page: Page = getattr(module, spec.class_name)(self.ctx)
        navigate = getattr(page, "navigate", None)
        if navigate is not None:
            navigate.connect(self.navigate_to)
        dirty_changed = getattr(page, "dirty_changed", None)
        if dirty_changed is not None:  # a page with unsaved input: "Einstellungen*" in the navigation
            dirty_changed.connect(lambda dirty, k=key: self._mark_unsaved(k, dirty))
        # A page wider or taller than the screen (a long row of buttons) scrolls instead of pushing the
        # window beyond the screen's edge; when it fits, the frame is invisible.
        holder = QScrollArea(self.stack)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidgetResizable(True)
        holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no extra stop for the Tab key
        holder.setWidget(page)
        self.stack.addWidget(holder)
        self.pages[key] = page
        self.holders[key] = holder
        return page

    @property
    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def current_page(self) -> Page | None:
        key = self.current_key
        return None if key is None else self.pages.get(key)

    def show_page(self, key: str, *, load: bool = True) -> Page | None:
        """Switch to a page; with ``load`` its data is refreshed now, else on the next event-loop turn."""
        row = next((i for i, s in enumerate(self.specs) if s.key == key), None)
        if row is None:
            return None
        self._load_on_switch = load
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # -> _nav_changed
        else:
            self._nav_changed(row)
        return self.pages.get(key) if self._shown_key == key else None

    def _mark_unsaved(self, key: str, dirty: bool) -> None:
        for i, spec in enumerate(self.specs):
            if spec.key == key and (item := self.nav.item(i)) is not None:
                item.setText(f"{spec.title}*" if dirty else spec.title)

    def _may_leave(self, key: str | None) -> bool:
        """Whether the page ``key`` (if built) lets itself be left; it asks about unsaved input."""
        page = self.pages.get(key) if key is not None else None
        return page is None or page.may_leave()

    def may_close_pages(self) -> bool:
        """Before the window closes or another database replaces the pages: every page may ask."""
        return all(self._may_leave(key) for key in list(self.pages))

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        spec = self.specs[row]
        if self._shown_key not in (None, spec.key) and not self._may_leave(self._shown_key):
            # Abbrechen: stay on the page with its input, and the navigation with it.
            back = next(i for i, s in enumerate(self.specs) if s.key == self._shown_key)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(back)
            self.nav.blockSignals(False)
            return
        page = run_action(self, f"Seite „{spec.title}“ öffnen", lambda: self.page(spec.key))
        if page is None:
            return
        self._shown_key = spec.key
        self.stack.setCurrentWidget(self.holders[spec.key])
        if self._load_on_switch:
            page.ensure_fresh()
        else:
            QTimer.singleShot(0, page.ensure_fresh)
        self._load_on_switch = True

    def load_current(self) -> None:
        """Fill the current page now (used after start and by ``--quit-after-start``)."""
        page = self.current_page()
        if page is not None:
            page.ensure_fresh()

    def navigate_to(self, key: str, ref: object = None) -> None:
        """Follow a link from one page to another (a page's ``navigate`` signal); see ``SELECTORS``."""
        page = self.show_page(key)
        if page is None or ref is None:
            return
        selector = getattr(page, SELECTORS.get(key, ""), None)
        if callable(selector):
            selector(ref)

    # --- database ---------------------------------------------------------------------------------

    def _show_database(self) -> None:
        store = self.ctx.store
        suffix = " – schreibgeschützt" if store.read_only else ""
        self.setWindowTitle(f"{APP_NAME} – {store.path.name}{' (schreibgeschützt)' if store.read_only else ''}")
        self.db_label.setText(f"Datenbank: {store.path}{suffix}")
        self.restore_action.setEnabled(not store.read_only)
        notes = list(store.report.notes)
        if store.report.migrated_from:
            notes.append(
                f"Die Datenbank wurde aktualisiert (von Schema {store.report.migrated_from}); "
                f"Sicherung: {store.report.backup}"
            )
        if store.report.created:
            notes.append("Neue Datenbank angelegt.")
        if notes:
            self.statusBar().showMessage(" ".join(notes), 15000)

    def switch_store(self, store: Store) -> None:
        """Use ``store`` from now on: the old one is closed (its lock released) and all pages are rebuilt."""
        old = self.ctx.store
        key = self.current_key or "overview"
        for holder in self.holders.values():
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages.clear()
        self.holders.clear()
        self._shown_key = None
        if old is not store:
            old.close()
        self.ctx = UiContext(store)
        self._fill_navigation()
        self._show_database()
        self.show_page(key)

    def _folder(self) -> str:
        folder = app_settings().value("files/folder", "")
        return str(folder) if folder else str(self.ctx.store.path.parent)

    def _remember_folder(self, path: Path) -> None:
        if self.remember:
            app_settings().setValue("files/folder", str(path.parent))

    def choose_and_open_database(self) -> None:
        if not self.may_close_pages():
            return
        path = ask_open_path(self, "Datenbank öffnen", self._folder())
        if path is None:
            return
        self.open_path(path)

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        """Open another database; the open one again only to leave read-only mode (when its lock is free now)."""
        same = path.resolve() == self.ctx.store.path.resolve()
        if same and (read_only or not self.ctx.store.read_only):
            messages.info(self, "Datenbank öffnen", f"Die Datenbank {path} ist bereits geöffnet.")
            return False
        store = open_database(self, path, read_only=read_only)
        if store is None:
            return False
        self._remember_folder(path)
        self.switch_store(store)
        return True

    def create_new_database(self) -> None:
        if not self.may_close_pages():
            return
        path = ask_save_path(self, "Neue Datenbank anlegen", str(Path(self._folder()) / "bezag.sqlite"))
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        if path.exists() and path.stat().st_size > 0:
            messages.error(
                self,
                "Neue Datenbank",
                f"Die Datei {path} existiert bereits und wird nicht überschrieben. "
                "Wählen Sie einen neuen Dateinamen oder öffnen Sie die Datei mit „Datenbank öffnen“.",
            )
            return
        store = open_database(self, path)
        if store is None:
            return
        self._remember_folder(path)
        self.switch_store(store)
        messages.info(
            self,
            "Neue Datenbank",
            f"Die Datenbank {path} wurde angelegt: 24 Mitgliedskörperschaften, Plenum und Geschäftsordnung.",
        )

    def create_backup(self) -> None:
        from bezag_desktop.services import backup

        suggestion = backup.default_backup_name(self.ctx.store)
        dest = ask_save_path(self, "Sicherung erstellen", str(suggestion))
        if dest is None:
            return
        if dest.suffix == "":
            dest = dest.with_suffix(".sqlite")
        store = self.ctx.store
        done = run_action(
            self,
            "Sicherung erstellen",
            lambda: run_with_progress(self, "Sicherung wird erstellt …", lambda: backup.create_backup(store, dest)),
        )
        if done is not None:
            self.statusBar().showMessage(f"Sicherung gespeichert: {done}", 15000)
            messages.info(self, "Sicherung erstellt", f"Die Sicherung wurde gespeichert:\n{done}")

    def restore_backup(self) -> None:
        from bezag_desktop.services import backup

        if self.ctx.read_only:
            messages.warning(self, "Sicherung wiederherstellen", "Die Datenbank ist schreibgeschützt geöffnet.")
            return
        if not self.may_close_pages():
            return
        source = ask_open_path(self, "Sicherung wiederherstellen", str(self.ctx.store.path.parent))
        if source is None:
            return
        info = run_action(self, "Sicherung wiederherstellen", lambda: backup.identify_backup(source))
        if info is None:
            return
        store = self.ctx.store
        if not messages.confirm(
            self,
            "Sicherung wiederherstellen",
            f"Die Datenbank {store.path} wird durch diese Sicherung ersetzt:\n{info.text}\n\n"
            "Der jetzige Stand wird vorher als eigene Sicherung neben der Datenbank abgelegt. Fortfahren?",
        ):
            return
        result = run_action(
            self,
            "Sicherung wiederherstellen",
            lambda: run_with_progress(
                self, "Sicherung wird eingespielt …", lambda: backup.restore_backup(store, source)
            ),
        )
        if result is None:
            return
        path = store.path
        store.close()
        reopened = run_action(
            self,
            "Datenbank öffnen",
            lambda: run_with_progress(self, "Datenbank wird geöffnet …", lambda: open_store(path)),
        )
        if reopened is None:
            reopened = open_database(self, path, read_only=True)
            if reopened is None:
                self.close()
                return
        self.switch_store(reopened)
        messages.info(
            self,
            "Sicherung wiederhergestellt",
            f"Die Sicherung {source.name} wurde eingespielt.\nDer vorherige Stand liegt in:\n{result.safety_backup}",
        )

    def show_about(self) -> None:
        from bezag_desktop.config import data_dir

        store = self.ctx.store
        mode = " (schreibgeschützt)" if store.read_only else ""
        messages.info(
            self,
            "Über BezAG Desktop",
            f"{APP_NAME} {__version__}\n"
            "Geschäftsstelle der Bezirksarbeitsgemeinschaft Sozialplanung Oberbayern\n\n"
            f"Datenbank: {store.path}{mode}\n"
            f"Datenordner: {data_dir()}",
        )

    # --- closing ----------------------------------------------------------------------------------

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        if self.current_key:
            settings.setValue("window/page", self.current_key)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close_pages():
            event.ignore()  # Abbrechen: the window stays with what was typed
            return
        if self.remember:
            self.save_state()
        super().closeEvent(event)
