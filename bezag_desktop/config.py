"""Where things live: the data folder (platformdirs, local not roaming), the database path, resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bezag_desktop import APP_ID
from bezag_desktop.domain.errors import UserError

DB_FILENAME = "bezag.sqlite"


def resources_dir() -> Path:
    """``resources/`` beside the package (source checkout) or inside the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's local data folder (%LOCALAPPDATA%\\bezag-desktop on Windows), never roaming."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | None) -> Path:
    """``--db`` beats ``BEZAG_DB_URL`` beats ``BEZAG_DB`` beats the embedded default.

    A non-SQLite ``BEZAG_DB_URL`` is refused (no server support yet). The path is made absolute, so
    messages, the status bar and the lock name the file unambiguously.
    """
    url = os.environ.get("BEZAG_DB_URL", "").strip()
    if cli_value:
        return _absolute(cli_value)
    if url:
        scheme, colon, rest = url.partition(":")
        if not colon or scheme.lower().split("+", 1)[0] != "sqlite" or not rest.startswith("///"):
            shown = f"{scheme}:…" if colon else url
            raise UserError(
                f"Die Datenbankadresse „{shown}“ (BEZAG_DB_URL) wird nicht unterstützt. "
                "BezAG Desktop arbeitet derzeit nur mit einer lokalen SQLite-Datei "
                "(z. B. BEZAG_DB_URL=sqlite:///C:/Daten/bezag.sqlite oder BEZAG_DB=C:\\Daten\\bezag.sqlite); "
                "ein Datenbankserver ist noch nicht vorgesehen."
            )
        file_part = rest.removeprefix("///").split("?", 1)[0]
        if not file_part or file_part == ":memory:":
            raise UserError(
                "BEZAG_DB_URL nennt keine Datei; bitte eine SQLite-Datei angeben, z. B. sqlite:///C:/Daten/bezag.sqlite."
            )
        return _absolute(file_part)
    env = os.environ.get("BEZAG_DB", "").strip()
    if env:
        return _absolute(env)
    return default_db_path()


def _absolute(value: str) -> Path:
    return Path(value).expanduser().absolute()
