"""Excel import of representatives: validate everything first, name row and column, all or nothing, idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import add_mandate, add_person, body_id
from sqlalchemy import func, select

from bezag_desktop.db.models import AuditEntry, Membership, Person
from bezag_desktop.domain.errors import UserError
from bezag_desktop.exporters.xlsx_representatives_template import HEADERS
from bezag_desktop.services.representation import importing as imp
from bezag_desktop.services.representation.bodies import get_body
from bezag_desktop.services.store import Store

GOOD: list[list[Any]] = [
    [
        "09175",
        "Mitglied",
        "Frau",
        "Dr.",
        "Anna",
        "Huber",
        "Sozialplanung",
        "anna.huber@lra-ebe.example",
        "+49 8092 823-0",
        datetime(2026, 2, 1),
    ],
    [
        "Landkreis Ebersberg",
        "Stellvertretung",
        "Herr",
        "",
        "Jonas",
        "Weiß",
        "",
        "jonas.weiss@lra-ebe.example",
        "",
        "01.02.2026",
    ],
    [
        "Stadt Rosenheim",
        "Mitglied",
        "",
        "",
        "Clara",
        "Öztürk",
        "Sozialreferat",
        "clara.oeztuerk@rosenheim.example",
        "",
        datetime(2026, 3, 1),
    ],
    [9174, "mitglied", "Herr", "", "Bernd", "Dachauer", "", "bernd@lra-dah.example", 8131123, "2026-03-01"],
]


def write(path: Path, rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Vertretungen"
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def audit_count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(AuditEntry.id))) or 0


def counts(store: Store) -> tuple[int, int]:
    with store.session() as s:
        return (s.scalar(select(func.count(Person.id))) or 0, s.scalar(select(func.count(Membership.id))) or 0)


def test_dry_run_shows_what_would_change_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "v.xlsx", GOOD)
    result = imp.import_representatives(store, path, dry_run=True)
    assert counts(store) == (0, 0)
    assert result.dry_run
    assert [(r.row, r.body, r.role, r.action_text) for r in result.rows] == [
        (2, "Landkreis Ebersberg", "mitglied", "Person neu, Mandat neu"),
        (3, "Landkreis Ebersberg", "stellvertretung", "Person neu, Mandat neu"),
        (4, "Stadt Rosenheim", "mitglied", "Person neu, Mandat neu"),
        (5, "Landkreis Dachau", "mitglied", "Person neu, Mandat neu"),
    ]
    assert result.rows[0].details == "Mandat ab 01.02.2026"
    assert "neue Personen: 4" in result.summary
    assert "Probelauf" in result.summary


def test_good_file_imports_and_second_import_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "v.xlsx", GOOD)
    result = imp.import_representatives(store, path)
    assert (result.persons_added, result.mandates_added) == (4, 4)
    assert counts(store) == (4, 4)
    ebe = get_body(store, body_id(store, "09175"))
    assert [r.name for r in ebe.members] == ["Dr. Anna Huber"]
    assert [r.name for r in ebe.deputies] == ["Jonas Weiß"]
    assert ebe.members[0].start == date(2026, 2, 1)
    with store.session() as s:
        anna = s.scalar(select(Person).where(Person.email == "anna.huber@lra-ebe.example"))
        assert anna is not None
        assert (anna.form_of_address, anna.phone, anna.search_key) == (
            "frau",
            "+49 8092 823-0",
            "dr. anna huber anna.huber@lra-ebe.example",
        )
        assert anna.body_id == body_id(store, "09175")
        bernd = s.scalar(select(Person).where(Person.email == "bernd@lra-dah.example"))
        assert bernd is not None
        assert bernd.phone == "8131123"
    audits = audit_count(store)
    again = imp.import_representatives(store, path)
    assert again.unchanged == 4
    assert (again.persons_added, again.persons_updated, again.mandates_added) == (0, 0, 0)
    assert counts(store) == (4, 4)
    # Nothing at all is written the second time, and the summary does not claim otherwise.
    assert audit_count(store) == audits
    assert "es wurde nichts geändert" in again.summary
    assert "gespeichert" not in again.summary


def test_bad_rows_refused_whole_with_row_and_column(store: Store, tmp_path: Path) -> None:
    rows = [
        GOOD[0],
        ["09999", "Mitglied", "", "", "Eva", "Unbekannt", "", "eva@example.org", "", "01.02.2026"],
        ["09174", "Mitglied", "", "", "Otto", "Ohneat", "", "otto.lra-dah.example", "", "01.02.2026"],
    ]
    path = write(tmp_path / "bad.xlsx", rows)
    add_person(store, last="Schon", first="Da")
    before = counts(store)
    with pytest.raises(imp.ImportRefused) as info:
        imp.import_representatives(store, path)
    texts = [i.text for i in info.value.issues]
    assert texts[0].startswith("Zeile 3, Spalte A „Körperschaft“: Unbekannter Gemeindeschlüssel (AGS) „09999“")
    assert texts[1] == "Zeile 4, Spalte H „E-Mail“: „otto.lra-dah.example“ ist keine gültige E-Mail-Adresse."
    assert len(texts) == 2
    assert "nicht importiert (2 Fehler); es wurde nichts geändert" in info.value.message
    assert counts(store) == before
    # The dry run refuses in the same way.
    with pytest.raises(imp.ImportRefused):
        imp.import_representatives(store, path, dry_run=True)


@pytest.mark.parametrize("name", ["München", "Rosenheim", "muenchen"])
def test_ambiguous_body_names(store: Store, tmp_path: Path, name: str) -> None:
    row = [name, "Mitglied", "", "", "Eva", "Zweifel", "", "eva@example.org", "", "01.02.2026"]
    path = write(tmp_path / "m.xlsx", [row])
    with pytest.raises(imp.ImportRefused) as info:
        imp.import_representatives(store, path)
    text = info.value.issues[0].text
    if name == "muenchen":
        assert "Unbekannte Körperschaft" in text
    else:
        assert "ist mehrdeutig" in text
        assert "Bitte den vollen Namen oder den AGS angeben" in text


@pytest.mark.parametrize(
    ("name", "ags"),
    [
        ("Landkreis München", "09184"),
        ("Stadt München", "09162"),
        ("München (Stadt)", "09162"),
        ("LK Rosenheim", "09187"),
    ],
)
def test_full_names_resolve(store: Store, tmp_path: Path, name: str, ags: str) -> None:
    path = write(
        tmp_path / "m.xlsx", [[name, "Mitglied", "", "", "Eva", "Klar", "", "eva@example.org", "", "01.02.2026"]]
    )
    result = imp.import_representatives(store, path)
    assert result.rows[0].body == get_body(store, body_id(store, ags)).name


def test_seat_held_by_another_person_names_the_holder(store: Store, tmp_path: Path) -> None:
    holder = add_person(store, last="Huber", first="Anna", email="a.huber@lra-ebe.example")
    add_mandate(store, person_id=holder, body_id=body_id(store, "09175"), start=date(2025, 2, 1))
    path = write(
        tmp_path / "s.xlsx",
        [["09175", "Mitglied", "", "", "Bernd", "Neu", "", "bernd@lra-ebe.example", "", "01.12.2026"]],
    )
    with pytest.raises(imp.ImportRefused) as info:
        imp.import_representatives(store, path)
    text = info.value.issues[0].text
    assert text.startswith(
        "Zeile 2, Spalte A „Körperschaft“: Der Sitz (Mitglied) von Landkreis Ebersberg ist besetzt durch Anna Huber"
    )
    assert "Nachfolge" in text


def test_known_person_is_updated_not_duplicated(store: Store, tmp_path: Path) -> None:
    anna = add_person(store, last="Huber", first="Anna", email="Anna.Huber@lra-ebe.example")
    add_mandate(store, person_id=anna, body_id=body_id(store, "09175"), start=date(2025, 2, 1))
    row = ["09175", "Mitglied", "Frau", "Dr.", "Anna", "Huber", "", "anna.huber@lra-ebe.example", "+49 1", "01.02.2026"]
    path = write(tmp_path / "u.xlsx", [row])
    preview = imp.import_representatives(store, path, dry_run=True)
    assert preview.rows[0].action_text == "Person aktualisiert, Mandat besteht"
    assert preview.rows[0].details == "Titel, Anrede, Telefon, Arbeitgeber"
    imp.import_representatives(store, path)
    assert counts(store) == (1, 1)
    with store.session() as s:
        p = s.get(Person, anna)
        assert p is not None
        assert (p.title, p.phone, p.form_of_address) == ("Dr.", "+49 1", "frau")
    assert imp.import_representatives(store, path).unchanged == 1


def test_person_with_another_mandate_is_an_error(store: Store, tmp_path: Path) -> None:
    anna = add_person(store, last="Huber", first="Anna", email="anna@lra-ebe.example")
    add_mandate(store, person_id=anna, body_id=body_id(store, "09175"), role="stellvertretung", start=date(2025, 2, 1))
    path = write(
        tmp_path / "x.xlsx",
        [["09175", "Mitglied", "", "", "Anna", "Huber", "", "anna@lra-ebe.example", "", "01.02.2026"]],
    )
    with pytest.raises(
        imp.ImportRefused, match=r"ist bereits Stellvertretung für Landkreis Ebersberg seit 01\.02\.2025"
    ):
        imp.import_representatives(store, path)


def test_a_mandate_not_yet_begun_is_named_with_ab(store: Store, tmp_path: Path) -> None:
    anna = add_person(store, last="Huber", first="Anna", email="anna@lra-ebe.example")
    add_mandate(store, person_id=anna, body_id=body_id(store, "09175"), role="stellvertretung", start=date(2027, 1, 1))
    path = write(
        tmp_path / "x.xlsx",
        [["09175", "Mitglied", "", "", "Anna", "Huber", "", "anna@lra-ebe.example", "", "01.02.2027"]],
    )
    with pytest.raises(imp.ImportRefused, match=r"ist bereits Stellvertretung für Landkreis Ebersberg ab 01\.01\.2027"):
        imp.import_representatives(store, path)


def test_file_level_checks(store: Store, tmp_path: Path) -> None:
    dup = [
        ["09175", "Mitglied", "", "", "Anna", "Huber", "", "anna@x.example", "", "01.02.2026"],
        ["09174", "Mitglied", "", "", "Anna", "Huber", "", "ANNA@x.example", "", "01.02.2026"],
        ["09173", "Chef", "Dame", "", "", "", "", "c@x.example", "", "31.02.2026"],
    ]
    with pytest.raises(imp.ImportRefused) as info:
        imp.import_representatives(store, write(tmp_path / "d.xlsx", dup))
    texts = [i.text for i in info.value.issues]
    assert "Zeile 3, Spalte H „E-Mail“: Die E-Mail-Adresse steht schon in Zeile 2" in texts[0]
    assert any(t.startswith("Zeile 4, Spalte B „Rolle“: „Chef“ ist keine Rolle") for t in texts)
    assert "Zeile 4, Spalte C „Anrede“: „Dame“ ist keine Anrede; erlaubt sind Frau, Herr, neutral oder leer." in texts
    assert any(t.startswith("Zeile 4, Spalte F „Nachname“") for t in texts)
    assert any(t.startswith("Zeile 4, Spalte J „Beginn“: „31.02.2026“ ist kein gültiges Datum") for t in texts)
    missing = write(tmp_path / "h.xlsx", [["09175", "Mitglied"]], headers=["Körperschaft", "Rolle"])
    with pytest.raises(imp.ImportRefused, match="Die Spalte „Nachname“ fehlt"):
        imp.import_representatives(store, missing)
    with pytest.raises(UserError, match="gibt es nicht"):
        imp.import_representatives(store, tmp_path / "fehlt.xlsx")
    (tmp_path / "kaputt.xlsx").write_text("kein Excel", encoding="utf-8")
    with pytest.raises(UserError, match="keine lesbare Excel-Datei"):
        imp.import_representatives(store, tmp_path / "kaputt.xlsx")


def test_template_round_trip(store: Store, tmp_path: Path) -> None:
    path = imp.write_template(store, tmp_path / "vorlage.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Vertretungen"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws["A2"].number_format == "@"
    # Excel refuses other values in Rolle and Anrede (the drop-down lists are enforced).
    assert {(str(v.sqref).split(":")[0], v.showErrorMessage) for v in ws.data_validations.dataValidation} == {
        ("B2", True),
        ("C2", True),
    }
    assert ws["J2"].number_format == "DD.MM.YYYY"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    help_ws = wb["Erläuterungen"]
    explained = [help_ws.cell(row=r, column=1).value for r in range(2, len(HEADERS) + 2)]
    assert explained == list(HEADERS)
    bodies = wb["Körperschaften"]
    assert (bodies["A2"].value, bodies["B2"].value) == ("Bezirk Oberbayern", "091")
    assert bodies["B3"].data_type == "s"
    # Filling the template in (AGS typed as text) imports.
    ws["A2"] = "09175"
    for col, value in zip(
        "BCDEFGHIJ",
        ["Mitglied", "Frau", "", "Anna", "Huber", "", "anna@lra-ebe.example", "", datetime(2026, 2, 1)],
        strict=True,
    ):
        ws[f"{col}2"] = value or None
    wb.save(path)
    assert imp.import_representatives(store, path).mandates_added == 1
    empty = imp.write_template(store, tmp_path / "leer.xlsx")
    with pytest.raises(UserError, match="keine Zeilen"):
        imp.import_representatives(store, empty)
