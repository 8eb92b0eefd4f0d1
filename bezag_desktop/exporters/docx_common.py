"""Shared DOCX building blocks for letters and minutes (python-docx >= 1.2, FORMATS.md "DOCX").

python-docx has no API for fields, repeated header rows, hyphenation or the document language, so
the few raw-XML operations live here once: every element is inserted in the order the OOXML schema
(ECMA-376 part 1) requires, because Word refuses or silently repairs files with misplaced elements.

Templates use placeholders of the form ``{{NAME}}``. Word often splits such a text over several runs
(spell checking, a changed character format); the replacement helpers here work across runs.

Long module: a little over 600 lines, about 60 of them the schema's element orders; it is the one home
of raw OOXML for every DOCX export, and splitting it would spread the ordering rules over files.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.text import xml_safe

#: ``{{NAME}}`` with optional blanks inside the braces; names are letters, digits, ``_`` and ``.``.
PLACEHOLDER_RE = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")

#: A4 in millimetres.
A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0

#: Words longer than this get invisible break opportunities (see ``safe``).
LONG_WORD = 60
#: Distance between the inserted break opportunities in an over-long word.
LONG_WORD_CHUNK = 30
ZERO_WIDTH_SPACE = "\u200b"

_LONG_WORD_RE = re.compile(r"\S{" + str(LONG_WORD + 1) + ",}")
#: Word's manual line break (vertical tab) and page break (form feed) arrive in pasted text; XML
#: forbids both, and dropping them would glue the words on either side together.
_SOFT_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})

# Child order of the elements this module writes (ECMA-376 part 1, complex types named in brackets).
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip  # [CT_PPr]
_PBDR_ORDER = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")  # [CT_PBdr]
_TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
    "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip  # [CT_TrPr] as python-docx orders it
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
    "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip  # [CT_TblPr]
_TBLBORDERS_ORDER = ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV")
_TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
    "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
    "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip  # [CT_TcPr]
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
    "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip  # [CT_RPr]
_SETTINGS_ORDER = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
    "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
    "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState",
    "w:formsDesign", "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod", "w:documentType", "w:mailMerge", "w:revisionView", "w:trackRevisions",
    "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
    "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope",
    "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
    "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
    "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema", "w:saveInvalidXml",
    "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip  # [CT_Settings]
_DOCDEFAULTS_ORDER = ("w:rPrDefault", "w:pPrDefault")
_STYLES_ORDER = ("w:docDefaults", "w:latentStyles", "w:style")


# --------------------------------------------------------------------------------------------- XML


def _set_ordered(parent: Any, tag: str, order: Sequence[str], **attrs: str) -> Any:
    """Get or create ``parent``'s child ``tag`` at its schema position; set the ``w:`` attributes."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        later = order[order.index(tag) + 1 :] if tag in order else ()
        successor = next((c for c in parent if _prefixed(c.tag) in later), None)
        if successor is not None:
            successor.addprevious(child)
        else:
            parent.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


_NS_PREFIX = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main": "sl",
}


def _prefixed(clark: Any) -> str:
    """``{ns}local`` -> ``w:local`` for the namespaces we order by."""
    if not isinstance(clark, str) or not clark.startswith("{"):
        return ""
    ns, _, local = clark[1:].partition("}")
    return f"{_NS_PREFIX.get(ns, ns)}:{local}"


# ------------------------------------------------------------------------------------------- text


def safe(text: str | None) -> str:
    """User text fit for DOCX: no XML-forbidden characters, over-long words breakable.

    Vertical tab and form feed (Word's line and page break in pasted text) become line breaks;
    every other control character is dropped.

    A "word" of more than ``LONG_WORD`` characters (pasted hashes, runaway underscores) would push a
    table cell or the page margin; it gets a zero-width space every ``LONG_WORD_CHUNK`` characters,
    which Word and LibreOffice treat as an invisible break opportunity. Links are left whole:
    Word breaks them at their slashes and a copied link must keep working.
    """
    cleaned = xml_safe((text or "").translate(_SOFT_BREAKS))
    if len(cleaned) <= LONG_WORD:
        return cleaned
    return _LONG_WORD_RE.sub(_break_word, cleaned)


