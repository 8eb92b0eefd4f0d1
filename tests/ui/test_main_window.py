"""The main window: navigation and lazy pages, remembered geometry, database menu, backups, read-only."""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import sqlite3
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from querycount import count_queries

from bezag_desktop import __version__
from bezag_desktop.db import store as dbstore
from bezag_desktop.services.store import Store, create_database, open_store
from bezag_desktop.ui import main_window
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.main_window import MainWindow, run_with_progress
from bezag_desktop.ui.pages import PAGES, PageSpec
from bezag_desktop.ui.pages.base import Page

Answer = Callable[..., list[tuple[str, str, str]]]
FAKE_MODULE = "bezag_test_fake_pages"


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path) -> Iterator[None]:
    """Window geometry and last page go to an ini file in tmp_path, never into the user's settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
    main_window.app_settings().clear()


class CountingPage(Page):
    title = "Probe"
    areas = ("meetings",)
    built = 0

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        type(self).built += 1
        self.refreshes = 0
        self.label = QLabel("Probe", self)

    def refresh(self) -> None:
        super().refresh()
        self.refreshes += 1


@pytest.fixture
def fake_pages(monkeypatch: pytest.MonkeyPatch) -> list[PageSpec]:
    """The real Übersicht, two counting pages and one whose module does not exist."""
    module = types.ModuleType(FAKE_MODULE)
    module.__spec__ = importlib.machinery.ModuleSpec(FAKE_MODULE, None)
    module.CountingPage = type("CountingPage", (CountingPage,), {"built": 0})  # type: ignore[attr-defined]
    module.OtherPage = type("OtherPage", (CountingPage,), {"built": 0, "title": "Andere"})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    specs = [
        PAGES[0],
        PageSpec("probe", "Probe", FAKE_MODULE, "CountingPage", "Ctrl+2"),
        PageSpec("fehlt", "Fehlt noch", "bezag_desktop.ui.pages.gibt_es_nicht", "Nope", "Ctrl+3"),
        PageSpec("andere", "Andere", FAKE_MODULE, "OtherPage", "Ctrl+4"),
    ]
    monkeypatch.setattr(main_window, "PAGES", tuple(specs))
    return specs


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(store: Store, **kwargs: Any) -> MainWindow:
        window = MainWindow(UiContext(store), **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.ctx.store.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"select count(*) from {table}").scalar_one())


def _add_person(path: Path, last: str) -> None:
    con = sqlite3.connect(path)
    con.execute(
        "insert into persons (form_of_address, title, first_name, last_name, function, email, phone, street, "
        "postcode, city, notes, active, search_key) values ('neutral', '', 'Test', ?, '', '', '', '', '', '', '', 1, '')",
        (last,),
    )
    con.commit()
    con.close()


# --- navigation -----------------------------------------------------------------------------------


def test_pages_listed_when_they_exist_and_built_on_first_visit(
    qtbot: QtBot, store: Store, fake_pages: list[PageSpec], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(store)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Übersicht", "Probe", "Andere"]
    assert list(window.pages) == ["overview"]
    fake = sys.modules[FAKE_MODULE]
    assert fake.CountingPage.built == 0  # type: ignore[attr-defined]
    window.show()
    overview = window.pages["overview"]
    qtbot.waitUntil(lambda: overview.overview is not None)  # type: ignore[attr-defined]

    actions = {a.text(): a for a in window.view_menu.actions()}
    assert [a.shortcut().toString() for a in window.view_menu.actions()] == ["Ctrl+1", "Ctrl+2", "Ctrl+4"]
    actions["Probe"].trigger()
    assert window.current_key == "probe"
    page = window.pages["probe"]
    assert window.stack.currentWidget() is window.holders["probe"]
    assert window.holders["probe"].widget() is page
    assert page.refreshes == 1  # type: ignore[attr-defined]
    actions["Übersicht"].trigger()
    actions["Probe"].trigger()
    assert fake.CountingPage.built == 1  # type: ignore[attr-defined]
    assert page.refreshes == 1  # type: ignore[attr-defined]  (still fresh)
    window.ctx.notify("meetings")  # visible page reloads at once
    assert page.refreshes == 2  # type: ignore[attr-defined]
    assert "andere" not in window.pages


def test_a_wide_page_scrolls_instead_of_widening_the_window(
    qtbot: QtBot, store: Store, fake_pages: list[PageSpec], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(store, remember=False)
    window.resize(1000, 700)
    window.show()
    page = window.show_page("probe")
    assert page is not None
    page.setMinimumWidth(2500)  # e.g. a long row of buttons
    qtbot.wait(10)
    assert window.minimumSizeHint().width() < 1000
    assert window.width() == 1000
    holder = window.holders["probe"]
    assert holder.widget() is page
    assert holder.focusPolicy() == Qt.FocusPolicy.NoFocus  # the frame is no stop for the Tab key
    assert holder.horizontalScrollBar().maximum() > 0  # reachable by scrolling
    page.setMinimumWidth(0)
    qtbot.waitUntil(lambda: holder.horizontalScrollBar().maximum() == 0)  # no scroll bar when it fits


def test_overview_is_loaded_after_the_window_shows(
    qtbot: QtBot, store: Store, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(store)
    overview = window.pages["overview"]
    assert overview.overview is None  # type: ignore[attr-defined]  (not loaded before the window is up)
    window.show()
    qtbot.waitUntil(lambda: overview.overview is not None)  # type: ignore[attr-defined]
    assert window.current_key == "overview"
    assert window.windowTitle() == f"BezAG Desktop – {store.path.name}"
    assert window.db_label.text() == f"Datenbank: {store.path}"


def test_geometry_and_last_page_remembered(
    qtbot: QtBot, store: Store, fake_pages: list[PageSpec], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(store)
    window.show()
    window.resize(720, 520)
    window.show_page("andere")
    saved = window.saveGeometry()
    window.close()
    assert main_window.app_settings().value("window/geometry") == saved
    again = make_window(store)
    assert again.current_key == "andere"
    assert again.height() == 520  # (the offscreen screen is only 800 pixels wide, which bounds the width)
    # Screenshot and smoke runs neither read nor write the remembered page.
    quiet = make_window(store, remember=False, start_page="overview")
    assert quiet.current_key == "overview"
    quiet.show_page("probe")
    quiet.close()
    assert main_window.app_settings().value("window/page") == "andere"


def test_read_only_is_shown_and_restore_disabled(
    db_path: Path, make_window: Callable[..., MainWindow], answer: Answer
) -> None:
    shown = answer()
    window = make_window(open_store(db_path, read_only=True))
    assert window.windowTitle() == "BezAG Desktop – bezag.sqlite (schreibgeschützt)"
    assert window.db_label.text().endswith("– schreibgeschützt")
    assert not window.restore_action.isEnabled()
    window.restore_backup()
    assert [k for k, _t, _x in shown] == ["warning"]


# --- databases --------------------------------------------------------------------------------------


def test_open_other_database_switches_and_releases_the_lock(
    tmp_path: Path, store: Store, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "zweite.sqlite"
    create_database(other)
    window = make_window(store)
    old_path = store.path
    assert dbstore.lock_path(old_path).exists()
    monkeypatch.setattr(main_window, "ask_open_path", lambda *a, **k: other)
    window.open_action.trigger()
    assert window.ctx.store.path == other
    assert window.db_label.text() == f"Datenbank: {other}"
    assert not dbstore.lock_path(old_path).exists()
    assert dbstore.lock_path(other).exists()
    assert list(window.pages) == ["overview"]
    assert window.pages["overview"].ctx is window.ctx


def test_open_locked_database_offers_read_only(
    tmp_path: Path, store: Store, make_window: Callable[..., MainWindow], answer: Answer
) -> None:
    other = tmp_path / "gesperrt.sqlite"
    holder = open_store(other)
    try:
        shown = answer(choice=0)
        window = make_window(store)
        assert window.open_path(other)
        assert shown[0][0] == "choice"
        assert "wird bereits bearbeitet" in shown[0][2]
        assert window.ctx.store.read_only
        assert "(schreibgeschützt)" in window.windowTitle()
        # Declining keeps the database that is open.
        third = tmp_path / "auch-gesperrt.sqlite"
        holder2 = open_store(third)
        try:
            shown = answer(choice=None)
            assert not window.open_path(third)
            assert [k for k, _t, _x in shown] == ["choice"]
            assert window.ctx.store.path == other
        finally:
            holder2.close()
    finally:
        holder.close()


def test_reopening_a_read_only_database_for_writing_once_the_lock_is_free(
    db_path: Path, make_window: Callable[..., MainWindow], answer: Answer
) -> None:
    holder = open_store(db_path)  # a colleague is editing
    shown = answer(choice=0)
    window = make_window(main_window.open_database(None, db_path))
    assert window.ctx.store.read_only
    assert window.open_path(db_path)  # still locked: the message again, read-only again
    assert [k for k, _t, _x in shown] == ["choice", "choice"]
    assert window.ctx.store.read_only
    holder.close()  # the colleague is done
    assert window.open_path(db_path)
    assert not window.ctx.store.read_only
    assert "schreibgeschützt" not in window.db_label.text()
    assert window.restore_action.isEnabled()
    assert dbstore.read_lock(db_path) is not None  # now ours
    assert not window.open_path(db_path)  # open for writing already: nothing to do
    assert shown[-1][0] == "info"


@pytest.mark.parametrize(("clicked", "read_only"), [("Schreibgeschützt öffnen", True), ("Beenden", None)])
def test_second_instance_at_start_gets_the_lock_message_and_a_read_only_view(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, clicked: str, read_only: bool | None
) -> None:
    """The real message box of a start on a locked database: two buttons, "Schreibgeschützt öffnen" and "Beenden"."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, list[str]]] = []

    def click(box: QMessageBox) -> int:
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == clicked).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    holder = open_store(db_path)  # the first instance
    try:
        opened = main_window.open_database(None, db_path, cancel_label="Beenden")
        [(text, buttons)] = seen
        assert sorted(buttons) == ["Beenden", "Schreibgeschützt öffnen"]
        assert "wird bereits bearbeitet von" in text
        assert "am Computer" in text
        if read_only is None:
            assert opened is None
        else:
            assert opened is not None
            try:
                assert opened.read_only
                assert _count(opened, "bodies") == 24
            finally:
                opened.close()
        assert dbstore.read_lock(db_path) is not None  # the first instance keeps its lock
    finally:
        holder.close()


