"""The plain data of one invitation and its German texts, shared by the ICS, e-mail and letter exporters.

The service gathers the data from the database; everything here is pure: data in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.domain.text import xml_safe
from bezag_desktop.domain.timeutil import fmt_date, fmt_long_date, fmt_time
from bezag_desktop.domain.venue import Venue


class Notice(StrEnum):
    """What a sending is: the first invitation, an update of it, or the cancellation."""

    EINLADUNG = "einladung"
    AKTUALISIERUNG = "aktualisierung"
    ABSAGE = "absage"

    @property
    def subject_prefix(self) -> str:
        return {"einladung": "Einladung", "aktualisierung": "Aktualisiert", "absage": "Abgesagt"}[self.value]

    @property
    def method(self) -> str:
        """The iTIP method of the calendar that goes with it."""
        return "CANCEL" if self is Notice.ABSAGE else "REQUEST"


@dataclass(frozen=True)
class AgendaLine:
    """One TOP as the invitation shows it: number ("2.1"), title, presenter, depth (0 = main item)."""

    number: str
    title: str
    presenter: str = ""
    depth: int = 0


@dataclass(frozen=True)
class Signatory:
    """A name under a signature line with its function below."""

    name: str
    function: str


@dataclass(frozen=True)
class InvitationContent(Venue):
    """Everything the three files say about one meeting."""

    committee: str
    #: "2. Sitzung 2027" or the meeting's own title.
    meeting_title: str
    start: datetime
    end: datetime | None = None
    rsvp_date: date | None = None
    agenda: tuple[AgendaLine, ...] = ()
    office: OfficeDetails = field(default_factory=OfficeDetails)
    signatories: tuple[Signatory, ...] = ()
    #: The date the letter carries (today).
    letter_date: date | None = None
    notice: Notice = Notice.EINLADUNG
    #: "außerordentliche Sitzung" or "konstituierende Sitzung"; empty for an ordinary meeting.
    kind_label: str = ""


_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    """User text for a header or a calendar parameter: no line breaks, no control characters."""
    return _SPACES.sub(" ", xml_safe(text).replace("\r", " ").replace("\n", " ")).strip()


def clean(text: str) -> str:
    """User text with line breaks kept (as ``\n``), control characters and outer blanks removed."""
    return xml_safe(text).replace("\r\n", "\n").replace("\r", "\n").strip()


def summary(c: InvitationContent) -> str:
    """The calendar entry's title: committee and meeting."""
    return one_line(f"{c.committee}: {c.meeting_title}") if c.committee else one_line(c.meeting_title)


def subject(c: InvitationContent) -> str:
    """``Einladung: Bezirksarbeitsgemeinschaft Sozialplanung: 1. Sitzung 2027 am 10.03.2027``."""
    return f"{c.notice.subject_prefix}: {summary(c)} am {fmt_date(c.start)}"


def letter_subject(c: InvitationContent) -> str:
    """The letter's subject line (bold, without a "Betreff:" label)."""
    what = f"{one_line(c.meeting_title)} der {one_line(c.committee)} am {fmt_date(c.start)}"
    if c.notice is Notice.ABSAGE:
        return f"Absage der {what}"
    if c.notice is Notice.AKTUALISIERUNG:
        return f"Geänderte Einladung zur {what}"
    return f"Einladung zur {what}"


def time_text(c: InvitationContent) -> str:
    """``Mittwoch, 10.03.2027, 10:00 bis 13:00 Uhr``."""
    if c.end is not None and c.end.date() == c.start.date():
        return f"{fmt_long_date(c.start)}, {fmt_time(c.start)} bis {fmt_time(c.end)} Uhr"
    if c.end is not None:
        return f"{fmt_long_date(c.start)}, {fmt_time(c.start)} Uhr, bis {fmt_long_date(c.end)}, {fmt_time(c.end)} Uhr"
    return f"{fmt_long_date(c.start)}, {fmt_time(c.start)} Uhr"


def physical_place(c: InvitationContent) -> str:
    """Name, room and address of the place in one line; empty for an online-only meeting."""
    parts = [clean(p) for p in (c.location_name, c.location_room, c.location_address)]
    return ", ".join(p for p in parts if p)


def location_text(c: InvitationContent) -> str:
    """The calendar's LOCATION: the place, or "Online-Sitzung" when there is only a link."""
    return physical_place(c) or ("Online-Sitzung" if c.online_url.strip() else "")


