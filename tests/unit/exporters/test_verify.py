"""The shared export checks must catch broken files, or the self-test proves nothing."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from docx import Document
from openpyxl import Workbook

from bezag_desktop.exporters import verify

GOOD_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:MESZ\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:MEZ\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:abc@bezag.example\r\nDTSTAMP:20261121T100000Z\r\nSEQUENCE:0\r\n"
    "DTSTART;TZID=Europe/Berlin:20270708T100000\r\nDTEND;TZID=Europe/Berlin:20270708T130000\r\n"
    "SUMMARY:2. Sitzung 2027\r\nORGANIZER;CN=Geschäftsstelle:mailto:gs@bezag.example\r\n"
    "ATTENDEE;CN=Anna Huber;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=T\r\n"
    " RUE;CUTYPE=INDIVIDUAL:mailto:anna@lra.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_good_ics_passes() -> None:
    assert verify.check_ics_bytes(GOOD_ICS.encode(), method="REQUEST", expect_text=["2. Sitzung 2027"]) == []


def test_ics_defects_are_named() -> None:
    lf = GOOD_ICS.replace("\r\n", "\n").encode()
    assert any("CRLF" in p for p in verify.check_ics_bytes(lf))
    bom = b"\xef\xbb\xbf" + GOOD_ICS.encode()
    assert any("BOM" in p for p in verify.check_ics_bytes(bom))
    rdate = GOOD_ICS.replace("TZNAME:MESZ\r\n", "TZNAME:MESZ\r\nRDATE:20270328T020000\r\n").encode()
    assert any("RDATE" in p for p in verify.check_ics_bytes(rdate))
    floating = GOOD_ICS.replace("DTSTART;TZID=Europe/Berlin:20270708T100000", "DTSTART:20270708T100000").encode()
    assert any("TZID" in p for p in verify.check_ics_bytes(floating))
    publish_with_attendee = GOOD_ICS.replace("METHOD:REQUEST", "METHOD:PUBLISH").encode()
    assert any("PUBLISH" in p for p in verify.check_ics_bytes(publish_with_attendee))
    cancel_without_status = GOOD_ICS.replace("METHOD:REQUEST", "METHOD:CANCEL").encode()
    assert any("CANCELLED" in p for p in verify.check_ics_bytes(cancel_without_status))
    long_line = GOOD_ICS.replace("SUMMARY:2. Sitzung 2027", "SUMMARY:" + "x" * 90).encode()
    assert any("75 Oktette" in p for p in verify.check_ics_bytes(long_line))
    assert any("erwartet CANCEL" in p for p in verify.check_ics_bytes(GOOD_ICS.encode(), method="CANCEL"))


def _eml(path: Path, *, unsent: bool = True, method: str = "REQUEST") -> Path:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "gs@bezag.example"
    msg["To"] = "anna@lra.example"
    msg["Subject"] = "Einladung: 2. Sitzung 2027 – Grüße"
    if unsent:
        msg["X-Unsent"] = "1"
    msg.set_content("Sehr geehrte Damen und Herren")
    msg.add_alternative(GOOD_ICS.encode(), maintype="text", subtype="calendar", params={"method": method})
    msg.make_mixed()
    msg.add_attachment(b"PK", maintype="application", subtype="octet-stream", filename="Einladung.docx")
    path.write_bytes(msg.as_bytes())
    return path


def test_eml_checks(tmp_path: Path) -> None:
    assert verify.check_eml(_eml(tmp_path / "ok.eml"), attachments=["Einladung.docx"]) == []
    assert any("X-Unsent" in p for p in verify.check_eml(_eml(tmp_path / "a.eml", unsent=False)))
    assert any("MIME-method" in p for p in verify.check_eml(_eml(tmp_path / "b.eml", method="CANCEL")))
    assert any("Anhang" in p for p in verify.check_eml(_eml(tmp_path / "c.eml"), attachments=["fehlt.pdf"]))


def test_docx_defaults_of_python_docx_fail(tmp_path: Path) -> None:
    """python-docx's own template is US Letter and en-US without page fields: every check must say so."""
    path = tmp_path / "roh.docx"
    doc = Document()
    doc.add_paragraph("TOP 1 Begrüßung")
    doc.save(str(path))
    problems = verify.check_docx(path, expect_text=["TOP 1 Begrüßung", "TOP 2"], repeated_header_tables=1)
    joined = " | ".join(problems)
    for needle in ("nicht A4", "de-DE", "Silbentrennung", "PAGE", "NUMPAGES", "Kopfzeile", "TOP 2"):
        assert needle in joined
    assert "TOP 1 Begrüßung" not in joined


