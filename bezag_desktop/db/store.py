"""Opening a database file safely: identify it read-only, lock it, back it up, migrate it.

Order matters (STYLE.md): a file is identified (opened read-only, checked for our
``application_id`` and schema revision) before anything writes to it; only then come the lock,
WAL, the backup and the migrations. An up-to-date file is recognised by comparing its
``alembic_version`` with ``HEAD_REVISION`` without importing Alembic.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from bezag_desktop.db.base import APPLICATION_ID
from bezag_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

#: Alembic revisions in order; the last is the head. ``tests/migrations`` keeps this true.
KNOWN_REVISIONS: tuple[str, ...] = ("0001",)
HEAD_REVISION = KNOWN_REVISIONS[-1]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
#: How often and how long to look again at a lock file that cannot be read yet (see ``DatabaseLock._holder``).
LOCK_READ_ATTEMPTS = 10
LOCK_READ_PAUSE_S = 0.05


class StoreError(UserError):
    """The database file cannot be used as asked; the message says why, in German."""


class ForeignFileError(StoreError):
    pass


class DamagedFileError(StoreError):
    pass


class NewerVersionError(StoreError):
    pass


class StorageEnvironmentError(StoreError):
    """The environment's fault (locked, read-only, disk full), not a bug: tell the user."""


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str

    @property
    def text(self) -> str:
        try:
            since = datetime.fromisoformat(self.since).strftime("%d.%m.%Y %H:%M Uhr")
        except ValueError:
            since = self.since
        return f"{self.user} am Computer {self.host} (seit {since})"


class LockedError(StoreError):
    def __init__(self, path: Path, info: LockInfo) -> None:
        super().__init__(
            f"Die Datenbank {path} wird bereits bearbeitet von {info.text}. "
            "Es kann immer nur eine Person gleichzeitig Änderungen vornehmen. "
            "Sie können die Daten schreibgeschützt ansehen."
        )
        self.path = path
        self.info = info


@dataclass(frozen=True)
class FileState:
    """What a file on disk is: ``new`` (missing or empty), ``current`` or ``outdated``."""

    state: str
    revision: str | None = None


def _ro_uri(path: Path, *, immutable: bool = False) -> str:
    from urllib.parse import quote

    return f"file:{quote(str(path.resolve()))}?mode=ro{'&immutable=1' if immutable else ''}"


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def _quiet_read(path: Path, header: bytes) -> bool:
    """Whether ``path`` can be read as immutable, so SQLite leaves no ``-wal``/``-shm`` files beside it.

    Even a read-only connection to a WAL-mode file creates those two files and cannot remove them;
    beside a foreign or damaged file (or a backup) they would be litter. A WAL file without them has
    no uncommitted log and no open connection, so reading it as immutable sees all of it.
    """
    wal_mode = header[18:20] == b"\x02\x02"
    return wal_mode and not any(p.exists() for p in _sidecars(path))


def inspect_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection for looking at a file that may not be ours (see ``_quiet_read``)."""
    with path.open("rb") as fh:
        header = fh.read(100)
    return sqlite3.connect(_ro_uri(path, immutable=_quiet_read(path, header)), uri=True)


def identify(path: Path) -> FileState:
    """Look at a file without changing it. Raises a ``StoreError`` for foreign, damaged or newer files."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return FileState("new")
    if not path.is_file():
        raise ForeignFileError(f"{path} ist keine Datei.")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StorageEnvironmentError(f"Die Datei {path} kann nicht gelesen werden: {exc.strerror}.") from exc
    if header[:16] != SQLITE_HEADER:
        raise ForeignFileError(
            f"Die Datei {path} ist keine BezAG-Datenbank (keine SQLite-Datei). Sie wurde nicht verändert."
        )
    try:
        con = sqlite3.connect(_ro_uri(path, immutable=_quiet_read(path, header)), uri=True)
    except sqlite3.Error as exc:
        raise DamagedFileError(f"Die Datei {path} kann nicht geöffnet werden: {exc}.") from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID:
            if not tables and app_id == 0:
                return FileState("new")
            raise ForeignFileError(
                f"Die Datei {path} ist eine SQLite-Datenbank, aber keine von BezAG Desktop. Sie wurde nicht verändert."
            )
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedFileError(
                f"Die Datenbank {path} ist beschädigt ({check}). Sie wurde nicht verändert; "
                "bitte stellen Sie eine Sicherung wieder her."
            )
        if "alembic_version" not in tables:
            raise DamagedFileError(f"In der Datenbank {path} fehlt die Versionsangabe. Sie wurde nicht verändert.")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(
            f"Die Datenbank {path} ist beschädigt ({exc}). Sie wurde nicht verändert; "
            "bitte stellen Sie eine Sicherung wieder her."
        ) from exc
    finally:
        con.close()
    revision = row[0] if row else None
    if revision is None:
        raise DamagedFileError(f"In der Datenbank {path} fehlt die Versionsangabe. Sie wurde nicht verändert.")
    if revision not in KNOWN_REVISIONS:
        raise NewerVersionError(
            f"Die Datenbank {path} stammt von einer neueren Programmversion (Schema {revision}). "
            "Bitte aktualisieren Sie BezAG Desktop. Die Datei wurde nicht verändert."
        )
    return FileState("current" if revision == HEAD_REVISION else "outdated", revision)