def test_open_foreign_file_keeps_the_current_database(
    tmp_path: Path, store: Store, make_window: Callable[..., MainWindow], answer: Answer
) -> None:
    shown = answer()
    foreign = tmp_path / "brief.sqlite"
    foreign.write_text("kein SQLite", encoding="utf-8")
    before = _digest(foreign)
    window = make_window(store)
    assert not window.open_path(foreign)
    assert shown == [("error", "Datenbank kann nicht geöffnet werden", shown[0][2])]
    assert "keine BezAG-Datenbank" in shown[0][2]
    assert _digest(foreign) == before
    assert window.ctx.store is store
    assert _count(store, "bodies") == 24


def test_new_database(
    tmp_path: Path,
    store: Store,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    answer: Answer,
) -> None:
    shown = answer()
    target = tmp_path / "ordner" / "neu"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *a, **k: target)
    window = make_window(store)
    window.new_action.trigger()
    created = target.with_suffix(".sqlite")
    assert window.ctx.store.path == created
    assert _count(window.ctx.store, "bodies") == 24
    assert shown[-1][1] == "Neue Datenbank"
    # An existing file is never overwritten.
    monkeypatch.setattr(main_window, "ask_save_path", lambda *a, **k: store.path)
    before = _digest(store.path)
    window.new_action.trigger()
    assert shown[-1][0] == "error"
    assert "existiert bereits" in shown[-1][2]
    assert window.ctx.store.path == created
    assert _digest(store.path) == before


