"""Import representatives from Excel (``bezag import representatives FILE.xlsx [--dry-run]``).

Every row is validated before anything is written; each error names its row (as Excel numbers it) and
column in German; nothing is imported unless all rows are valid. Persons are matched by e-mail address
(a known person is updated, never duplicated); the mandates go to the plenary. A row for a seat that
another person holds is an error naming the holder (handovers are made in the window); a row that
repeats an existing mandate changes nothing, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Body, Membership, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import BodyKind, FormOfAddress, MembershipRole
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.rules import RulesOfProcedure
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, parse_date, today
from bezag_desktop.exporters.xlsx_representatives_template import COLUMNS, MAIN_SHEET, TemplateBody
from bezag_desktop.services.audit import audit
from bezag_desktop.services.groups import plenum_id
from bezag_desktop.services.representation.bodies import BodyKey, body_keys_in, resolve_body
from bezag_desktop.services.representation.mandates import (
    PLENUM_ROLES,
    appoint_in,
    mandate_rows_in,
    seat_holders_text,
    seats_for,
)
from bezag_desktop.services.representation.people import (
    PersonInput,
    create_person_in,
    update_person_in,
    validate_person,
)
from bezag_desktop.services.settings import is_valid_email, rules_in
from bezag_desktop.services.store import Store, operation

#: Other spellings accepted in the header row (folded).
_HEADER_ALIASES = {
    "korperschaft": "Körperschaft",
    "ags": "Körperschaft",
    "rolle": "Rolle",
    "anrede": "Anrede",
    "titel": "Titel",
    "vorname": "Vorname",
    "nachname": "Nachname",
    "name": "Nachname",
    "funktion": "Funktion",
    "e-mail": "E-Mail",
    "email": "E-Mail",
    "e-mail-adresse": "E-Mail",
    "mail": "E-Mail",
    "telefon": "Telefon",
    "tel.": "Telefon",
    "beginn": "Beginn",
    "ab": "Beginn",
}
_ROLE_WORDS = {
    "mitglied": MembershipRole.MITGLIED.value,
    "stellvertretung": MembershipRole.STELLVERTRETUNG.value,
    "stellvertreter": MembershipRole.STELLVERTRETUNG.value,
    "stellvertreterin": MembershipRole.STELLVERTRETUNG.value,
    "stellv.": MembershipRole.STELLVERTRETUNG.value,
}
_ADDRESS_WORDS = {"frau": "frau", "herr": "herr", "neutral": "neutral", "": "neutral"}
_PERSON_FIELDS = {
    "last_name": "Nachname",
    "first_name": "Vorname",
    "title": "Titel",
    "function": "Funktion",
    "email": "E-Mail",
    "phone": "Telefon",
    "form_of_address": "Anrede",
}


@dataclass(frozen=True)
class ImportIssue:
    """One error: the row as Excel numbers it, the column letter and header, the German message."""

    row: int
    column: str
    header: str
    message: str

    @property
    def text(self) -> str:
        where = f"Zeile {self.row}"
        if self.column:
            where += f", Spalte {self.column} „{self.header}“"
        return f"{where}: {self.message}"


class ImportRefused(ValidationError):
    """The file has errors; nothing was imported. ``issues`` lists them all."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        count = "1 Fehler" if len(issues) == 1 else f"{len(issues)} Fehler"
        lines = "\n".join(f"• {i.text}" for i in issues)
        super().__init__(f"Die Datei wurde nicht importiert ({count}); es wurde nichts geändert.\n{lines}")
        self.issues = tuple(issues)


