"""Opening files: new, current, foreign, damaged, newer; the lock; backups; SQLite errors by code."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from bezag_desktop.db import store as dbstore
from bezag_desktop.services.store import Store, open_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_and_seeded(tmp_path: Path) -> None:
    path = tmp_path / "neu" / "bezag.sqlite"
    with open_store(path) as store:
        assert store.report.created
        with store.session() as s:
            assert s.execute(text("select count(*) from bodies")).scalar() == 24
    assert dbstore.identify(path).state == "current"


def test_foreign_text_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    before = _digest(path)
    with pytest.raises(dbstore.ForeignFileError, match="keine BezAG-Datenbank"):
        open_store(path)
    assert _digest(path) == before
    assert not dbstore.lock_path(path).exists()


def test_foreign_sqlite_untouched(tmp_path: Path) -> None:
    path = tmp_path / "fremd.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table kunden (id integer)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(dbstore.ForeignFileError, match="keine von BezAG"):
        open_store(path)
    assert _digest(path) == before


def test_damaged_file_untouched(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[4096:16384] = b"\xff" * 12288  # pages 2-4: table b-trees
    db_path.write_bytes(bytes(data))
    before = _digest(db_path)
    with pytest.raises(dbstore.StoreError):
        open_store(db_path)
    assert _digest(db_path) == before


def test_newer_version_refused(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("update alembic_version set version_num='9999'")
    con.commit()
    con.close()
    before = _digest(db_path)
    with pytest.raises(dbstore.NewerVersionError, match="neueren Programmversion"):
        open_store(db_path)
    assert _digest(db_path) == before


def test_second_writer_gets_lock_message_and_can_read(db_path: Path) -> None:
    first = open_store(db_path)
    try:
        with pytest.raises(dbstore.LockedError, match="wird bereits bearbeitet") as info:
            open_store(db_path)
        assert info.value.info.pid > 0
        with open_store(db_path, read_only=True) as ro:
            assert ro.read_only
    finally:
        first.close()
    open_store(db_path).close()


def test_stale_lock_of_dead_process_is_taken_over(db_path: Path) -> None:
    import json
    import socket

    dbstore.lock_path(db_path).write_text(
        json.dumps({"user": "x", "host": socket.gethostname(), "pid": 999999, "since": "2026-01-01T08:00:00"}),
        encoding="utf-8",
    )
    open_store(db_path).close()


def test_lock_from_other_computer_is_respected(db_path: Path) -> None:
    import json

    dbstore.lock_path(db_path).write_text(
        json.dumps({"user": "sekretariat", "host": "PC-GS-02", "pid": 4242, "since": "2026-11-21T08:15:00"}),
        encoding="utf-8",
    )
    with pytest.raises(dbstore.LockedError, match=r"sekretariat am Computer PC-GS-02 \(seit 21.11.2026 08:15 Uhr\)"):
        open_store(db_path)


def test_backup_is_a_consistent_copy(store: object, db_path: Path, tmp_path: Path) -> None:
    dest = dbstore.backup_database(db_path, tmp_path / "sicherung.sqlite")
    assert dbstore.identify(dest).state == "current"


def _wal_mode(path: Path) -> bool:
    return path.read_bytes()[18:20] == b"\x02\x02"


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: _digest(p) for p in folder.iterdir()}


def test_refused_wal_files_leave_nothing_beside_them(db_path: Path, tmp_path: Path) -> None:
    """Even a read-only look at a WAL file makes SQLite create -wal/-shm; a refused file must not get them."""
    assert _wal_mode(db_path)  # databases of this program are WAL files
    folder = tmp_path / "fremd"
    folder.mkdir()
    foreign = folder / "andere-anwendung.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("create table kunden (id integer)")
    con.commit()
    con.close()
    damaged = folder / "kaputt.sqlite"
    data = bytearray(db_path.read_bytes())
    data[4096:16384] = b"\xff" * 12288
    damaged.write_bytes(bytes(data))
    newer = folder / "neuer.sqlite"
    newer.write_bytes(db_path.read_bytes())
    con = sqlite3.connect(newer)
    con.execute("update alembic_version set version_num='9999'")
    con.commit()
    con.close()
    assert all(_wal_mode(p) for p in (foreign, damaged, newer))
    before = _listing(folder)
    for path in (foreign, damaged, newer):
        for read_only in (False, True):
            with pytest.raises(dbstore.StoreError):
                open_store(path, read_only=read_only)
    assert _listing(folder) == before


def test_backup_is_one_self_contained_file(store: object, db_path: Path, tmp_path: Path) -> None:
    from bezag_desktop.services.backup import identify_backup

    folder = tmp_path / "sicherungen"
    folder.mkdir()
    dest = dbstore.backup_database(db_path, folder / "sicherung.sqlite")
    assert not _wal_mode(dest)  # rollback journal: no -wal/-shm needed to read it, even from read-only media
    assert identify_backup(dest).bodies == 24
    assert sorted(p.name for p in folder.iterdir()) == ["sicherung.sqlite"]


def test_writer_on_a_network_drive_leaves_wal(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WAL's shared memory does not work between computers: a file moved onto a share drops WAL."""
    assert _wal_mode(db_path)
    monkeypatch.setattr(dbstore, "_on_network_drive", lambda _path: True)
    with open_store(db_path) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    assert not _wal_mode(db_path)
    monkeypatch.setattr(dbstore, "_on_network_drive", lambda _path: False)
    with open_store(db_path) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_lock_being_written_by_another_program_is_not_taken(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program has created the lock file but not written it yet: wait for it, do not call it stale."""
    import json

    lock = dbstore.lock_path(db_path)
    lock.write_text("", encoding="utf-8")
    looks = 0
    real_read = dbstore.read_lock

    def read_later(path: Path) -> dbstore.LockInfo | None:
        nonlocal looks
        looks += 1
        if looks == 3:  # the other program has written its name by now
            lock.write_text(
                json.dumps({"user": "sekretariat", "host": "PC-GS-02", "pid": 4242, "since": "2026-11-21T08:15:00"}),
                encoding="utf-8",
            )
        return real_read(path)

    monkeypatch.setattr(dbstore, "read_lock", read_later)
    monkeypatch.setattr(dbstore, "LOCK_READ_PAUSE_S", 0.001)
    with pytest.raises(dbstore.LockedError, match="sekretariat am Computer PC-GS-02"):
        open_store(db_path)
    assert looks == 3


def test_unreadable_lock_that_stays_empty_is_stale(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dbstore.lock_path(db_path).write_text("", encoding="utf-8")  # left by a crash right after creating it
    monkeypatch.setattr(dbstore, "LOCK_READ_PAUSE_S", 0.001)
    with open_store(db_path) as store:
        assert not store.read_only
        assert dbstore.read_lock(db_path) is not None  # ours now


def test_empty_version_table_is_damage_not_a_newer_version(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("delete from alembic_version")
    con.commit()
    con.close()
    before = _digest(db_path)
    with pytest.raises(dbstore.DamagedFileError, match="fehlt die Versionsangabe"):
        open_store(db_path)
    assert _digest(db_path) == before


# --- SQLite errors: the environment's fault or a bug, told apart by SQLite's result code ----------


def _sqlite_error(kind: type[sqlite3.Error], message: str, code: int, name: str) -> sqlite3.Error:
    """An exception as Python's sqlite3 raises it (3.11+: with SQLite's extended result code)."""
    exc = kind(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


def _wrapped(orig: sqlite3.Error) -> DBAPIError:
    """How SQLAlchemy hands a driver error to ``Store.session``."""
    return DBAPIError("UPDATE settings SET value = ?", ("{}",), orig)


def _raised_by(fn: Callable[[], object]) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        fn()
    return info.value


@pytest.mark.parametrize(
    ("code", "name", "kind", "words"),
    [
        (sqlite3.SQLITE_BUSY, "SQLITE_BUSY", dbstore.StorageEnvironmentError, "gesperrt"),
        (sqlite3.SQLITE_BUSY_SNAPSHOT, "SQLITE_BUSY_SNAPSHOT", dbstore.StorageEnvironmentError, "gesperrt"),
        (sqlite3.SQLITE_LOCKED, "SQLITE_LOCKED", dbstore.StorageEnvironmentError, "gesperrt"),
        (sqlite3.SQLITE_READONLY, "SQLITE_READONLY", dbstore.StorageEnvironmentError, "schreibgeschützt"),
        (sqlite3.SQLITE_READONLY_DBMOVED, "SQLITE_READONLY_DBMOVED", dbstore.StorageEnvironmentError, "schreibge"),
        (sqlite3.SQLITE_FULL, "SQLITE_FULL", dbstore.StorageEnvironmentError, "Datenträger ist voll"),
        (sqlite3.SQLITE_IOERR, "SQLITE_IOERR", dbstore.StorageEnvironmentError, "Ein-/Ausgabefehler"),
        (sqlite3.SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ", dbstore.StorageEnvironmentError, "Ein-/Ausgabe"),
        (sqlite3.SQLITE_CANTOPEN, "SQLITE_CANTOPEN", dbstore.StorageEnvironmentError, "Laufwerk erreichbar"),
        (sqlite3.SQLITE_CORRUPT, "SQLITE_CORRUPT", dbstore.DamagedFileError, "beschädigt"),
        (sqlite3.SQLITE_NOTADB, "SQLITE_NOTADB", dbstore.DamagedFileError, "keine Datenbank"),
    ],
)
def test_environment_codes_become_german_messages(code: int, name: str, kind: type[Exception], words: str) -> None:
    """By code alone: the message text is deliberately meaningless here."""
    orig = _sqlite_error(sqlite3.OperationalError, "irrelevant", code, name)
    for exc in (orig, _wrapped(orig)):
        translated = dbstore.translate_db_error(exc)
        assert type(translated) is kind
        assert isinstance(translated, dbstore.StoreError)
        assert words in str(translated)


@pytest.mark.parametrize(
    ("kind", "message", "code", "name"),
    [
        # The words that the old text matching took for the environment's fault, on a bug's code:
        (sqlite3.OperationalError, "database is locked", sqlite3.SQLITE_ERROR, "SQLITE_ERROR"),
        (sqlite3.OperationalError, "attempt to write a readonly database", sqlite3.SQLITE_MISUSE, "SQLITE_MISUSE"),
        (sqlite3.IntegrityError, "disk is full", sqlite3.SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE"),
        (sqlite3.OperationalError, "unable to open", sqlite3.SQLITE_RANGE, "SQLITE_RANGE"),
    ],
)
def test_other_codes_are_bugs_whatever_the_message_says(
    kind: type[sqlite3.Error], message: str, code: int, name: str
) -> None:
    orig = _sqlite_error(kind, message, code, name)
    assert dbstore.translate_db_error(orig) is orig
    wrapped = _wrapped(orig)
    assert dbstore.translate_db_error(wrapped) is wrapped


def test_errors_without_a_code_are_bugs() -> None:
    con = sqlite3.connect(":memory:")
    con.close()
    closed = _raised_by(lambda: con.execute("select 1"))  # raised by Python's module, not by SQLite
    assert dbstore.sqlite_error_code(closed) is None
    assert dbstore.translate_db_error(closed) is closed
    plain = sqlite3.OperationalError("database is locked")  # words only, no code
    assert dbstore.translate_db_error(plain) is plain
    other = ValueError("database is locked")
    assert dbstore.translate_db_error(other) is other


def test_real_write_to_a_read_only_database(db_path: Path) -> None:
    with open_store(db_path, read_only=True) as store:
        with pytest.raises(dbstore.StorageEnvironmentError, match="schreibgeschützt") as info, store.session() as s:
            s.execute(text("update settings set value = value"))
        assert dbstore.sqlite_error_code(info.value.__cause__ or info.value) == sqlite3.SQLITE_READONLY


def test_real_locked_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holds the write lock longer than the busy timeout."""
    monkeypatch.setattr(dbstore, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with open_store(db_path) as store:
            with pytest.raises(dbstore.StorageEnvironmentError, match="gesperrt") as info, store.session() as s:
                s.execute(text("update settings set value = value"))
            assert dbstore.sqlite_error_code(info.value.__cause__ or info.value) == sqlite3.SQLITE_BUSY
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_real_full_database(store: Store) -> None:
    """``max_page_count`` makes SQLite report a full disk as it would for a full drive."""
    with pytest.raises(dbstore.StorageEnvironmentError, match="Datenträger ist voll") as info:
        _write_beyond_the_last_page(store)
    assert dbstore.sqlite_error_code(info.value.__cause__ or info.value) == sqlite3.SQLITE_FULL
    with store.session() as s:  # nothing of it was kept
        assert s.execute(text("select count(*) from settings where key = 'ballast'")).scalar_one() == 0


def _write_beyond_the_last_page(store: Store) -> None:
    with store.session() as s:
        pages = s.execute(text("PRAGMA page_count")).scalar_one()
        s.execute(text(f"PRAGMA max_page_count={pages}"))
        s.execute(text("insert into settings (key, value) values ('ballast', :v)"), {"v": "x" * 200_000})


def test_real_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "brief.sqlite"
    path.write_bytes(b"Sehr geehrte Damen und Herren, " * 200)
    con = sqlite3.connect(path)
    try:
        exc = _raised_by(lambda: con.execute("select * from sqlite_master").fetchall())
    finally:
        con.close()
    assert exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB
    assert isinstance(dbstore.translate_db_error(exc), dbstore.DamagedFileError)


def test_real_corrupt_database(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[4096:16384] = b"\xff" * 12288  # pages 2-4: table b-trees
    db_path.write_bytes(bytes(data))
    con = sqlite3.connect(db_path)
    try:
        exc = _raised_by(lambda: [con.execute(f"select * from {t}").fetchall() for t in _tables(con)])
    finally:
        con.close()
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CORRUPT
    assert isinstance(dbstore.translate_db_error(exc), dbstore.DamagedFileError)


def _tables(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute("select name from sqlite_master where type = 'table'")]


def test_real_file_that_cannot_be_opened(tmp_path: Path) -> None:
    exc = _raised_by(lambda: sqlite3.connect(tmp_path / "fehlt" / "bezag.sqlite"))
    assert exc.sqlite_errorcode == sqlite3.SQLITE_CANTOPEN
    translated = dbstore.translate_db_error(exc)
    assert isinstance(translated, dbstore.StorageEnvironmentError)
    assert "Laufwerk erreichbar" in str(translated)


def test_real_bug_is_raised_as_it_is(store: Store) -> None:
    with pytest.raises(IntegrityError), store.session() as s:
        s.execute(text("insert into settings (key, value) values ('rules', '{}')"))  # the key exists
    with pytest.raises(OperationalError, match="no such table"), store.session() as s:
        s.execute(text("select * from sitzungen"))
