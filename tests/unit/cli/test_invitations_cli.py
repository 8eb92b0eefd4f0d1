"""``bezag export ics|eml|invitation`` end to end on a database file."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from pathlib import Path

import docx
import pytest
from factories import MEMBERS, OFFICE, invited_meeting
from icalendar import Calendar
from sqlalchemy import select

from bezag_desktop.cli import main
from bezag_desktop.db.models import Invitation, Meeting
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.services.settings import save_office
from bezag_desktop.services.store import open_store


@pytest.fixture
def meeting_id(db_path: Path, tmp_path: Path) -> int:
    with open_store(db_path) as store:
        return invited_meeting(store, tmp_path)


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def _sendings(db_path: Path, mid: int) -> list[tuple[int, str, str]]:
    with open_store(db_path, read_only=True) as store, store.session() as s:
        rows = s.scalars(select(Invitation).where(Invitation.meeting_id == mid).order_by(Invitation.id))
        return [(i.sequence, i.method, i.channel) for i in rows]


def test_export_ics_writes_and_records(db_path: Path, meeting_id: int, tmp_path: Path, capsys) -> None:
    out = tmp_path / "sitzung.ics"
    assert _run(db_path, "export", "ics", str(meeting_id), "-o", str(out)) == 0
    printed = capsys.readouterr()
    assert "Kalenderdatei geschrieben" in printed.out
    assert "Sequenz 0" in printed.out
    assert "Otto Ohneadresse" in printed.err  # warned: invited without e-mail address
    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["METHOD"]) == "REQUEST"
    attendees = cal.walk("VEVENT")[0]["ATTENDEE"]
    assert {str(a).removeprefix("mailto:"): a.params["ROLE"] for a in attendees} == MEMBERS
    assert _sendings(db_path, meeting_id) == [(0, "REQUEST", "ics")]
    with open_store(db_path, read_only=True) as store, store.session() as s:
        assert s.get(Meeting, meeting_id).status == "eingeladen"


def test_export_ics_publish_is_not_a_sending(db_path: Path, meeting_id: int, tmp_path: Path, capsys) -> None:
    out = tmp_path / "web.ics"
    assert _run(db_path, "export", "ics", str(meeting_id), "-o", str(out), "--publish") == 0
    assert b"METHOD:PUBLISH" in out.read_bytes()
    assert b"ATTENDEE" not in out.read_bytes()
    assert _sendings(db_path, meeting_id) == []


def test_export_eml_and_a_second_sending_is_an_update(db_path: Path, meeting_id: int, tmp_path: Path, capsys) -> None:
    assert _run(db_path, "export", "eml", str(meeting_id), "-o", str(tmp_path / "a.eml")) == 0
    assert "(Einladung, Sequenz 0" in capsys.readouterr().out
    assert _run(db_path, "meetings", "reschedule", str(meeting_id), "--start", "2027-03-17T10:00") == 0
    assert _run(db_path, "export", "eml", str(meeting_id), "-o", str(tmp_path / "b.eml")) == 0
    assert "(Aktualisierung, Sequenz 1" in capsys.readouterr().out
    first = email.message_from_bytes((tmp_path / "a.eml").read_bytes(), policy=email.policy.default)
    second = email.message_from_bytes((tmp_path / "b.eml").read_bytes(), policy=email.policy.default)
    assert first["X-Unsent"] == "1"
    assert first["Subject"].startswith("Einladung: ")
    assert second["Subject"].startswith("Aktualisiert: ")
    assert "17.03.2027" in second["Subject"]
    assert _sendings(db_path, meeting_id) == [(0, "REQUEST", "eml"), (1, "REQUEST", "eml")]


def test_ics_and_eml_of_the_same_invitation_carry_the_same_sequence(
    db_path: Path, meeting_id: int, tmp_path: Path, capsys
) -> None:
    assert _run(db_path, "export", "ics", str(meeting_id), "-o", str(tmp_path / "a.ics")) == 0
    assert _run(db_path, "export", "eml", str(meeting_id), "-o", str(tmp_path / "a.eml")) == 0
    out = capsys.readouterr().out
    assert out.count("(Einladung, Sequenz 0") == 2
    assert "Aktualisierung" not in out
    msg = email.message_from_bytes((tmp_path / "a.eml").read_bytes(), policy=email.policy.default)
    assert msg["Subject"].startswith("Einladung: ")
    assert _sendings(db_path, meeting_id) == [(0, "REQUEST", "ics"), (0, "REQUEST", "eml")]


def test_export_invitation_letter(db_path: Path, meeting_id: int, tmp_path: Path, capsys) -> None:
    out = tmp_path / "Einladung.docx"
    assert _run(db_path, "export", "invitation", str(meeting_id), "-o", str(out)) == 0
    assert "Einladungsschreiben geschrieben" in capsys.readouterr().out
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Einladung zur 1. Sitzung 2027" in text
    assert _sendings(db_path, meeting_id) == []


def test_missing_organizer_is_a_german_error_and_no_file(
    db_path: Path, meeting_id: int, tmp_path: Path, capsys
) -> None:
    with open_store(db_path) as store:
        save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "email": ""}))
    out = tmp_path / "x.ics"
    assert _run(db_path, "export", "ics", str(meeting_id), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ")
    assert "E-Mail-Adresse der Geschäftsstelle" in err
    assert not out.exists()


def test_notice_period_needs_force(db_path: Path, tmp_path: Path, capsys) -> None:
    with open_store(db_path) as store:
        mid = invited_meeting(store, tmp_path, start=datetime(2026, 11, 26, 10, 0))
    out = tmp_path / "spaet.ics"
    assert _run(db_path, "export", "ics", str(mid), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert "Ladungsfrist" in err
    assert "--force" in err
    assert not out.exists()
    assert _run(db_path, "export", "ics", str(mid), "-o", str(out), "--force") == 0
    assert "Ladungsfrist" in capsys.readouterr().err  # still said, as a warning
    assert out.exists()
    assert _sendings(db_path, mid) == [(0, "REQUEST", "ics")]


def test_cancelled_meeting_exports_cancel(db_path: Path, meeting_id: int, tmp_path: Path) -> None:
    assert _run(db_path, "export", "ics", str(meeting_id), "-o", str(tmp_path / "a.ics")) == 0
    with open_store(db_path) as store:
        from bezag_desktop.services import meetings

        meetings.cancel(store, meeting_id)
    assert _run(db_path, "export", "ics", str(meeting_id), "-o", str(tmp_path / "b.ics")) == 0
    cal = Calendar.from_ical((tmp_path / "b.ics").read_bytes())
    assert str(cal["METHOD"]) == "CANCEL"
    ev = cal.walk("VEVENT")[0]
    assert str(ev["STATUS"]) == "CANCELLED"
    assert int(ev["SEQUENCE"]) == 1
    assert ev["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_unknown_meeting_and_bad_output(db_path: Path, meeting_id: int, tmp_path: Path, capsys) -> None:
    assert _run(db_path, "export", "ics", "999", "-o", str(tmp_path / "x.ics")) == 1
    assert "gibt es nicht" in capsys.readouterr().err
    assert _run(db_path, "export", "eml", str(meeting_id), "-o", str(tmp_path)) == 1
    assert "Ordner" in capsys.readouterr().err
    assert _run(db_path, "export", "invitation", str(meeting_id), "-o", str(tmp_path / "fehlt" / "x.docx")) == 1
    assert "existiert nicht" in capsys.readouterr().err
