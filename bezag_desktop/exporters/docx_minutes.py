"""The minutes (Niederschrift) as DOCX, filled into a replaceable template (issue 7, item 1).

Plain data in (the frozen dataclasses below, gathered by ``services.minutes``), one file out. The
template supplies page, language, header and footer; this module writes the content where the
template's ``{{INHALT}}`` paragraph stands:

* title block: committee, meeting, date, place, start and end, chairs, minute-taker;
* attendance table grouped by body (present, a deputy standing in as "X i. V. für Y", excused or
  absent, guests), header row repeated on every page, rows never split, and the quorum statement;
* every agenda item with number, title, presenter, discussion, the resolution on a shaded paragraph
  with the vote and the result, elections with every ballot round;
* the action items as a table with repeated header row;
* signature lines for both co-chairs and the minute-taker.

"ENTWURF" stands in the header and the title until the minutes are approved. The public version
leaves out non-public items (and their sub-items, elections and action items).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from bezag_desktop.domain.codes import ActionStatus, AgendaKind, AgendaResult, AttendanceStatus, BallotKind
from bezag_desktop.domain.rules import PRESENT, Quorum
from bezag_desktop.domain.timeutil import fmt_date, fmt_long_date, fmt_time
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters.atomic_file import replace_atomic
from bezag_desktop.exporters.election_data import BallotData
from bezag_desktop.exporters.invitation import Signatory

#: Styles (built-in names) and placeholders a minutes template must have.
REQUIRED_STYLES: tuple[str, ...] = ("Normal", "Title", "Heading 1", "Heading 2")
REQUIRED_PLACEHOLDERS: tuple[str, ...] = ("INHALT",)
DRAFT_MARK = "ENTWURF"
RESOLUTION_FILL = "E2EBF5"
HEADER_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"
CHAIR_ROW = "Vorsitz"


# ------------------------------------------------------------------------------------ plain data


@dataclass(frozen=True)
class Attendee:
    """One person on the meeting's attendance list."""

    name: str
    #: The body this person represents ("" for guests and partners).
    body: str
    #: InviteRole code: mitglied, stellvertretung, vorsitz, gast.
    role: str
    #: AttendanceStatus code, or None when nothing was recorded.
    status: str | None
    #: For status "vertreten": the deputy standing in.
    stood_in_by: str = ""
    #: For guests: organisation or function.
    organisation: str = ""
    person_id: int | None = None
    stood_in_by_id: int | None = None


@dataclass(frozen=True)
class ElectionData:
    office: str
    electorate: int
    candidates: tuple[str, ...]
    rounds: tuple[BallotData, ...]
    elected: str = ""
    term_start: date | None = None
    term_end: date | None = None
    notes: str = ""
    #: The election rule's closing verdict ("Ergebnis: … ist gewählt."), when known.
    result_text: str = ""


@dataclass(frozen=True)
class ItemData:
    """An agenda item (TOP) with what the minutes record about it."""

    id: int
    number: str
    title: str
    kind: str = AgendaKind.BERICHT.value
    presenter: str = ""
    public: bool = True
    #: Nesting depth: 0 for TOP 1, 1 for TOP 1.1.
    level: int = 0
    parent_id: int | None = None
    description: str = ""
    #: Discussion notes.
    notes: str = ""
    resolution: str = ""
    votes_yes: int | None = None
    votes_no: int | None = None
    votes_abstain: int | None = None
    unanimous: bool = False
    #: AgendaResult code or None.
    result: str | None = None
    elections: tuple[ElectionData, ...] = ()


@dataclass(frozen=True)
class ActionData:
    text: str
    responsible: str = ""
    due: date | None = None
    #: ActionStatus code.
    status: str = ActionStatus.OFFEN.value
    agenda_number: str = ""
    #: The agenda item it came from; used to drop it from the public version.
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class QuorumData(Quorum):
    """The domain's quorum with the number of voting bodies the statement names."""

    voting_bodies: int


