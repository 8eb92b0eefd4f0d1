"""The rules of procedure that look at meetings, as pure functions: plain facts in, findings out.

Every surface asks these functions (``bezag check``, the Übersicht, the Sitzungen page, ``bezag
meetings show``, the invitation dialog and the guard of ``export ics/eml``), so the boundary and
the wording are the same everywhere. The services only gather the facts with SQL.

The notice period (Ladungsfrist) has ONE boundary: the invitation deadline is the meeting's day
minus the notice days, and an invitation sent ON the deadline day is in time. With 14 days and
today 21.11.2026, a meeting on 05.12.2026 must be invited today ("muss bis heute hinausgehen"), one
on 04.12.2026 can no longer be invited in time, one on 06.12.2026 gets a reminder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeGuard

from bezag_desktop.domain.codes import MeetingStatus
from bezag_desktop.domain.findings import ACTION_MEETING, HINWEIS, WARNUNG, Finding, Ref, count_text
from bezag_desktop.domain.timeutil import fmt_date, fmt_time

#: Uninvited meetings whose invitation deadline is at most this many days ahead get a reminder.
REMINDER_DAYS = 7
#: A meeting without an end (or ending at its start) is taken to last this long when looking for overlaps.
UNKNOWN_DURATION = timedelta(minutes=1)

#: Statuses of a meeting that has not taken place (yet): still to come, or past but not recorded.
NOT_HELD: frozenset[str] = frozenset({MeetingStatus.GEPLANT.value, MeetingStatus.EINGELADEN.value})
#: Statuses of a meeting that took place (neither still ahead nor cancelled).
HELD: frozenset[str] = frozenset(
    {MeetingStatus.DURCHGEFUEHRT.value, MeetingStatus.PROTOKOLL_ENTWURF.value, MeetingStatus.PROTOKOLL_GENEHMIGT.value}
)

#: Codes of the findings about a sending that must be confirmed before anything goes out.
CONFIRM_CODES = frozenset({"not_invited", "late_update", "meeting_past"})


@dataclass(frozen=True)
class MeetingFacts:
    """What the rules need to know about a meeting: plain values, no database."""

    id: int
    committee_id: int
    #: The committee's name, for the text.
    committee: str
    #: The display title (custom title first, else "2. Sitzung 2027").
    title: str
    #: Naive Europe/Berlin wall time.
    start: datetime
    end: datetime | None = None
    status: str = MeetingStatus.GEPLANT.value
    #: Whether a sending (invitation, update) was recorded.
    invited: bool = False


# --- notice period (Ladungsfrist) -----------------------------------------------------------------


class NoticeState(StrEnum):
    """Where a meeting stands with its notice period on a given day."""

    #: The meeting's day is over.
    PAST = "past"
    #: The deadline has passed: the notice period can no longer be kept.
    MISSED = "missed"
    #: Today is the deadline: an invitation sent today is still in time.
    LAST_DAY = "last_day"
    #: The deadline is at most ``REMINDER_DAYS`` ahead.
    DUE = "due"
    #: The deadline is further ahead.
    AHEAD = "ahead"


def invitation_deadline(meeting_day: date, notice_days: int) -> date:
    """The last day an invitation keeps the notice period: the meeting's day minus the notice days."""
    return meeting_day - timedelta(days=notice_days)


def notice_state(meeting_day: date, today: date, notice_days: int, reminder_days: int = REMINDER_DAYS) -> NoticeState:
    """The notice state on ``today`` of a meeting on ``meeting_day`` (see the module's boundary)."""
    if meeting_day < today:
        return NoticeState.PAST
    deadline = invitation_deadline(meeting_day, notice_days)
    if deadline < today:
        return NoticeState.MISSED
    if deadline == today:
        return NoticeState.LAST_DAY
    if (deadline - today).days <= reminder_days:
        return NoticeState.DUE
    return NoticeState.AHEAD


def _in_days(meeting_day: date, today: date) -> str:
    days = (meeting_day - today).days
    return "heute" if days == 0 else ("morgen" if days == 1 else f"in {days} Tagen")


def meeting_phrase(m: MeetingFacts) -> str:
    """``Die Sitzung „Klausurtagung“ (Plenum) am 10.12.2026``: how a finding names a meeting."""
    return f"Die Sitzung „{m.title}“ ({m.committee}) am {fmt_date(m.start)}"