# --- lock -------------------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(path: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DatabaseLock:
    """One writer at a time: a small file beside the database naming the holder.

    A lock left behind by a crashed program on this computer is taken over; one from another
    computer (a network drive) is respected, since its process cannot be checked from here.
    """

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.db_path = path
        self.held = False

    def acquire(self) -> None:
        me = LockInfo(
            getpass.getuser(), socket.gethostname(), os.getpid(), datetime.now().isoformat(timespec="seconds")
        )
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                other = self._holder()
                stale = other is None or (other.host == me.host and (other.pid == me.pid or not _pid_alive(other.pid)))
                if other is not None and other.host == me.host and other.pid == me.pid:
                    stale = False  # this very process holds it through another store
                if stale:
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                    continue
                assert other is not None
                raise LockedError(self.db_path, other) from None
            except OSError as exc:
                raise StorageEnvironmentError(
                    f"Die Sperrdatei {self.path} kann nicht angelegt werden ({exc.strerror}). "
                    "Ist der Ordner schreibgeschützt?"
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(me.__dict__, fh)
            self.held = True
            return
        raise LockedError(self.db_path, read_lock(self.db_path) or me)

    def _holder(self) -> LockInfo | None:
        """Who holds the lock. A lock file that another program has just created may not be written yet
        (on a network drive the write comes a moment after the creation): wait briefly before calling an
        unreadable lock stale, so two programs starting at the same moment never both get it."""
        for attempt in range(LOCK_READ_ATTEMPTS):
            info = read_lock(self.db_path)
            if info is not None or not self.path.exists():
                return info
            if attempt + 1 < LOCK_READ_ATTEMPTS:
                time.sleep(LOCK_READ_PAUSE_S)
        return None

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.held = False


# --- engine -----------------------------------------------------------------------------------


def _on_network_drive(path: Path) -> bool:
    """WAL needs shared memory, which network file systems do not offer reliably."""
    text = str(path.resolve())
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE
    return False


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine with foreign keys on and a busy timeout; writers use WAL on local disks, a rollback journal on
    network drives."""
    if read_only:
        uri = _ro_uri(path)

        def creator() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)

        engine = create_engine("sqlite://", creator=creator, poolclass=NullPool)
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    network = not read_only and _on_network_drive(path)
    wal = not read_only and not network

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con: Any, _record: Any) -> None:
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
        elif network:
            # WAL is persistent in the file: one made on a local disk and moved to a share would keep it,
            # and WAL's shared memory does not work between computers. Readers elsewhere may keep the
            # switch from succeeding now; the next writer's start tries again.
            try:
                cur.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.OperationalError as exc:
                log.warning("journal_mode=DELETE on a network drive failed for %s: %s", path, exc)
        cur.close()

    return engine


# --- backup and migration ---------------------------------------------------------------------


def backup_database(src: Path, dest: Path | None = None) -> Path:
    """Copy a live database with SQLite's backup API (consistent even with WAL)."""
    if dest is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = src.with_name(f"{src.stem}.{stamp}.sicherung{src.suffix or '.sqlite'}")
        n = 1
        while dest.exists():
            dest = src.with_name(f"{src.stem}.{stamp}-{n}.sicherung{src.suffix or '.sqlite'}")
            n += 1
    source = sqlite3.connect(_ro_uri(src), uri=True)
    try:
        target = sqlite3.connect(str(dest))
        try:
            source.backup(target)
            # A backup is one self-contained file (no -wal/-shm), readable even from read-only media.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            dest.unlink()
        raise StorageEnvironmentError(f"Die Sicherung nach {dest} ist fehlgeschlagen: {exc}.") from exc
    finally:
        source.close()
    return dest


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def run_migrations(path: Path, revision: str = "head") -> None:
    """Upgrade (Alembic) with foreign keys off outside the transaction, then ``foreign_key_check``.

    Batch mode copies and drops tables; with foreign keys on, the DROP would cascade into child rows.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DamagedFileError(
                    f"Nach der Aktualisierung verweisen {len(problems)} Einträge ins Leere "
                    f"(z. B. Tabelle {problems[0][0]}). Bitte die Sicherung verwenden."
                )
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
    except DBAPIError as exc:
        raise translate_db_error(exc) from exc
    finally:
        engine.dispose()


_LOCKED_TEXT = "Die Datenbank ist gerade von einem anderen Vorgang gesperrt. Bitte versuchen Sie es gleich noch einmal."
_IO_TEXT = "Die Datenbankdatei kann nicht geschrieben werden (Ein-/Ausgabefehler). Ist das Laufwerk erreichbar?"
_DAMAGED_TEXT = (
    "Die Datenbankdatei ist beschädigt oder keine Datenbank mehr; die Änderung wurde nicht gespeichert. "
    "Bitte stellen Sie eine Sicherung wieder her."
)

#: SQLite's primary result codes that are the environment's fault, with what the user is told.
#: Every other code (constraint, misuse, SQL error, …) is a bug of this program and stays one.
ENVIRONMENT_ERRORS: dict[int, tuple[type[StoreError], str]] = {
    sqlite3.SQLITE_BUSY: (StorageEnvironmentError, _LOCKED_TEXT),
    sqlite3.SQLITE_LOCKED: (StorageEnvironmentError, _LOCKED_TEXT),
    sqlite3.SQLITE_READONLY: (
        StorageEnvironmentError,
        "Die Datenbank ist schreibgeschützt geöffnet oder die Datei ist schreibgeschützt; "
        "die Änderung wurde nicht gespeichert.",
    ),
    sqlite3.SQLITE_FULL: (StorageEnvironmentError, "Der Datenträger ist voll; die Änderung wurde nicht gespeichert."),
    sqlite3.SQLITE_IOERR: (StorageEnvironmentError, _IO_TEXT),
    sqlite3.SQLITE_CANTOPEN: (StorageEnvironmentError, _IO_TEXT),
    sqlite3.SQLITE_CORRUPT: (DamagedFileError, _DAMAGED_TEXT),
    sqlite3.SQLITE_NOTADB: (DamagedFileError, _DAMAGED_TEXT),
}


def sqlite_error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code behind ``exc`` (a ``DBAPIError`` or a ``sqlite3.Error``), if any.

    Python (3.11+) gives the extended code (``SQLITE_IOERR_SHORT_READ`` = 522, …); its low byte is the
    primary code. Errors raised by Python's module itself (a closed connection, say) carry none.
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def translate_db_error(exc: BaseException) -> BaseException:
    """Map SQLite's environment failures to a German ``StoreError``; bugs stay bugs (``exc`` itself).

    Classified by SQLite's result code, never by the words of the message (qutebrowser's ``misc/sql.py``):
    the wording differs between SQLite versions, and a bug's message may well contain "locked".
    """
    code = sqlite_error_code(exc)
    if code is None or code not in ENVIRONMENT_ERRORS:
        return exc
    kind, text = ENVIRONMENT_ERRORS[code]
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    log.warning("SQLite reports %s: %s", getattr(orig, "sqlite_errorname", code), orig)
    return kind(text)


@contextlib.contextmanager
def temporary_sibling(path: Path) -> Iterator[Path]:
    """A scratch file beside ``path``, removed unless the caller renamed it away."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.neu")
    try:
        yield tmp
    finally:
        for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm"), Path(str(tmp) + "-journal")):
            with contextlib.suppress(OSError):
                p.unlink()
