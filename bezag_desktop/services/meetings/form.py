"""The meeting editor's whole form, saved by one operation in one transaction.

``save_meeting_form`` takes what the editor shows (details, status, the agenda items' fields and
their minutes content, replies, attendance) and owns every rule the dialog used to enforce itself:
a meeting is either moved or cancelled, never both in one save; status changes follow
``check_status_change``; the calendar sequence rises at most once per save; numbering and audit as
the single operations do. Everything that can be checked without writing is checked first; a
refusal is one German ``ValidationError`` and nothing of the form is written.

Only what differs from the database is written, so an unchanged item, reply or attendance row is
not touched (no audit entry, no refusal because its meeting was cancelled meanwhile).
Structural agenda changes (add, delete, move, attach) stay separate immediate operations
(``services.meetings.agenda``): they change which items exist, the form edits the existing ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import AgendaItem, Attendance, Meeting
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import AttendanceStatus, MeetingStatus
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.rules import PRESENT, AttendanceFact, Quorum, represented_bodies
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.services.meetings import agenda, attendance
from bezag_desktop.services.meetings import operations as ops
from bezag_desktop.services.meetings.agenda import AgendaItemInput, MinutesInput
from bezag_desktop.services.meetings.core import refuse_if_cancelled
from bezag_desktop.services.meetings.operations import MeetingInput, SaveResult
from bezag_desktop.services.meetings.queries import AttendanceRow, MeetingDetail, reply_summary
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.store import operation

__all__ = [
    "AgendaItemEdit",
    "AgendaItemInput",
    "AttendanceEdit",
    "MeetingForm",
    "MeetingInput",
    "MinutesInput",
    "ReplyEdit",
    "SaveResult",
    "check_meeting_form",
    "details_of",
    "ordered_attendance",
    "preview_attendance",
    "save_meeting_form",
]


@dataclass(frozen=True)
class AgendaItemEdit:
    """One existing agenda item as the editor shows it.

    ``item`` (Tagesordnung tab: title, kind, presenter, duration, public, description) and
    ``minutes`` (Niederschrift tab: Aussprache, resolution, votes, einstimmig, result) are each
    optional: ``None`` leaves that part as stored.
    """

    item_id: int
    item: AgendaItemInput | None = None
    minutes: MinutesInput | None = None


@dataclass(frozen=True)
class ReplyEdit:
    """The reply before the meeting of one attendance row: ``offen``, ``zugesagt``, ``abgesagt``."""

    attendance_id: int
    reply: str


@dataclass(frozen=True)
class AttendanceEdit:
    """Status at the meeting (None = not recorded yet), stand-in and times of one attendance row.

    ``status="vertreten"`` needs ``stood_in_by_id`` (a deputy of the same body); a newly recorded
    stand-in marks the deputy present when ``deputy_present`` (False: a member declined before the
    meeting and the deputy is only named). Leaving ``vertreten`` for another status clears the stand-in.
    """

    attendance_id: int
    status: str | None
    stood_in_by_id: int | None = None
    arrival: time | None = None
    departure: time | None = None
    deputy_present: bool = True


@dataclass(frozen=True)
class MeetingForm:
    """Everything the meeting editor saves at once.

    ``meeting_id=None`` creates the meeting (then ``items``, ``replies`` and ``attendance`` must be
    empty; ``standard_agenda`` as in ``create_meeting``). ``status=None`` keeps the stored status;
    ``"abgesagt"`` cancels (refused when time or place change in the same save).
    """

    meeting_id: int | None
    details: MeetingInput
    status: str | None = None
    items: tuple[AgendaItemEdit, ...] = ()
    replies: tuple[ReplyEdit, ...] = ()
    attendance: tuple[AttendanceEdit, ...] = ()
    standard_agenda: bool | None = None


def details_of(detail: MeetingDetail) -> MeetingInput:
    """The stored details as the Allgemein tab shows them (saved unchanged, they change nothing)."""
    return from_attrs(MeetingInput, detail)


#: One planned write (an operation, its arguments after the session, its keywords); run after every
#: check has passed. Kept as data rather than closures so the plan is easy to read in a debugger.
_Step = tuple[Callable[..., object], tuple[object, ...], dict[str, object]]


def _check_parts(form: MeetingForm) -> None:
    """The checks that need no database: codes, times of day, vote counts, stand-in named."""
    if form.status is not None:
        ops.check_status_code(form.status)
    for edit in form.items:
        if edit.minutes is not None:
            agenda.check_minutes(edit.minutes)
    for reply in form.replies:
        attendance.check_reply(reply.reply)
    for row in form.attendance:
        attendance.check_status(row.status)
        attendance.check_times_of_day(row.arrival, row.departure)
        if row.status == AttendanceStatus.VERTRETEN.value and row.stood_in_by_id is None:
            raise ValidationError("Bitte angeben, wer vertritt („Vertreten durch …“).", field="stood_in_by")


def _item_differs(item: AgendaItem, data: AgendaItemInput) -> bool:
    return (
        data.title.strip(),
        data.kind,
        data.presenter.strip(),
        data.presenter_id,
        data.planned_minutes,
        data.public,
        data.description,
    ) != (item.title, item.kind, item.presenter, item.presenter_id, item.planned_minutes, item.public, item.description)


def _minutes_differ(item: AgendaItem, data: MinutesInput) -> bool:
    return (
        data.notes,
        data.resolution_text,
        data.votes_yes,
        data.votes_no,
        data.votes_abstain,
        data.unanimous,
        data.result,
    ) != (
        item.notes,
        item.resolution_text,
        item.votes_yes,
        item.votes_no,
        item.votes_abstain,
        item.unanimous,
        item.result,
    )


def _plan_items(s: Session, meeting: Meeting, edits: tuple[AgendaItemEdit, ...]) -> tuple[list[_Step], list[_Step]]:
    """The item writes and the minutes writes for the items whose fields differ from the database."""
    stored = {i.id: i for i in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))}
    item_steps: list[_Step] = []
    minutes_steps: list[_Step] = []
    for edit in edits:
        item = stored.get(edit.item_id)
        if item is None:
            raise NotFoundError(f"Den Tagesordnungspunkt Nr. {edit.item_id} gibt es in dieser Sitzung nicht (mehr).")
        if edit.item is not None and _item_differs(item, edit.item):
            agenda.validate_item(s, edit.item)
            item_steps.append((agenda.update_item, (item.id, edit.item), {}))
        if edit.minutes is not None and _minutes_differ(item, edit.minutes):
            refuse_if_cancelled(meeting, "eine Niederschrift")
            minutes_steps.append((agenda.record_minutes, (item.id, edit.minutes), {}))
    return item_steps, minutes_steps


def _plan_attendance(s: Session, meeting: Meeting, form: MeetingForm) -> list[_Step]:
    """Reply, status, stand-in and time writes for the rows that differ, compared with the rows as
    loaded before any write (a stand-in marks its deputy present: the deputy's own unchanged row
    in the form must not undo that)."""
    rows = {a.id: a for a in s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))}

    def row_of(attendance_id: int) -> Attendance:
        row = rows.get(attendance_id)
        if row is None:
            raise NotFoundError(
                f"Den Eintrag Nr. {attendance_id} der Anwesenheitsliste gibt es in dieser Sitzung nicht (mehr)."
            )
        return row

    steps: list[_Step] = []
    for reply in form.replies:
        if row_of(reply.attendance_id).reply != reply.reply:
            steps.append((attendance.set_reply, (reply.attendance_id, reply.reply), {}))
    for edit in form.attendance:
        row = row_of(edit.attendance_id)
        if edit.status == AttendanceStatus.VERTRETEN.value and edit.stood_in_by_id is not None:
            if (row.status, row.stood_in_by_id) != (edit.status, edit.stood_in_by_id):
                steps.append(
                    (
                        attendance.record_stand_in,
                        (row.id, edit.stood_in_by_id),
                        {"mark_present": edit.deputy_present},
                    )
                )
        elif row.status != edit.status:
            steps.append((attendance.set_status, (row.id, edit.status), {}))
        if (row.arrival, row.departure) != (edit.arrival, edit.departure):
            steps.append((attendance.set_times, (row.id, edit.arrival, edit.departure), {}))
    return steps


def _plan_status(meeting: Meeting, form: MeetingForm, today: date) -> str | None:
    """The status to set (None: unchanged), checked against the workflow and the moved-or-cancelled rule."""
    wanted = form.status
    if wanted is None or wanted == meeting.status:
        return None
    if wanted == MeetingStatus.ABGESAGT.value:
        ops.check_cancel(meeting)
        ops.refuse_move_and_cancel(meeting, form.details)
    else:
        ops.check_status_change(meeting.status, wanted, form.details.start, today, label=meeting.label)
    return wanted


def _create(s: Session, form: MeetingForm) -> SaveResult:
    if form.items or form.replies or form.attendance:
        raise ValidationError("Eine neue Sitzung hat noch keine Tagesordnung und keine Anwesenheitsliste.")
    if form.status not in (None, MeetingStatus.GEPLANT.value):
        raise ValidationError(
            "Eine neue Sitzung wird mit dem Status „geplant“ angelegt; der Status folgt mit der Einladung.",
            field="status",
        )
    meeting_id = ops.create_meeting(s, form.details, standard_agenda=form.standard_agenda)
    return SaveResult(meeting_id, 0, created=True)


@dataclass(frozen=True)
class _Plan:
    """The checked writes of one save (see ``save_meeting_form``)."""

    meeting: Meeting
    details_changed: bool
    status: str | None
    item_steps: list[_Step]
    attendance_steps: list[_Step]
    minutes_steps: list[_Step]

    @property
    def changed(self) -> bool:
        return (
            self.details_changed
            or self.status is not None
            or bool(self.item_steps or self.attendance_steps or self.minutes_steps)
        )


def _plan(s: Session, form: MeetingForm, meeting_id: int, today: date) -> _Plan:
    """Every check that can be made before writing, and the writes that follow from the differences."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    ops.validate_input(s, form.details)
    ops.check_same_committee(meeting, form.details)
    if ops.is_moved(meeting, form.details):
        refuse_if_cancelled(meeting, "eine Verlegung")
    status = _plan_status(meeting, form, today)
    item_steps, minutes_steps = _plan_items(s, meeting, form.items)
    attendance_steps = _plan_attendance(s, meeting, form)
    return _Plan(
        meeting, ops.details_differ(meeting, form.details), status, item_steps, attendance_steps, minutes_steps
    )