# --- backups ----------------------------------------------------------------------------------------


def test_backup_from_the_menu(
    tmp_path: Path,
    store: Store,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    answer: Answer,
) -> None:
    shown = answer()
    target = tmp_path / "sicherungen" / "stand.sqlite"
    target.parent.mkdir()
    suggested: list[str] = []

    def ask(_parent: Any, _title: str, suggestion: str, *_a: Any) -> Path:
        suggested.append(suggestion)
        return target

    monkeypatch.setattr(main_window, "ask_save_path", ask)
    window = make_window(store)
    window.backup_action.trigger()
    assert Path(suggested[0]).parent == store.path.parent
    assert Path(suggested[0]).name.startswith("bezag-sicherung-")
    assert dbstore.identify(target).state == "current"
    con = sqlite3.connect(target)
    assert con.execute("select count(*) from bodies").fetchone()[0] == 24
    con.close()
    assert shown[-1][:2] == ("info", "Sicherung erstellt")
    assert str(target) in window.statusBar().currentMessage()


def test_restore_backup_replaces_data_and_keeps_a_safety_copy(
    tmp_path: Path,
    store: Store,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    answer: Answer,
) -> None:
    backup = dbstore.backup_database(store.path, tmp_path / "gestern.sqlite")
    window = make_window(store)
    window.show()
    with window.ctx.store.session() as s:
        from bezag_desktop.db.models import Person

        s.add(Person(first_name="Nach", last_name="Sicherung"))
    assert _count(store, "persons") == 1
    monkeypatch.setattr(main_window, "ask_open_path", lambda *a, **k: backup)
    shown = answer(confirm=True)
    window.restore_action.trigger()
    assert [k for k, _t, _x in shown] == ["confirm", "info"]
    assert "24 Körperschaften, 0 Personen, 0 Sitzungen" in shown[0][2]
    new_store = window.ctx.store
    assert new_store is not store
    assert new_store.path == store.path
    assert not new_store.read_only
    assert _count(new_store, "persons") == 0
    # The state before the restore was saved beside the database and is named in the message.
    safety = [p for p in store.path.parent.glob("bezag.*.sicherung.sqlite")]
    assert len(safety) == 1
    assert str(safety[0]) in shown[1][2]
    con = sqlite3.connect(safety[0])
    assert con.execute("select last_name from persons").fetchall() == [("Sicherung",)]
    con.close()
    # We still hold the lock, as this process.
    info = dbstore.read_lock(store.path)
    assert info is not None
    assert info.pid == os.getpid()
    assert dbstore.identify(store.path).state == "current"


