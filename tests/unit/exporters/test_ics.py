"""ICS exporter: re-read with icalendar and with vobject (an independent parser)."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
import vobject.icalendar
from icalendar import Calendar

from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.exporters import ics

BERLIN = ZoneInfo("Europe/Berlin")
NASTY_PLACE = 'Sitzungssaal "Süd", 3. OG; Prinzregentenstraße 14\n80538 München \\ Eingang B'
NASTY_NAME = 'Dr. Anna "Ani" Müller-Lüdenscheidt, Landratsamt; Sozialplanung\nAbteilung 2'


@pytest.fixture(autouse=True)
def _fresh_vobject_zones() -> None:
    """vobject caches time zones by TZID per process: each test must read the file's own VTIMEZONE."""
    getattr(vobject.icalendar, "__tzidMap").clear()


def _event(**kw: object) -> ics.CalendarEvent:
    data: dict[str, object] = {
        "uid": "2b1f3c3e-0000-4000-8000-000000000001@bezag-sozialplanung.example",
        "sequence": 0,
        "start": datetime(2027, 7, 8, 10, 0),
        "end": datetime(2027, 7, 8, 13, 0),
        "summary": "Bezirksarbeitsgemeinschaft Sozialplanung: 2. Sitzung 2027",
        "organizer_email": "geschaeftsstelle@bezag-sozialplanung.example",
        "organizer_name": "Geschäftsstelle BezAG, Sozialplanung: Oberbayern",
        "description": "Tagesordnung:\nTOP 1  Begrüßung (Dr. Anna Müller)\nTOP 2  Wohnungslosenhilfe; Bericht, Ausblick",
        "location": NASTY_PLACE,
        "url": "https://meet.example/j/123?pwd=a;b,c",
        "attendees": (
            ics.Attendee("vorsitz@bezirk.example", "Prof. Dr. Maria Huber", "CHAIR"),
            ics.Attendee("anna.mueller@lra.example", NASTY_NAME, "REQ-PARTICIPANT"),
            ics.Attendee("joerg.weiss@lra.example", "Jörg Weiß", "OPT-PARTICIPANT"),
        ),
    }
    data.update(kw)
    return ics.CalendarEvent(**data)  # type: ignore[arg-type]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def test_request_has_organizer_attendees_with_roles_and_itip_fields() -> None:
    data = ics.calendar_bytes(_event(), "REQUEST")
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "REQUEST"
    ev = cal.walk("VEVENT")[0]
    assert str(ev["UID"]) == _event().uid
    assert int(ev["SEQUENCE"]) == 0
    assert str(ev["ORGANIZER"]) == "mailto:geschaeftsstelle@bezag-sozialplanung.example"
    assert ev["ORGANIZER"].params["CN"] == "Geschäftsstelle BezAG, Sozialplanung: Oberbayern"
    attendees = {str(a): a.params for a in ev["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:vorsitz@bezirk.example",
        "mailto:anna.mueller@lra.example",
        "mailto:joerg.weiss@lra.example",
    }
    assert attendees["mailto:vorsitz@bezirk.example"]["ROLE"] == "CHAIR"
    assert attendees["mailto:anna.mueller@lra.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:joerg.weiss@lra.example"]["ROLE"] == "OPT-PARTICIPANT"
    for params in attendees.values():
        assert params["PARTSTAT"] == "NEEDS-ACTION"
        assert params["RSVP"] == "TRUE"
        assert params["CUTYPE"] == "INDIVIDUAL"
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert str(ev["URL"]) == "https://meet.example/j/123?pwd=a;b,c"


def test_vobject_reads_attendees_names_and_places_intact() -> None:
    data = ics.calendar_bytes(_event(), "REQUEST")
    parsed = vobject.readOne(data.decode("utf-8"))
    ev = parsed.vevent
    names = {a.value: a.params["CN"][0] for a in ev.contents["attendee"]}
    # double quotes are dropped from names (FORMATS.md), the line break becomes a blank; the rest is intact
    assert names["mailto:anna.mueller@lra.example"] == (
        "Dr. Anna Ani Müller-Lüdenscheidt, Landratsamt; Sozialplanung Abteilung 2"
    )
    roles = {a.value: a.params["ROLE"][0] for a in ev.contents["attendee"]}
    assert roles == {
        "mailto:vorsitz@bezirk.example": "CHAIR",
        "mailto:anna.mueller@lra.example": "REQ-PARTICIPANT",
        "mailto:joerg.weiss@lra.example": "OPT-PARTICIPANT",
    }
    assert ev.location.value == NASTY_PLACE
    assert ev.organizer.params["CN"][0] == "Geschäftsstelle BezAG, Sozialplanung: Oberbayern"
    assert "Wohnungslosenhilfe; Bericht, Ausblick" in ev.description.value
    assert ev.description.value.splitlines()[1] == "TOP 1  Begrüßung (Dr. Anna Müller)"


def test_text_escaping_and_parameter_quoting_in_the_raw_file() -> None:
    data = ics.calendar_bytes(_event(), "REQUEST")
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    assert 'LOCATION:Sitzungssaal "Süd"\\, 3. OG\\; Prinzregentenstraße 14\\n80538 München \\\\ Eingang B' in unfolded
    # parameter values with , ; : are quoted; no double quote inside a CN
    assert 'CN="Dr. Anna Ani Müller-Lüdenscheidt, Landratsamt; Sozialplanung Abteilung 2"' in unfolded
    assert 'ORGANIZER;CN="Geschäftsstelle BezAG, Sozialplanung: Oberbayern":mailto:' in unfolded
    assert "^'" not in unfolded
    assert "^n" not in unfolded


def test_utf8_without_bom_crlf_everywhere_and_folded_at_75_octets() -> None:
    long_title = "Sitzung über Wohnungslosenhilfe, Pflege und Fachkräftemangel – Überörtliche Zusammenarbeit " * 3
    data = ics.calendar_bytes(_event(summary=long_title, description="ÄÖÜäöüß€ " * 60), "REQUEST")
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")  # strict: a split multi-byte character would fail here
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    lines = _lines(data)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long lines really were folded
    for line in lines:
        line.decode("utf-8")  # every physical line is valid UTF-8 on its own
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == long_title


def test_vtimezone_is_the_hand_built_outlook_form() -> None:
    data = ics.calendar_bytes(_event(), "REQUEST")
    cal = Calendar.from_ical(data)
    zones = cal.walk("VTIMEZONE")
    assert len(zones) == 1
    zone = zones[0]
    assert str(zone["TZID"]) == "Europe/Berlin"
    daylight = [c for c in zone.subcomponents if c.name == "DAYLIGHT"]
    standard = [c for c in zone.subcomponents if c.name == "STANDARD"]
    assert len(daylight) == 1
    assert len(standard) == 1
    for part, start, month, offsets in (
        (daylight[0], "19700329T020000", 3, ("+0100", "+0200")),
        (standard[0], "19701025T030000", 10, ("+0200", "+0100")),
    ):
        assert "RDATE" not in part
        assert _text(part["DTSTART"].to_ical()) == start
        rule = part["RRULE"]
        assert rule["FREQ"] == ["YEARLY"]
        assert [int(m) for m in rule["BYMONTH"]] == [month]
        assert rule["BYDAY"] == ["-1SU"]
        assert (_text(part["TZOFFSETFROM"].to_ical()), _text(part["TZOFFSETTO"].to_ical())) == offsets
    text = data.decode()
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" in text
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" in text
    assert text.count("BEGIN:DAYLIGHT") == 1
    assert text.count("BEGIN:STANDARD") == 1
    assert "RDATE" not in text


@pytest.mark.parametrize(
    ("start", "offset"),
    [
        (datetime(2027, 7, 8, 10, 0), timedelta(hours=2)),  # summer: +02:00
        (datetime(2027, 1, 13, 10, 0), timedelta(hours=1)),  # winter: +01:00
        (datetime(2027, 3, 29, 9, 0), timedelta(hours=2)),  # the day after the switch to summer time
        (datetime(2027, 10, 30, 9, 0), timedelta(hours=2)),  # the day before the switch back
        (datetime(2027, 11, 1, 9, 0), timedelta(hours=1)),
    ],
)
def test_local_times_resolve_right_in_both_parsers(start: datetime, offset: timedelta) -> None:
    data = ics.calendar_bytes(_event(start=start, end=start + timedelta(hours=3)), "REQUEST")
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\n".encode() in data
    ours = Calendar.from_ical(data).walk("VEVENT")[0]["DTSTART"].dt
    assert ours.utcoffset() == offset
    theirs = vobject.readOne(data.decode("utf-8")).vevent.dtstart.value
    # vobject resolves the offset from the file's VTIMEZONE (its registry was cleared)
    assert "zoneinfo" not in type(theirs.tzinfo).__module__
    assert theirs.utcoffset() == offset
    assert theirs.replace(tzinfo=None) == start
    assert theirs.astimezone(UTC) == start.replace(tzinfo=BERLIN).astimezone(UTC)


def test_a_wrong_vtimezone_would_be_caught_by_vobject() -> None:
    """The check above can fail: vobject really uses the file's rules, not its own zone data."""
    data = ics.calendar_bytes(_event(), "REQUEST").replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0300")
    theirs = vobject.readOne(data.decode("utf-8")).vevent.dtstart.value
    assert theirs.utcoffset() == timedelta(hours=3)


def test_dtstamp_is_utc_and_fresh() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    data = ics.calendar_bytes(_event(), "REQUEST")
    stamp = Calendar.from_ical(data).walk("VEVENT")[0]["DTSTAMP"].dt
    assert stamp.utcoffset() == timedelta(0)
    assert b"DTSTAMP:" in data
    assert next(line for line in _lines(data) if line.startswith(b"DTSTAMP:")).endswith(b"Z")
    assert before <= stamp <= datetime.now(UTC) + timedelta(seconds=1)


def test_cancel_keeps_uid_raises_nothing_itself_and_lists_everyone() -> None:
    data = ics.calendar_bytes(_event(sequence=3), "CANCEL")
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "CANCEL"
    ev = cal.walk("VEVENT")[0]
    assert str(ev["STATUS"]) == "CANCELLED"
    assert int(ev["SEQUENCE"]) == 3
    assert str(ev["UID"]) == _event().uid
    assert "ORGANIZER" in ev
    assert len(ev["ATTENDEE"]) == 3


def test_publish_has_no_attendees() -> None:
    data = ics.calendar_bytes(_event(), "PUBLISH")
    assert b"ATTENDEE" not in data
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert "DTSTART" in cal.walk("VEVENT")[0]


def test_request_without_organizer_or_attendees_is_refused() -> None:
    with pytest.raises(ValidationError, match="Geschäftsstelle"):
        ics.calendar_bytes(_event(organizer_email=""), "REQUEST")
    with pytest.raises(ValidationError, match="mindestens eine eingeladene Person"):
        ics.calendar_bytes(_event(attendees=()), "REQUEST")
    with pytest.raises(ValidationError, match="UID"):
        ics.calendar_bytes(_event(uid="ohne-domaene"), "REQUEST")


def test_meeting_without_end_gets_the_default_duration_and_never_floating_times() -> None:
    data = ics.calendar_bytes(_event(end=None), "REQUEST")
    ev = Calendar.from_ical(data).walk("VEVENT")[0]
    assert ev["DTEND"].dt - ev["DTSTART"].dt == ics.DEFAULT_DURATION
    assert ev["DTEND"].params["TZID"] == "Europe/Berlin"


def test_control_characters_are_stripped() -> None:
    data = ics.calendar_bytes(_event(summary="Sitzung\x07 mit Steuerzeichen\x0b"), "REQUEST")
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == "Sitzung mit Steuerzeichen"


def test_write_calendar_writes_the_bytes(tmp_path) -> None:
    path = ics.write_calendar(tmp_path / "a" / "sitzung.ics", _event(), "REQUEST")
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert [p.name for p in path.parent.iterdir()] == ["sitzung.ics"]  # no temporary file left behind


@pytest.mark.skipif(os.name != "posix", reason="file permissions are a POSIX matter")
def test_written_files_are_readable_like_ordinary_files(tmp_path) -> None:
    """mkstemp creates 0600 files; an export must not end up readable by its writer only."""
    path = ics.write_calendar(tmp_path / "sitzung.ics", _event(), "REQUEST")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o664)
    ics.write_calendar(path, _event(), "REQUEST")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664  # an existing file keeps its permissions


