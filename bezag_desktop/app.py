"""Composition root of the GUI: arguments, Qt application, German translations, the store, the main window.

Start-up is kept lean: only what the Übersicht needs is imported here; the other pages, the
exporters and their libraries (python-docx, openpyxl, icalendar) load when first used, and an
up-to-date database is recognised without importing Alembic.

``--screenshots DIR`` and ``--quit-after-start`` run without any dialog: messages go to stderr and
the exit code says whether all went well.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from bezag_desktop import APP_ID, APP_NAME, __version__
from bezag_desktop.cli.common import GermanArgumentParser

if TYPE_CHECKING:  # Qt and the window load only when the GUI starts (see the module docstring)
    from PySide6.QtWidgets import QApplication

    from bezag_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

LOG_FILENAME = "bezag-fehler.log"
#: Size of the window in screenshots (the README shows them).
SCREENSHOT_SIZE = (1440, 900)


def build_parser() -> GermanArgumentParser:
    parser = GermanArgumentParser(
        prog="bezag-desktop",
        description=f"{APP_NAME} – das Programm der Geschäftsstelle der BezAG Sozialplanung Oberbayern.",
    )
    parser.add_argument(
        "--db",
        metavar="PFAD",
        help="Datenbankdatei (Standard: BEZAG_DB oder die Datenbank im lokalen Datenordner)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="eine neue Demo-Datenbank mit erfundenen Daten in einem temporären Ordner anlegen und öffnen",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="die Datenbank nur lesend öffnen (keine Änderungen, keine Aktualisierung)",
    )
    parser.add_argument(
        "--screenshots",
        metavar="ORDNER",
        help="jede Seite des Hauptfensters als PNG in ORDNER speichern und beenden (ohne Bildschirm)",
    )
    parser.add_argument(
        "--quit-after-start",
        action="store_true",
        help="starten, Übersicht füllen und sofort beenden (für Messungen und Rauchtests)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="Selbsttest ohne Bildschirm: Datenbank, Demodaten, alle Seiten und Exporte prüfen, Bericht ausgeben",
    )
    parser.add_argument(
        "--log",
        metavar="DATEI",
        help="Protokolldatei des Selbsttests (Standard: selbsttest.log im Datenordner)",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="Programmversion anzeigen und beenden"
    )
    return parser


# --- logging and unexpected errors ---------------------------------------------------------------


class _DataFolderFileHandler(logging.FileHandler):
    """A log file in the data folder, created only when something is logged."""

    def _open(self) -> TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def log_file() -> Path:
    from bezag_desktop.config import data_dir

    return data_dir() / LOG_FILENAME


def setup_logging() -> None:
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    try:
        handler: logging.Handler = _DataFolderFileHandler(log_file(), encoding="utf-8", delay=True)
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("--- %(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


class _Session:
    """State of one run of the GUI that the hooks need."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.unexpected_errors = 0


def _stderr_answerer(kind: str, title: str, text: str, choices: Sequence[str]) -> None:
    """Without a screen nobody can answer: print the message, decline every question."""
    if kind == "choice":
        # A choice nobody can make ends what was asked for (e.g. a locked database): say so, and what the choices were.
        quoted = ", ".join(f"„{c}“" for c in choices)
        print(f"Fehler: {title}: {text}", file=sys.stderr)
        print(
            f"Ohne Bildschirm kann niemand antworten{f' ({quoted})' if quoted else ''}; abgebrochen.", file=sys.stderr
        )
        return None
    label = {"error": "Fehler", "warning": "Warnung"}.get(kind, "Hinweis")
    print(f"{label}: {title}: {text}", file=sys.stderr)
    return None