def _uninvited_finding(m: MeetingFacts, state: NoticeState, today: date, notice_days: int) -> Finding | None:
    deadline = invitation_deadline(m.start.date(), notice_days)
    if state is NoticeState.MISSED:
        level, code = WARNUNG, "not_invited"
        tail = (
            f"die Ladungsfrist von {notice_days} Tagen ist nicht mehr einzuhalten "
            f"(Einladung bis {fmt_date(deadline)}, die Sitzung ist {_in_days(m.start.date(), today)})."
        )
    elif state is NoticeState.LAST_DAY:
        level, code = WARNUNG, "invite_soon"
        tail = f"die Einladung muss bis heute ({fmt_date(deadline)}) hinausgehen (Ladungsfrist {notice_days} Tage)."
    elif state is NoticeState.DUE:
        level, code = HINWEIS, "invite_soon"
        tail = f"die Einladung muss bis {fmt_date(deadline)} hinausgehen (Ladungsfrist {notice_days} Tage)."
    else:
        return None
    what = f"{meeting_phrase(m)} ist noch nicht eingeladen"
    return Finding(level, "sitzungen", code, f"{what}; {tail}", ACTION_MEETING, Ref.meeting(m.id))


def notice_finding(
    m: MeetingFacts, today: date, notice_days: int, reminder_days: int = REMINDER_DAYS
) -> Finding | None:
    """The finding of ``bezag check`` about a planned, not yet invited meeting (``None`` if all is well).

    Missed deadline: a warning; deadline today: a warning that it must go out today; deadline within
    ``REMINDER_DAYS``: a note. Meetings already invited, cancelled, held or past get none here.
    """
    if m.status != MeetingStatus.GEPLANT.value or m.invited:
        return None
    state = notice_state(m.start.date(), today, notice_days, reminder_days)
    return _uninvited_finding(m, state, today, notice_days)


def sending_finding(
    m: MeetingFacts, today: date, notice_days: int, *, update: bool = False, unconditional: bool = False
) -> Finding | None:
    """What to tell before a sending (invitation dialog, ``export ics/eml``) on ``today``.

    ``update``: an update of an invitation already sent (a late one reaches people at short notice).
    ``unconditional``: a cancellation or an unchanged repeat, which are never too late (only a past
    meeting is worth a word). A finding whose code is in ``CONFIRM_CODES`` must be confirmed before
    anything goes out (``needs_confirmation``); the others are shown only.
    """
    state = notice_state(m.start.date(), today, notice_days)
    if state is NoticeState.PAST:
        return Finding(
            WARNUNG,
            "sitzungen",
            "meeting_past",
            f"Die Sitzung am {fmt_date(m.start)} liegt in der Vergangenheit.",
            ACTION_MEETING,
            Ref.meeting(m.id),
        )
    if unconditional:
        return None
    if not update:
        return _uninvited_finding(m, state, today, notice_days)
    if state is NoticeState.MISSED:
        return Finding(
            WARNUNG,
            "sitzungen",
            "late_update",
            f"Die Sitzung „{m.title}“ am {fmt_date(m.start)} ist {_in_days(m.start.date(), today)}, also innerhalb "
            f"der Ladungsfrist von {notice_days} Tagen: die Aktualisierung erreicht die Eingeladenen kurzfristig.",
            ACTION_MEETING,
            Ref.meeting(m.id),
        )
    return None


def needs_confirmation(finding: Finding | None) -> TypeGuard[Finding]:
    """Whether a sending with this finding must be confirmed (GUI: a question; CLI: ``--force``)."""
    return finding is not None and finding.code in CONFIRM_CODES


# --- overlapping meetings ---------------------------------------------------------------------------


def _effective_end(m: MeetingFacts) -> datetime:
    return m.end if m.end is not None and m.end > m.start else m.start + UNKNOWN_DURATION


def _when(dt: datetime) -> str:
    return f"{fmt_date(dt)}, {fmt_time(dt)} Uhr"


