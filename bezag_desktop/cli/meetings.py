"""``bezag meetings``: list meetings; ``meetings show|reschedule|cancel|set-status ID``.

``meetings`` is both a list command (with ``--json``, ``--committee``, ``--year``, ``--status``)
and a group with sub-commands; the sub-command is optional.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from bezag_desktop.cli.common import (
    Context,
    GermanArgumentParser,
    Handler,
    Registry,
    add_json,
    print_findings,
    print_json,
    print_table,
)
from bezag_desktop.domain.codes import AgendaResult, MeetingKind, MeetingStatus
from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.findings import Ref
from bezag_desktop.domain.timeutil import fmt_date, fmt_datetime, fmt_time, parse_local
from bezag_desktop.services import checks, meetings

GROUP_HELP = "Sitzungen anzeigen, verlegen, absagen und ihren Status ändern"


#: The status codes ``--status`` and ``set-status`` accept (as ``bezag meetings`` shows them).
_STATUSES = [s.value for s in MeetingStatus]


def _when(row: meetings.MeetingRow | meetings.MeetingDetail) -> str:
    text = fmt_datetime(row.start)
    if row.end is not None:
        text = f"{fmt_date(row.start)} {fmt_time(row.start)}–{fmt_time(row.end)} Uhr"
        if row.end.date() != row.start.date():
            text = f"{fmt_datetime(row.start)} bis {fmt_datetime(row.end)}"
    return text


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = meetings.list_meetings(
        ctx.store(read_only=True), committee=args.committee, year=args.year, status=args.status
    )
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("Keine Sitzungen gefunden.")
        return 0
    print_table(
        ["Nr.", "Gremium", "Titel", "Termin", "Ort", "Status"],
        [[r.id, r.committee, r.title, _when(r), r.location or r.online_url, r.status_label] for r in rows],
    )
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store(read_only=True)
    d = meetings.meeting_detail(store, args.id)
    # exactly what ``bezag check`` reports about this meeting
    warnings = checks.findings_about(store, Ref.meeting(d.id))
    if args.json:
        print_json({**d.to_json(), "warnings": [w.to_json() for w in warnings]})
        return 0
    print(f"{d.title} – {d.committee}")
    print(f"Termin:      {_when(d)}")
    if d.location:
        print(f"Ort:         {d.location}")
    if d.online_url:
        print(f"Online:      {d.online_url}")
    print(f"Art:         {MeetingKind(d.kind).label}")
    print(f"Status:      {d.status_label}")
    if d.minute_taker:
        print(f"Schriftführung: {d.minute_taker}")
    print(f"Kalender:    UID {d.uid}, Sequenz {d.sequence}")
    print(d.quorum_label)
    if warnings:
        print()
        print("Hinweise und Warnungen (Geschäftsordnung)")
        print_findings(warnings)
    print()
    print("Tagesordnung")
    if d.agenda:
        print_table(
            ["TOP", "Titel", "Art", "Vortrag", "Abstimmung", "Ergebnis"],
            [
                [
                    a.number,
                    ("  " * a.depth) + a.title,
                    a.kind_label,
                    a.presenter,
                    a.vote_text,
                    "" if a.result is None else _result_label(a.result),
                ]
                for a in d.agenda
            ],
        )
    else:
        print("(noch keine Tagesordnungspunkte)")
    print()
    print("Anwesenheit")
    if d.attendance:
        print_table(
            ["Person", "Körperschaft/Organisation", "Rolle", "Rückmeldung", "Status"],
            [[a.person, a.organisation, a.role_label, a.reply_label, a.status_label] for a in d.attendance],
        )
    else:
        print("(noch keine Anwesenheitsliste)")
    return 0


def _result_label(code: str) -> str:
    return AgendaResult(code).label


def _date_time(text: str, option: str) -> datetime:
    """ISO 8601 date and time (Berlin wall time unless it carries an offset); a bare date is refused."""
    value = parse_local(text)
    if "T" not in text.strip().upper() and " " not in text.strip():
        raise UserError(
            f"{option} „{text}“ enthält keine Uhrzeit. Bitte Datum und Uhrzeit angeben, z. B. 2027-03-10T14:00."
        )
    return value


def cmd_reschedule(args: argparse.Namespace, ctx: Context) -> int:
    start = _date_time(args.start, "--start")
    end = _date_time(args.end, "--end") if args.end else None
    store = ctx.store()
    before = meetings.meeting_detail(store, args.id)
    result = meetings.reschedule(store, args.id, start, end, args.location)
    d = meetings.meeting_detail(store, result.meeting_id)
    if (before.start, before.end, before.location, before.online_url) == (d.start, d.end, d.location, d.online_url):
        print(f"{d.title} ({d.committee}) ist bereits am {_when(d)} angesetzt; nichts geändert.")
        return 0
    print(
        f"{d.title} ({d.committee}) findet jetzt am {_when(d)} statt" + (f", Ort: {d.location}." if d.location else ".")
    )
    _say_sequence(result, "die aktualisierte Einladung")
    return 0


def _say_sequence(result: meetings.SaveResult, send: str) -> None:
    """After a change to a meeting already invited to: its calendar sequence went up, the change must go out."""
    if result.sequence_raised:
        print(f"Es wurde bereits eingeladen: Die Kalender-Sequenz ist jetzt {result.sequence}. Bitte {send} versenden.")


def cmd_cancel(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store()
    result = meetings.cancel(store, args.id)
    d = meetings.meeting_detail(store, result.meeting_id)
    print(f"{d.title} ({d.committee}) am {fmt_date(d.start)} ist abgesagt.")
    _say_sequence(result, "die Absage an alle Eingeladenen")
    return 0


def cmd_set_status(args: argparse.Namespace, ctx: Context) -> int:
    """The status through the same operation as the meeting editor's form (workflow, cancellation)."""
    store = ctx.store()
    before = meetings.meeting_detail(store, args.id)
    form = meetings.MeetingForm(before.id, meetings.details_of(before), status=args.status)
    result = meetings.save_meeting_form(store, form)
    d = meetings.meeting_detail(store, result.meeting_id)
    if not result.changed:
        print(f"{d.title} ({d.committee}) hat bereits den Status „{d.status_label}“; nichts geändert.")
        return 0
    print(f"{d.title} ({d.committee}) am {fmt_date(d.start)}: Status jetzt „{d.status_label}“.")
    _say_sequence(result, "die Absage an alle Eingeladenen")
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Sitzungsnummer") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Sitzungsnummer")
    return value


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Jahreszahl (JJJJ)") from None
    if not 1900 <= value <= 2999:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Jahreszahl (JJJJ)")
    return value


