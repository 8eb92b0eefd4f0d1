"""iCalendar (RFC 5545/5546) for meeting invitations: REQUEST, CANCEL and PUBLISH.

Plain data in, bytes out. icalendar >= 7.3 writes UTF-8 without BOM, CRLF line ends, folds at
75 octets without splitting a multi-byte character or an escape, escapes TEXT values and quotes
parameter values that contain ``: ; ,`` (tests re-read all of it with icalendar and vobject).

The Europe/Berlin VTIMEZONE is built by hand in the one form Outlook reads right (FORMATS.md):
one DAYLIGHT and one STANDARD rule with RRULE, no RDATE. ``add_missing_timezones()`` would write
an RDATE form that Outlook and vobject read an hour off in summer.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress
from icalendar.parser import Parameters

from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.text import xml_safe
from bezag_desktop.domain.timeutil import BERLIN, utc_now
from bezag_desktop.exporters.atomic_file import file_mode

PRODID = "-//Bezirksarbeitsgemeinschaft Sozialplanung Oberbayern//BezAG Desktop//DE"
TZID = "Europe/Berlin"
#: A meeting stored without an end is shown for this long in calendars.
DEFAULT_DURATION = timedelta(hours=2)


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"
    PUBLISH = "PUBLISH"


class Role(StrEnum):
    """ATTENDEE ROLE: chairs, members; deputies and guests are optional."""

    CHAIR = "CHAIR"
    REQ_PARTICIPANT = "REQ-PARTICIPANT"
    OPT_PARTICIPANT = "OPT-PARTICIPANT"


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""
    role: str = Role.REQ_PARTICIPANT.value


@dataclass(frozen=True)
class CalendarEvent:
    """One meeting as a calendar entry. ``start``/``end`` are naive Europe/Berlin wall time."""

    #: Full UID including ``@domain``; stable for the life of the meeting.
    uid: str
    sequence: int
    start: datetime
    end: datetime | None
    summary: str
    organizer_email: str
    organizer_name: str = ""
    description: str = ""
    location: str = ""
    url: str = ""
    attendees: tuple[Attendee, ...] = ()
    #: The meeting is cancelled (always true for METHOD:CANCEL).
    cancelled: bool = False


def parameter_name(name: str) -> str:
    """A name fit for a CN parameter: no double quotes (FORMATS.md), no line breaks or control characters.

    icalendar quotes values with ``: ; ,`` and would write a double quote or a line break as an
    RFC 6868 escape (``^'``, ``^n``) that Outlook shows literally.
    """
    text = xml_safe(name).replace('"', "").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return " ".join(text.split())


class _Verbatim(str):
    """A property value written exactly as given (icalendar would reorder the RRULE's parts)."""

    params = Parameters()

    def to_ical(self) -> bytes:
        return self.encode("utf-8")


def berlin_vtimezone() -> Timezone:
    """VTIMEZONE for Europe/Berlin as Outlook reads it: one DAYLIGHT, one STANDARD, RRULEs, no RDATE."""
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add_component(_transition(TimezoneDaylight(), datetime(1970, 3, 29, 2, 0, 0), 3, (1, 2), "CEST"))
    tz.add_component(_transition(TimezoneStandard(), datetime(1970, 10, 25, 3, 0, 0), 10, (2, 1), "CET"))
    return tz


_Transition = TypeVar("_Transition", TimezoneDaylight, TimezoneStandard)


def _transition(part: _Transition, start: datetime, month: int, hours: tuple[int, int], name: str) -> _Transition:
    """The switch on the last Sunday of ``month``, from UTC+hours[0] to UTC+hours[1]."""
    part.add("dtstart", start)
    # the RRULEs in the form FORMATS.md names; icalendar's vRecur would write BYDAY before BYMONTH
    part["RRULE"] = _Verbatim(f"FREQ=YEARLY;BYMONTH={month};BYDAY=-1SU")
    part.add("tzoffsetfrom", timedelta(hours=hours[0]))
    part.add("tzoffsetto", timedelta(hours=hours[1]))
    part.add("tzname", name)
    return part


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email.strip()}")
    cn = parameter_name(name)
    if cn:
        address.params["CN"] = cn
    return address


def _check(event: CalendarEvent, method: Method) -> None:
    if not event.uid.strip() or "@" not in event.uid:
        raise ValidationError("Dem Kalendereintrag fehlt die eindeutige Kennung (UID mit Domäne).")
    if method is not Method.PUBLISH:
        if not event.organizer_email.strip():
            raise ValidationError("Für eine Einladung fehlt die E-Mail-Adresse der Geschäftsstelle (Organisator).")
        if not event.attendees:
            raise ValidationError("Eine Einladung braucht mindestens eine eingeladene Person mit E-Mail-Adresse.")
    if event.end is not None and event.end < event.start:
        raise ValidationError("Das Ende der Sitzung liegt vor ihrem Beginn.")


def build_calendar(event: CalendarEvent, method: Method | str, *, dtstamp: datetime | None = None) -> Calendar:
    """The VCALENDAR with METHOD, the hand-built VTIMEZONE and one VEVENT."""
    method = Method(method)
    _check(event, method)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method.value)
    cal.add_component(berlin_vtimezone())

    ev = Event()
    ev.add("uid", event.uid.strip())
    ev.add("sequence", max(event.sequence, 0))
    stamp = dtstamp or utc_now()
    ev.add("dtstamp", stamp)
    start = event.start.replace(tzinfo=BERLIN)
    end = (event.end or event.start + DEFAULT_DURATION).replace(tzinfo=BERLIN)
    ev.add("dtstart", start)
    ev.add("dtend", end)
    ev.add("summary", xml_safe(event.summary))
    if event.description:
        ev.add("description", xml_safe(event.description))
    if event.location:
        ev.add("location", xml_safe(event.location))
    if event.url.strip():
        ev.add("url", event.url.strip())
    cancelled = event.cancelled or method is Method.CANCEL
    ev.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    ev.add("transp", "OPAQUE")
    ev.add("class", "PUBLIC")
    if event.organizer_email.strip():
        ev.add("organizer", _address(event.organizer_email, event.organizer_name))
    if method is not Method.PUBLISH:
        for attendee in event.attendees:
            address = _address(attendee.email, attendee.name)
            address.params["CUTYPE"] = "INDIVIDUAL"
            address.params["ROLE"] = Role(attendee.role).value
            address.params["PARTSTAT"] = "NEEDS-ACTION"
            address.params["RSVP"] = "TRUE"
            ev.add("attendee", address)
    cal.add_component(ev)
    return cal


