"""``bezag export …`` for the minutes, the attendance sheet, the minutes e-mail and the XLSX lists."""

from __future__ import annotations

import argparse

from bezag_desktop.cli.common import Context, Registry, add_output, output_path
from bezag_desktop.services import lists
from bezag_desktop.services.meetings import minutes


def _minutes(args: argparse.Namespace, ctx: Context) -> int:
    path = minutes.export_minutes(ctx.store(read_only=True), args.id, output_path(args), public=args.public)
    kind = "PDF" if path.suffix.lower() == ".pdf" else "DOCX"
    version = " (öffentliche Fassung)" if args.public else ""
    print(f"Niederschrift{version} als {kind} geschrieben: {path}")
    return 0


def _sheet(args: argparse.Namespace, ctx: Context) -> int:
    path = minutes.export_attendance_sheet(ctx.store(read_only=True), args.id, output_path(args))
    print(f"Anwesenheitsliste geschrieben: {path}")
    return 0


def _minutes_eml(args: argparse.Namespace, ctx: Context) -> int:
    with_pdf = {"auto": None, "ja": True, "nein": False}[args.pdf]
    result = minutes.export_minutes_eml(
        ctx.store(read_only=True), args.id, output_path(args), public=args.public, with_pdf=with_pdf
    )
    print(f"E-Mail-Entwurf geschrieben: {result.path}")
    print(f"An {result.recipients} Empfänger; Anhänge: {', '.join(result.attachments)}")
    if result.without_email:
        print(f"Hinweis: {result.without_email_text}")
    if result.note:
        print(f"Hinweis: {result.note}")
    return 0


def _report(result: lists.ListResult, what: str) -> None:
    print(f"{what} geschrieben: {result.path} ({result.summary})")


def _contacts(args: argparse.Namespace, ctx: Context) -> int:
    committee: int | str | None = args.committee
    if isinstance(committee, str) and committee.strip().isdigit():
        committee = int(committee)
    _report(lists.export_contacts(ctx.store(read_only=True), output_path(args), committee), "Kontaktliste")
    return 0


def _attendance(args: argparse.Namespace, ctx: Context) -> int:
    result = lists.export_attendance_matrix(ctx.store(read_only=True), output_path(args), args.year, args.committee)
    _report(result, "Anwesenheitsmatrix")
    return 0


def _actions(args: argparse.Namespace, ctx: Context) -> int:
    _report(lists.export_actions(ctx.store(read_only=True), output_path(args)), "Offene Aufgaben")
    return 0


def _elections(args: argparse.Namespace, ctx: Context) -> int:
    _report(lists.export_election_results(ctx.store(read_only=True), output_path(args)), "Wahlergebnisse")
    return 0


def register(reg: Registry) -> None:
    p = reg.meeting_export(
        "minutes",
        "Niederschrift einer Sitzung als DOCX (oder PDF bei Dateiendung .pdf)",
        _minutes,
        "Zieldatei, .docx oder .pdf",
    )
    p.add_argument("--public", action="store_true", help="öffentliche Fassung ohne nichtöffentliche TOPs")

    reg.meeting_export(
        "attendance-sheet", "Anwesenheitsliste zum Unterschreiben (DOCX oder PDF)", _sheet, "Zieldatei, .docx oder .pdf"
    )

    p = reg.meeting_export(
        "minutes-eml", "E-Mail-Entwurf (.eml) mit der Niederschrift an den Verteiler", _minutes_eml, "Zieldatei, .eml"
    )
    p.add_argument("--public", action="store_true", help="öffentliche Fassung anhängen")
    p.add_argument(
        "--pdf",
        choices=("auto", "ja", "nein"),
        default="auto",
        help="PDF zusätzlich anhängen: auto (wenn LibreOffice oder Word vorhanden), ja, nein",
    )

    p = reg.export("contacts", "Kontakt- und Verteilerliste als XLSX", _contacts)
    add_output(p, "Zieldatei, .xlsx")
    p.add_argument("--committee", metavar="NAME", help="nur der Verteiler dieses Gremiums (Name, Kurzname oder Nummer)")

    p = reg.export("attendance", "Anwesenheitsmatrix eines Jahres (Körperschaften × Sitzungen) als XLSX", _attendance)
    p.add_argument("--year", type=int, required=True, metavar="JJJJ", help="Kalenderjahr")
    add_output(p, "Zieldatei, .xlsx")
    p.add_argument("--committee", metavar="NAME", help="Gremium (Standard: Plenum)")

    p = reg.export("actions", "Offene Aufgaben (Beschlusskontrolle) als XLSX", _actions)
    add_output(p, "Zieldatei, .xlsx")

    p = reg.export("elections", "Wahlergebnisse mit allen Wahlgängen als XLSX", _elections)
    add_output(p, "Zieldatei, .xlsx")