@operation
def check_meeting_form(s: Session, form: MeetingForm, *, today: date | None = None) -> bool:
    """The checks of ``save_meeting_form`` without writing (e.g. before asking "wirklich absagen?").

    Raises the same German ``ValidationError``; returns whether saving would change anything.
    Replies and attendance are tried in a savepoint that is rolled back: their rules (a stand-in
    only from the same body, a deputy standing in once) live in the writes of ``attendance``.
    Votes against voters are checked only when saving (they depend on the attendance saved with them).
    """
    _check_parts(form)
    if form.meeting_id is None:
        ops.validate_input(s, form.details)
        return True
    plan = _plan(s, form, form.meeting_id, today or berlin_today())
    if plan.attendance_steps:
        savepoint = s.begin_nested()
        try:
            for fn, args, kwargs in plan.attendance_steps:
                fn(s, *args, **kwargs)
            s.flush()
        finally:
            savepoint.rollback()
    return plan.changed


@operation
def save_meeting_form(s: Session, form: MeetingForm, *, today: date | None = None) -> SaveResult:
    """Save the meeting editor's whole form in one transaction (see the module's docstring).

    Order of the writes: details (time and place first, so a status or a vote is checked against
    the new values), agenda items, replies and attendance, minutes content (votes are checked
    against the attendance as saved here), status last.
    """
    today = today or berlin_today()
    _check_parts(form)
    if form.meeting_id is None:
        ops.validate_input(s, form.details)
        return _create(s, form)
    plan = _plan(s, form, form.meeting_id, today)
    meeting = plan.meeting
    raised = False
    if plan.details_changed:
        raised = ops.update_meeting(s, meeting.id, form.details).sequence_raised
    for fn, args, kwargs in [*plan.item_steps, *plan.attendance_steps, *plan.minutes_steps]:
        fn(s, *args, **kwargs)
    cancelled = False
    if plan.status is not None:
        result = ops.set_status(s, meeting.id, plan.status, today=today)
        raised = raised or result.sequence_raised
        cancelled = result.cancelled
    return SaveResult(meeting.id, meeting.sequence, raised, cancelled=cancelled, changed=plan.changed)


