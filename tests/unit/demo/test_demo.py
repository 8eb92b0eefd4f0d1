"""Demo data: deterministic, refused on a filled database, consistent in what it says, and entered
through the service operations (numbering, sequence, fingerprints and audit from the services)."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import plenum_id
from querycount import count_queries
from sqlalchemy import select, text

from bezag_desktop.cli import main
from bezag_desktop.db.base import Base
from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    BallotRound,
    BallotVote,
    Body,
    ChairTerm,
    Committee,
    Election,
    ElectionCandidate,
    Invitation,
    Meeting,
    Membership,
    Person,
    WorkingGroupReport,
)
from bezag_desktop.demo.build import create_demo_database, fill_demo
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.rules import quorum_required
from bezag_desktop.domain.timeutil import is_current, term_end
from bezag_desktop.services.meetings import invitation_plan, invitations
from bezag_desktop.services.representation.people import person_search_key
from bezag_desktop.services.settings import get_office, is_valid_email
from bezag_desktop.services.store import Store, open_store

TODAY = date(2026, 11, 21)
PRESENT = {"anwesend", "online"}


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in primary-key order."""
    with open_store(path, read_only=True) as store, store.session() as s:
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in Base.metadata.sorted_tables:
            keys = ", ".join(c.name for c in table.primary_key.columns)
            out[table.name] = [tuple(r) for r in s.execute(text(f"SELECT * FROM {table.name} ORDER BY {keys}"))]
        return out


def _represented(rows: Any) -> set[int]:
    """Bodies represented by someone present who holds a seat (the co-chair with a seat counts too)."""
    return {r.body_id for r in rows if r.status in PRESENT and r.body_id is not None and r.role != "gast"}


# --- determinism and refusal ---------------------------------------------------------------------


def test_same_seed_and_day_give_identical_databases(tmp_path: Path) -> None:
    a = create_demo_database(tmp_path / "a.sqlite", years=2, seed=7, today="2026-11-21")
    b = create_demo_database(tmp_path / "b.sqlite", years=2, seed=7, today=TODAY)
    first, second = dump(a), dump(b)
    assert first == second
    assert len(first["meetings"]) > 6
    # The operations wrote the audit trail, dated to the demo's day (noon, Berlin) whatever the clock.
    audit = first["audit_entries"]
    assert len(audit) > 100
    assert {row[1] for row in audit} == {"2026-11-21 11:00:00.000000"}


def test_other_seed_gives_other_people(tmp_path: Path) -> None:
    def names(path: Path) -> set[str]:
        with open_store(path, read_only=True) as store, store.session() as s:
            return {f"{p.first_name} {p.last_name}" for p in s.scalars(select(Person))}

    one = names(create_demo_database(tmp_path / "1.sqlite", seed=1, today=TODAY))
    two = names(create_demo_database(tmp_path / "2.sqlite", seed=2, today=TODAY))
    assert one != two
    assert len(one & two) < len(one) / 2


def test_refuses_a_filled_database_and_changes_nothing(demo_db_path: Path) -> None:
    before = dump(demo_db_path)
    with open_store(demo_db_path) as store, pytest.raises(UserError, match="Die Datenbank enthält bereits Daten"):
        fill_demo(store, today=TODAY)
    assert dump(demo_db_path) == before


def test_refuses_when_only_one_person_exists(store: Store) -> None:
    with store.session() as s:
        s.add(Person(first_name="Erika", last_name="Mustermann", search_key="erika mustermann"))
    with pytest.raises(UserError, match="1 Personen"):
        fill_demo(store, today=TODAY)
    with store.session() as s:
        assert s.scalar(select(Meeting.id)) is None
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "demo.fill")) is None


@pytest.mark.parametrize("years", [0, 11])
def test_years_out_of_range_is_refused(store: Store, years: int) -> None:
    with pytest.raises(ValidationError, match="Zahl der Jahre"):
        fill_demo(store, years=years, today=TODAY)


def test_bad_day_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="kein gültiges Datum"):
        fill_demo(store, today="2026-13-40")


# --- content -------------------------------------------------------------------------------------


