"""XLSX lists (issue 7, item 3): contacts/distribution lists, the attendance matrix of a year,
open action items and election results. Plain data in, one workbook out; every table goes
through ``xlsx_common.write_table`` so all lists follow FORMATS.md "XLSX".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from bezag_desktop.domain.codes import ActionStatus, AttendanceStatus, BallotKind
from bezag_desktop.domain.rules import PRESENT
from bezag_desktop.exporters import xlsx_common as xc
from bezag_desktop.exporters.atomic_file import replace_atomic
from bezag_desktop.exporters.election_data import BallotData

# ------------------------------------------------------------------------------------ contacts


@dataclass(frozen=True)
class ContactLine:
    name: str
    organisation: str = ""
    role: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    committees: str = ""
    ags: str = ""


@dataclass(frozen=True)
class ContactSheet:
    """One sheet: a committee's distribution list or the list of all contacts."""

    title: str
    rows: tuple[ContactLine, ...]
    #: Show the committees column (the list of all contacts) instead of the role.
    all_contacts: bool = False


CONTACT_HEADERS = ("Name", "Organisation", "AGS", "Rolle", "Funktion", "E-Mail", "Telefon", "Anschrift")
ALL_CONTACT_HEADERS = ("Name", "Organisation", "AGS", "Funktion", "E-Mail", "Telefon", "Anschrift", "Gremien")


def write_contacts(path: str | Path, sheets: Sequence[ContactSheet]) -> Path:
    wb = xc.new_workbook()
    for sheet in sheets:
        ws = xc.add_sheet(wb, sheet.title)
        if sheet.all_contacts:
            rows = [
                (r.name, r.organisation, r.ags, r.function, r.email, r.phone, r.address, r.committees)
                for r in sheet.rows
            ]
            xc.write_table(ws, ALL_CONTACT_HEADERS, rows, text_columns=("AGS", "Telefon"))
        else:
            rows = [
                (r.name, r.organisation, r.ags, r.role, r.function, r.email, r.phone, r.address) for r in sheet.rows
            ]
            xc.write_table(ws, CONTACT_HEADERS, rows, text_columns=("AGS", "Telefon"))
        xc.setup_print(ws, landscape=True)
    if not sheets:
        xc.write_table(xc.add_sheet(wb, "Kontakte"), CONTACT_HEADERS, [])
    return save_workbook(wb, path)


# --------------------------------------------------------------------------- attendance matrix


@dataclass(frozen=True)
class MatrixMeeting:
    title: str
    start: datetime
    #: Whether it took place (counts for the participation rate).
    held: bool


@dataclass(frozen=True)
class MatrixBody:
    name: str
    ags: str
    #: One status per meeting (same order as ``AttendanceMatrix.meetings``): an AttendanceStatus
    #: code, "" for no record.
    cells: tuple[str, ...]


@dataclass(frozen=True)
class AttendanceMatrix:
    committee: str
    year: int
    meetings: tuple[MatrixMeeting, ...]
    bodies: tuple[MatrixBody, ...]


#: How a body's status reads in a cell.
CELL_LABELS = {
    AttendanceStatus.ANWESEND.value: "anwesend",
    AttendanceStatus.ONLINE.value: "online",
    AttendanceStatus.VERTRETEN.value: "vertreten (Stellv.)",
    AttendanceStatus.ENTSCHULDIGT.value: "entschuldigt",
    AttendanceStatus.ABWESEND.value: "abwesend",
    "": "",
}
#: Cell colours (fills) per status.
CELL_FILLS = {
    AttendanceStatus.ANWESEND.value: "C6EFCE",
    AttendanceStatus.ONLINE.value: "DDEBF7",
    AttendanceStatus.VERTRETEN.value: "FFEB9C",
    AttendanceStatus.ENTSCHULDIGT.value: "FCE4D6",
    AttendanceStatus.ABWESEND.value: "FFC7CE",
}
#: Statuses in which a body took part.
REPRESENTED = PRESENT | {AttendanceStatus.VERTRETEN.value}


def participation_rate(body: MatrixBody, meetings: Sequence[MatrixMeeting]) -> float | None:
    """Share of the held meetings in which the body was represented; None when none was held."""
    held = [cell for cell, m in zip(body.cells, meetings, strict=True) if m.held]
    if not held:
        return None
    return sum(1 for c in held if c in REPRESENTED) / len(held)


def meeting_column_title(m: MatrixMeeting) -> str:
    return f"{m.start:%d.%m.%Y} {m.title}"


def write_attendance_matrix(path: str | Path, matrix: AttendanceMatrix) -> Path:
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, f"Anwesenheit {matrix.year}")
    headers = ["Körperschaft", "AGS", *(meeting_column_title(m) for m in matrix.meetings), "Teilnahmequote"]
    rows = []
    rates = []
    for b in matrix.bodies:
        rate = participation_rate(b, matrix.meetings)
        rates.append(rate)
        rows.append([b.name, b.ags, *(CELL_LABELS.get(c, c) for c in b.cells), rate])
    xc.write_table(ws, headers, rows, text_columns=("AGS",))
    first_meeting_col = 3
    rate_col = first_meeting_col + len(matrix.meetings)
    fills = {code: PatternFill("solid", fgColor=color) for code, color in CELL_FILLS.items()}
    for r, b in enumerate(matrix.bodies, start=2):
        for offset, code in enumerate(b.cells):
            if code in fills:
                ws.cell(row=r, column=first_meeting_col + offset).fill = fills[code]
        ws.cell(row=r, column=rate_col).number_format = "0 %"
    for offset in range(len(matrix.meetings)):
        letter = get_column_letter(first_meeting_col + offset)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, 14)
        ws.cell(row=1, column=first_meeting_col + offset).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "C2"  # body names and AGS stay visible while scrolling through the year

    # legend below the table, outside the filter range
    legend_row = len(matrix.bodies) + 3
    ws.cell(row=legend_row, column=1, value="Legende").font = xc.HEADER_FONT
    for i, code in enumerate(CELL_FILLS, start=1):
        cell = ws.cell(row=legend_row + i, column=1, value=CELL_LABELS[code])
        cell.fill = fills[code]
    note = ws.cell(
        row=legend_row + len(CELL_FILLS) + 1,
        column=1,
        value="Teilnahmequote: Anteil der durchgeführten Sitzungen, in denen die Körperschaft vertreten war.",
    )
    note.alignment = Alignment(wrap_text=False)
    xc.setup_print(ws, landscape=True)
    return save_workbook(wb, path)


