"""``bezag bodies``, ``bezag chairs``, ``bezag import representatives`` and the template export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from factories import add_chair, add_mandate, add_person, body_id
from sqlalchemy import func, select

from bezag_desktop.cli import main
from bezag_desktop.db.models import Person
from bezag_desktop.exporters.xlsx_representatives_template import HEADERS
from bezag_desktop.services.store import Store, open_store


def test_bodies_json(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ebe = body_id(store, "09175")
    anna = add_person(store, last="Huber", first="Anna", title="Dr.", email="anna.huber@lra-ebe.example")
    jonas = add_person(store, last="Weiß", first="Jonas", email="jonas.weiss@lra-ebe.example")
    add_mandate(store, person_id=anna, body_id=ebe)
    add_mandate(store, person_id=jonas, body_id=ebe, role="stellvertretung")
    assert main(["--db", str(db_path), "bodies", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 24
    assert {d["ags"] for d in data if d["name"].endswith("München")} == {"09162", "09184"}
    assert {d["kind"] for d in data if d["name"].endswith("Rosenheim")} == {"kreisfreie_stadt", "landkreis"}
    assert next(d for d in data if d["id"] == ebe) == {
        "id": ebe,
        "name": "Landkreis Ebersberg",
        "kind": "landkreis",
        "ags": "09175",
        "members": [{"person_id": anna, "name": "Dr. Anna Huber", "email": "anna.huber@lra-ebe.example"}],
        "deputies": [{"person_id": jonas, "name": "Jonas Weiß", "email": "jonas.weiss@lra-ebe.example"}],
    }


def test_bodies_table(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "bodies"]) == 0
    out = capsys.readouterr().out
    assert "Körperschaft" in out
    assert "Landkreis Weilheim-Schongau" in out
    assert "kein Mitglied; keine Stellvertretung" in out


def test_chairs_json_current_and_past(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = add_person(store, last="Früher", first="Fritz")
    now = add_person(store, last="Mößmer", first="Josef")
    add_chair(store, person_id=old, side="kommunen", start=date(2022, 1, 30), end=date(2025, 1, 29))
    add_chair(store, person_id=now, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
    assert main(["--db", str(db_path), "chairs", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {"side": "kommunen", "person": "Josef Mößmer", "start": "2025-01-30", "end": "2028-01-29", "election_id": None},
        {"side": "kommunen", "person": "Fritz Früher", "start": "2022-01-30", "end": "2025-01-29", "election_id": None},
    ]
    assert main(["--db", str(db_path), "chairs"]) == 0
    out = capsys.readouterr().out
    assert "Vorsitz Landkreise/Städte" in out
    assert "29.01.2028" in out


def test_template_and_import(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "out" / "vorlage.xlsx"
    assert main(["--db", str(db_path), "export", "template", "representatives", "-o", str(template)]) == 0
    assert "Vorlage gespeichert" in capsys.readouterr().out
    wb = openpyxl.load_workbook(template)
    ws = wb["Vertretungen"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    ws.append(["09175", "Mitglied", "Frau", "", "Anna", "Huber", "", "anna@lra-ebe.example", "", "01.02.2026"])
    filled = tmp_path / "gefuellt.xlsx"
    wb.save(filled)

    assert main(["--db", str(db_path), "import", "representatives", str(filled), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Person neu, Mandat neu" in out
    assert "Probelauf: es wurde nichts geändert." in out
    with open_store(db_path, read_only=True) as st, st.session() as s:
        assert s.scalar(select(func.count(Person.id))) == 0

    assert main(["--db", str(db_path), "import", "representatives", str(filled)]) == 0
    assert "neue Personen: 1, aktualisierte Personen: 0, neue Mandate: 1" in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", "representatives", str(filled)]) == 0
    assert "neue Mandate: 0, ohne Änderung: 1" in capsys.readouterr().out


def test_import_errors_exit_1_with_row_and_column(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(HEADERS))
    ws.append(["09999", "Mitglied", "", "", "Eva", "Muster", "", "eva-example.org", "", "01.02.2026"])
    bad = tmp_path / "fehler.xlsx"
    wb.save(bad)
    assert main(["--db", str(db_path), "import", "representatives", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Die Datei wurde nicht importiert (2 Fehler)")
    assert "Zeile 2, Spalte A „Körperschaft“" in err
    assert "Zeile 2, Spalte H „E-Mail“" in err
    assert main(["--db", str(db_path), "import", "representatives", str(tmp_path / "x.csv")]) == 1
    assert "Excel-Datei (.xlsx)" in capsys.readouterr().err


def test_bad_template_kind_exits_2(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db_path), "export", "template", "people", "-o", "x.xlsx"])
    assert info.value.code == 2
    assert "ungültige Auswahl" in capsys.readouterr().err
