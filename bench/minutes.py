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

from sqlalchemy.orm import Session

from bezag_desktop.config import resources_dir
from bezag_desktop.exporters.docx_minutes import (
    ActionData,
    Attendee,
    ElectionData,
    ItemData,
    MinutesData,
    QuorumData,
    write_minutes,
)
from bezag_desktop.exporters.election_data import BallotData
from bezag_desktop.exporters.invitation import Signatory
from bezag_desktop.services.meetings.minutes import export_minutes
from bezag_desktop.services.store import Store, open_store

# The test data has one home, tests/factories.py. Run as ``python bench/minutes.py``, the script sees
# bench/ as sys.path[0]; the repository root is added so that the factories import as ``tests.factories``.
REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.factories import (  # noqa: E402 - importable only after the path above
    Round,
    add_action_item,
    add_agenda_item,
    add_attendance,
    add_chair,
    add_election,
    add_mandate,
    add_meeting,
    add_person,
    body_ids,
)

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
    chairs = (Signatory("Dr. Anna Huber", "Vorsitz Bezirk"), Signatory("Max Müller", "Vorsitz Landkreise/Städte"))
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
        signers=(*chairs, Signatory("Eva Schreiber", "Schriftführung")),
    )


def database_meeting(path: Path, items: int = 40, participants: int = 60) -> tuple[Store, int]:
    """A fresh database with one held plenary meeting of the size named in issue 7."""
    store = open_store(path)
    with store.session() as s:
        bodies = body_ids(s)
        n_bodies = len(bodies)
        # Two persons per body (member, deputy), the rest guests without a body, and the minute-taker.
        homes = [bodies[n % n_bodies] if n < 2 * n_bodies else None for n in range(participants + 1)]
        people = [
            add_person(
                s,
                first=f"Vorname{n}",
                last=f"Nachname{n}",
                email=f"person{n}@bench.example",
                body_id=homes[n],
            )
            for n in range(participants + 1)
        ]
        taker, people = people[-1], people[:-1]
        for n, pid in enumerate(people[: 2 * n_bodies]):
            role = "mitglied" if n < n_bodies else "stellvertretung"
            add_mandate(s, person_id=pid, body_id=homes[n], role=role, start=None)
        add_chair(s, person_id=people[0], side="bezirk", start=date(2025, 1, 30))
        add_chair(s, person_id=people[5], side="kommunen", start=date(2025, 1, 30))
        meeting_id = add_meeting(
            s,
            datetime(2027, 3, 10, 10, 0),
            number=1,
            status="protokoll_entwurf",
            title="1. Sitzung 2027",
            hours=5.5,
            location_address="Prinzregentenstraße 14, 80538 München",
            minute_taker_id=taker,
        )
        # members: every fifth represented by the deputy standing in, some online, some excused
        statuses = ["anwesend", "anwesend", "online", "entschuldigt", "vertreten"]
        for n, pid in enumerate(people):
            body = homes[n]
            if body is None:
                add_attendance(s, meeting_id=meeting_id, person_id=pid, role="gast")
            elif n < n_bodies:
                status = statuses[n % 5]
                deputy = people[n + n_bodies] if status == "vertreten" else None
                add_attendance(
                    s, meeting_id=meeting_id, person_id=pid, body_id=body, status=status, stood_in_by_id=deputy
                )
            else:
                standing_in = statuses[(n - n_bodies) % 5] == "vertreten"
                status = "anwesend" if standing_in else "entschuldigt"
                add_attendance(
                    s, meeting_id=meeting_id, person_id=pid, body_id=body, role="stellvertretung", status=status
                )
        agenda = [_bench_item(s, meeting_id, n) for n in range(1, items + 1)]
        add_election(
            s,
            meeting_id=meeting_id,
            agenda_item_id=agenda[4],
            candidates=(people[5], people[6]),
            rounds=(Round("wahlgang", 22, (10, 11), invalid=1), Round("stichwahl", 22, (13, 9))),
            elected=people[5],
            held_on=date(2027, 3, 10),
            term=(date(2027, 3, 10), date(2030, 3, 9)),
        )
        for k in range(20):
            add_action_item(
                s,
                meeting_id=meeting_id,
                agenda_item_id=agenda[k],
                text=f"Zahlen für Bereich {k + 1} aufbereiten und versenden",
                responsible_body_id=bodies[k],
                due_date=date(2027, 4, 1),
                created_on=date(2027, 3, 10),
            )
    return store, meeting_id


def _bench_item(s: Session, meeting_id: int, n: int) -> int:
    """Item ``n``: an election as item 5, every fourth a resolution with a vote, every tenth not public."""
    resolution = n % 4 == 0
    return add_agenda_item(
        s,
        meeting_id=meeting_id,
        title=f"Tagesordnungspunkt {n}: Bericht zur Versorgungslage und Planung im Bereich {n}",
        kind="wahl" if n == 5 else ("beschluss" if resolution else "bericht"),
        number=str(n),
        result="beschlossen" if resolution else "kenntnis",
        presenter=f"Referentin {n}",
        public=n % 10 != 0,
        notes=("Die Berichterstatterin stellt die Zahlen vor. Aussprache über Bedarfe.\n\n" * 3).strip(),
        resolution_text="Die Arbeitsgemeinschaft beschließt die vorgelegte Planung." if resolution else "",
        votes_yes=18 if resolution else None,
        votes_no=2 if resolution else None,
        votes_abstain=1 if resolution else None,
    )


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
