"""Invitations: gather a meeting's data, check it, write the ICS, the e-mail draft and the letter,
and record every sending.

What goes out, and with which SEQUENCE (FORMATS.md "ICS invitations"):

- A *sending* is what the GUI's button, ``bezag export ics`` (not ``--publish``) and
  ``bezag export eml`` do; each is recorded as an ``Invitation`` with its ``InvitationRecipient``
  rows (UTC time, sequence, method, channel) and the meeting becomes "eingeladen".
- The first sending goes out with the meeting's stored sequence (0 for a new meeting).
- A later sending after any change goes out as an update with
  ``max(Meeting.sequence, last recorded sequence + 1)`` and stores that value in ``Meeting.sequence``.
  A change of time or place (or a cancellation) after an invitation already raised
  ``Meeting.sequence`` (services.meetings), so it is not raised twice; any other change (agenda,
  recipients, texts, files) is found by comparing a fingerprint of the content with the one the
  last sending stored (``Invitation.content_digest``).
- A later sending of unchanged content repeats the last one: same SEQUENCE, same notice. Writing
  the .ics and then the .eml of one invitation (two recorded sendings), or writing the files
  again, therefore never tells the recipients "Aktualisiert" when nothing changed.
- An update or cancellation goes to everyone an earlier sending reached plus everyone invited now,
  one entry per e-mail address (the current role wins).
- A cancelled meeting (status "abgesagt") sends ``METHOD:CANCEL`` with ``STATUS:CANCELLED``.
- ``PUBLISH`` (website, shared calendar) and the letter alone are exports, not sendings: they are
  not recorded and use the stored sequence.
- When the notice period (``RulesOfProcedure.notice_period_days``) can no longer be kept, an
  invitation or update is refused unless confirmed (GUI: a question; CLI: ``--force``); so is any
  sending for a meeting that lies in the past. The rule and its boundary are
  ``domain.procedure.sending_finding`` (sending ON the deadline day is in time).
- Nothing is written when a check fails; the files of one sending are written side by side first
  and only then moved into place, after the sending is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    Invitation,
    InvitationRecipient,
    Meeting,
)
from bezag_desktop.domain.codes import MeetingStatus
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.timeutil import BERLIN, utc_now
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.exporters import docx_letter, eml, ics
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings.invitation_plan import (
    Gathered,
    InvitationPlan,
    gather,
    letter_bytes,
)
from bezag_desktop.services.store import operation


@dataclass(frozen=True)
class SendResult:
    """A recorded sending and the files written."""

    invitation_id: int | None
    meeting_id: int
    method: str
    sequence: int
    recipients: int
    files: tuple[Path, ...]
    #: German notes for the user: persons without e-mail address, size of the attachments.
    warnings: tuple[str, ...]
    #: "einladung", "aktualisierung" or "absage"; empty for PUBLISH.
    notice: str = ""


# --- checks -----------------------------------------------------------------------------------------


def _refuse(plan: InvitationPlan, *, confirmed: bool) -> None:
    """Raise with every problem named, before anything is written."""
    if plan.problems:
        if len(plan.problems) == 1:
            raise ValidationError(f"Die Einladung kann nicht erstellt werden: {plan.problems[0]}")
        listing = "\n".join(f"– {p}" for p in plan.problems)
        raise ValidationError(f"Die Einladung kann nicht erstellt werden:\n{listing}")
    if plan.notice_warning and not confirmed:
        raise NoticePeriodError(plan.notice_warning)


class NoticePeriodError(ValidationError):
    """The meeting is inside the notice period; the caller may confirm and send anyway."""

    def __init__(self, warning: str) -> None:
        super().__init__(f"{warning} Bitte bestätigen Sie, dass die Einladung trotzdem erstellt werden soll.")
        self.warning = warning


def _warnings(plan: InvitationPlan, size: int = 0) -> list[str]:
    notes: list[str] = []
    if plan.without_email:
        names = ", ".join(m.name for m in plan.without_email)
        notes.append(f"Ohne (gültige) E-Mail-Adresse, bitte auf anderem Weg einladen: {names}.")
    size_note = eml.size_warning(size)
    if size_note:
        notes.append(size_note)
    if plan.notice_warning:
        notes.append(plan.notice_warning)
    return notes


# --- building ---------------------------------------------------------------------------------------


def _calendar(g: Gathered, method: ics.Method, stamp: datetime) -> bytes:
    return ics.calendar_bytes(g.event, method, dtstamp=stamp)


def _draft(g: Gathered, calendar: bytes, letter: bytes) -> eml.MailDraft:
    plan = g.plan
    attachments = [eml.MailAttachment(plan.letter_filename, data=letter)]
    attachments += [eml.MailAttachment(a.filename, path=Path(a.path)) for a in plan.attachments]
    return eml.MailDraft(
        sender=eml.MailAddress(g.office.email.strip(), g.office.name or "Geschäftsstelle"),
        recipients=tuple(eml.MailAddress(r.email, r.name) for r in plan.recipients),
        subject=plan.subject,
        body=plan.body,
        calendar=calendar,
        method=plan.method,
        attachments=tuple(attachments),
    )


def _record(session: Session, g: Gathered, channel: str, stamp: datetime) -> int:
    plan = g.plan
    meeting = session.get(Meeting, plan.meeting_id)
    assert meeting is not None  # gathered in this very session
    invitation = Invitation(
        meeting_id=meeting.id,
        sent_at=stamp.replace(tzinfo=None),
        sequence=plan.sequence,
        method=plan.method,
        channel=channel,
        notice=plan.notice,
        content_digest=g.fingerprint,
    )
    session.add(invitation)
    session.flush()
    session.add_all(
        InvitationRecipient(
            invitation_id=invitation.id,
            person_id=r.person_id,
            email=r.email,
            name=r.name[:200],
            role=r.ical_role,
        )
        for r in plan.recipients
    )
    meeting.sequence = plan.sequence
    if plan.method == ics.Method.REQUEST.value and meeting.status == MeetingStatus.GEPLANT.value:
        meeting.status = MeetingStatus.EINGELADEN.value
    word = {"einladung": "Einladung", "aktualisierung": "Aktualisierung", "absage": "Absage"}[plan.notice]
    again = ", unverändert erneut" if plan.repeat else ""
    audit(
        session,
        "invitation.send",
        "meeting",
        meeting.id,
        f"{word} „{plan.meeting_title}“ ({plan.method}, Sequenz {plan.sequence}, {channel}{again}) "
        f"an {len(plan.recipients)} Adressen",
    )
    return invitation.id


def _gather_for_sending(session: Session, meeting_id: int, today: date | None, confirmed: bool) -> Gathered:
    g = gather(session, meeting_id, today or berlin_today())
    _refuse(g.plan, confirmed=confirmed)
    return g


@operation
def record_sending(s: Session, meeting_id: int, *, sent_at: datetime, channel: str = "eml") -> int:
    """Record a sending without writing files (an invitation that went out by other means, e.g. the demo's).

    Checked and recorded as ``send_invitation`` would on the day of ``sent_at`` (an aware time):
    same recipients, SEQUENCE, notice and content fingerprint, so a later export of unchanged
    content repeats it instead of announcing a change. Inside the notice period it is refused.
    """
    if sent_at.tzinfo is None:
        raise ValueError("sent_at must carry its time zone")
    g = _gather_for_sending(s, meeting_id, sent_at.astimezone(BERLIN).date(), False)
    return _record(s, g, channel, sent_at.astimezone(UTC))


def _sent(g: Gathered, invitation_id: int, files: tuple[Path, ...], size: int = 0) -> SendResult:
    """The result of a recorded sending: what the plan said, the files written and the notes."""
    return SendResult(
        invitation_id,
        g.plan.meeting_id,
        g.plan.method,
        g.plan.sequence,
        len(g.plan.recipients),
        files,
        tuple(_warnings(g.plan, size)),
        g.plan.notice,
    )


@operation
def send_invitation(
    s: Session,
    meeting_id: int,
    folder: Path,
    *,
    today: date | None = None,
    confirmed: bool = False,
    channel: str = "gui",
) -> SendResult:
    """Write ``<stem>.ics``, ``<stem>.eml`` and ``<stem> Einladung.docx`` into ``folder`` and record the sending.

    Checks first (nothing is written on a problem); inside the notice period ``confirmed`` must be true.
    """
    g = _gather_for_sending(s, meeting_id, today, confirmed)
    stamp = utc_now()
    method = ics.Method(g.plan.method)
    calendar = _calendar(g, method, stamp)
    letter = letter_bytes(g)
    draft = _draft(g, calendar, letter)
    mail = eml.message_bytes(draft)
    folder = Path(folder)
    paths = (
        folder / g.plan.ics_filename,
        folder / g.plan.eml_filename,
        folder / g.plan.letter_filename,
    )
    invitation_id = _record(s, g, channel, stamp)
    ics.write_files_atomic(list(zip(paths, (calendar, mail, letter), strict=True)))
    return _sent(g, invitation_id, paths, eml.attachments_size(draft))


@operation
def export_ics(
    s: Session,
    meeting_id: int,
    path: Path,
    *,
    publish: bool = False,
    today: date | None = None,
    confirmed: bool = False,
) -> SendResult:
    """``bezag export ics``: REQUEST/CANCEL (recorded as a sending) or PUBLISH (not recorded, no attendees)."""
    if publish:
        g = gather(s, meeting_id, today or berlin_today())
        if not g.office.uid_domain.strip():
            raise ValidationError(
                "Die Kalenderdatei kann nicht erstellt werden: In den Einstellungen fehlt die Domäne für "
                "Kalender-Kennungen (UID-Domäne)."
            )
        event = replace(g.event, attendees=(), organizer_email=g.office.email.strip())
        data = ics.calendar_bytes(event, ics.Method.PUBLISH)
        ics.write_bytes_atomic(Path(path), data)
        return SendResult(None, meeting_id, ics.Method.PUBLISH.value, g.event.sequence, 0, (Path(path),), ())
    g = _gather_for_sending(s, meeting_id, today, confirmed)
    stamp = utc_now()
    data = _calendar(g, ics.Method(g.plan.method), stamp)
    invitation_id = _record(s, g, "ics", stamp)
    ics.write_bytes_atomic(Path(path), data)
    return _sent(g, invitation_id, (Path(path),))


@operation
def export_eml(
    s: Session, meeting_id: int, path: Path, *, today: date | None = None, confirmed: bool = False
) -> SendResult:
    """``bezag export eml``: the Outlook draft with calendar, letter and the agenda's files; recorded."""
    g = _gather_for_sending(s, meeting_id, today, confirmed)
    stamp = utc_now()
    calendar = _calendar(g, ics.Method(g.plan.method), stamp)
    draft = _draft(g, calendar, letter_bytes(g))
    invitation_id = _record(s, g, "eml", stamp)
    result = eml.write_eml(Path(path), draft)
    return _sent(g, invitation_id, (Path(path),), result.attachments_size)


@operation
def export_letter(s: Session, meeting_id: int, path: Path, *, today: date | None = None) -> Path:
    """``bezag export invitation``: the letter alone (not a sending, nothing recorded)."""
    g = gather(s, meeting_id, today or berlin_today())
    return docx_letter.write_letter(Path(path), g.content, g.office.invitation_template or None)


@dataclass(frozen=True)
class SendingRow:
    """One recorded sending, for the meeting's history."""

    id: int
    sent_at: datetime
    sequence: int
    method: str
    channel: str
    recipients: int


@operation
def list_sendings(s: Session, meeting_id: int) -> list[SendingRow]:
    """The meeting's recorded sendings, oldest first (one query)."""
    rows = s.execute(
        select(Invitation, func.count(InvitationRecipient.id))
        .outerjoin(InvitationRecipient, InvitationRecipient.invitation_id == Invitation.id)
        .where(Invitation.meeting_id == meeting_id)
        .group_by(Invitation.id)
        .order_by(Invitation.id)
    ).all()
    return [SendingRow(i.id, i.sent_at, i.sequence, i.method, i.channel, n) for i, n in rows]
