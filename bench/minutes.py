"""How long the minutes of a large meeting take to write (issue 7: "well under a second").

A meeting with 40 agenda items (every fourth a resolution with a vote, one election with two
ballot rounds), 60 participants across the 24 bodies plus guests, and 20 action items is written
to DOCX with the bundled template, several times; the median is printed.

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

from bezag_desktop.config import resources_dir
from bezag_desktop.exporters.docx_minutes import (
    ActionData,
    Attendee,
    BallotData,
    ElectionData,
    ItemData,
    MinutesData,
    QuorumData,
    Signer,
    write_minutes,
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    times = measure(args.runs)
    median = statistics.median(times)
    print(
        f"Niederschrift (40 TOPs, 60 Teilnehmende): Median {median * 1000:.0f} ms "
        f"über {len(times)} Läufe (min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)"
    )
    return 0 if median < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
