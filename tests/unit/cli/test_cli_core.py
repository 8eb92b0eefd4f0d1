"""``bezag init`` and ``bezag check``: check reads only, and never changes a file it cannot use."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from factories import add_meeting, plenum_id

from bezag_desktop.cli import main
from bezag_desktop.db import store as dbstore
from bezag_desktop.services.store import open_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_init_creates_then_reports_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "neu.sqlite"
    rc, out, _ = _run(capsys, "--db", str(path), "init")
    assert rc == 0
    assert "Neue Datenbank angelegt" in out
    rc, out, _ = _run(capsys, "--db", str(path), "init")
    assert (rc, out.strip()) == (0, f"Datenbank {path} ist aktuell.")


def test_check_fresh_database_lists_warnings_and_exits_zero(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(db_path)
    rc, out, err = _run(capsys, "--db", str(db_path), "check")
    assert rc == 0, err
    assert "Datei in Ordnung" in out
    assert "27 Warnungen, keine Hinweise:" in out
    assert "Warnung  [Vorsitz] Vorsitz Landkreise/Städte: derzeit nicht besetzt." in out
    assert _digest(db_path) == before
    assert not dbstore.lock_path(db_path).exists()


def test_check_year_with_one_plenary_meeting(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db_path) as store:
        add_meeting(store, datetime(2025, 3, 12, 10), status="durchgefuehrt")
        add_meeting(store, datetime(2026, 3, 12, 10), status="durchgefuehrt")
        add_meeting(store, datetime(2026, 7, 8, 10), status="durchgefuehrt")
        plenum = plenum_id(store)
    rc, out, _ = _run(capsys, "--db", str(db_path), "check", "--json")
    assert rc == 0
    data = json.loads(out)
    plenary = [w for w in data if w["code"] == "too_few_plenary_meetings"]
    assert plenary == [
        {
            "level": "warnung",
            "area": "plenum",
            "code": "too_few_plenary_meetings",
            "text": "2025: Es fand nur eine Plenarsitzung statt; die Geschäftsordnung verlangt mindestens 2 "
            "Plenarsitzungen im Jahr.",
            "action": None,
            "ref": {"kind": "committee", "id": plenum},
        }
    ]
    assert {w["level"] for w in data} <= {"warnung", "hinweis"}
    rc, out, _ = _run(capsys, "--db", str(db_path), "check")
    assert "Warnung  [Plenum] 2025: Es fand nur eine Plenarsitzung statt" in out


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:16384] = b"\xff" * 12288
    path.write_bytes(bytes(data))


def _foreign_sqlite(path: Path) -> None:
    path.unlink()
    con = sqlite3.connect(path)
    con.execute("create table kunden (id integer)")
    con.commit()
    con.close()


def _newer(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num='9999'")
    con.commit()
    con.close()


def _text(path: Path) -> None:
    path.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_damage, "beschädigt"),
        (_foreign_sqlite, "keine von BezAG Desktop"),
        (_text, "keine BezAG-Datenbank"),
        (_newer, "neueren Programmversion"),
    ],
    ids=["beschaedigt", "fremde-sqlite", "textdatei", "neuer"],
)
def test_check_refuses_unusable_files_untouched(
    db_path: Path, capsys: pytest.CaptureFixture[str], spoil: object, message: str
) -> None:
    spoil(db_path)  # type: ignore[operator]
    before = _digest(db_path)
    rc, out, err = _run(capsys, "--db", str(db_path), "check")
    assert rc != 0
    assert err.startswith("Fehler: ")
    assert message in err
    assert "Traceback" not in err + out
    assert _digest(db_path) == before
    assert not dbstore.lock_path(db_path).exists()


def test_check_outdated_file_is_read_as_is(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file is at the real head; a program whose head is newer sees it as outdated.
    monkeypatch.setattr(dbstore, "KNOWN_REVISIONS", (*dbstore.KNOWN_REVISIONS, "9999"))
    monkeypatch.setattr(dbstore, "HEAD_REVISION", "9999")
    before = _digest(db_path)
    rc, out, err = _run(capsys, "--db", str(db_path), "check")
    assert rc == 0, err
    assert f"älteres Format (Schema {dbstore.KNOWN_REVISIONS[-2]}, aktuell 9999)" in out
    assert "bezag init" in out
    assert _digest(db_path) == before
    assert not list(db_path.parent.glob("*.sicherung*"))


def test_check_missing_file_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fehlt.sqlite"
    rc, _, err = _run(capsys, "--db", str(path), "check")
    assert rc == 1
    assert "existiert nicht" in err
    assert not path.exists()


def test_check_reports_dangling_reference_as_damage(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute(
        "INSERT INTO memberships (person_id, committee_id, role, voting_right, notes) VALUES (999, 1, 'mitglied', 1, '')"
    )
    con.commit()
    con.close()
    rc, _, err = _run(capsys, "--db", str(db_path), "check")
    assert rc == 1
    assert "ist beschädigt" in err
    assert "Tabelle memberships, Zeile 1: verweist auf einen fehlenden Eintrag in persons." in err


def test_context_swaps_a_read_only_store_for_a_writable_one(db_path: Path) -> None:
    from bezag_desktop.cli.common import Context

    ctx = Context(db=str(db_path))
    try:
        reader = ctx.store(read_only=True)
        assert reader.read_only
        assert ctx.store(read_only=True) is reader  # reused
        writer = ctx.store()
        assert not writer.read_only
        assert dbstore.read_lock(db_path) is not None
        assert ctx.store(read_only=True) is writer  # a writable store serves reading too
    finally:
        ctx.close()
    assert dbstore.read_lock(db_path) is None


def test_relative_db_path_is_shown_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    rc, out, _ = _run(capsys, "--db", "rel.sqlite", "init")
    assert rc == 0
    assert f"Neue Datenbank angelegt: {tmp_path / 'rel.sqlite'} " in out
