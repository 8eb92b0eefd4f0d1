"""Demo data: the plenary meetings in order of date.

A held meeting goes the way the Geschäftsstelle works: the meeting is created (with the standard
agenda), its agenda completed, the invitation sent some weeks ahead, the attendance recorded, the
meeting marked as held, the minutes written (an election where due) and the previous meeting's
minutes approved in it. Working groups are founded by its resolutions. Meetings ahead get their
agenda; one inside the notice period is invited and has the first replies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

from bezag_desktop.demo import catalogue, elections, groups, plenary_agenda
from bezag_desktop.demo.builder import Attend, Builder, DemoMandate, DemoPerson, MeetingInfo
from bezag_desktop.demo.people import Candidates, Staff
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import AttendanceStatus, BodyKind, MeetingKind, Reply
from bezag_desktop.domain.rules import PRESENT, quorum_required


def _location_for(b: Builder, idx: int) -> tuple[tuple[str, str, str], str]:
    """Two of three meetings at the Bezirk, every third one at a Landratsamt or town hall."""
    if idx % 3 != 1:
        return (catalogue.HQ_NAME, catalogue.HQ_ADDRESS, catalogue.HQ_ROOM), catalogue.HQ_TRAVEL
    host = b.rng.choice([x for x in b.bodies if x.kind != BodyKind.BEZIRK.value])
    name = f"Landratsamt {host.short_name}" if host.kind == BodyKind.LANDKREIS.value else host.name
    return (name, f"{host.street}, {host.postcode} {host.city}", "Großer Sitzungssaal"), ""


def _create(b: Builder, idx: int, day: date, kind: MeetingKind, held: bool, minute_taker: DemoPerson) -> MeetingInfo:
    location, travel = _location_for(b, idx)
    hybrid = not held or b.rng.random() < 0.4
    return b.meeting(
        b.plenum.id,
        day,
        time(10, 0),
        time(14, 0) if kind == MeetingKind.KONSTITUIEREND else time(13, 0),
        held=held,
        kind=kind,
        location=location,
        online_url=f"{catalogue.CONFERENCE_URL}/plenum-{day.year}-{idx + 1}" if hybrid else "",
        travel_notes=travel,
        minute_taker=minute_taker,
    )


def _outcomes(
    b: Builder, info: MeetingInfo, chair_ids: set[int], must_attend: set[int]
) -> list[tuple[int, DemoMandate, DemoMandate | None, str]]:
    """(body id, member, deputy, outcome) for every seat: present, represented, excused or absent.

    At least one stand-in per meeting, and always a quorum.
    """
    plan: list[tuple[int, DemoMandate, DemoMandate | None, str]] = []
    for body in b.bodies:
        for member, deputy in b.reps_on(body.id, info.day):
            r = b.rng.random()
            if member.person.id in chair_ids or r < 0.74:
                outcome = "present"
            elif r < 0.88 and deputy is not None:
                outcome = "represented"
            elif r < 0.95:
                outcome = "excused"
            else:
                outcome = "absent"
            if deputy is not None and deputy.person.id in must_attend and outcome in ("excused", "absent"):
                outcome = "represented"
            plan.append((body.id, member, deputy, outcome))
    if not any(o == "represented" for *_x, o in plan):
        options = [i for i, (_bd, m, d, _o) in enumerate(plan) if d is not None and m.person.id not in chair_ids]
        i = b.rng.choice(options)
        plan[i] = (*plan[i][:3], "represented")
    required = quorum_required(len(b.bodies), b.rules.quorum_rule)
    for i, (body_id, member, deputy, outcome) in enumerate(plan):
        if _represented(plan) >= required:
            break
        if outcome in ("excused", "absent"):
            plan[i] = (body_id, member, deputy, "present")
    return plan


def _represented(plan: Sequence[tuple[int, DemoMandate, DemoMandate | None, str]]) -> int:
    return len({body_id for body_id, _m, _d, outcome in plan if outcome in ("present", "represented")})


def plan_attendance(b: Builder, info: MeetingInfo, must_attend: set[int]) -> None:
    """Who replied what and who was there: members, their deputies (some standing in), the chairs."""
    rng = b.rng
    chair_ids = {c.person.id for c in b.chairs_on(info.day)} | must_attend
    online_ok = bool(info.online_url)
    plan = _outcomes(b, info, chair_ids, must_attend)
    lines: dict[int, Attend] = {}
    for _body_id, member, deputy, outcome in plan:
        mp = member.person
        if outcome == "present":
            online = online_ok and rng.random() < 0.25
            status = AttendanceStatus.ONLINE if online else AttendanceStatus.ANWESEND
            lines[mp.id] = Attend(mp, Reply.ZUGESAGT, status)
        elif outcome == "represented":
            assert deputy is not None
            lines[mp.id] = Attend(mp, Reply.ABGESAGT, AttendanceStatus.VERTRETEN, stood_in_by=deputy.person)
        elif outcome == "excused":
            lines[mp.id] = Attend(mp, Reply.ABGESAGT, AttendanceStatus.ENTSCHULDIGT)
        else:
            reply = Reply.ZUGESAGT if rng.random() < 0.5 else Reply.OFFEN
            lines[mp.id] = Attend(mp, reply, AttendanceStatus.ABWESEND)
        if deputy is not None:
            lines[deputy.person.id] = _deputy_line(b, deputy.person, outcome, must_attend)
    for chair in b.chairs_on(info.day):
        if chair.person.id not in lines:  # a co-chair without a seat: on the list as Vorsitz
            lines[chair.person.id] = Attend(chair.person, Reply.ZUGESAGT, AttendanceStatus.ANWESEND)
    info.attendance = list(lines.values())
    info.represented = _represented(plan)
    info.present = [p for p in b.persons if p.id in lines and lines[p.id].status in PRESENT]


def _deputy_line(b: Builder, deputy: DemoPerson, member_outcome: str, must_attend: set[int]) -> Attend:
    if member_outcome == "represented":
        return Attend(deputy, Reply.ZUGESAGT, AttendanceStatus.ANWESEND)
    if member_outcome == "present":
        r = b.rng.random()
        if r < 0.15 or deputy.id in must_attend:
            return Attend(deputy, Reply.ZUGESAGT, AttendanceStatus.ANWESEND)
        if r < 0.75:
            return Attend(deputy, Reply.ABGESAGT, AttendanceStatus.ENTSCHULDIGT)
        return Attend(deputy, Reply.OFFEN, AttendanceStatus.ABWESEND)
    if member_outcome == "excused":
        return Attend(deputy, Reply.ABGESAGT, AttendanceStatus.ENTSCHULDIGT)
    return Attend(deputy, Reply.OFFEN, AttendanceStatus.ABWESEND)


def _found_at(b: Builder, plan: Sequence[tuple[date, MeetingKind]]) -> dict[int, int]:
    """Group index -> index of the plenary meeting whose resolution founds it."""
    held_days = [d for d, _k in plan if d < b.today]
    return {gi: min(1 if gi < 2 else 2, len(held_days) - 1) for gi in range(len(catalogue.GROUPS))}


def plenary_meetings(
    b: Builder,
    plan: Sequence[tuple[date, MeetingKind]],
    staff: Staff,
    candidates: Candidates,
    protected: set[int],
) -> tuple[list[groups.Group], str]:
    """Every plenary meeting of the plan; returns the working groups founded and the next meeting
    still to be invited (``"3. Sitzung 2026 am 10.12.2026"``)."""
    found_at = _found_at(b, plan)
    notice = b.rules.notice_period_days
    next_uninvited = ""
    founded: list[groups.Group] = []
    previous: MeetingInfo | None = None
    deck: list[catalogue.Topic] = []
    for idx, (day, kind) in enumerate(plan):
        held = day < b.today
        info = _create(b, idx, day, kind, held, staff.minute_taker)
        if not held:
            plenary_agenda.future_agenda(b, info, staff.office_head)
            if (day - b.today).days <= notice:
                b.send(info, day - timedelta(days=notice + 3))
                b.replies(info)
            elif not next_uninvited:
                next_uninvited = f"{info.title} am {timeutil.fmt_date(day)}"
            continue
        # The candidates and the working groups' leads (who report) come to the meeting.
        must = {c.person.id for c in candidates.people} if kind == MeetingKind.KONSTITUIEREND else set()
        must |= {g.lead.id for g in founded if g.founded < day}
        plan_attendance(b, info, must)
        founding = [gi for gi, at in found_at.items() if at == idx]
        election_item = plenary_agenda.held_agenda(b, info, previous, kind, founded, founding, deck, staff)
        b.send(info, day - timedelta(days=notice + 7))
        b.record_attendance(info)
        b.mark_held(info)
        if election_item is not None:
            if kind == MeetingKind.KONSTITUIEREND:
                elections.constituent_election(b, info, election_item, candidates)
            else:
                elections.reelection(b, info, election_item, candidates.elected.person)
        b.close_minutes(info, previous, draft=True)
        for gi in founding:
            founded.append(groups.found_group(b, gi, info, protected))
        previous = info
        b.plenary_infos.append(info)
    return founded, next_uninvited
