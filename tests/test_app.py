"""The GUI entry point in a real process: start-up, refused files, screenshots, lean imports."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage

from bezag_desktop import app
from bezag_desktop.db import store as dbstore
from bezag_desktop.ui.pages import PAGES

#: Libraries that only exports need; start-up must not load them.
HEAVY = ("docx", "openpyxl", "icalendar", "alembic", "vobject", "lxml")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEZAG_DB")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        BEZAG_TODAY="2026-11-21",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        TMPDIR=str(tmp_path / "tmp"),
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return env


def _gui(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bezag_desktop", *args],
        env=env or _env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_quit_after_start(tmp_path: Path, db_path: Path) -> None:
    result = _gui(tmp_path, "--db", str(db_path), "--quit-after-start")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not dbstore.lock_path(db_path).exists()  # released on exit
    # Nothing was written into the user's settings or data folder.
    assert not (tmp_path / "data" / "bezag-desktop").exists()


def test_start_up_imports_only_what_the_first_page_needs(tmp_path: Path, demo_db_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from bezag_desktop.__main__ import main\n"
        f"rc = main(['--db', {str(demo_db_path)!r}, '--quit-after-start'])\n"
        "print(json.dumps({'rc': rc, 'modules': sorted(sys.modules)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["rc"] == 0
    modules = set(data["modules"])
    loaded_heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert loaded_heavy == [], "start-up loaded export libraries"
    assert not [m for m in modules if m.startswith("bezag_desktop.exporters.")]
    other_pages = {spec.module for spec in PAGES[1:]}
    assert not modules & other_pages, "pages other than the Übersicht are built on first visit"
    assert "bezag_desktop.ui.pages.overview" in modules


def test_foreign_file_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tabelle.sqlite"
    path.write_text("Name;Vorname\nHuber;Anna\n", encoding="utf-8")
    before = _digest(path)
    result = _gui(tmp_path, "--db", str(path), "--quit-after-start")
    assert result.returncode != 0
    assert "keine BezAG-Datenbank" in result.stderr
    assert "Traceback" not in result.stderr
    assert _digest(path) == before
    assert not dbstore.lock_path(path).exists()


def test_damaged_and_newer_files_refused_and_untouched(tmp_path: Path, db_path: Path) -> None:
    newer = tmp_path / "neuer.sqlite"
    newer.write_bytes(db_path.read_bytes())
    con = sqlite3.connect(newer)
    con.execute("update alembic_version set version_num='9999'")
    con.commit()
    con.close()
    data = bytearray(db_path.read_bytes())
    data[4096:16384] = b"\xff" * 12288
    db_path.write_bytes(bytes(data))
    for path, message in ((db_path, "beschädigt"), (newer, "neueren Programmversion")):
        before = _digest(path)
        result = _gui(tmp_path, "--db", str(path), "--quit-after-start")
        assert result.returncode != 0, path
        assert message in result.stderr
        assert _digest(path) == before


def test_locked_database_without_screen_exits_and_read_only_opens(tmp_path: Path, db_path: Path) -> None:
    dbstore.lock_path(db_path).write_text(
        json.dumps({"user": "sekretariat", "host": "PC-GS-02", "pid": 4242, "since": "2026-11-21T08:15:00"}),
        encoding="utf-8",
    )
    result = _gui(tmp_path, "--db", str(db_path), "--quit-after-start")
    assert result.returncode != 0
    assert "sekretariat am Computer PC-GS-02" in result.stderr
    assert "Ohne Bildschirm kann niemand antworten („Schreibgeschützt öffnen“); abgebrochen." in result.stderr
    result = _gui(tmp_path, "--db", str(db_path), "--read-only", "--quit-after-start")
    assert result.returncode == 0, result.stderr
    assert dbstore.read_lock(db_path) is not None  # the other holder's lock stays


def test_server_url_refused(tmp_path: Path) -> None:
    env = _env(tmp_path)
    env["BEZAG_DB_URL"] = "postgresql://server/bezag"
    result = _gui(tmp_path, "--quit-after-start", env=env)
    assert result.returncode != 0
    assert "„postgresql:…“ (BEZAG_DB_URL) wird nicht unterstützt" in result.stderr


def test_bad_argument_is_german(tmp_path: Path) -> None:
    result = _gui(tmp_path, "--gibtsnicht")
    assert result.returncode == 2
    assert "unbekannte Angaben: --gibtsnicht" in result.stderr


def test_help_is_german() -> None:
    text = app.build_parser().format_help()
    assert text.startswith("Aufruf: bezag-desktop")
    assert "Programmversion anzeigen und beenden" in text
    for english in ("show ", "usage", "options", "help message"):
        assert english not in text, english


def test_demo_opens_and_cleans_up(tmp_path: Path) -> None:
    result = _gui(tmp_path, "--demo", "--quit-after-start")
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def test_screenshots_of_every_page(tmp_path: Path, demo_db_path: Path) -> None:
    out = tmp_path / "bilder"
    env = _env(tmp_path)
    del env["QT_QPA_PLATFORM"]  # --screenshots chooses offscreen by itself
    result = _gui(tmp_path, "--db", str(demo_db_path), "--screenshots", str(out), env=env)
    assert result.returncode == 0, result.stderr
    expected = [app.page_file_name(i, spec.title) for i, spec in enumerate(PAGES, start=1)]
    assert expected[:2] == ["01-uebersicht.png", "02-koerperschaften-vertretungen.png"]
    editor = f"{len(PAGES) + 1:02d}-sitzungsfenster-ungespeichert.png"
    assert sorted(p.name for p in out.iterdir()) == [*expected, editor]
    for name in [*expected, editor]:
        image = QImage(str(out / name))
        # Every page has the screenshot size: no page pushes the window wider (it would scroll instead);
        # the meeting editor is shown at the smallest office screen.
        size = (1024, 768) if name == editor else app.SCREENSHOT_SIZE
        assert (image.width(), image.height()) == size, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, f"{name} looks empty"


def test_self_test_from_source(tmp_path: Path) -> None:
    log = tmp_path / "selbsttest.log"
    env = _env(tmp_path)
    del env["QT_QPA_PLATFORM"]  # --self-test chooses offscreen by itself
    result = _gui(tmp_path, "--self-test", "--log", str(log), env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "bestanden" in log.read_text(encoding="utf-8")


def test_qt_speaks_german(tmp_path: Path) -> None:
    code = (
        "from bezag_desktop.app import _qt_application\n"
        "app = _qt_application('bezag-desktop')\n"
        "from PySide6.QtCore import QCoreApplication, QLocale\n"
        "print(QCoreApplication.translate('QPlatformTheme', 'Cancel'), QLocale().name())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Abbrechen", "de_DE"]


def test_page_file_names() -> None:
    names = [app.page_file_name(i, s.title) for i, s in enumerate(PAGES, start=1)]
    assert names == [
        "01-uebersicht.png",
        "02-koerperschaften-vertretungen.png",
        "03-sitzungen.png",
        "04-arbeitsgruppen.png",
        "05-wahlen-vorsitz.png",
        "06-kontakte-netzwerk.png",
        "07-einstellungen.png",
    ]


def test_unexpected_error_is_logged_and_shown_in_german(
    tmp_path: Path, answer: Callable[..., list[tuple[str, str, str]]]
) -> None:
    shown = answer()
    session = app._Session(interactive=True)
    handlers_before = list(logging.getLogger().handlers)
    previous = sys.excepthook
    try:
        app.setup_logging()
        app.install_excepthook(session)
        try:
            raise RuntimeError("kaputt")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
        root = logging.getLogger()
        for handler in root.handlers[:]:
            if handler not in handlers_before:
                handler.close()
                root.removeHandler(handler)
    assert session.unexpected_errors == 1
    kind, title, text = shown[0]
    assert (kind, title) == ("error", "Unerwarteter Fehler")
    assert "Traceback" not in text
    logfile = tmp_path / "datenordner" / app.LOG_FILENAME
    assert str(logfile) in text
    content = logfile.read_text(encoding="utf-8")
    assert "RuntimeError: kaputt" in content
    assert "Traceback" in content
