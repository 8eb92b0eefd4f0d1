"""The attendance sheet to sign (Anwesenheitsliste), printed before the meeting (issue 7, item 2).

The expected participants grouped by body, each with an empty signature cell; blank rows at the
end for people who come unannounced. Header row repeated on every page, rows never split, a
group's title row stays with its first person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt
from docx.table import Table

from bezag_desktop.domain.timeutil import fmt_date, fmt_long_date, fmt_time
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters.docx_minutes import GROUP_FILL, HEADER_FILL, save_atomic

REQUIRED_STYLES: tuple[str, ...] = ("Normal", "Title")
REQUIRED_PLACEHOLDERS: tuple[str, ...] = ("INHALT",)
#: Empty rows for participants not on the list.
BLANK_ROWS = 6
ROW_HEIGHT_MM = 10.0
WIDTHS_MM = (60.0, 45.0, 60.0)


@dataclass(frozen=True)
class SheetPerson:
    name: str
    #: "Mitglied", "Stellvertretung", "Vorsitz", "Gast (Caritas …)".
    role: str
    #: Group title: the body's name, "Vorsitz", a partner organisation's name, or "Gäste".
    group: str
    #: E.g. "hat abgesagt".
    note: str = ""


@dataclass(frozen=True)
class SheetData:
    committee: str
    meeting_title: str
    start: datetime
    end: datetime | None
    location: str
    people: tuple[SheetPerson, ...]


def _row(table: Table, values: tuple[str, str, str]) -> None:
    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
    row.height = Mm(ROW_HEIGHT_MM)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    dc.cant_split(row)
    for cell, text, width in zip(row.cells, values, WIDTHS_MM, strict=True):
        cell.width = Mm(width)
        if text:
            cell.paragraphs[0].add_run(dc.safe(text))


def build_sheet(document: DocxDocument, data: SheetData) -> DocxDocument:
    dc.replace_placeholders(
        document,
        {
            "GREMIUM": data.committee,
            "SITZUNG": data.meeting_title,
            "DATUM": fmt_date(data.start),
            "ENTWURF": "",
            "ORT": data.location,
        },
    )
    with dc.content_at_placeholder(document, "INHALT"):
        document.add_paragraph("Anwesenheitsliste", style="Title")
        when = f"{fmt_long_date(data.start)}, {fmt_time(data.start)} Uhr"
        if data.end:
            when += f" bis {fmt_time(data.end)} Uhr"
        for label, value in (
            ("Gremium", data.committee),
            ("Sitzung", data.meeting_title),
            ("Zeit", when),
            ("Ort", data.location or "–"),
        ):
            p = document.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            p.add_run(f"{label}: ").bold = True
            p.add_run(dc.safe(value))
        document.add_paragraph().paragraph_format.space_after = Pt(4)

        table = document.add_table(rows=1, cols=3)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        dc.set_table_borders(table, "single", size=4, color="808080")
        for col, width in zip(table.columns, WIDTHS_MM, strict=True):
            col.width = Mm(width)
        head = table.rows[0]
        for cell, text, width in zip(head.cells, ("Name", "Funktion", "Unterschrift"), WIDTHS_MM, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0].add_run(text).bold = True
            dc.shade_cell(cell, HEADER_FILL)
        dc.repeat_header_row(head)
        dc.cant_split(head)

        group = None
        for person in data.people:
            if person.group != group:
                group = person.group
                row = table.add_row()
                dc.cant_split(row)
                merged = row.cells[0].merge(row.cells[2])
                para = merged.paragraphs[0]
                para.paragraph_format.keep_with_next = True  # the title never ends a page alone
                para.add_run(dc.safe(group)).bold = True
                dc.shade_cell(merged, GROUP_FILL)
            role = person.role + (f" – {person.note}" if person.note else "")
            _row(table, (person.name, role, ""))
        row = table.add_row()
        dc.cant_split(row)
        merged = row.cells[0].merge(row.cells[2])
        merged.paragraphs[0].paragraph_format.keep_with_next = True
        merged.paragraphs[0].add_run("Weitere Teilnehmende (Name, Körperschaft oder Organisation)").bold = True
        dc.shade_cell(merged, GROUP_FILL)
        for _ in range(BLANK_ROWS):
            _row(table, ("", "", ""))
        p = document.add_paragraph()
        p.paragraph_format.space_before = Pt(8)
        p.add_run(f"{len(data.people)} erwartete Teilnehmende.").italic = True
    props = document.core_properties
    props.title = dc.safe(f"Anwesenheitsliste {data.meeting_title} – {data.committee}")[:250]
    props.language = "de-DE"
    return document


def write_attendance_sheet(data: SheetData, path: str | Path, *, template: str | Path) -> Path:
    document = dc.open_template(template, REQUIRED_STYLES, REQUIRED_PLACEHOLDERS)
    build_sheet(document, data)
    return save_atomic(document, path)