def test_every_body_has_a_current_member_and_deputy(demo_store: Store) -> None:
    with demo_store.session() as s:
        plenum = plenum_id(s)
        bodies = s.scalars(select(Body)).all()
        mandates = s.scalars(select(Membership).where(Membership.committee_id == plenum)).all()
        persons = {p.id: p for p in s.scalars(select(Person))}
    assert len(bodies) == 24
    for body in bodies:
        current = [m for m in mandates if m.body_id == body.id and is_current(m.start_date, m.end_date, TODAY)]
        roles = Counter(m.role for m in current)
        expected = 2 if body.kind == "bezirk" else 1
        assert roles == {"mitglied": expected, "stellvertretung": expected}, body.name
        for m in current:
            assert m.voting_right
            assert persons[m.person_id].body_id == body.id
    # A handover keeps the history: an ended mandate and its successor from the next day on.
    successors = [m for m in mandates if m.predecessor_id is not None]
    assert successors
    by_id = {m.id: m for m in mandates}
    for m in successors:
        old = by_id[m.predecessor_id]  # type: ignore[index]
        assert old.end_date is not None
        assert m.start_date == old.end_date + timedelta(days=1)
        assert (old.body_id, old.role) == (m.body_id, m.role)


def test_people_look_real_and_are_searchable(demo_store: Store) -> None:
    with demo_store.session() as s:
        persons = s.scalars(select(Person)).all()
    emails = [p.email for p in persons]
    assert len(set(emails)) == len(emails)
    assert all(is_valid_email(e) and e.endswith(".example") for e in emails)
    assert any(ch in p.last_name for p in persons for ch in "äöüß")
    assert any(p.title.startswith("Dr.") for p in persons)
    assert {p.form_of_address for p in persons} >= {"frau", "herr"}
    assert all(p.phone.startswith("+49 ") for p in persons)
    assert all(p.function for p in persons)
    for p in persons:
        assert p.search_key == person_search_key(p.title, p.first_name, p.last_name, p.email)
        assert (p.body_id is None) != (p.partner_id is None)


def test_plenary_meetings_per_year_and_constituent_start(demo_store: Store) -> None:
    with demo_store.session() as s:
        plenum = plenum_id(s)
        meetings = s.scalars(select(Meeting).where(Meeting.committee_id == plenum).order_by(Meeting.start)).all()
    per_year = Counter(m.year for m in meetings)
    assert per_year[2025] >= 2
    assert per_year[2026] >= 2
    first = meetings[0]
    assert first.kind == "konstituierend"
    assert (first.start.year, first.start.month) == (2025, 1)
    assert first.start.day >= 22
    for m in meetings:
        assert m.title == f"{m.number}. Sitzung {m.year}"
        assert m.start.tzinfo is None
        assert m.end is not None
        assert m.end > m.start
        assert m.location_name
        assert m.minute_taker_id is not None
    numbers = [(m.year, m.number) for m in meetings]
    assert numbers == sorted(numbers)
    uids = [m.uid for m in meetings]
    assert len(set(uids)) == len(uids)


def test_future_meeting_not_invited_from_standard_agenda(demo_store: Store) -> None:
    with demo_store.session() as s:
        plenum = plenum_id(s)
        future = s.scalars(
            select(Meeting).where(Meeting.committee_id == plenum, Meeting.start > TODAY + timedelta(days=14))
        ).all()
        assert future
        m = future[0]
        assert m.status == "geplant"
        assert m.sequence == 0
        assert s.scalar(select(Invitation.id).where(Invitation.meeting_id == m.id)) is None
        assert s.scalar(select(Attendance.id).where(Attendance.meeting_id == m.id)) is None
        titles = list(
            s.scalars(select(AgendaItem.title).where(AgendaItem.meeting_id == m.id).order_by(AgendaItem.position))
        )
    assert titles[:4] == [
        "Begrüßung und Feststellung der Beschlussfähigkeit",
        "Genehmigung der Tagesordnung",
        "Genehmigung der Niederschrift der letzten Sitzung",
        "Berichte aus den Arbeitsgruppen",
    ]
    assert titles[-1] == "Verschiedenes"


