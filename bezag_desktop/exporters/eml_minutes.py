"""The minutes as an Outlook-ready e-mail draft (.eml) to the committee's distribution list.

The invitation's builder (``exporters.eml``) needs a calendar part, which minutes have not, so this
is the small sibling: ``multipart/mixed`` [ text/plain, the DOCX, the PDF ]. ``X-Unsent: 1`` makes
Outlook open it as an editable draft; ``From`` is the Geschäftsstelle so replies land there. Names
and subject are encoded by the ``email`` package (policy SMTP), never by hand (FORMATS.md).
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.text import xml_safe
from bezag_desktop.exporters.atomic_file import replace_atomic

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@dataclass(frozen=True)
class MinutesMail:
    #: (display name, address) of the Geschäftsstelle.
    sender: tuple[str, str]
    #: (display name, address) per recipient.
    recipients: tuple[tuple[str, str], ...]
    subject: str
    body: str
    #: (file name, content).
    attachments: tuple[tuple[str, bytes], ...] = ()


def _one_line(text: str) -> str:
    return " ".join(xml_safe(text).replace('"', "").split())


def _address(name: str, email: str) -> Address:
    addr = email.strip()
    if addr.count("@") != 1 or any(c.isspace() for c in addr):
        raise ValidationError(f"„{email}“ ist keine gültige E-Mail-Adresse.")
    user, domain = addr.split("@")
    return Address(display_name=_one_line(name), username=user, domain=domain)


def build_minutes_message(mail: MinutesMail) -> EmailMessage:
    if not mail.recipients:
        raise ValidationError("Die E-Mail hat keine Empfänger mit E-Mail-Adresse.")
    msg = EmailMessage(policy=SMTP)
    msg["X-Unsent"] = "1"
    msg["From"] = _address(*mail.sender)
    seen: set[str] = set()
    to: list[Address] = []
    for name, email in mail.recipients:
        key = email.strip().casefold()
        if key in seen:
            continue
        seen.add(key)
        to.append(_address(name, email))
    msg["To"] = to
    msg["Subject"] = _one_line(mail.subject)
    msg["X-Mailer"] = "BezAG Desktop"
    msg.set_content(xml_safe(mail.body).replace("\r\n", "\n"), charset="utf-8", cte="quoted-printable")
    for filename, data in mail.attachments:
        if filename.lower().endswith(".docx"):
            maintype, subtype = DOCX_TYPE
        else:
            guessed, _ = mimetypes.guess_type(filename)
            maintype, subtype = (guessed or "application/octet-stream").split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg


def write_minutes_eml(mail: MinutesMail, path: str | Path) -> Path:
    data = build_minutes_message(mail).as_bytes(policy=SMTP)
    return replace_atomic(path, lambda tmp: Path(tmp).write_bytes(data), program="Outlook")
