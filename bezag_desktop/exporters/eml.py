"""The invitation as an Outlook-ready e-mail draft (.eml), built with Python's ``email`` package.

Structure (FORMATS.md)::

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8                    the German body
        text/calendar; method=REQUEST; charset=UTF-8 base64, so the CRLF of the ICS survive
      the DOCX letter
      the agenda items' files

``X-Unsent: 1`` makes Outlook open the file as an editable draft. Names and the subject are
encoded by the package (policy SMTP), never by hand.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.exporters.ics import write_bytes_atomic
from bezag_desktop.exporters.invitation import one_line

#: Above this total size of the attachments the user is warned (many mailboxes refuse more).
SIZE_WARNING_BYTES = 10 * 1024 * 1024

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@dataclass(frozen=True)
class MailAddress:
    email: str
    name: str = ""


@dataclass(frozen=True)
class MailAttachment:
    """A file to attach: given as bytes (``data``) or read from ``path``."""

    filename: str
    data: bytes | None = None
    path: Path | None = None

    def content(self) -> bytes:
        if self.data is not None:
            return self.data
        if self.path is None:
            raise ValidationError(f"Für den Anhang „{self.filename}“ fehlt der Inhalt.")
        try:
            return Path(self.path).read_bytes()
        except OSError as exc:
            raise ValidationError(
                f"Der Anhang „{self.filename}“ ({self.path}) kann nicht gelesen werden: {exc.strerror or exc}."
            ) from exc

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        try:
            return Path(self.path).stat().st_size if self.path is not None else 0
        except OSError:
            return 0


@dataclass(frozen=True)
class MailDraft:
    sender: MailAddress
    recipients: tuple[MailAddress, ...]
    subject: str
    body: str
    #: The ICS file's bytes; its METHOD must equal ``method``.
    calendar: bytes
    method: str
    attachments: tuple[MailAttachment, ...] = ()


@dataclass(frozen=True)
class EmlResult:
    path: Path
    size: int
    attachments_size: int
    #: German warning when the attachments exceed ``SIZE_WARNING_BYTES``; otherwise ``None``.
    warning: str | None


def _address(a: MailAddress) -> Address:
    addr = a.email.strip()
    if "@" not in addr:
        raise ValidationError(f"„{a.email}“ ist keine gültige E-Mail-Adresse.")
    username, domain = addr.rsplit("@", 1)
    return Address(display_name=one_line(a.name), username=username, domain=domain)


def _calendar_method(calendar: bytes) -> str:
    for line in calendar.split(b"\r\n"):
        if line.upper().startswith(b"METHOD:"):
            return line.split(b":", 1)[1].decode("ascii", "replace").strip().upper()
    return ""


def attachments_size(draft: MailDraft) -> int:
    return sum(a.size() for a in draft.attachments)


def size_warning(total: int) -> str | None:
    if total <= SIZE_WARNING_BYTES:
        return None
    mb = f"{total / (1024 * 1024):.1f}".replace(".", ",")
    return (
        f"Die Anhänge sind zusammen {mb} MB groß. Viele Postfächer nehmen nur E-Mails bis 10 MB an; "
        "bitte verschicken Sie große Unterlagen besser als Link."
    )


def build_message(draft: MailDraft) -> EmailMessage:
    """The draft as an ``EmailMessage`` in the structure of FORMATS.md."""
    method = draft.method.upper()
    if _calendar_method(draft.calendar) != method:
        raise ValidationError("Die Methode der Kalenderdatei passt nicht zur E-Mail.")
    if not draft.recipients:
        raise ValidationError("Die E-Mail hat keine Empfänger mit E-Mail-Adresse.")
    msg = EmailMessage(policy=SMTP)
    msg["X-Unsent"] = "1"
    msg["From"] = _address(draft.sender)
    msg["To"] = [_address(r) for r in draft.recipients]
    msg["Subject"] = one_line(draft.subject)
    msg["X-Mailer"] = "BezAG Desktop"
    msg.set_content(draft.body.replace("\r\n", "\n"), subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(
        draft.calendar,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": method, "charset": "UTF-8"},
    )
    # always multipart/mixed, also without attachments, so every draft has the one structure
    msg.make_mixed()
    for attachment in draft.attachments:
        data = attachment.content()
        if attachment.filename.lower().endswith(".docx"):
            maintype, subtype = DOCX_TYPE
        else:
            guessed, _ = mimetypes.guess_type(attachment.filename)
            maintype, subtype = (guessed or "application/octet-stream").split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return msg


def message_bytes(draft: MailDraft) -> bytes:
    return build_message(draft).as_bytes(policy=SMTP)


def write_eml(path: Path, draft: MailDraft) -> EmlResult:
    """Write the draft; the result carries a German size warning above 10 MB of attachments."""
    data = message_bytes(draft)
    write_bytes_atomic(Path(path), data)
    total = attachments_size(draft)
    return EmlResult(path=Path(path), size=len(data), attachments_size=total, warning=size_warning(total))
