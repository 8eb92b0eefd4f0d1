"""The Protokoll tab: per agenda item the Aussprache, the resolution, the vote and the result; the
approval of the previous meeting's minutes; an action item from an item.

What the user types is kept per item id (``drafts``) until the dialog saves the whole form: choosing
another TOP and coming back shows it again. Approving the previous minutes is immediate.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import AgendaKind, AgendaResult, MeetingStatus
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.meetings import AgendaRow, MeetingDetail, PreviousMeeting, agenda
from bezag_desktop.services.meetings.agenda import MinutesInput
from bezag_desktop.ui import messages
from bezag_desktop.ui.dialogs.meeting_editor.base import ID_ROLE, EditorHost, EditorTab
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.fields import text_area
from bezag_desktop.ui.widgets.split import split_pane


def minutes_input(row: AgendaRow) -> MinutesInput:
    """An item's minutes content as stored."""
    return from_attrs(MinutesInput, row)


class MinutesTab(EditorTab):
    """``load(detail, rows, previous)``; ``drafts`` holds the minutes content per item id."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.drafts: dict[int, MinutesInput] = {}
        self._rows: dict[int, AgendaRow] = {}
        self._shown_id: int | None = None
        self._previous: PreviousMeeting | None = None
        self.minutes_list = QListWidget(self)
        self.minutes_list.currentItemChanged.connect(lambda *_: self._show_item())
        splitter = split_pane(self, self.minutes_list, self._build_form(), stretch=(2, 3), sizes=(380, 620))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_approval())
        #: The selected item's minutes fields: edits in them are changes, editable only with an item.
        self.minutes_fields: tuple[QWidget, ...] = (
            self.minutes_notes_edit,
            self.resolution_edit,
            self.yes_spin,
            self.no_spin,
            self.abstain_spin,
            self.unanimous_check,
            self.result_combo,
        )
        self.tracker.watch(*self.minutes_fields)

    def _build_form(self) -> QGroupBox:
        box = QGroupBox("Niederschrift zum Tagesordnungspunkt", self)
        self.minutes_notes_edit = text_area(box)
        self.resolution_edit = text_area(box, max_height=90)
        self.yes_spin = QSpinBox(box)
        self.no_spin = QSpinBox(box)
        self.abstain_spin = QSpinBox(box)
        for spin in (self.yes_spin, self.no_spin, self.abstain_spin):
            spin.setRange(0, 999)
        self.unanimous_check = QCheckBox("einstimmig", box)
        self.result_combo = QComboBox(box)
        self.result_combo.addItem("–", None)
        for code, label in AgendaResult.choices():
            self.result_combo.addItem(label, code)
        self.voters_label = QLabel(box)
        self.voters_label.setWordWrap(True)
        self.action_button = push_button(box, "Aufgabe anlegen…", self.create_action)
        self.minutes_election_button = push_button(box, "Wahl erfassen…", lambda: self.host.record_election())
        votes = QHBoxLayout()
        for label, spin in (("ja", self.yes_spin), ("nein", self.no_spin), ("Enthaltung", self.abstain_spin)):
            votes.addWidget(QLabel(label, box))
            votes.addWidget(spin)
        votes.addWidget(self.unanimous_check)
        votes.addStretch(1)
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(self.action_button)
        item_buttons.addWidget(self.minutes_election_button)
        item_buttons.addStretch(1)
        form = QFormLayout(box)
        form.addRow("Aussprache:", self.minutes_notes_edit)
        form.addRow("Beschluss:", self.resolution_edit)
        form.addRow("Abstimmung:", votes)
        form.addRow("", self.voters_label)
        form.addRow("Ergebnis:", self.result_combo)
        form.addRow("", item_buttons)
        return box

    def _build_approval(self) -> QGroupBox:
        approval = QGroupBox("Niederschrift der vorigen Sitzung", self)
        self.approval_label = QLabel(approval)
        self.approval_label.setWordWrap(True)
        self.approve_button = push_button(approval, "Genehmigung erfassen", self.approve_previous_minutes)
        self.open_previous_button = QPushButton("Vorige Sitzung öffnen", approval)
        self.open_previous_button.setToolTip(
            "Die vorige Sitzung in diesem Fenster zeigen (z. B. um ihre Niederschrift zu lesen)"
        )
        self.open_previous_button.clicked.connect(self.open_previous)
        row = QHBoxLayout(approval)
        row.addWidget(self.approval_label, 1)
        row.addWidget(self.open_previous_button)
        row.addWidget(self.approve_button)
        return approval

    # --- loading and the draft ----------------------------------------------------------------

    def load(self, d: MeetingDetail, rows: Sequence[AgendaRow], previous: PreviousMeeting | None) -> None:
        """``rows``: the agenda as the Tagesordnung tab shows it (its drafts included)."""
        self._rows = {r.id: r for r in rows}
        self.drafts = {i: v for i, v in self.drafts.items() if i in self._rows and v != minutes_input(self._rows[i])}
        current = self._shown_id
        self.minutes_list.blockSignals(True)
        self.minutes_list.clear()
        for row in rows:
            item = QListWidgetItem(self._line(row))
            item.setData(ID_ROLE, row.id)
            item.setToolTip(f"TOP {row.number}  {row.title}")
            self.minutes_list.addItem(item)
            if row.id == current:
                self.minutes_list.setCurrentItem(item)
        if self.minutes_list.currentItem() is None and self.minutes_list.count():
            self.minutes_list.setCurrentRow(0)
        self.minutes_list.blockSignals(False)
        self.voters_label.setText(
            f"Stimmberechtigt anwesend: {d.voters} Stimmen ({d.quorum.present_bodies} Körperschaften). "
            + ("Die Sitzung ist beschlussfähig." if d.quorum.reached else "Die Sitzung ist nicht beschlussfähig.")
        )
        self._show_item()
        self._show_approval(previous)

    def _line(self, row: AgendaRow) -> str:
        text = f"{'    ' if row.parent_id else ''}TOP {row.number}  {row.title}"
        draft = self.drafts.get(row.id)
        result = draft.result if draft is not None else row.result
        return f"{text}  [{AgendaResult(result).label}]" if result else text

    def select_minutes_item(self, item_id: int) -> bool:
        for n in range(self.minutes_list.count()):
            if self.minutes_list.item(n).data(ID_ROLE) == item_id:
                self.minutes_list.setCurrentRow(n)
                return True
        return False

    def minutes_item(self) -> AgendaRow | None:
        item = self.minutes_list.currentItem()
        return self._rows.get(int(item.data(ID_ROLE))) if item is not None else None

    def minutes_values(self) -> MinutesInput:
        yes, no, abstain = self.yes_spin.value(), self.no_spin.value(), self.abstain_spin.value()
        counted = yes or no or abstain
        return MinutesInput(
            notes=self.minutes_notes_edit.toPlainText(),
            resolution_text=self.resolution_edit.toPlainText(),
            votes_yes=yes if counted else None,
            votes_no=no if counted else None,
            votes_abstain=abstain if counted else None,
            unanimous=self.unanimous_check.isChecked(),
            result=self.result_combo.currentData(),
        )

    def remember(self) -> None:
        row = self._rows.get(self._shown_id) if self._shown_id is not None else None
        if row is None:
            return
        self.drafts[row.id] = self.minutes_values()
        current = self.minutes_list.currentItem()
        if current is not None:
            current.setText(self._line(row))

    def clear_draft(self) -> None:
        self.drafts.clear()

    def _show_item(self) -> None:
        row = self.minutes_item()
        self._shown_id = row.id if row else None
        editable = row is not None and not self.read_only
        for w in (*self.minutes_fields, self.action_button):
            w.setEnabled(editable)
        self.minutes_election_button.setEnabled(row is not None and row.kind == AgendaKind.WAHL.value)
        with self.tracker.loading():
            if row is None:
                self.minutes_notes_edit.clear()
                self.resolution_edit.clear()
                return
            data = self.drafts.get(row.id) or minutes_input(row)
            self.minutes_notes_edit.setPlainText(data.notes)
            self.resolution_edit.setPlainText(data.resolution_text)
            self.yes_spin.setValue(data.votes_yes or 0)
            self.no_spin.setValue(data.votes_no or 0)
            self.abstain_spin.setValue(data.votes_abstain or 0)
            self.unanimous_check.setChecked(data.unanimous)
            self.result_combo.setCurrentIndex(max(0, self.result_combo.findData(data.result)))

    # --- the previous meeting's minutes and action items: immediate ---------------------------

    def _show_approval(self, previous: PreviousMeeting | None) -> None:
        self._previous = previous
        self.open_previous_button.setEnabled(previous is not None)
        if previous is None:
            self.approval_label.setText("Es gibt keine frühere Sitzung dieses Gremiums.")
            self.approve_button.setEnabled(False)
            return
        prev = previous.row
        if prev.status == MeetingStatus.PROTOKOLL_GENEHMIGT.value:
            where = " in dieser Sitzung" if previous.minutes_approved_in_id == self.host.meeting_id else ""
            if previous.minutes_approved_on is not None:
                where += f" am {fmt_date(previous.minutes_approved_on)}"
            self.approval_label.setText(
                f"Die Niederschrift von „{prev.title}“ ({fmt_date(prev.start)}) ist{where} genehmigt."
            )
            self.approve_button.setEnabled(False)
            return
        self.approval_label.setText(
            f"„{prev.title}“ vom {fmt_date(prev.start)}: {prev.status_label}. "
            "Die Genehmigung wird in dieser Sitzung erfasst."
        )
        self.approve_button.setEnabled(not self.read_only)

    @user_action("Genehmigung der Niederschrift")
    def approve_previous_minutes(self) -> None:
        if self.host.meeting_id is None or self._previous is None:
            return
        agenda.approve_minutes(
            self.host.ctx.store, self.host.meeting_id, self._previous.row.id, today=self.host.ctx.today()
        )
        self.host.refresh()

    def open_previous(self) -> None:
        if self._previous is not None:
            self.host.switch_to(self._previous.row.id)

    @user_action("Aufgabe anlegen")
    def create_action(self) -> None:
        row = self.minutes_item()
        d = self.host.detail
        if row is None or d is None:
            return
        from bezag_desktop.ui.dialogs import action_dialog

        action_id = action_dialog.ask(
            self, self.host.ctx, agenda_item_id=row.id, context_text=f"{d.title}, TOP {row.number} {row.title}"
        )
        if action_id is not None:
            messages.info(
                self, "Aufgabe angelegt", "Die Aufgabe steht in der Beschlusskontrolle (Sitzungen › Aufgaben)."
            )
