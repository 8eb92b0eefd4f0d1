"""Mandates in dialogs: appoint a member or deputy, end a mandate, hand a seat over in one step.

Ending the mandate of a co-chair asks whether the chair term ends on the same day.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import MembershipRole
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.representation import bodies, mandates, people
from bezag_desktop.services.representation.chairs import ChairRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.dates import DateEdit
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog

_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class PersonPicker(QWidget):
    """Search as you type (case and umlauts ignored) and pick a person; or create a new one."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, employer_body_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employer_body_id = employer_body_id
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Name oder E-Mail eingeben …")
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(140)
        self.new_button = push_button(self, "&Neue Person …", self.create_person)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.search_edit.textChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(lambda *_: self.changed.emit())
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected_id()
        rows = people.search_people(self.ctx.store, self.search_edit.text(), limit=100)
        self.list.clear()
        for r in rows:
            extra = " – ".join(x for x in (r.employer, r.email) if x)
            item = QListWidgetItem(f"{r.name} ({extra})" if extra else r.name)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setData(_NAME_ROLE, r.name)
            item.setToolTip(item.text())
            self.list.addItem(item)
            if r.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count() == 1:
            self.list.setCurrentRow(0)
        self.changed.emit()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected_name(self) -> str:
        item = self.list.currentItem()
        return "" if item is None else str(item.data(_NAME_ROLE))

    def select(self, person_id: int) -> bool:
        row = people.get_person(self.ctx.store, person_id)
        self.search_edit.setText(row.email or row.name)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == person_id:
                self.list.setCurrentRow(i)
                return True
        return False

    def create_person(self) -> None:
        from bezag_desktop.ui.dialogs import person_dialog

        new_id = person_dialog.ask(self, self.ctx, employer_body_id=self.employer_body_id)
        if new_id is not None:
            self.select(new_id)


def _ask_chair(parent: QWidget, affected: list[ChairRow], last_day: date) -> bool | None:
    """True/False: end the chair term too or not; None: cancel."""
    if not affected:
        return False
    terms = "; ".join(
        f"{c.person}: {c.side_label} seit {fmt_date(c.start)}" + (f" bis {fmt_date(c.end)}" if c.end else "")
        for c in affected
    )
    choice = messages.choose(
        parent,
        "Vorsitz betroffen",
        f"Diese Person hat den Vorsitz inne ({terms}). Soll die Amtszeit mit dem Mandat am {fmt_date(last_day)} "
        "ebenfalls enden?",
        ["Amtszeit ebenfalls beenden", "Amtszeit weiterlaufen lassen"],
    )
    if choice is None:
        return None
    return choice == 0


