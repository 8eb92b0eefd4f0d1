"""Person anlegen/bearbeiten: a validating dialog; likely duplicates are shown before saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from bezag_desktop.domain.codes import FormOfAddress
from bezag_desktop.services.representation import people
from bezag_desktop.services.representation.people import PersonInput, PersonRow
from bezag_desktop.services.settings import is_valid_email
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog
from bezag_desktop.ui.widgets.fields import text_area
from bezag_desktop.ui.widgets.name_fields import NameFields

#: Style of the hints under the fields.
_HINT_STYLE = "color: #8a4b00;"


class PersonDialog(EditorDialog):
    """Anrede, Titel, Vorname, Nachname, Funktion, Arbeitgeber, E-Mail, Telefon, Notizen."""

    what = "Die Person"

    def __init__(
        self,
        ctx: UiContext,
        person_id: int | None = None,
        parent: QWidget | None = None,
        *,
        employer_body_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.result_id: int | None = None
        self._base: PersonRow | None = None
        self.setWindowTitle("Person anlegen" if person_id is None else "Person bearbeiten")
        self.setMinimumWidth(480)

        self.names = NameFields(self, address=FormOfAddress.NEUTRAL, function_hint="z. B. Sozialplanung")
        self.employer_combo = QComboBox(self)
        # Long partner names must not widen the dialog and squeeze the labels ("Arbeitgeber:").
        self.employer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.employer_combo.setMinimumContentsLength(32)
        self.employer_combo.addItem("– kein Arbeitgeber –", None)
        for option in people.employer_options(ctx.store):
            prefix = "" if option.kind == "body" else "Partner: "
            self.employer_combo.addItem(f"{prefix}{option.name}", f"{option.kind}:{option.id}")
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText("vorname.nachname@landkreis.example")
        self.email_hint = QLabel(self)
        self.email_hint.setStyleSheet(_HINT_STYLE)
        self.phone_edit = QLineEdit(self)
        self.notes_edit = text_area(self, max_height=80)
        self.duplicate_hint = QLabel(self)
        self.duplicate_hint.setWordWrap(True)
        self.duplicate_hint.setStyleSheet(_HINT_STYLE)

        form = QFormLayout()
        self.names.add_rows(form)
        form.addRow("A&rbeitgeber:", self.employer_combo)
        form.addRow("&E-Mail:", self.email_edit)
        form.addRow("", self.email_hint)
        self.email_hint.setVisible(False)
        form.addRow("Tele&fon:", self.phone_edit)
        form.addRow("N&otizen:", self.notes_edit)

        stack_with_buttons(self, (form, self.duplicate_hint), "Speichern")

        self.email_edit.textChanged.connect(self._check_email)
        for edit in (self.names.first_edit, self.names.last_edit, self.email_edit):
            edit.editingFinished.connect(self.update_duplicate_hint)

        if person_id is not None:
            self._load(person_id)
        elif employer_body_id is not None:
            self._select_employer("body", employer_body_id)
        self.watch(*self.names.widgets, self.employer_combo, self.email_edit, self.phone_edit, self.notes_edit)

    def _select_employer(self, kind: str, ident: int) -> None:
        self.employer_combo.setCurrentIndex(max(0, self.employer_combo.findData(f"{kind}:{ident}")))

    def _load(self, person_id: int) -> None:
        row = people.get_person(self.ctx.store, person_id)
        self.names.load(row)
        if row.body_id is not None:
            self._select_employer("body", row.body_id)
        elif row.partner_id is not None:
            self._select_employer("partner", row.partner_id)
        self.email_edit.setText(row.email)
        self.phone_edit.setText(row.phone)
        self.notes_edit.setPlainText(row.notes)
        self._base = row

    def value(self) -> PersonInput:
        kind, _sep, ident = str(self.employer_combo.currentData() or "").partition(":")
        body_id = int(ident) if kind == "body" else None
        partner_id = int(ident) if kind == "partner" else None
        base = self._base
        return PersonInput(
            **self.names.values(),
            body_id=body_id,
            partner_id=partner_id,
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            street=base.street if base else "",
            postcode=base.postcode if base else "",
            city=base.city if base else "",
            notes=self.notes_edit.toPlainText(),
        )

    def _check_email(self, text: str) -> None:
        text = text.strip()
        self.email_hint.setText("" if not text or is_valid_email(text) else "Keine gültige E-Mail-Adresse.")
        self.email_hint.setVisible(bool(self.email_hint.text()))

    def update_duplicate_hint(self) -> None:
        data = self.value()
        if not data.last_name.strip() and not data.email.strip():
            self.duplicate_hint.clear()
            return
        found = people.find_duplicates(self.ctx.store, data, exclude_id=self.person_id)
        self.duplicate_hint.setText("Mögliche Dubletten:\n" + people.duplicates_text(found) if found else "")

    def save(self) -> bool:
        return bool(run_action(self, "Person speichern", self._save))

    def _save(self) -> bool:
        data = people.check_person(self.ctx.store, self.value())
        found = people.find_duplicates(self.ctx.store, data, exclude_id=self.person_id)
        if found and not messages.confirm(
            self,
            "Mögliche Dublette",
            "Es gibt bereits ähnliche Einträge:\n"
            + people.duplicates_text(found)
            + "\n\nTrotzdem speichern? (Bei einer bekannten Person besser den vorhandenen Eintrag bearbeiten.)",
        ):
            self.update_duplicate_hint()
            return False
        if self.person_id is None:
            row = people.create_person(self.ctx.store, data)
        else:
            row = people.update_person(self.ctx.store, self.person_id, data)
        self.result_id = row.id
        # A new person is edited from now on: a second Speichern must not create a twin.
        self.person_id = row.id
        self.ctx.notify("people")
        return True


def ask(
    parent: QWidget | None, ctx: UiContext, person_id: int | None = None, *, employer_body_id: int | None = None
) -> int | None:
    """Create (``person_id`` None) or edit a person; returns the person's id, or None when cancelled."""
    dialog = PersonDialog(ctx, person_id, parent, employer_body_id=employer_body_id)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_id
    return None
