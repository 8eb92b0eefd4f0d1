"""The meeting editor: Allgemein, Tagesordnung, Anwesenheit, Protokoll, and the buttons that
hand over to the invitation, minutes and election dialogs.

A new meeting is created when the Allgemein tab is saved the first time; the other tabs open
then. Every change goes through the services at once (no "unsaved agenda"), and the view is
reloaded from ``meeting_detail`` afterwards, so numbering and quorum always show the stored state.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QByteArray, QDateTime, QMimeData, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import (
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    InviteRole,
    MeetingKind,
    MeetingStatus,
    Reply,
)
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.meetings import agenda, attendance
from bezag_desktop.services.meetings import operations as meetings
from bezag_desktop.services.meetings.operations import AgendaRow, AttendanceRow, MeetingDetail
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets.table import FilterTable

ID_ROLE = Qt.ItemDataRole.UserRole
#: What a dragged agenda item carries: its id, so a drop is decided by the data, not by the selection.
AGENDA_MIME = "application/x-bezag-agenda-item"
DATETIME_FORMAT = "dd.MM.yyyy HH:mm"
TAB_GENERAL, TAB_AGENDA, TAB_ATTENDANCE, TAB_MINUTES = range(4)

ATTENDANCE_COLUMNS: tuple[Column[AttendanceRow], ...] = (
    Column("Person", lambda a: a.person),
    Column("Körperschaft/Organisation", lambda a: a.organisation),
    Column("Rolle", lambda a: a.role_label),
    Column("Rückmeldung", lambda a: a.reply_label),
    Column("Status", lambda a: a.status_label),
    Column("vertritt", lambda a: a.stands_in_for),
    Column("Kommt", lambda a: a.arrival.strftime("%H:%M") if a.arrival else ""),
    Column("Geht", lambda a: a.departure.strftime("%H:%M") if a.departure else ""),
    Column("Bemerkung", lambda a: a.notes),
)


def _attendance_highlight(row: AttendanceRow) -> str | None:
    if row.status in (AttendanceStatus.ANWESEND.value, AttendanceStatus.ONLINE.value):
        return "ok"
    if row.status in (AttendanceStatus.ENTSCHULDIGT.value, AttendanceStatus.ABWESEND.value):
        return "warning"
    if row.status == AttendanceStatus.VERTRETEN.value:
        return "muted"
    return None


def drop_target(
    items: Sequence[AgendaRow], dragged_id: int, target_id: int | None, where: str
) -> tuple[int | None, int]:
    """Where a dropped agenda item goes: (parent id, index among the new siblings without it).

    ``where`` is "above", "below", "on" (the target item) or "end" (empty space). Dropping on a
    top-level item makes the dragged item its last sub-item; on a sub-item, it goes after it.
    """
    dragged = next(i for i in items if i.id == dragged_id)
    if target_id is None or where == "end":
        siblings = [i for i in items if i.parent_id is None and i.id != dragged_id]
        return None, len(siblings)
    target = next(i for i in items if i.id == target_id)
    if where == "on" and target.parent_id is None and target.id != dragged_id:
        children = [i for i in items if i.parent_id == target.id and i.id != dragged_id]
        return target.id, len(children)
    parent = target.parent_id
    siblings = [i for i in items if i.parent_id == parent and i.id != dragged.id]
    index = next((n for n, i in enumerate(siblings) if i.id == target.id), len(siblings))
    if where in ("below", "on"):
        index += 1
    return parent, index


class AgendaTree(QTreeWidget):
    """The agenda with sub-items: drag and drop and Ctrl+Up/Ctrl+Down move items, Ins adds, Del deletes."""

    move_requested = Signal(int)  # -1 up, +1 down
    item_dropped = Signal(int, object, int)  # item id, parent id or None, index
    insert_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(7)
        self.setHeaderLabels(["TOP", "Titel", "Art", "Vortrag", "Min.", "öffentlich", "Anlagen"])
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        self.rows: tuple[AgendaRow, ...] = ()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Insert:
            self.insert_requested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- drag and drop: Qt never moves tree items itself; the service moves and renumbers, and the
    # tree is rebuilt from the database (so the view cannot show an order that is not stored).

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(AGENDA_MIME, QByteArray(str(int(items[0].data(0, ID_ROLE))).encode("ascii")))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dragged_id(self, data: QMimeData | None) -> int | None:
        """The id of an item of this agenda carried by a drag, or None (foreign or other data)."""
        if data is None or not data.hasFormat(AGENDA_MIME):
            return None
        try:
            item_id = int(bytes(data.data(AGENDA_MIME).data()).decode("ascii"))
        except ValueError:
            return None
        return item_id if any(r.id == item_id for r in self.rows) else None

    def dropMimeData(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, action: Qt.DropAction) -> bool:
        """The item model's drop: ``index`` is the row under ``parent`` (None: top level) as the view shows it."""
        dragged = self.dragged_id(data)
        if dragged is None or action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        parent_id = int(parent.data(0, ID_ROLE)) if parent is not None else None
        if parent_id == dragged:
            return False
        parent_row = next((r for r in self.rows if r.id == parent_id), None)
        if parent_row is not None and parent_row.parent_id is not None:
            # only one level of sub-items: a drop into a sub-item goes right after it
            siblings = [r for r in self.rows if r.parent_id == parent_row.parent_id]
            parent_id, index = parent_row.parent_id, siblings.index(parent_row) + 1
        siblings = [r for r in self.rows if r.parent_id == parent_id]
        if index < 0 or index > len(siblings):
            index = len(siblings)
        new_index = sum(1 for r in siblings[:index] if r.id != dragged)
        self.item_dropped.emit(dragged, parent_id, new_index)
        return True

    def drop_position(self, pos: QPoint) -> tuple[int | None, str]:
        """The item under ``pos`` and "above", "below", "on" or "end" (Qt's own rule for the indicator)."""
        target = self.itemAt(pos)
        if target is None:
            return None, "end"
        rect = self.visualItemRect(target)
        margin = max(2, min(round(rect.height() / 5.5), 12))
        if pos.y() - rect.top() < margin:
            where = "above"
        elif rect.bottom() - pos.y() < margin:
            where = "below"
        else:
            where = "on"
        return int(target.data(0, ID_ROLE)), where

    def dropEvent(self, event: QDropEvent) -> None:
        """Let the service move the item (it renumbers); the tree is then rebuilt from the database."""
        dragged = self.dragged_id(event.mimeData())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.ignore()  # nothing for Qt to remove at the drag's source
        if dragged is None:
            return
        target_id, where = self.drop_position(event.position().toPoint())
        if target_id == dragged:
            return
        parent_id, index = drop_target(self.rows, dragged, target_id, where)
        if parent_id == dragged:
            return
        self.item_dropped.emit(dragged, parent_id, index)

    def set_rows(self, rows: tuple[AgendaRow, ...], select_id: int | None = None) -> None:
        self.rows = rows
        self.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for row in rows:
            values = [
                row.number,
                row.title,
                row.kind_label,
                row.presenter,
                "" if row.planned_minutes is None else str(row.planned_minutes),
                "ja" if row.public else "nein",
                str(len(row.attachments)) if row.attachments else "",
            ]
            parent = items.get(row.parent_id) if row.parent_id is not None else None
            item = QTreeWidgetItem(parent, values) if parent is not None else QTreeWidgetItem(values)
            if parent is None:
                self.addTopLevelItem(item)
            item.setData(0, ID_ROLE, row.id)
            item.setToolTip(1, row.title)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[row.id] = item
        self.expandAll()
        for col in (0, 2, 3, 4, 5, 6):
            self.resizeColumnToContents(col)
        if select_id is not None and select_id in items:
            self.setCurrentItem(items[select_id])

    def selected_id(self) -> int | None:
        item = self.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None