def _break_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if "://" in word or word.lower().startswith("www."):
        return word
    return ZERO_WIDTH_SPACE.join(word[i : i + LONG_WORD_CHUNK] for i in range(0, len(word), LONG_WORD_CHUNK))


# --------------------------------------------------------------------------------------- template


def open_template(
    path: str | Path,
    required_styles: Iterable[str] = (),
    required_placeholders: Iterable[str] = (),
) -> DocxDocument:
    """Open a ``.docx`` template and check it has the styles and placeholders an exporter needs.

    Styles are named by their built-in (English) names, which is how Word stores them whatever
    language its user interface shows. Raises ``UserError``/``ValidationError`` with a German
    message naming the file and the first missing parts.
    """
    p = Path(path)
    if not p.is_file():
        raise UserError(f"Die Vorlage „{p}“ wurde nicht gefunden.")
    try:
        document = docx.Document(str(p))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UserError(
            f"Die Vorlage „{p.name}“ ist keine lesbare Word-Datei (.docx). "
            "Bitte eine mit Word oder LibreOffice im Format .docx gespeicherte Vorlage wählen."
        ) from exc
    missing_styles = [name for name in required_styles if not has_style(document, name)]
    if missing_styles:
        names = ", ".join(f"„{n}“" for n in missing_styles)
        noun = "fehlt die Formatvorlage" if len(missing_styles) == 1 else "fehlen die Formatvorlagen"
        raise ValidationError(f"Der Vorlage „{p.name}“ {noun} {names}.", "template")
    present = placeholders_in(document)
    missing_ph = [name for name in required_placeholders if name not in present]
    if missing_ph:
        names = ", ".join(f"„{{{{{n}}}}}“" for n in missing_ph)
        noun = "fehlt der Platzhalter" if len(missing_ph) == 1 else "fehlen die Platzhalter"
        raise ValidationError(f"In der Vorlage „{p.name}“ {noun} {names}.", "template")
    return document


def has_style(document: DocxDocument, name: str) -> bool:
    """Whether the document defines a style with this built-in (or custom) name."""
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def style_ids(document: DocxDocument, names: Iterable[str]) -> dict[str, str | None]:
    """Style ids for built-in names, looked up once (None for a style the document lacks).

    Assigning ``paragraph.style = "Heading 1"`` looks the name up again each time, which costs
    milliseconds per paragraph in a long document; ``add_styled`` with these ids does not.
    """
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = document.styles[name].style_id
        except KeyError:
            out[name] = None
    return out


def add_styled(container: Any, text: str, style_id: str | None) -> Paragraph:
    """``container.add_paragraph(text)`` with a style given by its id (see ``style_ids``)."""
    paragraph: Paragraph = container.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


# ------------------------------------------------------------------------------------------ page


def setup_page_a4(
    section: Section,
    top: float = 20.0,
    bottom: float = 20.0,
    left: float = 25.0,
    right: float = 20.0,
    *,
    header_distance: float = 12.5,
    footer_distance: float = 10.0,
) -> None:
    """A4 portrait (21.0 x 29.7 cm) with the given margins in millimetres."""
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(A4_WIDTH_MM)
    section.page_height = Mm(A4_HEIGHT_MM)
    section.top_margin = Mm(top)
    section.bottom_margin = Mm(bottom)
    section.left_margin = Mm(left)
    section.right_margin = Mm(right)
    section.header_distance = Mm(header_distance)
    section.footer_distance = Mm(footer_distance)