@dataclass(frozen=True)
class MinutesData:
    committee: str
    #: "2. Sitzung 2027".
    meeting_title: str
    #: MeetingKind label ("ordentlich").
    meeting_kind: str
    start: datetime
    end: datetime | None
    location: str
    approved: bool
    chairs: tuple[Signatory, ...] = ()
    minute_taker: str = ""
    attendees: tuple[Attendee, ...] = ()
    #: Bodies in their official order; each gets a row even when nobody came (plenary).
    bodies: tuple[str, ...] = ()
    quorum: QuorumData | None = None
    items: tuple[ItemData, ...] = ()
    actions: tuple[ActionData, ...] = ()
    signers: tuple[Signatory, ...] = ()
    #: The day the minutes were approved and the meeting that approved them ("2. Sitzung 2027").
    approved_on: date | None = None
    approved_in: str = ""
    online_url: str = ""
    office_name: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------- text


def vote_text(item: ItemData) -> str:
    """``einstimmig`` (``einstimmig bei 2 Enthaltungen``) or ``12 ja, 1 nein, 2 Enthaltungen``; empty
    when no vote was recorded."""
    abstain = item.votes_abstain or 0
    word = "Enthaltung" if abstain == 1 else "Enthaltungen"
    if item.unanimous:
        return f"einstimmig bei {abstain} {word}" if abstain else "einstimmig"
    if item.votes_yes is None and item.votes_no is None and item.votes_abstain is None:
        return ""
    return f"{item.votes_yes or 0} ja, {item.votes_no or 0} nein, {abstain} {word}"


def result_label(code: str | None) -> str:
    if not code:
        return ""
    try:
        return AgendaResult(code).label
    except ValueError:
        return code


def attendee_line(a: Attendee) -> str:
    """How a present person is written: deputies standing in as "Jonas Weiß i. V. für Dr. Anna Huber"."""
    if a.status == AttendanceStatus.VERTRETEN.value and a.stood_in_by:
        return f"{a.stood_in_by} i. V. für {a.name}"
    suffix = ""
    if a.status == AttendanceStatus.ONLINE.value:
        suffix = " (online)"
    role = ""
    if a.role == "vorsitz":
        role = " (Vorsitz)"
    elif a.role == "stellvertretung":
        role = " (Stellvertretung)"
    return f"{a.name}{role}{suffix}"


def visible_items(items: Sequence[ItemData], public: bool) -> list[ItemData]:
    """The items of the (public) version: a non-public item hides its sub-items too."""
    if not public:
        return list(items)
    hidden: set[int] = set()
    out: list[ItemData] = []
    for it in items:
        if not it.public or (it.parent_id is not None and it.parent_id in hidden):
            hidden.add(it.id)
            continue
        out.append(it)
    return out


def _paragraphs(text: str) -> list[str]:
    """User text split into paragraphs at blank lines; single newlines stay line breaks."""
    blocks = [b.strip("\n") for b in dc.safe(text).replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b.strip()]


# -------------------------------------------------------------------------------------- writing


