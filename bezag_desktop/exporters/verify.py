"""Re-read exported files and list what is wrong with them (FORMATS.md), in German.

The export tests and ``bezag-desktop --self-test`` use these same checks, so the built program
proves on the office PC what the test suite proves here. Each function returns a list of
problems; an empty list means the file is right. vobject, an independent calendar reader, is
used when it is installed (the test extra has it; the built program may not).
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.message import MIMEPart
from pathlib import Path
from typing import Any

BERLIN_DAYLIGHT = ("19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "+0100", "+0200")
BERLIN_STANDARD = ("19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "+0200", "+0100")
#: Text starting with one of these must carry the quote prefix in an XLSX cell (FORMATS.md).
FORMULA_START = ("=", "+", "-", "@")


# --- ICS --------------------------------------------------------------------------------------


def check_ics_bytes(data: bytes, *, method: str | None = None, expect_text: Iterable[str] = ()) -> list[str]:
    """RFC 5545 form (UTF-8 without BOM, CRLF, 75 octets), the Outlook-safe VTIMEZONE, iTIP fields."""
    problems: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("ICS beginnt mit einer Byte-Order-Mark (BOM).")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return [*problems, "ICS ist nicht UTF-8-kodiert."]
    if not data.endswith(b"\r\n"):
        problems.append("ICS endet nicht mit CRLF.")
    lines = data.split(b"\r\n")
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"ICS-Zeile {n} endet nicht mit CRLF.")
            break
        if len(line) > 75:
            problems.append(f"ICS-Zeile {n} ist länger als 75 Oktette ({len(line)}).")
            break
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except Exception as exc:  # any parser failure is a defect of the file
        return [*problems, f"ICS kann nicht gelesen werden: {exc}"]
    cal_method = str(cal.get("METHOD", ""))
    if method is not None and cal_method != method:
        problems.append(f"METHOD ist {cal_method or '(fehlt)'}, erwartet {method}.")
    problems += _check_vtimezone(cal)
    events = [c for c in cal.walk("VEVENT")]
    if len(events) != 1:
        problems.append(f"ICS enthält {len(events)} Termine statt einem.")
        return problems
    ev = events[0]
    for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE"):
        if prop not in ev:
            problems.append(f"Dem Termin fehlt {prop}.")
    stamp = ev.get("DTSTAMP")
    if stamp is not None and (
        not isinstance(stamp.dt, datetime) or stamp.dt.tzinfo is None or stamp.dt.utcoffset() != timedelta(0)
    ):
        problems.append("DTSTAMP ist nicht in UTC.")
    start = ev.get("DTSTART")
    if start is not None:
        if start.params.get("TZID") != "Europe/Berlin":
            problems.append("DTSTART trägt nicht TZID=Europe/Berlin.")
        if isinstance(start.dt, datetime) and start.dt.tzinfo is None:
            problems.append("DTSTART ist eine schwebende Zeit ohne Zeitzone.")
    attendees = ev.get("ATTENDEE")
    attendees = [] if attendees is None else (attendees if isinstance(attendees, list) else [attendees])
    if cal_method in ("REQUEST", "CANCEL"):
        organizer = ev.get("ORGANIZER")
        if organizer is None or not str(organizer).lower().startswith("mailto:"):
            problems.append("ORGANIZER fehlt oder ist keine mailto:-Adresse.")
        if not attendees:
            problems.append(f"METHOD:{cal_method} ohne ATTENDEE.")
        for att in attendees:
            if not str(att).lower().startswith("mailto:"):
                problems.append(f"ATTENDEE {att} ist keine mailto:-Adresse.")
            for key in ("CN", "ROLE", "PARTSTAT", "RSVP", "CUTYPE"):
                if key not in att.params:
                    problems.append(f"ATTENDEE {att} fehlt der Parameter {key}.")
            if att.params.get("ROLE") not in ("CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT"):
                problems.append(f"ATTENDEE {att} hat die Rolle {att.params.get('ROLE')}.")
    if cal_method == "PUBLISH" and attendees:
        problems.append("METHOD:PUBLISH darf keine ATTENDEE-Zeilen enthalten.")
    if cal_method == "CANCEL" and str(ev.get("STATUS", "")) != "CANCELLED":
        problems.append("Absage ohne STATUS:CANCELLED.")
    text = data.decode("utf-8", "replace").replace("\r\n ", "").replace("\r\n\t", "")
    unescaped = text.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\N", "\n")
    unescaped = unescaped.replace("\\\\", "\\")
    for wanted in expect_text:
        if wanted not in unescaped:
            problems.append(f"ICS enthält „{wanted}“ nicht.")
    problems += _check_with_vobject(data)
    return problems


def _check_vtimezone(cal: Any) -> list[str]:
    problems: list[str] = []
    zones = [c for c in cal.walk("VTIMEZONE")]
    if len(zones) != 1 or str(zones[0].get("TZID")) != "Europe/Berlin":
        return ["Es fehlt genau ein VTIMEZONE-Block für Europe/Berlin."]
    zone = zones[0]
    for name, expected in (("DAYLIGHT", BERLIN_DAYLIGHT), ("STANDARD", BERLIN_STANDARD)):
        parts = [c for c in zone.subcomponents if c.name == name]
        if len(parts) != 1:
            problems.append(f"VTIMEZONE braucht genau einen {name}-Block, hat {len(parts)}.")
            continue
        part = parts[0]
        if "RDATE" in part:
            problems.append(f"{name}-Block enthält RDATE (Outlook ignoriert es).")
        got = tuple(_ical_text(part.get(key)) for key in ("DTSTART", "RRULE", "TZOFFSETFROM", "TZOFFSETTO"))
        # RRULE parts are unordered (RFC 5545 3.3.10): compare them as a set.
        if (got[0], got[2], got[3]) != (expected[0], expected[2], expected[3]) or set(got[1].split(";")) != set(
            expected[1].split(";")
        ):
            problems.append(f"{name}-Block ist {got}, erwartet {expected}.")
    return problems


def _ical_text(value: Any) -> str:
    if value is None:
        return ""
    raw = value.to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def _check_with_vobject(data: bytes) -> list[str]:
    """An independent reader must resolve DTSTART to the same instant as zoneinfo does."""
    try:
        import vobject
    except ImportError:
        return []
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    try:
        parsed = vobject.readOne(data.decode("utf-8"))
    except Exception as exc:  # vobject raises many kinds
        return [f"vobject kann die ICS nicht lesen: {exc}"]
    ev_ical = Calendar.from_ical(data).walk("VEVENT")[0]
    ours = ev_ical.get("DTSTART").dt
    if not isinstance(ours, datetime):
        return []
    theirs = parsed.vevent.dtstart.value
    wall = ours.replace(tzinfo=None).replace(tzinfo=ZoneInfo("Europe/Berlin"))
    if theirs.utcoffset() != wall.utcoffset() or theirs.astimezone(UTC) != wall.astimezone(UTC):
        return [f"vobject liest DTSTART als {theirs.isoformat()}, richtig ist {wall.isoformat()}."]
    return []


def check_ics(path: Path, **kw: Any) -> list[str]:
    if not path.is_file():
        return [f"{path.name} wurde nicht geschrieben."]
    return check_ics_bytes(path.read_bytes(), **kw)


# --- E-mail drafts ----------------------------------------------------------------------------


def check_eml(path: Path, *, calendar: bool = True, attachments: Iterable[str] = ()) -> list[str]:
    """X-Unsent draft; multipart/mixed [alternative [plain, calendar with method], attachments …]."""
    if not path.is_file():
        return [f"{path.name} wurde nicht geschrieben."]
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    problems: list[str] = []
    if msg.get("X-Unsent") != "1":
        problems.append("Dem E-Mail-Entwurf fehlt „X-Unsent: 1“.")
    if not msg.get("From"):
        problems.append("Dem E-Mail-Entwurf fehlt der Absender (From).")
    if not msg.get("Subject"):
        problems.append("Dem E-Mail-Entwurf fehlt der Betreff.")
    if msg.get_content_type() != "multipart/mixed":
        return [*problems, f"Die E-Mail ist {msg.get_content_type()} statt multipart/mixed."]
    parts = list(msg.iter_parts())
    if calendar:
        alt = parts[0] if parts else None
        if alt is None or alt.get_content_type() != "multipart/alternative":
            return [*problems, "Der erste Teil ist nicht multipart/alternative."]
        inner = list(alt.iter_parts())
        types = [p.get_content_type() for p in inner]
        if types != ["text/plain", "text/calendar"]:
            problems.append(f"multipart/alternative enthält {types} statt [text/plain, text/calendar].")
        else:
            problems += _check_calendar_part(inner[1], msg)
    names = [p.get_filename() for p in parts if p.get_filename()]
    for wanted in attachments:
        if wanted not in names:
            problems.append(f"Anhang „{wanted}“ fehlt (vorhanden: {names}).")
    return problems


def _check_calendar_part(cal_part: MIMEPart, msg: MIMEPart) -> list[str]:
    """The text/calendar part of a draft: readable, its MIME method equal to METHOD, sent by the organizer."""
    from icalendar import Calendar

    ics = cal_part.get_payload(decode=True)
    if not isinstance(ics, bytes):  # only a multipart part has no bytes; the caller checked the type
        return ["Der Kalenderteil enthält keine Daten."]
    try:
        parsed = Calendar.from_ical(ics)
    except Exception as exc:  # any parser failure is a defect of the draft, not of this check
        return [f"Der Kalenderteil kann nicht gelesen werden: {exc}"]
    problems: list[str] = []
    method = str(parsed.get("METHOD", ""))
    mime_method = _param_text(cal_part.get_param("method"))
    if mime_method.upper() != method:
        problems.append(f"MIME-method {mime_method or '(fehlt)'} passt nicht zu METHOD:{method}.")
    organizer = next((str(ev.get("ORGANIZER", "")) for ev in parsed.walk("VEVENT")), "")
    sender = msg["From"].addresses[0].addr_spec if msg.get("From") and msg["From"].addresses else ""
    if organizer and organizer.lower().removeprefix("mailto:") != sender.lower():
        problems.append(f"Absender „{sender}“ ist nicht der Organisator des Termins ({organizer}).")
    if b"\r\n" not in ics:
        problems.append("Der Kalenderteil hat seine CRLF-Zeilenenden verloren.")
    problems += [f"Kalenderteil: {p}" for p in check_ics_bytes(ics)]
    return problems


def _param_text(value: str | tuple[str | None, str | None, str] | None) -> str:
    """A MIME parameter as text; RFC 2231 encoded values come as (charset, language, text)."""
    if value is None:
        return ""
    return email.utils.collapse_rfc2231_value(value)


# --- DOCX -------------------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    """All text of body, tables, headers and footers, for content assertions."""
    from docx import Document

    doc = Document(str(path))
    chunks: list[str] = []

    def walk_tables(tables: Any) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    chunks.extend(p.text for p in cell.paragraphs)
                    walk_tables(cell.tables)

    chunks.extend(p.text for p in doc.paragraphs)
    walk_tables(doc.tables)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part is not None and not part.is_linked_to_previous:
                chunks.extend(p.text for p in part.paragraphs)
                walk_tables(part.tables)
    return "\n".join(chunks)


def check_docx(
    path: Path,
    *,
    expect_text: Iterable[str] = (),
    forbid_text: Iterable[str] = (),
    repeated_header_tables: int = 0,
) -> list[str]:
    """A4, de-DE, hyphenation, "Seite X von Y" fields, repeated table headers, expected texts."""
    if not path.is_file():
        return [f"{path.name} wurde nicht geschrieben."]
    problems: list[str] = []
    try:
        with zipfile.ZipFile(path) as zf:
            xml = {name: zf.read(name).decode("utf-8") for name in zf.namelist() if name.endswith(".xml")}
    except zipfile.BadZipFile:
        return [f"{path.name} ist keine gültige DOCX-Datei."]
    from docx import Document
    from docx.shared import Mm

    doc = Document(str(path))
    for n, section in enumerate(doc.sections, 1):
        w, h = section.page_width, section.page_height
        if w is None or h is None or abs(w - Mm(210)) > Mm(1) or abs(h - Mm(297)) > Mm(1):
            problems.append(f"Abschnitt {n} ist nicht A4.")
    styles = xml.get("word/styles.xml", "")
    if 'w:val="de-DE"' not in styles.split("</w:docDefaults>")[0]:
        problems.append("Die Dokumentsprache (docDefaults) ist nicht de-DE.")
    if (doc.core_properties.language or "") != "de-DE":
        problems.append("Die Dokumenteigenschaft Sprache ist nicht de-DE.")
    if "w:autoHyphenation" not in xml.get("word/settings.xml", ""):
        problems.append("Die automatische Silbentrennung ist nicht eingeschaltet.")
    footers = "".join(v for k, v in xml.items() if k.startswith("word/footer"))
    instructions = {
        text.split()[0] for text in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footers) if text.split()
    }
    for field in ("PAGE", "NUMPAGES"):
        if field not in instructions:
            problems.append(f"Die Fußzeile enthält kein Feld {field} („Seite X von Y“).")
    if 'w:fldCharType="begin"' not in footers:
        problems.append("Die Seitenzahlen sind keine Word-Felder (fldChar).")
    body = xml.get("word/document.xml", "")
    if repeated_header_tables and body.count("<w:tblHeader") < repeated_header_tables:
        problems.append(
            f"Nur {body.count('<w:tblHeader')} Tabellen wiederholen ihre Kopfzeile, erwartet {repeated_header_tables}."
        )
    text = docx_text(path)
    for wanted in expect_text:
        if wanted not in text:
            problems.append(f"{path.name} enthält „{wanted}“ nicht.")
    for unwanted in forbid_text:
        if unwanted in text:
            problems.append(f"{path.name} enthält „{unwanted}“, das nicht hineingehört.")
    return problems


# --- XLSX -------------------------------------------------------------------------------------


def check_xlsx(path: Path, *, min_rows: int = 0, sheet: str | None = None, all_sheets: bool = False) -> list[str]:
    """Bold header, frozen panes under it, autofilter, A4, header repeated, dates as dates, text that
    starts like a formula kept as text (quote prefix). Checks the first sheet, the one named
    ``sheet``, or with ``all_sheets`` every sheet."""
    if not path.is_file():
        return [f"{path.name} wurde nicht geschrieben."]
    from openpyxl import load_workbook

    problems: list[str] = []
    try:
        wb = load_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        return [f"{path.name} kann nicht gelesen werden: {exc}"]
    if sheet and sheet not in wb.sheetnames:
        return [f"{path.name} hat kein Blatt „{sheet}“ (vorhanden: {', '.join(wb.sheetnames)})."]
    sheets = [wb[sheet]] if sheet else (list(wb.worksheets) if all_sheets else [wb.worksheets[0]])
    for ws in sheets:
        name = ws.title
        if any(c in name for c in ":\\/?*[]") or len(name) > 31:
            problems.append(f"Ungültiger Blattname „{name}“.")
        header = [c for c in ws[1] if c.value is not None]
        if not header:
            problems.append(f"Blatt „{name}“ hat keine Kopfzeile.")
            continue
        if not all(c.font is not None and c.font.b for c in header):
            problems.append(f"Die Kopfzeile von „{name}“ ist nicht fett.")
        if ws.freeze_panes is None or not str(ws.freeze_panes).endswith("2"):
            problems.append(f"„{name}“ ist nicht unter der Kopfzeile fixiert.")
        if not ws.auto_filter.ref:
            problems.append(f"„{name}“ hat keinen Autofilter.")
        if ws.page_setup.paperSize not in (9, "9"):
            problems.append(f"„{name}“ ist nicht für A4 eingerichtet.")
        if not ws.print_title_rows:
            problems.append(f"„{name}“ wiederholt die Kopfzeile beim Drucken nicht.")
        if ws.max_row - 1 < min_rows:
            problems.append(f"„{name}“ hat {ws.max_row - 1} Datenzeilen, erwartet mindestens {min_rows}.")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime | date) and "DD.MM.YYYY" not in cell.number_format.upper():
                    problems.append(f"Datum in {cell.coordinate} hat das Format {cell.number_format}.")
                    break
                if isinstance(cell.value, datetime) and cell.value.tzinfo is not None:
                    problems.append(f"Datum in {cell.coordinate} trägt eine Zeitzone.")
                    break
                if cell.data_type == "f":
                    problems.append(f"Zelle {cell.coordinate} enthält eine Formel.")
                    break
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START) and not cell.quotePrefix:
                    # Excel turns it into a formula as soon as someone edits the cell
                    problems.append(
                        f"Zelle {cell.coordinate} beginnt wie eine Formel, ist aber nicht als Text markiert."
                    )
                    break
    return problems
