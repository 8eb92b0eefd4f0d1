"""Minutes (Niederschrift), attendance sheet and the minutes e-mail as files: templates, file names,
DOCX or PDF, the Outlook draft.

The plain data comes from ``minutes_content`` (one session, a fixed number of queries); the
exporters get frozen dataclasses and write the file; PDF goes through ``exporters.pdf``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.config import resources_dir
from bezag_desktop.db.models import (
    Meeting,
)
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.domain.timeutil import fmt_date, today
from bezag_desktop.exporters import docx_attendance_sheet as sheet_exporter
from bezag_desktop.exporters import docx_minutes as minutes_exporter
from bezag_desktop.exporters import eml_minutes, pdf
from bezag_desktop.exporters.docx_minutes import MinutesData
from bezag_desktop.services.groups.contacts import distribution_list
from bezag_desktop.services.meetings.minutes_content import attendance_sheet_data, minutes_data
from bezag_desktop.services.meetings.queries import meeting_detail
from bezag_desktop.services.settings import office_in
from bezag_desktop.services.store import Store

MINUTES_TEMPLATE = "niederschrift.docx"
SHEET_TEMPLATE = "anwesenheitsliste.docx"
MINUTE_TAKER_FUNCTION = "Schriftführung"


#: German message when no PDF converter exists (for the UI's disabled PDF option).
PDF_MISSING_MESSAGE = pdf.MISSING_MESSAGE


def pdf_available() -> bool:
    """Whether LibreOffice or Word is there to make PDFs."""
    return pdf.converter_available()


def bundled_template(name: str) -> Path:
    return resources_dir() / "templates" / name


def minutes_template(office: OfficeDetails) -> Path:
    """The office's own minutes template (Einstellungen) or the bundled one."""
    own = office.minutes_template.strip()
    if not own:
        return bundled_template(MINUTES_TEMPLATE)
    path = Path(own).expanduser()
    if not path.is_file():
        raise UserError(
            f"Die in den Einstellungen gewählte Vorlage für Niederschriften „{path}“ wurde nicht gefunden. "
            "Bitte die Vorlage prüfen oder das Feld leeren, dann wird die mitgelieferte Vorlage verwendet."
        )
    return path


# ---------------------------------------------------------------------------------------- files


def _clean_filename(text: str) -> str:
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', " ", text)
    return " ".join(cleaned.split()).strip(" .")[:150] or "Sitzung"


def meeting_file_stem(committee: str, title: str, start: date) -> str:
    """``2027-03-10 Bezirksarbeitsgemeinschaft Sozialplanung 1. Sitzung 2027`` (safe on Windows)."""
    return _clean_filename(f"{start:%Y-%m-%d} {committee} {title}")


def default_minutes_filename(store: Store, meeting_id: int, suffix: str = ".docx", *, public: bool = False) -> str:
    """``<meeting> Niederschrift.docx`` (FORMATS/issue 7)."""
    d = meeting_detail(store, meeting_id)
    extra = " öffentlich" if public else ""
    return f"{meeting_file_stem(d.committee, d.title, d.start.date())} Niederschrift{extra}{suffix}"


def default_sheet_filename(store: Store, meeting_id: int) -> str:
    d = meeting_detail(store, meeting_id)
    return f"{meeting_file_stem(d.committee, d.title, d.start.date())} Anwesenheitsliste.docx"


def _output_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ValidationError(
            f"„{path.name}“: Bitte einen Dateinamen mit der Endung .docx (Word) oder .pdf angeben.", "path"
        )
    return suffix


def write_docx_or_pdf(
    write_docx: Callable[[Path], object],
    path: Path,
    *,
    converter: pdf.Converter | None = None,
    pdf_timeout: float = pdf.DEFAULT_TIMEOUT,
) -> Path:
    """Call ``write_docx(docx_path)``; for a .pdf ``path`` write the DOCX to a temp folder and convert."""
    kind = _output_kind(path)
    if kind == ".docx":
        write_docx(path)
        return path
    conv = converter or pdf.find_converter()
    if conv is None:
        raise UserError(pdf.MISSING_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="bezag-") as tmp:
        docx_path = Path(tmp) / (path.stem + ".docx")
        write_docx(docx_path)
        pdf.convert_to_pdf(docx_path, path, converter=conv, timeout=pdf_timeout)
    return path


def export_minutes(
    store: Store,
    meeting_id: int,
    path: str | Path,
    public: bool = False,
    *,
    converter: pdf.Converter | None = None,
) -> Path:
    """Write the minutes as DOCX, or as PDF when ``path`` ends in ``.pdf``."""
    target = Path(path)
    _output_kind(target)
    data = minutes_data(store, meeting_id)
    with store.session() as s:
        template = minutes_template(office_in(s))

    def write(p: Path) -> None:
        minutes_exporter.write_minutes(data, p, template=template, public=public)

    return write_docx_or_pdf(write, target, converter=converter)


def export_attendance_sheet(
    store: Store, meeting_id: int, path: str | Path, *, converter: pdf.Converter | None = None
) -> Path:
    """The sheet to sign, as DOCX (or PDF for a ``.pdf`` path)."""
    target = Path(path)
    _output_kind(target)
    data = attendance_sheet_data(store, meeting_id)
    template = bundled_template(SHEET_TEMPLATE)

    def write(p: Path) -> None:
        sheet_exporter.write_attendance_sheet(data, p, template=template)

    return write_docx_or_pdf(write, target, converter=converter)


# ------------------------------------------------------------------------------------ e-mail draft


