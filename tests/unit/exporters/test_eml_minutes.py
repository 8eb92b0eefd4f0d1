"""The minutes e-mail draft, parsed back with the ``email`` package."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.exporters.eml_minutes import MinutesMail, write_minutes_eml


def mail(**kw) -> MinutesMail:
    values = {
        "sender": ("Geschäftsstelle der BezAG", "geschaeftsstelle@bezag.example"),
        "recipients": (
            ("Dr. Anna Huber", "anna.huber@lra-ebe.example"),
            ("Jonas Weiß", "jonas.weiss@lra-ebe.example"),
            ("Doppelt", "ANNA.HUBER@lra-ebe.example"),
        ),
        "subject": "BezAG: Entwurf der Niederschrift der 1. Sitzung 2027 vom 10.03.2027",
        "body": "Sehr geehrte Damen und Herren,\n\nanbei der Entwurf.\n",
        "attachments": (("Niederschrift Entwurf.docx", b"PK\x03\x04docx"), ("Niederschrift Entwurf.pdf", b"%PDF-1.6")),
    }
    values.update(kw)
    return MinutesMail(**values)


def test_draft_structure(tmp_path: Path) -> None:
    path = write_minutes_eml(mail(), tmp_path / "n.eml")
    raw = path.read_bytes()
    msg = message_from_bytes(raw, policy=default)
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].addr_spec == "geschaeftsstelle@bezag.example"
    assert msg["From"].addresses[0].display_name == "Geschäftsstelle der BezAG"
    to = [a.addr_spec for a in msg["To"].addresses]
    assert to == ["anna.huber@lra-ebe.example", "jonas.weiss@lra-ebe.example"]
    assert [a.display_name for a in msg["To"].addresses][1] == "Jonas Weiß"
    assert msg["Subject"] == "BezAG: Entwurf der Niederschrift der 1. Sitzung 2027 vom 10.03.2027"
    assert msg.get_content_type() == "multipart/mixed"
    body = msg.get_body(preferencelist=("plain",))
    assert "anbei der Entwurf" in body.get_content()
    attachments = {a.get_filename(): a for a in msg.iter_attachments()}
    assert set(attachments) == {"Niederschrift Entwurf.docx", "Niederschrift Entwurf.pdf"}
    assert attachments["Niederschrift Entwurf.docx"].get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert attachments["Niederschrift Entwurf.pdf"].get_content() == b"%PDF-1.6"
    # umlauts are encoded by the email package, the header lines stay ASCII
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")


def test_refuses_bad_addresses_and_empty_lists(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="keine Empfänger"):
        write_minutes_eml(mail(recipients=()), tmp_path / "a.eml")
    with pytest.raises(ValidationError, match="keine gültige E-Mail-Adresse"):
        write_minutes_eml(mail(recipients=(("X", "kein adresse"),)), tmp_path / "b.eml")
    assert not list(tmp_path.iterdir())


def test_control_characters_in_names_and_subject(tmp_path: Path) -> None:
    path = write_minutes_eml(
        mail(subject="Betreff\x07 mit\nUmbruch", sender=('Büro "Nord"\x00', "b@x.de")), tmp_path / "c.eml"
    )
    msg = message_from_bytes(path.read_bytes(), policy=default)
    assert msg["Subject"] == "Betreff mit Umbruch"
    assert msg["From"].addresses[0].display_name == "Büro Nord"
