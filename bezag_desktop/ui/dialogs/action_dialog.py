"""Aufgabe (Beschlusskontrolle): a small validating dialog to create or edit an action item."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from bezag_desktop.domain.codes import ActionStatus
from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.timeutil import add_months
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import actions
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.widgets.dates import DateEdit
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog
from bezag_desktop.ui.widgets.fields import text_area


class ActionDialog(EditorDialog):
    """New action item from an agenda item (``agenda_item_id``) or editing one (``row``)."""

    what = "Die Aufgabe"

    def __init__(
        self,
        ctx: UiContext,
        *,
        agenda_item_id: int | None = None,
        row: actions.ActionRow | None = None,
        context_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agenda_item_id = agenda_item_id
        self.row = row
        self.action_id: int | None = row.id if row else None
        self.setWindowTitle("Aufgabe bearbeiten" if row else "Neue Aufgabe")
        self.text_edit = text_area(self, placeholder="Was ist zu tun?")
        self.person_combo = QComboBox(self)
        self.person_combo.addItem("– keine Person –", None)
        ids = [row.responsible_person_id] if row and row.responsible_person_id else []
        for choice in meetings.person_choices(ctx.store, ids):
            self.person_combo.addItem(str(choice), choice.id)
        self.body_combo = QComboBox(self)
        self.body_combo.addItem("– keine Körperschaft –", None)
        for choice in meetings.body_choices(ctx.store):
            self.body_combo.addItem(choice.name, choice.id)
        self.due_check = QCheckBox("Frist", self)
        self.due_edit = DateEdit(self, add_months(ctx.today(), 3))
        self.due_edit.setEnabled(False)
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.status_combo = QComboBox(self)
        for code, label in ActionStatus.choices():
            self.status_combo.addItem(label, code)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit, 1)
        form = QFormLayout()
        if context_text:
            form.addRow("Aus:", QLabel(context_text, self))
        form.addRow("&Aufgabe:", self.text_edit)
        form.addRow("Verantwortlich (&Person):", self.person_combo)
        form.addRow("Verantwortlich (&Körperschaft):", self.body_combo)
        form.addRow("Fällig am:", due_row)
        form.addRow("&Status:", self.status_combo)
        stack_with_buttons(self, (form,), "Speichern")
        if row is not None:
            self._fill(row)
        self.watch(self.text_edit, self.person_combo, self.body_combo, self.due_check, self.due_edit, self.status_combo)

    def _fill(self, row: actions.ActionRow) -> None:
        self.text_edit.setPlainText(row.text)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(row.responsible_person_id)))
        self.body_combo.setCurrentIndex(max(0, self.body_combo.findData(row.responsible_body_id)))
        if row.due_date is not None:
            self.due_check.setChecked(True)
            self.due_edit.set_value(row.due_date)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(row.status)))

    def values(self) -> actions.ActionInput:
        due: date | None = self.due_edit.value() if self.due_check.isChecked() else None
        return actions.ActionInput(
            text=self.text_edit.toPlainText(),
            responsible_person_id=self.person_combo.currentData(),
            responsible_body_id=self.body_combo.currentData(),
            due_date=due,
            status=self.status_combo.currentData(),
            notes=self.row.notes if self.row else "",
        )

    def save(self) -> bool:
        """Save; a German message keeps the dialog open on bad input."""
        return bool(run_action(self, self.plain_title, self._write))

    def _write(self) -> bool:
        if self.action_id is None:
            if self.agenda_item_id is None:
                raise UserError("Eine Aufgabe entsteht aus einem Tagesordnungspunkt.")
            self.action_id = actions.create_action(
                self.ctx.store, self.agenda_item_id, self.values(), today=self.ctx.today()
            )
        else:
            actions.update_action(self.ctx.store, self.action_id, self.values(), today=self.ctx.today())
        self.ctx.notify("meetings")
        return True


def ask(
    parent: QWidget | None,
    ctx: UiContext,
    *,
    agenda_item_id: int | None = None,
    row: actions.ActionRow | None = None,
    context_text: str = "",
) -> int | None:
    """Create (from an agenda item) or edit an action item; the id, or None when cancelled."""
    dlg = ActionDialog(ctx, agenda_item_id=agenda_item_id, row=row, context_text=context_text, parent=parent)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        return dlg.action_id
    return None
