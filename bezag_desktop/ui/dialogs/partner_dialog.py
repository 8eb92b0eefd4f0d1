"""Partner anlegen/bearbeiten: a network partner with its contact persons, saved together in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import FormOfAddress, PartnerCategory
from bezag_desktop.services.groups import partners
from bezag_desktop.services.groups.partners import ContactEdit, ContactInput, PartnerInput
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog
from bezag_desktop.ui.widgets.fields import caption, text_area
from bezag_desktop.ui.widgets.name_fields import NameFields
from bezag_desktop.ui.widgets.table import FilterTable


@dataclass(frozen=True)
class ContactItem:
    """A contact as the dialog holds it until saving: ``id`` None for a new one."""

    key: int
    data: ContactInput
    id: int | None = None

    @property
    def name(self) -> str:
        return self.data.name


CONTACT_COLUMNS: tuple[Column[ContactItem], ...] = (
    Column("Name", lambda c: c.name),
    Column("Funktion", lambda c: c.data.function),
    Column("E-Mail", lambda c: c.data.email),
    Column("Telefon", lambda c: c.data.phone),
    Column("aktiv", lambda c: c.data.active),
)


class ContactDialog(EditorDialog):
    """One contact person of a partner (kept in the partner's form until the partner is saved)."""

    what = "Die Kontaktperson"

    def __init__(self, value: ContactInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kontaktperson" if value is None else f"Kontaktperson – {value.last_name}")
        self.setMinimumWidth(420)
        self.result_value: ContactInput | None = None
        # A new contact starts as "Frau", the first form of address (as it always did).
        self.names = NameFields(self, address=FormOfAddress.FRAU)
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.notes_edit = QLineEdit(self)
        self.active_check = QCheckBox("aktiv (erscheint in Auswahllisten und Verteilern)", self)
        self.active_check.setChecked(True)
        form = QFormLayout()
        self.names.add_rows(form)
        form.addRow("&E-Mail:", self.email_edit)
        form.addRow("Tele&fon:", self.phone_edit)
        form.addRow("N&otiz:", self.notes_edit)
        form.addRow("", self.active_check)
        stack_with_buttons(self, (form,), "Übernehmen")
        if value is not None:
            self.names.load(value)
            self.email_edit.setText(value.email)
            self.phone_edit.setText(value.phone)
            self.notes_edit.setText(value.notes)
            self.active_check.setChecked(value.active)
        self.watch(*self.names.widgets, self.email_edit, self.phone_edit, self.notes_edit, self.active_check)

    def value(self) -> ContactInput:
        return ContactInput(
            **self.names.values(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            notes=self.notes_edit.text(),
            active=self.active_check.isChecked(),
        )

    def save(self) -> bool:
        value = partners.clean_contact(self.value())

        def check() -> bool:
            partners.validate_contact(value)
            return True

        if not run_action(self, "Kontaktperson", check):
            return False
        self.result_value = value
        return True


def ask_contact(parent: QWidget | None, value: ContactInput | None = None) -> ContactInput | None:
    dialog = ContactDialog(value, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_value
    return None


class PartnerDialog(EditorDialog):
    """A partner organisation's details and its contact persons."""

    what = "Der Netzwerkpartner"

    def __init__(self, ctx: UiContext, partner_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_id = partner_id
        self.result_id: int | None = None
        self._next_key = 0
        self.setWindowTitle("Netzwerkpartner anlegen" if partner_id is None else "Netzwerkpartner bearbeiten")
        self.resize(720, 640)

        stack_with_buttons(self, (self._build_form(), (self._build_contacts(), 1)), "Speichern")

        if partner_id is not None:
            self._load(partner_id)
        self.watch(
            self.name_edit,
            self.category_combo,
            self.street_edit,
            self.postcode_edit,
            self.city_edit,
            self.email_edit,
            self.phone_edit,
            self.website_edit,
            self.notes_edit,
            self.active_check,
        )

    def _build_form(self) -> QFormLayout:
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("z. B. Caritasverband der Erzdiözese München und Freising e.V.")
        self.category_combo = QComboBox(self)
        for c in PartnerCategory:
            self.category_combo.addItem(c.label, c.value)
        self.category_combo.setCurrentIndex(self.category_combo.findData(PartnerCategory.SONSTIGE.value))
        self.street_edit = QLineEdit(self)
        self.postcode_edit = QLineEdit(self)
        self.postcode_edit.setMaximumWidth(90)
        self.city_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.website_edit = QLineEdit(self)
        self.notes_edit = text_area(self, max_height=70)
        self.active_check = QCheckBox("aktiv", self)
        self.active_check.setChecked(True)
        place = QHBoxLayout()
        place.addWidget(self.postcode_edit)
        place.addWidget(self.city_edit, 1)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Kategorie:", self.category_combo)
        form.addRow("&Straße:", self.street_edit)
        # a layout cannot be a label's buddy: the mnemonic goes to the postcode field
        form.addRow(caption(self, "&PLZ, Ort:", self.postcode_edit), place)
        form.addRow("&E-Mail:", self.email_edit)
        form.addRow("Tele&fon:", self.phone_edit)
        form.addRow("&Internet:", self.website_edit)
        form.addRow("N&otizen:", self.notes_edit)
        form.addRow("", self.active_check)
        return form

    def _build_contacts(self) -> QGroupBox:
        self.contacts_model: RowsModel[ContactItem] = RowsModel(
            CONTACT_COLUMNS, highlight=lambda c: None if c.data.active else "muted", parent=self
        )
        self.contacts_table = FilterTable(self.contacts_model, placeholder="Kontaktperson suchen …", parent=self)
        self.contacts_table.row_activated.connect(lambda _row: self.edit_contact())
        self.add_contact_button = push_button(self, "Kontakt &hinzufügen …", self.add_contact)
        self.edit_contact_button = push_button(self, "Kontakt &bearbeiten …", self.edit_contact)
        self.toggle_contact_button = push_button(
            self, "aktiv/inaktiv", self.toggle_contact, tip="Kontaktpersonen werden nie gelöscht, nur inaktiv gesetzt."
        )
        QShortcut(QKeySequence("Ctrl+K"), self, self.add_contact)
        crow = QHBoxLayout()
        for b in (self.add_contact_button, self.edit_contact_button, self.toggle_contact_button):
            crow.addWidget(b)
        crow.addStretch(1)
        contacts_box = QGroupBox("Kontaktpersonen", self)
        cl = QVBoxLayout(contacts_box)
        cl.addLayout(crow)
        cl.addWidget(self.contacts_table)
        return contacts_box

    def _load(self, partner_id: int) -> None:
        detail = partners.get_partner(self.ctx.store, partner_id)
        p = detail.partner
        self.name_edit.setText(p.name)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(p.category)))
        self.street_edit.setText(p.street)
        self.postcode_edit.setText(p.postcode)
        self.city_edit.setText(p.city)
        self.email_edit.setText(p.email)
        self.phone_edit.setText(p.phone)
        self.website_edit.setText(p.website)
        self.notes_edit.setPlainText(p.notes)
        self.active_check.setChecked(p.active)
        self.contacts_model.set_rows([self._item(c.to_input(), c.id) for c in detail.contacts])
        self.contacts_table.resize_columns()

    def _item(self, data: ContactInput, contact_id: int | None = None) -> ContactItem:
        self._next_key += 1
        return ContactItem(self._next_key, data, contact_id)

    @property
    def contacts(self) -> list[ContactItem]:
        return list(self.contacts_model.rows)

    def _replace(self, item: ContactItem) -> None:
        rows = [item if r.key == item.key else r for r in self.contacts_model.rows]
        self.contacts_model.set_rows(rows)
        self.tracker.touch()
        self.contacts_table.select_where(lambda r: r.key == item.key)

    def add_contact(self) -> None:
        value = ask_contact(self)
        if value is not None:
            item = self._item(value)
            self.contacts_model.set_rows([*self.contacts_model.rows, item])
            self.tracker.touch()
            self.contacts_table.resize_columns()
            self.contacts_table.select_where(lambda r: r.key == item.key)

    def selected_contact(self) -> ContactItem | None:
        row = self.contacts_table.selected()
        return row if isinstance(row, ContactItem) else None

    def edit_contact(self) -> None:
        item = self.selected_contact()
        if item is None:
            messages.info(self, "Kontakt bearbeiten", "Bitte zuerst eine Kontaktperson auswählen.")
            return
        value = ask_contact(self, item.data)
        if value is not None:
            self._replace(replace(item, data=value))

    def toggle_contact(self) -> None:
        item = self.selected_contact()
        if item is not None:
            self._replace(replace(item, data=replace(item.data, active=not item.data.active)))

    def value(self) -> PartnerInput:
        return PartnerInput(
            name=self.name_edit.text(),
            category=str(self.category_combo.currentData()),
            street=self.street_edit.text(),
            postcode=self.postcode_edit.text(),
            city=self.city_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            website=self.website_edit.text(),
            notes=self.notes_edit.toPlainText(),
            active=self.active_check.isChecked(),
        )

    def save(self) -> bool:
        data = self.value()
        edits = [ContactEdit(c.data, c.id) for c in self.contacts_model.rows]
        result = run_action(
            self,
            self.plain_title,
            lambda: partners.save_partner(self.ctx.store, self.partner_id, data, edits),
        )
        if result is None:
            return False
        self.result_id = int(result)
        return True


def ask(parent: QWidget | None, ctx: UiContext, partner_id: int | None = None) -> int | None:
    """Create (``partner_id`` None) or edit a partner with its contacts; returns its id or ``None``."""
    dialog = PartnerDialog(ctx, partner_id, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_id
    return None
