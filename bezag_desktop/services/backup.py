"""Backups made by the user (Datei → Sicherung erstellen / wiederherstellen).

Both use SQLite's backup API, so a copy is consistent even while the database is open in WAL
mode. A restore first identifies the chosen file (foreign, damaged or newer files are refused and
left alone), then saves the current state beside the database, then copies the backup page by
page into the live file while this program still holds the lock. The caller reopens the store
afterwards, which upgrades a backup made by an older program version.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bezag_desktop.db import store as dbstore
from bezag_desktop.domain.errors import UserError
from bezag_desktop.services.store import Store


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, for the confirmation before a restore."""

    path: Path
    revision: str | None
    outdated: bool
    modified: datetime
    bodies: int
    persons: int
    meetings: int

    @property
    def text(self) -> str:
        when = self.modified.strftime("%d.%m.%Y %H:%M Uhr")
        older = " (älteres Format; wird beim Öffnen aktualisiert)" if self.outdated else ""
        return (
            f"{self.path.name}, gespeichert am {when}{older}: {self.bodies} Körperschaften, "
            f"{self.persons} Personen, {self.meetings} Sitzungen"
        )


@dataclass(frozen=True)
class RestoreResult:
    restored_from: BackupInfo
    #: The state before the restore, saved beside the database.
    safety_backup: Path


def _inspect(path: Path) -> sqlite3.Connection:
    try:
        return dbstore.inspect_connection(path)
    except (OSError, sqlite3.Error) as exc:
        raise dbstore.DamagedFileError(f"Die Sicherung {path} kann nicht gelesen werden ({exc}).") from exc


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def default_backup_name(store: Store, now: datetime | None = None) -> Path:
    """``<Ordner der Datenbank>/bezag-sicherung-20261121-1430.sqlite``."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    return store.path.with_name(f"{store.path.stem}-sicherung-{stamp}.sqlite")


def create_backup(store: Store, dest: Path) -> Path:
    """Copy the open database to ``dest`` (replacing a file there, as the save dialog confirmed)."""
    dest = Path(dest)
    if _same_file(dest, store.path):
        raise UserError("Die Sicherung kann nicht in die geöffnete Datenbank selbst geschrieben werden.")
    if dest.exists():
        try:
            dest.unlink()
        except OSError as exc:
            raise dbstore.StorageEnvironmentError(
                f"Die vorhandene Datei {dest} kann nicht ersetzt werden ({exc.strerror})."
            ) from exc
    return dbstore.backup_database(store.path, dest)


def identify_backup(path: Path) -> BackupInfo:
    """Check a file read-only; raises a ``StoreError`` (German) for anything that is not a BezAG database."""
    path = Path(path)
    state = dbstore.identify(path)
    if state.state == "new":
        raise dbstore.StoreError(f"Die Datei {path} ist leer oder existiert nicht; sie ist keine Sicherung.")
    con = _inspect(path)
    try:
        counts = [
            int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("bodies", "persons", "meetings")
        ]
    except sqlite3.Error as exc:
        raise dbstore.DamagedFileError(f"Die Sicherung {path} kann nicht gelesen werden ({exc}).") from exc
    finally:
        con.close()
    return BackupInfo(
        path=path,
        revision=state.revision,
        outdated=state.state == "outdated",
        modified=datetime.fromtimestamp(path.stat().st_mtime),
        bodies=counts[0],
        persons=counts[1],
        meetings=counts[2],
    )


def restore_backup(store: Store, source: Path) -> RestoreResult:
    """Replace the open database's content by ``source``; the caller must reopen the store afterwards."""
    source = Path(source)
    if store.read_only:
        raise UserError("Die Datenbank ist schreibgeschützt geöffnet; eine Sicherung kann nicht eingespielt werden.")
    if _same_file(source, store.path):
        raise UserError("Die gewählte Datei ist die geöffnete Datenbank selbst.")
    info = identify_backup(source)
    safety = dbstore.backup_database(store.path)
    store.engine.dispose()  # no pooled connection of ours may hold a read transaction during the copy
    src = _inspect(source)
    try:
        dst = sqlite3.connect(str(store.path), timeout=dbstore.BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise dbstore.StorageEnvironmentError(
            f"Die Sicherung konnte nicht eingespielt werden ({exc}). Der vorherige Stand liegt in {safety}."
        ) from exc
    finally:
        with contextlib.suppress(sqlite3.Error):
            src.close()
    return RestoreResult(restored_from=info, safety_backup=safety)