def set_language_de(document: DocxDocument, *, hyphenation_zone_twips: int = 425) -> None:
    """German everywhere Word looks for it: styles' ``docDefaults``, the styles, core properties, hyphenation.

    Sets ``w:lang w:val="de-DE"`` in ``docDefaults/rPrDefault/rPr`` (and in any style that names a
    language of its own), ``core_properties.language``, the theme font language, and switches on
    automatic hyphenation (``w:autoHyphenation``) with Word's default hyphenation zone (0.75 cm).
    """
    styles = document.styles.element
    defaults = _set_ordered(styles, "w:docDefaults", _STYLES_ORDER)
    rpr_default = _set_ordered(defaults, "w:rPrDefault", _DOCDEFAULTS_ORDER)
    rpr = _set_ordered(rpr_default, "w:rPr", ("w:rPr",))
    _set_ordered(rpr, "w:lang", _RPR_ORDER, val="de-DE")
    for lang in styles.iter(qn("w:lang")):
        if lang.get(qn("w:val")) is not None:
            lang.set(qn("w:val"), "de-DE")
    document.core_properties.language = "de-DE"

    settings = document.settings.element
    _set_ordered(settings, "w:autoHyphenation", _SETTINGS_ORDER, val="true")
    _set_ordered(settings, "w:hyphenationZone", _SETTINGS_ORDER, val=str(hyphenation_zone_twips))
    # German number punctuation for fields and tables that compute
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        el = settings.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), value)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "de-DE")
    else:
        _set_ordered(settings, "w:themeFontLang", _SETTINGS_ORDER, val="de-DE")


def _add_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A complex field: fldChar begin / instrText / fldChar separate / result / fldChar end, one run each."""
    begin = paragraph.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "begin")
    fld.set(qn("w:dirty"), "true")  # Word recalculates on opening
    begin._r.append(fld)

    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run._r.append(instr)

    separate = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    separate._r.append(sep)

    paragraph.add_run(shown)

    end = paragraph.add_run()
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    end._r.append(fin)


_FIELD_TOKEN = re.compile(r"\{(PAGE|NUMPAGES)\}")


def add_field_text(paragraph: Paragraph, text: str) -> None:
    """Append ``text`` to a paragraph, turning ``{PAGE}`` and ``{NUMPAGES}`` into complex fields."""
    pos = 0
    for m in _FIELD_TOKEN.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos : m.start()])
        _add_field(paragraph, m.group(1))
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def add_page_number_footer(
    section: Section,
    text: str = "Seite {PAGE} von {NUMPAGES}",
    *,
    align: str = "center",
    size_pt: float | None = 9,
) -> Paragraph:
    """Replace the section's footer with one paragraph "Seite X von Y" built from PAGE/NUMPAGES fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraphs = footer.paragraphs
    paragraph: Paragraph = paragraphs[0]
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for run in list(paragraph._p.iter(qn("w:r"))):
        run.getparent().remove(run)
    try:
        paragraph.style = "Footer"
    except KeyError:  # a template without the built-in footer style keeps the paragraph's own style
        pass
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }.get(align, WD_ALIGN_PARAGRAPH.CENTER)
    add_field_text(paragraph, text)
    if size_pt is not None:
        for run in paragraph.runs:
            run.font.size = Pt(size_pt)
    return paragraph


# ----------------------------------------------------------------------------------------- tables


def repeat_header_row(row: _Row) -> None:
    """Mark a table row as header row that Word and LibreOffice repeat on every page (``w:tblHeader``)."""
    trpr = row._tr.get_or_add_trPr()
    _set_ordered(trpr, "w:tblHeader", _TRPR_ORDER, val="true")


def cant_split(row: _Row) -> None:
    """Keep a table row on one page (``w:cantSplit``)."""
    trpr = row._tr.get_or_add_trPr()
    _set_ordered(trpr, "w:cantSplit", _TRPR_ORDER, val="true")


def set_table_borders(table: Table, value: str = "nil", size: int = 4, color: str = "auto") -> None:
    """Set all outer and inner borders of a table, e.g. ``"nil"`` for none or ``"single"``."""
    tblpr = table._tbl.tblPr
    borders = _set_ordered(tblpr, "w:tblBorders", _TBLPR_ORDER)
    for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        if value in ("nil", "none"):
            _set_ordered(borders, side, _TBLBORDERS_ORDER, val=value)
        else:
            _set_ordered(borders, side, _TBLBORDERS_ORDER, val=value, sz=str(size), space="0", color=color)


