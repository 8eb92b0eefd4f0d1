"""Invitations service: gathering, checks, the three files, recording, UID and SEQUENCE rules."""

from __future__ import annotations

import contextlib
import email
import email.policy
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
import vobject
import vobject.icalendar
from factories import INVITED_START, MEMBERS, NASTY_PLACE, OFFICE, add_mandate, add_person, invited_meeting, plenum_id
from icalendar import Calendar
from sqlalchemy import event, select

from bezag_desktop.db.models import (
    AgendaItem,
    AuditEntry,
    Body,
    Committee,
    Invitation,
    InvitationRecipient,
    Meeting,
    Membership,
    Person,
)
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.rules import OfficeDetails, RulesOfProcedure
from bezag_desktop.exporters import verify
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import invitation_plan, invitations
from bezag_desktop.services.meetings.invitations import NoticePeriodError
from bezag_desktop.services.settings import save_office, save_rules
from bezag_desktop.services.store import Store

TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _fresh_vobject_zones() -> None:
    getattr(vobject.icalendar, "__tzidMap").clear()


@pytest.fixture
def meeting_id(store: Store, tmp_path: Path) -> int:
    return invited_meeting(store, tmp_path)


def _meeting(store: Store, mid: int) -> Meeting:
    with store.session() as s:
        m = s.get(Meeting, mid)
        assert m is not None
        s.expunge(m)
        return m


def _sendings(store: Store, mid: int) -> list[tuple[int, str, str, set[str]]]:
    with store.session() as s:
        rows = []
        for inv in s.scalars(select(Invitation).where(Invitation.meeting_id == mid).order_by(Invitation.id)):
            emails = set(
                s.scalars(select(InvitationRecipient.email).where(InvitationRecipient.invitation_id == inv.id))
            )
            rows.append((inv.sequence, inv.method, inv.channel, emails))
        return rows


def _event(path: Path) -> Any:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]


def _attendees(path: Path) -> dict[str, str]:
    ev = _event(path)
    raw = ev.get("ATTENDEE", [])
    raw = raw if isinstance(raw, list) else [raw]
    return {str(a).removeprefix("mailto:"): a.params["ROLE"] for a in raw}


# --- preview ----------------------------------------------------------------------------------


def test_plan_lists_recipients_roles_and_persons_without_address(store: Store, meeting_id: int) -> None:
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert {r.email: r.ical_role for r in plan.recipients} == MEMBERS
    assert [m.name for m in plan.without_email] == ["Otto Ohneadresse"]
    assert plan.problems == ()
    assert plan.notice_warning is None
    assert (plan.method, plan.sequence, plan.notice) == ("REQUEST", 0, "einladung")
    assert plan.subject == ("Einladung: Bezirksarbeitsgemeinschaft Sozialplanung: 1. Sitzung 2027 am 10.03.2027")
    assert "TOP 2.1  AG Wohnen (Eva Schön)" in plan.body
    assert "01.03.2027" in plan.body
    assert plan.uid == f"{_meeting(store, meeting_id).uid}@bezag.example"
    assert [a.filename for a in plan.attachments] == ["Bericht AG Wohnen.pdf"]
    assert plan.ics_filename == "BezAG Sozialplanung 1. Sitzung 2027.ics"
    assert plan.letter_filename == "BezAG Sozialplanung 1. Sitzung 2027 Einladung.docx"


# --- the first sending -----------------------------------------------------------------------