def test_one_future_meeting_is_invited_with_recipients(demo_store: Store) -> None:
    with demo_store.session() as s:
        invited = s.scalars(select(Meeting).where(Meeting.status == "eingeladen", Meeting.start > TODAY)).all()
        assert invited
        m = invited[0]
        invitations = s.scalars(select(Invitation).where(Invitation.meeting_id == m.id)).all()
        assert [(i.sequence, i.method) for i in invitations] == [(0, "REQUEST")]
        assert m.sequence == 0
        recipients = s.execute(
            text("SELECT email, role FROM invitation_recipients WHERE invitation_id = :i"), {"i": invitations[0].id}
        ).all()
        assert recipients
        assert len({r[0] for r in recipients}) == len(recipients)
        replies = Counter(s.scalars(select(Attendance.reply).where(Attendance.meeting_id == m.id)))
        assert replies["zugesagt"] > 0


def test_agendas_are_numbered_with_results(demo_store: Store) -> None:
    with demo_store.session() as s:
        plenum = plenum_id(s)
        held = s.scalars(
            select(Meeting).where(Meeting.committee_id == plenum, Meeting.start < TODAY).order_by(Meeting.start)
        ).all()
        items = s.scalars(select(AgendaItem)).all()
    by_meeting: dict[int, list[AgendaItem]] = {}
    for it in items:
        by_meeting.setdefault(it.meeting_id, []).append(it)
    sub_items = 0
    non_public = 0
    for m in held:
        agenda = by_meeting[m.id]
        assert 6 <= len(agenda) <= 12, m.title
        tops = sorted((i for i in agenda if i.parent_id is None), key=lambda i: i.position)
        assert [i.number for i in tops] == [str(n) for n in range(1, len(tops) + 1)]
        assert tops[0].title == "Begrüßung und Feststellung der Beschlussfähigkeit"
        assert tops[-1].title == "Verschiedenes"
        for i in agenda:
            if i.parent_id is not None:
                parent = next(p for p in agenda if p.id == i.parent_id)
                assert i.number == f"{parent.number}.{i.position}"
                sub_items += 1
            non_public += not i.public
            if i.kind == "beschluss" and i.result == "beschlossen":
                assert i.resolution_text
                assert i.unanimous or (i.votes_yes or 0) > (i.votes_no or 0)
            if i.kind == "bericht":
                assert i.result == "kenntnis"
    assert sub_items > 0
    assert non_public > 0


def test_attendance_quorum_and_stand_ins(demo_store: Store) -> None:
    with demo_store.session() as s:
        plenum = plenum_id(s)
        held = s.scalars(select(Meeting).where(Meeting.committee_id == plenum, Meeting.start < TODAY)).all()
        rows = s.scalars(select(Attendance)).all()
        mandates = s.scalars(select(Membership).where(Membership.committee_id == plenum)).all()
        chairs = s.scalars(select(ChairTerm)).all()
        n_bodies = len(s.scalars(select(Body.id)).all())
    required = quorum_required(n_bodies, "mehr_als_haelfte")
    stand_ins = 0
    for m in held:
        att = [r for r in rows if r.meeting_id == m.id]
        day = m.start.date()
        valid = [x for x in mandates if is_current(x.start_date, x.end_date, day)]
        # Every invited person has a row: members, deputies, chairs.
        invited = {x.person_id for x in valid} | {
            c.person_id for c in chairs if is_current(c.start_date, c.end_date, day)
        }
        assert invited <= {r.person_id for r in att}, m.title
        represented = _represented(att)
        assert len(represented) >= required, m.title
        by_person = {r.person_id: r for r in att}
        for r in att:
            if r.status == "vertreten":
                stand_ins += 1
                deputy = by_person[r.stood_in_by_id]  # type: ignore[index]
                assert deputy.status == "anwesend"
                assert deputy.body_id == r.body_id
                assert any(
                    x.person_id == deputy.person_id and x.role == "stellvertretung" and x.body_id == r.body_id
                    for x in valid
                )
                assert r.reply == "abgesagt"
            if r.status in ("entschuldigt",):
                assert r.reply == "abgesagt"
            if r.status in PRESENT:
                assert r.reply == "zugesagt"
        assert "vorsitz" in {r.role for r in att}
    assert stand_ins >= len(held)


