"""Core commands: ``init`` (create or upgrade the database) and ``check`` (integrity and rules, read-only)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from bezag_desktop.cli.common import Context, Registry, print_findings, print_json
from bezag_desktop.domain import findings
from bezag_desktop.domain.errors import UserError
from bezag_desktop.services import checks
from bezag_desktop.services.store import open_store


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store()
    report = store.report
    if report.created:
        print(f"Neue Datenbank angelegt: {store.path} (24 Mitgliedskörperschaften, Plenum, Geschäftsordnung).")
    elif report.migrated_from:
        print(f"Datenbank {store.path} aktualisiert (von Schema {report.migrated_from}); Sicherung: {report.backup}")
    else:
        print(f"Datenbank {store.path} ist aktuell.")
    return 0


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    """Read-only: never creates, locks, migrates or writes. Damaged, foreign or newer files end in exit 1."""
    path = ctx.db_path
    # open_store identifies the file first; foreign, damaged and newer files raise a StoreError here.
    store = open_store(path, read_only=True)
    try:
        outdated = checks.schema_note(store)
        report = checks.integrity(store)
        if not report.ok:
            lines = "\n".join(f"  {p}" for p in report.problems)
            raise UserError(
                f"Die Datenbank {path} ist beschädigt. Sie wurde nicht verändert; "
                f"bitte stellen Sie eine Sicherung wieder her.\n{lines}"
            )
        found: list[checks.Finding] = []
        if outdated is not None:
            found.append(outdated)
        try:
            found.extend(checks.collect_warnings(store))
        except SQLAlchemyError:
            if outdated is None:
                raise
            found.append(checks.rules_not_checked())
    finally:
        store.close()
    if args.json:
        print_json([w.to_json() for w in found])
        return 0
    print(f"Datenbank {path}: Datei in Ordnung (Integrität und Verweise geprüft).")
    if not found:
        print("Keine Warnungen: Die Regeln der Geschäftsordnung sind eingehalten.")
        return 0
    print(f"{findings.summary(found)}:")
    print_findings(found)
    sys.stdout.flush()
    return 0


def register(reg: Registry) -> None:
    reg.command("init", "Datenbank anlegen oder auf den neuesten Stand bringen", cmd_init)
    check = reg.command(
        "check",
        "Datenbank prüfen (nur lesend): Integrität der Datei und Regeln der Geschäftsordnung",
        cmd_check,
    )
    check.add_argument("--json", action="store_true", help="Warnungen als JSON-Liste ausgeben")