@dataclass(frozen=True)
class PlannedRow:
    """What the import does (or would do) with one row."""

    row: int
    body: str
    role: str
    person: str
    email: str
    #: "neu", "aktualisiert" or "unverändert" for the person.
    person_action: str
    #: "neu" or "besteht" for the mandate.
    mandate_action: str
    #: German details: changed fields, the mandate's start.
    details: str

    @property
    def role_label(self) -> str:
        return MembershipRole(self.role).label

    @property
    def changes_something(self) -> bool:
        return self.person_action != "unverändert" or self.mandate_action == "neu"

    @property
    def action_text(self) -> str:
        if not self.changes_something:
            return "unverändert"
        parts = []
        if self.person_action == "neu":
            parts.append("Person neu")
        elif self.person_action == "aktualisiert":
            parts.append("Person aktualisiert")
        parts.append("Mandat neu" if self.mandate_action == "neu" else "Mandat besteht")
        return ", ".join(parts)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    dry_run: bool
    rows: tuple[PlannedRow, ...]

    @property
    def persons_added(self) -> int:
        return sum(1 for r in self.rows if r.person_action == "neu")

    @property
    def persons_updated(self) -> int:
        return sum(1 for r in self.rows if r.person_action == "aktualisiert")

    @property
    def mandates_added(self) -> int:
        return sum(1 for r in self.rows if r.mandate_action == "neu")

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if not r.changes_something)

    @property
    def summary(self) -> str:
        rows = "1 Zeile" if len(self.rows) == 1 else f"{len(self.rows)} Zeilen"
        text = (
            f"{rows} geprüft – neue Personen: {self.persons_added}, aktualisierte Personen: "
            f"{self.persons_updated}, neue Mandate: {self.mandates_added}, ohne Änderung: {self.unchanged}."
        )
        if self.dry_run:
            return text + " Probelauf: es wurde nichts geändert."
        if not self.changes_something:
            return text + " Die Datei enthält nichts Neues; es wurde nichts geändert."
        return text + " Die Änderungen sind gespeichert."

    @property
    def changes_something(self) -> bool:
        return any(r.changes_something for r in self.rows)


@dataclass
class _Row:
    number: int
    cells: dict[str, Any]


@dataclass
class _Parsed:
    number: int
    body: BodyKey
    role: str
    person: PersonInput
    #: Optional cells that were empty: they leave a known person's data as it is.
    empty: frozenset[str]
    start: date


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return fmt_date(value)
    return " ".join(str(value).split())


