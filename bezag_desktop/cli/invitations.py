"""``bezag export ics|eml|invitation``: the calendar file, the Outlook draft and the letter of a meeting.

``ics`` (without ``--publish``) and ``eml`` record a sending like the GUI's button. When the notice
period can no longer be kept (``domain.procedure``: sending on the deadline day is still in time) or the
meeting is past, they stop with the finding ``bezag check`` shows unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from bezag_desktop.cli.common import Context, Registry, output_path
from bezag_desktop.domain.errors import UserError
from bezag_desktop.services.meetings import invitations
from bezag_desktop.services.meetings.invitations import NoticePeriodError, SendResult
from bezag_desktop.services.meetings.minutes import write_docx_or_pdf

_WORDS = {"einladung": "Einladung", "aktualisierung": "Aktualisierung", "absage": "Absage"}


def _report(result: SendResult, what: str) -> None:
    word = "Termin ohne Teilnehmende" if result.invitation_id is None else _WORDS.get(result.notice, result.method)
    recorded = f", als Sendung gespeichert an {result.recipients} Adressen" if result.invitation_id is not None else ""
    print(f"{what} geschrieben: {result.files[0]} ({word}, Sequenz {result.sequence}{recorded}).")
    for note in result.warnings:
        print(f"Warnung: {note}", file=sys.stderr)


def _notice(exc: NoticePeriodError) -> UserError:
    return UserError(f"{exc.warning} Es wurde nichts geschrieben. Mit --force wird die Datei trotzdem erzeugt.")


def _send(args: argparse.Namespace, suffix: str, what: str, export: Callable[[Path], SendResult]) -> int:
    """Write one sending (checked for the notice period unless ``--force``) and say what was recorded."""
    path = output_path(args, suffix)
    try:
        result = export(path)
    except NoticePeriodError as exc:
        raise _notice(exc) from exc
    _report(result, what)
    return 0


def cmd_ics(args: argparse.Namespace, ctx: Context) -> int:
    return _send(
        args,
        ".ics",
        "Kalenderdatei",
        lambda path: invitations.export_ics(ctx.store(), args.id, path, publish=args.publish, confirmed=args.force),
    )


def cmd_eml(args: argparse.Namespace, ctx: Context) -> int:
    return _send(
        args,
        ".eml",
        "E-Mail-Entwurf",
        lambda path: invitations.export_eml(ctx.store(), args.id, path, confirmed=args.force),
    )


def cmd_letter(args: argparse.Namespace, ctx: Context) -> int:
    path = output_path(args, ".docx")
    store = ctx.store(read_only=True)
    # a .pdf name gives the PDF (LibreOffice or Word), as for the minutes (issue 7)
    written = write_docx_or_pdf(lambda p: invitations.export_letter(store, args.id, p), path)
    print(f"Einladungsschreiben geschrieben: {written}")
    return 0


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="auch erzeugen, wenn die Ladungsfrist nicht mehr einzuhalten ist"
    )


def register(reg: Registry) -> None:
    p = reg.meeting_export(
        "ics",
        "Kalenderdatei (.ics) einer Sitzung: Einladung, Aktualisierung oder Absage (wird als Sendung gespeichert)",
        cmd_ics,
        "Zieldatei (.ics)",
    )
    p.add_argument(
        "--publish",
        action="store_true",
        help="Termin ohne Teilnehmende für Webseite oder gemeinsamen Kalender (METHOD:PUBLISH, keine Sendung)",
    )
    _add_force(p)

    p = reg.meeting_export(
        "eml",
        "E-Mail-Entwurf (.eml) für Outlook mit Kalendereinladung, Schreiben und Anlagen (wird als Sendung gespeichert)",
        cmd_eml,
        "Zieldatei (.eml)",
    )
    _add_force(p)

    reg.meeting_export(
        "invitation",
        "Einladungsschreiben (.docx oder .pdf, DIN 5008) einer Sitzung",
        cmd_letter,
        "Zieldatei (.docx oder .pdf)",
    )