def shade_cell(cell: _Cell, fill: str) -> None:
    """Background colour of a table cell (hex without ``#``, e.g. ``"D9E2F3"``)."""
    tcpr = cell._tc.get_or_add_tcPr()
    _set_ordered(tcpr, "w:shd", _TCPR_ORDER, val="clear", color="auto", fill=fill)


def shade_paragraph(paragraph: Paragraph, fill: str) -> None:
    """Background colour of a paragraph, used to highlight resolutions."""
    ppr = paragraph._p.get_or_add_pPr()
    _set_ordered(ppr, "w:shd", _PPR_ORDER, val="clear", color="auto", fill=fill)


def paragraph_border(paragraph: Paragraph, side: str = "top", *, size: int = 6, space: int = 1) -> None:
    """A single line on one side of a paragraph (``w:pBdr``), e.g. the signature line."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = _set_ordered(ppr, "w:pBdr", _PPR_ORDER)
    _set_ordered(pbdr, f"w:{side}", _PBDR_ORDER, val="single", sz=str(size), space=str(space), color="auto")


def keep_with_next(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def add_signature_table(
    container: Any,
    signers: Sequence[tuple[str, str]],
    *,
    per_row: int = 3,
    space_above_pt: float = 36,
) -> Table:
    """Signature lines side by side: a borderless table, a top border on each signature paragraph,
    the name on it (under the line) and the function below.

    ``container`` is a ``Document`` or a table cell (anything with ``add_table``). At most
    ``per_row`` signatures stand in one row; further ones start a new row. Rows never split.
    """
    if not signers:
        raise ValueError("signers must not be empty")
    cols = max(1, min(per_row, len(signers)))
    rows = (len(signers) + cols - 1) // cols
    table: Table
    if isinstance(container, DocxDocument):
        table = container.add_table(rows=rows, cols=cols)
    else:
        table = container.add_table(rows, cols)
    table.autofit = False
    set_table_borders(table, "nil")
    for index, (name, function) in enumerate(signers):
        cell = table.rows[index // cols].cells[index % cols]
        spacer = cell.paragraphs[0]
        spacer.paragraph_format.space_before = Pt(space_above_pt)
        spacer.paragraph_format.keep_with_next = True
        line = cell.add_paragraph(safe(name))
        paragraph_border(line, "top")
        line.paragraph_format.space_after = Pt(0)
        line.paragraph_format.keep_with_next = True
        # cells are narrow: a margin on the right keeps neighbouring lines apart
        line.paragraph_format.right_indent = Mm(6)
        spacer.paragraph_format.right_indent = Mm(6)
        func = cell.add_paragraph(safe(function))
        func.paragraph_format.right_indent = Mm(6)
        for run in func.runs:
            run.font.size = Pt(9)
    for row in table.rows:
        cant_split(row)
    return table


# ---------------------------------------------------------------------------------- placeholders


def _part_roots(document: DocxDocument) -> Iterator[Any]:
    """The XML roots holding visible text: the body, then every header and footer part."""
    yield document.element.body
    for part in document.part.package.iter_parts():
        if isinstance(part, HeaderPart | FooterPart):
            yield part.element


def iter_paragraphs(document: DocxDocument) -> Iterator[Paragraph]:
    """Every paragraph: body, tables (nested), text boxes, headers and footers of all sections."""
    for root in _part_roots(document):
        for p in root.iter(qn("w:p")):
            yield Paragraph(p, document)


def _runs(paragraph: Paragraph) -> list[Any]:
    """The paragraph's runs including those inside hyperlinks and simple fields, in text order."""
    return [r for r in paragraph._p.iter(qn("w:r")) if r.getparent() is not None]