# -------------------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class ActionLine:
    text: str
    committee: str
    meeting: str
    meeting_date: date | None
    agenda_number: str
    responsible: str
    body: str
    due: date | None
    #: ActionStatus code.
    status: str
    created_on: date | None
    notes: str = ""


ACTION_HEADERS = (
    "Aufgabe",
    "Gremium",
    "Sitzung",
    "Sitzungsdatum",
    "TOP",
    "Zuständig",
    "Körperschaft",
    "Frist",
    "Status",
    "Angelegt am",
    "Bemerkung",
)
OVERDUE_FILL = "FFC7CE"


def write_actions(path: str | Path, actions: Sequence[ActionLine], *, today: date) -> Path:
    """Open action items; overdue ones (due before ``today``) get a red due cell."""
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Offene Aufgaben")
    rows = []
    for a in actions:
        try:
            status = ActionStatus(a.status).label
        except ValueError:
            status = a.status
        rows.append(
            (
                a.text,
                a.committee,
                a.meeting,
                a.meeting_date,
                a.agenda_number,
                a.responsible,
                a.body,
                a.due,
                status,
                a.created_on,
                a.notes,
            )
        )
    xc.write_table(
        ws, ACTION_HEADERS, rows, date_columns=("Sitzungsdatum", "Frist", "Angelegt am"), text_columns=("TOP",)
    )
    fill = PatternFill("solid", fgColor=OVERDUE_FILL)
    due_col = ACTION_HEADERS.index("Frist") + 1
    for r, a in enumerate(actions, start=2):
        if a.due is not None and a.due < today:
            ws.cell(row=r, column=due_col).fill = fill
    xc.setup_print(ws, landscape=True)
    return save_workbook(wb, path)


# ------------------------------------------------------------------------------------ elections


@dataclass(frozen=True)
class ElectionLine:
    held_on: date | None
    committee: str
    meeting: str
    office: str
    electorate: int
    candidates: tuple[str, ...]
    elected: str
    term_start: date | None
    term_end: date | None
    #: ElectionStatus label.
    status: str
    rounds: tuple[BallotData, ...] = ()


ELECTION_HEADERS = (
    "Datum",
    "Gremium",
    "Sitzung",
    "Amt",
    "Stimmberechtigt",
    "Bewerbungen",
    "Wahlgänge",
    "Gewählt",
    "Amtszeit von",
    "Amtszeit bis",
    "Status",
)
ROUND_HEADERS = (
    "Datum",
    "Amt",
    "Wahlgang",
    "Art",
    "Abgegeben",
    "Leer",
    "Ungültig",
    "Gültig",
    "Bewerbung",
    "Stimmen",
    "Los",
    "Ergebnis",
)


def write_election_results(path: str | Path, elections: Sequence[ElectionLine]) -> Path:
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Wahlen")
    xc.write_table(
        ws,
        ELECTION_HEADERS,
        [
            (
                e.held_on,
                e.committee,
                e.meeting,
                e.office,
                e.electorate,
                ", ".join(e.candidates),
                len(e.rounds),
                e.elected,
                e.term_start,
                e.term_end,
                e.status,
            )
            for e in elections
        ],
        date_columns=("Datum", "Amtszeit von", "Amtszeit bis"),
    )
    xc.setup_print(ws, landscape=True)
    ws2 = xc.add_sheet(wb, "Wahlgänge")
    rows: list[tuple[object, ...]] = []
    for e in elections:
        for r in e.rounds:
            base = (e.held_on, e.office, r.number, r.kind_label, r.ballots_cast, r.abstentions, r.invalid, r.valid)
            if r.kind == BallotKind.JA_NEIN.value:
                cand = e.candidates[0] if e.candidates else ""
                rows.append((*base, f"{cand}: Ja", r.yes_votes, r.lot_winner, r.outcome))
                rows.append((*base, f"{cand}: Nein", r.no_votes, "", ""))
            elif r.votes:
                for i, (name, votes) in enumerate(r.votes):
                    first = i == 0
                    rows.append((*base, name, votes, r.lot_winner if first else "", r.outcome if first else ""))
            else:
                rows.append((*base, "", None, r.lot_winner, r.outcome))
    xc.write_table(ws2, ROUND_HEADERS, rows, date_columns=("Datum",))
    xc.setup_print(ws2, landscape=True)
    return save_workbook(wb, path)


# --------------------------------------------------------------------------------------- saving


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save atomically; German message when Excel still has the file open."""
    return replace_atomic(path, wb.save, program="Excel")