def test_quorum_and_electorate_agree_with_the_meetings_service(demo_store: Store) -> None:
    from bezag_desktop.services.meetings import meeting_detail

    with demo_store.session() as s:
        plenum = plenum_id(s)
        held = list(s.scalars(select(Meeting.id).where(Meeting.committee_id == plenum, Meeting.start < TODAY)))
        election = s.scalars(select(Election)).one()
    for mid in held:
        detail = meeting_detail(demo_store, mid)
        assert detail.quorum.reached, detail.title
        if mid == election.meeting_id:
            assert detail.quorum.present_bodies == election.electorate


def test_presenters_attended_and_meetings_fall_on_working_days(demo_store: Store) -> None:
    with demo_store.session() as s:
        meetings = {m.id: m for m in s.scalars(select(Meeting))}
        rows = {(a.meeting_id, a.person_id): a.status for a in s.scalars(select(Attendance))}
        items = s.scalars(select(AgendaItem).where(AgendaItem.presenter_id.is_not(None))).all()
    for it in items:
        m = meetings[it.meeting_id]
        if m.start.date() < TODAY and m.status != "abgesagt":
            assert rows.get((m.id, it.presenter_id)) in ("anwesend", "online", "gast"), (m.title, it.title)
    holidays = {date(2025, 12, 25), date(2026, 1, 1), date(2026, 1, 6), date(2026, 4, 6), date(2026, 5, 1)}
    for m in meetings.values():
        assert m.start.weekday() < 5, m.title
        assert m.start.date() not in holidays, m.title


def test_minutes_approved_in_the_following_meeting(demo_store: Store) -> None:
    with demo_store.session() as s:
        meetings = {m.id: m for m in s.scalars(select(Meeting))}
    statuses = Counter(m.status for m in meetings.values())
    assert statuses["protokoll_genehmigt"] > 0
    assert statuses["protokoll_entwurf"] == 1
    assert statuses["durchgefuehrt"] > 0
    assert statuses["abgesagt"] == 1
    for m in meetings.values():
        if m.status == "protokoll_genehmigt":
            later = meetings[m.minutes_approved_in_id]  # type: ignore[index]
            assert later.committee_id == m.committee_id
            assert later.start > m.start
            assert m.minutes_approved_on == later.start.date()
        if m.status == "abgesagt":
            assert m.sequence == 1


def test_election_with_runoff_and_chair_terms(demo_store: Store) -> None:
    with demo_store.session() as s:
        election = s.scalars(select(Election)).one()
        meeting = s.get(Meeting, election.meeting_id)
        assert meeting is not None
        assert meeting.kind == "konstituierend"
        item = s.get(AgendaItem, election.agenda_item_id)
        assert item is not None
        assert item.kind == "wahl"
        rounds = s.scalars(
            select(BallotRound).where(BallotRound.election_id == election.id).order_by(BallotRound.number)
        ).all()
        votes = {
            r.id: {v.person_id: v.votes for v in s.scalars(select(BallotVote).where(BallotVote.round_id == r.id))}
            for r in rounds
        }
        candidates = set(
            s.scalars(select(ElectionCandidate.person_id).where(ElectionCandidate.election_id == election.id))
        )
        att = s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
        plenum = plenum_id(s)
        mandates = s.scalars(select(Membership).where(Membership.committee_id == plenum)).all()
        kinds = {b.id: b.kind for b in s.scalars(select(Body))}
        terms = s.scalars(select(ChairTerm).order_by(ChairTerm.start_date)).all()
    represented = _represented(att)
    assert election.office == "vorsitz_kommunen"
    assert election.status == "abgeschlossen"
    assert election.electorate == len(represented)
    assert [r.kind for r in rounds] == ["wahlgang", "stichwahl"]
    assert len(candidates) == 3
    for pid in candidates:
        assert any(
            m.person_id == pid
            and kinds[m.body_id or 0] in ("landkreis", "kreisfreie_stadt")
            and is_current(m.start_date, m.end_date, meeting.start.date())
            for m in mandates
        )
    first, runoff = rounds
    for r in rounds:
        valid = sum(votes[r.id].values())
        assert valid + r.abstentions + r.invalid == r.ballots_cast
        assert r.ballots_cast <= len(represented)
    valid1 = sum(votes[first.id].values())
    assert set(votes[first.id]) == candidates
    assert max(votes[first.id].values()) * 2 <= valid1
    top_two = sorted(votes[first.id], key=lambda p: -votes[first.id][p])[:2]
    assert set(votes[runoff.id]) == set(top_two)
    winner = max(votes[runoff.id], key=lambda p: votes[runoff.id][p])
    assert votes[runoff.id][winner] * 2 > sum(votes[runoff.id].values())
    assert election.elected_person_id == winner

    bezirk = [t for t in terms if t.side == "bezirk"]
    kommunen = [t for t in terms if t.side == "kommunen"]
    assert len(bezirk) == 1
    assert bezirk[0].end_date is None
    assert "benannt durch den Bezirk Oberbayern" in bezirk[0].notes
    assert len(kommunen) == 1
    term = kommunen[0]
    assert term.person_id == winner
    assert term.election_id == election.id
    assert term.start_date == meeting.start.date()
    assert term.end_date == term_end(term.start_date, 3)
    assert (election.term_start, election.term_end) == (term.start_date, term.end_date)


