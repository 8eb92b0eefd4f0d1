"""The attendance sheet to sign and the bundled templates, re-read with python-docx."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from bezag_desktop.config import resources_dir
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters import docx_minutes, verify
from bezag_desktop.exporters.docx_attendance_sheet import (
    BLANK_ROWS,
    REQUIRED_PLACEHOLDERS,
    REQUIRED_STYLES,
    SheetData,
    SheetPerson,
    write_attendance_sheet,
)

TEMPLATES = resources_dir() / "templates"


def sheet() -> SheetData:
    return SheetData(
        committee="Bezirksarbeitsgemeinschaft Sozialplanung",
        meeting_title="3. Sitzung 2026",
        start=datetime(2026, 12, 10, 10, 0),
        end=datetime(2026, 12, 10, 13, 0),
        location="Bezirk Oberbayern, Sitzungssaal 1",
        people=(
            SheetPerson("Dr. Maria Pröbstl", "Vorsitz", "Vorsitz"),
            SheetPerson("Susanne Pichler", "Mitglied", "Bezirk Oberbayern"),
            SheetPerson("Petra Größl", "Stellvertretung", "Bezirk Oberbayern", note="hat abgesagt"),
            SheetPerson("Dr. Anna Huber", "Mitglied", "Landkreis Ebersberg"),
            SheetPerson("Jonas Weiß", "Stellvertretung", "Landkreis Ebersberg"),
            SheetPerson("Josef Fößl", "Mitglied", "AOK Bayern"),
            SheetPerson("Gabi Gast\x07", "Gast (Caritasverband)", "Gäste"),
        ),
    )


def test_sheet_groups_by_body_with_signature_column(tmp_path: Path) -> None:
    path = write_attendance_sheet(sheet(), tmp_path / "liste.docx", template=TEMPLATES / "anwesenheitsliste.docx")
    d = docx.Document(str(path))
    assert round(d.sections[0].page_width.mm) == 210
    assert d.core_properties.language == "de-DE"
    table = d.tables[0]
    head = table.rows[0]
    assert [c.text for c in head.cells] == ["Name", "Funktion", "Unterschrift"]
    assert head._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    texts = [[c.text for c in r.cells] for r in table.rows[1:]]
    groups = [t[0] for t in texts if t[0] == t[1] == t[2]]  # merged group rows repeat their text
    assert groups[:5] == ["Vorsitz", "Bezirk Oberbayern", "Landkreis Ebersberg", "AOK Bayern", "Gäste"]
    assert ["Jonas Weiß", "Stellvertretung", ""] in texts
    assert ["Petra Größl", "Stellvertretung – hat abgesagt", ""] in texts
    assert ["Gabi Gast", "Gast (Caritasverband)", ""] in texts
    assert texts[-BLANK_ROWS:] == [["", "", ""]] * BLANK_ROWS
    header = "\n".join(p.text for p in d.sections[0].header.paragraphs)
    assert "3. Sitzung 2026 am 10.12.2026" in header
    assert "ENTWURF" not in header
    body = "\n".join(p.text for p in d.paragraphs)
    assert "Donnerstag, 10.12.2026, 10:00 Uhr bis 13:00 Uhr" in body
    assert "{{" not in "\n".join(p.text for p in dc.iter_paragraphs(d))
    assert verify.check_docx(path, expect_text=["Unterschrift", "Dr. Anna Huber"], repeated_header_tables=1) == []


@pytest.mark.parametrize(
    ("name", "styles", "placeholders"),
    [
        ("niederschrift.docx", docx_minutes.REQUIRED_STYLES, docx_minutes.REQUIRED_PLACEHOLDERS),
        ("anwesenheitsliste.docx", REQUIRED_STYLES, REQUIRED_PLACEHOLDERS),
    ],
)
def test_bundled_templates(name: str, styles: tuple[str, ...], placeholders: tuple[str, ...]) -> None:
    d = dc.open_template(TEMPLATES / name, styles, placeholders)
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert d.core_properties.language == "de-DE"
    assert d.settings.element.find(qn("w:autoHyphenation")) is not None
    assert [t.text.strip() for t in s.footer._element.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert {"GREMIUM", "SITZUNG", "DATUM", "ENTWURF", "INHALT"} <= dc.placeholders_in(d)
    header_text = "\n".join(p.text for p in s.header.paragraphs)
    assert "{{GREMIUM}}" in header_text
    assert "{{SITZUNG}}" in header_text
