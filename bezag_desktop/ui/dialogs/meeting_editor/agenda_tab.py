"""The Tagesordnung tab: the agenda tree, the selected item's fields, attachments, and the actions
that change which items exist (add, sub-item, delete, move, copy from an earlier meeting).

What the user types into an item's fields is kept per item id (``drafts``) until the dialog saves
the whole form: clicking another item and back shows it again, and the tree shows it at once. Adding,
deleting, moving, attaching and copying are immediate: they change the stored agenda (numbering is the
service's), the tree is rebuilt from the database, and the drafts are laid over it again.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.attrs import attrs_of, from_attrs
from bezag_desktop.domain.codes import AgendaKind
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import AgendaRow, MeetingDetail, agenda
from bezag_desktop.services.meetings.agenda import AgendaItemInput, ElectionProposal
from bezag_desktop.ui import messages
from bezag_desktop.ui.dialogs.meeting_editor import choosers
from bezag_desktop.ui.dialogs.meeting_editor.agenda_tree import AgendaTree
from bezag_desktop.ui.dialogs.meeting_editor.base import ID_ROLE, EditorHost, EditorTab
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.widgets import person_picker
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.fields import text_area
from bezag_desktop.ui.widgets.split import split_pane

#: The fields of an item that the Tagesordnung tab edits (the same names on ``AgendaRow``).
ITEM_FIELDS = tuple(f.name for f in fields(AgendaItemInput))


def item_input(row: AgendaRow) -> AgendaItemInput:
    """An item's Tagesordnung fields as stored."""
    return from_attrs(AgendaItemInput, row)


def with_item(row: AgendaRow, data: AgendaItemInput) -> AgendaRow:
    """The row as the user has edited it (for the tree and the form)."""
    return replace(row, **attrs_of(data, *ITEM_FIELDS))