def test_working_groups_with_partners_meetings_and_reports(demo_store: Store) -> None:
    with demo_store.session() as s:
        plenum = plenum_id(s)
        groups = s.scalars(select(Committee).where(Committee.kind == "arbeitsgruppe").order_by(Committee.name)).all()
        assert [g.name for g in groups] == ["AG Eingliederungshilfe", "AG Pflege", "AG Wohnungslosenhilfe"]
        for g in groups:
            assert g.parent_id == plenum
            assert g.topic
            assert g.goal
            item = s.get(AgendaItem, g.founding_agenda_item_id)
            assert item is not None
            assert item.kind == "beschluss"
            assert item.title == f"Gründung der {g.name}"
            founding_meeting = s.get(Meeting, item.meeting_id)
            assert founding_meeting is not None
            assert founding_meeting.committee_id == plenum
            assert g.founded_on == founding_meeting.start.date()
            seats = s.scalars(select(Membership).where(Membership.committee_id == g.id)).all()
            roles = Counter(m.role for m in seats)
            assert roles["sprecher"] == 1
            assert roles["stellv_sprecher"] == 1
            assert any(m.partner_id is not None for m in seats)
            assert any(m.body_id is not None for m in seats)
            meetings = s.scalars(select(Meeting).where(Meeting.committee_id == g.id)).all()
            held = [m for m in meetings if m.start.date() < TODAY and m.status != "abgesagt"]
            assert 1 <= len(held) <= 3
            for m in held:
                assert s.scalar(select(AgendaItem.id).where(AgendaItem.meeting_id == m.id)) is not None
                assert s.scalar(select(Attendance.id).where(Attendance.meeting_id == m.id)) is not None
            reports = s.scalars(select(WorkingGroupReport).where(WorkingGroupReport.committee_id == g.id)).all()
            assert reports
            for r in reports:
                rm = s.get(Meeting, r.meeting_id)
                assert rm is not None
                assert rm.committee_id == plenum
                assert r.text
        assert s.scalar(select(Committee.id).where(Committee.kind == "netzwerk")) is not None


def test_action_items_in_every_status(demo_store: Store) -> None:
    with demo_store.session() as s:
        actions = s.scalars(select(ActionItem)).all()
        items = {i.id: i for i in s.scalars(select(AgendaItem))}
    assert {a.status for a in actions} == {"offen", "in_arbeit", "erledigt"}
    assert any(a.status != "erledigt" and a.due_date is not None and a.due_date < TODAY for a in actions)
    for a in actions:
        assert items[a.agenda_item_id].kind == "beschluss"  # type: ignore[index]
        assert (a.responsible_person_id is None) != (a.responsible_body_id is None)
        assert a.due_date is not None
        assert a.created_on is not None
        if a.status == "erledigt":
            assert a.done_on is not None
            assert a.created_on <= a.done_on < TODAY
    assert any(a.responsible_body_id for a in actions)
    assert any(a.responsible_person_id for a in actions)


