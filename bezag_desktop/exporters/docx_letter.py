"""The invitation letter (DOCX): the meeting filled into a DIN 5008 template.

The template is the bundled ``resources/templates/einladung.docx`` (see ``letter_template``) or
the office's own (Einstellungen, ``OfficeDetails.invitation_template``). It must carry the
styles ``REQUIRED_STYLES`` and the placeholders ``REQUIRED_PLACEHOLDERS``; a template missing
one gets a German message naming it. The placeholders ``{{INHALT}}`` and ``{{UNTERSCHRIFTEN}}``
become paragraphs (details, numbered agenda, travel notes, reply date) and the signature table.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from bezag_desktop.config import resources_dir
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters.ics import write_bytes_atomic
from bezag_desktop.exporters.invitation import (
    InvitationContent,
    Notice,
    clean,
    details_lines,
    letter_subject,
    one_line,
    opening_sentence,
)
from bezag_desktop.exporters.letter_template import OPTIONAL_PLACEHOLDERS, REQUIRED_PLACEHOLDERS, REQUIRED_STYLES

#: The logo in the letterhead is at most this high and this wide.
LOGO_MAX_HEIGHT_MM = 20.0
LOGO_MAX_WIDTH_MM = 50.0


def bundled_template() -> Path:
    return resources_dir() / "templates" / "einladung.docx"


def template_path(custom: str | Path | None) -> Path:
    """The office's own template when one is set, otherwise the bundled one."""
    text = str(custom or "").strip()
    return Path(text).expanduser() if text else bundled_template()


def simple_values(c: InvitationContent) -> dict[str, str]:
    """The one-line placeholders (letterhead, address field, information block, subject)."""
    office = c.office
    town = office.town
    sender = office.name or "Geschäftsstelle"
    return {
        "ABSENDER": sender,
        "ABTEILUNG": office.department,
        "ABSENDERADRESSE": " · ".join(p for p in (office.street, town, office.website) if p),
        "RUECKSENDEANGABE": " · ".join(p for p in (sender, office.street, town) if p),
        "VERMERK": "Per E-Mail",
        "ANSCHRIFT": f"An die Mitglieder, Stellvertretungen\nund Gäste der\n{clean(c.committee)}",
        "KONTAKT": office.contact_person,
        "TELEFON": office.phone,
        "EMAIL": office.email,
        "DATUM": fmt_date(c.letter_date),
        "BETREFF": letter_subject(c),
        "ANREDE": "Sehr geehrte Damen und Herren,",
    }


def _story_paragraphs(container: Any) -> Iterator[Paragraph]:
    """Paragraphs of a body, header, footer or cell with their real parents (needed for pictures)."""
    yield from container.paragraphs
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _story_paragraphs(cell)


def _all_stories(document: DocxDocument) -> Iterator[Any]:
    yield document
    for section in document.sections:
        for story in (
            section.first_page_header,
            section.header,
            section.even_page_header,
            section.first_page_footer,
            section.footer,
            section.even_page_footer,
        ):
            if not story.is_linked_to_previous:
                yield story


def _has_placeholder(paragraph: Paragraph, name: str) -> bool:
    text = dc.paragraph_text(paragraph)
    return "{{" in text and any(m.group(1) == name for m in dc.PLACEHOLDER_RE.finditer(text))


def _drop_paragraph(p_element: Any) -> None:
    """Remove a paragraph; the last one of a cell or header only loses its text (Word needs one)."""
    parent = p_element.getparent()
    if parent is None:
        return
    siblings = [el for el in parent if el.tag == qn("w:p")]
    drawn = any(True for _ in p_element.iter(qn("w:drawing"), qn("w:pict")))
    if not drawn and (len(siblings) > 1 or parent.tag == qn("w:body")):
        parent.remove(p_element)
        return
    for r in list(p_element.iter(qn("w:r"))):
        for t in list(r.iter(qn("w:t"))):
            t.text = ""


def _drop_empty_optionals(document: DocxDocument, values: dict[str, str]) -> None:
    empty = {name for name in OPTIONAL_PLACEHOLDERS if name != "LOGO" and not values.get(name, "").strip()}
    doomed = []
    for paragraph in dc.iter_paragraphs(document):
        if any(_has_placeholder(paragraph, name) for name in empty):
            doomed.append(paragraph._p)
    for p in doomed:
        _drop_paragraph(p)


def _insert_logo(document: DocxDocument, logo_path: str) -> None:
    targets = [p for story in _all_stories(document) for p in _story_paragraphs(story) if _has_placeholder(p, "LOGO")]
    if not targets:
        return
    picture: Path | None = Path(logo_path).expanduser() if logo_path.strip() else None
    if picture is not None and not picture.is_file():
        raise UserError(f"Das Logo „{picture}“ aus den Einstellungen wurde nicht gefunden.")
    size: tuple[Any, Any] = (None, None)
    if picture is not None:
        try:
            image = Image.from_file(str(picture))
        except (UnrecognizedImageError, OSError) as exc:
            raise UserError(
                f"Das Logo „{picture.name}“ ist kein Bild, das Word lesen kann (PNG, JPG, GIF, BMP oder TIFF)."
            ) from exc
        ratio = image.px_width / max(image.px_height, 1)
        if LOGO_MAX_HEIGHT_MM * ratio > LOGO_MAX_WIDTH_MM:
            size = (Mm(LOGO_MAX_WIDTH_MM), None)
        else:
            size = (None, Mm(LOGO_MAX_HEIGHT_MM))
    for paragraph in targets:
        dc.replace_in_paragraph(paragraph, {"LOGO": ""})
        if picture is not None:
            paragraph.add_run().add_picture(str(picture), width=size[0], height=size[1])


