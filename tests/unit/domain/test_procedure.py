"""The rules of procedure about meetings (notice period, overlaps, plenary minimum, past meetings
still open), the finding type, and the quorum from plain attendance facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bezag_desktop.domain import procedure
from bezag_desktop.domain.findings import Finding, Ref, RefKind, summary, warnings_first
from bezag_desktop.domain.procedure import MeetingFacts, NoticeState
from bezag_desktop.domain.rules import AttendanceFact, represented_bodies

TODAY = date(2026, 11, 21)
NOTICE = 14


def _meeting(
    day: date | datetime,
    *,
    id: int = 1,
    committee_id: int = 1,
    title: str = "3. Sitzung 2026",
    hours: float | None = 2,
    status: str = "geplant",
    invited: bool = False,
) -> MeetingFacts:
    start = day if isinstance(day, datetime) else datetime.combine(day, datetime.min.time()).replace(hour=10)
    end = None if hours is None else start + timedelta(hours=hours)
    return MeetingFacts(id, committee_id, "Plenum", title, start, end, status, invited)


def _in(days: int) -> date:
    return TODAY + timedelta(days=days)


# --- notice period ----------------------------------------------------------------------------------


def test_deadline_is_meeting_day_minus_notice_days() -> None:
    assert procedure.invitation_deadline(date(2026, 12, 5), 14) == date(2026, 11, 21)
    assert procedure.invitation_deadline(date(2026, 12, 5), 0) == date(2026, 12, 5)


@pytest.mark.parametrize(
    ("days", "state"),
    [
        (-1, NoticeState.PAST),
        (0, NoticeState.MISSED),
        (NOTICE - 1, NoticeState.MISSED),
        (NOTICE, NoticeState.LAST_DAY),
        (NOTICE + 1, NoticeState.DUE),
        (NOTICE + procedure.REMINDER_DAYS, NoticeState.DUE),
        (NOTICE + procedure.REMINDER_DAYS + 1, NoticeState.AHEAD),
    ],
)
def test_notice_state_boundaries(days: int, state: NoticeState) -> None:
    assert procedure.notice_state(_in(days), TODAY, NOTICE) is state


def test_notice_period_zero_means_inviting_on_the_day_is_in_time() -> None:
    assert procedure.notice_state(TODAY, TODAY, 0) is NoticeState.LAST_DAY


def test_notice_finding_at_notice_minus_one_cannot_be_kept() -> None:
    found = procedure.notice_finding(_meeting(_in(NOTICE - 1)), TODAY, NOTICE)
    assert found == Finding(
        "warnung",
        "sitzungen",
        "not_invited",
        "Die Sitzung „3. Sitzung 2026“ (Plenum) am 04.12.2026 ist noch nicht eingeladen; die Ladungsfrist von "
        "14 Tagen ist nicht mehr einzuhalten (Einladung bis 20.11.2026, die Sitzung ist in 13 Tagen).",
        "meeting",
        Ref.meeting(1),
    )


def test_notice_finding_at_notice_is_the_last_day() -> None:
    found = procedure.notice_finding(_meeting(_in(NOTICE)), TODAY, NOTICE)
    assert found is not None
    assert (found.level, found.code, found.ref) == ("warnung", "invite_soon", Ref.meeting(1))
    assert found.text == (
        "Die Sitzung „3. Sitzung 2026“ (Plenum) am 05.12.2026 ist noch nicht eingeladen; "
        "die Einladung muss bis heute (21.11.2026) hinausgehen (Ladungsfrist 14 Tage)."
    )


def test_notice_finding_at_notice_plus_one_is_a_reminder() -> None:
    found = procedure.notice_finding(_meeting(_in(NOTICE + 1)), TODAY, NOTICE)
    assert found is not None
    assert (found.level, found.code) == ("hinweis", "invite_soon")
    assert found.text.endswith("die Einladung muss bis 22.11.2026 hinausgehen (Ladungsfrist 14 Tage).")


def test_notice_finding_far_ahead_invited_cancelled_or_past_is_none() -> None:
    assert procedure.notice_finding(_meeting(_in(NOTICE + 8)), TODAY, NOTICE) is None
    assert procedure.notice_finding(_meeting(_in(3), invited=True), TODAY, NOTICE) is None
    assert procedure.notice_finding(_meeting(_in(3), status="eingeladen"), TODAY, NOTICE) is None
    assert procedure.notice_finding(_meeting(_in(3), status="abgesagt"), TODAY, NOTICE) is None
    assert procedure.notice_finding(_meeting(_in(-1)), TODAY, NOTICE) is None


def test_notice_finding_uses_the_custom_title_and_says_today_and_tomorrow() -> None:
    found = procedure.notice_finding(_meeting(TODAY, title="Klausurtagung"), TODAY, NOTICE)
    assert found is not None
    assert found.text.startswith("Die Sitzung „Klausurtagung“ (Plenum) am 21.11.2026")
    assert "die Sitzung ist heute" in found.text
    tomorrow = procedure.notice_finding(_meeting(_in(1)), TODAY, NOTICE)
    assert tomorrow is not None
    assert "die Sitzung ist morgen" in tomorrow.text


@pytest.mark.parametrize(
    ("days", "code", "confirm"),
    [(NOTICE - 1, "not_invited", True), (NOTICE, "invite_soon", False), (NOTICE + 1, "invite_soon", False)],
)
def test_sending_an_invitation_at_the_boundary(days: int, code: str, confirm: bool) -> None:
    m = _meeting(_in(days))
    found = procedure.sending_finding(m, TODAY, NOTICE)
    assert found is not None
    assert found.code == code
    assert procedure.needs_confirmation(found) is confirm
    # the same wording as bezag check's finding about the uninvited meeting
    assert found == procedure.notice_finding(m, TODAY, NOTICE)


def test_sending_far_ahead_needs_nothing() -> None:
    assert procedure.sending_finding(_meeting(_in(NOTICE + 8)), TODAY, NOTICE) is None
    assert not procedure.needs_confirmation(None)


@pytest.mark.parametrize(("days", "late"), [(NOTICE - 1, True), (NOTICE, False), (NOTICE + 1, False)])
def test_sending_an_update_at_the_boundary(days: int, late: bool) -> None:
    found = procedure.sending_finding(_meeting(_in(days)), TODAY, NOTICE, update=True)
    if not late:
        assert found is None
        return
    assert found is not None
    assert found.code == "late_update"
    assert procedure.needs_confirmation(found)
    assert found.text == (
        "Die Sitzung „3. Sitzung 2026“ am 04.12.2026 ist in 13 Tagen, also innerhalb der Ladungsfrist von 14 Tagen: "
        "die Aktualisierung erreicht die Eingeladenen kurzfristig."
    )


def test_cancellation_or_repeat_is_never_too_late_but_a_past_meeting_is_said() -> None:
    assert procedure.sending_finding(_meeting(_in(1)), TODAY, NOTICE, unconditional=True) is None
    past = procedure.sending_finding(_meeting(_in(-1)), TODAY, NOTICE, unconditional=True)
    assert past is not None
    assert (past.code, past.text) == ("meeting_past", "Die Sitzung am 20.11.2026 liegt in der Vergangenheit.")
    assert procedure.needs_confirmation(past)
    update_past = procedure.sending_finding(_meeting(_in(-1)), TODAY, NOTICE, update=True)
    assert update_past is not None
    assert update_past.code == "meeting_past"


# --- overlaps ---------------------------------------------------------------------------------------


def test_every_overlapping_pair_is_reported_once() -> None:
    day = datetime(2026, 12, 3, 10)
    long = _meeting(day, id=1, hours=6, title="A")  # 10-16
    b = _meeting(day + timedelta(hours=1), id=2, hours=2, title="B")  # 11-13, inside A
    c = _meeting(day + timedelta(hours=2), id=3, hours=2, title="C")  # 12-14, overlaps A and B
    found = procedure.overlap_findings([c, b, long])
    # a running maximum would miss B-C; pairwise finds all three pairs
    assert [(f.ref, f.text.split("„")[1][0], f.text.split("„")[2][0]) for f in found] == [
        (Ref.meeting(2), "A", "B"),
        (Ref.meeting(3), "A", "C"),
        (Ref.meeting(3), "B", "C"),
    ]
    assert found[0] == Finding(
        "warnung",
        "sitzungen",
        "overlap",
        "Plenum: Die Sitzungen „A“ (03.12.2026, 10:00 Uhr) und „B“ (03.12.2026, 11:00 Uhr) überschneiden sich.",
        "meeting",
        Ref.meeting(2),
    )


def test_meetings_touching_other_committees_and_cancelled_ones_do_not_overlap() -> None:
    day = datetime(2026, 12, 3, 10)
    first = _meeting(day, id=1, hours=3)
    touching = _meeting(day + timedelta(hours=3), id=2, hours=1)  # starts when the first ends
    other = _meeting(day, id=3, committee_id=2)
    cancelled = _meeting(day + timedelta(hours=1), id=4, status="abgesagt")
    assert procedure.overlap_findings([first, touching, other, cancelled]) == []


def test_meeting_without_end_is_a_short_instant() -> None:
    day = datetime(2026, 12, 3, 10)
    open_end = _meeting(day, id=1, hours=None)
    same_start = _meeting(day, id=2, hours=None)
    a_minute_later = _meeting(day + procedure.UNKNOWN_DURATION, id=3, hours=None)
    assert [f.ref for f in procedure.overlap_findings([open_end, same_start, a_minute_later])] == [Ref.meeting(2)]
    ends_at_start = _meeting(day, id=4, hours=0)
    assert [f.ref for f in procedure.overlap_findings([ends_at_start, a_minute_later])] == []


# --- plenary minimum --------------------------------------------------------------------------------


def test_plenary_minimum_past_current_and_future_years() -> None:
    found = procedure.plenary_findings({2024: 2, 2026: 1, 2027: 1}, 2, TODAY, plenum_id=7)
    assert [(f.level, f.text) for f in found] == [
        (
            "warnung",
            "2025: Es fand keine Plenarsitzung statt; die Geschäftsordnung verlangt mindestens 2 Plenarsitzungen "
            "im Jahr.",
        ),
        (
            "warnung",
            "2026: Bisher ist nur eine Plenarsitzung erfasst (durchgeführt oder geplant); die Geschäftsordnung "
            "verlangt mindestens 2 Plenarsitzungen im Jahr.",
        ),
        (
            "hinweis",
            "2027: Bisher ist erst eine Plenarsitzung geplant; die Geschäftsordnung verlangt mindestens "
            "2 Plenarsitzungen im Jahr.",
        ),
    ]
    assert {(f.area, f.code, f.ref) for f in found} == {("plenum", "too_few_plenary_meetings", Ref.committee(7))}


def test_plenary_minimum_boundaries() -> None:
    assert procedure.plenary_findings({2026: 2}, 2, TODAY) == []
    assert procedure.plenary_findings({}, 0, TODAY) == []
    empty = procedure.plenary_findings({}, 1, TODAY)
    assert [f.text for f in empty] == [
        "2026: Bisher ist keine Plenarsitzung erfasst (durchgeführt oder geplant); die Geschäftsordnung verlangt "
        "mindestens 1 Plenarsitzung im Jahr."
    ]
    assert empty[0].ref is None
    several = procedure.plenary_findings({2025: 2}, 3, TODAY)
    assert several[0].text.startswith("2025: Es fanden nur 2 Plenarsitzungen statt;")


# --- past meetings still open, and all together -------------------------------------------------------


def test_past_open_and_meeting_findings_in_rule_order() -> None:
    old = _meeting(_in(-30), id=1, status="eingeladen")
    held = _meeting(_in(-20), id=2, status="durchgefuehrt")
    late = _meeting(_in(5), id=3)
    clash = _meeting(_in(5), id=4, invited=True, status="eingeladen")
    found = procedure.meeting_findings([clash, held, late, old], TODAY, NOTICE)
    assert [(f.code, f.ref) for f in found] == [
        ("not_invited", Ref.meeting(3)),
        ("overlap", Ref.meeting(4)),
        ("past_meeting_open", Ref.meeting(1)),
    ]
    assert found[2].text == (
        "Die Sitzung „3. Sitzung 2026“ (Plenum) am 22.10.2026 ist vorbei, aber noch als „eingeladen“ erfasst: "
        "Anwesenheit und Ergebnisse nachtragen."
    )


# --- the finding type -------------------------------------------------------------------------------


def test_finding_json_has_the_typed_ref() -> None:
    f = Finding("warnung", "vorsitz", "chair_term_ending", "Text", "election", Ref.person(3))
    assert f.to_json() == {
        "level": "warnung",
        "area": "vorsitz",
        "code": "chair_term_ending",
        "text": "Text",
        "action": "election",
        "ref": {"kind": "person", "id": 3},
    }
    assert Finding("hinweis", "datenbank", "x", "T").to_json()["ref"] is None
    assert (f.level_label, f.area_label) == ("Warnung", "Vorsitz")
    assert [k.value for k in RefKind] == ["meeting", "body", "committee", "person"]
    assert Ref.body(2).to_json() == {"kind": "body", "id": 2}


def test_warnings_first_and_summary() -> None:
    note = Finding("hinweis", "sitzungen", "a", "A")
    warn = Finding("warnung", "sitzungen", "b", "B")
    assert warnings_first([note, warn, note]) == [warn, note, note]
    assert summary([note, warn, note]) == "1 Warnung, 2 Hinweise"
    assert summary([note]) == "Keine Warnungen, 1 Hinweis"


# --- quorum -----------------------------------------------------------------------------------------


def test_represented_bodies_from_attendance_facts() -> None:
    rows = [
        AttendanceFact(1, 10, "mitglied", "anwesend"),  # body 10: member present
        AttendanceFact(2, 11, "mitglied", "vertreten", stood_in_by_id=3),  # body 11: stood in by a present deputy
        AttendanceFact(3, 11, "stellvertretung", "anwesend"),
        AttendanceFact(4, 12, "mitglied", "vertreten", stood_in_by_id=5),  # body 12: the stand-in is absent
        AttendanceFact(5, 12, "stellvertretung", "entschuldigt"),
        AttendanceFact(6, 13, "stellvertretung", "online"),  # body 13: deputy online
        AttendanceFact(7, 14, "gast", "anwesend"),  # a guest never counts
        AttendanceFact(8, 99, "mitglied", "anwesend"),  # not a voting body
        AttendanceFact(9, None, "mitglied", "anwesend"),  # office staff
    ]
    assert represented_bodies(rows, {10, 11, 12, 13, 14}) == frozenset({10, 11, 13})
    assert represented_bodies([], {10}) == frozenset()