def test_restore_refuses_foreign_file_and_cancel_changes_nothing(
    tmp_path: Path,
    store: Store,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    answer: Answer,
) -> None:
    foreign = tmp_path / "fremd.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("create table kunden (id integer)")
    con.commit()
    con.close()
    window = make_window(store)
    _add_person(store.path, "Bleibt")
    monkeypatch.setattr(main_window, "ask_open_path", lambda *a, **k: foreign)
    shown = answer(confirm=True)
    window.restore_backup()
    assert [k for k, _t, _x in shown] == ["error"]
    assert "keine von BezAG Desktop" in shown[0][2]
    backup = dbstore.backup_database(store.path, tmp_path / "gut.sqlite")
    _add_person(store.path, "Neu")
    monkeypatch.setattr(main_window, "ask_open_path", lambda *a, **k: backup)
    shown = answer(confirm=False)
    window.restore_backup()
    assert [k for k, _t, _x in shown] == ["confirm"]
    assert window.ctx.store is store
    assert _count(store, "persons") == 2
    assert not list(store.path.parent.glob("bezag.*.sicherung.sqlite"))


def test_run_with_progress_returns_and_raises_in_the_gui_thread(qtbot: QtBot) -> None:
    assert run_with_progress(None, "Rechnen …", lambda: 6 * 7) == 42

    def fail() -> None:
        raise dbstore.StorageEnvironmentError("Der Datenträger ist voll.")

    with pytest.raises(dbstore.StorageEnvironmentError, match="voll"):
        run_with_progress(None, "Schreiben …", fail)


# --- menus ------------------------------------------------------------------------------------------


def test_about_names_version_database_and_data_folder(
    store: Store, make_window: Callable[..., MainWindow], answer: Answer, tmp_path: Path
) -> None:
    shown = answer()
    window = make_window(store)
    window.about_action.trigger()
    kind, title, text = shown[0]
    assert (kind, title) == ("info", "Über BezAG Desktop")
    assert f"BezAG Desktop {__version__}" in text
    assert f"Datenbank: {store.path}" in text
    assert f"Datenordner: {tmp_path / 'datenordner'}" in text