def test_send_writes_three_files_and_records_the_sending(store: Store, meeting_id: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invitations.send_invitation(store, meeting_id, out, today=TODAY)
    assert sorted(p.name for p in out.iterdir()) == [
        "BezAG Sozialplanung 1. Sitzung 2027 Einladung.docx",
        "BezAG Sozialplanung 1. Sitzung 2027.eml",
        "BezAG Sozialplanung 1. Sitzung 2027.ics",
    ]
    ics_path, eml_path, docx_path = result.files
    assert (result.method, result.sequence, result.recipients) == ("REQUEST", 0, 5)
    assert any("Otto Ohneadresse" in w for w in result.warnings)
    # the checks the self-test runs on the office PC find nothing wrong either
    assert verify.check_ics(ics_path, method="REQUEST", expect_text=[NASTY_PLACE, "TOP 2.1  AG Wohnen"]) == []
    assert verify.check_eml(eml_path, attachments=[docx_path.name, "Bericht AG Wohnen.pdf"]) == []
    assert verify.check_docx(docx_path, expect_text=["TOP 2.1", "Max Müller-Lüdenscheidt"]) == []

    ev = _event(ics_path)
    assert str(Calendar.from_ical(ics_path.read_bytes())["METHOD"]) == "REQUEST"
    assert _attendees(ics_path) == MEMBERS
    assert int(ev["SEQUENCE"]) == 0
    assert str(ev["ORGANIZER"]) == "mailto:geschaeftsstelle@bezag.example"
    assert str(ev["URL"]) == "https://meet.example/j/42"
    theirs = vobject.readOne(ics_path.read_text(encoding="utf-8")).vevent
    assert theirs.location.value == NASTY_PLACE
    assert theirs.dtstart.value.utcoffset() == timedelta(hours=1)  # winter time
    assert "TOP 2.1  AG Wohnen (Eva Schön)" in theirs.description.value

    msg = email.message_from_bytes(eml_path.read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].addr_spec == "geschaeftsstelle@bezag.example"
    assert {a.addr_spec for a in msg["To"].addresses} == set(MEMBERS)
    names = {a.addr_spec: a.display_name for a in msg["To"].addresses}
    assert names["anna@lra-a.example"] == 'Dr. Anna "Ani" Müller, LRA; Sozialplanung'
    assert [p.get_filename() for p in msg.iter_attachments()] == [docx_path.name, "Bericht AG Wohnen.pdf"]

    letter = docx.Document(str(docx_path))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "TOP 2.1\tAG Wohnen" in text
    assert "Ort:\t" + NASTY_PLACE in text
    signature = "\n".join(c.text for c in letter.tables[-1]._cells)
    assert "Prof. Dr. Maria Huber" in signature
    assert "Max Müller-Lüdenscheidt" in signature

    assert _sendings(store, meeting_id) == [(0, "REQUEST", "gui", set(MEMBERS))]
    m = _meeting(store, meeting_id)
    assert (m.status, m.sequence) == ("eingeladen", 0)
    with store.session() as s:
        assert s.scalar(select(AuditEntry.summary).where(AuditEntry.action == "invitation.send"))


def test_same_meeting_exported_twice_has_the_same_uid(store: Store, meeting_id: int, tmp_path: Path) -> None:
    a = invitations.export_ics(store, meeting_id, tmp_path / "a.ics", today=TODAY)
    b = invitations.export_ics(store, meeting_id, tmp_path / "b.ics", today=TODAY)
    c = invitations.export_ics(store, meeting_id, tmp_path / "c.ics", publish=True, today=TODAY)
    uids = {str(_event(p)["UID"]) for p in (a.files[0], b.files[0], c.files[0])}
    assert uids == {f"{_meeting(store, meeting_id).uid}@bezag.example"}
    # nothing changed in between: the second file repeats the first (same SEQUENCE, still the invitation)
    assert (int(_event(a.files[0])["SEQUENCE"]), int(_event(b.files[0])["SEQUENCE"])) == (0, 0)
    assert (a.notice, b.notice) == ("einladung", "einladung")
    assert all(_event(p)["DTSTAMP"].dt.utcoffset() == timedelta(0) for p in (a.files[0], b.files[0]))
    assert _event(a.files[0])["DTSTAMP"].dt <= _event(b.files[0])["DTSTAMP"].dt


def test_ics_then_eml_of_one_invitation_is_not_an_update(store: Store, meeting_id: int, tmp_path: Path) -> None:
    """The CLI writes the two files one after the other: the e-mail must not say "Aktualisiert"."""
    first = invitations.export_ics(store, meeting_id, tmp_path / "a.ics", today=TODAY)
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert (plan.notice, plan.sequence, plan.repeat) == ("einladung", 0, True)
    second = invitations.export_eml(store, meeting_id, tmp_path / "a.eml", today=TODAY)
    assert (first.sequence, second.sequence, second.notice) == (0, 0, "einladung")
    msg = email.message_from_bytes(second.files[0].read_bytes(), policy=email.policy.default)
    assert msg["Subject"].startswith("Einladung: ")
    calendar = next(p for p in msg.walk() if p.get_content_type() == "text/calendar").get_payload(decode=True)
    assert int(Calendar.from_ical(calendar).walk("VEVENT")[0]["SEQUENCE"]) == 0
    assert [(seq, method, channel) for seq, method, channel, _ in _sendings(store, meeting_id)] == [
        (0, "REQUEST", "ics"),
        (0, "REQUEST", "eml"),
    ]
    with store.session() as s:
        summaries = list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "invitation.send")))
    assert "unverändert erneut" in summaries[-1]