def ordered_attendance(edits: Iterable[AttendanceEdit]) -> tuple[AttendanceEdit, ...]:
    """Stand-ins first: a stand-in marks its deputy present, a status the user set for the deputy
    then still wins (``save_meeting_form`` writes in the order of ``form.attendance``)."""
    items = list(edits)
    return tuple(
        [e for e in items if e.status == AttendanceStatus.VERTRETEN.value]
        + [e for e in items if e.status != AttendanceStatus.VERTRETEN.value]
    )


def preview_attendance(
    detail: MeetingDetail, replies: Iterable[ReplyEdit], edits: Iterable[AttendanceEdit]
) -> MeetingDetail:
    """The meeting as it would be after saving these replies and attendance edits (no database).

    Mirrors the writes of ``save_meeting_form``: a row is changed only where the edit differs from
    the stored row; a new stand-in marks its deputy present (``deputy_present``); a status other than
    "vertreten" clears the stand-in. Quorum, replies and expected bodies follow the same rules as
    ``meeting_detail`` (``domain.rules.represented_bodies``), so the editor shows them live.
    """
    stored = {r.id: r for r in detail.attendance}
    rows = dict(stored)
    by_person = {r.person_id: r.id for r in detail.attendance}
    for reply in replies:
        if reply.attendance_id in rows:
            rows[reply.attendance_id] = replace(rows[reply.attendance_id], reply=reply.reply)
    for edit in ordered_attendance(edits):
        old = stored.get(edit.attendance_id)
        if old is None:
            continue
        if edit.status == AttendanceStatus.VERTRETEN.value and edit.stood_in_by_id is not None:
            if (old.status, old.stood_in_by_id) == (edit.status, edit.stood_in_by_id):
                continue
            rows[old.id] = replace(rows[old.id], status=edit.status, stood_in_by_id=edit.stood_in_by_id)
            deputy_id = by_person.get(edit.stood_in_by_id)
            if edit.deputy_present and deputy_id is not None and rows[deputy_id].status not in PRESENT:
                rows[deputy_id] = replace(rows[deputy_id], status=AttendanceStatus.ANWESEND.value)
        elif old.status != edit.status:
            rows[old.id] = replace(rows[old.id], status=edit.status, stood_in_by_id=None)
    shown = _with_names([rows[r.id] for r in detail.attendance])
    facts = [AttendanceFact(r.person_id, r.body_id, r.role, r.status or "", r.stood_in_by_id) for r in shown]
    represented = represented_bodies(facts, detail.voting_body_ids)
    reply_counts, expected = reply_summary(shown)
    return replace(
        detail,
        attendance=tuple(shown),
        quorum=Quorum(present_bodies=len(represented), required=detail.quorum.required),
        replies=reply_counts,
        expected_bodies=expected,
    )


def _with_names(rows: list[AttendanceRow]) -> list[AttendanceRow]:
    """``vertreten durch …`` and ``vertritt …`` as ``attendance_rows`` fills them, from the rows themselves."""
    names = {r.person_id: r.person for r in rows}
    stands_in_for = {
        r.stood_in_by_id: r.person
        for r in rows
        if r.status == AttendanceStatus.VERTRETEN.value and r.stood_in_by_id is not None
    }
    return [
        replace(
            r,
            stood_in_by=names.get(r.stood_in_by_id, r.stood_in_by) if r.stood_in_by_id is not None else "",
            stands_in_for=stands_in_for.get(r.person_id, ""),
        )
        for r in rows
    ]
