"""Dialogs of a working group: found or edit it, dissolve it on a date, record a report to the plenary.

Each dialog validates through the service when the user confirms; a German message keeps the
dialog open with the input intact. ``ask_*`` functions return the result or ``None`` (cancelled).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.groups import rows as group_rows
from bezag_desktop.services.groups.operations import GroupInput
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.widgets.dates import DateEdit
from bezag_desktop.ui.widgets.editor_buttons import button_box, stack_with_buttons
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog
from bezag_desktop.ui.widgets.fields import text_area
from bezag_desktop.ui.widgets.unsaved import resolve_unsaved


class GroupDialog(EditorDialog):
    """Found a working group (or network) by a plenary resolution, or edit one."""

    what = "Die Arbeitsgruppe"

    def __init__(self, ctx: UiContext, committee_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.committee_id = committee_id
        self.result_id: int | None = None
        self._founded_touched = committee_id is not None
        self.setWindowTitle("Arbeitsgruppe gründen" if committee_id is None else "Arbeitsgruppe bearbeiten")
        self.setMinimumWidth(760)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("z. B. AG Wohnungslosenhilfe")
        self.short_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        for kind in (CommitteeKind.ARBEITSGRUPPE, CommitteeKind.NETZWERK):
            self.kind_combo.addItem(kind.label, kind.value)
        self.topic_edit = QLineEdit(self)
        self.topic_edit.setPlaceholderText("z. B. Hilfen für wohnungslose Menschen")
        self.goal_edit = text_area(self, placeholder="Was soll die Arbeitsgruppe erreichen? (Auftrag laut Beschluss)")
        self.resolution_combo = QComboBox(self)
        self.resolution_combo.setMinimumContentsLength(40)
        self.all_items_check = QCheckBox("alle Tagesordnungspunkte des Plenums zeigen, nicht nur Beschlüsse", self)
        self.resolution_text = QLabel(self)
        self.resolution_text.setWordWrap(True)
        self.founded_edit = DateEdit(self, ctx.today())
        self.email_edit = QLineEdit(self)
        self.notes_edit = text_area(self, max_height=70)

        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Kurzbezeichnung:", self.short_edit)
        form.addRow("&Art:", self.kind_combo)
        form.addRow("&Thema:", self.topic_edit)
        form.addRow("A&uftrag:", self.goal_edit)
        form.addRow("&Gründungsbeschluss:", self.resolution_combo)
        form.addRow("", self.all_items_check)
        form.addRow("", self.resolution_text)
        form.addRow("Gegründet a&m:", self.founded_edit)
        form.addRow("&E-Mail:", self.email_edit)
        form.addRow("N&otizen:", self.notes_edit)
        self.buttons = stack_with_buttons(self, (form,), "Gründen" if committee_id is None else "Speichern")

        self._choices: dict[int, group_rows.ResolutionRow] = {}
        self._load_choices(self._load(committee_id) if committee_id is not None else None)
        self.all_items_check.toggled.connect(lambda _on: self._load_choices(self.selected_item_id()))
        self.resolution_combo.currentIndexChanged.connect(self._resolution_changed)
        self.founded_edit.dateChanged.connect(self._founded_changed)
        self._resolution_changed()
        self.watch(
            self.name_edit,
            self.short_edit,
            self.kind_combo,
            self.topic_edit,
            self.goal_edit,
            self.resolution_combo,
            self.founded_edit,
            self.email_edit,
            self.notes_edit,
        )

    def _load(self, committee_id: int) -> int | None:
        """Fill the form from the stored group; returns the founding resolution's agenda item."""
        ov = group_queries.group_overview(self.ctx.store, committee_id)
        self.name_edit.setText(ov.name)
        self.short_edit.setText(ov.short_name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(ov.kind)))
        self.topic_edit.setText(ov.topic)
        self.goal_edit.setPlainText(ov.goal)
        self.email_edit.setText(ov.email)
        self.notes_edit.setPlainText(ov.notes)
        if ov.founded:
            self.founded_edit.set_value(ov.founded)
        if ov.founding is None:
            return None
        if ov.founding.result != "beschlossen" and not ov.founding.resolution_text:
            self.all_items_check.setChecked(True)
        return ov.founding.agenda_item_id

    def _load_choices(self, keep: int | None) -> None:
        rows = group_queries.founding_choices(self.ctx.store, resolutions_only=not self.all_items_check.isChecked())
        self._choices = {r.agenda_item_id: r for r in rows}
        self.resolution_combo.blockSignals(True)
        self.resolution_combo.clear()
        self.resolution_combo.addItem("– kein Beschluss ausgewählt –", None)
        for r in rows:
            self.resolution_combo.addItem(r.text, r.agenda_item_id)
        if keep is None and self.committee_id is None:
            suggestion = group_queries.suggested_founding(rows)
            keep = suggestion.agenda_item_id if suggestion else None
        index = self.resolution_combo.findData(keep) if keep is not None else -1
        self.resolution_combo.setCurrentIndex(max(0, index))
        self.resolution_combo.blockSignals(False)
        self._resolution_changed()

    def selected_item_id(self) -> int | None:
        data = self.resolution_combo.currentData()
        return int(data) if data is not None else None

    def select_resolution(self, agenda_item_id: int) -> bool:
        index = self.resolution_combo.findData(agenda_item_id)
        if index < 0 and not self.all_items_check.isChecked():
            self.all_items_check.setChecked(True)
            index = self.resolution_combo.findData(agenda_item_id)
        if index >= 0:
            self.resolution_combo.setCurrentIndex(index)
        return index >= 0

    def _founded_changed(self) -> None:
        self._founded_touched = True

    def _resolution_changed(self) -> None:
        row = self._choices.get(self.selected_item_id() or -1)
        if row is None:
            self.resolution_text.setText("")
            return
        text = row.resolution_text or "(kein Beschlusstext erfasst)"
        self.resolution_text.setText(f"Beschluss vom {fmt_date(row.meeting_start)}: {text}")
        if not self._founded_touched:
            self.founded_edit.blockSignals(True)
            self.founded_edit.set_value(row.meeting_date)
            self.founded_edit.blockSignals(False)

    def data(self) -> GroupInput:
        return GroupInput(
            name=self.name_edit.text(),
            short_name=self.short_edit.text(),
            kind=str(self.kind_combo.currentData()),
            topic=self.topic_edit.text(),
            goal=self.goal_edit.toPlainText(),
            founding_agenda_item_id=self.selected_item_id(),
            founded_on=self.founded_edit.value(),
            email=self.email_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> bool:
        data = self.data()
        committee_id = self.committee_id

        def write() -> int:
            if committee_id is None:
                return committees.found_group(self.ctx.store, data)
            committees.update_group(self.ctx.store, committee_id, data)
            return committee_id

        result = run_action(self, self.plain_title, write)
        if result is None:
            return False
        self.result_id = self.committee_id = int(result)
        return True


def ask(parent: QWidget | None, ctx: UiContext, committee_id: int | None = None) -> int | None:
    """Found (``committee_id`` None) or edit a group; returns its id, ``None`` when cancelled."""
    dialog = GroupDialog(ctx, committee_id, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_id
    return None


class DateDialog(EditorDialog):
    """Ask for one date with an explanation (dissolving a group, ending a seat)."""

    def __init__(
        self, title: str, label: str, text: str, value: date, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.explanation = QLabel(text, self)
        self.explanation.setWordWrap(True)
        self.date_edit = DateEdit(self, value)
        form = QFormLayout()
        form.addRow(label, self.date_edit)
        stack_with_buttons(self, (self.explanation, form), ok_text)
        self.what = f"„{title}“"
        self.watch(self.date_edit)

    def save(self) -> bool:
        return True  # the caller writes with the chosen date

    def value(self) -> date:
        return self.date_edit.value()


def ask_date(
    parent: QWidget | None, title: str, label: str, text: str, value: date, ok_text: str = "OK"
) -> date | None:
    dialog = DateDialog(title, label, text, value, ok_text, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.value()
    return None


class OneGroupDialog(EditorDialog):
    """An editor about one existing group: it knows the group's overview and names the group in its title."""

    def __init__(self, ctx: UiContext, committee_id: int, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.committee_id = committee_id
        self.result_id: int | None = None
        self.overview = group_queries.group_overview(ctx.store, committee_id)
        self.setWindowTitle(f"{action} – {self.overview.name}")


class ReportDialog(OneGroupDialog):
    """The group's status report to one plenary meeting.

    Choosing another meeting after typing asks first (Speichern saves the report of the previous one).
    """

    what = "Der Bericht"

    def __init__(self, ctx: UiContext, committee_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, committee_id, "Bericht erfassen", parent)
        ov = self.overview
        self.setMinimumWidth(560)
        #: The saved report text per plenary meeting.
        self._texts = {r.meeting_id: r.text for r in ov.reports if r.meeting_id is not None}
        self.meeting_combo = QComboBox(self)
        meetings = group_queries.plenary_meetings(ctx.store)
        nxt = group_queries.next_plenary_meeting(ctx.store, ctx.today())
        for m in meetings:
            self.meeting_combo.addItem(f"{m.title} am {fmt_date(m.start)} ({m.status_label})", m.id)
        if nxt is not None:
            self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(nxt.id)))
        self.text_edit = text_area(self, placeholder="Stand der Arbeit, Ergebnisse, nächste Schritte …")
        form = QFormLayout()
        form.addRow("&Plenarsitzung:", self.meeting_combo)
        form.addRow("&Bericht:", self.text_edit)
        self.buttons = button_box(self, "Speichern")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.meeting_combo.count() > 0)
        layout = QVBoxLayout(self)
        if self.meeting_combo.count() == 0:
            hint = QLabel("Es gibt noch keine Plenarsitzung; bitte zuerst eine Sitzung des Plenums anlegen.", self)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._shown_meeting = self.meeting_combo.currentData()
        self.meeting_combo.currentIndexChanged.connect(self._meeting_changed)
        self._load_report()
        self.watch(self.text_edit)

    def _load_report(self) -> None:
        with self.tracker.loading():
            self.text_edit.setPlainText(self._texts.get(self.meeting_combo.currentData(), ""))
        self.tracker.mark_clean()

    def _meeting_changed(self) -> None:
        if self.meeting_combo.currentData() == self._shown_meeting:
            return
        if not resolve_unsaved(self, self.tracker, self.what, lambda: self._write(self._shown_meeting)):
            # Abbrechen (or a failed save): back to the meeting whose text is in the form.
            self.meeting_combo.blockSignals(True)
            self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(self._shown_meeting)))
            self.meeting_combo.blockSignals(False)
            return
        self._shown_meeting = self.meeting_combo.currentData()
        self._load_report()

    def _write(self, meeting_id: int | None) -> bool:
        if meeting_id is None:
            messages.warning(self, "Bericht speichern", "Bitte zuerst eine Plenarsitzung auswählen.")
            return False
        text = self.text_edit.toPlainText()
        result = run_action(
            self,
            "Bericht speichern",
            lambda: committees.save_report(self.ctx.store, self.committee_id, meeting_id, text),
        )
        if result is None:
            return False
        self.result_id = int(result)
        self._texts[meeting_id] = text
        self.tracker.mark_clean()
        return True

    def save(self) -> bool:
        return self._write(self.meeting_combo.currentData())


def ask_report(parent: QWidget | None, ctx: UiContext, committee_id: int) -> int | None:
    """Record a report; the id of the last report saved (also one saved on switching the meeting), or ``None``."""
    dialog = ReportDialog(ctx, committee_id, parent)
    dialog.exec()
    return dialog.result_id
