"""services.lists: the XLSX lists from the database, re-read with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from factories import plenary_meeting
from querycount import count_queries
from sqlalchemy import select

from bezag_desktop.db.models import ActionItem, Attendance, Committee, Meeting, Person
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.exporters import verify
from bezag_desktop.services import lists
from bezag_desktop.services.store import Store


def test_contacts_all_and_one_committee(store: Store, tmp_path: Path) -> None:
    plenary_meeting(store)
    result = lists.export_contacts(store, tmp_path / "k.xlsx")
    assert verify.check_xlsx(result.path, min_rows=1, all_sheets=True) == []
    wb = openpyxl.load_workbook(result.path)
    assert wb.sheetnames[0] == "Alle Kontakte"
    everyone = wb["Alle Kontakte"]
    assert everyone.freeze_panes == "A2"
    assert everyone.auto_filter.ref.startswith("A1:H")
    names = [r[0] for r in everyone.iter_rows(min_row=2, values_only=True)]
    assert "Dr. Anna Huber" in names
    huber = next(r for r in everyone.iter_rows(min_row=2, values_only=True) if r[0] == "Dr. Anna Huber")
    assert huber[2] == "09161"  # AGS as text with its leading zero (Ingolstadt, the 2nd body)
    assert huber[5] == "+49 89 1234-0"  # phone number reads back unchanged
    one = lists.export_contacts(store, tmp_path / "p.xlsx", committee="bezirksarbeitsgemeinschaft sozialplanung")
    wb1 = openpyxl.load_workbook(one.path)
    assert len(wb1.sheetnames) == 1
    ws = wb1.worksheets[0]
    roles = {r[3] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert roles == {"Vorsitz", "Mitglied", "Stellvertretung"}
    assert one.rows == 48
    with pytest.raises(NotFoundError):
        lists.export_contacts(store, tmp_path / "x.xlsx", committee="Gibt es nicht")


def test_attendance_matrix_24_bodies(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    result = lists.export_attendance_matrix(store, tmp_path / "a.xlsx", 2026)
    assert verify.check_xlsx(result.path, min_rows=24) == []
    assert result.summary == "24 Zeilen; Tabellenblatt: Anwesenheit 2026"
    ws = openpyxl.load_workbook(result.path).worksheets[0]
    rows = list(ws.iter_rows(min_row=2, max_row=25, values_only=True))
    assert len(rows) == 24
    assert rows[0][0] == "Bezirk Oberbayern"
    assert ws.cell(row=26, column=1).value is None  # nothing but the 24 bodies in the table
    assert [c.value for c in ws[1]][2] == "02.07.2026 2. Sitzung 2026"
    by_body = {r[0]: r for r in rows}
    assert rows[1][2] == "vertreten (Stellv.)"  # Landkreis 2: deputy standing in
    assert rows[2][2] == "entschuldigt"
    assert rows[3][2] == "online"
    assert rows[0][2] == "anwesend"
    assert rows[0][3] == 1
    assert rows[2][3] == 0
    assert len(by_body) == 24
    assert plan.meeting_id


def test_matrix_queries_constant_and_year_checked(store: Store, tmp_path: Path) -> None:
    plenary_meeting(store)
    with count_queries(store.engine) as few:
        lists.export_attendance_matrix(store, tmp_path / "a.xlsx", 2026)
    with store.session() as s:
        plenum = s.scalar(select(Committee).where(Committee.kind == "plenum"))
        assert plenum is not None
        people = list(s.scalars(select(Person).limit(20)))
        for n in range(5):
            m = Meeting(committee_id=plenum.id, year=2026, number=10 + n, start=datetime(2026, 9, 1 + n, 10))
            s.add(m)
            s.flush()
            s.add_all(Attendance(meeting_id=m.id, person_id=p.id, body_id=p.body_id, status="anwesend") for p in people)
    with count_queries(store.engine) as many:
        lists.export_attendance_matrix(store, tmp_path / "b.xlsx", 2026)
    assert len(many) == len(few)
    with pytest.raises(ValidationError, match=r"Endung \.xlsx"):
        lists.export_attendance_matrix(store, tmp_path / "a.csv", 2026)


def test_open_actions(store: Store, tmp_path: Path) -> None:
    plenary_meeting(store)
    with store.session() as s:
        s.add(ActionItem(text="Schon erledigt", status="erledigt", done_on=date(2026, 8, 1)))
        s.add(ActionItem(text="=SUMME(A1)", status="offen"))
    with count_queries(store.engine) as queries:
        result = lists.export_actions(store, tmp_path / "o.xlsx")
    assert len(queries) <= 2
    assert verify.check_xlsx(result.path, min_rows=3) == []
    ws = openpyxl.load_workbook(result.path).worksheets[0]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    texts = [r[0] for r in rows]
    assert "Schon erledigt" not in texts
    assert texts[0] == "Kennzahlen an die Geschäftsstelle melden"  # soonest due first
    assert texts[-1] == "=SUMME(A1)"  # no due date: last, and text not formula
    assert ws.cell(row=len(rows) + 1, column=1).data_type == "s"
    assert ws["H2"].is_date
    assert ws["H2"].number_format == "DD.MM.YYYY"
    assert ws["H2"].value == datetime(2026, 10, 30)


def test_election_results(store: Store, tmp_path: Path) -> None:
    plenary_meeting(store)
    result = lists.export_election_results(store, tmp_path / "w.xlsx")
    assert verify.check_xlsx(result.path, min_rows=1, all_sheets=True) == []
    assert result.summary == "1 Zeile; Tabellenblätter: Wahlen, Wahlgänge"
    wb = openpyxl.load_workbook(result.path)
    ws = wb["Wahlen"]
    row = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    assert row[0] == datetime(2026, 7, 2)
    assert row[3] == "Vorsitz der Landkreise und kreisfreien Städte"
    assert row[7] == "Vorname6 Mitglied06"
    rounds = list(wb["Wahlgänge"].iter_rows(min_row=2, values_only=True))
    assert len(rounds) == 4


def test_lists_on_the_demo_database(demo_store: Store, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(lists.export_attendance_matrix(demo_store, tmp_path / "a.xlsx", 2026).path).worksheets[
        0
    ]
    assert len(list(ws.iter_rows(min_row=2, max_row=25))) == 24
    assert ws.max_column >= 4
    statuses = {
        c
        for row in ws.iter_rows(min_row=2, max_row=25, min_col=3, max_col=ws.max_column - 1, values_only=True)
        for c in row
    }
    assert "anwesend" in statuses
    contacts = openpyxl.load_workbook(lists.export_contacts(demo_store, tmp_path / "k.xlsx").path)
    assert len(contacts.sheetnames) >= 2
    assert all(len(t) <= 31 for t in contacts.sheetnames)
    for result in (
        lists.export_contacts(demo_store, tmp_path / "k.xlsx"),
        lists.export_attendance_matrix(demo_store, tmp_path / "a.xlsx", 2026),
        lists.export_actions(demo_store, tmp_path / "o.xlsx"),
        lists.export_election_results(demo_store, tmp_path / "w.xlsx"),
    ):
        assert verify.check_xlsx(result.path, min_rows=1, all_sheets=True) == [], result.path.name