def _set_cell(cell: _Cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Fill a fresh cell's first paragraph (faster than ``cell.text`` with its extra lookups)."""
    p = cell.paragraphs[0]
    run = p.add_run(dc.safe(text))
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = Pt(size)


def _grid_table(doc: DocxDocument, headers: Sequence[str], widths_mm: Sequence[float]) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    dc.set_table_borders(table, "single", size=4, color="808080")
    head = table.rows[0]
    for cell, text, width in zip(head.cells, headers, widths_mm, strict=True):
        _set_cell(cell, text, bold=True)
        dc.shade_cell(cell, HEADER_FILL)
        cell.width = Mm(width)
    dc.repeat_header_row(head)
    dc.cant_split(head)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    return table


def _add_row(table: Table, values: Sequence[str], widths_mm: Sequence[float]) -> None:
    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
    dc.cant_split(row)
    for cell, text, width in zip(row.cells, values, widths_mm, strict=True):
        cell.width = Mm(width)
        lines = dc.safe(text).split("\n")
        p = cell.paragraphs[0]
        p.add_run(lines[0])
        for line in lines[1:]:
            cell.add_paragraph(line)


def _title_block(doc: DocxDocument, data: MinutesData, public: bool, ids: Mapping[str, str | None]) -> None:
    title = "Niederschrift" if data.approved else f"{DRAFT_MARK} – Niederschrift"
    dc.add_styled(doc, dc.safe(title), ids["Title"])
    sub = doc.add_paragraph()
    run = sub.add_run(dc.safe(f"über die {data.meeting_title} ({data.meeting_kind}) – {data.committee}"))
    run.bold = True
    if public:
        sub2 = doc.add_paragraph()
        sub2.add_run("Öffentliche Fassung (ohne nichtöffentliche Tagesordnungspunkte)").italic = True
    if not data.approved:
        mark = doc.add_paragraph()
        r = mark.add_run(f"{DRAFT_MARK}: Diese Niederschrift ist noch nicht genehmigt.")
        r.bold = True
        r.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    elif data.approved_on or data.approved_in:
        when = f" am {fmt_date(data.approved_on)}" if data.approved_on else ""
        where = f" in der {data.approved_in}" if data.approved_in else ""
        doc.add_paragraph(dc.safe(f"Genehmigt{where}{when}."))

    rows: list[tuple[str, str]] = [
        ("Gremium", data.committee),
        ("Sitzung", f"{data.meeting_title} ({data.meeting_kind})"),
        ("Datum", fmt_long_date(data.start)),
        ("Ort", data.location or "–"),
        ("Beginn", f"{fmt_time(data.start)} Uhr"),
        ("Ende", f"{fmt_time(data.end)} Uhr" if data.end else "–"),
    ]
    if data.online_url:
        rows.append(("Online", data.online_url))
    chairs = "\n".join(f"{c.name} ({c.function})" for c in data.chairs) or "–"
    rows.append(("Vorsitz", chairs))
    rows.append(("Niederschrift", data.minute_taker or "–"))
    table = doc.add_table(rows=len(rows), cols=2)
    table.autofit = False
    dc.set_table_borders(table, "nil")
    table.columns[0].width, table.columns[1].width = Mm(35), Mm(130)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        c0, c1 = row.cells
        c0.width, c1.width = Mm(35), Mm(130)
        _set_cell(c0, label, bold=True)
        lines = dc.safe(value).split("\n")
        c1.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            c1.add_paragraph(line)
        dc.cant_split(row)


def _group(a: Attendee) -> str:
    """The attendance table row a person belongs to; "" for the guests' row."""
    if a.role == "gast":
        return ""
    if a.body:
        return a.body
    if a.role == "vorsitz":
        return CHAIR_ROW  # a co-chair without a body of their own
    # a member sent by a partner organisation (working groups, networks)
    return a.organisation


def _attendance(doc: DocxDocument, data: MinutesData, ids: Mapping[str, str | None]) -> None:
    dc.add_styled(doc, "Anwesenheit", ids["Heading 1"])
    members = [(a, _group(a)) for a in data.attendees if _group(a)]
    guests = [a for a in data.attendees if not _group(a)]
    groups = {g for _, g in members}
    order = [CHAIR_ROW] if CHAIR_ROW in groups else []
    order += list(data.bodies)
    body_names = {a.body for a, _ in members if a.body}
    order += [b for b in dict.fromkeys(a.body for a, _ in members if a.body) if b not in order]
    organisations = sorted({g for g in groups if g not in body_names and g != CHAIR_ROW}, key=str.casefold)
    order += [o for o in organisations if o not in order]
    # a deputy with a row of their own who stands in is named once, in the "i. V." line
    standing_in = {
        a.stood_in_by_id for a, _ in members if a.status == AttendanceStatus.VERTRETEN.value and a.stood_in_by_id
    }
    present: dict[str, list[str]] = {g: [] for g in order}
    away: dict[str, list[str]] = {g: [] for g in order}
    for a, group in members:
        is_deputy = a.role == "stellvertretung"
        if a.status in PRESENT:
            if not (is_deputy and a.person_id is not None and a.person_id in standing_in):
                present[group].append(attendee_line(a))
        elif a.status == AttendanceStatus.VERTRETEN.value and a.stood_in_by:
            present[group].append(attendee_line(a))
        elif is_deputy:
            continue  # a deputy who did not come is no absence of the body
        elif a.status == AttendanceStatus.VERTRETEN.value:
            away[group].append(f"{a.name} (vertreten)")
        elif a.status == AttendanceStatus.ENTSCHULDIGT.value:
            away[group].append(f"{a.name} (entschuldigt)")
        elif a.status == AttendanceStatus.ABWESEND.value:
            away[group].append(f"{a.name} (abwesend)")
        else:
            away[group].append(f"{a.name} (ohne Angabe)")
    widths = (55.0, 65.0, 45.0)
    first_column = "Körperschaft / Organisation" if organisations else "Körperschaft"
    table = _grid_table(doc, (first_column, "Anwesend", "Entschuldigt / abwesend"), widths)
    for group in order:
        _add_row(table, (group, "\n".join(present[group]) or "–", "\n".join(away[group])), widths)
    if guests:
        lines = []
        for g in guests:
            org = f" ({g.organisation})" if g.organisation else ""
            if g.status is None or g.status in PRESENT or g.status == AttendanceStatus.GAST.value:
                lines.append(f"{g.name}{org}")
        if lines:
            _add_row(table, ("Gäste", "\n".join(lines), ""), widths)
    if data.quorum is not None:
        q = data.quorum
        if not any(a.status for a in data.attendees):
            # nothing recorded yet (minutes prepared before the meeting): no verdict
            text = (
                f"Beschlussfähigkeit: Die Anwesenheit ist noch nicht erfasst. Erforderlich sind {q.required} von "
                f"{q.voting_bodies} Mitgliedskörperschaften."
            )
        else:
            verb = "ist" if q.present_bodies == 1 else "sind"
            text = (
                f"Beschlussfähigkeit: {q.present_bodies} von {q.voting_bodies} Mitgliedskörperschaften {verb} "
                f"vertreten (erforderlich: {q.required}). Die Sitzung ist {q.verdict}."
            )
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(6)
        p.add_run(text).bold = True


def _election(doc: DocxDocument, e: ElectionData, ids: Mapping[str, str | None]) -> None:
    p = doc.add_paragraph()
    p.add_run("Wahl: ").bold = True
    p.add_run(dc.safe(e.office))
    info = [f"Stimmberechtigt: {e.electorate}"]
    if e.candidates:
        info.append("Bewerbungen: " + ", ".join(e.candidates))
    doc.add_paragraph(dc.safe("; ".join(info) + "."))
    for r in e.rounds:
        head = f"{r.number}. {r.kind_label}: {r.ballots_cast} abgegebene Stimmzettel"
        spoilt = []
        if r.abstentions:
            spoilt.append(f"{r.abstentions} leer")
        if r.invalid:
            spoilt.append(f"{r.invalid} ungültig")
        if spoilt:
            head += ", davon " + " und ".join(spoilt)
        head += f"; {r.valid} gültige Stimmen."
        rp = dc.add_styled(doc, "", ids["List Bullet"])
        rp.add_run(dc.safe(head))
        if r.kind == BallotKind.JA_NEIN.value:
            rp.add_run(f" Ja: {r.yes_votes}, Nein: {r.no_votes}.")
        elif r.votes:
            rp.add_run(dc.safe(" " + ", ".join(f"{name}: {n}" for name, n in r.votes) + "."))
        if r.lot_winner or r.lot_note:
            lot = f" Losentscheid: {r.lot_winner}" if r.lot_winner else " Losentscheid"
            if r.lot_note:
                lot += f" ({r.lot_note})"
            rp.add_run(dc.safe(lot + "."))
        if r.outcome:
            rp.add_run(dc.safe(f" Ergebnis: {r.outcome}"))
    if e.result_text and not e.elected:
        doc.add_paragraph(dc.safe(e.result_text))
    if e.elected:
        term = ""
        if e.term_start:
            term = f" für die Amtszeit vom {fmt_date(e.term_start)}"
            term += f" bis {fmt_date(e.term_end)}" if e.term_end else ""
        res = doc.add_paragraph()
        dc.shade_paragraph(res, RESOLUTION_FILL)
        res.add_run(dc.safe(f"Gewählt ist {e.elected}{term}.")).bold = True
    if e.notes.strip():
        for block in _paragraphs(e.notes):
            doc.add_paragraph(block)


def _item(doc: DocxDocument, item: ItemData, ids: Mapping[str, str | None]) -> None:
    style = ids["Heading 2"] if item.level == 0 or not ids["Heading 3"] else ids["Heading 3"]
    heading = f"TOP {item.number} {item.title}".strip() if item.number else item.title
    if not item.public:
        heading += " (nichtöffentlich)"
    dc.add_styled(doc, dc.safe(heading), style)
    presenter = dc.safe(item.presenter).strip()
    if presenter:
        p = doc.add_paragraph()
        p.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        p.add_run("Berichterstattung: ").italic = True
        p.add_run(presenter).italic = True
    for block in _paragraphs(item.notes) or _paragraphs(item.description):
        doc.add_paragraph(block)
    for election in item.elections:
        _election(doc, election, ids)
    votes = vote_text(item)
    result = result_label(item.result)
    blocks = _paragraphs(item.resolution)
    if blocks:
        first = doc.add_paragraph()
        dc.shade_paragraph(first, RESOLUTION_FILL)
        first.paragraph_format.keep_with_next = True
        first.paragraph_format.space_after = Pt(0)
        first.add_run("Beschluss: ").bold = True
        first.add_run(blocks[0])
        for block in blocks[1:]:
            p = doc.add_paragraph(block)
            dc.shade_paragraph(p, RESOLUTION_FILL)
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = True
        tail = doc.add_paragraph()
        dc.shade_paragraph(tail, RESOLUTION_FILL)
        tail.add_run("Abstimmung: ").bold = True
        # an election item's votes are its ballot rounds, written above
        tail.add_run(votes or ("siehe Wahlgänge" if item.elections else "ohne Abstimmungsergebnis"))
        if result:
            tail.add_run(" – Ergebnis: ").bold = True
            tail.add_run(result)
    elif result or votes:
        p = doc.add_paragraph()
        if votes:
            p.add_run("Abstimmung: ").bold = True
            p.add_run(votes + (" – " if result else ""))
        if result:
            p.add_run("Ergebnis: ").bold = True
            p.add_run(result)


def _actions(doc: DocxDocument, actions: Sequence[ActionData], ids: Mapping[str, str | None]) -> None:
    dc.add_styled(doc, "Aufgaben", ids["Heading 1"])
    widths = (14.0, 70.0, 35.0, 26.0, 20.0)
    table = _grid_table(doc, ("TOP", "Aufgabe", "Zuständig", "Frist", "Status"), widths)
    for a in actions:
        try:
            status = ActionStatus(a.status).label
        except ValueError:
            status = a.status
        _add_row(table, (a.agenda_number, a.text, a.responsible, fmt_date(a.due), status), widths)


def _signatures(doc: DocxDocument, data: MinutesData) -> None:
    if not data.signers:
        return
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(18)
    p.paragraph_format.keep_with_next = True
    p.add_run("Ort, Datum: ______________________________")
    dc.add_signature_table(doc, [(s.name, s.function) for s in data.signers])


def build_minutes(document: DocxDocument, data: MinutesData, *, public: bool = False) -> DocxDocument:
    """Fill an opened template with the minutes (no file I/O; used by ``write_minutes`` and the bench)."""
    dc.replace_placeholders(
        document,
        {
            "GREMIUM": data.committee,
            "SITZUNG": data.meeting_title,
            "DATUM": fmt_date(data.start),
            "ENTWURF": "" if data.approved else DRAFT_MARK,
            "ORT": data.location,
            "GESCHAEFTSSTELLE": data.office_name,
            **data.extra,
        },
    )
    items = visible_items(data.items, public)
    shown = {it.id for it in items}
    actions = [a for a in data.actions if not public or a.agenda_item_id is None or a.agenda_item_id in shown]
    ids = dc.style_ids(document, ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"))
    with dc.content_at_placeholder(document, "INHALT"):
        _title_block(document, data, public, ids)
        _attendance(document, data, ids)
        dc.add_styled(document, "Tagesordnung und Verlauf", ids["Heading 1"])
        if not items:
            document.add_paragraph("Keine Tagesordnungspunkte.")
        for item in items:
            _item(document, item, ids)
        if actions:
            _actions(document, actions, ids)
        _signatures(document, data)
    props = document.core_properties
    props.title = dc.safe(f"Niederschrift {data.meeting_title} – {data.committee}")[:250]
    props.subject = "Niederschrift" if data.approved else f"Niederschrift ({DRAFT_MARK})"
    props.language = "de-DE"
    return document


def write_minutes(data: MinutesData, path: str | Path, *, template: str | Path, public: bool = False) -> Path:
    """Write the minutes to ``path`` (atomically: a half-written file never replaces a good one)."""
    document = dc.open_template(template, REQUIRED_STYLES, REQUIRED_PLACEHOLDERS)
    build_minutes(document, data, public=public)
    return save_atomic(document, path)


def save_atomic(document: DocxDocument, path: str | Path) -> Path:
    """Save next to the target and rename; German message when the file is open in Word or not writable."""
    return replace_atomic(path, document.save, program="Word")
