"""``bezag committees`` and ``bezag partners``: text and JSON output as FORMATS.md says."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from factories import add_person, found_group, plenum_id

from bezag_desktop.cli import main
from bezag_desktop.db.models import Membership
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import partners
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.groups.partners import ContactInput, PartnerInput
from bezag_desktop.services.store import Store


def _data(store: Store) -> int:
    gid = found_group(store, "AG Wohnungslosenhilfe", topic="Hilfen für wohnungslose Menschen")
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    with store.session() as s:
        s.add(Membership(person_id=huber, committee_id=plenum_id(store), role="mitglied", start_date=date(2026, 1, 30)))
    caritas = partners.create_partner(store, PartnerInput(name="Caritasverband München", category="wohlfahrtsverband"))
    contact = partners.add_contact(store, caritas, ContactInput(last_name="Öztürk", first_name="Aylin"))
    committees.add_member(store, gid, huber, "sprecher", date(2026, 7, 8))
    committees.add_member(store, gid, contact, "mitglied", date(2026, 7, 8))
    return gid


def test_committees_json(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gid = _data(store)
    assert main(["--db", str(db_path), "committees", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in data] == ["plenum", "arbeitsgruppe"]
    assert data[0]["name"] == "Bezirksarbeitsgemeinschaft Sozialplanung"
    assert data[0]["members"] == [
        {"person": "Anna Huber", "organisation": "Landkreis Ebersberg", "organisation_kind": "body", "role": "mitglied"}
    ]
    assert data[1] == {
        "id": gid,
        "name": "AG Wohnungslosenhilfe",
        "kind": "arbeitsgruppe",
        "topic": "Hilfen für wohnungslose Menschen",
        "founded": "2026-07-08",
        "dissolved": None,
        "lead": "Anna Huber",
        "members": [
            {
                "person": "Anna Huber",
                "organisation": "Landkreis Ebersberg",
                "organisation_kind": "body",
                "role": "sprecher",
            },
            {
                "person": "Aylin Öztürk",
                "organisation": "Caritasverband München",
                "organisation_kind": "partner",
                "role": "mitglied",
            },
        ],
    }


def test_committees_json_on_a_day_and_by_kind(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gid = _data(store)
    committees.dissolve_group(store, gid, date(2026, 11, 30))
    assert main(["--db", str(db_path), "committees", "--json", "--kind", "arbeitsgruppe", "--on", "01.12.2026"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["name"], d["dissolved"], d["members"]) for d in data] == [("AG Wohnungslosenhilfe", "2026-11-30", [])]


def test_committees_table(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _data(store)
    assert main(["--db", str(db_path), "committees"]) == 0
    out = capsys.readouterr().out
    assert "AG Wohnungslosenhilfe" in out
    assert "Arbeitsgruppe" in out
    assert "08.07.2026" in out


def test_committees_bad_date_is_a_german_error(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "committees", "--on", "gestern"]) == 1
    assert "kein gültiges Datum" in capsys.readouterr().err


def test_partners(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _data(store)
    aok = partners.create_partner(store, PartnerInput(name="AOK Bayern", category="kasse"))
    partners.set_partner_active(store, aok, False)
    assert main(["--db", str(db_path), "partners", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["name"], d["category"], d["contacts"]) for d in data] == [
        ("Caritasverband München", "wohlfahrtsverband", 1)
    ]
    assert main(["--db", str(db_path), "partners", "--all", "--category", "Kranken- und Pflegekasse"]) == 0
    out = capsys.readouterr().out
    assert "AOK Bayern" in out
    assert "Caritas" not in out
    assert main(["--db", str(db_path), "partners", "--category", "gibtsnicht"]) == 1
    assert "Unbekannte Kategorie" in capsys.readouterr().err


def test_demo_has_three_working_groups_with_partners_and_meetings(
    demo_store: Store, demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_db_path), "committees", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    plenum = data[0]
    assert plenum["kind"] == "plenum"
    assert len(plenum["members"]) >= 24
    assert {m["role"] for m in plenum["members"]} == {"mitglied", "stellvertretung"}
    assert plenum["lead"]  # the co-chairs
    groups = [d for d in data if d["kind"] == "arbeitsgruppe" and d["dissolved"] is None]
    with_partners = [g for g in groups if any(m["organisation_kind"] == "partner" for m in g["members"])]
    assert len(with_partners) >= 3
    for g in with_partners:
        assert g["lead"]
        assert g["founded"]
        assert group_queries.group_overview(demo_store, g["id"]).meetings, g["name"]