def overlap_findings(meetings: Iterable[MeetingFacts]) -> list[Finding]:
    """Every pair of overlapping meetings of one committee, once, about the later one.

    Cancelled meetings do not count. Two meetings overlap when one starts before the other ends;
    one that starts exactly when the other ends does not. Ordered by committee, then start.
    """
    by_committee: dict[int, list[MeetingFacts]] = defaultdict(list)
    for m in meetings:
        if m.status != MeetingStatus.ABGESAGT.value:
            by_committee[m.committee_id].append(m)
    out: list[Finding] = []
    for committee_id in sorted(by_committee):
        group = sorted(by_committee[committee_id], key=lambda m: (m.start, m.id))
        for i, a in enumerate(group):
            a_end = _effective_end(a)
            for b in group[i + 1 :]:
                if b.start >= a_end:
                    break  # sorted by start: no later meeting can overlap ``a`` either
                out.append(
                    Finding(
                        WARNUNG,
                        "sitzungen",
                        "overlap",
                        f"{a.committee}: Die Sitzungen „{a.title}“ ({_when(a.start)}) und „{b.title}“ "
                        f"({_when(b.start)}) überschneiden sich.",
                        ACTION_MEETING,
                        Ref.meeting(b.id),
                    )
                )
    return out


# --- plenary meetings per year ----------------------------------------------------------------------


def plenary_findings(
    per_year: Mapping[int, int], minimum: int, today: date, plenum_id: int | None = None
) -> list[Finding]:
    """Years with fewer plenary meetings than ``minimum`` (``per_year``: meetings not cancelled).

    Every year from the first with a meeting up to this one is looked at (a past year without any
    meeting is reported too); a later year only when meetings are planned in it. Past and current
    years give a warning, later years a note.
    """
    if minimum <= 0:
        return []
    first = min([*per_year, today.year])
    years = sorted(set(range(first, today.year + 1)) | set(per_year))
    required = (
        f"die Geschäftsordnung verlangt mindestens {count_text(minimum, 'Plenarsitzung', 'Plenarsitzungen')} im Jahr."
    )
    ref = None if plenum_id is None else Ref.committee(plenum_id)
    out: list[Finding] = []
    for year in years:
        n = per_year.get(year, 0)
        if n >= minimum:
            continue
        many = f"{n} Plenarsitzungen"
        if year < today.year:
            level = WARNUNG
            found = {0: "Es fand keine Plenarsitzung statt", 1: "Es fand nur eine Plenarsitzung statt"}
            text = f"{year}: {found.get(n, f'Es fanden nur {many} statt')}; {required}"
        elif year == today.year:
            level = WARNUNG
            found = {0: "Bisher ist keine Plenarsitzung erfasst", 1: "Bisher ist nur eine Plenarsitzung erfasst"}
            text = f"{year}: {found.get(n, f'Bisher sind nur {many} erfasst')} (durchgeführt oder geplant); {required}"
        else:
            level = HINWEIS
            found = {1: "Bisher ist erst eine Plenarsitzung geplant"}
            text = f"{year}: {found.get(n, f'Bisher sind erst {many} geplant')}; {required}"
        out.append(Finding(level, "plenum", "too_few_plenary_meetings", text, ref=ref))
    return out


# --- meetings past but still open ---------------------------------------------------------------------


def past_open_findings(meetings: Iterable[MeetingFacts], today: date) -> list[Finding]:
    """Meetings before ``today`` still "geplant" or "eingeladen": attendance and results are missing."""
    return [
        Finding(
            HINWEIS,
            "sitzungen",
            "past_meeting_open",
            f"{meeting_phrase(m)} ist vorbei, aber noch als „{MeetingStatus(m.status).label}“ erfasst: "
            "Anwesenheit und Ergebnisse nachtragen.",
            ACTION_MEETING,
            Ref.meeting(m.id),
        )
        for m in sorted(meetings, key=lambda m: (m.start, m.id))
        if m.start.date() < today and m.status in NOT_HELD
    ]


def meeting_findings(
    meetings: Iterable[MeetingFacts], today: date, notice_days: int, reminder_days: int = REMINDER_DAYS
) -> list[Finding]:
    """The meeting rules together, in rule order: notice period, overlaps, past meetings still open."""
    rows = sorted(meetings, key=lambda m: (m.start, m.id))
    notices = [f for m in rows if (f := notice_finding(m, today, notice_days, reminder_days)) is not None]
    return [*notices, *overlap_findings(rows), *past_open_findings(rows, today)]