def test_repeat_of_an_update_stays_an_update_with_its_sequence(store: Store, meeting_id: int, tmp_path: Path) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    meetings.reschedule(store, meeting_id, datetime(2027, 3, 17, 10, 0))
    update = invitations.send_invitation(store, meeting_id, tmp_path / "2", today=TODAY)
    again = invitations.send_invitation(store, meeting_id, tmp_path / "3", today=TODAY)
    assert [(r.notice, r.sequence) for r in (update, again)] == [("aktualisierung", 1), ("aktualisierung", 1)]
    # a change after the repeat is again a new version
    with store.session() as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None
        m.travel_notes = "Neu: Eingang über den Hof"
    changed = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert (changed.notice, changed.sequence, changed.repeat) == ("aktualisierung", 2, False)


def test_new_recipient_or_other_file_makes_a_resend_an_update(store: Store, meeting_id: int, tmp_path: Path) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    with store.session() as s:
        body = int(s.scalar(select(Body.id).order_by(Body.sort_order).offset(2)))
        add_mandate(
            s,
            person_id=add_person(s, first="Neu", last="Mitglied", email="neu.mitglied@lra-c.example"),
            body_id=body,
            role="mitglied",
        )
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert (plan.notice, plan.sequence) == ("aktualisierung", 1)
    invitations.send_invitation(store, meeting_id, tmp_path / "2", today=TODAY)
    (tmp_path / "unterlagen" / "Bericht AG Wohnen.pdf").write_bytes(b"%PDF-1.4 Bericht, zweite Fassung")
    assert invitation_plan.plan_invitation(store, meeting_id, today=TODAY).sequence == 2


def test_publish_has_no_attendees_and_is_not_recorded(store: Store, meeting_id: int, tmp_path: Path) -> None:
    result = invitations.export_ics(store, meeting_id, tmp_path / "p.ics", publish=True, today=TODAY)
    assert result.invitation_id is None
    assert str(Calendar.from_ical(result.files[0].read_bytes())["METHOD"]) == "PUBLISH"
    assert b"ATTENDEE" not in result.files[0].read_bytes()
    assert _sendings(store, meeting_id) == []
    assert _meeting(store, meeting_id).status == "geplant"


# --- updates ----------------------------------------------------------------------------------


