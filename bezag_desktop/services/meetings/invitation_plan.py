"""The invitation of a meeting as it would go out next: recipients, texts, SEQUENCE and notice,
problems and the notice-period finding (``plan_invitation``, read only), and the gathered data the
sending in ``invitations`` writes and records. The rules of what goes out are in ``invitations``'s
docstring.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
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
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import ChairSide, MeetingKind, MeetingStatus
from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.findings import Finding
from bezag_desktop.domain.procedure import MeetingFacts
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.exporters import docx_letter, ics
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
from bezag_desktop.services.meetings.core import HELD, VENUE_FIELDS
from bezag_desktop.services.meetings.invitees import invitation_list
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.representation.chairs import current_chairs
from bezag_desktop.services.settings import is_valid_email, office_in, rules_in
from bezag_desktop.services.store import operation

#: iCalendar ROLE -> the German word the preview shows.
ROLE_LABELS = {
    ics.Role.CHAIR.value: "Vorsitz",
    ics.Role.REQ_PARTICIPANT.value: "Teilnahme erforderlich",
    ics.Role.OPT_PARTICIPANT.value: "Teilnahme freiwillig",
}
_ROLE_RANK = {ics.Role.CHAIR.value: 0, ics.Role.REQ_PARTICIPANT.value: 1, ics.Role.OPT_PARTICIPANT.value: 2}


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
class Gathered:
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


def _notice_and_sequence(
    session: Session, meeting: Meeting, last_sequence: int | None, fingerprint: str
) -> tuple[Notice, int, bool]:
    """(notice, SEQUENCE, repeat) of the next sending: the first is the invitation (or the
    cancellation) with the stored sequence; unchanged content repeats the last sending; any change
    is an update (or the cancellation) above both the stored and the last sent sequence."""
    cancelled = meeting.status == MeetingStatus.ABGESAGT.value
    stored = meeting.sequence or 0
    if last_sequence is None:
        return (Notice.ABSAGE if cancelled else Notice.EINLADUNG), stored, False
    last = _last_sent(session, meeting)
    repeat = (
        last.get("sequence") == last_sequence
        and last.get("fingerprint") == fingerprint
        and stored <= last_sequence
        and last.get("notice") in {n.value for n in Notice}
    )
    if repeat:
        return Notice(last["notice"]), last_sequence, True
    return (Notice.ABSAGE if cancelled else Notice.AKTUALISIERUNG), max(stored, last_sequence + 1), False


def _problems(
    meeting: Meeting, office: OfficeDetails, recipients: list[RecipientRow], attachments: list[AttachmentInfo]
) -> tuple[str, ...]:
    """Why nothing can be sent (German), in the order the user can fix them."""
    problems: list[str] = []
    if meeting.status in HELD:
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
    return tuple(problems)


def _content(
    session: Session, meeting: Meeting, committee: str, title: str, office: OfficeDetails, today: date
) -> tuple[InvitationContent, list[AttachmentInfo], tuple[Signatory, ...]]:
    """The texts of the invitation (first notice; the caller sets the real one), its files and signatories."""
    cancelled = meeting.status == MeetingStatus.ABGESAGT.value
    first_notice = Notice.ABSAGE if cancelled else Notice.EINLADUNG
    agenda, attachments = _agenda(session, meeting.id)
    chairs = current_chairs(session, today)
    signatories = tuple(Signatory(c.person, ChairSide(c.side).label) for c in chairs)
    content = from_attrs(
        InvitationContent,
        meeting,
        *VENUE_FIELDS,
        "start",
        "end",
        "rsvp_date",
        committee=committee,
        meeting_title=title,
        agenda=tuple(agenda),
        office=office,
        signatories=signatories,
        letter_date=today,
        notice=first_notice,
        kind_label=_kind_label(meeting.kind),
    )
    return content, attachments, signatories


def _event(
    meeting: Meeting, office: OfficeDetails, content: InvitationContent, recipients: list[RecipientRow]
) -> ics.CalendarEvent:
    """The calendar entry with the stored sequence; its fields do not depend on the notice (only on
    the cancellation), so the fingerprint can be taken before the notice is known."""
    uid = f"{meeting.uid}@{office.uid_domain.strip()}" if office.uid_domain.strip() else meeting.uid
    return ics.CalendarEvent(
        uid=uid,
        sequence=meeting.sequence or 0,
        start=meeting.start,
        end=meeting.end,
        summary=summary(content),
        organizer_email=office.email.strip(),
        organizer_name=office.name or "Geschäftsstelle",
        description=calendar_description(content),
        location=location_text(content),
        url=meeting.online_url.strip(),
        attendees=tuple(ics.Attendee(r.email, r.name, r.ical_role) for r in recipients),
        cancelled=meeting.status == MeetingStatus.ABGESAGT.value,
    )


def gather(session: Session, meeting_id: int, today: date) -> Gathered:
    """Everything the next sending would carry.

    The notice and the SEQUENCE follow the module's rules: the first sending is the invitation;
    a sending after any change is an update with a higher SEQUENCE; a sending of unchanged
    content repeats the last one (same SEQUENCE, same notice), so writing the .ics and the .eml
    one after the other, or writing the files again, does not turn into a false "Aktualisiert".
    """
    meeting = get_or_raise(session, Meeting, meeting_id)
    committee = session.get(Committee, meeting.committee_id)
    committee_name = committee.name if committee is not None else ""
    short = (committee.short_name or committee.name) if committee is not None else ""
    office = office_in(session)
    rules = rules_in(session)
    title = meeting.display_title

    previous = session.execute(
        select(func.count(Invitation.id), func.max(Invitation.sequence)).where(Invitation.meeting_id == meeting_id)
    ).one()
    count = int(previous[0] or 0)
    last_sequence: int | None = previous[1]
    content, attachments, signatories = _content(session, meeting, committee_name, title, office, today)
    recipients, missing = _recipients(session, meeting_id, earlier=count > 0)

    event = _event(meeting, office, content, recipients)
    uid = event.uid
    fingerprint = _fingerprint(event, content.notice.method, attachments, signatories)

    notice, sequence, repeat = _notice_and_sequence(session, meeting, last_sequence, fingerprint)
    content = replace(content, notice=notice)
    event = replace(event, sequence=sequence)

    problems = _problems(meeting, office, recipients, attachments)

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
        problems=problems,
        notice_warning=finding.text if procedure.needs_confirmation(finding) else None,
        notice_finding=finding,
        previous_sendings=count,
        file_stem=safe_filename(f"{short} {title}" if short else title),
        repeat=repeat,
    )
    return Gathered(plan, content, event, office, fingerprint)


@operation
def plan_invitation(session: Session, meeting_id: int, today: date | None = None) -> InvitationPlan:
    """The preview: recipients, persons without address, texts, sequence, problems, warnings (read
    only). The letter is built once on trial, so a broken template or logo from the
    settings shows up as a problem before anything is written (not only when writing fails)."""
    g = gather(session, meeting_id, today or berlin_today())
    try:
        letter_bytes(g)
    except UserError as exc:
        return replace(g.plan, problems=(*g.plan.problems, exc.message))
    return g.plan


def letter_bytes(g: Gathered) -> bytes:
    """The letter as DOCX bytes (the office's template, or the bundled one)."""
    return docx_letter.letter_bytes(g.content, g.office.invitation_template or None)


def role_label(ical_role: str) -> str:
    return ROLE_LABELS.get(ical_role, ical_role)
