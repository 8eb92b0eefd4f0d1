"""How long the minutes of a large meeting take to write (issue 7: "well under a second").

A meeting with 40 agenda items (every fourth a resolution with a vote, one election with two
ballot rounds), 60 participants across the 24 bodies plus guests, and 20 action items is written
to DOCX with the bundled template, several times; the median is printed. Two figures:

* "Export": the exporter alone, from plain data (``exporters.docx_minutes.write_minutes``);
* "gesamt": what the user waits for, from a database file through ``services.minutes.export_minutes``
  (reading the meeting, its attendance, elections and action items, then writing the file).

Run: python bench/minutes.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from bezag_desktop.config import resources_dir
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
    Person,
)
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.text import fold
from bezag_desktop.exporters.docx_minutes import (
    ActionData,
    Attendee,
    ElectionData,
    ItemData,
    MinutesData,
    QuorumData,
    Signer,
    write_minutes,
)
from bezag_desktop.exporters.election_data import BallotData
from bezag_desktop.services.meetings.minutes import export_minutes
from bezag_desktop.services.store import Store, open_store

BODIES = [f"Landkreis Nummer {i:02d}" for i in range(1, 24)] + ["Bezirk Oberbayern"]
TEMPLATE = resources_dir() / "templates" / "niederschrift.docx"


def big_meeting(items: int = 40, participants: int = 60) -> MinutesData:
    """Synthetic minutes of the size named in issue 7."""
    attendees: list[Attendee] = []
    statuses = ["anwesend", "anwesend", "online", "entschuldigt", "vertreten"]
    for i in range(participants - 6):
        body = BODIES[i % len(BODIES)]
        status = statuses[i % len(statuses)]
        attendees.append(
            Attendee(
                name=f"Dr. Vorname{i} Nachname{i}",
                body=body,
                role="mitglied" if i < len(BODIES) * 2 else "stellvertretung",
                status=status,
                stood_in_by=f"Stellvertretung {i}" if status == "vertreten" else "",
                person_id=i + 1,
                stood_in_by_id=1000 + i if status == "vertreten" else None,
            )
        )
    attendees += [
        Attendee(name=f"Gast {g}", body="", role="gast", status="anwesend", organisation="Caritasverband")
        for g in range(6)
    ]
    election = ElectionData(
        office="Vorsitz der Landkreise und kreisfreien Städte",
        electorate=23,
        candidates=("Maria Berger", "Thomas Huber", "Sabine Lang"),
        rounds=(
            BallotData(1, "wahlgang", 22, 1, 0, (("Maria Berger", 10), ("Thomas Huber", 8), ("Sabine Lang", 3))),
            BallotData(2, "stichwahl", 22, 0, 0, (("Maria Berger", 13), ("Thomas Huber", 9))),
        ),
        elected="Maria Berger",
        term_start=date(2027, 3, 10),
        term_end=date(2030, 3, 9),
    )
    agenda: list[ItemData] = []
    for n in range(1, items + 1):
        resolution = n % 4 == 0
        agenda.append(
            ItemData(
                id=n,
                number=str(n),
                title=f"Tagesordnungspunkt {n}: Bericht zur Versorgungslage und Planung im Bereich {n}",
                kind="beschluss" if resolution else "bericht",
                presenter=f"Referentin {n}",
                public=n % 10 != 0,
                notes=("Die Berichterstatterin stellt die Zahlen vor. Aussprache über Bedarfe.\n\n" * 3).strip(),
                resolution="Die Arbeitsgemeinschaft beschließt die vorgelegte Planung." if resolution else "",
                votes_yes=18 if resolution else None,
                votes_no=2 if resolution else None,
                votes_abstain=1 if resolution else None,
                unanimous=n % 8 == 0,
                result="beschlossen" if resolution else "kenntnis",
                elections=(election,) if n == 5 else (),
            )
        )
    actions = tuple(
        ActionData(
            text=f"Zahlen für Bereich {k} aufbereiten und versenden",
            responsible=f"Person {k}",
            due=date(2027, 4, 1),
            agenda_number=str(k),
            agenda_item_id=k,
        )
        for k in range(1, 21)
    )
    chairs = (Signer("Dr. Anna Huber", "Vorsitz Bezirk"), Signer("Max Müller", "Vorsitz Landkreise/Städte"))
    return MinutesData(
        committee="Bezirksarbeitsgemeinschaft Sozialplanung",
        meeting_title="1. Sitzung 2027",
        meeting_kind="ordentlich",
        start=datetime(2027, 3, 10, 10, 0),
        end=datetime(2027, 3, 10, 15, 30),
        location="Bezirk Oberbayern, Prinzregentenstraße 14, 80538 München",
        approved=False,
        chairs=chairs,
        minute_taker="Eva Schreiber",
        attendees=tuple(attendees),
        bodies=tuple(BODIES),
        quorum=QuorumData(present_bodies=19, required=13, voting_bodies=24),
        items=tuple(agenda),
        actions=actions,
        signers=(*chairs, Signer("Eva Schreiber", "Schriftführung")),
    )


def database_meeting(path: Path, items: int = 40, participants: int = 60) -> tuple[Store, int]:
    """A fresh database with one held plenary meeting of the size named in issue 7."""
    store = open_store(path)
    with store.session() as s:
        plenum = s.scalar(select(Committee).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert plenum is not None
        bodies = list(s.scalars(select(Body).order_by(Body.sort_order)))
        people: list[Person] = []
        for n in range(participants + 1):
            body = bodies[n % len(bodies)] if n < 2 * len(bodies) else None
            email = f"person{n}@bench.example"
            p = Person(
                first_name=f"Vorname{n}",
                last_name=f"Nachname{n}",
                email=email,
                body_id=body.id if body else None,
                search_key=fold(f"Vorname{n} Nachname{n} {email}"),
            )
            s.add(p)
            people.append(p)
        s.flush()
        taker, people = people[-1], people[:-1]
        for n, p in enumerate(people[: 2 * len(bodies)]):
            role = "mitglied" if n < len(bodies) else "stellvertretung"
            s.add(Membership(person_id=p.id, committee_id=plenum.id, body_id=p.body_id, role=role))
        s.add(ChairTerm(committee_id=plenum.id, side="bezirk", person_id=people[0].id, start_date=date(2025, 1, 30)))
        s.add(ChairTerm(committee_id=plenum.id, side="kommunen", person_id=people[5].id, start_date=date(2025, 1, 30)))
        meeting = Meeting(
            committee_id=plenum.id,
            year=2027,
            number=1,
            kind="ordentlich",
            status="protokoll_entwurf",
            title="1. Sitzung 2027",
            start=datetime(2027, 3, 10, 10, 0),
            end=datetime(2027, 3, 10, 15, 30),
            location_name="Bezirk Oberbayern",
            location_address="Prinzregentenstraße 14, 80538 München",
            minute_taker_id=taker.id,
        )
        s.add(meeting)
        s.flush()
        # members: every fifth represented by the deputy standing in, some online, some excused
        statuses = ["anwesend", "anwesend", "online", "entschuldigt", "vertreten"]
        n_bodies = len(bodies)
        for n, p in enumerate(people):
            if p.body_id is None:
                s.add(Attendance(meeting_id=meeting.id, person_id=p.id, role="gast", status="anwesend"))
            elif n < n_bodies:
                status = statuses[n % 5]
                deputy = people[n + n_bodies].id if status == "vertreten" else None
                s.add(
                    Attendance(
                        meeting_id=meeting.id,
                        person_id=p.id,
                        body_id=p.body_id,
                        role="mitglied",
                        status=status,
                        stood_in_by_id=deputy,
                    )
                )
            else:
                standing_in = statuses[(n - n_bodies) % 5] == "vertreten"
                s.add(
                    Attendance(
                        meeting_id=meeting.id,
                        person_id=p.id,
                        body_id=p.body_id,
                        role="stellvertretung",
                        status="anwesend" if standing_in else "entschuldigt",
                    )
                )
        agenda: list[AgendaItem] = []
        for n in range(1, items + 1):
            resolution = n % 4 == 0
            item = AgendaItem(
                meeting_id=meeting.id,
                position=n,
                number=str(n),
                title=f"Tagesordnungspunkt {n}: Bericht zur Versorgungslage und Planung im Bereich {n}",
                kind="wahl" if n == 5 else ("beschluss" if resolution else "bericht"),
                presenter=f"Referentin {n}",
                public=n % 10 != 0,
                notes=("Die Berichterstatterin stellt die Zahlen vor. Aussprache über Bedarfe.\n\n" * 3).strip(),
                resolution_text="Die Arbeitsgemeinschaft beschließt die vorgelegte Planung." if resolution else "",
                votes_yes=18 if resolution else None,
                votes_no=2 if resolution else None,
                votes_abstain=1 if resolution else None,
                result="beschlossen" if resolution else "kenntnis",
            )
            s.add(item)
            agenda.append(item)
        s.flush()
        election = Election(
            meeting_id=meeting.id,
            agenda_item_id=agenda[4].id,
            office="vorsitz_kommunen",
            electorate=23,
            status="abgeschlossen",
            elected_person_id=people[5].id,
            held_on=date(2027, 3, 10),
            term_start=date(2027, 3, 10),
            term_end=date(2030, 3, 9),
        )
        s.add(election)
        s.flush()
        s.add_all(ElectionCandidate(election_id=election.id, person_id=people[k].id) for k in (5, 6))
        rounds = [
            BallotRound(election_id=election.id, number=1, kind="wahlgang", ballots_cast=22, invalid=1),
            BallotRound(election_id=election.id, number=2, kind="stichwahl", ballots_cast=22),
        ]
        s.add_all(rounds)
        s.flush()
        for r, votes in zip(rounds, ((10, 11), (13, 9)), strict=True):
            s.add_all(
                BallotVote(round_id=r.id, person_id=people[k].id, votes=v) for k, v in zip((5, 6), votes, strict=True)
            )
        s.add_all(
            ActionItem(
                committee_id=plenum.id,
                meeting_id=meeting.id,
                agenda_item_id=agenda[k].id,
                text=f"Zahlen für Bereich {k + 1} aufbereiten und versenden",
                responsible_body_id=bodies[k].id,
                due_date=date(2027, 4, 1),
                created_on=date(2027, 3, 10),
            )
            for k in range(20)
        )
        meeting_id = meeting.id
    return store, meeting_id


def measure_database(runs: int = 7) -> list[float]:
    """From the database file to the DOCX, as the user waits for it."""
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        store, meeting_id = database_meeting(Path(tmp) / "bench.sqlite")
        try:
            out = Path(tmp) / "Niederschrift.docx"
            export_minutes(store, meeting_id, out)  # warm-up
            for _ in range(runs):
                t0 = time.perf_counter()
                export_minutes(store, meeting_id, out)
                times.append(time.perf_counter() - t0)
        finally:
            store.close()
    return times


def measure(runs: int = 7) -> list[float]:
    data = big_meeting()
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "Niederschrift.docx"
        write_minutes(data, out, template=TEMPLATE)  # warm-up: imports, first template parse
        for _ in range(runs):
            t0 = time.perf_counter()
            write_minutes(data, out, template=TEMPLATE)
            times.append(time.perf_counter() - t0)
    return times


def _line(label: str, times: list[float]) -> str:
    median = statistics.median(times)
    return (
        f"{label}: Median {median * 1000:.0f} ms über {len(times)} Läufe "
        f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    exporter = measure(args.runs)
    print(_line("Niederschrift (40 TOPs, 60 Teilnehmende), Export", exporter))
    total = measure_database(args.runs)
    print(_line("Niederschrift (40 TOPs, 60 Teilnehmende), gesamt aus der Datenbank", total))
    return 0 if max(statistics.median(exporter), statistics.median(total)) < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