def test_reschedule_after_invitation_sends_a_higher_sequence(store: Store, meeting_id: int, tmp_path: Path) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    meetings.reschedule(store, meeting_id, datetime(2027, 7, 8, 14, 0))
    assert _meeting(store, meeting_id).sequence == 1  # raised by the Sitzungen service
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert (plan.notice, plan.sequence) == ("aktualisierung", 1)  # not raised twice
    assert plan.subject.startswith("Aktualisiert: ")
    result = invitations.send_invitation(store, meeting_id, tmp_path / "2", today=TODAY)
    ev = _event(result.files[0])
    assert int(ev["SEQUENCE"]) == 1
    assert ev["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 7, 8, 14, 0)
    assert ev["DTSTART"].dt.utcoffset() == timedelta(hours=2)  # summer time now
    assert str(ev["UID"]) == f"{_meeting(store, meeting_id).uid}@bezag.example"
    assert [row[0] for row in _sendings(store, meeting_id)] == [0, 1]
    msg = email.message_from_bytes(result.files[1].read_bytes(), policy=email.policy.default)
    assert msg["Subject"].startswith("Aktualisiert: ")


def test_resend_after_an_agenda_change_also_raises_the_sequence(store: Store, meeting_id: int, tmp_path: Path) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    with store.session() as s:
        s.add(AgendaItem(meeting_id=meeting_id, position=3, number="3", title="Verschiedenes"))
    assert _meeting(store, meeting_id).sequence == 0  # an agenda change does not raise it by itself
    result = invitations.send_invitation(store, meeting_id, tmp_path / "2", today=TODAY)
    assert result.sequence == 1
    assert int(_event(result.files[0])["SEQUENCE"]) == 1
    assert "TOP 3  Verschiedenes" in str(_event(result.files[0])["DESCRIPTION"])
    assert _meeting(store, meeting_id).sequence == 1  # persisted


# --- cancellation -----------------------------------------------------------------------------


def test_cancel_goes_to_stored_recipients_plus_new_ones(store: Store, meeting_id: int, tmp_path: Path) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    with store.session() as s:
        # a deputy leaves the committee and a new one joins
        old = s.scalar(select(Membership).join(Person).where(Person.email == "joerg.weiss@lra-a.example"))
        assert old is not None
        old.end_date = date(2026, 12, 31)
        body = old.body_id
        add_mandate(
            s,
            person_id=add_person(s, first="Neu", last="Zugang", email="neu.zugang@lra-a.example"),
            body_id=body,
            role="stellvertretung",
        )
    meetings.cancel(store, meeting_id)
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert (plan.method, plan.notice) == ("CANCEL", "absage")
    assert plan.notice_warning is None
    earlier = [r for r in plan.recipients if r.earlier_only]
    assert [r.email for r in earlier] == ["joerg.weiss@lra-a.example"]
    result = invitations.send_invitation(store, meeting_id, tmp_path / "2", today=TODAY)
    ics_path, eml_path, docx_path = result.files
    assert verify.check_ics(ics_path, method="CANCEL") == []
    assert verify.check_eml(eml_path, attachments=[docx_path.name]) == []
    cal = Calendar.from_ical(ics_path.read_bytes())
    assert str(cal["METHOD"]) == "CANCEL"
    ev = cal.walk("VEVENT")[0]
    assert str(ev["STATUS"]) == "CANCELLED"
    assert int(ev["SEQUENCE"]) == 1 > 0
    assert str(ev["UID"]) == f"{_meeting(store, meeting_id).uid}@bezag.example"
    assert "ORGANIZER" in ev
    assert set(_attendees(ics_path)) == set(MEMBERS) | {"neu.zugang@lra-a.example"}
    msg = email.message_from_bytes(eml_path.read_bytes(), policy=email.policy.default)
    assert msg["Subject"].startswith("Abgesagt: ")
    calendar_part = list(next(msg.iter_parts()).iter_parts())[1]
    assert calendar_part.get_param("method") == "CANCEL"
    assert docx_path.name.endswith("Absage.docx")
    assert _meeting(store, meeting_id).status == "abgesagt"
    assert [(seq, method) for seq, method, _, _ in _sendings(store, meeting_id)] == [(0, "REQUEST"), (1, "CANCEL")]
    # one entry per address
    assert len(_sendings(store, meeting_id)[1][3]) == 6


# --- refusals: a German message and no file ---------------------------------------------------


def _no_files(folder: Path) -> bool:
    return not folder.exists() or not any(folder.iterdir())


def test_no_invited_person_with_email_writes_nothing(store: Store, tmp_path: Path) -> None:
    save_office(store, OFFICE)
    with store.session() as s:
        body = int(s.scalar(select(Body.id).order_by(Body.sort_order)))
        add_mandate(
            s, person_id=add_person(s, first="Otto", last="Ohneadresse", email=""), body_id=body, role="mitglied"
        )
        m = Meeting(committee_id=plenum_id(s), year=2027, number=1, title="1. Sitzung 2027", start=INVITED_START)
        s.add(m)
        s.flush()
        mid = m.id
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match="Keine eingeladene Person hat eine E-Mail-Adresse"):
        invitations.send_invitation(store, mid, out, today=TODAY)
    for call in (
        lambda: invitations.export_ics(store, mid, out / "x.ics", today=TODAY),
        lambda: invitations.export_eml(store, mid, out / "x.eml", today=TODAY),
    ):
        with pytest.raises(ValidationError, match="E-Mail-Adresse"):
            call()
    assert _no_files(out)
    assert _sendings(store, mid) == []


def test_no_organizer_address_names_the_setting_and_writes_nothing(
    store: Store, meeting_id: int, tmp_path: Path
) -> None:
    save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "email": ""}))
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match="E-Mail-Adresse der Geschäftsstelle"):
        invitations.send_invitation(store, meeting_id, out, today=TODAY)
    with pytest.raises(ValidationError, match="E-Mail-Adresse der Geschäftsstelle"):
        invitations.export_eml(store, meeting_id, out / "x.eml", today=TODAY)
    assert _no_files(out)
    assert _meeting(store, meeting_id).status == "geplant"


def test_no_uid_domain_names_the_setting(store: Store, meeting_id: int, tmp_path: Path) -> None:
    save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "uid_domain": ""}))
    with pytest.raises(ValidationError, match="Domäne für Kalender-Kennungen"):
        invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY)
    with pytest.raises(ValidationError, match="Domäne"):
        invitations.export_ics(store, meeting_id, tmp_path / "out" / "p.ics", publish=True, today=TODAY)
    assert _no_files(tmp_path / "out")


