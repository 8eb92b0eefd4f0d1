"""Opening files: new, current, foreign, damaged, newer; the lock; backups."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from bezag_desktop.db import store as dbstore
from bezag_desktop.services.store import open_store


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