def read_sheet(path: Path) -> tuple[dict[str, tuple[int, str]], list[_Row], list[ImportIssue]]:
    """Read the rows (openpyxl read-only, values only). Returns header positions, rows, header problems."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if not path.is_file():
        raise UserError(f"Die Datei {path} gibt es nicht.")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError(f"Die Datei {path.name} ist keine lesbare Excel-Datei (.xlsx).") from exc
    try:
        ws = wb[MAIN_SHEET] if MAIN_SHEET in wb.sheetnames else wb.worksheets[0]
        ws.reset_dimensions()  # some programs write a wrong size; read what is there
        raw = [tuple(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    header_at = next(
        (i for i, r in enumerate(raw[:10]) if any(fold(_text(v)) in ("korperschaft", "ags") for v in r)), None
    )
    if header_at is None:
        issue = ImportIssue(1, "", "", "Die Kopfzeile mit der Spalte „Körperschaft“ fehlt (Vorlage verwenden).")
        return {}, [], [issue]
    positions: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(raw[header_at]):
        name = _HEADER_ALIASES.get(fold(_text(value)))
        if name and name not in positions:
            positions[name] = (index, _letter(index))
    issues = [
        ImportIssue(header_at + 1, "", "", f"Die Spalte „{c.header}“ fehlt in der Kopfzeile.")
        for c in COLUMNS
        if c.required and c.header not in positions
    ]
    rows: list[_Row] = []
    for offset, values in enumerate(raw[header_at + 1 :], start=header_at + 2):
        cells = {name: (values[i] if i < len(values) else None) for name, (i, _l) in positions.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        rows.append(_Row(offset, cells))
    return positions, rows, issues


def _parse_start(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        raise ValidationError("Der Beginn des Mandats fehlt (Datum TT.MM.JJJJ).")
    return parse_date(text)


def _parse_row(
    session: Session, row: _Row, keys: list[BodyKey], positions: dict[str, tuple[int, str]]
) -> tuple[_Parsed | None, list[ImportIssue]]:
    issues: list[ImportIssue] = []

    def issue(header: str, message: str) -> None:
        issues.append(ImportIssue(row.number, positions[header][1] if header in positions else "", header, message))

    def cell(header: str) -> Any:
        return row.cells.get(header)

    body: BodyKey | None = None
    try:
        body = resolve_body(keys, cell("Körperschaft"))
    except ValidationError as exc:
        issue("Körperschaft", exc.message)
    role = _ROLE_WORDS.get(fold(_text(cell("Rolle"))))
    if role is None:
        shown = _text(cell("Rolle"))
        issue(
            "Rolle",
            f"„{shown}“ ist keine Rolle; erlaubt sind „Mitglied“ und „Stellvertretung“."
            if shown
            else "Die Rolle fehlt (Mitglied oder Stellvertretung).",
        )
    address = _ADDRESS_WORDS.get(fold(_text(cell("Anrede"))))
    if address is None:
        issue("Anrede", f"„{_text(cell('Anrede'))}“ ist keine Anrede; erlaubt sind Frau, Herr, neutral oder leer.")
    email = _text(cell("E-Mail")).removeprefix("mailto:")
    if not email:
        issue("E-Mail", "Die E-Mail-Adresse fehlt; an ihr wird die Person erkannt.")
    elif not is_valid_email(email):
        issue("E-Mail", f"„{email}“ ist keine gültige E-Mail-Adresse.")
    start: date | None = None
    try:
        start = _parse_start(cell("Beginn"))
    except ValidationError as exc:
        issue("Beginn", exc.message)
    person = PersonInput(
        last_name=_text(cell("Nachname")),
        first_name=_text(cell("Vorname")),
        title=_text(cell("Titel")),
        form_of_address=address or FormOfAddress.NEUTRAL.value,
        function=_text(cell("Funktion")),
        email=email,
        phone=_text(cell("Telefon")),
        body_id=body.id if body else None,
    )
    try:
        validate_person(session, person)
    except ValidationError as exc:
        header = _PERSON_FIELDS.get(exc.field or "", "")
        already = any(i.header == header for i in issues)
        if not already:
            issue(header or "Nachname", exc.message)
    if issues or body is None or role is None or start is None:
        return None, issues
    empty = frozenset(
        name
        for name, header in _PERSON_FIELDS.items()
        if header in ("Vorname", "Titel", "Funktion", "Telefon", "Anrede") and not _text(cell(header))
    )
    return _Parsed(row.number, body, role, person, empty, start), []


def _merge(existing: Person, incoming: PersonInput, empty: frozenset[str]) -> PersonInput:
    """The person's data after the import: empty optional cells keep what is known; employer kept if set."""
    current = from_attrs(PersonInput, existing)
    changes: dict[str, Any] = {}
    for name in ("last_name", "first_name", "title", "form_of_address", "function", "phone"):
        if name not in empty:
            changes[name] = getattr(incoming, name)
    if existing.body_id is None and existing.partner_id is None:
        changes["body_id"] = incoming.body_id
    return replace(current, **changes)


_FIELD_LABELS = {
    "last_name": "Nachname",
    "first_name": "Vorname",
    "title": "Titel",
    "form_of_address": "Anrede",
    "function": "Funktion",
    "phone": "Telefon",
    "body_id": "Arbeitgeber",
}


@dataclass
class _Planning:
    """What planning the rows needs from the database, read once, and what it has decided so far."""

    session: Session
    rules: RulesOfProcedure
    #: Known persons by folded e-mail address.
    known: dict[str, list[Person]]
    #: Plenary mandates that run on or after the earliest start in the file.
    mandates: list[Membership]
    bodies: dict[int, Body]
    issues: list[ImportIssue]
    positions: dict[str, tuple[int, str]]
    planned: list[PlannedRow] = field(default_factory=list)
    matched: dict[int, Person] = field(default_factory=dict)
    new_seats: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))

    def issue(self, p: _Parsed, header: str, message: str) -> None:
        self.issues.append(ImportIssue(p.number, self.positions[header][1], header, message))