def test_xlsx_plain_workbook_fails(tmp_path: Path) -> None:
    path = tmp_path / "roh.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Datum"])
    ws.append(["=1+1", "x"])
    wb.save(path)
    joined = " | ".join(verify.check_xlsx(path, min_rows=5))
    for needle in ("fett", "fixiert", "Autofilter", "A4", "Drucken", "Datenzeilen", "Formel"):
        assert needle in joined


def test_missing_files_are_reported(tmp_path: Path) -> None:
    for check in (verify.check_ics, verify.check_eml, verify.check_docx, verify.check_xlsx):
        assert check(tmp_path / "fehlt") == ["fehlt wurde nicht geschrieben."]


def test_xlsx_formula_like_text_needs_the_quote_prefix_on_every_sheet(tmp_path: Path) -> None:
    """FORMATS.md: "= + - @" text is stored as text with the quote prefix, so "+49 …" stays as written."""
    from bezag_desktop.exporters import xlsx_common as xc

    wb = xc.new_workbook()
    xc.write_table(xc.add_sheet(wb, "Gut"), ["Telefon"], [["+49 89 1234-0"]])
    bad = xc.add_sheet(wb, "Zweites Blatt")
    xc.write_table(bad, ["Telefon"], [["+49 89 1234-0"]])
    bad["A2"].quotePrefix = False
    xc.setup_print(wb["Gut"])
    xc.setup_print(bad)
    path = tmp_path / "z.xlsx"
    wb.save(path)
    assert verify.check_xlsx(path) == []  # the first sheet only
    problems = verify.check_xlsx(path, all_sheets=True)
    assert problems == ["Zelle A2 beginnt wie eine Formel, ist aber nicht als Text markiert."]
    assert verify.check_xlsx(path, sheet="Fehlt") == ["z.xlsx hat kein Blatt „Fehlt“ (vorhanden: Gut, Zweites Blatt)."]


def _eml_with_calendar(path: Path, payload: bytes, *, method_header: str = "method=REQUEST") -> Path:
    """A draft whose calendar part is given as raw bytes (the builder would refuse broken ones)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "gs@bezag.example"
    msg["Subject"] = "Einladung"
    msg["X-Unsent"] = "1"
    msg.set_content("Sehr geehrte Damen und Herren")
    msg.add_alternative(payload, maintype="text", subtype="calendar", params={"method": "REQUEST"})
    msg.make_mixed()
    raw = msg.as_bytes().replace(b'method="REQUEST"', method_header.encode())
    path.write_bytes(raw)
    return path


def test_eml_with_unreadable_calendar_part_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """The calendar part was parsed unguarded: a broken one raised instead of being reported."""
    for n, payload in enumerate((b"kein Kalender\r\n", b"", b"BEGIN:VCALENDAR\r\n")):
        problems = verify.check_eml(_eml_with_calendar(tmp_path / f"kaputt{n}.eml", payload))
        assert any("Kalenderteil kann nicht gelesen werden" in p for p in problems), problems


def test_eml_method_parameter_in_rfc2231_form_is_read(tmp_path: Path) -> None:
    """``method*=utf-8''REQUEST`` comes back from the parser as a tuple, not a string."""
    good = _eml_with_calendar(tmp_path / "ok.eml", GOOD_ICS.encode(), method_header="method*=utf-8''REQUEST")
    assert verify.check_eml(good) == []
    other = _eml_with_calendar(tmp_path / "cancel.eml", GOOD_ICS.encode(), method_header="method*=utf-8''CANCEL")
    assert any("MIME-method CANCEL passt nicht zu METHOD:REQUEST" in p for p in verify.check_eml(other))
    missing = _eml_with_calendar(tmp_path / "ohne.eml", GOOD_ICS.encode(), method_header="charset=utf-8")
    assert any("MIME-method (fehlt)" in p for p in verify.check_eml(missing))
