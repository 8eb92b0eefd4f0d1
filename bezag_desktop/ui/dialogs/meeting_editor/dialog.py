"""The meeting editor dialog: four tabs over one meeting, saved as one whole form.

What the user types or chooses (Allgemein, an agenda item's fields, the minutes of each TOP, replies,
attendance with stand-ins and times) is a draft kept by the tabs per record until "Speichern" (or
Ctrl+S) writes all of it through one operation, ``save_meeting_form``, in one transaction. Actions
that change which records exist (add, delete or move an item, attachments, copying items, building
the attendance list, guests, approving the previous minutes) are written at once; the view is then reloaded from the database with the drafts laid over
it again, so nothing typed is lost. While the draft holds changes the title carries ``*``; closing
(Schließen, Esc, the window's close button) or handing over to a dialog that reads the database (the
invitation, the minutes export, the election) asks "Änderungen speichern?" first.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QPushButton, QTabWidget, QVBoxLayout, QWidget

from bezag_desktop.domain.codes import MeetingStatus
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import AgendaItemEdit, EditorData, MeetingDetail, MeetingForm, SaveResult
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.meeting_editor.agenda_tab import AgendaTab
from bezag_desktop.ui.dialogs.meeting_editor.attendance_tab import AttendanceTab
from bezag_desktop.ui.dialogs.meeting_editor.base import EditorTab
from bezag_desktop.ui.dialogs.meeting_editor.general_tab import GeneralTab
from bezag_desktop.ui.dialogs.meeting_editor.minutes_tab import MinutesTab
from bezag_desktop.ui.guard import run_action, user_action
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.editor_buttons import EditorButtons
from bezag_desktop.ui.widgets.unsaved import ChangeTracker, install_save_shortcut, resolve_unsaved, title_with_mark

TAB_GENERAL, TAB_AGENDA, TAB_ATTENDANCE, TAB_MINUTES = range(4)
#: How the question names what holds unsaved changes ("Die Sitzung enthält ungespeicherte Änderungen.").
WHAT = "Die Sitzung"


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
        self._data: EditorData | None = None
        self._base_title = "Sitzung"
        self.resize(1000, 720)
        self.general_tab = GeneralTab(self, self)
        self.agenda_tab = AgendaTab(self, self)
        self.attendance_tab = AttendanceTab(self, self)
        self.minutes_tab = MinutesTab(self, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.general_tab, "&Allgemein")
        self.tabs.addTab(self.agenda_tab, "&Tagesordnung")
        self.tabs.addTab(self.attendance_tab, "A&nwesenheit")
        self.tabs.addTab(self.minutes_tab, "&Protokoll")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.buttons = EditorButtons(self, extra=self._build_handover_buttons())
        self.save_button = self.buttons.save_button
        self.close_button = self.buttons.close_button
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.save_shortcut = install_save_shortcut(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        # the inputs other pages' tests and callers drive, as on the one-form dialog before the split
        self.committee_combo = self.general_tab.committee_combo
        self.start_edit = self.general_tab.start_edit
        self.end_edit = self.general_tab.end_edit
        self.location_name_edit = self.general_tab.location_name_edit
        self.build_button = self.attendance_tab.build_button
        self.attendance_model = self.attendance_tab.attendance_model
        self.attendance_table = self.attendance_tab.attendance_table
        self.set_attendance_status = self.attendance_tab.set_attendance_status

        self.tracker = ChangeTracker(self)
        self.tracker.dirty_changed.connect(self._dirty_changed)
        if not ctx.read_only:  # nothing can be saved: nothing to ask about
            self.tracker.watch(*self._all_tabs())
        self._first_load(committee_id)

    def _build_handover_buttons(self) -> tuple[QPushButton, ...]:
        self.invitation_button = push_button(self, "Einladung erstellen…", self.create_invitation)
        self.minutes_export_button = push_button(self, "Niederschrift…", self.export_minutes)
        self.attendance_sheet_button = push_button(self, "Anwesenheitsliste…", self.export_attendance_sheet)
        self.print_button = push_button(self, "Niederschrift drucken", self.print_minutes)
        return (self.invitation_button, self.minutes_export_button, self.attendance_sheet_button, self.print_button)

    # --- loading --------------------------------------------------------------------------------

    def _read(self, committee_id: int | None = None) -> EditorData:
        return meetings.editor_data(self.ctx.store, self.meeting_id, committee_id=committee_id, today=self.ctx.today())

    def _first_load(self, committee_id: int | None) -> None:
        data = self._read(committee_id)
        self.general_tab.set_choices(data.committees, data.persons)
        if data.defaults is not None:
            self.general_tab.prefill(data.defaults)
        self._show(data)

    def reload(self, *, select_item: int | None = None) -> None:
        """Read the meeting again and show it in every tab, with the drafts laid over it."""
        self._show(self._read(), select_item=select_item)

    def _show(self, data: EditorData, *, select_item: int | None = None) -> None:
        self._data = data
        self.detail = d = data.detail
        has_meeting = d is not None
        for tab in (TAB_AGENDA, TAB_ATTENDANCE, TAB_MINUTES):
            self.tabs.setTabEnabled(tab, has_meeting)
        for b in (self.invitation_button, self.minutes_export_button, self.attendance_sheet_button, self.print_button):
            b.setEnabled(has_meeting)
        if d is None:
            self._base_title = "Neue Sitzung"
        else:
            self._base_title = f"Sitzung: {d.title} – {d.committee}"
            self.general_tab.load(d, data.statuses)
            self.agenda_tab.load(d, data.election_proposal, select_item)
            self.attendance_tab.load(d)
            self.minutes_tab.load(self._with_attendance(d), self.agenda_tab.rows(), data.previous)
        self.setWindowTitle(title_with_mark(self._base_title, self.tracker.dirty))
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        if not self.ctx.read_only:
            return
        navigation = (self.close_button, self.minutes_tab.open_previous_button)  # reading stays possible
        for w in self.findChildren(QPushButton):
            if w not in navigation:
                w.setEnabled(False)

    def refresh(self, *, select_item: int | None = None) -> None:
        """After an immediate action: reload (drafts are kept) and tell the pages."""
        self.reload(select_item=select_item)
        self._notify()
        if not self.tracker.dirty:
            self.buttons.show_saved(datetime.now())

    def _notify(self) -> None:
        if self.meeting_id is not None:
            self.meeting_saved.emit(self.meeting_id)
        self.ctx.notify("meetings")

    def _dirty_changed(self, dirty: bool) -> None:
        self.setWindowTitle(title_with_mark(self._base_title, dirty))
        self.buttons.show_dirty(dirty)

    def _tab_changed(self, index: int) -> None:
        d, data = self.detail, self._data
        if index == TAB_MINUTES and d is not None and data is not None:
            # an item's title or kind edited on the Tagesordnung tab shows here before saving
            self.minutes_tab.load(self._with_attendance(d), self.agenda_tab.rows(), data.previous)
        if index == TAB_ATTENDANCE and d is not None and not d.attendance:
            self.build_button.setFocus()

    def _with_attendance(self, d: MeetingDetail) -> MeetingDetail:
        """The meeting with the attendance draft laid over it: the voters the minutes are checked against."""
        preview = self.attendance_tab.preview
        return preview if preview is not None and preview.id == d.id else d

    # --- saving the whole form ------------------------------------------------------------------

    def save(self) -> bool:
        """Speichern and Ctrl+S: write the whole form; False (with the German message shown) if refused."""
        if self.ctx.read_only:
            return False
        return bool(run_action(self, "Sitzung speichern", self._save))

    def form(self) -> MeetingForm:
        """Everything typed, as the one operation takes it (checks the form's own input first)."""
        details = self.general_tab.values()
        if details.committee_id is None:
            raise ValidationError("Bitte ein Gremium wählen.")
        item_ids = sorted(set(self.agenda_tab.drafts) | set(self.minutes_tab.drafts))
        items = tuple(
            AgendaItemEdit(i, item=self.agenda_tab.drafts.get(i), minutes=self.minutes_tab.drafts.get(i))
            for i in item_ids
        )
        return MeetingForm(
            meeting_id=self.meeting_id,
            details=details,
            status=self.general_tab.wanted_status(),
            items=items,
            replies=self.attendance_tab.reply_edits(),
            attendance=self.attendance_tab.edits(),
        )

    def _save(self) -> bool:
        form = self.form()
        d = self.detail
        if form.status == MeetingStatus.ABGESAGT.value and d is not None and not self._confirm_cancel(d):
            self.general_tab.reset_status()
            return False
        result = meetings.save_meeting_form(self.ctx.store, form, today=self.ctx.today())
        created = self.meeting_id is None
        self.meeting_id = result.meeting_id
        self._clear_drafts()
        self.reload()
        self.tracker.mark_clean()
        self.buttons.show_saved(datetime.now())
        self._notify()
        if created:
            self.tabs.setCurrentIndex(TAB_AGENDA)
        self._say_sequence(result)
        return True

    def _confirm_cancel(self, d: MeetingDetail) -> bool:
        return messages.confirm(self, "Sitzung absagen", f"„{d.title}“ am {fmt_date(d.start)} wirklich absagen?")

    def _say_sequence(self, result: SaveResult) -> None:
        if not result.sequence_raised:
            return
        if result.cancelled:
            messages.info(
                self,
                "Sitzung abgesagt",
                "Es wurde bereits eingeladen: Bitte die Absage versenden („Einladung erstellen…“), "
                "damit der Termin aus den Kalendern verschwindet.",
            )
            return
        messages.info(
            self,
            "Sitzung gespeichert",
            f"Zeit oder Ort haben sich nach der Einladung geändert (Kalender-Sequenz jetzt {result.sequence}). "
            "Bitte die aktualisierte Einladung versenden („Einladung erstellen…“).",
        )

    # --- closing and handing over: nothing typed is lost without a question ---------------------

    def save_first(self) -> bool:
        """Speichern / Verwerfen / Abbrechen before something that reads the stored meeting."""
        if not self.tracker.dirty:
            return True
        if not resolve_unsaved(self, self.tracker, WHAT, self.save):
            return False
        if self.meeting_id is not None and self._has_drafts():  # Verwerfen: show the stored meeting again
            self._clear_drafts()
            self.reload()
        return True

    def _all_tabs(self) -> tuple[EditorTab, ...]:
        return (self.general_tab, self.agenda_tab, self.attendance_tab, self.minutes_tab)

    def _clear_drafts(self) -> None:
        for tab in self._all_tabs():
            tab.clear_draft()

    def _has_drafts(self) -> bool:
        return bool(
            self.general_tab.edited
            or self.agenda_tab.drafts
            or self.minutes_tab.drafts
            or self.attendance_tab.has_draft
        )

    def switch_to(self, meeting_id: int) -> bool:
        """Another meeting in this window ("Vorige Sitzung öffnen"): asks first, like closing."""
        if not resolve_unsaved(self, self.tracker, WHAT, self.save):
            return False
        self._clear_drafts()
        self.tracker.mark_clean()
        self.meeting_id = meeting_id
        self.reload()
        return True

    def reject(self) -> None:
        """Schließen, Esc and the window's close button: ask first when something was changed."""
        if resolve_unsaved(self, self.tracker, WHAT, self.save):
            super().reject()

    @user_action("Wahl erfassen")
    def record_election(self) -> None:
        if self.meeting_id is None or not self.save_first():
            return
        from bezag_desktop.ui.dialogs import election_dialog  # written by the elections area

        election_dialog.ask(self, self.ctx, self.meeting_id)
        self.reload()
        self.ctx.notify("elections")

    @user_action("Einladung erstellen")
    def create_invitation(self) -> None:
        if self.meeting_id is None or not self.save_first():
            return
        from bezag_desktop.ui.dialogs import invitation_dialog  # written by the invitations area

        invitation_dialog.ask(self, self.ctx, self.meeting_id)
        self.reload()
        self._notify()

    @user_action("Niederschrift")
    def export_minutes(self) -> None:
        if self.meeting_id is None or not self.save_first():
            return
        from bezag_desktop.ui.dialogs import minutes_export  # written by the minutes area

        minutes_export.export_minutes(self, self.ctx, self.meeting_id)

    @user_action("Anwesenheitsliste")
    def export_attendance_sheet(self) -> None:
        if self.meeting_id is None or not self.save_first():
            return
        from bezag_desktop.ui.dialogs import minutes_export

        minutes_export.export_attendance_sheet(self, self.ctx, self.meeting_id)

    @user_action("Niederschrift drucken")
    def print_minutes(self) -> None:
        if self.meeting_id is None or not self.save_first():
            return
        from bezag_desktop.ui.dialogs import minutes_export

        minutes_export.print_minutes(self, self.ctx, self.meeting_id)


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