def agenda_lines(c: InvitationContent) -> list[str]:
    """``TOP 2.1  Bericht der AG Wohnen (Anna Huber)``, sub-items indented."""
    lines = []
    for item in c.agenda:
        presenter = f" ({one_line(item.presenter)})" if item.presenter.strip() else ""
        indent = "    " * max(item.depth, 0)
        lines.append(f"{indent}TOP {item.number}  {one_line(item.title)}{presenter}")
    return lines


def rsvp_sentence(c: InvitationContent) -> str:
    reply_to = f" an {c.office.email}" if c.office.email else ""
    if c.rsvp_date is not None:
        return (
            f"Bitte teilen Sie uns bis zum {fmt_date(c.rsvp_date)} mit, ob Sie teilnehmen "
            f"oder sich vertreten lassen (über Zusagen/Absagen im Kalender oder per E-Mail{reply_to})."
        )
    return (
        "Bitte teilen Sie uns möglichst bald mit, ob Sie teilnehmen oder sich vertreten lassen "
        f"(über Zusagen/Absagen im Kalender oder per E-Mail{reply_to})."
    )


def opening_sentence(c: InvitationContent) -> str:
    kind = f" ({c.kind_label})" if c.kind_label else ""
    what = f"{one_line(c.meeting_title)}{kind} der {one_line(c.committee)}"
    if c.notice is Notice.ABSAGE:
        return f"die {what} am {fmt_date(c.start)} muss leider abgesagt werden."
    if c.notice is Notice.AKTUALISIERUNG:
        return f"die Einladung zur {what} hat sich geändert. Es gelten die folgenden Angaben:"
    return f"hiermit laden wir Sie herzlich zur {what} ein."


def details_lines(c: InvitationContent) -> list[str]:
    """Termin, Ort, online link: ``label: value`` lines."""
    lines = [f"Termin: {time_text(c)}"]
    place = physical_place(c)
    if place:
        lines.append(f"Ort: {place}")
    if c.online_url.strip():
        lines.append(f"Online-Teilnahme: {c.online_url.strip()}")
    if not place and not c.online_url.strip():
        lines.append("Ort: wird noch bekannt gegeben")
    return lines


def calendar_description(c: InvitationContent) -> str:
    """The calendar entry's DESCRIPTION: the numbered agenda as plain text, then link, travel notes, reply."""
    if c.notice is Notice.ABSAGE:
        return f"Die Sitzung am {fmt_date(c.start)} ist abgesagt."
    parts = []
    if c.agenda:
        parts.append("Tagesordnung:\n" + "\n".join(agenda_lines(c)))
    if c.online_url.strip():
        parts.append(f"Online-Teilnahme: {c.online_url.strip()}")
    if c.travel_notes.strip():
        parts.append(f"Anreise: {clean(c.travel_notes)}")
    parts.append(rsvp_sentence(c))
    return "\n\n".join(parts)


def closing_names(c: InvitationContent) -> list[str]:
    names = [f"{one_line(s.name)} ({one_line(s.function)})" if s.function else one_line(s.name) for s in c.signatories]
    if c.office.name:
        names.append(one_line(c.office.name))
    return names


def mail_body(c: InvitationContent, *, with_attachments: bool = True) -> str:
    """The e-mail's German plain-text body: date, time, place, agenda, RSVP date."""
    parts = ["Sehr geehrte Damen und Herren,", opening_sentence(c)]
    if c.notice is Notice.ABSAGE:
        parts.append(f"Termin: {time_text(c)}")
        parts.append("Der Termin wird mit dieser Nachricht aus Ihrem Kalender entfernt. Wir bitten um Ihr Verständnis.")
    else:
        parts.append("\n".join(details_lines(c)))
        if c.agenda:
            parts.append("Tagesordnung:\n" + "\n".join(agenda_lines(c)))
        if c.travel_notes.strip():
            parts.append(f"Hinweise zur Anreise:\n{clean(c.travel_notes)}")
        parts.append(rsvp_sentence(c))
        if with_attachments:
            parts.append("Das Einladungsschreiben und die Sitzungsunterlagen finden Sie im Anhang.")
    parts.append("Mit freundlichen Grüßen\n" + "\n".join(closing_names(c)))
    return "\n\n".join(parts) + "\n"


_UNSAFE_FILENAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def safe_filename(text: str, *, limit: int = 100) -> str:
    """A file name part that Windows accepts: no ``<>:"/\\|?*``, no control characters, no trailing dot."""
    name = _SPACES.sub(" ", _UNSAFE_FILENAME.sub(" ", text)).strip(" .")
    name = name[:limit].rstrip(" .")
    if name.split(".")[0].upper() in {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(10)),
        *(f"LPT{i}" for i in range(10)),
    }:
        name = f"_{name}"
    return name or "Sitzung"
