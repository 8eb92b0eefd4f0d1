"""``bezag demo``: fill an empty database with deterministic demo data."""

from __future__ import annotations

import argparse

from bezag_desktop.cli.common import Context, Registry
from bezag_desktop.demo.build import MAX_YEARS, fill_demo


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store()
    summary = fill_demo(store, years=args.years, seed=args.seed, today=args.today)
    print(f"Datenbank: {store.path}")
    for line in summary.lines:
        print(line)
    return 0


def register(reg: Registry) -> None:
    parser = reg.command(
        "demo",
        "eine leere Datenbank mit erfundenen Demodaten füllen (gleicher Startwert und Stichtag ergeben gleiche Daten)",
        cmd_demo,
    )
    parser.add_argument(
        "--years",
        type=int,
        default=2,
        metavar="N",
        help=f"Zahl der Jahre mit Sitzungen, endend mit dem Jahr des Stichtags (1 bis {MAX_YEARS}, Standard: 2)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="Startwert des Zufallsgenerators (Standard: 1)"
    )
    parser.add_argument(
        "--today",
        metavar="JJJJ-MM-TT",
        help="Stichtag der Demodaten (Standard: heute bzw. BEZAG_TODAY); auch TT.MM.JJJJ",
    )
