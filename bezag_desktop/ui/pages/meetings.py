"""Sitzungen: the list of all meetings (filtered, sortable, with warnings), a year view by month,
and the open action items across meetings (Beschlusskontrolle)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import ActionStatus, MeetingStatus
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.findings import Finding, RefKind
from bezag_desktop.domain.timeutil import fmt_date, fmt_time, parse_local
from bezag_desktop.services import checks, meetings
from bezag_desktop.services.meetings import MeetingRow, actions
from bezag_desktop.services.meetings.actions import ActionRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.fields import caption
from bezag_desktop.ui.widgets.table import FilterTable

TAB_LIST, TAB_YEAR, TAB_ACTIONS = range(3)
#: Areas of the Geschäftsordnung checks shown above the list: meetings and the plenary minimum.
MEETING_AREAS = frozenset({"sitzungen", "plenum"})
ID_ROLE = Qt.ItemDataRole.UserRole

MEETING_COLUMNS: tuple[Column[MeetingRow], ...] = (
    Column("Beginn", lambda m: m.start),
    Column("Ende", lambda m: fmt_time(m.end)),
    Column("Gremium", lambda m: m.committee),
    Column("Sitzung", lambda m: m.title),
    Column("Art", lambda m: m.kind_label),
    Column("Ort", lambda m: m.location or m.online_url),
    Column("Status", lambda m: m.status_label),
    Column("eingeladen", lambda m: m.invited),
)
ACTION_COLUMNS: tuple[Column[ActionRow], ...] = (
    Column("Fällig", lambda a: a.due_date),
    Column("Aufgabe", lambda a: a.text),
    Column("Verantwortlich", lambda a: a.responsible),
    Column("Status", lambda a: a.status_label),
    Column("Gremium", lambda a: a.committee),
    Column("aus", lambda a: a.source),
    Column("übernommen in", lambda a: a.carried_to),
)


def _year_text(m: MeetingRow) -> str:
    return f"{fmt_date(m.start)[:6]} {fmt_time(m.start)}  {m.title} – {m.committee} ({m.status_label})"


class MeetingsPage(Page):
    title = "Sitzungen"
    areas = ("meetings", "committees", "people", "mandates", "chairs", "settings", "elections")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._warnings: dict[int, list[str]] = {}
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_list(), "&Liste")
        self.tabs.addTab(self._build_year(), "Jahres&ansicht")
        self.tabs.addTab(self._build_actions(), "A&ufgaben")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

        self.new_button = push_button(self, "Neue Sitzung", self.new_meeting, tip="Neue Sitzung planen (Strg+N)")
        self.edit_button = push_button(
            self, "Bearbeiten", self.edit_meeting, tip="Gewählte Sitzung öffnen (Eingabe oder F2)"
        )
        self.copy_button = push_button(
            self, "Kopieren", self.copy_meeting, tip="Neue Sitzung mit Ort und Tagesordnung der gewählten anlegen"
        )
        self.cancel_button = push_button(self, "Absagen", self.cancel_meeting)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self).activated.connect(self.new_meeting)
        QShortcut(QKeySequence("F2"), self).activated.connect(self.edit_meeting)
        top = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.copy_button, self.cancel_button):
            top.addWidget(b)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        if ctx.read_only:
            for b in (self.new_button, self.copy_button, self.cancel_button):
                b.setEnabled(False)

    # --- building -------------------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        page = QWidget(self)
        self.committee_filter = QComboBox(page)
        self.year_filter = QComboBox(page)
        self.status_filter = QComboBox(page)
        self.status_filter.addItem("alle Status", None)
        for code, status_label in MeetingStatus.choices():
            self.status_filter.addItem(status_label, code)
        for combo in (self.committee_filter, self.year_filter, self.status_filter):
            combo.activated.connect(lambda _i: self.refresh())
        self.warnings_label = QLabel(page)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setStyleSheet("QLabel { background: #fff3cd; padding: 4px; }")
        self.model: RowsModel[MeetingRow] = RowsModel(MEETING_COLUMNS, highlight=self._highlight)
        self.table = FilterTable(self.model, placeholder="Sitzung, Gremium oder Ort suchen …", parent=page)
        self.table.row_activated.connect(lambda row: self.edit_meeting())
        self.table.selection_changed.connect(lambda _row: self._update_buttons())
        filters = QHBoxLayout()
        for text, combo, stretch in (
            ("&Gremium:", self.committee_filter, 2),
            ("&Jahr:", self.year_filter, 0),
            ("&Status:", self.status_filter, 0),
        ):
            filters.addWidget(caption(page, text, combo))
            filters.addWidget(combo, stretch)
        filters.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.table, 1)
        return page

    def _build_year(self) -> QWidget:
        page = QWidget(self)
        self.year_spin = QSpinBox(page)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(self.ctx.today().year)
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.year_committee = QComboBox(page)
        self.year_committee.activated.connect(lambda _i: self.refresh())
        head = QHBoxLayout()
        head.addWidget(QLabel("Jahr:", page))
        head.addWidget(self.year_spin)
        head.addWidget(QLabel("Gremium:", page))
        head.addWidget(self.year_committee, 1)
        head.addStretch(1)
        grid = QGridLayout()
        self.month_boxes: list[QGroupBox] = []
        self.month_lists: list[QListWidget] = []
        for month in range(12):
            box = QGroupBox(meetings.MONTHS[month], page)
            lst = QListWidget(box)
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            lst.itemActivated.connect(self._open_year_item)
            lst.itemDoubleClicked.connect(self._open_year_item)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(4, 4, 4, 4)
            inner.addWidget(lst)
            grid.addWidget(box, month // 4, month % 4)
            self.month_boxes.append(box)
            self.month_lists.append(lst)
        layout = QVBoxLayout(page)
        layout.addLayout(head)
        layout.addLayout(grid, 1)
        return page

    def _build_actions(self) -> QWidget:
        page = QWidget(self)
        self.show_done = QCheckBox("auch erledigte Aufgaben zeigen", page)
        self.show_done.toggled.connect(lambda _b: self.refresh())
        self.actions_model: RowsModel[ActionRow] = RowsModel(ACTION_COLUMNS, highlight=self._action_highlight)
        self.actions_table = FilterTable(self.actions_model, placeholder="Aufgabe, Person oder Gremium …", parent=page)
        self.actions_table.row_activated.connect(lambda _row: self.edit_action())
        self.actions_table.selection_changed.connect(lambda _row: self._update_action_buttons())
        self.overdue_label = QLabel(page)
        self.action_status_button = push_button(page, "Status ändern…", self.change_action_status)
        self.action_done_button = push_button(
            page, "Erledigt", lambda: self.set_action_status(ActionStatus.ERLEDIGT.value)
        )
        self.action_edit_button = push_button(page, "Bearbeiten…", self.edit_action)
        self.carry_button = QPushButton("In nächste Sitzung übernehmen", page)
        self.carry_button.setToolTip(
            "Offene Aufgaben als TOP „Beschlusskontrolle“ auf die nächste Sitzung des Gremiums"
        )
        self.carry_button.clicked.connect(self.carry_actions)
        buttons = QHBoxLayout()
        for b in (self.action_status_button, self.action_done_button, self.action_edit_button, self.carry_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.overdue_label, 1)
        head.addWidget(self.show_done)
        layout = QVBoxLayout(page)
        layout.addLayout(head)
        layout.addWidget(self.actions_table, 1)
        layout.addLayout(buttons)
        self._update_action_buttons()
        return page

    def _update_action_buttons(self) -> None:
        row = self.selected_action()
        enabled = row is not None and not self.ctx.read_only
        for b in (self.action_status_button, self.action_edit_button):
            b.setEnabled(enabled)
        self.action_done_button.setEnabled(enabled and row is not None and row.status != ActionStatus.ERLEDIGT.value)
        self.carry_button.setEnabled(enabled and row is not None and row.committee_id is not None)

    # --- refreshing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        self._fill_committees()
        index = self.tabs.currentIndex()
        if index == TAB_LIST:
            self._refresh_list()
        elif index == TAB_YEAR:
            self._refresh_year()
        else:
            self._refresh_actions()

    def _fill_committees(self) -> None:
        choices = meetings.committee_choices(self.ctx.store, include_dissolved=True)
        for combo in (self.committee_filter, self.year_committee):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("alle Gremien", None)
            for c in choices:
                combo.addItem(c.name, c.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _refresh_list(self) -> None:
        current_year = self.year_filter.currentData()
        years = meetings.meeting_years(self.ctx.store)
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem("alle Jahre", None)
        for y in sorted(set(years) | {self.ctx.today().year}, reverse=True):
            self.year_filter.addItem(str(y), y)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(current_year)))
        self.year_filter.blockSignals(False)
        selected = self.selected_meeting()
        rows = meetings.list_meetings(
            self.ctx.store,
            committee=self.committee_filter.currentData(),
            year=self.year_filter.currentData(),
            status=self.status_filter.currentData(),
        )
        # the findings of ``bezag check`` that concern meetings (the same texts as on the Übersicht)
        warnings = [w for w in checks.collect_warnings(self.ctx.store, self.ctx.today()) if w.area in MEETING_AREAS]
        self._warnings = {}
        for w in warnings:
            if w.ref is not None and w.ref.kind is RefKind.MEETING:
                self._warnings.setdefault(w.ref.id, []).append(w.text)
        self.model.set_rows(rows)
        self._set_tooltips()
        self._show_warnings(warnings)
        self.table.resize_columns()
        if selected is not None:
            self.table.select_where(lambda r: r is not None and r.id == selected.id)
        self._update_buttons()

    def _set_tooltips(self) -> None:
        self.table.view.setToolTip("Doppelklick oder Eingabe öffnet die Sitzung")

    def _show_warnings(self, warnings: list[Finding]) -> None:
        self.warnings_label.setText(
            "\n".join(f"{'⚠' if w.level == checks.WARNUNG else 'ℹ'} {w.text}" for w in warnings)
        )
        self.warnings_label.setVisible(bool(warnings))

    def _highlight(self, row: MeetingRow) -> str | None:
        if row.id in self._warnings:
            return "warning"
        if row.status == MeetingStatus.ABGESAGT.value:
            return "muted"
        return None

    @staticmethod
    def _action_highlight(row: ActionRow) -> str | None:
        return "error" if row.overdue else None

    def _refresh_year(self) -> None:
        months = meetings.year_view(self.ctx.store, self.year_spin.value(), self.year_committee.currentData())
        for group, box, lst in zip(months, self.month_boxes, self.month_lists, strict=True):
            box.setTitle(f"{group.name} ({len(group.meetings)})" if group.meetings else group.name)
            lst.clear()
            for m in group.meetings:
                item = QListWidgetItem(_year_text(m))
                item.setData(ID_ROLE, m.id)
                item.setToolTip(f"{m.title}\n{m.committee}\n{m.location}")
                if m.status == MeetingStatus.ABGESAGT.value:
                    item.setForeground(QColor("#777777"))
                lst.addItem(item)

    def _refresh_actions(self) -> None:
        selected = self.selected_action()
        rows = actions.list_actions(self.ctx.store, open_only=not self.show_done.isChecked(), today=self.ctx.today())
        self.actions_model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        open_count = sum(1 for r in rows if r.status != ActionStatus.ERLEDIGT.value)
        self.overdue_label.setText(
            f"{open_count} offene Aufgaben, davon {overdue} überfällig (rot markiert)."
            if open_count
            else "Keine offenen Aufgaben."
        )
        self.actions_table.resize_columns()
        if selected is not None:
            self.actions_table.select_where(lambda r: r is not None and r.id == selected.id)
        self._update_action_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_meeting()
        writable = not self.ctx.read_only
        self.edit_button.setEnabled(row is not None)
        self.copy_button.setEnabled(writable and row is not None)
        self.cancel_button.setEnabled(
            writable and row is not None and row.status in (MeetingStatus.GEPLANT.value, MeetingStatus.EINGELADEN.value)
        )

    def _changed(self) -> None:
        """Tell every page that meetings changed; this one refreshes at once when visible, else when shown."""
        self.ctx.notify("meetings")

    # --- selection ------------------------------------------------------------------------------

    def selected_meeting(self) -> MeetingRow | None:
        if self.tabs.currentIndex() == TAB_YEAR:
            for lst in self.month_lists:
                item = lst.currentItem()
                if item is not None and lst.hasFocus():
                    return self._row_by_id(int(item.data(ID_ROLE)))
        row = self.table.selected()
        return row if isinstance(row, MeetingRow) else None

    def _row_by_id(self, meeting_id: int) -> MeetingRow | None:
        return next((r for r in meetings.list_meetings(self.ctx.store) if r.id == meeting_id), None)

    def select_meeting(self, meeting_id: int) -> bool:
        """Show a meeting in the list (used by links from other pages)."""
        self.tabs.setCurrentIndex(TAB_LIST)
        if not any(r.id == meeting_id for r in self.model.rows):
            for combo in (self.committee_filter, self.year_filter, self.status_filter):
                combo.setCurrentIndex(0)
            self.table.filter_edit.clear()
            self._refresh_list()
        found = self.table.select_where(lambda r: r is not None and r.id == meeting_id)
        self._update_buttons()
        return found

    def selected_action(self) -> ActionRow | None:
        row = self.actions_table.selected()
        return row if isinstance(row, ActionRow) else None

    # --- meeting actions ------------------------------------------------------------------------

    def _open_editor(self, meeting_id: int | None, committee_id: int | None = None) -> None:
        from bezag_desktop.ui.dialogs import meeting_editor

        if meeting_id is None:
            new_id = meeting_editor.ask_new(self, self.ctx, committee_id=committee_id)
        else:
            new_id = meeting_editor.ask(self, self.ctx, meeting_id)
        self._changed()
        if new_id is not None:
            self.select_meeting(new_id)

    @user_action("Neue Sitzung")
    def new_meeting(self) -> None:
        if self.ctx.read_only:
            return
        self._open_editor(None, self.committee_filter.currentData())

    @user_action("Sitzung bearbeiten")
    def edit_meeting(self) -> None:
        row = self.selected_meeting()
        if row is not None:
            self._open_editor(row.id)

    def _open_year_item(self, item: QListWidgetItem) -> None:
        self._open_editor(int(item.data(ID_ROLE)))

    @user_action("Sitzung kopieren")
    def copy_meeting(self) -> None:
        row = self.selected_meeting()
        if row is None or self.ctx.read_only:
            return
        text = messages.ask_text(
            self,
            "Sitzung kopieren",
            f"Neuer Termin für die Kopie von „{row.title}“ ({row.committee}), z. B. 10.03.2027 14:00:",
        )
        if not text:
            return
        start = _parse_datetime(text, row.start)
        new_id = meetings.copy_meeting(self.ctx.store, row.id, start)
        self._changed()
        self.select_meeting(new_id)

    @user_action("Sitzung absagen")
    def cancel_meeting(self) -> None:
        row = self.selected_meeting()
        if row is None or self.ctx.read_only:
            return
        if not messages.confirm(
            self, "Sitzung absagen", f"„{row.title}“ ({row.committee}) am {fmt_date(row.start)} wirklich absagen?"
        ):
            return
        result = meetings.cancel(self.ctx.store, row.id)
        self._changed()
        if result.sequence_raised:
            messages.info(
                self,
                "Sitzung abgesagt",
                "Es wurde bereits eingeladen: Bitte die Absage über „Einladung erstellen…“ im Sitzungsfenster "
                "versenden, damit der Termin aus den Kalendern verschwindet.",
            )

    # --- action items ---------------------------------------------------------------------------

    @user_action("Aufgabe")
    def set_action_status(self, status: str) -> None:
        row = self.selected_action()
        if row is None or self.ctx.read_only:
            return
        actions.set_action_status(self.ctx.store, row.id, status, today=self.ctx.today())
        self._changed()

    @user_action("Aufgabe")
    def change_action_status(self) -> None:
        row = self.selected_action()
        if row is None or self.ctx.read_only:
            return
        choices = ActionStatus.choices()
        index = messages.choose(
            self, "Status der Aufgabe", f"Neuer Status für „{row.text[:80]}“:", [label for _c, label in choices]
        )
        if index is None:
            return
        self.set_action_status(choices[index][0])

    @user_action("Aufgabe bearbeiten")
    def edit_action(self) -> None:
        row = self.selected_action()
        if row is None or self.ctx.read_only:
            return
        from bezag_desktop.ui.dialogs import action_dialog

        if action_dialog.ask(self, self.ctx, row=row, context_text=row.source) is not None:
            self.refresh()

    @user_action("Aufgaben übernehmen")
    def carry_actions(self) -> None:
        row = self.selected_action()
        if row is None or self.ctx.read_only:
            return
        if row.committee_id is None:
            raise ValidationError("Diese Aufgabe gehört zu keinem Gremium.")
        target = meetings.next_meeting(self.ctx.store, row.committee_id, self.ctx.today())
        if target is None:
            raise ValidationError(
                f"Für „{row.committee}“ ist keine kommende Sitzung geplant. Bitte zuerst eine Sitzung anlegen."
            )
        if not messages.confirm(
            self,
            "Aufgaben übernehmen",
            f"Die offenen Aufgaben von „{row.committee}“ als TOP „Beschlusskontrolle“ auf die Tagesordnung "
            f"von „{target.title}“ am {fmt_date(target.start)} setzen?",
            default_yes=True,
        ):
            return
        actions.carry_open_actions(self.ctx.store, target.id)
        self._changed()
        messages.info(
            self, "Aufgaben übernommen", f"Die offenen Aufgaben stehen auf der Tagesordnung von „{target.title}“."
        )


def _parse_datetime(text: str, like: datetime) -> datetime:
    """``10.03.2027 14:00``, ``10.03.2027`` (at the time of ``like``) or ISO ``2027-03-10T14:00``."""
    s = text.strip()
    if "." in s:
        try:
            return datetime.strptime(s, "%d.%m.%Y %H:%M")
        except ValueError:
            pass
        try:
            return datetime.combine(datetime.strptime(s, "%d.%m.%Y").date(), like.time())
        except ValueError:
            raise ValidationError(f"„{text}“ ist kein gültiger Termin (TT.MM.JJJJ HH:MM).") from None
    return parse_local(s)
