"""``bezag meetings`` (list), ``meetings show|reschedule|cancel|set-status``: JSON as FORMATS.md, German messages."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from factories import new_meeting, plenum_id, record_invitation, seat_plenary

from bezag_desktop.cli import main
from bezag_desktop.db.models import Committee
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import attendance
from bezag_desktop.services.store import Store, open_store


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def _detail(db_path: Path, mid: int) -> meetings.MeetingDetail:
    with open_store(db_path, read_only=True) as s:
        return meetings.meeting_detail(s, mid)


@pytest.fixture
def data(store: Store) -> dict[str, int]:
    with store.session() as s:
        group = Committee(name="AG Pflege", kind="arbeitsgruppe", parent_id=plenum_id(store))
        s.add(group)
        s.flush()
        group_id = group.id
    return {
        "winter": new_meeting(store, datetime(2026, 1, 30, 10), location_name="Bezirk Oberbayern"),
        "summer": new_meeting(store, datetime(2026, 7, 8, 10)),
        "next": new_meeting(store, datetime(2027, 3, 10, 14)),
        "group": new_meeting(store, datetime(2026, 9, 1, 14), committee_id=group_id, hours=2),
    }


def test_list_json(db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "meetings", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [data["winter"], data["summer"], data["group"], data["next"]]
    assert rows[1] == {
        "id": data["summer"],
        "committee": "Bezirksarbeitsgemeinschaft Sozialplanung",
        "committee_kind": "plenum",
        "title": "2. Sitzung 2026",
        "start": "2026-07-08T10:00:00+02:00",
        "end": "2026-07-08T13:00:00+02:00",
        "status": "geplant",
    }
    assert rows[0]["start"] == "2026-01-30T10:00:00+01:00"


def test_list_filters(db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "meetings", "--json", "--committee", "AG Pflege") == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [data["group"]]
    assert _run(db_path, "meetings", "--json", "--year", "2027") == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [data["next"]]
    assert _run(db_path, "meetings", "--json", "--status", "abgesagt") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_list_text(db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "meetings", "--year", "2026") == 0
    out = capsys.readouterr().out
    assert "30.01.2026 10:00–13:00 Uhr" in out
    assert "AG Pflege" in out
    assert "geplant" in out


def test_bad_arguments(db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        _run(db_path, "meetings", "--year", "zwanzig")
    assert exc.value.code == 2
    assert "keine Jahreszahl" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        _run(db_path, "meetings", "--status", "vertagt")
    assert exc.value.code == 2
    assert "ungültige Auswahl" in capsys.readouterr().err
    assert _run(db_path, "meetings", "--committee", "AG Unbekannt") == 1
    assert "Fehler: Ein Gremium „AG Unbekannt“ gibt es nicht." in capsys.readouterr().err
    assert _run(db_path, "meetings", "show", "999") == 1
    assert "Die Sitzung Nr. 999 gibt es nicht." in capsys.readouterr().err


def test_show_json(store: Store, db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    seats = seat_plenary(store, count=2)
    mid = data["summer"]
    attendance.build_attendance(store, mid)
    rows = {a.person_id: a for a in meetings.meeting_detail(store, mid).attendance}
    attendance.set_status(store, rows[seats[0].member_id].id, "anwesend")
    attendance.set_status(store, rows[seats[1].member_id].id, "entschuldigt")
    attendance.record_stand_in(store, rows[seats[1].member_id].id, seats[1].deputy_id)
    assert _run(db_path, "meetings", "show", str(mid), "--json") == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["id"], d["title"], d["status"], d["sequence"]) == (mid, "2. Sitzung 2026", "geplant", 0)
    assert d["start"] == "2026-07-08T10:00:00+02:00"
    assert d["uid"] == meetings.meeting_detail(store, mid).uid
    assert d["quorum"] == {"present_bodies": 2, "required": 13, "reached": False}
    assert [a["number"] for a in d["agenda"]] == ["1", "2", "3", "4", "5"]
    assert set(d["agenda"][0]) >= {"number", "title", "kind", "presenter", "resolution", "votes", "result"}
    assert d["agenda"][0]["votes"] == {"yes": 0, "no": 0, "abstain": 0}
    vertreten = [a for a in d["attendance"] if a["status"] == "vertreten"]
    assert vertreten == [
        {
            "person": "Anna Mitglied02",
            "body": "Stadt Ingolstadt",
            "role": "mitglied",
            "status": "vertreten",
            "stood_in_by": "Jonas Vertretung02",
        }
    ]


def test_show_text(db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "meetings", "show", str(data["winter"])) == 0
    out = capsys.readouterr().out
    assert "Art:         ordentlich" in out
    assert "1. Sitzung 2026 – Bezirksarbeitsgemeinschaft Sozialplanung" in out
    assert "Ort:         Bezirk Oberbayern" in out
    assert "Genehmigung der Niederschrift der letzten Sitzung" in out
    assert "Beschlussfähig: nein" in out


def test_reschedule_keeps_duration_and_reads_berlin_time(
    store: Store, db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    mid = data["next"]
    store.close()  # a write command takes the lock itself
    assert _run(db_path, "meetings", "reschedule", str(mid), "--start", "2027-07-08T10:00") == 0
    assert "08.07.2027 10:00–13:00 Uhr" in capsys.readouterr().out
    d = _detail(db_path, mid)
    assert (d.start, d.end, d.sequence) == (datetime(2027, 7, 8, 10), datetime(2027, 7, 8, 13), 0)
    # an offset is converted to Berlin wall time: 08:00 UTC is 10:00 in summer
    with open_store(db_path) as s:
        record_invitation(s, mid)
    assert (
        _run(
            db_path,
            "meetings",
            "reschedule",
            str(mid),
            "--start",
            "2027-07-09T08:00:00+00:00",
            "--end",
            "2027-07-09T12:30:00+02:00",
            "--location",
            "Landratsamt Ebersberg",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Sequenz ist jetzt 1" in out
    d = _detail(db_path, mid)
    assert (d.start, d.end, d.location, d.sequence) == (
        datetime(2027, 7, 9, 10),
        datetime(2027, 7, 9, 12, 30),
        "Landratsamt Ebersberg",
        1,
    )


def test_reschedule_bad_input_changes_nothing(
    store: Store, db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    mid = data["next"]
    store.close()
    assert _run(db_path, "meetings", "reschedule", str(mid), "--start", "morgen") == 1
    assert "kein gültiger Zeitpunkt" in capsys.readouterr().err
    assert (
        _run(db_path, "meetings", "reschedule", str(mid), "--start", "2027-03-10T14:00", "--end", "2027-03-10T13:00")
        == 1
    )
    assert "liegt vor dem Beginn" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        _run(db_path, "meetings", "reschedule", str(mid))
    assert exc.value.code == 2
    capsys.readouterr()
    assert _detail(db_path, mid).start == datetime(2027, 3, 10, 14)


def test_show_text_uses_the_german_kind_label(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mid = new_meeting(store, datetime(2027, 5, 5, 10), kind="ausserordentlich")
    store.close()
    assert _run(db_path, "meetings", "show", str(mid)) == 0
    assert "Art:         außerordentlich" in capsys.readouterr().out


def test_reschedule_needs_a_time_and_reports_no_change(
    store: Store, db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    mid = data["next"]
    record_invitation(store, mid)
    store.close()
    assert _run(db_path, "meetings", "reschedule", str(mid), "--start", "2027-03-12") == 1
    assert "enthält keine Uhrzeit" in capsys.readouterr().err
    assert _run(db_path, "meetings", "reschedule", str(mid), "--start", "2027-03-12T10:00", "--end", "2027-03-12") == 1
    assert "--end „2027-03-12“ enthält keine Uhrzeit" in capsys.readouterr().err
    d = _detail(db_path, mid)
    assert (d.start, d.sequence) == (datetime(2027, 3, 10, 14), 0)
    # the same time again: nothing changes, the sequence stays
    assert _run(db_path, "meetings", "reschedule", str(mid), "--start", "2027-03-10T14:00") == 0
    assert "nichts geändert" in capsys.readouterr().out
    assert _detail(db_path, mid).sequence == 0


def test_cancel_and_no_rescheduling_afterwards(
    store: Store, db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    mid = data["next"]
    record_invitation(store, mid)
    store.close()
    assert _run(db_path, "meetings", "cancel", str(mid)) == 0
    out = capsys.readouterr().out
    assert "ist abgesagt" in out
    assert "Absage" in out
    d = _detail(db_path, mid)
    assert (d.status, d.sequence) == ("abgesagt", 1)
    assert _run(db_path, "meetings", "reschedule", str(mid), "--start", "2027-04-01T10:00") == 1
    assert "abgesagt; eine Verlegung ist nicht möglich" in capsys.readouterr().err
    assert _run(db_path, "meetings", "cancel", str(mid)) == 1
    assert "bereits abgesagt" in capsys.readouterr().err
    d = _detail(db_path, mid)
    assert (d.start, d.sequence) == (datetime(2027, 3, 10, 14), 1)


def test_set_status_follows_the_editors_rules(
    store: Store, db_path: Path, data: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    past, future = data["summer"], data["next"]
    record_invitation(store, future)
    store.close()
    assert _run(db_path, "meetings", "set-status", str(past), "durchgefuehrt") == 0
    assert "Status jetzt „durchgeführt“" in capsys.readouterr().out
    assert _run(db_path, "meetings", "set-status", str(past), "durchgefuehrt") == 0
    assert "nichts geändert" in capsys.readouterr().out
    # the workflow and the date rule of the dialog hold here too, with nothing written
    assert _run(db_path, "meetings", "set-status", str(past), "protokoll_genehmigt") == 1
    assert "kann nicht von „durchgeführt“ auf „Protokoll genehmigt“" in capsys.readouterr().err
    assert _run(db_path, "meetings", "set-status", str(future), "durchgefuehrt") == 1
    assert "liegt in der Zukunft" in capsys.readouterr().err
    assert (_detail(db_path, past).status, _detail(db_path, future).status) == ("durchgefuehrt", "geplant")
    # cancelling through set-status is the same cancellation: one sequence step, the Absage hint
    assert _run(db_path, "meetings", "set-status", str(future), "abgesagt") == 0
    assert "Absage" in capsys.readouterr().out
    d = _detail(db_path, future)
    assert (d.status, d.sequence) == ("abgesagt", 1)
    with pytest.raises(SystemExit) as exit_info:
        _run(db_path, "meetings", "set-status", str(past), "gibtsnicht")
    assert exit_info.value.code == 2
    assert "ungültige Auswahl: 'gibtsnicht'" in capsys.readouterr().err
