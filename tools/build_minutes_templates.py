"""Build the bundled DOCX templates for the minutes and the attendance sheet once.

Run: python tools/build_minutes_templates.py   (writes resources/templates/niederschrift.docx and
anwesenheitsliste.docx; the results are committed, the program never builds them at run time).

Both start from python-docx's default template, which is US Letter and en-US, and are turned into
A4, German, with automatic hyphenation, a header naming committee and meeting, and the footer
"Seite X von Y" (FORMATS.md "DOCX"). The office may replace either with its own corporate-design
template (Einstellungen → Geschäftsstelle → Vorlage Niederschrift); it then needs the placeholders
and styles listed in ``bezag_desktop.exporters.docx_minutes`` / ``docx_attendance_sheet``.

Placeholders: ``{{GREMIUM}}``, ``{{SITZUNG}}``, ``{{DATUM}}`` and ``{{ENTWURF}}`` (in the header) and
``{{INHALT}}`` (the body paragraph replaced by the generated content).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from bezag_desktop.exporters import docx_common as dc

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates"
FONT = "Arial"
DARK = RGBColor(0x1F, 0x38, 0x64)
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)


def _style_fonts(document) -> None:  # type: ignore[no-untyped-def]
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    # rFonts carries only ascii/hAnsi after font.name; set the theme-independent east-asian/cs too
    rfonts = normal.element.rPr.rFonts
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    for name, size, space_before in (("Heading 1", 13, 12), ("Heading 2", 11.5, 10), ("Heading 3", 10.5, 8)):
        st = styles[name]
        st.font.name = FONT
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = DARK
        st.paragraph_format.space_before = Pt(space_before)
        st.paragraph_format.space_after = Pt(3)
        st.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(18)
    title.font.bold = True
    title.font.color.rgb = DARK
    title.paragraph_format.space_after = Pt(8)
    for name in ("Header", "Footer"):
        styles[name].font.name = FONT
        styles[name].font.size = Pt(8.5)


def _header(document, section, text_width_mm: float) -> None:  # type: ignore[no-untyped-def]
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = "Header"
    # the default Header style's stops (8.25 cm centre, 16.5 cm right) do not fit A4 with these margins
    document.styles["Header"].paragraph_format.tab_stops.clear_all()
    p.paragraph_format.tab_stops.clear_all()
    p.paragraph_format.tab_stops.add_tab_stop(Mm(text_width_mm - 0.5), WD_TAB_ALIGNMENT.RIGHT)
    p.add_run("{{GREMIUM}}")
    p.add_run("\t")
    p.add_run("{{SITZUNG}} am {{DATUM}}")
    dc.paragraph_border(p, "bottom", size=4, space=1)
    mark = header.add_paragraph(style="Header")
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = mark.add_run("{{ENTWURF}}")
    run.bold = True
    run.font.size = Pt(10)
    run.font.color.rgb = DRAFT_RED


def build(path: Path, title: str, *, subject: str) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    dc.setup_page_a4(section, top=25, bottom=20, left=25, right=20, header_distance=10, footer_distance=10)
    dc.set_language_de(document)
    _style_fonts(document)
    _header(document, section, 210 - 25 - 20)
    dc.add_page_number_footer(section, "Seite {PAGE} von {NUMPAGES}")
    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    body.text = "{{INHALT}}"
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = "BezAG Desktop"
    props.last_modified_by = "BezAG Desktop"
    props.comments = "Vorlage; Platzhalter {{GREMIUM}} {{SITZUNG}} {{DATUM}} {{ENTWURF}} {{INHALT}}"
    props.created = props.modified = datetime(2026, 11, 21, 12, 0, 0)
    props.revision = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def main() -> int:
    build(OUT / "niederschrift.docx", "Niederschrift", subject="Vorlage für Niederschriften der BezAG Sozialplanung")
    build(OUT / "anwesenheitsliste.docx", "Anwesenheitsliste", subject="Vorlage für Anwesenheitslisten")
    for name in ("niederschrift.docx", "anwesenheitsliste.docx"):
        print(OUT / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