def _line_paragraph(document: DocxDocument, label: str, value: str, *, last: bool) -> None:
    paragraph = document.add_paragraph(style="Normal")
    fmt = paragraph.paragraph_format
    fmt.tab_stops.add_tab_stop(Mm(35))
    fmt.left_indent = Mm(35)
    fmt.first_line_indent = Mm(-35)
    fmt.keep_with_next = not last
    fmt.space_after = Pt(11) if last else Pt(2)
    paragraph.add_run(f"{label}:").bold = True
    paragraph.add_run("\t" + dc.safe(value))


def _content(document: DocxDocument, c: InvitationContent) -> None:
    document.add_paragraph(dc.safe(opening_sentence(c)), style="Body Text")
    lines = details_lines(c)[:1] if c.notice is Notice.ABSAGE else details_lines(c)
    for index, line in enumerate(lines):
        label, _, value = line.partition(": ")
        label = "Online" if label == "Online-Teilnahme" else label
        _line_paragraph(document, label, value, last=index == len(lines) - 1)
    if c.notice is Notice.ABSAGE:
        last = document.add_paragraph(
            "Die Sitzung findet nicht statt. Ein neuer Termin wird Ihnen rechtzeitig mitgeteilt. "
            "Wir bitten um Ihr Verständnis.",
            style="Body Text",
        )
        # the closing and the signatures never stand alone on a page
        last.paragraph_format.keep_with_next = True
        return
    if c.agenda:
        heading = document.add_paragraph(style="Body Text")
        heading.add_run("Tagesordnung").bold = True
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_after = Pt(6)
        for item in c.agenda:
            paragraph = document.add_paragraph(style="List Paragraph")
            paragraph.add_run(dc.safe(f"TOP {one_line(item.number)}\t{one_line(item.title)}"))
            if item.depth > 0:
                paragraph.paragraph_format.left_indent = Mm(20 + 8 * item.depth)
                paragraph.paragraph_format.first_line_indent = Mm(-20)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(20 + 8 * item.depth))
            if item.presenter.strip():
                paragraph.add_run().add_break()
                presenter = paragraph.add_run(dc.safe(f"Berichterstattung: {clean(item.presenter)}"))
                presenter.italic = True
                presenter.font.size = Pt(9)
        # the last agenda item keeps the list's distance to what follows
        document.add_paragraph(style="Normal").paragraph_format.space_after = Pt(5)
    if clean(c.travel_notes):
        heading = document.add_paragraph(style="Body Text")
        heading.add_run("Hinweise zur Anreise").bold = True
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_after = Pt(2)
        document.add_paragraph(dc.safe(clean(c.travel_notes)), style="Body Text")
    reply_to = f" per E-Mail an {c.office.email}" if c.office.email else ""
    if c.rsvp_date is not None:
        rsvp = (
            f"Bitte teilen Sie uns bis zum {fmt_date(c.rsvp_date)}{reply_to} mit, ob Sie teilnehmen "
            "oder sich durch Ihre Stellvertretung vertreten lassen."
        )
    else:
        rsvp = (
            f"Bitte teilen Sie uns möglichst bald{reply_to} mit, ob Sie teilnehmen "
            "oder sich durch Ihre Stellvertretung vertreten lassen."
        )
    last = document.add_paragraph(dc.safe(rsvp), style="Body Text")
    # the closing and the signatures never stand alone on a page
    last.paragraph_format.keep_with_next = True


def build_letter(c: InvitationContent, template: str | Path | None = None) -> DocxDocument:
    """Open the template, check it, and fill it. Raises ``UserError`` with a German message."""
    path = template_path(template)
    document = dc.open_template(path, REQUIRED_STYLES, REQUIRED_PLACEHOLDERS)
    dc.set_language_de(document)
    values = simple_values(c)
    _drop_empty_optionals(document, values)
    _insert_logo(document, c.office.logo_path)
    dc.replace_placeholders(document, values)
    with dc.content_at_placeholder(document, "INHALT"):
        _content(document, c)
    signers = [(clean(s.name), clean(s.function)) for s in c.signatories] or [
        (clean(c.office.name) or "Geschäftsstelle", "Geschäftsstelle")
    ]
    with dc.content_at_placeholder(document, "UNTERSCHRIFTEN"):
        dc.add_signature_table(document, signers, per_row=2)
    left = sorted(dc.placeholders_in(document))
    if left:
        names = ", ".join(f"„{{{{{n}}}}}“" for n in left)
        raise ValidationError(
            f"Die Vorlage „{path.name}“ enthält Platzhalter, die das Programm nicht kennt: {names}.", "template"
        )
    props = document.core_properties
    props.title = letter_subject(c)
    props.subject = one_line(c.meeting_title)
    props.author = c.office.name or "BezAG Desktop"
    props.language = "de-DE"
    return document


def letter_bytes(c: InvitationContent, template: str | Path | None = None) -> bytes:
    buffer = io.BytesIO()
    build_letter(c, template).save(buffer)
    return buffer.getvalue()


def write_letter(path: Path, c: InvitationContent, template: str | Path | None = None) -> Path:
    return write_bytes_atomic(Path(path), letter_bytes(c, template))