def calendar_bytes(event: CalendarEvent, method: Method | str, *, dtstamp: datetime | None = None) -> bytes:
    """The file's content: UTF-8 without BOM, CRLF, folded at 75 octets."""
    data: bytes = build_calendar(event, method, dtstamp=dtstamp).to_ical()
    return data


#: Which program may hold a file of this kind open (for the German message on Windows' file locks).
_PROGRAMS = {".docx": "Word", ".eml": "Outlook", ".ics": "Outlook"}
#: Windows refuses to replace a file another program holds open (Word with the last letter):
#: there every existing target is tried before the first one is replaced, so a set is never half new.
CHECK_LOCKS = os.name == "nt"


def _try_open_for_update(path: Path) -> None:
    with open(path, "r+b"):
        pass


def write_files_atomic(files: Sequence[tuple[Path, bytes]]) -> tuple[Path, ...]:
    """Write every file beside its target first and move them into place only when all are written.

    A failure (disk full, no permission, a folder in the way) therefore never leaves half a file,
    nor some files of a set written and others not; it is reported in German (``UserError``).
    """
    targets = [Path(path) for path, _data in files]
    for path in targets:
        if path.is_dir():
            raise ValidationError(f"„{path}“ ist ein Ordner; die Datei kann dort nicht gespeichert werden.")
    temps: list[tuple[str, Path]] = []
    current = targets[0] if targets else Path()
    try:
        for path, (_target, data) in zip(targets, files, strict=True):
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            if os.name == "posix":
                os.chmod(tmp, file_mode(path))
        if CHECK_LOCKS:
            for path in targets:
                current = path
                if path.exists():
                    _try_open_for_update(path)
        for tmp, path in temps:
            current = path
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp, _path in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, PermissionError):
            program = _PROGRAMS.get(current.suffix.lower(), "einem anderen Programm")
            raise UserError(
                f"Die Datei „{current}“ kann nicht geschrieben werden. Ist sie noch in {program} geöffnet? "
                "Bitte schließen und erneut versuchen."
            ) from exc
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            raise UserError(f"Die Datei „{current}“ kann nicht geschrieben werden: {reason}.") from exc
        raise
    return tuple(targets)


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write beside the target and move into place, so a failure never leaves half a file."""
    return write_files_atomic([(Path(path), data)])[0]


def write_calendar(path: Path, event: CalendarEvent, method: Method | str, *, dtstamp: datetime | None = None) -> Path:
    return write_bytes_atomic(path, calendar_bytes(event, method, dtstamp=dtstamp))
