"""The invitation letter: template geometry (DIN 5008 Form B) and the filled letter, re-read with python-docx."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.exporters import docx_letter, letter_template, verify
from bezag_desktop.exporters.invitation import AgendaLine, InvitationContent, Notice, Signatory

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
NASTY_PLACE = 'Saal "Süd"; 3. OG, Prinzregentenstraße 14\n80538 München \\ Eingang B'

OFFICE = OfficeDetails(
    name="Geschäftsstelle der BezAG Sozialplanung",
    department="Bezirk Oberbayern, Referat Sozialplanung",
    street="Prinzregentenstraße 14",
    postcode="80538",
    city="München",
    email="geschaeftsstelle@bezag.example",
    phone="+49 89 2198-0",
    uid_domain="bezag.example",
    contact_person="Maria Muster",
)


def _content(**kw: object) -> InvitationContent:
    data: dict[str, object] = {
        "committee": "Bezirksarbeitsgemeinschaft Sozialplanung",
        "meeting_title": "1. Sitzung 2027",
        "start": datetime(2027, 3, 10, 10, 0),
        "end": datetime(2027, 3, 10, 13, 0),
        "location_name": NASTY_PLACE,
        "online_url": "https://meet.example/j/42",
        "travel_notes": "U4/U5 bis Lehel; keine Parkplätze\nBitte Ausweis mitbringen",
        "rsvp_date": date(2027, 3, 1),
        "agenda": (
            AgendaLine("1", "Begrüßung und Feststellung der Beschlussfähigkeit", "Prof. Dr. Maria Huber"),
            AgendaLine("2", "Berichte aus den Arbeitsgruppen"),
            AgendaLine("2.1", "AG „Wohnen“, Bericht; Ausblick \\ 2028", 'Jörg "Joe" Weiß, LRA', 1),
            AgendaLine("3", "Verschiedenes\x07"),
        ),
        "office": OFFICE,
        "signatories": (
            Signatory("Prof. Dr. Maria Huber", "Vorsitz Bezirk"),
            Signatory("Max Müller-Lüdenscheidt", "Vorsitz Landkreise/Städte"),
        ),
        "letter_date": date(2026, 11, 21),
        "notice": Notice.EINLADUNG,
    }
    data.update(kw)
    return InvitationContent(**data)  # type: ignore[arg-type]


def _all_text(document: docx.document.Document) -> str:
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for root in [document.element.body]
        + [part.element for part in document.part.package.iter_parts() if "header" in str(part.partname)]
        + [part.element for part in document.part.package.iter_parts() if "footer" in str(part.partname)]
        for p in root.iter(qn("w:p"))
    )


def _write(tmp_path: Path, content: InvitationContent | None = None, template: Path | None = None) -> Path:
    return docx_letter.write_letter(tmp_path / "Einladung.docx", content or _content(), template)


# --- the bundled template ---------------------------------------------------------------------


def test_bundled_template_is_a4_german_with_din_5008_margins() -> None:
    template = docx_letter.bundled_template()
    assert template.is_file()
    d = docx.Document(str(template))
    s = d.sections[0]
    assert round(s.page_width.mm, 1) == 210.0
    assert round(s.page_height.mm, 1) == 297.0
    assert round(s.left_margin.mm) == 25
    assert s.right_margin.mm >= 19.9
    assert round(s.top_margin.mm) == 45  # Form B letterhead
    lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "de-DE"
    assert d.core_properties.language == "de-DE"
    assert d.settings.element.find(qn("w:autoHyphenation")).get(qn("w:val")) == "true"
    for name in letter_template.REQUIRED_STYLES:
        assert d.styles[name] is not None


def test_address_field_and_information_block_geometry() -> None:
    d = docx.Document(str(docx_letter.bundled_template()))
    table = d.tables[0]
    assert d.element.body[0] is table._tbl  # the address field is the first thing on the page
    tblpr = table._tbl.tblPr
    indent_mm = int(tblpr.find(qn("w:tblInd")).get(qn("w:w"))) / 56.7
    assert round(25 + indent_mm, 1) == 20.0  # address field 20 mm from the left edge
    assert tblpr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = [int(g.get(qn("w:w"))) / 56.7 for g in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert round(widths[0], 1) == 85.0
    assert round(20 + widths[0] + widths[1], 1) == 125.0  # information block from 125 mm
    assert 20 + sum(widths) <= 210 - 20 + 0.1  # within the right margin
    heights = []
    for row in table._tbl.tr_lst:
        h = row.trPr.find(qn("w:trHeight"))
        assert h.get(qn("w:hRule")) == "exact"
        heights.append(round(int(h.get(qn("w:val"))) / 56.7, 1))
    assert heights == [17.7, 27.3]
    # top of the address field = top margin = 45 mm; its text starts at 25 mm (5 mm inset)
    address_cell = table.cell(1, 0)
    assert "{{ANSCHRIFT}}" in address_cell.text
    inset = int(address_cell._tc.tcPr.find(qn("w:tcMar")).find(qn("w:left")).get(qn("w:w"))) / 56.7
    assert round(20 + inset, 1) == 25.0
    info = table.cell(0, 2).text
    for label in ("Ihr Kontakt", "Telefon", "E-Mail", "Datum"):
        assert label in info


def test_fold_and_hole_marks_are_anchored_to_the_page() -> None:
    d = docx.Document(str(docx_letter.bundled_template()))
    header = d.sections[0].first_page_header._element
    found = []
    for anchor in header.iter(f"{WP}anchor"):
        h, v = anchor.find(f"{WP}positionH"), anchor.find(f"{WP}positionV")
        assert h.get("relativeFrom") == "page"
        assert v.get("relativeFrom") == "page"
        x = int(h.find(f"{WP}posOffset").text) / 36000
        y = int(v.find(f"{WP}posOffset").text) / 36000
        found.append((round(x, 1), round(y, 1)))
    assert sorted(y for _, y in found) == [105.0, 148.5, 210.0]
    assert all(x < 20 for x, _ in found)  # on the left edge, outside the text


def test_footer_page_x_of_y_uses_complex_fields_on_every_page(tmp_path: Path) -> None:
    path = _write(tmp_path)
    d = docx.Document(str(path))
    section = d.sections[0]
    for footer in (section.footer, section.first_page_footer):
        p = footer.paragraphs[0]
        runs = list(p._p.iter(qn("w:r")))
        kinds = []
        for r in runs:
            fld = r.find(qn("w:fldChar"))
            instr = r.find(qn("w:instrText"))
            if fld is not None:
                kinds.append(fld.get(qn("w:fldCharType")))
                assert len(r) <= 2  # each fldChar in its own run (rPr allowed)
            elif instr is not None:
                kinds.append(instr.text.strip())
        assert kinds == ["begin", "PAGE", "separate", "end", "begin", "NUMPAGES", "separate", "end"]
        assert p.text.startswith("Seite ")
        assert " von " in p.text


# --- the filled letter ------------------------------------------------------------------------


def test_filled_letter_has_everything_and_no_placeholder_left(tmp_path: Path) -> None:
    path = _write(tmp_path)
    d = docx.Document(str(path))
    text = _all_text(d)
    assert "{{" not in text
    assert "}}" not in text
    assert "Betreff" not in text
    subject = next(p for p in d.paragraphs if p.text.startswith("Einladung zur 1. Sitzung 2027"))
    assert subject.text == "Einladung zur 1. Sitzung 2027 der Bezirksarbeitsgemeinschaft Sozialplanung am 10.03.2027"
    assert all(r.bold for r in subject.runs if r.text)
    assert "Sehr geehrte Damen und Herren," in text
    assert "21.11.2026" in text  # letter date dd.MM.yyyy
    assert "Mittwoch, 10.03.2027, 10:00 bis 13:00 Uhr" in text
    assert "01.03.2027" in text  # RSVP date
    assert "https://meet.example/j/42" in text
    assert "U4/U5 bis Lehel; keine Parkplätze" in text
    assert "Maria Muster" in text
    assert "+49 89 2198-0" in text
    assert "geschaeftsstelle@bezag.example" in text
    assert "Prinzregentenstraße 14 · 80538 München" in text  # letterhead
    assert d.core_properties.language == "de-DE"
    assert d.core_properties.title.startswith("Einladung zur")


def test_agenda_items_numbered_with_presenters(tmp_path: Path) -> None:
    d = docx.Document(str(_write(tmp_path)))
    items = [p for p in d.paragraphs if p.style.name == "List Paragraph"]
    assert [p.text.split("\t")[0] for p in items] == ["TOP 1", "TOP 2", "TOP 2.1", "TOP 3"]
    assert items[0].text == (
        "TOP 1\tBegrüßung und Feststellung der Beschlussfähigkeit\nBerichterstattung: Prof. Dr. Maria Huber"
    )
    # commas, semicolons, quotes, backslashes and umlauts come through intact
    assert items[2].text == 'TOP 2.1\tAG „Wohnen“, Bericht; Ausblick \\ 2028\nBerichterstattung: Jörg "Joe" Weiß, LRA'
    assert items[3].text == "TOP 3\tVerschiedenes"  # control character stripped


def test_place_with_line_break_and_special_characters_is_intact(tmp_path: Path) -> None:
    d = docx.Document(str(_write(tmp_path)))
    place = next(p for p in d.paragraphs if p.text.startswith("Ort:"))
    assert place.text == "Ort:\t" + NASTY_PLACE


def test_signature_lines_with_both_co_chairs(tmp_path: Path) -> None:
    d = docx.Document(str(_write(tmp_path)))
    table = d.tables[-1]
    names = []
    for cell in table.rows[0].cells:
        line = next(p for p in cell.paragraphs if p._p.find(qn("w:pPr")) is not None and p.text)
        border = line._p.pPr.find(qn("w:pBdr"))
        assert border is not None
        assert border.find(qn("w:top")) is not None
        names.append([p.text for p in cell.paragraphs if p.text])
    assert names == [
        ["Prof. Dr. Maria Huber", "Vorsitz Bezirk"],
        ["Max Müller-Lüdenscheidt", "Vorsitz Landkreise/Städte"],
    ]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)


@pytest.mark.parametrize("notice", [Notice.EINLADUNG, Notice.ABSAGE])
def test_closing_and_signatures_never_stand_alone_on_a_page(tmp_path: Path, notice: Notice) -> None:
    d = docx.Document(str(_write(tmp_path, _content(notice=notice))))
    paragraphs = d.paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.text == "Mit freundlichen Grüßen")
    assert paragraphs[closing].paragraph_format.keep_with_next
    before = next(p for p in reversed(paragraphs[:closing]) if p.text.strip())
    assert before.paragraph_format.keep_with_next, before.text


def test_the_shared_checker_finds_nothing_wrong(tmp_path: Path) -> None:
    """The same check the self-test runs on the office PC (A4, de-DE, hyphenation, page fields, texts)."""
    path = _write(tmp_path)
    assert verify.check_docx(path, expect_text=["TOP 2.1", NASTY_PLACE.split("\n")[0], "Max Müller-Lüdenscheidt"]) == []


def test_cancellation_letter(tmp_path: Path) -> None:
    d = docx.Document(str(_write(tmp_path, _content(notice=Notice.ABSAGE))))
    text = _all_text(d)
    assert "Absage der 1. Sitzung 2027" in text
    assert "abgesagt" in text
    assert "TOP 1" not in text


def test_empty_optional_lines_disappear(tmp_path: Path) -> None:
    office = OfficeDetails(name="Geschäftsstelle", email="gs@bezag.example")
    d = docx.Document(str(_write(tmp_path, _content(office=office))))
    info = d.tables[0].cell(0, 2).text
    assert "Telefon" not in info
    assert "Ihr Kontakt" not in info
    assert "E-Mail:\tgs@bezag.example" in info
    assert "Datum:\t21.11.2026" in info


def _png(path: Path, width: int = 4, height: int = 2) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(png)
    return path


def test_logo_from_the_settings_goes_into_the_letterhead(tmp_path: Path) -> None:
    logo = _png(tmp_path / "logo.png")
    office = OfficeDetails(**{**OFFICE.to_dict(), "logo_path": str(logo)})
    path = _write(tmp_path, _content(office=office))
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        headers = "".join(z.read(n).decode() for n in z.namelist() if re.match(r"word/header\d+\.xml", n))
    assert media
    assert "<pic:pic" in headers
    d = docx.Document(str(path))
    inline = d.sections[0].first_page_header._element.find(".//" + WP + "inline")
    assert inline is not None
    extent = inline.find(WP + "extent")
    assert int(extent.get("cy")) <= Mm(docx_letter.LOGO_MAX_HEIGHT_MM) + 1
    assert int(extent.get("cx")) <= Mm(docx_letter.LOGO_MAX_WIDTH_MM) + 1


def test_missing_logo_is_a_german_error(tmp_path: Path) -> None:
    office = OfficeDetails(**{**OFFICE.to_dict(), "logo_path": str(tmp_path / "fehlt.png")})
    with pytest.raises(UserError, match="Logo"):
        _write(tmp_path, _content(office=office))
    assert not (tmp_path / "Einladung.docx").exists()


# --- the office's own template ----------------------------------------------------------------


def _custom(tmp_path: Path, edit) -> Path:
    d = docx.Document(str(docx_letter.bundled_template()))
    edit(d)
    path = tmp_path / "eigene Vorlage.docx"
    d.save(str(path))
    return path


def test_custom_template_is_used(tmp_path: Path) -> None:
    def edit(d) -> None:
        d.paragraphs[-1].insert_paragraph_before("Eigene Vorlage der Geschäftsstelle")

    template = _custom(tmp_path, edit)
    text = _all_text(docx.Document(str(_write(tmp_path, template=template))))
    assert "Eigene Vorlage der Geschäftsstelle" in text
    assert "TOP 2.1" in text


def test_template_missing_a_style_gets_a_german_message(tmp_path: Path) -> None:
    def edit(d) -> None:
        style = d.styles["List Paragraph"]
        style.element.getparent().remove(style.element)

    template = _custom(tmp_path, edit)
    with pytest.raises(ValidationError, match="fehlt die Formatvorlage „List Paragraph“"):
        _write(tmp_path, template=template)
    assert not (tmp_path / "Einladung.docx").exists()


def test_template_missing_a_placeholder_gets_a_german_message(tmp_path: Path) -> None:
    def edit(d) -> None:
        for p in d.paragraphs:
            if "{{INHALT}}" in p.text:
                p.runs[0].text = "kein Inhalt"

    template = _custom(tmp_path, edit)
    with pytest.raises(ValidationError, match="fehlt der Platzhalter „\\{\\{INHALT\\}\\}“"):
        _write(tmp_path, template=template)


def test_unknown_placeholder_in_a_template_is_named(tmp_path: Path) -> None:
    def edit(d) -> None:
        d.paragraphs[-1].insert_paragraph_before("{{AKTENZEICHEN}}")

    template = _custom(tmp_path, edit)
    with pytest.raises(ValidationError, match="AKTENZEICHEN"):
        _write(tmp_path, template=template)


def test_template_that_is_no_docx(tmp_path: Path) -> None:
    bad = tmp_path / "kaputt.docx"
    bad.write_text("kein Word", encoding="utf-8")
    with pytest.raises(UserError, match="keine lesbare Word-Datei"):
        _write(tmp_path, template=bad)
    with pytest.raises(UserError, match="nicht gefunden"):
        _write(tmp_path, template=tmp_path / "gibt es nicht.docx")


def test_rebuilding_the_template_gives_the_committed_structure(tmp_path: Path) -> None:
    fresh = letter_template.build_template(tmp_path / "neu.docx")
    committed = docx.Document(str(docx_letter.bundled_template()))
    rebuilt = docx.Document(str(fresh))
    assert [p.text for p in rebuilt.paragraphs] == [p.text for p in committed.paragraphs]
    assert [c.text for c in rebuilt.tables[0]._cells] == [c.text for c in committed.tables[0]._cells]
