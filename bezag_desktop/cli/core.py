"""Core commands: ``init`` (create or upgrade the database)."""

from __future__ import annotations

import argparse

from bezag_desktop.cli.common import Context, Registry


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


def register(reg: Registry) -> None:
    reg.command("init", "Datenbank anlegen oder auf den neuesten Stand bringen", cmd_init)