PERSON_HEADERS = ("Name", "Körperschaft/Organisation")
MEETING_HEADERS = ("Sitzung", "Datum")


class PersonPicker(QDialog):
    """Pick one entry from a filterable list (guests, stand-ins, a meeting to copy from)."""

    def __init__(
        self,
        title: str,
        choices: Sequence[meetings.Choice],
        preselect: int | None,
        parent: QWidget | None,
        headers: tuple[str, str] = PERSON_HEADERS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model: RowsModel[meetings.Choice] = RowsModel(
            [Column(headers[0], lambda c: c.name), Column(headers[1], lambda c: c.detail)]
        )
        self.model.set_rows(list(choices))
        self.table = FilterTable(self.model, placeholder=f"{headers[0]} suchen …", parent=self)
        self.table.row_activated.connect(lambda _row: self.accept())
        self.table.resize_columns()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Übernehmen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)
        if preselect is not None:
            self.table.select_where(lambda c: c is not None and c.id == preselect)

    def chosen(self) -> int | None:
        row = self.table.selected()
        return row.id if isinstance(row, meetings.Choice) else None


def pick(
    parent: QWidget | None,
    title: str,
    choices: Sequence[meetings.Choice],
    preselect: int | None = None,
    headers: tuple[str, str] = PERSON_HEADERS,
) -> int | None:
    """Module-level so tests can replace it; returns the chosen id or None."""
    dlg = PersonPicker(title, choices, preselect, parent, headers)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        return dlg.chosen()
    return None


