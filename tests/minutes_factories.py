"""Factories for the minutes and list tests: one plenary meeting with everything the minutes show.

Rows are written directly (not through other areas' services), so these tests depend only on the
minutes and list services and the data model.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, event, select

from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    BallotRound,
    BallotVote,
    Body,
    ChairTerm,
    Committee,
    Election,
    ElectionCandidate,
    Meeting,
    Membership,
    Partner,
    Person,
    Setting,
)
from bezag_desktop.domain.text import fold
from bezag_desktop.services.store import Store


@contextlib.contextmanager
def count_queries(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _person(s: Any, first: str, last: str, *, body_id: int | None = None, title: str = "", email: str = "") -> Person:
    mail = email or f"{fold(first)}.{fold(last)}@example.org".replace(" ", "")
    p = Person(
        title=title,
        first_name=first,
        last_name=last,
        email=mail,
        body_id=body_id,
        phone="+49 89 1234-0",
        search_key=fold(" ".join([title, first, last, mail])),
    )
    s.add(p)
    s.flush()
    return p


@dataclass
class Plenary:
    meeting_id: int
    committee_id: int
    body_ids: list[int]
    members: dict[int, int] = field(default_factory=dict)
    deputies: dict[int, int] = field(default_factory=dict)
    public_item_titles: list[str] = field(default_factory=list)
    secret_item_title: str = ""
    resolution: str = ""
    secret_resolution: str = ""


def set_office(store: Store, **values: str) -> None:
    import json

    data = {"name": "Geschäftsstelle der BezAG Sozialplanung", "email": "geschaeftsstelle@bezag.example"}
    data.update(values)
    with store.session() as s:
        row = s.get(Setting, "office")
        if row is None:
            s.add(Setting(key="office", value=json.dumps(data, ensure_ascii=False)))
        else:
            row.value = json.dumps({**json.loads(row.value or "{}"), **data}, ensure_ascii=False)


def plenary_meeting(
    store: Store,
    *,
    status: str = "protokoll_entwurf",
    items: int = 4,
    extra_guests: int = 0,
    title_prefix: str = "Bericht",
    start: datetime = datetime(2026, 7, 2, 10, 0),
) -> Plenary:
    """A held plenary meeting: 24 bodies with member and deputy, two co-chairs, a minute-taker,
    Landkreis 2's deputy standing in ("Jonas Weiß i. V. für Dr. Anna Huber"), one body excused,
    ``items`` public report items, one resolution, one non-public item with a resolution, an
    election with two rounds, and two action items."""
    with store.session() as s:
        plenum = s.scalar(select(Committee).where(Committee.kind == "plenum"))
        assert plenum is not None
        bodies = list(s.scalars(select(Body).order_by(Body.sort_order)))
        plan = Plenary(meeting_id=0, committee_id=plenum.id, body_ids=[b.id for b in bodies])
        for n, b in enumerate(bodies, start=1):
            if n == 2:
                member = _person(s, "Anna", "Huber", body_id=b.id, title="Dr.")
                deputy = _person(s, "Jonas", "Weiß", body_id=b.id)
            else:
                member = _person(s, f"Vorname{n}", f"Mitglied{n:02d}", body_id=b.id)
                deputy = _person(s, f"Vorname{n}", f"Vertretung{n:02d}", body_id=b.id)
            for p, role in ((member, "mitglied"), (deputy, "stellvertretung")):
                s.add(
                    Membership(
                        person_id=p.id, committee_id=plenum.id, body_id=b.id, role=role, start_date=date(2024, 1, 1)
                    )
                )
            plan.members[b.id] = member.id
            plan.deputies[b.id] = deputy.id
        chair_b = plan.members[bodies[0].id]
        chair_k = plan.members[bodies[5].id]
        s.add(ChairTerm(committee_id=plenum.id, side="bezirk", person_id=chair_b, start_date=date(2025, 1, 30)))
        s.add(
            ChairTerm(
                committee_id=plenum.id,
                side="kommunen",
                person_id=chair_k,
                start_date=date(2025, 1, 30),
                end_date=date(2028, 1, 29),
            )
        )
        taker = _person(s, "Eva", "Schreiber")
        m = Meeting(
            committee_id=plenum.id,
            year=start.year,
            number=2,
            kind="ordentlich",
            status=status,
            title=f"2. Sitzung {start.year}",
            start=start,
            end=start.replace(hour=13),
            location_name="Landratsamt Freising",
            location_room="Großer Sitzungssaal",
            location_address="Landshuter Straße 31, 85356 Freising",
            minute_taker_id=taker.id,
        )
        s.add(m)
        s.flush()
        plan.meeting_id = m.id
        for n, b in enumerate(bodies, start=1):
            member_id, deputy_id = plan.members[b.id], plan.deputies[b.id]
            if n == 2:
                s.add(
                    Attendance(
                        meeting_id=m.id,
                        person_id=member_id,
                        body_id=b.id,
                        role="mitglied",
                        status="vertreten",
                        stood_in_by_id=deputy_id,
                    )
                )
                s.add(
                    Attendance(
                        meeting_id=m.id, person_id=deputy_id, body_id=b.id, role="stellvertretung", status="anwesend"
                    )
                )
            elif n == 3:
                s.add(
                    Attendance(
                        meeting_id=m.id, person_id=member_id, body_id=b.id, role="mitglied", status="entschuldigt"
                    )
                )
            else:
                s.add(
                    Attendance(
                        meeting_id=m.id,
                        person_id=member_id,
                        body_id=b.id,
                        role="vorsitz" if member_id in (chair_b, chair_k) else "mitglied",
                        status="online" if n == 4 else "anwesend",
                    )
                )
        for g in range(extra_guests + 1):
            guest = _person(s, f"Gabriele{g}", "Gast")
            s.add(Attendance(meeting_id=m.id, person_id=guest.id, role="gast", status="anwesend"))
        pos = 0
        for i in range(items):
            pos += 1
            title = f"{title_prefix} Nummer {i + 1}"
            plan.public_item_titles.append(title)
            s.add(
                AgendaItem(
                    meeting_id=m.id,
                    position=pos,
                    number=str(pos),
                    title=title,
                    presenter="Referentin Ost",
                    notes="Aussprache über Zahlen.\n\nZweiter Absatz.",
                    result="kenntnis",
                )
            )
        pos += 1
        plan.resolution = "Die Arbeitsgemeinschaft beschließt den gemeinsamen Datenbericht."
        decision = AgendaItem(
            meeting_id=m.id,
            position=pos,
            number=str(pos),
            title="Gemeinsamer Datenbericht",
            kind="beschluss",
            resolution_text=plan.resolution,
            votes_yes=19,
            votes_no=2,
            votes_abstain=1,
            result="beschlossen",
        )
        s.add(decision)
        pos += 1
        plan.secret_item_title = "Personalangelegenheiten der Geschäftsstelle"
        plan.secret_resolution = "Die Stelle wird um zwei Jahre verlängert."
        secret = AgendaItem(
            meeting_id=m.id,
            position=pos,
            number=str(pos),
            title=plan.secret_item_title,
            kind="beschluss",
            public=False,
            resolution_text=plan.secret_resolution,
            unanimous=True,
            result="beschlossen",
        )
        s.add(secret)
        pos += 1
        wahl = AgendaItem(
            meeting_id=m.id,
            position=pos,
            number=str(pos),
            title="Wahl des Vorsitzes",
            kind="wahl",
            result="beschlossen",
        )
        s.add(wahl)
        s.flush()
        cand_a, cand_b = plan.members[bodies[5].id], plan.members[bodies[6].id]
        e = Election(
            meeting_id=m.id,
            agenda_item_id=wahl.id,
            office="vorsitz_kommunen",
            electorate=23,
            status="abgeschlossen",
            elected_person_id=cand_a,
            held_on=start.date(),
            term_start=date(2025, 1, 30),
            term_end=date(2028, 1, 29),
        )
        s.add(e)
        s.flush()
        s.add_all(
            [
                ElectionCandidate(election_id=e.id, person_id=cand_a),
                ElectionCandidate(election_id=e.id, person_id=cand_b),
            ]
        )
        r1 = BallotRound(
            election_id=e.id,
            number=1,
            kind="wahlgang",
            ballots_cast=23,
            invalid=1,
            abstentions=1,
            outcome="Keine Mehrheit.",
        )
        r2 = BallotRound(election_id=e.id, number=2, kind="stichwahl", ballots_cast=22, outcome="Gewählt.")
        s.add_all([r1, r2])
        s.flush()
        s.add_all(
            [
                BallotVote(round_id=r1.id, person_id=cand_a, votes=10),
                BallotVote(round_id=r1.id, person_id=cand_b, votes=11),
                BallotVote(round_id=r2.id, person_id=cand_a, votes=13),
                BallotVote(round_id=r2.id, person_id=cand_b, votes=9),
            ]
        )
        s.add(
            ActionItem(
                committee_id=plenum.id,
                meeting_id=m.id,
                agenda_item_id=decision.id,
                text="Kennzahlen an die Geschäftsstelle melden",
                responsible_body_id=bodies[0].id,
                due_date=date(2026, 10, 30),
                status="offen",
                created_on=start.date(),
            )
        )
        s.add(
            ActionItem(
                committee_id=plenum.id,
                meeting_id=m.id,
                agenda_item_id=secret.id,
                text="Verlängerung vertraulich vorbereiten",
                responsible_person_id=taker.id,
                due_date=date(2027, 1, 15),
                status="in_arbeit",
                created_on=start.date(),
            )
        )
    set_office(store)
    return plan


@dataclass
class WorkingGroup:
    meeting_id: int
    committee_id: int
    partner: str
    partner_member: str
    guest: str


def working_group_meeting(store: Store, *, status: str = "durchgefuehrt") -> WorkingGroup:
    """A held meeting of a working group: a body's member as lead, a member sent by a partner
    organisation, and a guest of another partner."""
    with store.session() as s:
        body = s.scalars(select(Body).order_by(Body.sort_order)).first()
        assert body is not None
        aok = Partner(name="AOK Bayern – Direktion Oberland")
        caritas = Partner(name="Caritasverband Oberland-Isar e.V.")
        s.add_all([aok, caritas])
        s.flush()
        group = Committee(name="AG Pflege", short_name="AG Pflege", kind="arbeitsgruppe", founded_on=date(2025, 7, 3))
        s.add(group)
        s.flush()
        lead = _person(s, "Peter", "Rößler", body_id=body.id)
        partner_member = _person(s, "Josef", "Fößl")
        guest = _person(s, "Gabi", "Gast")
        s.add_all(
            [
                Membership(
                    person_id=lead.id,
                    committee_id=group.id,
                    body_id=body.id,
                    role="sprecher",
                    start_date=date(2025, 7, 3),
                ),
                Membership(
                    person_id=partner_member.id,
                    committee_id=group.id,
                    partner_id=aok.id,
                    role="mitglied",
                    start_date=date(2025, 7, 3),
                ),
            ]
        )
        m = Meeting(
            committee_id=group.id,
            year=2026,
            number=1,
            kind="ordentlich",
            status=status,
            title="1. Sitzung 2026",
            start=datetime(2026, 5, 15, 14, 0),
            end=datetime(2026, 5, 15, 16, 30),
            location_name="Videokonferenz",
        )
        s.add(m)
        s.flush()
        s.add_all(
            [
                Attendance(meeting_id=m.id, person_id=lead.id, body_id=body.id, role="mitglied", status="anwesend"),
                Attendance(
                    meeting_id=m.id, person_id=partner_member.id, partner_id=aok.id, role="mitglied", status="anwesend"
                ),
                Attendance(meeting_id=m.id, person_id=guest.id, partner_id=caritas.id, role="gast", status="anwesend"),
            ]
        )
        s.add(AgendaItem(meeting_id=m.id, position=1, number="1", title="Fragebogen", presenter="Peter Rößler"))
        made = WorkingGroup(m.id, group.id, aok.name, partner_member.display_name, guest.display_name)
    set_office(store)
    return made
