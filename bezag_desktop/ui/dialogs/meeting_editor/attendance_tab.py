"""The Anwesenheit tab: who is expected and who came, with the live quorum.

Replies, statuses, stand-ins and guests are immediate: each click is stored at once, because the quorum
shown above the list and the stand-in proposals are computed from the stored attendance. The arrival
and departure times are typed text: they are kept per attendance row (``times``) until the dialog
saves the whole form, so choosing another person does not lose them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from bezag_desktop.domain.codes import AttendanceStatus, InviteRole, Reply
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import AttendanceEdit, AttendanceRow, Choice, MeetingDetail, attendance
from bezag_desktop.ui import messages
from bezag_desktop.ui.dialogs.meeting_editor.base import EditorHost, EditorTab, count_text, parse_clock
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets import person_picker
from bezag_desktop.ui.widgets.table import FilterTable

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


def _clock(value: object) -> str:
    return value.strftime("%H:%M") if value is not None and hasattr(value, "strftime") else ""


def _highlight(row: AttendanceRow) -> str | None:
    if row.status in (AttendanceStatus.ANWESEND.value, AttendanceStatus.ONLINE.value):
        return "ok"
    if row.status in (AttendanceStatus.ENTSCHULDIGT.value, AttendanceStatus.ABWESEND.value):
        return "warning"
    if row.status == AttendanceStatus.VERTRETEN.value:
        return "muted"
    return None


class AttendanceTab(EditorTab):
    """``load(detail)``; ``times`` holds typed arrival/departure texts per attendance id."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.times: dict[int, tuple[str, str]] = {}
        self._rows: dict[int, AttendanceRow] = {}
        self._shown_id: int | None = None
        self.quorum_label = QLabel(self)
        font = self.quorum_label.font()
        font.setBold(True)
        self.quorum_label.setFont(font)
        self.expected_label = QLabel(self)
        self.build_button = QPushButton("Teilnehmende aus den Mandaten übernehmen", self)
        self.build_button.clicked.connect(self.build_attendance)
        self.attendance_model: RowsModel[AttendanceRow] = RowsModel(ATTENDANCE_COLUMNS, highlight=_highlight)
        self.attendance_table = FilterTable(
            self.attendance_model, placeholder="Person oder Körperschaft …", parent=self
        )
        self.attendance_table.selection_changed.connect(lambda _row: self._show_row())
        self.add_guest_button = QPushButton("Gast hinzufügen…", self)
        self.add_guest_button.clicked.connect(self.add_guest)
        self.remove_guest_button = QPushButton("Gast entfernen", self)
        self.remove_guest_button.clicked.connect(self.remove_guest)
        guests = QHBoxLayout()
        guests.addWidget(self.build_button)
        guests.addStretch(1)
        guests.addWidget(self.add_guest_button)
        guests.addWidget(self.remove_guest_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.expected_label)
        layout.addLayout(guests)
        layout.addWidget(self.attendance_table, 1)
        layout.addLayout(self._build_controls())
        self.tracker.watch(self.arrival_edit, self.departure_edit)

    def _build_controls(self) -> QHBoxLayout:
        self.reply_combo = QComboBox(self)
        for code, label in Reply.choices():
            self.reply_combo.addItem(label, code)
        self.reply_combo.activated.connect(lambda _i: self.set_reply(self.reply_combo.currentData()))
        self.att_status_combo = QComboBox(self)
        self.att_status_combo.addItem("– noch offen –", None)
        for code, label in AttendanceStatus.choices():
            if code != AttendanceStatus.VERTRETEN.value:
                self.att_status_combo.addItem(label, code)
        self.att_status_combo.activated.connect(
            lambda _i: self.set_attendance_status(self.att_status_combo.currentData())
        )
        self.stand_in_button = QPushButton("Vertreten durch…", self)
        self.stand_in_button.clicked.connect(self.choose_stand_in)
        self.arrival_edit = QLineEdit(self)
        self.arrival_edit.setPlaceholderText("hh:mm")
        self.arrival_edit.setMaximumWidth(70)
        self.departure_edit = QLineEdit(self)
        self.departure_edit.setPlaceholderText("hh:mm")
        self.departure_edit.setMaximumWidth(70)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Rückmeldung:", self))
        controls.addWidget(self.reply_combo)
        controls.addWidget(QLabel("Status:", self))
        controls.addWidget(self.att_status_combo)
        controls.addWidget(self.stand_in_button)
        controls.addWidget(QLabel("Kommt:", self))
        controls.addWidget(self.arrival_edit)
        controls.addWidget(QLabel("Geht:", self))
        controls.addWidget(self.departure_edit)
        controls.addStretch(1)
        return controls

    # --- loading and the draft ----------------------------------------------------------------

    def load(self, d: MeetingDetail) -> None:
        self._rows = {r.id: r for r in d.attendance}
        self.times = {i: t for i, t in self.times.items() if i in self._rows and t != self._stored_times(self._rows[i])}
        selected = self.selected_attendance()
        self.attendance_model.set_rows(list(d.attendance))
        if selected is not None:
            self.attendance_table.select_where(lambda r: r is not None and r.id == selected.id)
        self.attendance_table.resize_columns()
        self.quorum_label.setText(d.quorum_label)
        self.quorum_label.setStyleSheet("color: #146c43;" if d.quorum.reached else "color: #b02a37;")
        replies = d.replies
        self.expected_label.setText(
            f"Rückmeldungen: {count_text(replies.get('zugesagt', 0), 'Zusage', 'Zusagen')}, "
            f"{count_text(replies.get('abgesagt', 0), 'Absage', 'Absagen')}, "
            f"{replies.get('offen', 0)} offen – erwartet werden {d.expected_bodies} von {d.voting_bodies} "
            "Körperschaften."
        )
        self._show_row()

    @staticmethod
    def _stored_times(row: AttendanceRow) -> tuple[str, str]:
        return _clock(row.arrival), _clock(row.departure)

    def remember(self) -> None:
        if self._shown_id is not None and self._shown_id in self._rows:
            self.times[self._shown_id] = (self.arrival_edit.text(), self.departure_edit.text())

    def clear_draft(self) -> None:
        self.times.clear()

    def edits(self) -> tuple[AttendanceEdit, ...]:
        """The typed times as form parts; the status and stand-in as stored (they are immediate)."""
        out: list[AttendanceEdit] = []
        for att_id, (arrival, departure) in self.times.items():
            row = self._rows[att_id]
            out.append(
                AttendanceEdit(
                    attendance_id=att_id,
                    status=row.status,
                    stood_in_by_id=row.stood_in_by_id,
                    arrival=parse_clock(arrival, f"Kommt, {row.person}"),
                    departure=parse_clock(departure, f"Geht, {row.person}"),
                )
            )
        return tuple(out)

    def selected_attendance(self) -> AttendanceRow | None:
        row = self.attendance_table.selected()
        return row if isinstance(row, AttendanceRow) else None

    def select_attendance(self, person_id: int) -> bool:
        return self.attendance_table.select_where(lambda r: r is not None and r.person_id == person_id)

    def _show_row(self) -> None:
        row = self.selected_attendance()
        self._shown_id = row.id if row is not None else None
        has = row is not None and not self.read_only
        for w in (self.reply_combo, self.att_status_combo, self.arrival_edit, self.departure_edit):
            w.setEnabled(has)
        self.stand_in_button.setEnabled(
            has and row is not None and row.role in ("mitglied", "vorsitz") and bool(row.body)
        )
        self.remove_guest_button.setEnabled(has and row is not None and row.role == InviteRole.GAST.value)
        if row is None:
            return
        self.reply_combo.setCurrentIndex(max(0, self.reply_combo.findData(row.reply)))
        self.att_status_combo.setCurrentIndex(max(0, self.att_status_combo.findData(row.status)))
        arrival, departure = self.times.get(row.id) or self._stored_times(row)
        with self.tracker.loading():
            self.arrival_edit.setText(arrival)
            self.departure_edit.setText(departure)

    # --- immediate actions ---------------------------------------------------------------------

    def _after(self, person_id: int | None = None) -> None:
        self.host.refresh()
        if person_id is not None:
            self.select_attendance(person_id)

    @user_action("Anwesenheitsliste")
    def build_attendance(self) -> None:
        if self.host.meeting_id is None:
            return
        added = attendance.build_attendance(self.host.ctx.store, self.host.meeting_id)
        self._after()
        if not added:
            messages.info(self, "Anwesenheitsliste", "Die Liste ist vollständig; es kam niemand hinzu.")

    @user_action("Rückmeldung erfassen")
    def set_reply(self, reply: str) -> None:
        row = self.selected_attendance()
        if row is None or reply == row.reply:
            return
        attendance.set_reply(self.host.ctx.store, row.id, reply)
        self._after(row.person_id)
        if reply == Reply.ABGESAGT.value:
            self._offer_stand_in(row.id, before_meeting=self._before_meeting())

    @user_action("Anwesenheit erfassen")
    def set_attendance_status(self, status: str | None) -> None:
        row = self.selected_attendance()
        if row is None or status == row.status:
            return
        attendance.set_status(self.host.ctx.store, row.id, status)
        self._after(row.person_id)
        if status in (AttendanceStatus.ENTSCHULDIGT.value, AttendanceStatus.ABWESEND.value):
            self._offer_stand_in(row.id)

    def _before_meeting(self) -> bool:
        d = self.host.detail
        return d is not None and d.start.date() > self.host.ctx.today()

    def _offer_stand_in(self, attendance_id: int, *, before_meeting: bool = False) -> None:
        """A member declined or is excused: propose the body's deputy as stand-in.

        Before the meeting (a declining reply) the deputy is only named: the next invitation asks
        them as a required participant, and their presence is recorded at the meeting.
        """
        proposal = attendance.propose_stand_in(self.host.ctx.store, attendance_id)
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
                self.host.ctx.store, attendance_id, proposal.deputy_person_id, mark_present=not before_meeting
            )
            self._after(proposal.deputy_person_id)

    @user_action("Vertreten durch")
    def choose_stand_in(self) -> None:
        row = self.selected_attendance()
        d = self.host.detail
        if row is None or d is None:
            return
        proposal = attendance.propose_stand_in(self.host.ctx.store, row.id)
        same_body = [a for a in d.attendance if a.body_id == row.body_id and a.person_id != row.person_id]
        others = [a for a in d.attendance if a.body_id != row.body_id and a.person_id != row.person_id]
        choices = [Choice(a.person_id, a.person, a.role, a.organisation) for a in same_body + others]
        preselect = proposal.deputy_person_id if proposal else (same_body[0].person_id if same_body else None)
        person_id = person_picker.pick(self, f"{row.person} vertreten durch …", choices, preselect)
        if person_id is None:
            return
        attendance.record_stand_in(self.host.ctx.store, row.id, person_id)
        self._after(row.person_id)

    @user_action("Gast hinzufügen")
    def add_guest(self) -> None:
        d = self.host.detail
        if self.host.meeting_id is None or d is None:
            return
        on_list = {a.person_id for a in d.attendance}
        choices = [p for p in meetings.person_choices(self.host.ctx.store) if p.id not in on_list]
        person_id = person_picker.pick(self, "Gast hinzufügen", choices)
        if person_id is None:
            return
        self.add_guest_person(person_id)

    def add_guest_person(self, person_id: int) -> None:
        if self.host.meeting_id is None:
            return
        attendance.add_guest(self.host.ctx.store, self.host.meeting_id, person_id)
        self._after(person_id)

    @user_action("Gast entfernen")
    def remove_guest(self) -> None:
        row = self.selected_attendance()
        if row is None:
            return
        if not messages.confirm(self, "Gast entfernen", f"{row.person} von der Anwesenheitsliste entfernen?"):
            return
        attendance.remove_guest(self.host.ctx.store, row.id)
        self._after()