def _parse_rows(session: Session, path: Path) -> tuple[dict[str, tuple[int, str]], list[_Parsed], list[ImportIssue]]:
    """Read and parse the sheet; an unreadable header or an empty file stops here."""
    positions, rows, issues = read_sheet(path)
    if issues:
        raise ImportRefused(issues)
    if not rows:
        raise UserError(f"Die Datei {Path(path).name} enthält keine Zeilen unter der Kopfzeile.")
    keys = body_keys_in(session)
    parsed: list[_Parsed] = []
    for row in rows:
        result, row_issues = _parse_row(session, row, keys, positions)
        issues.extend(row_issues)
        if result is not None:
            parsed.append(result)
    return positions, parsed, issues


def _planning(
    session: Session, parsed: list[_Parsed], positions: dict[str, tuple[int, str]], issues: list[ImportIssue]
) -> _Planning:
    """Check one row per person within the file, then read what the rows are compared with."""
    plan = _Planning(session, rules_in(session), defaultdict(list), [], {}, issues, positions)
    first_row: dict[str, int] = {}
    for p in parsed:
        key = p.person.email.casefold()
        if key in first_row:
            plan.issue(
                p,
                "E-Mail",
                f"Die E-Mail-Adresse steht schon in Zeile {first_row[key]}; eine Person hat nur ein Mandat.",
            )
        else:
            first_row[key] = p.number
    emails = sorted(first_row)
    if emails:
        for candidate in session.scalars(select(Person).where(func.lower(Person.email).in_(emails))):
            plan.known[candidate.email.casefold()].append(candidate)
    earliest = min((p.start for p in parsed), default=date.min)
    plan.mandates = list(
        session.scalars(
            select(Membership).where(
                Membership.committee_id == plenum_id(session),
                Membership.role.in_(PLENUM_ROLES),
                or_(Membership.end_date.is_(None), Membership.end_date >= earliest),
            )
        )
    )
    plan.bodies = {b.id: b for b in session.scalars(select(Body))}
    return plan


def _existing_mandate(plan: _Planning, p: _Parsed, person: Person, overlapping: list[Membership]) -> Membership | None:
    """The person's mandate this row repeats; raises ``_Skip`` (after an issue) for another running mandate."""
    own = [m for m in overlapping if m.person_id == person.id]
    same = next((m for m in own if m.body_id == p.body.id and m.role == p.role), None)
    other = next((m for m in own if m is not same), None)
    if other is not None:
        body_name = plan.bodies[other.body_id].name if other.body_id in plan.bodies else "eine Organisation"
        since = ""
        if other.start_date is not None:
            since = f" {'ab' if other.start_date > today() else 'seit'} {fmt_date(other.start_date)}"
        plan.issue(
            p,
            "Rolle",
            f"{person.display_name} ist bereits {MembershipRole(other.role).label} für {body_name}{since}; "
            "Wechsel bitte im Programm erfassen.",
        )
        raise _Skip
    return same


def _claim_seat(plan: _Planning, p: _Parsed, person: Person | None, overlapping: list[Membership]) -> None:
    """Count the new mandate against the body's seats; raises ``_Skip`` (after an issue) when they are full."""
    holders = [
        m
        for m in overlapping
        if m.body_id == p.body.id and m.role == p.role and (person is None or m.person_id != person.id)
    ]
    body = plan.bodies[p.body.id]
    seats = seats_for(body.kind, body.member_seats, body.deputy_seats, p.role, plan.rules)
    if len(holders) + plan.new_seats[(p.body.id, p.role)] >= seats:
        rows_of_holders = mandate_rows_in(plan.session, p.start, Membership.id.in_([m.id for m in holders]))
        who = seat_holders_text(rows_of_holders) or "eine andere Zeile dieser Datei"
        plan.issue(
            p,
            "Körperschaft",
            f"Der Sitz ({MembershipRole(p.role).label}) von {p.body.name} ist besetzt durch {who}. "
            "Eine Nachfolge bitte im Programm über „Nachfolge…“ erfassen.",
        )
        raise _Skip
    plan.new_seats[(p.body.id, p.role)] += 1