def test_office_details_allow_every_export(demo_store: Store) -> None:
    office = get_office(demo_store)
    assert office.name == "Geschäftsstelle der Bezirksarbeitsgemeinschaft Sozialplanung Oberbayern"
    assert office.email == "geschaeftsstelle@bezag-sozialplanung.example"
    assert is_valid_email(office.email)
    assert office.uid_domain == "bezag-sozialplanung.example"
    assert office.street
    assert office.postcode
    assert office.city
    assert office.phone.startswith("+49")
    assert office.contact_person


@pytest.mark.parametrize(
    ("years", "today"),
    [(1, "2027-01-10"), (1, "2026-03-02"), (3, "2026-06-15"), (5, "2030-12-28")],
)
def test_other_spans_stay_consistent(tmp_path: Path, years: int, today: str) -> None:
    day = date.fromisoformat(today)
    path = create_demo_database(tmp_path / "x.sqlite", years=years, seed=3, today=today)
    with open_store(path, read_only=True) as store, store.session() as s:
        plenum = plenum_id(s)
        meetings = s.scalars(select(Meeting).where(Meeting.committee_id == plenum).order_by(Meeting.start)).all()
        terms = s.scalars(select(ChairTerm).where(ChairTerm.side == "kommunen").order_by(ChairTerm.start_date)).all()
    assert meetings[0].kind == "konstituierend"
    assert meetings[0].start.date() < day
    assert meetings[-1].start.date() > day + timedelta(days=14)
    assert meetings[-1].status == "geplant"
    for year in range(day.year - years + 1, day.year + 1):
        assert sum(1 for m in meetings if m.year == year) >= 2 or year < meetings[0].year
    # Kommunen chair terms follow each other without gap and one is current.
    for earlier, later in itertools.pairwise(terms):
        assert later.start_date == earlier.end_date + timedelta(days=1)  # type: ignore[operator]
    assert any(is_current(t.start_date, t.end_date, day) for t in terms)


