"""XLSX lists written from plain data and re-read with openpyxl (FORMATS.md "XLSX")."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from bezag_desktop.domain.errors import UserError
from bezag_desktop.exporters import verify
from bezag_desktop.exporters import xlsx_lists as xl
from bezag_desktop.exporters.election_data import BallotData


def _header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def _assert_table_shape(ws) -> None:
    assert all(c.font.bold for c in ws[1] if c.value)
    assert ws.freeze_panes in ("A2", "C2")
    assert ws.auto_filter.ref
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.print_title_rows == "$1:$1"
    assert int(ws.page_setup.paperSize) == 9


def test_contacts_sheets_text_safety(tmp_path: Path) -> None:
    rows = (
        xl.ContactLine(
            "Dr. Anna Huber",
            "Landkreis Ebersberg",
            "Mitglied",
            "Sozialplanung",
            "a@x.de",
            "+49 8092 823-0",
            "Eichthalstraße 5, 85560 Ebersberg",
            ags="09175",
        ),
        xl.ContactLine('=HYPERLINK("x")', "-Verein", "Gast", "@intern", "", "", ""),
    )
    path = xl.write_contacts(
        tmp_path / "k.xlsx",
        [xl.ContactSheet("Alle Kontakte", rows, all_contacts=True), xl.ContactSheet("AG: Wohnen/Pflege [neu]?", rows)],
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Alle Kontakte", "AG Wohnen Pflege neu"]
    ws = wb["AG Wohnen Pflege neu"]
    _assert_table_shape(ws)
    assert _header(ws) == list(xl.CONTACT_HEADERS)
    assert ws.auto_filter.ref == "A1:H3"
    assert ws["C2"].value == "09175"
    assert ws["G2"].value == "+49 8092 823-0"
    assert ws["A3"].value == '=HYPERLINK("x")'
    assert ws["A3"].data_type == "s"
    assert ws["B3"].value == "-Verein"
    # quote prefix in the cell style, never an apostrophe in the value
    assert ws["A3"].quotePrefix
    assert ws["G2"].quotePrefix
    assert _header(wb["Alle Kontakte"])[-1] == "Gremien"
    assert verify.check_xlsx(path, min_rows=2, all_sheets=True) == []


def matrix() -> xl.AttendanceMatrix:
    meetings = (
        xl.MatrixMeeting("1. Sitzung 2026", datetime(2026, 3, 11, 10), True),
        xl.MatrixMeeting("2. Sitzung 2026", datetime(2026, 7, 2, 10), True),
        xl.MatrixMeeting("3. Sitzung 2026", datetime(2026, 12, 10, 10), False),
    )
    bodies = tuple(
        xl.MatrixBody(
            f"Körperschaft {i:02d}",
            f"091{i:02d}",
            (("anwesend", "vertreten", "") if i % 2 else ("entschuldigt", "abwesend", "")),
        )
        for i in range(24)
    )
    return xl.AttendanceMatrix("Plenum", 2026, meetings, bodies)


def test_attendance_matrix(tmp_path: Path) -> None:
    m = matrix()
    path = xl.write_attendance_matrix(tmp_path / "a.xlsx", m)
    assert verify.check_xlsx(path, min_rows=24) == []
    wb = openpyxl.load_workbook(path)
    ws = wb["Anwesenheit 2026"]
    _assert_table_shape(ws)
    assert ws.freeze_panes == "C2"
    assert _header(ws) == [
        "Körperschaft",
        "AGS",
        "11.03.2026 1. Sitzung 2026",
        "02.07.2026 2. Sitzung 2026",
        "10.12.2026 3. Sitzung 2026",
        "Teilnahmequote",
    ]
    assert ws.auto_filter.ref == "A1:F25"
    body_rows = [r for r in ws.iter_rows(min_row=2, max_row=25, values_only=True)]
    assert len(body_rows) == 24
    assert all(r[0].startswith("Körperschaft") for r in body_rows)
    assert ws["C3"].value == "anwesend"
    assert ws["D3"].value == "vertreten (Stellv.)"
    assert ws["C3"].fill.fgColor.rgb.endswith(xl.CELL_FILLS["anwesend"])
    assert ws["C2"].fill.fgColor.rgb.endswith(xl.CELL_FILLS["entschuldigt"])
    # the future meeting does not count: 2 of 2 held meetings, and 0 of 2
    assert ws["F3"].value == 1
    assert ws["F2"].value == 0
    assert ws["F2"].number_format == "0 %"
    assert ws["B2"].value == "09100"
    assert ws.cell(row=27, column=1).value == "Legende"  # below the table, outside the filter


def test_participation_rate_without_held_meeting() -> None:
    body = xl.MatrixBody("X", "1", ("",))
    assert xl.participation_rate(body, (xl.MatrixMeeting("m", datetime(2027, 1, 1), False),)) is None


def test_actions_dates_and_overdue(tmp_path: Path) -> None:
    actions = [
        xl.ActionLine(
            "Kennzahlen melden",
            "Plenum",
            "2. Sitzung 2026",
            date(2026, 7, 2),
            "5",
            "Anna Huber",
            "Landkreis Ebersberg",
            date(2026, 10, 30),
            "offen",
            date(2026, 7, 2),
        ),
        xl.ActionLine("=Bericht", "AG", "", None, "", "", "", None, "in_arbeit", None),
    ]
    path = xl.write_actions(tmp_path / "o.xlsx", actions, today=date(2026, 11, 21))
    assert verify.check_xlsx(path, min_rows=2) == []
    wb = openpyxl.load_workbook(path)
    ws = wb["Offene Aufgaben"]
    _assert_table_shape(ws)
    assert _header(ws) == list(xl.ACTION_HEADERS)
    assert ws["D2"].is_date
    assert ws["D2"].number_format == "DD.MM.YYYY"
    assert ws["H2"].value == datetime(2026, 10, 30)
    assert ws["H2"].fill.fgColor.rgb.endswith(xl.OVERDUE_FILL)
    assert ws["I2"].value == "offen"
    assert ws["I3"].value == "in Arbeit"
    assert ws["A3"].value == "=Bericht"
    assert ws["A3"].data_type == "s"
    assert ws["E2"].value == "5"


def test_election_results(tmp_path: Path) -> None:
    elections = [
        xl.ElectionLine(
            date(2025, 1, 30),
            "Plenum",
            "1. Sitzung 2025",
            "Vorsitz der Landkreise und kreisfreien Städte",
            23,
            ("Josef Mößmer", "Sabine Lang"),
            "Josef Mößmer",
            date(2025, 1, 30),
            date(2028, 1, 29),
            "abgeschlossen",
            (
                BallotData(1, "wahlgang", 23, 1, 1, (("Sabine Lang", 11), ("Josef Mößmer", 10))),
                BallotData(2, "stichwahl", 22, 0, 0, (("Josef Mößmer", 13), ("Sabine Lang", 9)), outcome="gewählt"),
            ),
        ),
        xl.ElectionLine(
            None,
            "",
            "",
            "sonstiges Amt",
            10,
            ("Eva Ost",),
            "",
            None,
            None,
            "offen",
            (BallotData(1, "ja_nein", 10, 0, 0, yes_votes=4, no_votes=6),),
        ),
    ]
    path = xl.write_election_results(tmp_path / "w.xlsx", elections)
    assert verify.check_xlsx(path, min_rows=2, all_sheets=True) == []
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Wahlen", "Wahlgänge"]
    ws = wb["Wahlen"]
    _assert_table_shape(ws)
    assert ws["A2"].is_date
    assert ws["H2"].value == "Josef Mößmer"
    assert ws["G2"].value == 2
    rounds = wb["Wahlgänge"]
    _assert_table_shape(rounds)
    values = list(rounds.iter_rows(min_row=2, values_only=True))
    assert len(values) == 6
    assert values[0][2:10] == (1, "Wahlgang", 23, 1, 1, 21, "Sabine Lang", 11)
    assert values[4][8:10] == ("Eva Ost: Ja", 4)


def test_locked_target_gives_german_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="noch in Excel geöffnet"):
        xl.write_actions(tmp_path / "o.xlsx", [], today=date(2026, 11, 21))
    assert list(tmp_path.iterdir()) == []


def _calc() -> str | None:
    """LibreOffice with its spreadsheet module (Debian splits it into libreoffice-calc-nogui)."""
    from bezag_desktop.exporters.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return None
    program = Path(soffice).resolve().parent
    return soffice if any(program.glob("*sclo.*")) or any(program.glob("sc*.dll")) else None


@pytest.mark.slow
@pytest.mark.skipif(_calc() is None, reason="LibreOffice Calc ist nicht installiert")
def test_second_reader_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    """LibreOffice, an independent reader, must show "=…" as typed (not evaluated) and "+49 …" unchanged."""
    import csv
    import subprocess

    rows = (xl.ContactLine('=HYPERLINK("http://x";"Klick")', "-Verein", "@intern", "", "a@x.de", "+49 89 1234-0"),)
    path = xl.write_contacts(tmp_path / "k.xlsx", [xl.ContactSheet("Verteiler", rows)])
    profile = (tmp_path / "profil").as_uri()
    cmd = [_calc(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path)]
    subprocess.run([*cmd, str(path)], check=True, capture_output=True, timeout=120)
    with (tmp_path / "k.csv").open(encoding="utf-8", newline="") as fh:
        header, row = list(csv.reader(fh))
    assert header == list(xl.CONTACT_HEADERS)
    assert row[0] == '=HYPERLINK("http://x";"Klick")'
    assert row[1] == "-Verein"
    assert row[3] == "@intern"
    assert row[6] == "+49 89 1234-0"
