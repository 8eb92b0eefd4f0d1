"""Representatives and the joint chair on the command line: bodies, chairs, the Excel import and its template."""

from __future__ import annotations

import argparse
from pathlib import Path

from bezag_desktop.cli.common import Context, Registry, add_json, add_output, print_json, print_table
from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.timeutil import fmt_date


def cmd_bodies(args: argparse.Namespace, ctx: Context) -> int:
    from bezag_desktop.services.representation.bodies import list_bodies

    rows = list_bodies(ctx.store(read_only=True))
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    print_table(
        ["Nr.", "Körperschaft", "Art", "AGS", "Mitglied(er)", "Stellvertretung(en)", "Lücken"],
        [[r.id, r.name, r.kind_label, r.ags, r.member_names, r.deputy_names, r.gap_text] for r in rows],
    )
    return 0


def cmd_chairs(args: argparse.Namespace, ctx: Context) -> int:
    from bezag_desktop.services.representation.chairs import list_chairs

    rows = list_chairs(ctx.store(read_only=True))
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("Es sind noch keine Amtszeiten des Vorsitzes eingetragen.")
        return 0
    print_table(
        ["Seite", "Person", "Beginn", "Ende", "Status", "Herkunft"],
        [[r.side_label, r.person, fmt_date(r.start), fmt_date(r.end) or "offen", r.status, r.origin] for r in rows],
    )
    return 0


def cmd_import_representatives(args: argparse.Namespace, ctx: Context) -> int:
    from bezag_desktop.services.representation.importing import import_representatives

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Erwartet wird eine Excel-Datei (.xlsx), nicht „{path.name}“.")
    result = import_representatives(ctx.store(), path, dry_run=args.dry_run)
    print_table(
        ["Zeile", "Körperschaft", "Rolle", "Person", "E-Mail", "Aktion", "Einzelheiten"],
        [[r.row, r.body, r.role_label, r.person, r.email, r.action_text, r.details] for r in result.rows],
    )
    print()
    print(result.summary)
    return 0


def cmd_export_template(args: argparse.Namespace, ctx: Context) -> int:
    from bezag_desktop.services.representation.importing import write_template

    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Der Ordner {out.parent} kann nicht angelegt werden ({exc.strerror}).") from exc
    try:
        write_template(ctx.store(read_only=True), out)
    except PermissionError as exc:
        raise UserError(f"{out} kann nicht geschrieben werden (ist die Datei in Excel geöffnet?).") from exc
    print(f"Vorlage gespeichert: {out}")
    return 0


def register(reg: Registry) -> None:
    p = reg.command("bodies", "Die Mitgliedskörperschaften mit ihren aktuellen Mitgliedern und Stellvertretungen")
    add_json(p)
    p.set_defaults(func=cmd_bodies)

    p = reg.command("chairs", "Amtszeiten des gemeinsamen Vorsitzes (aktuelle und frühere)")
    add_json(p)
    p.set_defaults(func=cmd_chairs)

    p = reg.import_(
        "representatives",
        "Vertretungen aus einer Excel-Datei übernehmen (Vorlage: bezag export template representatives)",
        cmd_import_representatives,
    )
    p.add_argument("file", metavar="DATEI.xlsx", help="die ausgefüllte Vorlage")
    p.add_argument("--dry-run", action="store_true", help="nur prüfen und zeigen, was sich ändern würde")

    p = reg.export("template", "Leere Vorlagen für den Import erzeugen", cmd_export_template)
    p.add_argument("kind", choices=["representatives"], metavar="ART", help="representatives: Vertretungen")
    add_output(p, "Zieldatei", "DATEI.xlsx")