class AppointDialog(EditorDialog):
    """Mitglied oder Stellvertretung berufen: body, role, person, start."""

    what = "Die Berufung"

    def __init__(self, ctx: UiContext, body_id: int, role: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body_id = body_id
        self.result_id: int | None = None
        body = bodies.get_body(ctx.store, body_id, on=ctx.today())
        self.setWindowTitle(f"Vertretung berufen – {body.name}")
        self.resize(560, 420)
        self.role_combo = QComboBox(self)
        for r in (MembershipRole.MITGLIED, MembershipRole.STELLVERTRETUNG):
            self.role_combo.addItem(r.label, r.value)
        if role is None:
            role = (
                MembershipRole.MITGLIED.value
                if len(body.members) < body.member_seats
                else MembershipRole.STELLVERTRETUNG.value
            )
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        self.picker = PersonPicker(ctx, self, employer_body_id=body_id)
        self.start_edit = DateEdit(self, ctx.today())
        seats = QLabel(
            f"Sitze nach der Geschäftsordnung: {body.member_seats} Mitglied(er), {body.deputy_seats} Stellvertretung(en). "
            f"Derzeit: {body.member_names or 'kein Mitglied'}; {body.deputy_names or 'keine Stellvertretung'}.",
            self,
        )
        seats.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Körperschaft:", QLabel(body.name, self))
        form.addRow("&Rolle:", self.role_combo)
        form.addRow("&Person:", self.picker)
        form.addRow("&Beginn:", self.start_edit)
        stack_with_buttons(self, (seats, form), "Berufen")
        self.watch(self.role_combo, self.picker, self.start_edit)

    def save(self) -> bool:
        return bool(run_action(self, "Vertretung berufen", self._save))

    def _save(self) -> bool:
        person_id = self.picker.selected_id()
        if person_id is None:
            messages.warning(self, "Vertretung berufen", "Bitte eine Person auswählen oder neu anlegen.")
            return False
        row = mandates.appoint(
            self.ctx.store, self.body_id, person_id, str(self.role_combo.currentData()), self.start_edit.value()
        )
        self.result_id = row.id
        self.ctx.notify("mandates")
        return True


class EndMandateDialog(EditorDialog):
    """Mandat beenden: the last day (inclusive); the mandate stays in the history."""

    what = "Das Beenden des Mandats"

    def __init__(self, ctx: UiContext, membership_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.membership_id = membership_id
        self.mandate = mandates.get_mandate(ctx.store, membership_id)
        self.done_ok = False
        m = self.mandate
        self.setWindowTitle("Mandat beenden")
        self.end_edit = DateEdit(self, max(ctx.today(), m.start or ctx.today()))
        since = f" seit {fmt_date(m.start)}" if m.start else ""
        form = QFormLayout()
        form.addRow("Mandat:", QLabel(f"{m.person}: {m.role_label} für {m.body}{since}", self))
        form.addRow("&Letzter Tag:", self.end_edit)
        note = QLabel("Das Mandat bleibt im Verlauf der Körperschaft sichtbar.", self)
        stack_with_buttons(self, (form, note), "Beenden")
        self.watch(self.end_edit)

    def save(self) -> bool:
        return bool(run_action(self, "Mandat beenden", self._save))

    def _save(self) -> bool:
        last_day = self.end_edit.value()
        affected = mandates.affected_chair_terms(self.ctx.store, self.membership_id, last_day)
        end_chair = _ask_chair(self, affected, last_day)
        if end_chair is None:
            return False
        mandates.end_mandate(self.ctx.store, self.membership_id, last_day, end_chair_term=end_chair)
        self.done_ok = True
        self.ctx.notify("mandates")
        if end_chair:
            self.ctx.notify("chairs")
        return True


class HandoverDialog(EditorDialog):
    """Nachfolge: the successor starts on a day, the old mandate ends the day before. One step."""

    what = "Die Nachfolge"

    def __init__(self, ctx: UiContext, membership_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.membership_id = membership_id
        self.mandate = mandates.get_mandate(ctx.store, membership_id)
        self.result_id: int | None = None
        m = self.mandate
        self.setWindowTitle(f"Nachfolge – {m.body}")
        self.resize(560, 440)
        self.picker = PersonPicker(ctx, self, employer_body_id=m.body_id)
        start = max(ctx.today(), (m.start or ctx.today()) + timedelta(days=1))
        self.start_edit = DateEdit(self, start)
        self.effect_label = QLabel(self)
        self.effect_label.setWordWrap(True)
        since = f" seit {fmt_date(m.start)}" if m.start else ""
        form = QFormLayout()
        form.addRow("Bisher:", QLabel(f"{m.person}: {m.role_label} für {m.body}{since}", self))
        form.addRow("&Nachfolge:", self.picker)
        form.addRow("&Beginn der Nachfolge:", self.start_edit)
        stack_with_buttons(self, (form, self.effect_label), "Nachfolge eintragen")
        self.start_edit.dateChanged.connect(self._update_effect)
        self.picker.changed.connect(self._update_effect)
        self._update_effect()
        self.watch(self.picker, self.start_edit)

    def _update_effect(self, *_args: object) -> None:
        start = self.start_edit.value()
        who = self.picker.selected_name() or "die ausgewählte Person"
        self.effect_label.setText(
            f"Das Mandat von {self.mandate.person} endet am {fmt_date(start - timedelta(days=1))}; "
            f"{who} übernimmt am {fmt_date(start)} als {self.mandate.role_label}."
        )

    def save(self) -> bool:
        return bool(run_action(self, "Nachfolge eintragen", self._save))

    def _save(self) -> bool:
        successor = self.picker.selected_id()
        if successor is None:
            messages.warning(
                self, "Nachfolge", "Bitte die Nachfolgerin oder den Nachfolger auswählen oder neu anlegen."
            )
            return False
        start = self.start_edit.value()
        last_day = start - timedelta(days=1)
        affected = mandates.affected_chair_terms(self.ctx.store, self.membership_id, last_day)
        end_chair = _ask_chair(self, affected, last_day)
        if end_chair is None:
            return False
        result = mandates.handover(self.ctx.store, self.membership_id, successor, start, end_chair_term=end_chair)
        self.result_id = result.started.id
        self.ctx.notify("mandates")
        if end_chair:
            self.ctx.notify("chairs")
        return True


def ask_appoint(parent: QWidget | None, ctx: UiContext, body_id: int, role: str | None = None) -> int | None:
    """Appoint a member or deputy of a body; returns the new mandate's id."""
    dialog = AppointDialog(ctx, body_id, role, parent)
    return dialog.result_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_end(parent: QWidget | None, ctx: UiContext, membership_id: int) -> bool:
    """End a mandate (asks about an affected chair term); True when ended."""
    dialog = EndMandateDialog(ctx, membership_id, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and dialog.done_ok


def ask_handover(parent: QWidget | None, ctx: UiContext, membership_id: int) -> int | None:
    """Hand a seat over to a successor; returns the successor's new mandate id."""
    dialog = HandoverDialog(ctx, membership_id, parent)
    return dialog.result_id if dialog.exec() == QDialog.DialogCode.Accepted else None
