"""The invitation letter's template: DIN 5008 Form B geometry, built once with python-docx.

``tools/build_invitation_template.py`` calls ``build_template`` and the result is committed as
``resources/templates/einladung.docx``; the office may replace it with its own design in
Einstellungen, as long as the styles and placeholders below are there.

Geometry (DIN 5008 Form B, millimetres from the top-left corner of the page):
- letterhead 0-45 (first-page header), left margin 25, right margin 20;
- address field 85 x 45 at x=20, y=45: a borderless table at the top of the body with rows of
  exactly 17.7 (return address and notes) and 27.3 (the address), text written from x=25;
- information block from x=125 (contact, phone, e-mail, date), from y=50;
- fold marks at y=105 and y=210 and the hole mark at y=148.5 on the left edge: short lines in
  the headers, anchored to the page.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from bezag_desktop.exporters import docx_common as dc

# --- geometry (mm) ----------------------------------------------------------------------------
TOP_MARGIN = 45.0
BOTTOM_MARGIN = 25.0
LEFT_MARGIN = 25.0
RIGHT_MARGIN = 20.0
HEADER_DISTANCE = 10.0
FOOTER_DISTANCE = 10.0
ADDRESS_LEFT = 20.0
ADDRESS_TOP = 45.0
ADDRESS_WIDTH = 85.0
RETURN_ZONE_HEIGHT = 17.7
ADDRESS_ZONE_HEIGHT = 27.3
INFO_LEFT = 125.0
INFO_TOP = 50.0
FOLD_MARKS = (105.0, 210.0)
HOLE_MARK = 148.5
MARK_X = 5.0
FOLD_MARK_LENGTH = 5.0
HOLE_MARK_LENGTH = 8.0

#: Styles the letter's filler uses (built-in names; Word shows them translated).
REQUIRED_STYLES: tuple[str, ...] = ("Normal", "Body Text", "List Paragraph")
#: Placeholders without which the letter cannot be filled.
REQUIRED_PLACEHOLDERS: tuple[str, ...] = ("ANSCHRIFT", "DATUM", "BETREFF", "ANREDE", "INHALT", "UNTERSCHRIFTEN")
#: Placeholders a template may carry; a line holding only an empty optional one disappears.
OPTIONAL_PLACEHOLDERS: tuple[str, ...] = (
    "ABSENDER",
    "ABTEILUNG",
    "ABSENDERADRESSE",
    "LOGO",
    "RUECKSENDEANGABE",
    "VERMERK",
    "KONTAKT",
    "TELEFON",
    "EMAIL",
)

FONT = "Arial"
EMU_PER_MM = 36000

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def _pt(mm: float) -> str:
    return f"{mm * 72 / 25.4:.2f}pt"


def page_mark_xml(shape_id: int, name: str, x_mm: float, y_mm: float, length_mm: float) -> str:
    """A horizontal hairline anchored to the page, as Word writes it: DrawingML with a VML fallback."""
    x, y, cx = (round(v * EMU_PER_MM) for v in (x_mm, y_mm, length_mm))
    return (
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{shape_id}" '
        f'behindDoc="1" locked="1" layoutInCell="0" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="{name}" descr="{name}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>"
        f'<v:line id="{name.replace(" ", "")}" style="position:absolute;z-index:-1;mso-position-horizontal-relative:page;'
        f'mso-position-vertical-relative:page" from="{_pt(x_mm)},{_pt(y_mm)}" '
        f'to="{_pt(x_mm + length_mm)},{_pt(y_mm)}" strokeweight=".5pt" o:allowincell="f"/>'
        f"</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def add_page_marks(paragraph: Paragraph, first_id: int) -> None:
    """Fold marks at 105 and 210 mm and the hole mark at 148.5 mm, on the left edge of the page."""
    marks = [
        ("Falzmarke 1", FOLD_MARKS[0], FOLD_MARK_LENGTH),
        ("Lochmarke", HOLE_MARK, HOLE_MARK_LENGTH),
        ("Falzmarke 2", FOLD_MARKS[1], FOLD_MARK_LENGTH),
    ]
    for offset, (name, y, length) in enumerate(marks):
        paragraph._p.append(parse_xml(page_mark_xml(first_id + offset, name, MARK_X, y, length)))


def _no_borders_fixed(table: Table, widths_mm: list[float], *, indent_mm: float = 0.0) -> None:
    table.autofit = False
    dc.set_table_borders(table, "nil")
    tblpr = table._tbl.tblPr
    dc._set_ordered(tblpr, "w:tblW", dc._TBLPR_ORDER, w=str(round(sum(widths_mm) * 56.7)), type="dxa")
    if indent_mm:
        dc._set_ordered(tblpr, "w:tblInd", dc._TBLPR_ORDER, w=str(round(indent_mm * 56.7)), type="dxa")
    dc._set_ordered(tblpr, "w:tblLayout", dc._TBLPR_ORDER, type="fixed")
    mar = dc._set_ordered(tblpr, "w:tblCellMar", dc._TBLPR_ORDER)
    for side in ("w:top", "w:left", "w:bottom", "w:right"):
        el = mar.find(qn(side))
        if el is None:
            el = parse_xml(f'<{side} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
            mar.append(el)
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)


def _cell_margin_left(cell: _Cell, mm: float) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    mar = dc._set_ordered(tcpr, "w:tcMar", dc._TCPR_ORDER)
    left = mar.find(qn("w:left"))
    if left is None:
        left = parse_xml('<w:left xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        mar.append(left)
    left.set(qn("w:w"), str(round(mm * 56.7)))
    left.set(qn("w:type"), "dxa")


def _para(container: _Cell | DocxDocument, text: str, *, size: float | None = None, bold: bool = False) -> Paragraph:
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def _first_para(cell: _Cell, text: str, *, size: float | None = None, bold: bool = False) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def _styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = document.styles["Body Text"]
    body.paragraph_format.space_after = Pt(11)
    body.paragraph_format.line_spacing = 1.0
    listing = document.styles["List Paragraph"]
    listing.paragraph_format.left_indent = Mm(20)
    listing.paragraph_format.first_line_indent = Mm(-20)
    listing.paragraph_format.space_after = Pt(6)
    listing.paragraph_format.tab_stops.add_tab_stop(Mm(20))
    listing.paragraph_format.keep_together = True
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(8)
        document.styles[name].font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _letterhead(document: DocxDocument) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    width = 210.0 - LEFT_MARGIN - RIGHT_MARGIN

    first = section.first_page_header
    first.is_linked_to_previous = False
    anchor = first.paragraphs[0]
    table = first.add_table(1, 2, Mm(width))
    # a header must end with a paragraph: the letterhead table first, then the marks' (tiny) paragraph
    anchor._p.addprevious(table._tbl)
    add_page_marks(anchor, 9001)
    anchor.paragraph_format.line_spacing = Pt(1)
    _no_borders_fixed(table, [width - 50.0, 50.0])
    left, right = table.rows[0].cells
    name = _first_para(left, "{{ABSENDER}}", size=13, bold=True)
    name.paragraph_format.space_after = Pt(2)
    _para(left, "{{ABTEILUNG}}", size=9)
    _para(left, "{{ABSENDERADRESSE}}", size=9)
    logo = _first_para(right, "{{LOGO}}")
    logo.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    default = section.header
    default.is_linked_to_previous = False
    head = default.paragraphs[0]
    head.add_run("{{ABSENDER}}")
    add_page_marks(head, 9101)

    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
    dc.add_page_number_footer(section, "Seite {PAGE} von {NUMPAGES}", size_pt=8)
    first_footer = section.first_page_footer.paragraphs[0]
    first_footer.style = document.styles["Footer"]
    first_footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dc.add_field_text(first_footer, "Seite {PAGE} von {NUMPAGES}")
    for run in first_footer.runs:
        run.font.size = Pt(8)


def _address_and_info(document: DocxDocument) -> Table:
    gap = INFO_LEFT - ADDRESS_LEFT - ADDRESS_WIDTH
    info_width = 210.0 - RIGHT_MARGIN - INFO_LEFT
    table: Table = document.add_table(rows=2, cols=3)
    _no_borders_fixed(table, [ADDRESS_WIDTH, gap, info_width], indent_mm=ADDRESS_LEFT - LEFT_MARGIN)
    for row, height in zip(table.rows, (RETURN_ZONE_HEIGHT, ADDRESS_ZONE_HEIGHT), strict=True):
        row.height = Mm(height)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        dc.cant_split(row)
    zone, address = table.cell(0, 0), table.cell(1, 0)
    for cell in (zone, address):
        _cell_margin_left(cell, LEFT_MARGIN - ADDRESS_LEFT)
    zone.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    ret = _first_para(zone, "{{RUECKSENDEANGABE}}", size=7)
    ret.paragraph_format.space_after = Pt(2)
    _para(zone, "{{VERMERK}}", size=8)
    address.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    _first_para(address, "{{ANSCHRIFT}}")

    info = table.cell(0, 2).merge(table.cell(1, 2))
    info.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    lines = [
        ("Ihr Kontakt", "{{KONTAKT}}"),
        ("Telefon", "{{TELEFON}}"),
        ("E-Mail", "{{EMAIL}}"),
        ("Datum", "{{DATUM}}"),
    ]
    for index, (label, value) in enumerate(lines):
        paragraph = info.paragraphs[0] if index == 0 else info.add_paragraph()
        if index == 0:
            paragraph.paragraph_format.space_before = Mm(INFO_TOP - ADDRESS_TOP)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(22), WD_TAB_ALIGNMENT.LEFT)
        paragraph.paragraph_format.left_indent = Mm(22)
        paragraph.paragraph_format.first_line_indent = Mm(-22)
        label_run = paragraph.add_run(f"{label}:\t")
        label_run.font.size = Pt(8)
        value_run = paragraph.add_run(value)
        value_run.font.size = Pt(9)
    return table


def build_template(path: Path) -> Path:
    """Write the bundled invitation template to ``path``."""
    document = docx.Document()
    section = document.sections[0]
    dc.setup_page_a4(
        section,
        TOP_MARGIN,
        BOTTOM_MARGIN,
        LEFT_MARGIN,
        RIGHT_MARGIN,
        header_distance=HEADER_DISTANCE,
        footer_distance=FOOTER_DISTANCE,
    )
    dc.set_language_de(document)
    _styles(document)
    _letterhead(document)

    body = document.element.body
    for p in list(body.iter(qn("w:p"))):  # python-docx's default document starts empty; keep it so
        p.getparent().remove(p)
    _address_and_info(document)

    subject = document.add_paragraph(style="Normal")
    subject.paragraph_format.space_before = Mm(8.5)
    subject.paragraph_format.space_after = Pt(22)
    subject.add_run("{{BETREFF}}").bold = True
    document.add_paragraph("{{ANREDE}}", style="Body Text")
    document.add_paragraph("{{INHALT}}", style="Body Text")
    closing = document.add_paragraph("Mit freundlichen Grüßen", style="Body Text")
    closing.paragraph_format.keep_with_next = True
    document.add_paragraph("{{UNTERSCHRIFTEN}}", style="Normal")

    props = document.core_properties
    props.title = "Einladung"
    props.subject = "Einladung zur Sitzung"
    props.author = "BezAG Desktop"
    props.comments = (
        "Vorlage für Einladungsschreiben nach DIN 5008 Form B; Platzhalter in doppelten geschweiften Klammern."
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
