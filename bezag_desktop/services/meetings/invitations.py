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

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import (
    AgendaAttachment,
    AgendaItem,
    Committee,
    Invitation,
    InvitationRecipient,
    Meeting,
    Person,
)
from bezag_desktop.domain import procedure
from bezag_desktop.domain.codes import ChairSide, MeetingKind, MeetingStatus
from bezag_desktop.domain.errors import NotFoundError, UserError, ValidationError
from bezag_desktop.domain.findings import Finding
from bezag_desktop.domain.procedure import MeetingFacts
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.domain.timeutil import BERLIN, utc_now
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.exporters import docx_letter, eml, ics
from bezag_desktop.exporters.invitation import (
    AgendaLine,
    InvitationContent,
    Notice,
    Signatory,
    calendar_description,
    letter_subject,
    location_text,
    mail_body,
    safe_filename,
    subject,
    summary,
)
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings.invitees import invitation_list
from bezag_desktop.services.representation.chairs import current_chairs
from bezag_desktop.services.settings import is_valid_email, office_in, rules_in
from bezag_desktop.services.store import Store, operation

#: iCalendar ROLE -> the German word the preview shows.
ROLE_LABELS = {
    ics.Role.CHAIR.value: "Vorsitz",
    ics.Role.REQ_PARTICIPANT.value: "Teilnahme erforderlich",
    ics.Role.OPT_PARTICIPANT.value: "Teilnahme freiwillig",
}
_ROLE_RANK = {ics.Role.CHAIR.value: 0, ics.Role.REQ_PARTICIPANT.value: 1, ics.Role.OPT_PARTICIPANT.value: 2}
_HELD = {
    MeetingStatus.DURCHGEFUEHRT.value,
    MeetingStatus.PROTOKOLL_ENTWURF.value,
    MeetingStatus.PROTOKOLL_GENEHMIGT.value,
}


@dataclass(frozen=True)
class RecipientRow:
    """One address the invitation goes to."""

    person_id: int | None
    name: str
    email: str
    #: iCalendar ROLE: CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT.
    ical_role: str
    #: German: Vorsitz, Mitglied, Stellvertretung, Gast; "frühere Sendung" for earlier recipients.
    role_label: str
    organisation: str
    #: Reached by an earlier sending but no longer on the invitation list.
    earlier_only: bool = False


@dataclass(frozen=True)
class MissingAddress:
    """An invited person the invitation cannot reach (no or no valid e-mail address)."""

    person_id: int
    name: str
    role_label: str
    organisation: str
    email: str = ""


@dataclass(frozen=True)
class AttachmentInfo:
    label: str
    path: str
    filename: str
    size: int
    exists: bool


@dataclass(frozen=True)
class InvitationPlan:
    """What a sending would do: the preview of the dialog and the basis of every export."""

    meeting_id: int
    meeting_title: str
    committee: str
    start: datetime
    status: str
    notice: str
    method: str
    #: The SEQUENCE this sending would carry.
    sequence: int
    uid: str
    recipients: tuple[RecipientRow, ...]
    without_email: tuple[MissingAddress, ...]
    subject: str
    body: str
    summary: str
    description: str
    location: str
    letter_subject: str
    attachments: tuple[AttachmentInfo, ...]
    #: German reasons why nothing can be sent (missing organizer, recipients, domain, files).
    problems: tuple[str, ...]
    #: German warning when the notice period can no longer be kept (or the meeting is past): needs
    #: confirmation. It is the text of ``notice_finding`` then.
    notice_warning: str | None
    #: Earlier recorded sendings of this meeting.
    previous_sendings: int
    #: File name stem for ``<stem>.ics`` / ``.eml`` / ``Einladung.docx``.
    file_stem: str
    #: Nothing changed since the last sending: this one repeats it (same SEQUENCE and notice).
    repeat: bool = False
    #: What the notice-period rule says about this sending (shown in the dialog), also when it is
    #: still in time ("muss bis heute hinausgehen"); the same finding as ``bezag check``'s.
    notice_finding: Finding | None = None

    @property
    def letter_filename(self) -> str:
        word = "Absage" if self.notice == Notice.ABSAGE.value else "Einladung"
        return f"{self.file_stem} {word}.docx"

    @property
    def ics_filename(self) -> str:
        return f"{self.file_stem}.ics"

    @property
    def eml_filename(self) -> str:
        return f"{self.file_stem}.eml"

    @property
    def notice_label(self) -> str:
        return Notice(self.notice).subject_prefix


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