def test_several_problems_are_all_named(store: Store, meeting_id: int, tmp_path: Path) -> None:
    save_office(store, OfficeDetails(name="Geschäftsstelle"))
    with pytest.raises(ValidationError) as err:
        invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY)
    assert "E-Mail-Adresse der Geschäftsstelle" in err.value.message
    assert "UID-Domäne" in err.value.message


def test_broken_template_or_logo_from_the_settings_is_a_problem_of_the_preview(
    store: Store, meeting_id: int, tmp_path: Path
) -> None:
    broken = tmp_path / "hausvorlage.docx"
    broken.write_bytes(b"kein Word")
    save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "invitation_template": str(broken)}))
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert any("hausvorlage.docx" in p and "keine lesbare Word-Datei" in p for p in plan.problems)
    with pytest.raises(UserError, match="keine lesbare Word-Datei"):
        invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY)
    assert _no_files(tmp_path / "out")
    save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "logo_path": str(tmp_path / "fehlt.png")}))
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert any("Das Logo" in p and "fehlt.png" in p for p in plan.problems)


def test_missing_attachment_is_named_and_nothing_written(store: Store, meeting_id: int, tmp_path: Path) -> None:
    (tmp_path / "unterlagen" / "Bericht AG Wohnen.pdf").unlink()
    with pytest.raises(ValidationError, match="Die Anlage „Bericht AG Wohnen“ wurde nicht gefunden"):
        invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY)
    assert _no_files(tmp_path / "out")


def test_a_file_that_cannot_be_written_leaves_no_files_and_no_sending(
    store: Store, meeting_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    (out / plan.letter_filename).mkdir(parents=True)  # a folder where the letter should go
    with pytest.raises(ValidationError, match="ist ein Ordner"):
        invitations.send_invitation(store, meeting_id, out, today=TODAY)
    assert [p.name for p in out.iterdir()] == [plan.letter_filename]
    assert _sendings(store, meeting_id) == []
    assert (_meeting(store, meeting_id).status, _meeting(store, meeting_id).sequence) == ("geplant", 0)


def test_resending_a_cancellation_of_a_past_meeting_needs_confirmation(
    store: Store, meeting_id: int, tmp_path: Path
) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    meetings.cancel(store, meeting_id)
    assert invitation_plan.plan_invitation(store, meeting_id, today=TODAY).notice_warning is None  # never too late
    later = date(2027, 4, 1)
    plan = invitation_plan.plan_invitation(store, meeting_id, today=later)
    assert plan.notice == "absage"
    assert plan.notice_warning == "Die Sitzung am 10.03.2027 liegt in der Vergangenheit."
    with pytest.raises(NoticePeriodError):
        invitations.send_invitation(store, meeting_id, tmp_path / "2", today=later)
    assert _no_files(tmp_path / "2")


def test_inside_the_notice_period_needs_confirmation(store: Store, meeting_id: int, tmp_path: Path) -> None:
    save_rules(store, RulesOfProcedure(notice_period_days=14))
    soon = TODAY + timedelta(days=5)
    meetings.reschedule(store, meeting_id, datetime(soon.year, soon.month, soon.day, 10, 0))
    plan = invitation_plan.plan_invitation(store, meeting_id, today=TODAY)
    assert plan.notice_warning is not None
    assert "Ladungsfrist von 14 Tagen" in plan.notice_warning
    assert "in 5 Tagen" in plan.notice_warning
    with pytest.raises(NoticePeriodError):
        invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY)
    assert _no_files(tmp_path / "out")
    result = invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY, confirmed=True)
    assert any("Ladungsfrist" in w for w in result.warnings)
    assert len(_sendings(store, meeting_id)) == 1


def test_held_meeting_cannot_be_invited(store: Store, meeting_id: int, tmp_path: Path) -> None:
    with store.session() as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None
        m.status = "durchgefuehrt"
    with pytest.raises(ValidationError, match="bereits stattgefunden"):
        invitations.send_invitation(store, meeting_id, tmp_path / "out", today=TODAY)


# --- eml and letter alone ---------------------------------------------------------------------


