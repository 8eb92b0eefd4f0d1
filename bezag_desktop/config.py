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
    """``--db`` beats ``BEZAG_DB`` beats the embedded default; a non-SQLite ``BEZAG_DB_URL`` is refused."""
    url = os.environ.get("BEZAG_DB_URL", "").strip()
    if cli_value:
        return Path(cli_value).expanduser()
    if url:
        if not url.startswith("sqlite:///"):
            scheme = url.split(":", 1)[0]
            raise UserError(
                f"Die Datenbankadresse „{scheme}:…“ (BEZAG_DB_URL) wird nicht unterstützt. "
                "BezAG Desktop arbeitet derzeit nur mit einer lokalen SQLite-Datei; "
                "ein Datenbankserver ist noch nicht vorgesehen."
            )
        return Path(url.removeprefix("sqlite:///")).expanduser()
    env = os.environ.get("BEZAG_DB", "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()