class AgendaTab(EditorTab):
    """``load(detail, proposal)``; ``drafts`` holds the edited fields per item id."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.drafts: dict[int, AgendaItemInput] = {}
        self._stored: dict[int, AgendaRow] = {}
        self._shown_id: int | None = None
        self.agenda_tree = AgendaTree(self)
        self.agenda_tree.move_requested.connect(self.move_selected)
        self.agenda_tree.item_dropped.connect(self.move_item_to)
        self.agenda_tree.insert_requested.connect(self.add_item)
        self.agenda_tree.delete_requested.connect(self.delete_item)
        self.agenda_tree.currentItemChanged.connect(lambda *_: self._show_item())
        self.proposal_label = QLabel(self)
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setStyleSheet("QLabel { background: #fff3cd; padding: 4px; }")
        self.proposal_button = push_button(self, "Wahl-TOP aufnehmen", self.accept_election_proposal)
        proposal_row = QHBoxLayout()
        proposal_row.addWidget(self.proposal_label, 1)
        proposal_row.addWidget(self.proposal_button)
        splitter = split_pane(self, self.agenda_tree, self._build_form(), stretch=(3, 2), sizes=(680, 320))
        layout = QVBoxLayout(self)
        layout.addLayout(proposal_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_buttons())
        #: The selected item's fields: edits in them are changes, and they are editable only with an item.
        self.item_fields: tuple[QWidget, ...] = (
            self.item_title_edit,
            self.item_kind_combo,
            self.item_presenter_edit,
            self.item_minutes_spin,
            self.item_public_check,
            self.item_description_edit,
        )
        self.tracker.watch(*self.item_fields)

    def _build_buttons(self) -> QHBoxLayout:
        self.add_item_button = push_button(
            self, "Neuer Punkt", self.add_item, tip="Neuen Tagesordnungspunkt nach dem gewählten einfügen (Einfg)"
        )
        self.add_sub_button = push_button(self, "Unterpunkt", self.add_sub_item)
        self.delete_item_button = push_button(
            self, "Löschen", self.delete_item, tip="Gewählten Punkt mit seinen Unterpunkten löschen (Entf)"
        )
        self.up_button = push_button(
            self,
            "Nach oben",
            lambda: self.move_selected(-1),
            tip="Strg+Pfeil nach oben; Punkte lassen sich auch mit der Maus ziehen",
        )
        self.down_button = push_button(self, "Nach unten", lambda: self.move_selected(1), tip="Strg+Pfeil nach unten")
        self.copy_items_button = push_button(self, "Aus früherer Sitzung…", self.copy_items)
        self.election_button = push_button(self, "Wahl erfassen…", lambda: self.host.record_election())
        buttons = QHBoxLayout()
        for b in (
            self.add_item_button,
            self.add_sub_button,
            self.delete_item_button,
            self.up_button,
            self.down_button,
            self.copy_items_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.election_button)
        return buttons

    def _build_form(self) -> QGroupBox:
        box = QGroupBox("Gewählter Punkt", self)
        self.item_title_edit = QLineEdit(box)
        self.item_kind_combo = QComboBox(box)
        for code, label in AgendaKind.choices():
            self.item_kind_combo.addItem(label, code)
        self.item_presenter_edit = QLineEdit(box)
        self.item_minutes_spin = QSpinBox(box)
        self.item_minutes_spin.setRange(0, 600)
        self.item_minutes_spin.setSpecialValueText("–")
        self.item_minutes_spin.setSuffix(" Min.")
        self.item_public_check = QCheckBox("öffentlich", box)
        self.item_description_edit = text_area(box, max_height=140)
        self.attachments_list = QListWidget(box)
        self.attachments_list.setMaximumHeight(80)
        self.attachments_list.itemActivated.connect(self.open_attachment)
        self.add_attachment_button = push_button(box, "Anlage hinzufügen…", self.add_attachment)
        self.remove_attachment_button = push_button(box, "Anlage entfernen", self.remove_attachment)
        att_buttons = QHBoxLayout()
        att_buttons.addWidget(self.add_attachment_button)
        att_buttons.addWidget(self.remove_attachment_button)
        att_buttons.addStretch(1)
        form = QFormLayout()
        outer = QVBoxLayout(box)
        outer.addLayout(form)
        outer.addStretch(1)  # the fields stay together at the top of a tall window
        form.addRow("Titel:", self.item_title_edit)
        form.addRow("Art:", self.item_kind_combo)
        form.addRow("Vortrag:", self.item_presenter_edit)
        form.addRow("Dauer:", self.item_minutes_spin)
        form.addRow("", self.item_public_check)
        form.addRow("Erläuterung:", self.item_description_edit)
        form.addRow("Anlagen:", self.attachments_list)
        form.addRow("", att_buttons)
        return box

    # --- loading and the draft ----------------------------------------------------------------

    def rows(self) -> tuple[AgendaRow, ...]:
        """The agenda as the user sees it: stored rows with the drafts laid over them."""
        return tuple(with_item(r, self.drafts[r.id]) if r.id in self.drafts else r for r in self._stored.values())

    def load(self, d: MeetingDetail, proposal: ElectionProposal | None, select_item: int | None = None) -> None:
        self._stored = {r.id: r for r in d.agenda}
        # a deleted item takes its draft with it; a draft equal to the stored item is no change
        self.drafts = {i: v for i, v in self.drafts.items() if i in self._stored and v != item_input(self._stored[i])}
        selected = select_item if select_item is not None else self.agenda_tree.selected_id()
        with self.tracker.loading():
            self.agenda_tree.set_rows(self.rows(), selected)
            first = self.agenda_tree.topLevelItem(0)
            if self.agenda_tree.currentItem() is None and first is not None:
                self.agenda_tree.setCurrentItem(first)
        self._show_item()
        self.proposal_label.setText(f"Vorschlag: {proposal.text}" if proposal else "")
        self.proposal_label.setVisible(proposal is not None)
        self.proposal_button.setVisible(proposal is not None)

    def selected_item(self) -> AgendaRow | None:
        """The selected item as the user has edited it."""
        item_id = self.agenda_tree.selected_id()
        row = self._stored.get(item_id) if item_id is not None else None
        if row is None:
            return None
        draft = self.drafts.get(row.id)
        return with_item(row, draft) if draft is not None else row

    def _item_input(self, row: AgendaRow) -> AgendaItemInput:
        return AgendaItemInput(
            title=self.item_title_edit.text(),
            kind=self.item_kind_combo.currentData(),
            presenter=self.item_presenter_edit.text(),
            presenter_id=row.presenter_id,
            planned_minutes=self.item_minutes_spin.value() or None,
            public=self.item_public_check.isChecked(),
            description=self.item_description_edit.toPlainText(),
        )

    def remember(self) -> None:
        row = self._stored.get(self._shown_id) if self._shown_id is not None else None
        if row is None:
            return
        self.drafts[row.id] = self._item_input(row)
        self.agenda_tree.update_row(with_item(row, self.drafts[row.id]))
        self.election_button.setEnabled(self.drafts[row.id].kind == AgendaKind.WAHL.value)

    def clear_draft(self) -> None:
        self.drafts.clear()

    def _show_item(self) -> None:
        row = self.selected_item()
        self._shown_id = row.id if row is not None else None
        editable = row is not None and not self.read_only
        for w in (
            *self.item_fields,
            self.add_attachment_button,
            self.remove_attachment_button,
            self.delete_item_button,
            self.up_button,
            self.down_button,
        ):
            w.setEnabled(editable)
        self.add_sub_button.setEnabled(editable and row is not None and row.parent_id is None)
        self.election_button.setEnabled(row is not None and row.kind == AgendaKind.WAHL.value)
        self.attachments_list.clear()
        with self.tracker.loading():
            if row is None:
                self.item_title_edit.clear()
                self.item_presenter_edit.clear()
                self.item_description_edit.clear()
                return
            self.item_title_edit.setText(row.title)
            self.item_title_edit.setCursorPosition(0)
            self.item_kind_combo.setCurrentIndex(max(0, self.item_kind_combo.findData(row.kind)))
            self.item_presenter_edit.setText(row.presenter)
            self.item_minutes_spin.setValue(row.planned_minutes or 0)
            self.item_public_check.setChecked(row.public)
            self.item_description_edit.setPlainText(row.description)
        for att in row.attachments:
            missing = not Path(att.path).is_file()
            item = QListWidgetItem(f"{att.label}{' (Datei fehlt)' if missing else ''} – {att.path}")
            item.setData(ID_ROLE, att.id)
            item.setToolTip(att.path if missing else f"{att.path}\nDoppelklick öffnet die Datei.")
            if missing:
                item.setForeground(QColor("#b02a37"))
            self.attachments_list.addItem(item)

    # --- immediate actions: the stored agenda changes at once ---------------------------------

    @user_action("Tagesordnungspunkt hinzufügen")
    def add_item(self) -> None:
        self._add(parent_sub=False)

    @user_action("Unterpunkt hinzufügen")
    def add_sub_item(self) -> None:
        self._add(parent_sub=True)

    def _add(self, *, parent_sub: bool) -> None:
        meeting_id = self.host.meeting_id
        if meeting_id is None or self.read_only:
            return
        title = messages.ask_text(self, "Neuer Tagesordnungspunkt", "Titel des Punktes:")
        if title is None:
            return
        current = self.selected_item()
        parent_id: int | None = None
        index: int | None = None
        if parent_sub and current is not None:
            parent_id = current.id if current.parent_id is None else current.parent_id
            if current.parent_id is not None:
                index = current.position  # after the selected sub-item
        elif current is not None:
            parent_id = current.parent_id
            index = current.position  # positions start at 1: index n is "after the selected"
        new_id = agenda.add_item(
            self.host.ctx.store, meeting_id, AgendaItemInput(title=title), parent_id=parent_id, index=index
        )
        self.host.refresh(select_item=new_id)

    @user_action("Tagesordnungspunkt löschen")
    def delete_item(self) -> None:
        row = self.selected_item()
        if row is None or self.read_only:
            return
        subs = [a for a in self._stored.values() if a.parent_id == row.id]
        extra = f" mit {len(subs)} Unterpunkt{'en' if len(subs) != 1 else ''}" if subs else ""
        if not messages.confirm(self, "Tagesordnungspunkt löschen", f"TOP {row.number} „{row.title}“{extra} löschen?"):
            return
        agenda.delete_item(self.host.ctx.store, row.id)
        self.host.refresh()

    @user_action("Tagesordnungspunkt verschieben")
    def move_selected(self, delta: int) -> None:
        row = self.selected_item()
        if row is None or self.read_only:
            return
        if agenda.move_item(self.host.ctx.store, row.id, delta):
            self.host.refresh(select_item=row.id)
        self.agenda_tree.setFocus()

    @user_action("Tagesordnungspunkt verschieben")
    def move_item_to(self, item_id: int, parent_id: int | None, index: int) -> None:
        """Drag and drop: the service checks the place and renumbers."""
        if self.read_only:
            return
        agenda.move_to(self.host.ctx.store, item_id, parent_id, index)
        self.host.refresh(select_item=item_id)

    @user_action("Anlage hinzufügen")
    def add_attachment(self) -> None:
        row = self.selected_item()
        if row is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, f"Anlage zu TOP {row.number}")
        if path:
            self.attach_file(path)

    def attach_file(self, path: str, label: str = "") -> None:
        row = self.selected_item()
        if row is None:
            return
        agenda.add_attachment(self.host.ctx.store, row.id, path, label)
        self.host.refresh(select_item=row.id)

    @user_action("Anlage öffnen")
    def open_attachment(self, item: QListWidgetItem) -> None:
        row = self.selected_item()
        att = next((a for a in row.attachments if a.id == item.data(ID_ROLE)), None) if row else None
        if att is None:
            return
        if not Path(att.path).is_file():
            raise ValidationError(f"Die Datei „{att.path}“ gibt es nicht mehr. Bitte die Anlage neu verknüpfen.")
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(att.path)):
            messages.warning(self, "Anlage öffnen", f"Für „{att.label}“ ist kein Programm zum Öffnen eingerichtet.")

    @user_action("Anlage entfernen")
    def remove_attachment(self) -> None:
        item = self.attachments_list.currentItem()
        row = self.selected_item()
        if item is None or row is None:
            return
        agenda.remove_attachment(self.host.ctx.store, int(item.data(ID_ROLE)))
        self.host.refresh(select_item=row.id)

    @user_action("Tagesordnungspunkte übernehmen")
    def copy_items(self) -> None:
        d, meeting_id = self.host.detail, self.host.meeting_id
        if meeting_id is None or d is None:
            return
        store = self.host.ctx.store
        choices = meetings.meeting_choices(store, d.committee_id, exclude_id=meeting_id)
        if not choices:
            messages.info(self, "Tagesordnungspunkte übernehmen", "Es gibt keine andere Sitzung dieses Gremiums.")
            return
        source = person_picker.pick(
            self, "Tagesordnung übernehmen aus …", choices, choices[0].id, person_picker.MEETING_HEADERS
        )
        if source is None:
            return
        rows = meetings.meeting_detail(store, source).agenda
        if not rows:
            messages.info(self, "Tagesordnungspunkte übernehmen", "Diese Sitzung hat keine Tagesordnungspunkte.")
            return
        present = {fold(a.title) for a in self.rows()}
        checked = {r.id for r in rows if fold(r.title) not in present}
        chosen = choosers.choose_items(self, "Tagesordnungspunkte übernehmen", rows, checked)
        if not chosen:
            return
        count = agenda.copy_items_from(store, source, meeting_id, chosen)
        self.host.refresh()
        word = "Punkt wurde" if count == 1 else "Punkte wurden"
        messages.info(self, "Tagesordnungspunkte übernommen", f"{count} {word} übernommen.")

    @user_action("Wahl auf die Tagesordnung")
    def accept_election_proposal(self) -> None:
        if self.host.meeting_id is None:
            return
        item_id = agenda.add_election_item(self.host.ctx.store, self.host.meeting_id)
        self.host.refresh(select_item=item_id)