@dataclass(frozen=True)
class _Gathered:
    plan: InvitationPlan
    content: InvitationContent
    event: ics.CalendarEvent
    office: OfficeDetails
    #: Digest of the content (see ``_fingerprint``), stored with the sending.
    fingerprint: str = ""


# --- gathering ------------------------------------------------------------------------------------


def _agenda(session: Session, meeting_id: int) -> tuple[list[AgendaLine], list[AttachmentInfo]]:
    """The numbered agenda in order (main items, each followed by its sub-items) and its files: two queries."""
    presenter = aliased(Person)
    rows = session.execute(
        select(AgendaItem, presenter)
        .outerjoin(presenter, presenter.id == AgendaItem.presenter_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    children: dict[int | None, list[tuple[AgendaItem, Person | None]]] = {}
    for item, person in rows:
        children.setdefault(item.parent_id, []).append((item, person))
    lines: list[AgendaLine] = []
    ordered_ids: list[int] = []

    def walk(parent: int | None, depth: int) -> None:
        for item, person in children.get(parent, []):
            who = item.presenter.strip() or (person.display_name if person is not None else "")
            lines.append(AgendaLine(item.number or str(len(lines) + 1), item.title, who, depth))
            ordered_ids.append(item.id)
            walk(item.id, depth + 1)

    walk(None, 0)
    files = session.execute(
        select(AgendaAttachment).join(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
    ).scalars()
    by_item: dict[int, list[AgendaAttachment]] = {}
    for f in files:
        by_item.setdefault(f.agenda_item_id, []).append(f)
    infos: list[AttachmentInfo] = []
    used: set[str] = set()
    for item_id in ordered_ids:
        for f in sorted(by_item.get(item_id, []), key=lambda a: a.id):
            path = Path(f.path).expanduser()
            name = safe_filename(path.stem) + path.suffix if path.name else "Anlage"
            base, suffix, n = Path(name).stem, Path(name).suffix, 2
            while name.casefold() in used:
                name = f"{base} ({n}){suffix}"
                n += 1
            used.add(name.casefold())
            exists = path.is_file()
            infos.append(
                AttachmentInfo(f.label or path.name, str(path), name, path.stat().st_size if exists else 0, exists)
            )
    return lines, infos


def _recipients(session: Session, meeting_id: int, earlier: bool) -> tuple[list[RecipientRow], list[MissingAddress]]:
    listing = invitation_list(session, meeting_id)
    rows: dict[str, RecipientRow] = {}
    missing: list[MissingAddress] = []
    for inv in listing.without_email:
        missing.append(MissingAddress(inv.person_id, inv.name, inv.role_label, inv.body or inv.partner))
    for inv in listing.invitees:
        organisation = inv.body or inv.partner
        if not is_valid_email(inv.email):
            missing.append(MissingAddress(inv.person_id, inv.name, inv.role_label, organisation, inv.email))
            continue
        row = RecipientRow(inv.person_id, inv.name, inv.email.strip(), inv.ical_role, inv.role_label, organisation)
        key = row.email.casefold()
        if key not in rows or _ROLE_RANK[row.ical_role] < _ROLE_RANK[rows[key].ical_role]:
            rows[key] = row
    result = list(rows.values())
    if earlier:
        stored = session.execute(
            select(InvitationRecipient)
            .join(Invitation, Invitation.id == InvitationRecipient.invitation_id)
            .where(Invitation.meeting_id == meeting_id)
            .order_by(Invitation.id.desc(), InvitationRecipient.id)
        ).scalars()
        for r in stored:
            key = r.email.strip().casefold()
            if key in rows or not is_valid_email(r.email):
                continue
            role = r.role if r.role in _ROLE_RANK else ics.Role.OPT_PARTICIPANT.value
            rows[key] = RecipientRow(r.person_id, r.name, r.email.strip(), role, "frühere Sendung", "", True)
            result.append(rows[key])
    return result, missing


def _notice_check(
    meeting: Meeting, committee: str, title: str, today: date, notice_days: int, notice: Notice, *, repeat: bool
) -> Finding | None:
    """The notice-period finding of this sending (``domain.procedure``: the one rule for every surface)."""
    facts = MeetingFacts(meeting.id, meeting.committee_id, committee, title, meeting.start, meeting.end, meeting.status)
    # a cancellation is never too late, and a repeat was confirmed when it first went out
    return procedure.sending_finding(
        facts,
        today,
        notice_days,
        update=notice is Notice.AKTUALISIERUNG,
        unconditional=notice is Notice.ABSAGE or repeat,
    )


def _kind_label(kind: str) -> str:
    if kind == MeetingKind.ORDENTLICH.value:
        return ""
    return {"konstituierend": "konstituierende Sitzung", "ausserordentlich": "außerordentliche Sitzung"}.get(kind, "")


def _last_sent(session: Session, meeting: Meeting) -> dict[str, Any]:
    """What the last recorded sending carried: ``{"sequence", "notice", "fingerprint"}`` (empty if none)."""
    last = session.scalars(
        select(Invitation).where(Invitation.meeting_id == meeting.id).order_by(Invitation.id.desc()).limit(1)
    ).first()
    if last is None:
        return {}
    return {"sequence": last.sequence, "notice": last.notice, "fingerprint": last.content_digest}


def _fingerprint(
    event: ics.CalendarEvent,
    method: str,
    attachments: list[AttachmentInfo],
    signatories: tuple[Signatory, ...],
) -> str:
    """A digest of everything a sending says, apart from SEQUENCE, DTSTAMP and the letter's date."""
    data = {
        "method": method,
        "uid": event.uid,
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "summary": event.summary,
        "description": event.description,
        "location": event.location,
        "url": event.url,
        "organizer": [event.organizer_email.casefold(), event.organizer_name],
        "attendees": sorted([a.email.casefold(), a.role, a.name] for a in event.attendees),
        "attachments": [[a.filename, a.size] for a in attachments],
        "signatories": [[s.name, s.function] for s in signatories],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _gather(session: Session, meeting_id: int, today: date) -> _Gathered:
    """Everything the next sending would carry.

    The notice and the SEQUENCE follow the module's rules: the first sending is the invitation;
    a sending after any change is an update with a higher SEQUENCE; a sending of unchanged
    content repeats the last one (same SEQUENCE, same notice), so writing the .ics and the .eml
    one after the other, or writing the files again, does not turn into a false "Aktualisiert".
    """
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"Die Sitzung Nr. {meeting_id} gibt es nicht.")
    committee = session.get(Committee, meeting.committee_id)
    committee_name = committee.name if committee is not None else ""
    short = (committee.short_name or committee.name) if committee is not None else ""
    office = office_in(session)
    rules = rules_in(session)
    title = meeting.title or f"{meeting.number}. Sitzung {meeting.year}"

    previous = session.execute(
        select(func.count(Invitation.id), func.max(Invitation.sequence)).where(Invitation.meeting_id == meeting_id)
    ).one()
    count = int(previous[0] or 0)
    last_sequence: int | None = previous[1]
    cancelled = meeting.status == MeetingStatus.ABGESAGT.value
    first_notice = Notice.ABSAGE if cancelled else Notice.EINLADUNG
    stored = meeting.sequence or 0

    agenda, attachments = _agenda(session, meeting_id)
    chairs = current_chairs(session, today)
    signatories = tuple(Signatory(c.person, ChairSide(c.side).label) for c in chairs)
    content = InvitationContent(
        committee=committee_name,
        meeting_title=title,
        start=meeting.start,
        end=meeting.end,
        location_name=meeting.location_name,
        location_address=meeting.location_address,
        location_room=meeting.location_room,
        online_url=meeting.online_url,
        travel_notes=meeting.travel_notes,
        rsvp_date=meeting.rsvp_date,
        agenda=tuple(agenda),
        office=office,
        signatories=signatories,
        letter_date=today,
        notice=first_notice,
        kind_label=_kind_label(meeting.kind),
    )
    recipients, missing = _recipients(session, meeting_id, earlier=count > 0)

    uid = f"{meeting.uid}@{office.uid_domain.strip()}" if office.uid_domain.strip() else meeting.uid
    # the calendar's fields do not depend on the notice (only on the cancellation), so the
    # fingerprint can be taken before the notice is known
    event = ics.CalendarEvent(
        uid=uid,
        sequence=stored,
        start=meeting.start,
        end=meeting.end,
        summary=summary(content),
        organizer_email=office.email.strip(),
        organizer_name=office.name or "Geschäftsstelle",
        description=calendar_description(content),
        location=location_text(content),
        url=meeting.online_url.strip(),
        attendees=tuple(ics.Attendee(r.email, r.name, r.ical_role) for r in recipients),
        cancelled=cancelled,
    )
    fingerprint = _fingerprint(event, first_notice.method, attachments, signatories)

    repeat = False
    if last_sequence is None:
        notice, sequence = first_notice, stored
    else:
        last = _last_sent(session, meeting)
        repeat = (
            last.get("sequence") == last_sequence
            and last.get("fingerprint") == fingerprint
            and stored <= last_sequence
            and last.get("notice") in {n.value for n in Notice}
        )
        if repeat:
            notice, sequence = Notice(last["notice"]), last_sequence
        else:
            notice = Notice.ABSAGE if cancelled else Notice.AKTUALISIERUNG
            sequence = max(stored, last_sequence + 1)
    content = replace(content, notice=notice)
    event = replace(event, sequence=sequence)

    problems: list[str] = []
    if meeting.status in _HELD:
        problems.append(
            f"Die Sitzung hat bereits stattgefunden (Status „{MeetingStatus(meeting.status).label}“); "
            "eine Einladung ist nicht mehr möglich."
        )
    if not office.email.strip():
        problems.append(
            "In den Einstellungen fehlt die E-Mail-Adresse der Geschäftsstelle (Organisator der Einladung)."
        )
    elif not is_valid_email(office.email):
        problems.append(f"Die E-Mail-Adresse der Geschäftsstelle „{office.email}“ ist ungültig.")
    if not office.uid_domain.strip():
        problems.append("In den Einstellungen fehlt die Domäne für Kalender-Kennungen (UID-Domäne).")
    if not recipients:
        problems.append("Keine eingeladene Person hat eine E-Mail-Adresse.")
    for a in attachments:
        if not a.exists:
            problems.append(f"Die Anlage „{a.label}“ wurde nicht gefunden: {a.path}")

    finding = _notice_check(meeting, committee_name, title, today, rules.notice_period_days, notice, repeat=repeat)

    plan = InvitationPlan(
        meeting_id=meeting.id,
        meeting_title=title,
        committee=committee_name,
        start=meeting.start,
        status=meeting.status,
        notice=notice.value,
        method=notice.method,
        sequence=sequence,
        uid=uid,
        recipients=tuple(recipients),
        without_email=tuple(missing),
        subject=subject(content),
        body=mail_body(content),
        summary=summary(content),
        description=calendar_description(content),
        location=location_text(content),
        letter_subject=letter_subject(content),
        attachments=tuple(attachments),
        problems=tuple(problems),
        notice_warning=finding.text if procedure.needs_confirmation(finding) else None,
        notice_finding=finding,
        previous_sendings=count,
        file_stem=safe_filename(f"{short} {title}" if short else title),
        repeat=repeat,
    )
    return _Gathered(plan, content, event, office, fingerprint)


def plan_in(session: Session, meeting_id: int, today: date | None = None) -> InvitationPlan:
    """The preview. The letter is built once on trial, so a broken template or logo from the
    settings shows up as a problem before anything is written (not only when writing fails)."""
    g = _gather(session, meeting_id, today or berlin_today())
    try:
        _letter(g)
    except UserError as exc:
        return replace(g.plan, problems=(*g.plan.problems, exc.message))
    return g.plan


def plan_invitation(store: Store, meeting_id: int, today: date | None = None) -> InvitationPlan:
    """The preview: recipients, persons without address, texts, sequence, problems, warnings (read only)."""
    with store.session() as s:
        return plan_in(s, meeting_id, today)


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


def _calendar(g: _Gathered, method: ics.Method, stamp: datetime) -> bytes:
    return ics.calendar_bytes(g.event, method, dtstamp=stamp)


def _letter(g: _Gathered) -> bytes:
    return docx_letter.letter_bytes(g.content, g.office.invitation_template or None)


def _draft(g: _Gathered, calendar: bytes, letter: bytes) -> eml.MailDraft:
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


def _record(session: Session, g: _Gathered, channel: str, stamp: datetime) -> int:
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


def _gather_for_sending(session: Session, meeting_id: int, today: date | None, confirmed: bool) -> _Gathered:
    g = _gather(session, meeting_id, today or berlin_today())
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


def send_invitation(
    store: Store,
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
    with store.session() as s:
        g = _gather_for_sending(s, meeting_id, today, confirmed)
        stamp = utc_now()
        method = ics.Method(g.plan.method)
        calendar = _calendar(g, method, stamp)
        letter = _letter(g)
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
        return SendResult(
            invitation_id,
            meeting_id,
            g.plan.method,
            g.plan.sequence,
            len(g.plan.recipients),
            paths,
            tuple(_warnings(g.plan, eml.attachments_size(draft))),
            g.plan.notice,
        )


def export_ics(
    store: Store,
    meeting_id: int,
    path: Path,
    *,
    publish: bool = False,
    today: date | None = None,
    confirmed: bool = False,
) -> SendResult:
    """``bezag export ics``: REQUEST/CANCEL (recorded as a sending) or PUBLISH (not recorded, no attendees)."""
    with store.session() as s:
        if publish:
            g = _gather(s, meeting_id, today or berlin_today())
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
        return SendResult(
            invitation_id,
            meeting_id,
            g.plan.method,
            g.plan.sequence,
            len(g.plan.recipients),
            (Path(path),),
            tuple(_warnings(g.plan)),
            g.plan.notice,
        )


def export_eml(
    store: Store, meeting_id: int, path: Path, *, today: date | None = None, confirmed: bool = False
) -> SendResult:
    """``bezag export eml``: the Outlook draft with calendar, letter and the agenda's files; recorded."""
    with store.session() as s:
        g = _gather_for_sending(s, meeting_id, today, confirmed)
        stamp = utc_now()
        calendar = _calendar(g, ics.Method(g.plan.method), stamp)
        draft = _draft(g, calendar, _letter(g))
        invitation_id = _record(s, g, "eml", stamp)
        result = eml.write_eml(Path(path), draft)
        return SendResult(
            invitation_id,
            meeting_id,
            g.plan.method,
            g.plan.sequence,
            len(g.plan.recipients),
            (Path(path),),
            tuple(_warnings(g.plan, result.attachments_size)),
            g.plan.notice,
        )


def export_letter(store: Store, meeting_id: int, path: Path, *, today: date | None = None) -> Path:
    """``bezag export invitation``: the letter alone (not a sending, nothing recorded)."""
    with store.session() as s:
        g = _gather(s, meeting_id, today or berlin_today())
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


def list_sendings(store: Store, meeting_id: int) -> list[SendingRow]:
    """The meeting's recorded sendings, oldest first (one query)."""
    with store.session() as s:
        rows = s.execute(
            select(Invitation, func.count(InvitationRecipient.id))
            .outerjoin(InvitationRecipient, InvitationRecipient.invitation_id == Invitation.id)
            .where(Invitation.meeting_id == meeting_id)
            .group_by(Invitation.id)
            .order_by(Invitation.id)
        ).all()
        return [SendingRow(i.id, i.sent_at, i.sequence, i.method, i.channel, n) for i, n in rows]


def role_label(ical_role: str) -> str:
    return ROLE_LABELS.get(ical_role, ical_role)