def install_excepthook(session: _Session) -> None:
    """A bug in a slot: log the traceback to the data folder, show one German sentence, keep running."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        session.unexpected_errors += 1
        log.error("Unerwarteter Fehler\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        try:
            from bezag_desktop.ui import messages

            messages.error(
                None,
                "Unerwarteter Fehler",
                "Im Programm ist ein unerwarteter Fehler aufgetreten. Ihre gespeicherten Daten sind nicht betroffen; "
                "die letzte Aktion wurde möglicherweise nicht ausgeführt.\n\n"
                f"Die Einzelheiten stehen in der Protokolldatei:\n{log_file()}",
            )
        except Exception:  # never let the hook itself fail
            print(f"Unerwarteter Fehler: {exc_type.__name__}: {exc}", file=sys.stderr)

    sys.excepthook = hook


# --- Qt -----------------------------------------------------------------------------------------------


def _qt_application(argv0: str) -> QApplication:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()  # the tests' (pytest-qt) when run from them
    app = existing if isinstance(existing, QApplication) else QApplication([argv0])
    app.setOrganizationName("BezAG")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    translator = QTranslator(app)
    if translator.load("qtbase_de", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    else:
        log.warning("Qt's German translations (qtbase_de) were not found")
    return app


def _make_demo_database() -> tuple[Path, Path]:
    """A fresh demo database in a new temporary folder; returns (database, folder)."""
    from bezag_desktop.demo.build import create_demo_database
    from bezag_desktop.domain.timeutil import today

    folder = Path(tempfile.mkdtemp(prefix="bezag-demo-"))
    path = folder / "bezag-demo.sqlite"
    create_demo_database(path, years=2, seed=1, today=today().isoformat())
    return path, folder


def page_file_name(index: int, title: str) -> str:
    """``01-uebersicht.png``, ``02-koerperschaften-vertretungen.png``."""
    text = title.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    slug = "-".join("".join(c if c.isalnum() else " " for c in text).split())
    return f"{index:02d}-{slug}.png"


def _settle(app: QApplication, rounds: int = 5) -> None:
    """Let queued work (deferred loads, layouts) run."""
    from PySide6.QtCore import QEventLoop, QTimer

    for _ in range(rounds):
        app.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def take_screenshots(app: QApplication, window: MainWindow, folder: Path) -> int:
    """Render every page of the main window to ``folder``; 0 when every existing page rendered."""
    from bezag_desktop.ui.pages import PAGES

    folder.mkdir(parents=True, exist_ok=True)
    failures = 0
    for index, spec in enumerate(PAGES, start=1):
        if not any(s.key == spec.key for s in window.specs):
            print(f"Seite „{spec.title}“ gibt es in dieser Version noch nicht; kein Bild.", file=sys.stderr)
            continue
        page = window.show_page(spec.key)
        if page is None:
            failures += 1
            continue
        _settle(app)
        target = folder / page_file_name(index, spec.title)
        if not window.grab().save(str(target), "PNG"):
            print(f"Fehler: {target} konnte nicht gespeichert werden.", file=sys.stderr)
            failures += 1
            continue
        print(target)
    if not _editor_screenshot(app, window, folder / f"{len(PAGES) + 1:02d}-sitzungsfenster-ungespeichert.png"):
        failures += 1
    return 0 if failures == 0 else 1


def _editor_screenshot(app: QApplication, window: MainWindow, target: Path) -> bool:
    """The meeting editor on its Protokoll tab with a typed, unsaved addition (README picture).

    Nothing is written: the typed text is discarded when the editor closes.
    """
    from bezag_desktop.domain.codes import MeetingStatus
    from bezag_desktop.services import meetings
    from bezag_desktop.ui.dialogs.meeting_editor import TAB_MINUTES, MeetingEditor

    held = meetings.list_meetings(window.ctx.store, status=MeetingStatus.PROTOKOLL_GENEHMIGT.value)
    if not held:
        print("Keine Sitzung mit genehmigter Niederschrift; kein Bild des Sitzungsfensters.", file=sys.stderr)
        return True
    editor = MeetingEditor(window.ctx, held[-1].id, parent=window)
    editor.resize(1024, 768)  # the smallest screen the office uses
    editor.show()
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    notes = editor.minutes_tab.minutes_notes_edit
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    notes.insertPlainText(" Die Geschäftsstelle ergänzt die Zahlen bis zur nächsten Sitzung.")
    _settle(app)
    ok = editor.grab().save(str(target), "PNG")
    editor.tracker.mark_clean()
    editor.close()
    editor.deleteLater()
    if ok:
        print(target)
    else:
        print(f"Fehler: {target} konnte nicht gespeichert werden.", file=sys.stderr)
    return ok


# --- main ---------------------------------------------------------------------------------------------


def run(argv: Sequence[str] | None = None, *, tune_gc: bool = False) -> int:
    """The GUI. ``tune_gc`` (set by ``main``): no garbage collection while start-up builds its long-lived
    objects (modules, classes, Qt wrappers); afterwards they are frozen out of later collections."""
    if tune_gc:
        gc.disable()
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if (args.screenshots or args.self_test) and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    interactive = not (args.screenshots or args.quit_after_start or args.self_test)
    session = _Session(interactive)
    setup_logging()

    from bezag_desktop.domain.errors import UserError
    from bezag_desktop.ui import messages

    if not interactive:
        messages.set_answerer(_stderr_answerer)
    app = _qt_application(sys.argv[0] if sys.argv else APP_ID)
    install_excepthook(session)

    if args.self_test:
        from bezag_desktop.ui.selftest import run_self_test

        gc.enable()
        try:
            return run_self_test(app, log_path=Path(args.log) if args.log else None)
        finally:
            messages.set_answerer(None)

    demo_folder: Path | None = None
    window: MainWindow | None = None
    try:
        try:
            path, demo_folder = _database_path(args)
        except UserError as exc:
            messages.error(None, APP_NAME, exc.message)
            return 1

        from bezag_desktop.ui.context import UiContext
        from bezag_desktop.ui.main_window import MainWindow, open_database

        store = open_database(None, path, read_only=args.read_only, cancel_label="Beenden")
        if store is None:
            return 1
        from PySide6.QtCore import QTimer

        window = MainWindow(UiContext(store), remember=interactive, start_page="overview" if not interactive else None)
        if args.screenshots:
            window.resize(*SCREENSHOT_SIZE)
        window.show()
        if tune_gc:
            QTimer.singleShot(0, _end_of_start)
        if args.quit_after_start:
            app.processEvents()
            window.load_current()
            app.processEvents()
            return 1 if session.unexpected_errors else 0
        if args.screenshots:
            app.processEvents()
            window.load_current()
            rc = take_screenshots(app, window, Path(args.screenshots))
            return 1 if session.unexpected_errors else rc
        return int(app.exec())
    finally:
        if window is not None:
            window.close()
            window.ctx.store.close()
        if not interactive:
            messages.set_answerer(None)
        if demo_folder is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(demo_folder, ignore_errors=True)


def _database_path(args: argparse.Namespace) -> tuple[Path, Path | None]:
    """The database to open and, with ``--demo``, the temporary folder that holds it (removed at the end)."""
    from bezag_desktop.config import resolve_db_path

    if not args.demo:
        return resolve_db_path(args.db), None
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    # Building the demo takes a moment before any window exists: the cursor says so.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return _make_demo_database()
    finally:
        QApplication.restoreOverrideCursor()


def _end_of_start() -> None:
    gc.freeze()
    gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, tune_gc=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
