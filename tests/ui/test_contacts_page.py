"""The Kontakte & Netzwerk page on demo data: search, filters, partner management, distribution lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QGuiApplication
from ui_helpers import click_ok, when_modal

from bezag_desktop.services.groups import contacts, partners
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.store import Store
from bezag_desktop.ui import export_menu
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.partner_dialog import ContactDialog, PartnerDialog
from bezag_desktop.ui.pages.contacts import ContactsPage

Answer = Callable[..., list[tuple[str, str, str]]]


def _page(qtbot: Any, store: Store) -> ContactsPage:
    page = ContactsPage(UiContext(store))
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.refresh()
    return page


def _visible(page: ContactsPage) -> list[contacts.ContactRow]:
    proxy = page.table.proxy
    from bezag_desktop.ui.models.rows import ROW_ROLE

    return [proxy.data(proxy.index(r, 0), ROW_ROLE) for r in range(proxy.rowCount())]


def test_one_list_with_search_and_filters(qtbot: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    kinds = {r.kind for r in _visible(page)}
    assert kinds == {"person", "body", "partner"}
    assert "von" in page.count_label.text()

    # search as you type, umlaut-insensitive
    page.table.filter_edit.setText("wurmtal")
    names = [r.name for r in _visible(page)]
    assert "Nachbarschaftshilfe Würmtal e.V." in names

    page.table.filter_edit.clear()
    page.set_filter(category="wohlfahrtsverband")
    rows = _visible(page)
    assert rows
    assert {r.kind for r in rows} <= {"partner", "person"}
    assert all(r.category == "wohlfahrtsverband" for r in rows)
    assert any(r.kind == "person" for r in rows)  # the partners' contacts

    group = next(g for g in group_queries.list_groups(demo_store) if g.partner_count)
    page.set_filter(committee_id=group.id)
    persons = {r.name for r in _visible(page) if r.kind == "person"}
    assert persons == {m.person for m in group.members}

    page.set_filter(active=False, kind="person")
    assert all(not r.active and r.kind == "person" for r in _visible(page))


def test_create_partner_with_contact_in_the_dialog(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer()
    page = _page(qtbot, demo_store)

    def fill_contact(d: ContactDialog) -> None:
        d.names.first_edit.setText("Lena")
        d.names.last_edit.setText("Großmann")
        d.email_edit.setText("lena.grossmann@vdk")  # invalid first
        click_ok(d)
        assert d.isVisible()
        d.email_edit.setText("lena.grossmann@vdk-obb.example")
        click_ok(d)

    def fill_partner(d: PartnerDialog) -> None:
        d.name_edit.setText("VdK Kreisverband Oberbayern")
        d.category_combo.setCurrentIndex(d.category_combo.findData("verein"))
        d.postcode_edit.setText("80335")
        d.city_edit.setText("München")
        inner = when_modal(ContactDialog, fill_contact)
        d.add_contact_button.click()
        inner.check()
        assert [c.name for c in d.contacts] == ["Lena Großmann"]
        click_ok(d)

    driver = when_modal(PartnerDialog, fill_partner)
    page.new_partner_button.click()
    driver.check()
    assert any(kind == "error" and "keine gültige E-Mail-Adresse" in text for kind, _t, text in shown)
    selected = page.selected()
    assert selected is not None
    assert (selected.kind, selected.name) == ("partner", "VdK Kreisverband Oberbayern")
    page.table.filter_edit.setText("grossmann")
    person = _visible(page)
    assert [(r.name, r.organisation) for r in person] == [("Lena Großmann", "VdK Kreisverband Oberbayern")]
    # the contact's row leads to its partner
    assert page.table.select_where(lambda r: r.name == "Lena Großmann")
    assert page.edit_partner_button.isEnabled()

    def rename(d: PartnerDialog) -> None:
        assert d.name_edit.text() == "VdK Kreisverband Oberbayern"
        assert d.contacts_table.select_where(lambda c: c.data.last_name == "Großmann")
        d.toggle_contact_button.click()
        click_ok(d)

    driver = when_modal(PartnerDialog, rename)
    page.edit_partner_button.click()
    driver.check()
    detail = partners.get_partner(demo_store, selected.id)
    assert [c.active for c in detail.contacts] == [False]


def test_partner_deactivated_after_confirmation(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(confirm=True)
    page = _page(qtbot, demo_store)
    target = next(r for r in _visible(page) if r.kind == "partner")
    assert page.table.select_where(lambda r: r.key == target.key)
    page.toggle_partner_button.click()
    assert not partners.get_partner(demo_store, target.id).partner.active
    page.set_filter(active=True, kind="partner")
    assert target.name not in [r.name for r in _visible(page)]


def test_distribution_list_copy_and_export(
    qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer()
    page = _page(qtbot, demo_store)
    group = next(g for g in group_queries.list_groups(demo_store) if g.partner_count)
    assert page.select_distribution(group.id)
    rows = page.dist_model.rows
    expected = contacts.distribution_list(demo_store, group.id)
    assert [r.name for r in rows] == [r.name for r in expected]
    assert any(r.organisation_kind == "partner" for r in rows)
    assert "Personen im Verteiler" in page.dist_info.text()

    page.copy_button.click()
    clip = QGuiApplication.clipboard().text()
    for r in rows:
        if r.email:
            assert r.email in clip

    target = tmp_path / "verteiler.xlsx"
    monkeypatch.setattr(export_menu, "ask_save_path", lambda *_a: str(target))
    page.export_button.click()
    wb = load_workbook(target, read_only=True)
    values = [str(c) for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
    wb.close()
    for r in rows:
        assert r.name in values

    plenum = contacts.committee_choices(demo_store)[0]
    assert page.select_distribution(plenum.id)
    assert any(r.role == "vorsitz" for r in page.dist_model.rows)


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    qtmodeltester.check(page.model)
    page.select_distribution(contacts.committee_choices(demo_store)[0].id)
    qtmodeltester.check(page.dist_model)


def test_partner_dialog_labels_have_working_mnemonics(qtbot: Any, store: Store) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    dialog = PartnerDialog(UiContext(store))
    qtbot.addWidget(dialog)
    form = dialog.findChild(QFormLayout)
    assert form is not None
    labels = [form.itemAt(r, QFormLayout.ItemRole.LabelRole) for r in range(form.rowCount())]
    texts = {}
    for item in labels:
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel) and label.text():
            texts[label.text()] = label.buddy()
    # every caption with a mnemonic leads to a field (a literal "&" would show otherwise)
    assert texts["&PLZ, Ort:"] is dialog.postcode_edit
    assert all(buddy is not None for text, buddy in texts.items() if "&" in text)


def test_distribution_of_a_group_dissolved_later_and_its_file_name(
    qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    shown = answer()
    group = next(g for g in group_queries.list_groups(demo_store) if g.name == "AG Pflege")
    committees.dissolve_group(demo_store, group.id, date(2027, 3, 31))
    page = _page(qtbot, demo_store)
    assert page.select_distribution(group.id)
    assert page.dist_committee_combo.currentText() == "AG Pflege (wird zum 31.03.2027 aufgelöst)"
    assert page.dist_model.rowCount() == len(group.members)
    asked: list[str] = []

    def ask(_parent: Any, _title: str, filename: str, _filters: str) -> str:
        asked.append(filename)
        return str(tmp_path / filename)

    monkeypatch.setattr(export_menu, "ask_save_path", ask)
    page.export_button.click()
    assert asked == ["Verteiler AG Pflege 2026-11-21.xlsx"]
    wb = load_workbook(tmp_path / asked[0], read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    assert rows[0][:4] == ("Name", "Organisation", "AGS", "Rolle")
    assert sorted(r[0] for r in rows[1:]) == sorted(m.person for m in group.members)
    lead = next(r for r in rows[1:] if r[0] == group.lead)
    assert lead[3] == "Sprecher/in"
    assert any(kind == "info" and f"{len(group.members)} Einträge" in text for kind, _t, text in shown)
