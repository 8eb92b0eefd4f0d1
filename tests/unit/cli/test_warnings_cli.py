"""The findings of the Geschäftsordnung on the command line: ``bezag check``, ``bezag meetings show``
and the notice guard of ``export ics``/``eml`` say the same at the notice boundary."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from factories import add_meeting, invited_meeting

from bezag_desktop.cli import main
from bezag_desktop.services.store import open_store

TODAY = date(2026, 11, 21)
BOUNDARY = [
    (13, "warnung", "not_invited", "die Ladungsfrist von 14 Tagen ist nicht mehr einzuhalten"),
    (14, "warnung", "invite_soon", "die Einladung muss bis heute (21.11.2026) hinausgehen"),
    (15, "hinweis", "invite_soon", "die Einladung muss bis 22.11.2026 hinausgehen"),
]


def _run(capsys: pytest.CaptureFixture[str], db_path: Path, *args: str) -> tuple[int, str, str]:
    rc = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return rc, out, err


def _start(days: int) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(10))


@pytest.mark.parametrize(("days", "level", "code", "words"), BOUNDARY)
def test_show_warnings_equal_check_entries_at_the_boundary(
    db_path: Path, capsys: pytest.CaptureFixture[str], days: int, level: str, code: str, words: str
) -> None:
    with open_store(db_path) as store:
        meeting = add_meeting(store, _start(days), title="Klausurtagung")
        add_meeting(store, _start(days) + timedelta(hours=1))  # overlaps: reported about the later one
    rc, out, err = _run(capsys, db_path, "check", "--json")
    assert rc == 0, err
    about = [w for w in json.loads(out) if w["ref"] == {"kind": "meeting", "id": meeting}]
    rc, out, err = _run(capsys, db_path, "meetings", "show", str(meeting), "--json")
    assert rc == 0, err
    shown = json.loads(out)["warnings"]
    assert shown == about
    assert [(w["level"], w["code"], w["action"]) for w in shown] == [(level, code, "meeting")]
    assert words in shown[0]["text"]
    assert shown[0]["text"].startswith("Die Sitzung „Klausurtagung“")
    assert set(shown[0]) == {"level", "area", "code", "text", "action", "ref"}
    # the text form lists the same finding
    rc, out, _ = _run(capsys, db_path, "meetings", "show", str(meeting))
    assert rc == 0
    assert "Hinweise und Warnungen (Geschäftsordnung)" in out
    assert f"[Sitzungen] {shown[0]['text']}" in out


def test_show_lists_the_overlap_about_the_later_meeting(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db_path) as store:
        first = add_meeting(store, datetime(2027, 3, 10, 10))
        second = add_meeting(store, datetime(2027, 3, 10, 11))
    rc, out, _ = _run(capsys, db_path, "meetings", "show", str(second), "--json")
    assert rc == 0
    assert [w["code"] for w in json.loads(out)["warnings"]] == ["overlap"]
    rc, out, _ = _run(capsys, db_path, "meetings", "show", str(first), "--json")
    assert json.loads(out)["warnings"] == []
    rc, out, _ = _run(capsys, db_path, "meetings", "show", str(first))
    assert "Hinweise und Warnungen" not in out


def test_show_unknown_meeting_is_a_german_error(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(capsys, db_path, "meetings", "show", "9999", "--json")
    assert rc == 1
    assert out == ""
    assert "Die Sitzung Nr. 9999 gibt es nicht." in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("days", "level", "code", "words"), BOUNDARY)
@pytest.mark.parametrize("kind", ["ics", "eml"])
def test_export_guard_at_the_boundary(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    days: int,
    level: str,
    code: str,
    words: str,
) -> None:
    with open_store(db_path) as store:
        meeting = invited_meeting(store, tmp_path, start=_start(days))
    rc, out, _ = _run(capsys, db_path, "check", "--json")
    [finding] = [w for w in json.loads(out) if w["ref"] == {"kind": "meeting", "id": meeting}]
    assert (finding["level"], finding["code"]) == (level, code)
    target = tmp_path / f"Einladung.{kind}"
    rc, out, err = _run(capsys, db_path, "export", kind, str(meeting), "-o", str(target))
    if code == "not_invited":
        # the notice can no longer be kept: refused with the check's words, nothing written
        assert rc == 1
        assert finding["text"] in err
        assert "Mit --force wird die Datei trotzdem erzeugt." in err
        assert not target.exists()
        rc, out, err = _run(capsys, db_path, "export", kind, str(meeting), "-o", str(target), "--force")
        assert rc == 0, err
        assert f"Warnung: {finding['text']}" in err
    else:
        # inviting on the deadline day or earlier is in time: no question, no warning
        assert rc == 0, err
        assert "Ladungsfrist" not in err
    assert target.exists()
    # once invited, nothing is left to say about the notice period
    rc, out, _ = _run(capsys, db_path, "check", "--json")
    assert [w for w in json.loads(out) if w["ref"] == {"kind": "meeting", "id": meeting}] == []