@dataclass(frozen=True)
class MinutesMailResult:
    path: Path
    recipients: int
    without_email: int
    attachments: tuple[str, ...]
    #: German note when no PDF could be attached (no converter).
    note: str = ""

    @property
    def without_email_text(self) -> str:
        """German hint about people on the list without an address; empty when everyone has one."""
        if not self.without_email:
            return ""
        if self.without_email == 1:
            return "1 Person im Verteiler hat keine E-Mail-Adresse."
        return f"{self.without_email} Personen im Verteiler haben keine E-Mail-Adresse."


def _mail_text(data: MinutesData, office: OfficeDetails) -> tuple[str, str]:
    """Subject and body of the minutes e-mail (draft or approved), signed by the Geschäftsstelle."""
    state = "genehmigte Niederschrift" if data.approved else "Entwurf der Niederschrift"
    subject = f"{data.committee}: {state} der {data.meeting_title} vom {fmt_date(data.start)}"
    greeting = "Sehr geehrte Damen und Herren,"
    if data.approved:
        text = f"anbei erhalten Sie die genehmigte Niederschrift der {data.meeting_title} vom {fmt_date(data.start)}."
    else:
        text = (
            f"anbei erhalten Sie den Entwurf der Niederschrift der {data.meeting_title} vom {fmt_date(data.start)}. "
            "Die Niederschrift wird in der nächsten Sitzung genehmigt; Anmerkungen und Korrekturen senden Sie "
            "bitte vorab an die Geschäftsstelle."
        )
    signature = "\n".join(x for x in (office.contact_person, office.name, office.department, office.phone) if x)
    body = f"{greeting}\n\n{text}\n\nMit freundlichen Grüßen\n\n{signature or 'Ihre Geschäftsstelle'}\n"
    return subject, body


def export_minutes_eml(
    store: Store,
    meeting_id: int,
    path: str | Path,
    *,
    public: bool = False,
    with_pdf: bool | None = None,
    converter: pdf.Converter | None = None,
    pdf_file: Path | None = None,
) -> MinutesMailResult:
    """An Outlook draft (.eml, ``X-Unsent: 1``) sending the draft or approved minutes to the committee's
    distribution list, from the Geschäftsstelle. Attaches the DOCX, and the PDF when a converter exists
    (``with_pdf=None``: when available; ``True``: required; ``False``: never). ``pdf_file``: the PDF of
    these minutes just written, attached instead of converting a second time."""
    target = Path(path)
    if target.suffix.lower() != ".eml":
        raise ValidationError(f"„{target.name}“: Bitte einen Dateinamen mit der Endung .eml angeben.", "path")
    data = minutes_data(store, meeting_id)
    with store.session() as s:
        office = office_in(s)
        template = minutes_template(office)
        d_committee = session_committee_id(s, meeting_id)
        rows = distribution_list(s, d_committee, today())
    if not office.email.strip():
        raise ValidationError(
            "Für den E-Mail-Entwurf fehlt die E-Mail-Adresse der Geschäftsstelle (Einstellungen → Geschäftsstelle).",
            "email",
        )
    recipients = tuple((r.name, r.email) for r in rows if r.email.strip())
    if not recipients:
        raise ValidationError(f"Im Verteiler von „{data.committee}“ hat niemand eine E-Mail-Adresse.")
    stem = f"{meeting_file_stem(data.committee, data.meeting_title, data.start.date())} Niederschrift"
    if public:
        stem += " öffentlich"
    if not data.approved:
        stem += " Entwurf"
    conv = None
    note = ""
    if pdf_file is not None:
        with_pdf = False  # attached below as it is
    if with_pdf is not False:
        conv = converter or pdf.find_converter()
        if conv is None:
            if with_pdf:
                raise UserError(pdf.MISSING_MESSAGE)
            note = "Ohne PDF-Anhang: LibreOffice oder Microsoft Word wurde nicht gefunden."
    attachments: list[tuple[str, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="bezag-") as tmp:
        docx_path = Path(tmp) / f"{stem}.docx"
        minutes_exporter.write_minutes(data, docx_path, template=template, public=public)
        attachments.append((docx_path.name, docx_path.read_bytes()))
        if conv is not None:
            pdf_path = Path(tmp) / f"{stem}.pdf"
            pdf.convert_to_pdf(docx_path, pdf_path, converter=conv)
            attachments.append((pdf_path.name, pdf_path.read_bytes()))
    if pdf_file is not None:
        try:
            attachments.append((f"{stem}.pdf", Path(pdf_file).read_bytes()))
        except OSError as exc:
            raise UserError(f"„{pdf_file}“ kann nicht gelesen werden: {exc.strerror or exc}.") from exc
    subject, body = _mail_text(data, office)
    mail = eml_minutes.MinutesMail(
        sender=(office.name or "Geschäftsstelle", office.email.strip()),
        recipients=recipients,
        subject=subject,
        body=body,
        attachments=tuple(attachments),
    )
    eml_minutes.write_minutes_eml(mail, target)
    return MinutesMailResult(
        path=target,
        recipients=len(recipients),
        without_email=len(rows) - len(recipients),
        attachments=tuple(name for name, _ in attachments),
        note=note,
    )


def session_committee_id(session: Session, meeting_id: int) -> int:
    committee_id = session.scalar(select(Meeting.committee_id).where(Meeting.id == meeting_id))
    if committee_id is None:
        raise ValidationError(f"Die Sitzung Nr. {meeting_id} gibt es nicht.")
    return committee_id