def test_menus_and_export_menu_filled_when_opened(store: Store, make_window: Callable[..., MainWindow]) -> None:
    window = make_window(store)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Datei", "&Ansicht", "E&xport", "&Hilfe"]
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions() if not a.isSeparator()]
    assert file_items == [
        "Datenbank ö&ffnen …",
        "&Neue Datenbank …",
        "&Sicherung erstellen …",
        "Sicherung &wiederherstellen …",
        "&Beenden",
    ]
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.new_action.shortcut().toString() == "Ctrl+Shift+N"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.export_menu.actions() == []  # filled on first opening (its modules load openpyxl)
    window.fill_export_menu()
    assert window.export_menu.actions()
    count = len(window.export_menu.actions())
    window.fill_export_menu()
    assert len(window.export_menu.actions()) == count


class SelectingPage(CountingPage):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.selected: list[object] = []

    def select_meeting(self, meeting_id: object) -> bool:
        self.selected.append(meeting_id)
        return True


def test_links_between_pages(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, make_window: Callable[..., MainWindow]
) -> None:
    module = types.ModuleType(FAKE_MODULE)
    module.__spec__ = importlib.machinery.ModuleSpec(FAKE_MODULE, None)
    module.SelectingPage = SelectingPage  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    monkeypatch.setattr(
        main_window, "PAGES", (PAGES[0], PageSpec("meetings", "Sitzungen", FAKE_MODULE, "SelectingPage", "Ctrl+3"))
    )
    window = make_window(store)
    window.show()
    overview = window.pages["overview"]
    overview.navigate.emit("meetings", 17)  # type: ignore[attr-defined]
    assert window.current_key == "meetings"
    assert window.pages["meetings"].selected == [17]  # type: ignore[attr-defined]
    overview.navigate.emit("bodies", 3)  # type: ignore[attr-defined]  (no such page here: nothing happens)
    assert window.current_key == "meetings"


# --- speed --------------------------------------------------------------------------------------------


def test_every_list_page_loads_with_a_constant_number_of_queries(
    qtbot: QtBot, tmp_path: Path, demo_db_path: Path, make_window: Callable[..., MainWindow]
) -> None:
    """Each real page's refresh costs as many queries on one year of demo data as on two (no N+1)."""
    from bezag_desktop.demo.build import create_demo_database

    small = tmp_path / "ein-jahr.sqlite"
    create_demo_database(small, years=1, seed=1, today="2026-11-21")
    counts: dict[str, list[int]] = {}
    rows: dict[str, list[int]] = {}
    for path in (small, demo_db_path):
        store = open_store(path)
        window = make_window(store, remember=False)
        window.show()
        assert [s.key for s in window.specs] == [s.key for s in PAGES]  # every page exists
        for spec in window.specs:
            page = window.show_page(spec.key)
            assert page is not None
            with count_queries(store.engine) as counter:
                page.refresh()
            counts.setdefault(spec.key, []).append(counter.count)
            rows.setdefault(spec.key, []).append(_model_rows(page))
    assert _count_meetings(small) < _count_meetings(demo_db_path)
    assert rows["meetings"][0] < rows["meetings"][1]  # the second database really shows more rows
    assert {key: len(set(n)) for key, n in counts.items()} == {key: 1 for key in counts}, counts


def _model_rows(page: Page) -> int:
    from PySide6.QtCore import QAbstractItemModel

    return sum(model.rowCount() for model in page.findChildren(QAbstractItemModel))


def _count_meetings(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("select count(*) from meetings").fetchone()[0])
    finally:
        con.close()


def test_first_start_never_opens_larger_than_the_screen() -> None:
    from PySide6.QtCore import QSize

    from bezag_desktop.ui.main_window import _first_size

    assert _first_size(QSize(1024, 768)) == QSize(1024, 760)
    assert _first_size(QSize(1920, 1080)) == QSize(1200, 760)
    assert _first_size(QSize(800, 600)) == QSize(800, 600)