def test_fill_is_fast_and_its_statements_bounded(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.sqlite") as store, count_queries(store.engine) as statements:
        summary = fill_demo(store, years=2, seed=1, today=TODAY)
    # Through the operations the fill takes about a second (4,400 statements); the bound on the
    # statements catches a query per row creeping in, whatever the load of the machine.
    assert statements.count < 6000
    assert summary.seconds < 5.0
    assert summary.plenary_meetings >= 5


def test_a_failing_step_leaves_the_database_untouched(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """All operations of a fill join one transaction: a refusal late in the fill writes nothing at all."""
    from bezag_desktop.demo import groups

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise ValidationError("Das Netzwerk kann nicht gegründet werden.")

    monkeypatch.setattr(groups, "network", refuse)
    with pytest.raises(ValidationError, match="Netzwerk"):
        fill_demo(store, today=TODAY)
    with store.session() as s:
        assert s.scalar(select(Person.id)) is None
        assert s.scalar(select(Meeting.id)) is None
        assert s.scalar(select(AuditEntry.id)) is None
    monkeypatch.undo()
    assert fill_demo(store, today=TODAY).meetings > 6  # and the database can still take the demo


# --- through the operations ----------------------------------------------------------------------


def test_first_export_of_the_invited_meeting_is_no_update(demo_store: Store, tmp_path: Path) -> None:
    """The demo's sendings carry their real content fingerprint: exporting again repeats the invitation."""
    with demo_store.session() as s:
        mid = s.scalar(
            select(Meeting.id).where(Meeting.status == "eingeladen", Meeting.start > TODAY).order_by(Meeting.start)
        )
    assert mid is not None
    plan = invitation_plan.plan_invitation(demo_store, mid, today=TODAY)
    assert plan.repeat
    assert (plan.notice, plan.sequence) == ("einladung", 0)
    assert plan.subject.startswith("Einladung:")
    assert "Geänderte" not in plan.letter_subject
    result = invitations.export_ics(demo_store, mid, tmp_path / "einladung.ics", today=TODAY)
    assert (result.notice, result.sequence, result.method) == ("einladung", 0, "REQUEST")
    ics_text = (tmp_path / "einladung.ics").read_text(encoding="utf-8")
    assert "SEQUENCE:0" in ics_text


def test_every_sending_is_recorded_as_the_service_records_it(demo_store: Store) -> None:
    with demo_store.session() as s:
        sendings = s.scalars(select(Invitation)).all()
        recipients = s.execute(text("SELECT invitation_id, email FROM invitation_recipients")).all()
        cancelled = s.scalars(select(Meeting).where(Meeting.status == "abgesagt")).one()
    assert sendings
    assert all(len(i.content_digest) == 64 for i in sendings)
    by_sending = Counter(r[0] for r in recipients)
    assert all(by_sending[i.id] > 0 for i in sendings)
    mine = sorted((i for i in sendings if i.meeting_id == cancelled.id), key=lambda i: i.id)
    assert [(i.method, i.notice, i.sequence) for i in mine] == [("REQUEST", "einladung", 0), ("CANCEL", "absage", 1)]


def test_the_audit_trail_tells_what_was_done(demo_store: Store) -> None:
    with demo_store.session() as s:
        actions = Counter(s.scalars(select(AuditEntry.action)))
        meetings = len(s.scalars(select(Meeting.id)).all())
        sendings = len(s.scalars(select(Invitation.id)).all())
        persons = len(s.scalars(select(Person.id)).all())
    assert actions["demo.fill"] == 1
    assert actions["meeting.create"] == meetings
    assert actions["invitation.send"] == sendings
    assert actions["person.create"] == persons
    for action in (
        "settings.office",
        "partner.create",
        "mandate.appoint",
        "mandate.handover",
        "chair.start",
        "agenda.add",
        "agenda.minutes",
        "attendance.stand_in",
        "meeting.status",
        "meeting.minutes_approved",
        "meeting.cancel",
        "election.record",
        "committee.found",
        "membership.add",
        "report.save",
        "action.create",
    ):
        assert actions[action] > 0, action


def test_sending_record_refuses_what_a_sending_refuses(store: Store) -> None:
    """The demo's way into the invitation service: the notice period holds, a time needs its zone."""
    from bezag_desktop.services.meetings import operations as meetings

    fill_demo(store, today=TODAY)
    with store.session() as s:
        plenum = plenum_id(s)
    mid = meetings.create_meeting(
        store, meetings.MeetingInput(committee_id=plenum, start=datetime(2027, 2, 3, 10), end=datetime(2027, 2, 3, 12))
    )
    with pytest.raises(invitations.NoticePeriodError, match="Ladungsfrist"):
        invitations.record_sending(store, mid, sent_at=datetime(2027, 1, 30, 9, tzinfo=UTC))
    with pytest.raises(ValueError, match="time zone"):
        invitations.record_sending(store, mid, sent_at=datetime(2027, 1, 2, 9))
    with store.session() as s:
        assert s.scalar(select(Invitation.id).where(Invitation.meeting_id == mid)) is None
    invitations.record_sending(store, mid, sent_at=datetime(2027, 1, 2, 9, tzinfo=UTC))
    with store.session() as s:
        meeting = s.get(Meeting, mid)
        assert meeting is not None
        assert meeting.status == "eingeladen"


# --- CLI -----------------------------------------------------------------------------------------


def test_cli_demo_fills_and_then_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    assert main(["--db", str(path), "demo", "--today", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "Demodaten für 2025–2026 eingespielt (Stichtag 21.11.2026, Startwert 1)." in out
    assert "Nächste Plenarsitzung (noch nicht eingeladen): 3. Sitzung 2026 am 10.12.2026." in out

    assert main(["--db", str(path), "demo", "--today", "2026-11-21"]) == 1
    err = capsys.readouterr().err
    assert "Fehler: Die Datenbank enthält bereits Daten" in err
    assert "Traceback" not in err


def test_cli_demo_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    assert main(["--db", str(path), "demo", "--years", "3", "--seed", "5", "--today", "01.10.2026"]) == 0
    assert "Demodaten für 2024–2026 eingespielt (Stichtag 01.10.2026, Startwert 5)." in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "b.sqlite"), "demo", "--years", "0"]) == 1
    assert "Zahl der Jahre" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "c.sqlite"), "demo", "--years", "zwei"])
    assert exc.value.code == 2
