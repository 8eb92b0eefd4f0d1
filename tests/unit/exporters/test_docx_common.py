"""docx_common: every helper is checked on a saved and re-read file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.exporters import docx_common as dc


def _reopen(document, tmp_path: Path, name: str = "t.docx"):
    path = tmp_path / name
    document.save(str(path))
    return docx.Document(str(path)), path


def test_page_a4_and_margins(tmp_path: Path) -> None:
    d = docx.Document()
    dc.setup_page_a4(d.sections[0], 20, 15, 25, 20)
    back, _ = _reopen(d, tmp_path)
    s = back.sections[0]
    assert round(s.page_width.mm) == 210
    assert round(s.page_height.mm) == 297
    assert (round(s.top_margin.mm), round(s.bottom_margin.mm)) == (20, 15)
    assert (round(s.left_margin.mm), round(s.right_margin.mm)) == (25, 20)


def test_language_de_in_doc_defaults_core_props_and_hyphenation(tmp_path: Path) -> None:
    d = docx.Document()
    dc.set_language_de(d)
    back, path = _reopen(d, tmp_path)
    lang = back.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "de-DE"
    # no style keeps the default template's en-US
    assert all(el.get(qn("w:val")) == "de-DE" for el in back.styles.element.iter(qn("w:lang")))
    assert back.core_properties.language == "de-DE"
    settings = back.settings.element
    auto = settings.find(qn("w:autoHyphenation"))
    assert auto is not None
    assert auto.get(qn("w:val")) == "true"
    # schema order: autoHyphenation follows defaultTabStop and precedes compat
    tags = [c.tag for c in settings]
    assert tags.index(qn("w:defaultTabStop")) < tags.index(qn("w:autoHyphenation")) < tags.index(qn("w:compat"))
    with zipfile.ZipFile(path) as z:
        assert b'w:val="en-US"' not in z.read("word/styles.xml")


def test_page_number_footer_uses_complex_fields(tmp_path: Path) -> None:
    d = docx.Document()
    dc.add_page_number_footer(d.sections[0])
    back, _ = _reopen(d, tmp_path)
    p = back.sections[0].footer.paragraphs[0]
    runs = list(p._p.iter(qn("w:r")))
    kinds = []
    for r in runs:
        fld = r.find(qn("w:fldChar"))
        instr = r.find(qn("w:instrText"))
        children = [c for c in r if c.tag != qn("w:rPr")]
        assert len(children) == 1, "each field part sits in its own run"
        if fld is not None:
            kinds.append(fld.get(qn("w:fldCharType")))
        elif instr is not None:
            kinds.append(instr.text.strip())
        else:
            kinds.append("text:" + r.find(qn("w:t")).text)
    assert kinds == [
        "text:Seite ",
        "begin",
        "PAGE",
        "separate",
        "text:1",
        "end",
        "text: von ",
        "begin",
        "NUMPAGES",
        "separate",
        "text:1",
        "end",
    ]


def test_header_row_and_cant_split_in_schema_order(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.rows[0].height = Mm(8)  # trHeight sits between cantSplit and tblHeader
    dc.repeat_header_row(t.rows[0])
    dc.cant_split(t.rows[0])
    dc.cant_split(t.rows[1])
    back, _ = _reopen(d, tmp_path)
    tr0 = back.tables[0].rows[0]._tr
    assert [c.tag for c in tr0.trPr] == [qn("w:cantSplit"), qn("w:trHeight"), qn("w:tblHeader")]
    assert tr0.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert back.tables[0].rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert back.tables[0].rows[2]._tr.trPr is None


def test_signature_table_borderless_with_line_name_and_function(tmp_path: Path) -> None:
    d = docx.Document()
    dc.add_signature_table(
        d, [("Dr. Anna Huber", "Vorsitzende"), ("Max Müller", "Vorsitzender"), ("Eva Ost", "Schriftführung")]
    )
    back, _ = _reopen(d, tmp_path)
    table = back.tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    assert len(table.rows) == 1
    assert len(table.columns) == 3
    cell = table.rows[0].cells[1]
    texts = [p.text for p in cell.paragraphs]
    assert texts[-2:] == ["Max Müller", "Vorsitzender"]
    line = cell.paragraphs[-2]
    top = line._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert top.get(qn("w:val")) == "single"
    assert cell.paragraphs[-1]._p.pPr is None or cell.paragraphs[-1]._p.pPr.find(qn("w:pBdr")) is None


def test_signature_table_in_a_cell_and_wraps_rows() -> None:
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    t = dc.add_signature_table(cell, [(f"P{i}", "F") for i in range(4)], per_row=3)
    assert len(t.rows) == 2


def test_safe_strips_control_characters_and_breaks_long_words() -> None:
    assert dc.safe("a\x00b\x1fc") == "abc"
    # Word's line and page break in pasted text keep the words apart
    assert dc.safe("Zeile\x0bneu\x0cSeite") == "Zeile\nneu\nSeite"
    assert dc.safe(None) == ""
    assert dc.safe("Zeile\nZwei\tTab") == "Zeile\nZwei\tTab"
    long = "x" * 200
    out = dc.safe(f"vor {long} nach")
    assert out.replace(dc.ZERO_WIDTH_SPACE, "") == f"vor {long} nach"
    assert max(len(part) for part in out.split(dc.ZERO_WIDTH_SPACE)) <= dc.LONG_WORD_CHUNK + 4
    url = "https://example.org/" + "a" * 100
    assert dc.safe(url) == url
    assert dc.safe("Donaudampfschifffahrtsgesellschaft") == "Donaudampfschifffahrtsgesellschaft"


def test_hostile_text_makes_a_readable_file(tmp_path: Path) -> None:
    d = docx.Document()
    for text in ["\x00\x01\x02 Steuer\x1bzeichen", "W" * 5000, "   \t  ", "\ud800 einsam"]:
        d.add_paragraph(dc.safe(text))
        d.add_table(rows=1, cols=1).cell(0, 0).text = dc.safe(text)
    back, _ = _reopen(d, tmp_path)
    assert "Steuerzeichen" in back.paragraphs[0].text


def test_replace_placeholder_split_over_runs_keeps_format(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Sitzung ")
    r1 = p.add_run("{{SIT")
    r1.bold = True
    p.add_run("ZUNG}} am {")
    p.add_run("{DATUM}} und {{UNBEKANNT}}")
    cell_p = d.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
    cell_p.add_run("{{DATUM}}")
    d.sections[0].header.paragraphs[0].add_run("{{SITZUNG}}")
    assert dc.placeholders_in(d) == {"SITZUNG", "DATUM", "UNBEKANNT"}
    done = dc.replace_placeholders(d, {"SITZUNG": "2. Sitzung\x07", "DATUM": "10.03.2027"})
    assert done == {"SITZUNG", "DATUM"}
    back, _ = _reopen(d, tmp_path)
    assert back.paragraphs[0].text == "Sitzung 2. Sitzung am 10.03.2027 und {{UNBEKANNT}}"
    assert back.paragraphs[0].runs[1].bold is True
    assert back.paragraphs[0].runs[1].text == "2. Sitzung"
    assert back.tables[0].cell(0, 0).text == "10.03.2027"
    assert back.sections[0].header.paragraphs[0].text == "2. Sitzung"
    assert dc.placeholders_in(back) == {"UNBEKANNT"}


def test_replace_with_line_breaks() -> None:
    d = docx.Document()
    p = d.add_paragraph("{{A}}")
    dc.replace_in_paragraph(p, {"A": "eins\nzwei"})
    assert p.text == "eins\nzwei"
    assert p._p.find(qn("w:r")).find(qn("w:br")) is not None


def test_content_at_placeholder_moves_generated_blocks(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Kopf")
    d.add_paragraph("{{INHALT}}")
    d.add_paragraph("Schluss")
    with dc.content_at_placeholder(d, "INHALT"):
        d.add_paragraph("Erster")
        d.add_table(rows=1, cols=1).cell(0, 0).text = "Zelle"
        d.add_paragraph("Letzter")
    back, _ = _reopen(d, tmp_path)
    body = [c for c in back.element.body if c.tag != qn("w:sectPr")]
    tags = [c.tag.split("}")[1] for c in body]
    assert tags == ["p", "p", "tbl", "p", "p"]
    assert [p.text for p in back.paragraphs] == ["Kopf", "Erster", "Letzter", "Schluss"]


def test_open_template_reports_missing_style_and_placeholder(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("{{GREMIUM}}")
    path = tmp_path / "vorlage.docx"
    d.save(str(path))
    assert dc.open_template(path, ["Heading 1", "Title"], ["GREMIUM"]) is not None
    with pytest.raises(ValidationError, match="Formatvorlage „Fantasiestil“"):
        dc.open_template(path, ["Heading 1", "Fantasiestil"])
    with pytest.raises(ValidationError, match=r"Platzhalter „\{\{INHALT\}\}“"):
        dc.open_template(path, [], ["GREMIUM", "INHALT"])


def test_open_template_rejects_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="nicht gefunden"):
        dc.open_template(tmp_path / "fehlt.docx")
    broken = tmp_path / "kaputt.docx"
    broken.write_text("kein Word", encoding="utf-8")
    with pytest.raises(UserError, match="keine lesbare Word-Datei"):
        dc.open_template(broken)


def test_shading_helpers(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Beschluss", style="Heading 2")
    dc.shade_paragraph(p, "E2EFD9")
    dc.paragraph_border(p, "left")
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    dc.shade_cell(cell, "FFF2CC")
    back, _ = _reopen(d, tmp_path)
    ppr = back.paragraphs[0]._p.pPr
    tags = [c.tag for c in ppr]
    assert tags.index(qn("w:pStyle")) < tags.index(qn("w:pBdr")) < tags.index(qn("w:shd"))
    assert ppr.find(qn("w:shd")).get(qn("w:fill")) == "E2EFD9"
    assert back.tables[0].cell(0, 0)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFF2CC"
