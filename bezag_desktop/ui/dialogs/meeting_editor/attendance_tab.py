"""The Anwesenheit tab: who is expected and who came, with the live quorum.

Replies, statuses at the meeting, stand-ins ("vertreten durch") and the arrival and departure times
are a draft kept per attendance row until the dialog saves the whole form (``save_meeting_form``, one
transaction). The list, the quorum line and the counts show the stored rows with the draft laid over
them (``meetings.preview_attendance``, the same rules as saving), so they follow every click before
anything is written. Building the list from the mandates and adding or removing a guest change which
rows exist: they are written at once, and the reload lays the draft over the new list.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from bezag_desktop.domain.codes import AttendanceStatus, InviteRole, Reply
from bezag_desktop.domain.rules import PRESENT
from bezag_desktop.domain.timeutil import fmt_time
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import (
    AttendanceEdit,
    AttendanceRow,
    Choice,
    MeetingDetail,
    MeetingForm,
    ReplyEdit,
    attendance,
)
from bezag_desktop.ui import messages
from bezag_desktop.ui.dialogs.meeting_editor.base import EditorHost, EditorTab, count_text, parse_clock
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets import person_picker
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.table import FilterTable

ATTENDANCE_COLUMNS: tuple[Column[AttendanceRow], ...] = (
    Column("Person", lambda a: a.person),
    Column("Körperschaft/Organisation", lambda a: a.organisation),
    Column("Rolle", lambda a: a.role_label),
    Column("Rückmeldung", lambda a: a.reply_label),
    Column("Status", lambda a: a.status_label),
    Column("vertritt", lambda a: a.stands_in_for),
    Column("Kommt", lambda a: fmt_time(a.arrival)),
    Column("Geht", lambda a: fmt_time(a.departure)),
    Column("Bemerkung", lambda a: a.notes),
)


def _highlight(row: AttendanceRow) -> str | None:
    if row.status in PRESENT:
        return "ok"
    if row.status in (AttendanceStatus.ENTSCHULDIGT.value, AttendanceStatus.ABWESEND.value):
        return "warning"
    if row.status == AttendanceStatus.VERTRETEN.value:
        return "muted"
    return None


class AttendanceTab(EditorTab):
    """``load(detail)``; the draft per attendance id: ``replies``, ``statuses`` and ``times``."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        #: Replies chosen, per attendance id (only those that differ from the stored reply).
        self.replies: dict[int, str] = {}
        #: Status at the meeting, stand-in and "deputy present" per attendance id (as ``AttendanceEdit``
        #: without times: the times are in ``times``).
        self.statuses: dict[int, AttendanceEdit] = {}
        #: Typed arrival and departure texts per attendance id.
        self.times: dict[int, tuple[str, str]] = {}
        self._stored: MeetingDetail | None = None
        #: The stored attendance rows by id (of ``_stored``).
        self._stored_rows: dict[int, AttendanceRow] = {}
        #: The stored meeting with the draft laid over it: what the list and the labels show.
        self.preview: MeetingDetail | None = None
        self._rows: dict[int, AttendanceRow] = {}
        self._shown_id: int | None = None
        self.quorum_label = QLabel(self)
        font = self.quorum_label.font()
        font.setBold(True)
        self.quorum_label.setFont(font)
        self.expected_label = QLabel(self)
        self.build_button = push_button(self, "Teilnehmende aus den Mandaten übernehmen", self.build_attendance)
        self.attendance_model: RowsModel[AttendanceRow] = RowsModel(ATTENDANCE_COLUMNS, highlight=_highlight)
        self.attendance_table = FilterTable(
            self.attendance_model, placeholder="Person oder Körperschaft …", parent=self
        )
        self.attendance_table.selection_changed.connect(lambda _row: self._show_row())
        self.add_guest_button = push_button(self, "Gast hinzufügen…", self.add_guest)
        self.remove_guest_button = push_button(self, "Gast entfernen", self.remove_guest)
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
        self.stand_in_button = push_button(self, "Vertreten durch…", self.choose_stand_in)
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
        self._stored_rows = stored = {r.id: r for r in d.attendance}
        self._stored = d
        # what equals the stored row again (or whose row is gone) is no draft any more
        self.replies = {i: r for i, r in self.replies.items() if i in stored and r != stored[i].reply}
        self.statuses = {
            i: e
            for i, e in self.statuses.items()
            if i in stored and (e.status, e.stood_in_by_id) != (stored[i].status, stored[i].stood_in_by_id)
        }
        self.times = {i: t for i, t in self.times.items() if i in stored and t != self._stored_times(stored[i])}
        self._show_draft()

    def _show_draft(self) -> None:
        """List and labels from the stored meeting with the draft laid over it (after every change)."""
        d = self._stored
        if d is None:
            return
        self.preview = p = meetings.preview_attendance(d, self.reply_edits(), self._status_edits())
        self._rows = {r.id: r for r in p.attendance}
        selected = self._shown_id
        self.attendance_model.set_rows(list(p.attendance))
        if selected is not None:
            self.attendance_table.select_where(lambda r: r is not None and r.id == selected)
        self.attendance_table.resize_columns()
        self.quorum_label.setText(p.quorum_label)
        self.quorum_label.setStyleSheet("color: #146c43;" if p.quorum.reached else "color: #b02a37;")
        replies = p.replies
        self.expected_label.setText(
            f"Rückmeldungen: {count_text(replies.get('zugesagt', 0), 'Zusage', 'Zusagen')}, "
            f"{count_text(replies.get('abgesagt', 0), 'Absage', 'Absagen')}, "
            f"{replies.get('offen', 0)} offen – erwartet werden {p.expected_bodies} von {p.voting_bodies} "
            "Körperschaften."
        )
        self._show_row()

    @staticmethod
    def _stored_times(row: AttendanceRow) -> tuple[str, str]:
        return fmt_time(row.arrival), fmt_time(row.departure)

    def remember(self) -> None:
        if self._shown_id is not None and self._shown_id in self._rows:
            self.times[self._shown_id] = (self.arrival_edit.text(), self.departure_edit.text())

    def clear_draft(self) -> None:
        self.replies.clear()
        self.statuses.clear()
        self.times.clear()

    @property
    def has_draft(self) -> bool:
        return bool(self.replies or self.statuses or self.times)

    def reply_edits(self) -> tuple[ReplyEdit, ...]:
        return tuple(ReplyEdit(i, reply) for i, reply in self.replies.items())

    def _status_edits(self, extra: dict[int, AttendanceEdit] | None = None) -> tuple[AttendanceEdit, ...]:
        """The status part of the draft with the stored times, stand-ins first as saving writes them."""
        stored = self._stored_rows
        edits = [
            replace(e, arrival=stored[i].arrival, departure=stored[i].departure)
            for i, e in {**self.statuses, **(extra or {})}.items()
            if i in stored
        ]
        return meetings.ordered_attendance(edits)

    def _check_and_keep(self, edit: AttendanceEdit) -> None:
        """Put one row's status into the draft once the service's rules pass (nothing is written):
        "Gast" only for guests, a stand-in only from the same body and only once, …"""
        d = self._stored
        if d is None:
            return
        form = MeetingForm(
            d.id,
            meetings.details_of(d),
            replies=self.reply_edits(),
            attendance=self._status_edits({edit.attendance_id: edit}),
        )
        try:
            meetings.check_meeting_form(self.host.ctx.store, form, today=self.host.ctx.today())
        except Exception:
            self._show_row()  # the inputs show the draft again, not the refused choice
            raise
        self.statuses[edit.attendance_id] = edit

    def edits(self) -> tuple[AttendanceEdit, ...]:
        """Status, stand-in and typed times of every row with a draft, as the form takes them."""
        stored = self._stored_rows
        out: list[AttendanceEdit] = []
        for att_id in [i for i in stored if i in self.statuses or i in self.times]:
            row = stored[att_id]
            state = self.statuses.get(att_id) or AttendanceEdit(att_id, row.status, row.stood_in_by_id)
            arrival, departure = self.times.get(att_id) or (None, None)
            out.append(
                AttendanceEdit(
                    attendance_id=att_id,
                    status=state.status,
                    stood_in_by_id=state.stood_in_by_id,
                    arrival=row.arrival if arrival is None else parse_clock(arrival, f"Kommt, {row.person}"),
                    departure=row.departure if departure is None else parse_clock(departure, f"Geht, {row.person}"),
                    deputy_present=state.deputy_present,
                )
            )
        return meetings.ordered_attendance(out)

    def selected_attendance(self) -> AttendanceRow | None:
        """The selected row as shown (the draft laid over it)."""
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
            has and row is not None and row.role in attendance.MEMBER_ROLES and bool(row.body)
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

    def _draft_changed(self, person_id: int) -> None:
        self.changed.emit()
        self._show_draft()
        self.select_attendance(person_id)

    # --- replies, statuses and stand-ins: the draft -------------------------------------------

    @user_action("Rückmeldung erfassen")
    def set_reply(self, reply: str) -> None:
        row = self.selected_attendance()
        stored = self._stored_row(row)
        if row is None or stored is None or reply == row.reply:
            return
        if reply == stored.reply:
            self.replies.pop(row.id, None)
        else:
            self.replies[row.id] = reply
        self._draft_changed(row.person_id)
        if reply == Reply.ABGESAGT.value:
            self._offer_stand_in(row.id, before_meeting=self._before_meeting())

    @user_action("Anwesenheit erfassen")
    def set_attendance_status(self, status: str | None) -> None:
        row = self.selected_attendance()
        stored = self._stored_row(row)
        if row is None or stored is None or status == row.status:
            return
        if (status, None) == (stored.status, stored.stood_in_by_id):
            self.statuses.pop(row.id, None)
        else:
            self._check_and_keep(AttendanceEdit(row.id, status))
        self._draft_changed(row.person_id)
        if status in attendance.ABSENT:
            self._offer_stand_in(row.id)

    def _stored_row(self, row: AttendanceRow | None) -> AttendanceRow | None:
        return self._stored_rows.get(row.id) if row is not None else None

    def _before_meeting(self) -> bool:
        d = self.host.detail
        return d is not None and d.start.date() > self.host.ctx.today()

    def _proposal(self, attendance_id: int) -> attendance.StandInProposal | None:
        """The deputy to propose for a member who declined or is absent in the draft (as
        ``attendance.propose_stand_in`` does for the stored rows): free and not absent themselves."""
        row = self._rows.get(attendance_id)
        if row is None or not attendance.needs_stand_in(row.role, row.body_id, row.status, row.reply):
            return None
        shown = {r.person_id: r for r in self._rows.values()}
        busy = {
            r.stood_in_by_id
            for r in self._rows.values()
            if r.status == AttendanceStatus.VERTRETEN.value and r.id != attendance_id
        }

        def usable(p: attendance.StandInProposal) -> bool:
            own = shown.get(p.deputy_person_id)
            declined = own is not None and (own.reply == Reply.ABGESAGT.value or own.status in attendance.ABSENT)
            return p.deputy_person_id not in busy and not declined

        candidates = meetings.stand_in_candidates(self.host.ctx.store, attendance_id)
        return next((p for p in candidates if usable(p)), None)

    def _offer_stand_in(self, attendance_id: int, *, before_meeting: bool = False) -> None:
        """A member declined or is excused: propose the body's deputy as stand-in (into the draft).

        Before the meeting (a declining reply) the deputy is only named: the next invitation asks
        them as a required participant, and their presence is recorded at the meeting.
        """
        proposal = self._proposal(attendance_id)
        if proposal is None:
            return
        question = f"Soll {proposal.deputy} als Vertretung eingetragen werden?"
        if before_meeting:
            question += (
                f" Mit der nächsten Einladung (Aktualisierung) wird {proposal.deputy} dann als erforderliche "
                "statt als optionale Teilnahme eingeladen."
            )
        if messages.confirm(self, "Stellvertretung", f"{proposal.text}\n\n{question}", default_yes=True):
            self._stand_in(attendance_id, proposal.deputy_person_id, deputy_present=not before_meeting)

    def _stand_in(self, attendance_id: int, deputy_person_id: int, *, deputy_present: bool = True) -> None:
        """Lay "vertreten durch" into the draft after the service's rules passed (same body, free deputy)."""
        d = self._stored
        if d is None or self.host.meeting_id is None:
            return
        if deputy_person_id not in {r.person_id for r in d.attendance}:
            # the deputy is not on the list yet: the stand-in adds their row, so it is written at once
            # (like building the list); the member's status is then the stored "vertreten"
            attendance.record_stand_in(
                self.host.ctx.store, attendance_id, deputy_person_id, mark_present=deputy_present
            )
            self.statuses.pop(attendance_id, None)
            self.host.refresh()
            self.select_attendance(deputy_person_id)
            return
        self._check_and_keep(
            AttendanceEdit(
                attendance_id, AttendanceStatus.VERTRETEN.value, deputy_person_id, deputy_present=deputy_present
            )
        )
        self._draft_changed(deputy_person_id)

    @user_action("Vertreten durch")
    def choose_stand_in(self) -> None:
        row = self.selected_attendance()
        p = self.preview
        if row is None or p is None:
            return
        proposal = self._proposal(row.id)
        same_body = [a for a in p.attendance if a.body_id == row.body_id and a.person_id != row.person_id]
        others = [a for a in p.attendance if a.body_id != row.body_id and a.person_id != row.person_id]
        choices = [Choice(a.person_id, a.person, a.role, a.organisation) for a in same_body + others]
        preselect = proposal.deputy_person_id if proposal else (same_body[0].person_id if same_body else None)
        person_id = person_picker.pick(self, f"{row.person} vertreten durch …", choices, preselect)
        if person_id is None:
            return
        self._stand_in(row.id, person_id)
        self.select_attendance(row.person_id)

    # --- immediate actions: they change which rows exist -------------------------------------

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