def _run_text(r: Any) -> str:
    # only w:t text; tabs, breaks and field instructions are not part of placeholder matching
    return "".join(t.text or "" for t in r.iter(qn("w:t")))


def paragraph_text(paragraph: Paragraph) -> str:
    return "".join(_run_text(r) for r in _runs(paragraph))


def placeholders_in(document: DocxDocument) -> set[str]:
    """The names of all ``{{NAME}}`` placeholders in the document, headers and footers."""
    found: set[str] = set()
    for paragraph in iter_paragraphs(document):
        text = paragraph_text(paragraph)
        if "{{" in text:
            found.update(m.group(1) for m in PLACEHOLDER_RE.finditer(text))
    return found


def _set_run_text(r: Any, text: str) -> None:
    """Replace the visible text of a run, keeping its format and any non-text content (images, fields)."""
    ts = list(r.iter(qn("w:t")))
    if "\n" in text or "\t" in text or not ts:
        r.text = text  # python-docx writes w:br and w:tab for them
        return
    ts[0].text = text
    ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in ts[1:]:
        t.getparent().remove(t)


def replace_in_paragraph(paragraph: Paragraph, values: Mapping[str, str]) -> set[str]:
    """Replace ``{{NAME}}`` placeholders in one paragraph, also when Word split them over runs.

    The replacement takes the character format of the run where the placeholder starts. Unknown
    names are left untouched. Values are passed through ``safe``. Returns the names replaced.
    """
    runs = _runs(paragraph)
    texts = [_run_text(r) for r in runs]
    full = "".join(texts)
    if "{{" not in full:
        return set()
    matches = [m for m in PLACEHOLDER_RE.finditer(full) if m.group(1) in values]
    if not matches:
        return set()
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t)

    def locate(offset: int) -> int:
        # the run holding character ``offset``; empty runs hold none
        return next(i for i, t in enumerate(texts) if starts[i] <= offset < starts[i] + len(t))

    # right to left, so earlier offsets stay valid
    for m in reversed(matches):
        first, last = locate(m.start()), locate(m.end() - 1)
        value = safe(values[m.group(1)])
        head = texts[first][: m.start() - starts[first]]
        tail = texts[last][m.end() - starts[last] :]
        if first == last:
            texts[first] = head + value + tail
        else:
            texts[first] = head + value
            for i in range(first + 1, last):
                texts[i] = ""
            texts[last] = tail
    for r, new in zip(runs, texts, strict=True):
        if _run_text(r) != new:
            _set_run_text(r, new)
    return {m.group(1) for m in matches}


def replace_placeholders(document: DocxDocument, values: Mapping[str, str]) -> set[str]:
    """Replace placeholders everywhere (body, tables, text boxes, headers, footers); returns names replaced."""
    done: set[str] = set()
    for paragraph in iter_paragraphs(document):
        done |= replace_in_paragraph(paragraph, values)
    return done


def find_placeholder_paragraph(document: DocxDocument, name: str) -> Paragraph | None:
    """The first body paragraph containing ``{{name}}`` (used as anchor for generated content)."""
    for p in document.element.body.iter(qn("w:p")):
        paragraph = Paragraph(p, document)
        text = paragraph_text(paragraph)
        if "{{" in text and any(m.group(1) == name for m in PLACEHOLDER_RE.finditer(text)):
            return paragraph
    return None


@contextmanager
def content_at_placeholder(document: DocxDocument, name: str) -> Iterator[None]:
    """Let code append paragraphs and tables with the normal API; they land where ``{{name}}`` stood.

    The anchor paragraph is removed afterwards. Without the placeholder the content stays at the end.
    """
    anchor = find_placeholder_paragraph(document, name)
    body = document.element.body
    kept = list(body)  # holding the proxies keeps their ids stable
    before = {id(el) for el in kept}
    yield
    if anchor is None:
        return
    new = [el for el in body if id(el) not in before and el.tag != qn("w:sectPr")]
    for el in new:
        anchor._p.addprevious(el)
    anchor._p.getparent().remove(anchor._p)
