"""The Allgemein tab: committee, kind, title, time, place, minute taker, status and notes.

The inputs are the draft: once the user has edited them, a reload after an immediate action in another
tab leaves them alone, so nothing typed here is overwritten before the dialog saves the whole form.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from bezag_desktop.domain.codes import MeetingKind, MeetingStatus
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import Choice, MeetingDetail, MeetingInput
from bezag_desktop.ui.dialogs.meeting_editor.base import EditorHost, EditorTab
from bezag_desktop.ui.widgets.dates import DateTimeEdit
from bezag_desktop.ui.widgets.fields import text_area


class GeneralTab(EditorTab):
    """``load(detail, statuses)`` or ``prefill(defaults)``; ``values()`` and ``wanted_status()`` for saving."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        #: The user changed something here since the last load or save.
        self.edited = False
        self._last_start: QDateTime | None = None
        self.committee_combo = QComboBox(self)
        self.committee_combo.activated.connect(self._committee_chosen)
        self.kind_combo = QComboBox(self)
        for code, label in MeetingKind.choices():
            self.kind_combo.addItem(label, code)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("automatisch, z. B. „2. Sitzung 2027“")
        self.start_edit = DateTimeEdit(self)
        self.end_edit = DateTimeEdit(self)
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.location_name_edit = QLineEdit(self)
        self.location_name_edit.setPlaceholderText("z. B. Bezirk Oberbayern, Sitzungssaal")
        self.location_address_edit = QLineEdit(self)
        self.location_room_edit = QLineEdit(self)
        self.online_edit = QLineEdit(self)
        self.online_edit.setPlaceholderText("https://…")
        self.travel_edit = text_area(self, max_height=70)
        self.minute_taker_combo = QComboBox(self)
        self.status_combo = QComboBox(self)
        self.notes_edit = text_area(self, max_height=70)
        self.calendar_label = QLabel(self)
        self.calendar_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.tracker.watch(
            self.committee_combo,
            self.kind_combo,
            self.title_edit,
            self.start_edit,
            self.end_edit,
            self.location_name_edit,
            self.location_address_edit,
            self.location_room_edit,
            self.online_edit,
            self.travel_edit,
            self.minute_taker_combo,
            self.status_combo,
            self.notes_edit,
        )

    # --- filling ------------------------------------------------------------------------------

    def set_choices(self, committees: Sequence[Choice], persons: Sequence[Choice]) -> None:
        with self.tracker.loading():
            self.committee_combo.clear()
            for c in committees:
                self.committee_combo.addItem(f"{c.name} ({c.detail})", c.id)
            self.minute_taker_combo.clear()
            self.minute_taker_combo.addItem("– noch offen –", None)
            for p in persons:
                self.minute_taker_combo.addItem(str(p), p.id)

    def prefill(self, defaults: MeetingInput) -> None:
        """A new meeting: the committee's usual place and times, status "geplant"."""
        with self.tracker.loading():
            idx = self.committee_combo.findData(defaults.committee_id)
            if idx >= 0:
                self.committee_combo.setCurrentIndex(idx)
            self._set_values(defaults)
            self.status_combo.clear()
            self.status_combo.addItem(MeetingStatus.GEPLANT.label, MeetingStatus.GEPLANT.value)
            self.calendar_label.setText("Die Kalenderkennung (UID) entsteht beim ersten Speichern.")

    def load(self, d: MeetingDetail, statuses: Sequence[str]) -> None:
        """Show the stored meeting, unless the user is editing it (then the inputs are the draft)."""
        self.committee_combo.setEnabled(False)
        self.calendar_label.setText(
            f"UID {d.uid} · Sequenz {d.sequence} · "
            + (f"{d.invitation_count}× eingeladen" if d.invited else "noch nicht eingeladen")
        )
        if self.edited:
            return
        with self.tracker.loading():
            idx = self.committee_combo.findData(d.committee_id)
            if idx < 0:
                self.committee_combo.addItem(d.committee, d.committee_id)
                idx = self.committee_combo.count() - 1
            self.committee_combo.setCurrentIndex(idx)
            if d.minute_taker_id is not None and self.minute_taker_combo.findData(d.minute_taker_id) < 0:
                self.minute_taker_combo.addItem(d.minute_taker, d.minute_taker_id)
            self._set_values(meetings.details_of(d))
            self.status_combo.clear()
            for code in statuses:
                self.status_combo.addItem(MeetingStatus(code).label, code)
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))

    def _set_values(self, data: MeetingInput) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(data.kind)))
        self.title_edit.setText(data.title)
        self.start_edit.set_value(data.start)
        self.end_edit.set_value(data.end or data.start)
        self._last_start = QDateTime(self.start_edit.dateTime())
        self.location_name_edit.setText(data.location_name)
        self.location_address_edit.setText(data.location_address)
        self.location_room_edit.setText(data.location_room)
        self.online_edit.setText(data.online_url)
        self.travel_edit.setPlainText(data.travel_notes)
        self.minute_taker_combo.setCurrentIndex(max(0, self.minute_taker_combo.findData(data.minute_taker_id)))
        self.notes_edit.setPlainText(data.notes)
        for edit in (self.title_edit, self.location_name_edit, self.location_address_edit, self.location_room_edit):
            edit.setCursorPosition(0)  # long texts show their beginning

    def remember(self) -> None:
        self.edited = True

    def clear_draft(self) -> None:
        self.edited = False

    def reset_status(self) -> None:
        """The user declined to cancel: show the stored status again."""
        d = self.host.detail
        if d is not None:
            with self.tracker.loading():
                self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))

    # --- reading ------------------------------------------------------------------------------

    def values(self) -> MeetingInput:
        start, end = self.start_edit.value(), self.end_edit.value()
        d = self.host.detail
        # A stored meeting without an end shows end = start; saved unchanged it keeps having none.
        no_end = d is not None and d.end is None and end == start
        return MeetingInput(
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
            rsvp_date=d.rsvp_date if d else None,
            notes=self.notes_edit.toPlainText(),
        )

    def wanted_status(self) -> str | None:
        """The status the user chose, or None to keep the stored one."""
        d = self.host.detail
        wanted = self.status_combo.currentData()
        if d is None or not wanted or wanted == d.status:
            return None
        return str(wanted)

    # --- reactions ----------------------------------------------------------------------------

    def _committee_chosen(self, _index: int) -> None:
        """A new meeting of another committee starts from that committee's usual place and times."""
        committee_id = self.committee_combo.currentData()
        if self.host.meeting_id is None and committee_id is not None:
            defaults = meetings.default_new_meeting(self.host.ctx.store, committee_id, self.host.ctx.today())
            with self.tracker.loading():
                self._set_values(defaults)

    def _start_moved(self, new: QDateTime) -> None:
        """Keep the duration when the start moves (the end follows)."""
        previous = self._last_start
        if previous is not None and self.end_edit.dateTime() >= previous:
            self.end_edit.setDateTime(self.end_edit.dateTime().addSecs(previous.secsTo(new)))
        self._last_start = QDateTime(new)
