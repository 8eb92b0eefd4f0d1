"""Körperschaften & Vertretungen on demo data: the table, gaps, history, people, mandates, handover, import."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtWidgets import QApplication, QFormLayout
from ui_helpers import click_ok, when_modal

from bezag_desktop.exporters.xlsx_representatives_template import HEADERS
from bezag_desktop.services.representation import bodies, chairs, mandates, people
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.import_preview_dialog import ImportErrorsDialog, ImportPreviewDialog
from bezag_desktop.ui.dialogs.mandate_dialog import AppointDialog, EndMandateDialog, HandoverDialog
from bezag_desktop.ui.dialogs.person_dialog import PersonDialog
from bezag_desktop.ui.models.rows import ROW_ROLE
from bezag_desktop.ui.pages.bodies import BodiesPage

Answer = Callable[..., list[tuple[str, str, str]]]
EBERSBERG = "Landkreis Ebersberg"


def _page(qtbot: Any, store: Store) -> BodiesPage:
    page = BodiesPage(UiContext(store))
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    page.refresh()
    return page


def _history(page: BodiesPage) -> list[Any]:
    proxy = page.history_table.proxy
    return [proxy.data(proxy.index(r, 0), ROW_ROLE) for r in range(proxy.rowCount())]


def test_table_shows_the_24_bodies_with_members(qtbot: Any, qtmodeltester: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    qtmodeltester.check(page.body_model)
    qtmodeltester.check(page.history_model)
    qtmodeltester.check(page.people_model)
    rows = page.body_model.rows
    assert len(rows) == 24
    ebe = next(r for r in rows if r.name == EBERSBERG)
    assert ebe.ags == "09175"
    assert ebe.members
    assert ebe.deputies
    assert "24 Körperschaften" in page.status_label.text()
    page.body_table.filter_edit.setText("09175")
    assert page.body_table.proxy.rowCount() == 1


def test_gaps_are_highlighted(qtbot: Any, demo_store: Store) -> None:
    ebe = next(r for r in bodies.list_bodies(demo_store) if r.name == EBERSBERG)
    mandates.end_mandate(demo_store, ebe.deputies[0].membership_id, date(2026, 11, 1))
    page = _page(qtbot, demo_store)
    row = next(i for i, r in enumerate(page.body_model.rows) if r.name == EBERSBERG)
    from PySide6.QtCore import Qt

    brush = page.body_model.data(page.body_model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush is not None
    assert page.body_model.rows[row].gap_text == "keine Stellvertretung"


def test_end_member_mandate_and_appoint_successor(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(confirm=True)
    page = _page(qtbot, demo_store)
    assert page.body_table.select_where(lambda b: b.name == EBERSBERG)
    old_member = page.selected_body().members[0]
    assert page.history_box.title() == f"Verlauf: {EBERSBERG}"
    assert page.history_table.select_where(lambda m: m.id == old_member.membership_id)

    def end(d: EndMandateDialog) -> None:
        d.end_edit.set_value(date(2026, 11, 30))
        click_ok(d)

    driver = when_modal(EndMandateDialog, end)
    page.end_button.click()
    driver.check()

    # The successor is a new person, created from the appoint dialog.
    def new_person(d: PersonDialog) -> None:
        d.names.first_edit.setText("Mira")
        d.names.last_edit.setText("Nachfolgerin")
        d.email_edit.setText("mira.nachfolgerin@lra-ebersberg.example")
        click_ok(d)

    def appoint(d: AppointDialog) -> None:
        d.role_combo.setCurrentIndex(d.role_combo.findData("mitglied"))
        inner = when_modal(PersonDialog, new_person)
        d.picker.new_button.click()
        inner.check()
        assert d.picker.selected_id() is not None
        d.start_edit.set_value(date(2026, 12, 1))
        click_ok(d)

    page.history_table.view.clearSelection()
    driver = when_modal(AppointDialog, appoint)
    page.appoint_button.click()
    driver.check()

    history = _history(page)
    by_person = {h.person: h for h in history}
    assert by_person[old_member.name].end == date(2026, 11, 30)
    assert by_person[old_member.name].status == "laufend"
    assert by_person["Mira Nachfolgerin"].start == date(2026, 12, 1)
    assert by_person["Mira Nachfolgerin"].status == "künftig"
    assert [m.name for m in bodies.get_body(demo_store, page.selected_body().id, on=date(2026, 12, 1)).members] == [
        "Mira Nachfolgerin"
    ]
    # The new person has the body as employer (the dialog was opened from the body).
    found = people.search_people(demo_store, "nachfolgerin")
    assert [p.employer for p in found] == [EBERSBERG]


def test_handover_in_one_dialog(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(confirm=True)
    page = _page(qtbot, demo_store)
    page.body_table.select_where(lambda b: b.name == EBERSBERG)
    deputy = page.selected_body().deputies[0]
    successor = people.create_person(
        demo_store, people.PersonInput(last_name="Öztürk", first_name="Deniz", email="deniz@lra-ebe.example")
    )
    page.history_table.select_where(lambda m: m.id == deputy.membership_id)

    def fill(d: HandoverDialog) -> None:
        d.picker.search_edit.setText("ozturk deniz")
        assert d.picker.selected_id() == successor.id
        d.start_edit.set_value(date(2027, 1, 1))
        assert "endet am 31.12.2026" in d.effect_label.text()
        click_ok(d)

    driver = when_modal(HandoverDialog, fill)
    page.handover_button.click()
    driver.check()
    rows = {h.person: h for h in _history(page)}
    assert rows[deputy.name].end == date(2026, 12, 31)
    assert rows["Deniz Öztürk"].predecessor == deputy.name
    assert rows["Deniz Öztürk"].role == "stellvertretung"


def test_ending_a_co_chairs_mandate_asks_about_the_chair(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    with demo_store.session() as s:
        kommunen = next(c for c in chairs.current_chairs(s, date(2026, 11, 21)) if c.side == "kommunen")
    mandate = mandates.list_mandates(demo_store, person_id=kommunen.person_id)[0]
    shown = answer(choice=0)  # "Amtszeit ebenfalls beenden"
    page = _page(qtbot, demo_store)
    page.body_table.select_where(lambda b: b.id == mandate.body_id)
    page.history_table.select_where(lambda m: m.id == mandate.id)

    def end(d: EndMandateDialog) -> None:
        d.end_edit.set_value(date(2026, 11, 30))
        click_ok(d)

    driver = when_modal(EndMandateDialog, end)
    page.end_button.click()
    driver.check()
    assert any(kind == "choice" and title == "Vorsitz betroffen" for kind, title, _t in shown)
    term = chairs.get_chair(demo_store, kommunen.id)
    assert term.end == date(2026, 11, 30)


def test_person_dialog_validates_and_warns_about_duplicates(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    existing = people.list_people(demo_store)[0]
    shown = answer(confirm=False)
    page = _page(qtbot, demo_store)

    def fill(d: PersonDialog) -> None:
        d.names.first_edit.setText(existing.first_name)
        d.names.last_edit.setText(existing.last_name.upper())
        d.email_edit.setText("ohne-at.example")
        assert d.email_hint.text() == "Keine gültige E-Mail-Adresse."
        click_ok(d)
        assert d.isVisible()  # refused: the e-mail
        assert any(kind == "error" and "keine gültige E-Mail-Adresse" in text for kind, _t, text in shown)
        d.email_edit.setText("zweiter.eintrag@example.org")
        click_ok(d)
        assert d.isVisible()  # the duplicate question was answered "no"
        assert any(kind == "confirm" and existing.name in text for kind, _t, text in shown)
        assert "Mögliche Dubletten" in d.duplicate_hint.text()
        d.reject()

    before = len(people.list_people(demo_store))
    driver = when_modal(PersonDialog, fill)
    page.new_person_button.click()
    driver.check()
    assert len(people.list_people(demo_store)) == before

    answer(confirm=True)

    def save(d: PersonDialog) -> None:
        d.names.first_edit.setText(existing.first_name)
        d.names.last_edit.setText(existing.last_name)
        d.email_edit.setText("zweiter.eintrag@example.org")
        click_ok(d)

    driver = when_modal(PersonDialog, save)
    page.tabs.setCurrentIndex(1)
    page.new_person_button.click()
    driver.check()
    assert len(people.list_people(demo_store)) == before + 1
    assert page.people_table.selected().email == "zweiter.eintrag@example.org"


def test_edit_and_deactivate_person(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True)
    ebe = next(r for r in bodies.list_bodies(demo_store) if r.name == EBERSBERG)
    target = people.get_person(demo_store, ebe.deputies[0].person_id)
    page = _page(qtbot, demo_store)
    page.tabs.setCurrentIndex(1)
    page.people_table.filter_edit.setText(target.email)
    assert page.people_table.select_where(lambda p: p.id == target.id)

    def edit(d: PersonDialog) -> None:
        assert d.names.last_edit.text() == target.last_name
        assert d.employer_combo.currentText() == target.employer
        d.phone_edit.setText("+49 89 1234-0")
        click_ok(d)

    driver = when_modal(PersonDialog, edit)
    page.edit_person()
    driver.check()
    assert people.get_person(demo_store, target.id).phone == "+49 89 1234-0"

    page.deactivate_person()
    question = next(text for kind, _t, text in shown if kind == "confirm")
    assert "hat noch laufende Mandate" in question
    assert not people.get_person(demo_store, target.id).active
    assert [m.end for m in mandates.list_mandates(demo_store, person_id=target.id)] == [date(2026, 11, 21)]
    assert page.people_table.proxy.rowCount() == 0  # hidden unless "auch deaktivierte" is checked
    page.inactive_check.setChecked(True)
    assert page.people_table.proxy.rowCount() == 1
    assert bodies.get_body(demo_store, ebe.id, on=date(2026, 11, 22)).gap_text == "keine Stellvertretung"


def test_import_with_preview(qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path) -> None:
    shown = answer(confirm=True)
    page = _page(qtbot, demo_store)
    ebe = next(r for r in bodies.list_bodies(demo_store) if r.name == EBERSBERG)
    known = people.get_person(demo_store, ebe.members[0].person_id)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(HEADERS))
    # The known member, with a new phone number: the person is updated, the mandate exists.
    ws.append(
        ["09175", "Mitglied", "", "", known.first_name, known.last_name, "", known.email, "+49 8092 1", "01.01.2025"]
    )
    path = tmp_path / "vertretungen.xlsx"
    wb.save(path)

    def check(d: ImportPreviewDialog) -> None:
        rows = d.model.rows
        assert [r.action_text for r in rows] == ["Person aktualisiert, Mandat besteht"]
        click_ok(d)

    driver = when_modal(ImportPreviewDialog, check)
    assert page.import_file(path)
    driver.check()
    assert people.get_person(demo_store, known.id).phone == "+49 8092 1"
    assert any(kind == "info" and "aktualisierte Personen: 1" in text for kind, _t, text in shown)

    ws.append(["09999", "Mitglied", "", "", "Eva", "Falsch", "", "eva@", "", "01.01.2025"])
    wb.save(path)
    listed: dict[str, Any] = {}

    def read_errors(d: ImportErrorsDialog) -> None:
        listed["rows"] = [(i.row, i.column, i.header) for i in d.model.rows]
        listed["summary"] = d.summary.text()
        d.copy_button.click()
        listed["clipboard"] = QApplication.clipboard().text()
        d.reject()

    before = people.list_people(demo_store, include_inactive=True)
    driver = when_modal(ImportErrorsDialog, read_errors)
    assert not page.import_file(path)
    driver.check()
    assert listed["rows"] == [(3, "A", "Körperschaft"), (3, "H", "E-Mail")]
    assert "nichts geändert" in listed["summary"]
    assert "Zeile 3, Spalte A „Körperschaft“" in listed["clipboard"]
    assert "Zeile 3, Spalte H „E-Mail“" in listed["clipboard"]
    assert people.list_people(demo_store, include_inactive=True) == before


def test_save_template(qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path) -> None:
    answer()
    page = _page(qtbot, demo_store)
    written = page.save_template(tmp_path / "vorlage")
    assert written == tmp_path / "vorlage.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames[:2] == ["Vertretungen", "Erläuterungen"]


def test_select_body_from_the_overview(qtbot: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    ebe = next(r for r in page.body_model.rows if r.name == EBERSBERG)
    page.tabs.setCurrentIndex(1)
    assert page.select_body(ebe.id)
    assert page.tabs.currentIndex() == 0
    assert page.selected_body().id == ebe.id


def test_future_appointment_is_withdrawn_instead_of_ended(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True)
    ebe = next(r for r in bodies.list_bodies(demo_store) if r.name == EBERSBERG)
    successor = people.create_person(demo_store, people.PersonInput(last_name="Zukunft", first_name="Zoe"))
    new = mandates.handover(demo_store, ebe.members[0].membership_id, successor.id, date(2027, 1, 1)).started
    page = _page(qtbot, demo_store)
    page.body_table.select_where(lambda b: b.id == ebe.id)
    assert page.history_table.select_where(lambda m: m.id == new.id)
    page.end_button.click()
    assert any(kind == "confirm" and "Nachfolge wird damit rückgängig gemacht" in text for kind, _t, text in shown)
    assert [h.person for h in _history(page) if h.status != "beendet" and h.role == "mitglied"] == [ebe.members[0].name]
    assert next(h for h in _history(page) if h.person == ebe.members[0].name).end is None


def test_ending_a_body_mandate_asks_about_working_group_seats(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    """Issue 5: ending a person's body mandate asks what happens to their working-group seats."""
    from sqlalchemy import select

    from bezag_desktop.db.models import Body, Committee, Membership
    from bezag_desktop.services.groups import queries as group_queries

    with demo_store.session() as s:
        plenum_seat = aliased_member = None
        for group_seat, body in s.execute(
            select(Membership, Body)
            .join(Committee, Committee.id == Membership.committee_id)
            .join(Body, Body.id == Membership.body_id)
            .where(Committee.kind == "arbeitsgruppe", Membership.end_date.is_(None))
        ):
            plenum_seat = s.scalar(
                select(Membership)
                .join(Committee, Committee.id == Membership.committee_id)
                .where(
                    Committee.kind == "plenum",
                    Membership.person_id == group_seat.person_id,
                    Membership.body_id == body.id,
                    Membership.end_date.is_(None),
                )
            )
            if plenum_seat is not None:
                aliased_member = (body.name, plenum_seat.id, plenum_seat.person_id)
                break
    assert aliased_member is not None, "demo data needs a representative who also sits in a working group"
    body_name, mandate_id, person_id = aliased_member
    assert group_queries.group_seats_of(demo_store, person_id, date(2026, 11, 21))

    shown = answer(confirm=True, choice=0)  # "Sitze ebenfalls beenden"
    page = _page(qtbot, demo_store)
    assert page.body_table.select_where(lambda b: b.name == body_name)
    assert page.history_table.select_where(lambda m: m.id == mandate_id)

    def end(d: EndMandateDialog) -> None:
        d.end_edit.set_value(date(2026, 11, 30))
        click_ok(d)

    driver = when_modal(EndMandateDialog, end)
    page.end_button.click()
    driver.check()

    assert any(title == "Sitze in Arbeitsgruppen" for _kind, title, _text in shown)
    assert mandates.get_mandate(demo_store, mandate_id).end == date(2026, 11, 30)
    assert not [s for s in group_queries.group_seats_of(demo_store, person_id, date(2026, 12, 1)) if s.body_id]