class ItemChooser(QDialog):
    """Tick the agenda items of another meeting to copy (sub-items indented)."""

    def __init__(self, title: str, rows: Sequence[AgendaRow], checked: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        hint = QLabel(
            "Gewählte Punkte werden ohne Niederschrift (Aussprache, Beschluss, Abstimmung) vor „Verschiedenes“ "
            "angefügt. Punkte, die schon auf der Tagesordnung stehen, sind nicht angehakt.",
            self,
        )
        hint.setWordWrap(True)
        self.list = QListWidget(self)
        for row in rows:
            item = QListWidgetItem(f"{'      ' if row.parent_id else ''}TOP {row.number}  {row.title}")
            item.setData(ID_ROLE, row.id)
            item.setToolTip(row.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.id in checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        all_button = QPushButton("&Alle", self)
        all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        none_button = QPushButton("&Keine", self)
        none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Übernehmen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(all_button)
        row_buttons.addWidget(none_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(row_buttons)
        self.resize(620, 480)

    def _check_all(self, state: Qt.CheckState) -> None:
        for n in range(self.list.count()):
            self.list.item(n).setCheckState(state)

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(n).data(ID_ROLE))
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]


def choose_items(parent: QWidget | None, title: str, rows: Sequence[AgendaRow], checked: set[int]) -> list[int] | None:
    """Module-level so tests can replace it; the ticked item ids, or None when cancelled."""
    dlg = ItemChooser(title, rows, checked, parent)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        return dlg.chosen()
    return None


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _qdt(value: datetime) -> QDateTime:
    return QDateTime(value.date(), value.time())


def _py(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _parse_clock(text: str, label: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    try:
        hours, minutes = text.replace(".", ":").split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError(f"„{text}“ ist keine Uhrzeit ({label}, z. B. 10:15).") from None


class MeetingEditor(QDialog):
    """Edit one meeting (or create one: ``meeting_id=None``)."""

    meeting_saved = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        meeting_id: int | None = None,
        *,
        committee_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.detail: MeetingDetail | None = None
        self._minutes_item_id: int | None = None
        self.setWindowTitle("Sitzung")
        self.resize(1000, 720)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_general(), "&Allgemein")
        self.tabs.addTab(self._build_agenda(), "&Tagesordnung")
        self.tabs.addTab(self._build_attendance(), "A&nwesenheit")
        self.tabs.addTab(self._build_minutes(), "&Protokoll")
        self.tabs.currentChanged.connect(self._tab_changed)

        self.invitation_button = QPushButton("Einladung erstellen…", self)
        self.invitation_button.clicked.connect(self.create_invitation)
        self.minutes_export_button = QPushButton("Niederschrift…", self)
        self.minutes_export_button.clicked.connect(self.export_minutes)
        self.attendance_sheet_button = QPushButton("Anwesenheitsliste…", self)
        self.attendance_sheet_button.clicked.connect(self.export_attendance_sheet)
        self.print_button = QPushButton("Niederschrift drucken", self)
        self.print_button.clicked.connect(self.print_minutes)
        self.close_button = QPushButton("Schließen", self)
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        for b in (self.invitation_button, self.minutes_export_button, self.attendance_sheet_button, self.print_button):
            bottom.addWidget(b)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)

        self._fill_choices()
        if meeting_id is None:
            self._prefill_new(committee_id)
        self.reload()

    # --- building -------------------------------------------------------------------------------

    def _build_general(self) -> QWidget:
        page = QWidget(self)
        self.committee_combo = QComboBox(page)
        self.committee_combo.activated.connect(self._committee_chosen)
        self.kind_combo = QComboBox(page)
        for code, label in MeetingKind.choices():
            self.kind_combo.addItem(label, code)
        self.title_edit = QLineEdit(page)
        self.title_edit.setPlaceholderText("automatisch, z. B. „2. Sitzung 2027“")
        self.start_edit = QDateTimeEdit(page)
        self.end_edit = QDateTimeEdit(page)
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat(DATETIME_FORMAT)
            edit.setCalendarPopup(True)
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.location_name_edit = QLineEdit(page)
        self.location_name_edit.setPlaceholderText("z. B. Bezirk Oberbayern, Sitzungssaal")
        self.location_address_edit = QLineEdit(page)
        self.location_room_edit = QLineEdit(page)
        self.online_edit = QLineEdit(page)
        self.online_edit.setPlaceholderText("https://…")
        self.travel_edit = QPlainTextEdit(page)
        self.travel_edit.setTabChangesFocus(True)
        self.travel_edit.setMaximumHeight(70)
        self.minute_taker_combo = QComboBox(page)
        self.status_combo = QComboBox(page)
        self.notes_edit = QPlainTextEdit(page)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(70)
        self.calendar_label = QLabel(page)
        self.calendar_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("&Speichern", page)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save_general)
        form = QFormLayout()
        form.addRow("&Gremium:", self.committee_combo)
        form.addRow("Sit&zungsart:", self.kind_combo)
        form.addRow("T&itel:", self.title_edit)
        form.addRow("&Beginn:", self.start_edit)
        form.addRow("&Ende:", self.end_edit)
        form.addRow("&Ort:", self.location_name_edit)
        form.addRow("A&dresse:", self.location_address_edit)
        form.addRow("&Raum:", self.location_room_edit)
        form.addRow("On&line-Link:", self.online_edit)
        form.addRow("Anreise&hinweise:", self.travel_edit)
        form.addRow("Schrift&führung:", self.minute_taker_combo)
        form.addRow("Stat&us:", self.status_combo)
        form.addRow("Bemerkungen:", self.notes_edit)
        form.addRow("Kalender:", self.calendar_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(row)
        return page

    def _build_agenda(self) -> QWidget:
        page = QWidget(self)
        self.agenda_tree = AgendaTree(page)
        self.agenda_tree.move_requested.connect(self.move_selected)
        self.agenda_tree.item_dropped.connect(self.move_item_to)
        self.agenda_tree.insert_requested.connect(self.add_item)
        self.agenda_tree.delete_requested.connect(self.delete_item)
        self.agenda_tree.currentItemChanged.connect(lambda *_: self._show_item())
        self.proposal_label = QLabel(page)
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setStyleSheet("QLabel { background: #fff3cd; padding: 4px; }")
        self.proposal_button = QPushButton("Wahl-TOP aufnehmen", page)
        self.proposal_button.clicked.connect(self.accept_election_proposal)
        proposal_row = QHBoxLayout()
        proposal_row.addWidget(self.proposal_label, 1)
        proposal_row.addWidget(self.proposal_button)
        self.add_item_button = QPushButton("Neuer Punkt", page)
        self.add_item_button.setToolTip("Neuen Tagesordnungspunkt nach dem gewählten einfügen (Einfg)")
        self.add_item_button.clicked.connect(self.add_item)
        self.add_sub_button = QPushButton("Unterpunkt", page)
        self.add_sub_button.clicked.connect(self.add_sub_item)
        self.delete_item_button = QPushButton("Löschen", page)
        self.delete_item_button.setToolTip("Gewählten Punkt mit seinen Unterpunkten löschen (Entf)")
        self.delete_item_button.clicked.connect(self.delete_item)
        self.up_button = QPushButton("Nach oben", page)
        self.up_button.setToolTip("Strg+Pfeil nach oben; Punkte lassen sich auch mit der Maus ziehen")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Nach unten", page)
        self.down_button.setToolTip("Strg+Pfeil nach unten")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.copy_items_button = QPushButton("Aus früherer Sitzung…", page)
        self.copy_items_button.clicked.connect(self.copy_items)
        self.election_button = QPushButton("Wahl erfassen…", page)
        self.election_button.clicked.connect(self.record_election)
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

        form_box = QGroupBox("Gewählter Punkt", page)
        self.item_title_edit = QLineEdit(form_box)
        self.item_kind_combo = QComboBox(form_box)
        for code, label in AgendaKind.choices():
            self.item_kind_combo.addItem(label, code)
        self.item_presenter_edit = QLineEdit(form_box)
        self.item_minutes_spin = QSpinBox(form_box)
        self.item_minutes_spin.setRange(0, 600)
        self.item_minutes_spin.setSpecialValueText("–")
        self.item_minutes_spin.setSuffix(" Min.")
        self.item_public_check = QCheckBox("öffentlich", form_box)
        self.item_description_edit = QPlainTextEdit(form_box)
        self.item_description_edit.setTabChangesFocus(True)
        self.item_description_edit.setMaximumHeight(140)
        self.attachments_list = QListWidget(form_box)
        self.attachments_list.setMaximumHeight(80)
        self.attachments_list.itemActivated.connect(self.open_attachment)
        self.add_attachment_button = QPushButton("Anlage hinzufügen…", form_box)
        self.add_attachment_button.clicked.connect(self.add_attachment)
        self.remove_attachment_button = QPushButton("Anlage entfernen", form_box)
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        self.item_save_button = QPushButton("Punkt übernehmen", form_box)
        self.item_save_button.clicked.connect(self.save_item)
        att_buttons = QHBoxLayout()
        att_buttons.addWidget(self.add_attachment_button)
        att_buttons.addWidget(self.remove_attachment_button)
        form = QFormLayout(form_box)
        form.addRow("Titel:", self.item_title_edit)
        form.addRow("Art:", self.item_kind_combo)
        form.addRow("Vortrag:", self.item_presenter_edit)
        form.addRow("Dauer:", self.item_minutes_spin)
        form.addRow("", self.item_public_check)
        form.addRow("Erläuterung:", self.item_description_edit)
        form.addRow("Anlagen:", self.attachments_list)
        form.addRow("", att_buttons)
        form.addRow("", self.item_save_button)

        splitter = QSplitter(page)
        splitter.addWidget(self.agenda_tree)
        splitter.addWidget(form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 360])
        layout = QVBoxLayout(page)
        layout.addLayout(proposal_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return page

    def _build_attendance(self) -> QWidget:
        page = QWidget(self)
        self.quorum_label = QLabel(page)
        font = self.quorum_label.font()
        font.setBold(True)
        self.quorum_label.setFont(font)
        self.expected_label = QLabel(page)
        self.build_button = QPushButton("Teilnehmende aus den Mandaten übernehmen", page)
        self.build_button.clicked.connect(self.build_attendance)
        self.attendance_model: RowsModel[AttendanceRow] = RowsModel(ATTENDANCE_COLUMNS, highlight=_attendance_highlight)
        self.attendance_table = FilterTable(
            self.attendance_model, placeholder="Person oder Körperschaft …", parent=page
        )
        self.attendance_table.selection_changed.connect(lambda _row: self._show_attendance_row())
        self.reply_combo = QComboBox(page)
        for code, label in Reply.choices():
            self.reply_combo.addItem(label, code)
        self.reply_combo.activated.connect(lambda _i: self.set_reply(self.reply_combo.currentData()))
        self.att_status_combo = QComboBox(page)
        self.att_status_combo.addItem("– noch offen –", None)
        for code, label in AttendanceStatus.choices():
            if code != AttendanceStatus.VERTRETEN.value:
                self.att_status_combo.addItem(label, code)
        self.att_status_combo.activated.connect(
            lambda _i: self.set_attendance_status(self.att_status_combo.currentData())
        )
        self.stand_in_button = QPushButton("Vertreten durch…", page)
        self.stand_in_button.clicked.connect(self.choose_stand_in)
        self.arrival_edit = QLineEdit(page)
        self.arrival_edit.setPlaceholderText("hh:mm")
        self.arrival_edit.setMaximumWidth(70)
        self.departure_edit = QLineEdit(page)
        self.departure_edit.setPlaceholderText("hh:mm")
        self.departure_edit.setMaximumWidth(70)
        self.times_button = QPushButton("Zeiten übernehmen", page)
        self.times_button.clicked.connect(self.save_times)
        self.add_guest_button = QPushButton("Gast hinzufügen…", page)
        self.add_guest_button.clicked.connect(self.add_guest)
        self.remove_guest_button = QPushButton("Gast entfernen", page)
        self.remove_guest_button.clicked.connect(self.remove_guest)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Rückmeldung:", page))
        controls.addWidget(self.reply_combo)
        controls.addWidget(QLabel("Status:", page))
        controls.addWidget(self.att_status_combo)
        controls.addWidget(self.stand_in_button)
        controls.addWidget(QLabel("Kommt:", page))
        controls.addWidget(self.arrival_edit)
        controls.addWidget(QLabel("Geht:", page))
        controls.addWidget(self.departure_edit)
        controls.addWidget(self.times_button)
        controls.addStretch(1)
        guests = QHBoxLayout()
        guests.addWidget(self.build_button)
        guests.addStretch(1)
        guests.addWidget(self.add_guest_button)
        guests.addWidget(self.remove_guest_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.expected_label)
        layout.addLayout(guests)
        layout.addWidget(self.attendance_table, 1)
        layout.addLayout(controls)
        return page

    def _build_minutes(self) -> QWidget:
        page = QWidget(self)
        self.minutes_list = QListWidget(page)
        self.minutes_list.currentItemChanged.connect(lambda *_: self._show_minutes_item())
        box = QGroupBox("Niederschrift zum Tagesordnungspunkt", page)
        self.minutes_notes_edit = QPlainTextEdit(box)
        self.minutes_notes_edit.setTabChangesFocus(True)
        self.resolution_edit = QPlainTextEdit(box)
        self.resolution_edit.setTabChangesFocus(True)
        self.resolution_edit.setMaximumHeight(90)
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
        self.minutes_save_button = QPushButton("Niederschrift speichern", box)
        self.minutes_save_button.clicked.connect(self.save_minutes)
        self.action_button = QPushButton("Aufgabe anlegen…", box)
        self.action_button.clicked.connect(self.create_action)
        self.minutes_election_button = QPushButton("Wahl erfassen…", box)
        self.minutes_election_button.clicked.connect(self.record_election)
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
        item_buttons.addWidget(self.minutes_save_button)
        form = QFormLayout(box)
        form.addRow("Aussprache:", self.minutes_notes_edit)
        form.addRow("Beschluss:", self.resolution_edit)
        form.addRow("Abstimmung:", votes)
        form.addRow("", self.voters_label)
        form.addRow("Ergebnis:", self.result_combo)
        form.addRow("", item_buttons)
        approval = QGroupBox("Niederschrift der vorigen Sitzung", page)
        self.approval_label = QLabel(approval)
        self.approval_label.setWordWrap(True)
        self.approve_button = QPushButton("Genehmigung erfassen", approval)
        self.approve_button.clicked.connect(self.approve_previous_minutes)
        arow = QHBoxLayout(approval)
        arow.addWidget(self.approval_label, 1)
        arow.addWidget(self.approve_button)
        splitter = QSplitter(page)
        splitter.addWidget(self.minutes_list)
        splitter.addWidget(box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter, 1)
        layout.addWidget(approval)
        return page

    # --- loading --------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        self.committee_combo.clear()
        for c in meetings.committee_choices(self.ctx.store, include_dissolved=self.meeting_id is not None):
            self.committee_combo.addItem(f"{c.name} ({c.detail})", c.id)
        self.minute_taker_combo.clear()
        self.minute_taker_combo.addItem("– noch offen –", None)
        self._persons = meetings.person_choices(self.ctx.store)
        for p in self._persons:
            self.minute_taker_combo.addItem(str(p), p.id)

    def _prefill_new(self, committee_id: int | None) -> None:
        if committee_id is None and self.committee_combo.count():
            committee_id = self.committee_combo.itemData(0)
        if committee_id is None:
            return
        idx = self.committee_combo.findData(committee_id)
        if idx >= 0:
            self.committee_combo.setCurrentIndex(idx)
        data = meetings.default_new_meeting(self.ctx.store, committee_id, self.ctx.today())
        self._set_general(data)
        self.status_combo.clear()
        self.status_combo.addItem(MeetingStatus.GEPLANT.label, MeetingStatus.GEPLANT.value)
        self.calendar_label.setText("Die Kalenderkennung (UID) entsteht beim ersten Speichern.")

    def _committee_chosen(self, _index: int) -> None:
        """A new meeting of another committee starts from that committee's usual place and times."""
        if self.meeting_id is None:
            self._prefill_new(self.committee_combo.currentData())

    def _set_general(self, data: meetings.MeetingInput) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(data.kind)))
        self.title_edit.setText(data.title)
        self.start_edit.setDateTime(_qdt(data.start))
        self.end_edit.setDateTime(_qdt(data.end or data.start))
        self.location_name_edit.setText(data.location_name)
        self.location_address_edit.setText(data.location_address)
        self.location_room_edit.setText(data.location_room)
        self.online_edit.setText(data.online_url)
        self.travel_edit.setPlainText(data.travel_notes)
        self.minute_taker_combo.setCurrentIndex(max(0, self.minute_taker_combo.findData(data.minute_taker_id)))
        self.notes_edit.setPlainText(data.notes)
        for edit in (self.title_edit, self.location_name_edit, self.location_address_edit, self.location_room_edit):
            edit.setCursorPosition(0)  # long texts show their beginning

    def reload(self, *, select_item: int | None = None) -> None:
        """Read the meeting again and show it in every tab."""
        has_meeting = self.meeting_id is not None
        for tab in (TAB_AGENDA, TAB_ATTENDANCE, TAB_MINUTES):
            self.tabs.setTabEnabled(tab, has_meeting)
        for b in (self.invitation_button, self.minutes_export_button, self.attendance_sheet_button, self.print_button):
            b.setEnabled(has_meeting)
        self.committee_combo.setEnabled(not has_meeting)
        if self.meeting_id is None:
            self.setWindowTitle("Neue Sitzung")
            self._apply_read_only()
            return
        d = meetings.meeting_detail(self.ctx.store, self.meeting_id)
        self.detail = d
        self.setWindowTitle(f"Sitzung: {d.title} – {d.committee}")
        idx = self.committee_combo.findData(d.committee_id)
        if idx < 0:
            self.committee_combo.addItem(d.committee, d.committee_id)
            idx = self.committee_combo.count() - 1
        self.committee_combo.setCurrentIndex(idx)
        if d.minute_taker_id is not None and self.minute_taker_combo.findData(d.minute_taker_id) < 0:
            self.minute_taker_combo.addItem(d.minute_taker, d.minute_taker_id)
        self._set_general(
            meetings.MeetingInput(
                committee_id=d.committee_id,
                start=d.start,
                end=d.end,
                kind=d.kind,
                title=d.title,
                location_name=d.location_name,
                location_address=d.location_address,
                location_room=d.location_room,
                online_url=d.online_url,
                travel_notes=d.travel_notes,
                minute_taker_id=d.minute_taker_id,
                notes=d.notes,
            )
        )
        self.status_combo.clear()
        for code in meetings.allowed_statuses(d.status):
            self.status_combo.addItem(MeetingStatus(code).label, code)
        self.calendar_label.setText(
            f"UID {d.uid} · Sequenz {d.sequence} · "
            + (f"{d.invitation_count}× eingeladen" if d.invited else "noch nicht eingeladen")
        )
        selected = select_item if select_item is not None else self.agenda_tree.selected_id()
        self.agenda_tree.set_rows(d.agenda, selected)
        if self.agenda_tree.currentItem() is None and self.agenda_tree.topLevelItemCount():
            self.agenda_tree.setCurrentItem(self.agenda_tree.topLevelItem(0))
        self._show_item()
        self._show_proposal()
        self._show_attendance(d)
        self._show_minutes_list(d)
        self._show_approval()
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        if not self.ctx.read_only:
            return
        for w in self.findChildren(QPushButton):
            if w is not self.close_button:
                w.setEnabled(False)

    # --- Allgemein ------------------------------------------------------------------------------

    def _start_moved(self, new: QDateTime) -> None:
        """Keep the duration when the start moves (the end follows)."""
        previous = getattr(self, "_last_start", None)
        if previous is not None and self.end_edit.dateTime() >= previous:
            self.end_edit.setDateTime(self.end_edit.dateTime().addSecs(previous.secsTo(new)))
        self._last_start = QDateTime(new)

    def general_values(self) -> meetings.MeetingInput:
        start, end = _py(self.start_edit.dateTime()), _py(self.end_edit.dateTime())
        # A stored meeting without an end shows end = start; saved unchanged it keeps having none.
        no_end = self.detail is not None and self.detail.end is None and end == start
        return meetings.MeetingInput(
            committee_id=self.committee_combo.currentData(),
            start=start,
            end=None if no_end else end,
            kind=self.kind_combo.currentData(),
            title=self.title_edit.text(),
            location_name=self.location_name_edit.text(),
            location_address=self.location_address_edit.text(),
            location_room=self.location_room_edit.text(),
            online_url=self.online_edit.text(),
            travel_notes=self.travel_edit.toPlainText(),
            minute_taker_id=self.minute_taker_combo.currentData(),
            rsvp_date=self.detail.rsvp_date if self.detail else None,
            notes=self.notes_edit.toPlainText(),
        )

    @user_action("Sitzung speichern")
    def save_general(self) -> None:
        data = self.general_values()
        if data.committee_id is None:
            raise ValidationError("Bitte ein Gremium wählen.")
        if self.meeting_id is None:
            self.meeting_id = meetings.create_meeting(self.ctx.store, data)
            self.reload()
            self._notify()
            self.tabs.setCurrentIndex(TAB_AGENDA)
            return
        wanted = self.status_combo.currentData()
        status_changes = self.detail is not None and bool(wanted) and wanted != self.detail.status
        if status_changes and wanted == MeetingStatus.ABGESAGT.value:
            self._save_and_cancel(data)
            return
        if status_changes and self.detail is not None:
            # checked before anything is written: a refused status leaves the whole form unsaved
            meetings.check_status_change(self.detail.status, wanted, data.start, self.ctx.today())
        result = meetings.update_meeting(self.ctx.store, self.meeting_id, data)
        if status_changes:
            meetings.set_status(self.ctx.store, self.meeting_id, wanted, today=self.ctx.today())
        self.reload()
        self._notify()
        if result.sequence_raised:
            messages.info(
                self,
                "Sitzung gespeichert",
                f"Zeit oder Ort haben sich nach der Einladung geändert (Kalender-Sequenz jetzt {result.sequence}). "
                "Bitte die aktualisierte Einladung versenden („Einladung erstellen…“).",
            )

    def _save_and_cancel(self, data: meetings.MeetingInput) -> None:
        """Status "abgesagt" chosen in the form: one cancellation (one sequence step), no move with it."""
        d = self.detail
        if d is None or self.meeting_id is None:
            return
        stored_place = (d.location_name, d.location_address, d.location_room, d.online_url)
        form_place = (data.location_name, data.location_address, data.location_room, data.online_url)
        if (data.start, data.end) != (d.start, d.end) or tuple(p.strip() for p in form_place) != stored_place:
            raise ValidationError(
                "Eine Sitzung wird entweder verlegt oder abgesagt. Bitte Zeit und Ort unverändert lassen, "
                "wenn Sie absagen (oder zuerst die Verlegung speichern)."
            )
        if not messages.confirm(self, "Sitzung absagen", f"„{d.title}“ am {fmt_date(d.start)} wirklich absagen?"):
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))
            return
        meetings.update_meeting(self.ctx.store, self.meeting_id, data)
        self._cancel_now()

    @user_action("Sitzung absagen")
    def cancel_meeting(self) -> None:
        if self.meeting_id is None or self.detail is None:
            return
        if not messages.confirm(
            self, "Sitzung absagen", f"„{self.detail.title}“ am {fmt_date(self.detail.start)} wirklich absagen?"
        ):
            self.reload()
            return
        self._cancel_now()

    def _cancel_now(self) -> None:
        if self.meeting_id is None:
            return
        result = meetings.cancel(self.ctx.store, self.meeting_id)
        self.reload()
        self._notify()
        if result.sequence_raised:
            messages.info(
                self,
                "Sitzung abgesagt",
                "Es wurde bereits eingeladen: Bitte die Absage versenden („Einladung erstellen…“), "
                "damit der Termin aus den Kalendern verschwindet.",
            )

    def _notify(self) -> None:
        if self.meeting_id is not None:
            self.meeting_saved.emit(self.meeting_id)
        self.ctx.notify("meetings")

    # --- Tagesordnung ---------------------------------------------------------------------------

    def selected_item(self) -> AgendaRow | None:
        item_id = self.agenda_tree.selected_id()
        return self.detail.item(item_id) if self.detail and item_id is not None else None

    def _show_item(self) -> None:
        row = self.selected_item()
        has = row is not None
        for w in (
            self.item_title_edit,
            self.item_kind_combo,
            self.item_presenter_edit,
            self.item_minutes_spin,
            self.item_public_check,
            self.item_description_edit,
            self.item_save_button,
            self.add_attachment_button,
            self.remove_attachment_button,
            self.delete_item_button,
            self.up_button,
            self.down_button,
        ):
            w.setEnabled(has and not self.ctx.read_only)
        self.add_sub_button.setEnabled(has and row is not None and row.parent_id is None and not self.ctx.read_only)
        self.election_button.setEnabled(has and row is not None and row.kind == AgendaKind.WAHL.value)
        self.attachments_list.clear()
        if row is None:
            for edit in (self.item_title_edit, self.item_presenter_edit):
                edit.clear()
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

    def _show_proposal(self) -> None:
        proposal = agenda.propose_election_item(self.ctx.store, self.meeting_id) if self.meeting_id else None
        self.proposal_label.setText(f"Vorschlag: {proposal.text}" if proposal else "")
        self.proposal_label.setVisible(proposal is not None)
        self.proposal_button.setVisible(proposal is not None)

    def _item_input(self) -> agenda.AgendaItemInput:
        minutes = self.item_minutes_spin.value()
        return agenda.AgendaItemInput(
            title=self.item_title_edit.text(),
            kind=self.item_kind_combo.currentData(),
            presenter=self.item_presenter_edit.text(),
            planned_minutes=minutes or None,
            public=self.item_public_check.isChecked(),
            description=self.item_description_edit.toPlainText(),
        )

    @user_action("Tagesordnungspunkt hinzufügen")
    def add_item(self) -> None:
        self._add(parent_sub=False)

    @user_action("Unterpunkt hinzufügen")
    def add_sub_item(self) -> None:
        self._add(parent_sub=True)

    def _add(self, *, parent_sub: bool) -> None:
        if self.meeting_id is None or self.ctx.read_only:
            return
        title = messages.ask_text(self, "Neuer Tagesordnungspunkt", "Titel des Punktes:")
        if title is None:
            return
        current = self.selected_item()
        parent_id: int | None = None
        index: int | None = None
        if parent_sub and current is not None:
            parent_id = current.id if current.parent_id is None else current.parent_id
            if current.parent_id is not None and self.detail is not None:
                index = current.position  # after the selected sub-item
        elif current is not None:
            parent_id = current.parent_id
            index = current.position  # positions start at 1: index n is "after the selected"
        new_id = agenda.add_item(
            self.ctx.store, self.meeting_id, agenda.AgendaItemInput(title=title), parent_id=parent_id, index=index
        )
        self.reload(select_item=new_id)
        self._notify()

    @user_action("Tagesordnungspunkt speichern")
    def save_item(self) -> None:
        row = self.selected_item()
        if row is None:
            return
        agenda.update_item(self.ctx.store, row.id, self._item_input())
        self.reload(select_item=row.id)
        self._notify()

    @user_action("Tagesordnungspunkt löschen")
    def delete_item(self) -> None:
        row = self.selected_item()
        if row is None or self.ctx.read_only:
            return
        subs = [a for a in (self.detail.agenda if self.detail else ()) if a.parent_id == row.id]
        extra = f" mit {len(subs)} Unterpunkt{'en' if len(subs) != 1 else ''}" if subs else ""
        if not messages.confirm(self, "Tagesordnungspunkt löschen", f"TOP {row.number} „{row.title}“{extra} löschen?"):
            return
        agenda.delete_item(self.ctx.store, row.id)
        self.reload()
        self._notify()

    @user_action("Tagesordnungspunkt verschieben")
    def move_selected(self, delta: int) -> None:
        row = self.selected_item()
        if row is None or self.ctx.read_only:
            return
        if agenda.move_item(self.ctx.store, row.id, delta):
            self.reload(select_item=row.id)
            self._notify()
        self.agenda_tree.setFocus()

    @user_action("Tagesordnungspunkt verschieben")
    def move_item_to(self, item_id: int, parent_id: int | None, index: int) -> None:
        """Drag and drop: the service checks the place and renumbers."""
        if self.ctx.read_only:
            return
        agenda.move_to(self.ctx.store, item_id, parent_id, index)
        self.reload(select_item=item_id)
        self._notify()

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
        agenda.add_attachment(self.ctx.store, row.id, path, label)
        self.reload(select_item=row.id)
        self._notify()

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
        agenda.remove_attachment(self.ctx.store, int(item.data(ID_ROLE)))
        self.reload(select_item=row.id)
        self._notify()

    @user_action("Tagesordnungspunkte übernehmen")
    def copy_items(self) -> None:
        if self.meeting_id is None or self.detail is None:
            return
        choices = meetings.meeting_choices(self.ctx.store, self.detail.committee_id, exclude_id=self.meeting_id)
        if not choices:
            messages.info(self, "Tagesordnungspunkte übernehmen", "Es gibt keine andere Sitzung dieses Gremiums.")
            return
        source = pick(self, "Tagesordnung übernehmen aus …", choices, choices[0].id, MEETING_HEADERS)
        if source is None:
            return
        rows = meetings.meeting_detail(self.ctx.store, source).agenda
        if not rows:
            messages.info(self, "Tagesordnungspunkte übernehmen", "Diese Sitzung hat keine Tagesordnungspunkte.")
            return
        present = {fold(a.title) for a in self.detail.agenda}
        checked = {r.id for r in rows if fold(r.title) not in present}
        chosen = choose_items(self, "Tagesordnungspunkte übernehmen", rows, checked)
        if not chosen:
            return
        count = agenda.copy_items_from(self.ctx.store, source, self.meeting_id, chosen)
        self.reload()
        self._notify()
        word = "Punkt wurde" if count == 1 else "Punkte wurden"
        messages.info(self, "Tagesordnungspunkte übernommen", f"{count} {word} übernommen.")

    @user_action("Wahl auf die Tagesordnung")
    def accept_election_proposal(self) -> None:
        if self.meeting_id is None:
            return
        item_id = agenda.add_election_item(self.ctx.store, self.meeting_id)
        self.reload(select_item=item_id)
        self._notify()

    @user_action("Wahl erfassen")
    def record_election(self) -> None:
        if self.meeting_id is None:
            return
        from bezag_desktop.ui.dialogs import election_dialog  # written by the elections area

        election_dialog.ask(self, self.ctx, self.meeting_id)
        self.reload()
        self.ctx.notify("elections")

    # --- Anwesenheit ----------------------------------------------------------------------------

    def _show_attendance(self, d: MeetingDetail) -> None:
        selected = self.attendance_table.selected()
        self.attendance_model.set_rows(list(d.attendance))
        if isinstance(selected, AttendanceRow):
            self.attendance_table.select_where(lambda r: r is not None and r.id == selected.id)
        self.attendance_table.resize_columns()
        self.quorum_label.setText(d.quorum_label)
        self.quorum_label.setStyleSheet("color: #146c43;" if d.quorum.reached else "color: #b02a37;")
        replies = d.replies
        self.expected_label.setText(
            f"Rückmeldungen: {_count(replies.get('zugesagt', 0), 'Zusage', 'Zusagen')}, "
            f"{_count(replies.get('abgesagt', 0), 'Absage', 'Absagen')}, "
            f"{replies.get('offen', 0)} offen – erwartet werden {d.expected_bodies} von {d.voting_bodies} "
            "Körperschaften."
        )
        self._show_attendance_row()

    def selected_attendance(self) -> AttendanceRow | None:
        row = self.attendance_table.selected()
        return row if isinstance(row, AttendanceRow) else None

    def select_attendance(self, person_id: int) -> bool:
        return self.attendance_table.select_where(lambda r: r is not None and r.person_id == person_id)

    def _show_attendance_row(self) -> None:
        row = self.selected_attendance()
        has = row is not None and not self.ctx.read_only
        for w in (self.reply_combo, self.att_status_combo, self.times_button, self.arrival_edit, self.departure_edit):
            w.setEnabled(has)
        self.stand_in_button.setEnabled(
            has and row is not None and row.role in ("mitglied", "vorsitz") and bool(row.body)
        )
        self.remove_guest_button.setEnabled(has and row is not None and row.role == InviteRole.GAST.value)
        if row is None:
            return
        self.reply_combo.setCurrentIndex(max(0, self.reply_combo.findData(row.reply)))
        status_index = self.att_status_combo.findData(row.status)
        self.att_status_combo.setCurrentIndex(max(0, status_index))
        self.arrival_edit.setText(row.arrival.strftime("%H:%M") if row.arrival else "")
        self.departure_edit.setText(row.departure.strftime("%H:%M") if row.departure else "")

    def _after_attendance(self, person_id: int | None = None) -> None:
        self.reload()
        if person_id is not None:
            self.select_attendance(person_id)
        self._notify()

    @user_action("Anwesenheitsliste")
    def build_attendance(self) -> None:
        if self.meeting_id is None:
            return
        added = attendance.build_attendance(self.ctx.store, self.meeting_id)
        self._after_attendance()
        if not added:
            messages.info(self, "Anwesenheitsliste", "Die Liste ist vollständig; es kam niemand hinzu.")

    @user_action("Rückmeldung erfassen")
    def set_reply(self, reply: str) -> None:
        row = self.selected_attendance()
        if row is None or reply == row.reply:
            return
        attendance.set_reply(self.ctx.store, row.id, reply)
        self._after_attendance(row.person_id)
        if reply == Reply.ABGESAGT.value:
            self._offer_stand_in(row.id, before_meeting=self._before_meeting())

    @user_action("Anwesenheit erfassen")
    def set_attendance_status(self, status: str | None) -> None:
        row = self.selected_attendance()
        if row is None or status == row.status:
            return
        attendance.set_status(self.ctx.store, row.id, status)
        self._after_attendance(row.person_id)
        if status in (AttendanceStatus.ENTSCHULDIGT.value, AttendanceStatus.ABWESEND.value):
            self._offer_stand_in(row.id)

    def _before_meeting(self) -> bool:
        return self.detail is not None and self.detail.start.date() > self.ctx.today()

    def _offer_stand_in(self, attendance_id: int, *, before_meeting: bool = False) -> None:
        """A member declined or is excused: propose the body's deputy as stand-in.

        Before the meeting (a declining reply) the deputy is only named: the next invitation asks
        them as a required participant, and their presence is recorded at the meeting.
        """
        proposal = attendance.propose_stand_in(self.ctx.store, attendance_id)
        if proposal is None:
            return
        question = f"Soll {proposal.deputy} als Vertretung eingetragen werden?"
        if before_meeting:
            question += (
                f" Mit der nächsten Einladung (Aktualisierung) wird {proposal.deputy} dann als erforderliche "
                "statt als optionale Teilnahme eingeladen."
            )
        if messages.confirm(self, "Stellvertretung", f"{proposal.text}\n\n{question}", default_yes=True):
            attendance.record_stand_in(
                self.ctx.store, attendance_id, proposal.deputy_person_id, mark_present=not before_meeting
            )
            self._after_attendance(proposal.deputy_person_id)

    @user_action("Vertreten durch")
    def choose_stand_in(self) -> None:
        row = self.selected_attendance()
        if row is None or self.detail is None:
            return
        proposal = attendance.propose_stand_in(self.ctx.store, row.id)
        same_body = [a for a in self.detail.attendance if a.body_id == row.body_id and a.person_id != row.person_id]
        others = [a for a in self.detail.attendance if a.body_id != row.body_id and a.person_id != row.person_id]
        choices = [meetings.Choice(a.person_id, a.person, a.role, a.organisation) for a in same_body + others]
        preselect = proposal.deputy_person_id if proposal else (same_body[0].person_id if same_body else None)
        person_id = pick(self, f"{row.person} vertreten durch …", choices, preselect)
        if person_id is None:
            return
        attendance.record_stand_in(self.ctx.store, row.id, person_id)
        self._after_attendance(row.person_id)

    @user_action("Zeiten erfassen")
    def save_times(self) -> None:
        row = self.selected_attendance()
        if row is None:
            return
        arrival = _parse_clock(self.arrival_edit.text(), "Kommt")
        departure = _parse_clock(self.departure_edit.text(), "Geht")
        attendance.set_times(self.ctx.store, row.id, arrival, departure)
        self._after_attendance(row.person_id)

    @user_action("Gast hinzufügen")
    def add_guest(self) -> None:
        if self.meeting_id is None or self.detail is None:
            return
        on_list = {a.person_id for a in self.detail.attendance}
        choices = [p for p in meetings.person_choices(self.ctx.store) if p.id not in on_list]
        person_id = pick(self, "Gast hinzufügen", choices)
        if person_id is None:
            return
        self.add_guest_person(person_id)

    def add_guest_person(self, person_id: int) -> None:
        if self.meeting_id is None:
            return
        attendance.add_guest(self.ctx.store, self.meeting_id, person_id)
        self._after_attendance(person_id)

    @user_action("Gast entfernen")
    def remove_guest(self) -> None:
        row = self.selected_attendance()
        if row is None:
            return
        if not messages.confirm(self, "Gast entfernen", f"{row.person} von der Anwesenheitsliste entfernen?"):
            return
        attendance.remove_guest(self.ctx.store, row.id)
        self._after_attendance()

    # --- Protokoll ------------------------------------------------------------------------------

    def _show_minutes_list(self, d: MeetingDetail) -> None:
        current = self._minutes_item_id
        self.minutes_list.blockSignals(True)
        self.minutes_list.clear()
        for row in d.agenda:
            text = f"{'    ' if row.parent_id else ''}TOP {row.number}  {row.title}"
            if row.result:
                text += f"  [{AgendaResult(row.result).label}]"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.id)
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
        self._show_minutes_item()

    def select_minutes_item(self, item_id: int) -> bool:
        for n in range(self.minutes_list.count()):
            if self.minutes_list.item(n).data(ID_ROLE) == item_id:
                self.minutes_list.setCurrentRow(n)
                return True
        return False

    def minutes_item(self) -> AgendaRow | None:
        item = self.minutes_list.currentItem()
        if item is None or self.detail is None:
            return None
        return self.detail.item(int(item.data(ID_ROLE)))

    def _show_minutes_item(self) -> None:
        row = self.minutes_item()
        self._minutes_item_id = row.id if row else None
        for w in (self.minutes_save_button, self.action_button):
            w.setEnabled(row is not None and not self.ctx.read_only)
        self.minutes_election_button.setEnabled(row is not None and row.kind == AgendaKind.WAHL.value)
        if row is None:
            self.minutes_notes_edit.clear()
            self.resolution_edit.clear()
            return
        self.minutes_notes_edit.setPlainText(row.notes)
        self.resolution_edit.setPlainText(row.resolution_text)
        self.yes_spin.setValue(row.votes_yes or 0)
        self.no_spin.setValue(row.votes_no or 0)
        self.abstain_spin.setValue(row.votes_abstain or 0)
        self.unanimous_check.setChecked(row.unanimous)
        self.result_combo.setCurrentIndex(max(0, self.result_combo.findData(row.result)))

    def minutes_values(self) -> agenda.MinutesInput:
        yes, no, abstain = self.yes_spin.value(), self.no_spin.value(), self.abstain_spin.value()
        counted = yes or no or abstain
        return agenda.MinutesInput(
            notes=self.minutes_notes_edit.toPlainText(),
            resolution_text=self.resolution_edit.toPlainText(),
            votes_yes=yes if counted else None,
            votes_no=no if counted else None,
            votes_abstain=abstain if counted else None,
            unanimous=self.unanimous_check.isChecked(),
            result=self.result_combo.currentData(),
        )

    @user_action("Niederschrift speichern")
    def save_minutes(self) -> None:
        row = self.minutes_item()
        if row is None:
            return
        agenda.record_minutes(self.ctx.store, row.id, self.minutes_values())
        self._minutes_item_id = row.id
        self.reload()
        self._notify()

    @user_action("Aufgabe anlegen")
    def create_action(self) -> None:
        row = self.minutes_item()
        if row is None or self.detail is None:
            return
        from bezag_desktop.ui.dialogs import action_dialog

        action_id = action_dialog.ask(
            self, self.ctx, agenda_item_id=row.id, context_text=f"{self.detail.title}, TOP {row.number} {row.title}"
        )
        if action_id is not None:
            messages.info(
                self, "Aufgabe angelegt", "Die Aufgabe steht in der Beschlusskontrolle (Sitzungen › Aufgaben)."
            )

    def _show_approval(self) -> None:
        prev = meetings.previous_meeting(self.ctx.store, self.meeting_id) if self.meeting_id else None
        self._previous = prev
        if prev is None:
            self.approval_label.setText("Es gibt keine frühere Sitzung dieses Gremiums.")
            self.approve_button.setEnabled(False)
            return
        if prev.status == MeetingStatus.PROTOKOLL_GENEHMIGT.value:
            approved = meetings.meeting_detail(self.ctx.store, prev.id)
            where = ""
            if approved.minutes_approved_in_id == self.meeting_id:
                where = " in dieser Sitzung"
            if approved.minutes_approved_on is not None:
                where += f" am {fmt_date(approved.minutes_approved_on)}"
            self.approval_label.setText(
                f"Die Niederschrift von „{prev.title}“ ({fmt_date(prev.start)}) ist{where} genehmigt."
            )
            self.approve_button.setEnabled(False)
            return
        self.approval_label.setText(
            f"„{prev.title}“ vom {fmt_date(prev.start)}: {prev.status_label}. "
            "Die Genehmigung wird in dieser Sitzung erfasst."
        )
        self.approve_button.setEnabled(not self.ctx.read_only)

    @user_action("Genehmigung der Niederschrift")
    def approve_previous_minutes(self) -> None:
        if self.meeting_id is None or self._previous is None:
            return
        agenda.approve_minutes(self.ctx.store, self.meeting_id, self._previous.id, today=self.ctx.today())
        self.reload()
        self._notify()

    # --- hand-over to other dialogs -------------------------------------------------------------

    @user_action("Einladung erstellen")
    def create_invitation(self) -> None:
        if self.meeting_id is None:
            return
        from bezag_desktop.ui.dialogs import invitation_dialog  # written by the invitations area

        invitation_dialog.ask(self, self.ctx, self.meeting_id)
        self.reload()
        self._notify()

    @user_action("Niederschrift")
    def export_minutes(self) -> None:
        if self.meeting_id is None:
            return
        from bezag_desktop.ui.dialogs import minutes_export  # written by the minutes area

        minutes_export.export_minutes(self, self.ctx, self.meeting_id)

    @user_action("Anwesenheitsliste")
    def export_attendance_sheet(self) -> None:
        if self.meeting_id is None:
            return
        from bezag_desktop.ui.dialogs import minutes_export

        minutes_export.export_attendance_sheet(self, self.ctx, self.meeting_id)

    @user_action("Niederschrift drucken")
    def print_minutes(self) -> None:
        if self.meeting_id is None:
            return
        from bezag_desktop.ui.dialogs import minutes_export

        minutes_export.print_minutes(self, self.ctx, self.meeting_id)

    def _tab_changed(self, index: int) -> None:
        if index == TAB_ATTENDANCE and self.detail is not None and not self.detail.attendance:
            self.build_button.setFocus()


def ask(parent: QWidget | None, ctx: UiContext, meeting_id: int) -> int | None:
    """Open the editor for a meeting; returns its id when closed."""
    dlg = MeetingEditor(ctx, meeting_id, parent=parent)
    dlg.exec()
    return dlg.meeting_id


def ask_new(parent: QWidget | None, ctx: UiContext, committee_id: int | None = None) -> int | None:
    """Plan a new meeting (of ``committee_id``, default the plenary); its id, or None if none was saved."""
    dlg = MeetingEditor(ctx, None, committee_id=committee_id, parent=parent)
    dlg.exec()
    return dlg.meeting_id