class _Skip(Exception):
    """A row with an issue: planning goes on with the next row."""


def _plan_row(plan: _Planning, p: _Parsed) -> None:
    found = plan.known.get(p.person.email.casefold(), [])
    if len(found) > 1:
        names = ", ".join(f"{x.display_name} (Nr. {x.id})" for x in found)
        plan.issue(
            p, "E-Mail", f"Mehrere Personen haben diese E-Mail-Adresse ({names}); bitte zuerst im Programm bereinigen."
        )
        raise _Skip
    person = found[0] if found else None
    overlapping = [m for m in plan.mandates if m.end_date is None or m.end_date >= p.start]
    same = _existing_mandate(plan, p, person, overlapping) if person is not None else None
    if same is None:
        _claim_seat(plan, p, person, overlapping)
    if person is None:
        person_action, details = "neu", ""
    else:
        plan.matched[p.number] = person
        merged = _merge(person, p.person, p.empty)
        changed = [label for name, label in _FIELD_LABELS.items() if getattr(merged, name) != getattr(person, name)]
        if not person.active:
            changed.append("wieder aktiviert")
        person_action = "aktualisiert" if changed else "unverändert"
        details = ", ".join(changed)
    if same is None:
        details = "; ".join(x for x in (details, f"Mandat ab {fmt_date(p.start)}") if x)
    plan.planned.append(
        PlannedRow(
            row=p.number,
            body=p.body.name,
            role=p.role,
            person=Person.compose_name(p.person.title, p.person.first_name, p.person.last_name),
            email=p.person.email,
            person_action=person_action,
            mandate_action="besteht" if same is not None else "neu",
            details=details,
        )
    )


def _plan(session: Session, path: Path) -> tuple[list[_Parsed], list[PlannedRow], dict[int, Person]]:
    """Validate every row against the file and the database; raises ``ImportRefused`` with all errors."""
    positions, parsed, issues = _parse_rows(session, path)
    plan = _planning(session, parsed, positions, issues)
    for p in parsed:
        with contextlib.suppress(_Skip):
            _plan_row(plan, p)
    if issues:
        issues.sort(key=lambda i: (i.row, i.column))
        raise ImportRefused(issues)
    return parsed, plan.planned, plan.matched


@operation
def import_representatives(s: Session, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Validate the whole file, then (unless ``dry_run``) write it in one transaction."""
    path = Path(path)
    parsed, planned, matched = _plan(s, path)
    if dry_run:
        return ImportResult(path, True, tuple(planned))
    result = ImportResult(path, False, tuple(planned))
    if not result.changes_something:
        # Importing the same file again writes nothing at all, not even an audit entry.
        return result
    rules = rules_in(s)
    by_row = {r.row: r for r in planned}
    for p in parsed:
        plan = by_row[p.number]
        known = matched.get(p.number)
        if known is None:
            person = create_person_in(s, p.person)
        else:
            person = known
            if plan.person_action == "aktualisiert":
                update_person_in(s, person, _merge(person, p.person, p.empty))
                person.active = True
        if plan.mandate_action == "neu":
            appoint_in(s, p.body.id, person.id, p.role, p.start, rules=rules, notes=f"importiert aus {path.name}")
    audit(
        s,
        "import.representatives",
        "membership",
        None,
        f"Import aus {path.name}: {result.summary}",
    )
    return result


def write_template(store: Store, path: Path) -> Path:
    """The import template with the current list of bodies on its own sheet."""
    from bezag_desktop.exporters.xlsx_representatives_template import write_representatives_template

    with store.session() as s:
        bodies = [
            TemplateBody(b.name, b.ags, BodyKind(b.kind).label)
            for b in s.scalars(select(Body).where(Body.active.is_(True)).order_by(Body.sort_order, Body.name))
        ]
    return write_representatives_template(Path(path), bodies)