def test_person_dialog_labels_are_not_squeezed_by_long_employer_names(qtbot: Any, demo_store: Store) -> None:
    dialog = PersonDialog(UiContext(demo_store))
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.findChild(QFormLayout)
    assert form is not None
    label = form.labelForField(dialog.employer_combo)
    assert label is not None
    assert label.width() >= label.sizeHint().width()
    # The field keeps its distance from the label (a too-wide combo box pushed it onto the colon).
    assert dialog.employer_combo.x() - (label.geometry().right() + 1) >= 4
    assert dialog.width() < 700


def test_people_tab_search_ignores_case_and_umlauts(qtbot: Any, demo_store: Store) -> None:
    people.create_person(demo_store, people.PersonInput(last_name="Müller", first_name="Jürgen", email="jm@x.example"))
    page = _page(qtbot, demo_store)
    page.tabs.setCurrentIndex(1)
    table = page.people_table

    def shown() -> list[str]:
        return [table.proxy.data(table.proxy.index(r, 0), ROW_ROLE).name for r in range(table.proxy.rowCount())]

    table.filter_edit.setText("muller")
    assert "Jürgen Müller" in shown()
    assert all("Müller" in name for name in shown())
    table.filter_edit.setText("JURGEN mul")
    assert shown() == ["Jürgen Müller"]
    table.filter_edit.setText("weiss")
    assert shown()
    assert all("Weiß" in name or "weiss" in name.casefold() for name in shown())
    table.filter_edit.setText("")
    assert len(shown()) == len(people.list_people(demo_store))


def test_action_row_fits_a_1280_pixel_window(qtbot: Any, demo_store: Store) -> None:
    """Nine buttons in one row pushed the window past 1366 px; the Excel actions now share a menu."""
    page = _page(qtbot, demo_store)
    assert page.minimumSizeHint().width() <= 1040  # 1280 minus the navigation column
    texts = [a.text() for a in page.excel_button.menu().actions()]
    assert texts == ["&Import aus Excel …", "&Vorlage speichern …"]


def test_read_only_disables_the_import(qtbot: Any, demo_db_path: Path) -> None:
    from bezag_desktop.services.store import open_store

    with open_store(demo_db_path, read_only=True) as ro:
        page = _page(qtbot, ro)
        assert not page.import_action.isEnabled()
        assert page.template_action.isEnabled()
        assert not page.new_person_button.isEnabled()