def test_export_eml_records_and_attaches_letter_and_files(store: Store, meeting_id: int, tmp_path: Path) -> None:
    result = invitations.export_eml(store, meeting_id, tmp_path / "e.eml", today=TODAY)
    msg = email.message_from_bytes(result.files[0].read_bytes(), policy=email.policy.default)
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert names == ["BezAG Sozialplanung 1. Sitzung 2027 Einladung.docx", "Bericht AG Wohnen.pdf"]
    assert _sendings(store, meeting_id)[0][:3] == (0, "REQUEST", "eml")


def test_export_letter_is_not_a_sending(store: Store, meeting_id: int, tmp_path: Path) -> None:
    path = invitations.export_letter(store, meeting_id, tmp_path / "brief.docx", today=TODAY)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Einladung zur 1. Sitzung 2027" in text
    assert _sendings(store, meeting_id) == []
    # a copy of the letter after the sending is still the invitation, not an update
    invitations.export_ics(store, meeting_id, tmp_path / "a.ics", today=TODAY)
    again = invitations.export_letter(store, meeting_id, tmp_path / "kopie.docx", today=TODAY)
    assert "Einladung zur 1. Sitzung 2027" in "\n".join(p.text for p in docx.Document(str(again)).paragraphs)
    assert len(_sendings(store, meeting_id)) == 1


def test_office_template_from_settings_is_used(store: Store, meeting_id: int, tmp_path: Path) -> None:
    from bezag_desktop.exporters.docx_letter import bundled_template

    d = docx.Document(str(bundled_template()))
    d.paragraphs[-1].insert_paragraph_before("Hausvorlage Oberbayern")
    custom = tmp_path / "hausvorlage.docx"
    d.save(str(custom))
    save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "invitation_template": str(custom)}))
    path = invitations.export_letter(store, meeting_id, tmp_path / "brief.docx", today=TODAY)
    assert "Hausvorlage Oberbayern" in [p.text for p in docx.Document(str(path)).paragraphs]


# --- history list -----------------------------------------------------------------------------


@contextlib.contextmanager
def _count_queries(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", before)


def test_list_sendings_uses_one_query_whatever_the_count(store: Store, meeting_id: int, tmp_path: Path) -> None:
    invitations.send_invitation(store, meeting_id, tmp_path / "1", today=TODAY)
    with _count_queries(store) as few:
        rows = invitations.list_sendings(store, meeting_id)
    assert [(r.sequence, r.recipients) for r in rows] == [(0, 5)]
    for n in range(2, 5):
        with store.session() as s:
            m = s.get(Meeting, meeting_id)
            assert m is not None
            m.travel_notes = f"Anreise, Fassung {n}"
        invitations.send_invitation(store, meeting_id, tmp_path / str(n), today=TODAY)
    with _count_queries(store) as many:
        rows = invitations.list_sendings(store, meeting_id)
    assert [r.sequence for r in rows] == [0, 1, 2, 3]
    assert len(many) == len(few)


# --- demo data ----------------------------------------------------------------------------------


def test_demo_meeting_can_be_invited_at_once(demo_store: Store, tmp_path: Path) -> None:
    """The demo fills the office details, so the next planned plenary meeting is invitable as it is."""
    with demo_store.session() as s:
        mid = s.scalar(
            select(Meeting.id)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Meeting.status == "geplant", Committee.kind == CommitteeKind.PLENUM.value)
            .order_by(Meeting.start)
        )
        uid = s.get(Meeting, mid).uid if mid is not None else ""
    assert mid is not None
    plan = invitation_plan.plan_invitation(demo_store, mid, today=TODAY)
    assert plan.problems == ()
    assert len(plan.recipients) > 20
    roles = {r.ical_role for r in plan.recipients}
    assert roles == {"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT"}
    result = invitations.send_invitation(demo_store, mid, tmp_path / "demo", today=TODAY, confirmed=True)
    ev = _event(result.files[0])
    assert str(ev["UID"]) == f"{uid}@bezag-sozialplanung.example"
    assert len(ev["ATTENDEE"]) == len(plan.recipients)
    parsed = vobject.readOne(result.files[0].read_text(encoding="utf-8")).vevent
    assert len(parsed.contents["attendee"]) == len(plan.recipients)
    msg = email.message_from_bytes(result.files[1].read_bytes(), policy=email.policy.default)
    assert len(msg["To"].addresses) == len(plan.recipients)
    letter = "\n".join(p.text for p in docx.Document(str(result.files[2])).paragraphs)
    assert "TOP 1" in letter