def register(reg: Registry) -> None:
    parser, _sub = reg.group("meetings", GROUP_HELP)
    parser.description = (
        "Sitzungen aller Gremien auflisten (ohne Unterbefehl) oder mit einem Unterbefehl "
        "eine Sitzung anzeigen, verlegen, absagen oder ihren Status ändern."
    )
    add_json(parser)
    parser.add_argument("--committee", metavar="NAME", help="nur dieses Gremium (Name oder Kurzname)")
    parser.add_argument("--year", metavar="JJJJ", type=_year, help="nur dieses Kalenderjahr")
    parser.add_argument(
        "--status",
        choices=_STATUSES,
        metavar="STATUS",
        help="nur Sitzungen mit diesem Status: " + ", ".join(_STATUSES),
    )
    parser.set_defaults(func=cmd_list)

    show = _meeting_command(reg, "show", "Eine Sitzung mit Tagesordnung und Anwesenheit", cmd_show)
    add_json(show)

    move = _meeting_command(reg, "reschedule", "Eine Sitzung verlegen (neue Zeit, optional neuer Ort)", cmd_reschedule)
    move.add_argument(
        "--start",
        required=True,
        metavar="ISO",
        help="neuer Beginn, z. B. 2027-03-10T14:00 (Ortszeit Europe/Berlin, außer mit Zeitzonenangabe)",
    )
    move.add_argument("--end", metavar="ISO", help="neues Ende; ohne Angabe bleibt die Dauer gleich")
    move.add_argument("--location", metavar="TEXT", help="neuer Ort")

    _meeting_command(reg, "cancel", "Eine Sitzung absagen", cmd_cancel)

    status = _meeting_command(
        reg, "set-status", "Den Status einer Sitzung ändern (wie im Sitzungsfenster)", cmd_set_status
    )
    status.add_argument(
        "status",
        choices=_STATUSES,
        metavar="STATUS",
        help="neuer Status: " + ", ".join(_STATUSES),
    )


def _meeting_command(reg: Registry, name: str, help_text: str, handler: Handler) -> GermanArgumentParser:
    """A ``bezag meetings`` subcommand about one meeting: every one takes its number first."""
    parser = reg.subcommand("meetings", GROUP_HELP, name, help_text, handler)
    parser.add_argument("id", metavar="ID", type=_positive_int, help="Nummer der Sitzung (aus „bezag meetings“)")
    return parser
