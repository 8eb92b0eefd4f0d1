"""E-mail draft: re-read with Python's ``email`` parser."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.exporters import eml, ics

SUBJECT = "Einladung: Bezirksarbeitsgemeinschaft Sozialplanung: 1. Sitzung 2027 am 10.03.2027 – Überörtlich"
BODY = "Sehr geehrte Damen und Herren,\n\nTermin: Mittwoch, 10.03.2027\nOrt: Saal „Süd“; Müllerstraße 1\n"


def _calendar(method: str = "REQUEST") -> bytes:
    event = ics.CalendarEvent(
        uid="abc@bezag.example",
        sequence=1,
        start=datetime(2027, 3, 10, 10),
        end=datetime(2027, 3, 10, 13),
        summary="Sitzung Ü",
        organizer_email="geschaeftsstelle@bezag.example",
        organizer_name="Geschäftsstelle",
        attendees=(ics.Attendee("anna.mueller@lra.example", "Anna Müller", "REQ-PARTICIPANT"),),
    )
    return ics.calendar_bytes(event, method)


def _draft(method: str = "REQUEST", attachments: tuple[eml.MailAttachment, ...] = ()) -> eml.MailDraft:
    return eml.MailDraft(
        sender=eml.MailAddress("geschaeftsstelle@bezag.example", "Geschäftsstelle der BezAG, Sozialplanung"),
        recipients=(
            eml.MailAddress("anna.mueller@lra.example", 'Dr. Anna "Ani" Müller, Landratsamt'),
            eml.MailAddress("joerg.weiss@lra.example", "Jörg Weiß"),
        ),
        subject=SUBJECT,
        body=BODY,
        calendar=_calendar(method),
        method=method,
        attachments=attachments,
    )


def _parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def test_draft_headers_and_umlauts(tmp_path: Path) -> None:
    result = eml.write_eml(tmp_path / "e.eml", _draft())
    raw = result.path.read_bytes()
    msg = _parse(raw)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == SUBJECT
    assert msg["From"].addresses[0].addr_spec == "geschaeftsstelle@bezag.example"
    assert msg["From"].addresses[0].display_name == "Geschäftsstelle der BezAG, Sozialplanung"
    to = {a.addr_spec: a.display_name for a in msg["To"].addresses}
    assert to == {
        "anna.mueller@lra.example": 'Dr. Anna "Ani" Müller, Landratsamt',
        "joerg.weiss@lra.example": "Jörg Weiß",
    }
    # encoded by the email package: the raw headers are plain ASCII
    headers = raw.split(b"\r\n\r\n", 1)[0]
    headers.decode("ascii")
    assert b"=?utf-8?" in headers
    assert result.warning is None


def test_part_order_method_and_crlf_of_the_calendar(tmp_path: Path) -> None:
    attachments = (
        eml.MailAttachment("1. Sitzung Einladung.docx", data=b"PK\x03\x04docx"),
        eml.MailAttachment("Anlage Übersicht.pdf", data=b"%PDF-1.4"),
    )
    msg = _parse(eml.message_bytes(_draft(attachments=attachments)))
    assert msg.get_content_type() == "multipart/mixed"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == [
        "multipart/alternative",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
    ]
    inner = list(parts[0].iter_parts())
    assert [p.get_content_type() for p in inner] == ["text/plain", "text/calendar"]
    plain, calendar = inner
    assert plain.get_content().replace("\r\n", "\n") == BODY
    assert calendar["Content-Transfer-Encoding"] == "base64"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_param("charset") == "UTF-8"
    ics_bytes = calendar.get_payload(decode=True)
    assert ics_bytes.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert b"\r\n" in ics_bytes
    assert b"\n" not in ics_bytes.replace(b"\r\n", b"")
    assert str(Calendar.from_ical(ics_bytes)["METHOD"]) == calendar.get_param("method")
    assert [p.get_filename() for p in parts[1:]] == ["1. Sitzung Einladung.docx", "Anlage Übersicht.pdf"]
    assert parts[1].get_content() == b"PK\x03\x04docx"


def test_cancel_method_parameter_follows_the_calendar() -> None:
    msg = _parse(eml.message_bytes(_draft("CANCEL")))
    calendar = list(next(msg.iter_parts()).iter_parts())[1]
    assert calendar.get_param("method") == "CANCEL"
    assert str(Calendar.from_ical(calendar.get_payload(decode=True))["METHOD"]) == "CANCEL"


def test_method_mismatch_is_refused() -> None:
    draft = _draft()
    with pytest.raises(ValidationError, match="Methode"):
        eml.build_message(eml.MailDraft(**{**draft.__dict__, "method": "CANCEL"}))


def test_attachment_from_path_and_size_warning(tmp_path: Path) -> None:
    big = tmp_path / "Haushalt 2027.pdf"
    big.write_bytes(b"0" * (eml.SIZE_WARNING_BYTES + 1))
    result = eml.write_eml(tmp_path / "e.eml", _draft(attachments=(eml.MailAttachment(big.name, path=big),)))
    assert result.warning is not None
    assert "10 MB" in result.warning
    assert "Anhänge" in result.warning
    msg = _parse(result.path.read_bytes())
    files = [p for p in msg.iter_attachments()]
    assert files[0].get_filename() == "Haushalt 2027.pdf"
    assert len(files[0].get_content()) == eml.SIZE_WARNING_BYTES + 1


def test_missing_attachment_file_is_a_german_error(tmp_path: Path) -> None:
    missing = eml.MailAttachment("fehlt.pdf", path=tmp_path / "fehlt.pdf")
    with pytest.raises(ValidationError, match="kann nicht gelesen werden"):
        eml.write_eml(tmp_path / "e.eml", _draft(attachments=(missing,)))
    assert not (tmp_path / "e.eml").exists()


def test_line_breaks_in_names_and_subject_do_not_break_the_headers() -> None:
    draft = eml.MailDraft(
        **{
            **_draft().__dict__,
            "subject": "Einladung:\nZeile zwei",
            "recipients": (eml.MailAddress("a@b.example", "Anna\nMüller"),),
        }
    )
    msg = _parse(eml.message_bytes(draft))
    assert msg["Subject"] == "Einladung: Zeile zwei"
    assert msg["To"].addresses[0].display_name == "Anna Müller"


def _rfc2047_addresses(raw_header: str) -> dict[str, str]:
    """The To header decoded as RFC 2047 6.2 says: blanks between adjacent encoded words vanish.

    Python's modern parser (policy.default) still keeps such a blank inside a display name
    (CPython gh-128110), so long address lists are read back with the compat32 decoder, as mail
    programs do.
    """
    from email.header import decode_header, make_header
    from email.utils import getaddresses

    decoded = str(make_header(decode_header(raw_header)))
    return {addr: name for name, addr in getaddresses([decoded])}


#: Three recipients of the demo's plenary meeting whose To header the folder splits inside
#: "Jürgen" into two adjacent encoded words (valid RFC 2047).
FOLDED_INSIDE_A_NAME = (
    ("joerg.jaeger@lra-ts.example", "Jörg Jäger"),
    ("ludwig.gschwendtner@lra-ts.example", "Dr. Ludwig Gschwendtner"),
    ("juergen.kovacevic@lra-wm.example", "Jürgen Kovačević"),
)


def test_long_recipient_lists_keep_every_umlaut_name_intact() -> None:
    names = [f"Jürgen Kovačević-Größl {n}" if n % 2 else f"Dr. Maria Löß{n}l-Weiß" for n in range(40)]
    recipients = {f"p{n}@lra.example": name for n, name in enumerate(names)} | dict(FOLDED_INSIDE_A_NAME)
    draft = eml.MailDraft(
        **{**_draft().__dict__, "recipients": tuple(eml.MailAddress(a, n) for a, n in recipients.items())}
    )
    raw = eml.message_bytes(draft)
    headers = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert all(len(line) <= 78 for line in headers.split("\r\n"))  # folded as RFC 5322 asks
    compat = email.message_from_bytes(raw, policy=email.policy.compat32)
    assert _rfc2047_addresses(compat["To"]) == recipients
    assert len(_parse(raw)["To"].addresses) == len(recipients)


def test_a_name_folded_into_two_encoded_words_survives_a_conforming_reader() -> None:
    draft = eml.MailDraft(
        **{**_draft().__dict__, "recipients": tuple(eml.MailAddress(a, n) for a, n in FOLDED_INSIDE_A_NAME)}
    )
    raw = eml.message_bytes(draft)
    assert b"=?utf-8?q?J?=\r\n =?utf-8?" in raw  # the name is split across two encoded words
    compat = email.message_from_bytes(raw, policy=email.policy.compat32)
    assert _rfc2047_addresses(compat["To"]) == dict(FOLDED_INSIDE_A_NAME)
    # the reason for the compat32 reader above: CPython's modern parser inserts a blank (gh-128110);
    # when a fixed Python reads "Jürgen" here, this line may simply go
    assert _parse(raw)["To"].addresses[2].display_name in {"Jürgen Kovačević", "J ürgen Kovačević"}


def test_shared_checker_wants_the_organizer_as_sender(tmp_path: Path) -> None:
    from bezag_desktop.exporters import verify

    good = eml.write_eml(tmp_path / "gut.eml", _draft()).path
    assert verify.check_eml(good) == []
    other = eml.MailDraft(**{**_draft().__dict__, "sender": eml.MailAddress("jemand@anders.example", "Jemand")})
    bad = eml.write_eml(tmp_path / "falsch.eml", other).path
    assert any("nicht der Organisator" in p for p in verify.check_eml(bad))
