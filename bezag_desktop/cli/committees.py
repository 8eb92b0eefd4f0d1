"""``bezag committees`` and ``bezag partners``: the committees with their current members, the network partners."""

from __future__ import annotations

import argparse

from bezag_desktop.cli.common import Context, Registry, add_json, print_json, print_table
from bezag_desktop.domain.codes import PartnerCategory
from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.timeutil import fmt_date, parse_date
from bezag_desktop.services.groups import partners
from bezag_desktop.services.groups import queries as group_queries


def cmd_committees(args: argparse.Namespace, ctx: Context) -> int:
    on = parse_date(args.on) if args.on else None
    rows = group_queries.list_committees(ctx.store(read_only=True), on)
    if args.kind:
        rows = [r for r in rows if r.kind == args.kind]
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    print_table(
        ["Nr.", "Name", "Art", "Thema", "Gegründet", "Aufgelöst", "Leitung", "Mitglieder", "davon Partner"],
        [
            [
                r.id,
                r.name,
                r.kind_label,
                r.topic,
                fmt_date(r.founded),
                fmt_date(r.dissolved),
                r.lead,
                r.member_count,
                r.partner_count,
            ]
            for r in rows
        ],
    )
    return 0


def cmd_partners(args: argparse.Namespace, ctx: Context) -> int:
    category = None
    if args.category:
        found = PartnerCategory.from_label(args.category)
        if found is None:
            known = ", ".join(c.value for c in PartnerCategory)
            raise UserError(f"Unbekannte Kategorie „{args.category}“. Möglich sind: {known}.")
        category = found.value
    rows = partners.list_partners(ctx.store(read_only=True), active=None if args.all else True, category=category)
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    print_table(
        ["Nr.", "Name", "Kategorie", "Ort", "E-Mail", "Telefon", "Kontakte", "aktiv"],
        [
            [r.id, r.name, r.category_label, r.city, r.email, r.phone, r.contact_count, "ja" if r.active else "nein"]
            for r in rows
        ],
    )
    return 0


def register(reg: Registry) -> None:
    p = reg.command(
        "committees",
        "Gremien (Plenum, Arbeitsgruppen, Netzwerke) mit ihren aktuellen Mitgliedern anzeigen",
        cmd_committees,
    )
    add_json(p)
    p.add_argument("--on", metavar="DATUM", help="Stand an diesem Tag (TT.MM.JJJJ oder JJJJ-MM-TT; Standard: heute)")
    p.add_argument(
        "--kind",
        choices=["plenum", "arbeitsgruppe", "netzwerk"],
        help="nur Gremien dieser Art",
    )
    p = reg.command("partners", "Netzwerkpartner (externe Organisationen) anzeigen", cmd_partners)
    add_json(p)
    p.add_argument("--all", action="store_true", help="auch inaktive Netzwerkpartner")
    p.add_argument("--category", metavar="KATEGORIE", help="nur diese Kategorie (Code oder Bezeichnung)")