def test_a_set_of_files_is_written_completely_or_not_at_all(tmp_path) -> None:
    (tmp_path / "b.eml").mkdir()  # a folder where the second file should go
    files = [(tmp_path / "a.ics", b"a"), (tmp_path / "b.eml", b"b"), (tmp_path / "c.docx", b"c")]
    with pytest.raises(ValidationError, match="ist ein Ordner"):
        ics.write_files_atomic(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.eml"]


def test_a_failure_while_writing_is_a_german_message_and_leaves_nothing(tmp_path, monkeypatch) -> None:
    calls = []
    real_fdopen = os.fdopen

    def failing_fdopen(fd: int, *args: object, **kw: object) -> object:
        calls.append(fd)
        if len(calls) == 2:
            os.close(fd)
            raise OSError(28, "Auf dem Gerät ist kein Speicherplatz mehr verfügbar")
        return real_fdopen(fd, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(ics.os, "fdopen", failing_fdopen)
    files = [(tmp_path / "a.ics", b"a"), (tmp_path / "b.eml", b"b")]
    with pytest.raises(UserError, match="kann nicht geschrieben werden: Auf dem Gerät ist kein Speicherplatz"):
        ics.write_files_atomic(files)
    assert list(tmp_path.iterdir()) == []


def test_shared_checker_passes_our_files_and_catches_a_local_dtstamp() -> None:
    """verify.check_ics_bytes is what the self-test runs; it must accept ours and reject a local DTSTAMP."""
    from bezag_desktop.exporters import verify

    for method in ("REQUEST", "CANCEL"):
        assert (
            verify.check_ics_bytes(ics.calendar_bytes(_event(), method), method=method, expect_text=[NASTY_PLACE]) == []
        )
    assert verify.check_ics_bytes(ics.calendar_bytes(_event(), "PUBLISH"), method="PUBLISH") == []
    data = ics.calendar_bytes(_event(), "REQUEST", dtstamp=datetime(2026, 11, 21, 10, 0, tzinfo=UTC))
    local = data.replace(b"DTSTAMP:20261121T100000Z", b"DTSTAMP;TZID=Europe/Berlin:20261121T110000")
    assert local != data
    assert "DTSTAMP ist nicht in UTC." in verify.check_ics_bytes(local)


def test_a_file_held_open_in_word_stops_the_whole_set_with_a_german_message(tmp_path, monkeypatch) -> None:
    """Windows cannot replace a letter open in Word: nothing of the set may be replaced then."""
    files = [(tmp_path / "a.ics", b"neu"), (tmp_path / "a.eml", b"neu"), (tmp_path / "a Einladung.docx", b"neu")]
    for path, _data in files:
        path.write_bytes(b"alt")

    def locked(path) -> None:
        if path.suffix == ".docx":
            raise PermissionError(13, "Der Prozess kann nicht auf die Datei zugreifen")

    real_check = ics._try_open_for_update
    monkeypatch.setattr(ics, "CHECK_LOCKS", True)
    monkeypatch.setattr(ics, "_try_open_for_update", locked)
    with pytest.raises(UserError, match="Ist sie noch in Word geöffnet"):
        ics.write_files_atomic(files)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {p.name: b"alt" for p, _ in files}
    monkeypatch.setattr(ics, "_try_open_for_update", real_check)  # files nobody holds open
    ics.write_files_atomic(files)
    assert {p.read_bytes() for p in tmp_path.iterdir()} == {b"neu"}
