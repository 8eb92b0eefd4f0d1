"""Arbeitsgruppen: the working groups and networks, and for the chosen one its members, meetings,
open action items and reports; founding, seats, reports to the plenary, dissolving.

Long module: somewhat over 600 lines on purpose: one screen (the list, the profile, four tabs) and its actions, each
a few lines that open a dialog from ``ui/dialogs``; splitting it would scatter one page over files.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.timeutil import fmt_date, fmt_datetime
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.groups.rows import ActionRow, CommitteeRow, GroupOverview, MeetingRef, MemberRow, ReportRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import group_dialog, group_member_dialog
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.fields import caption
from bezag_desktop.ui.widgets.split import split_pane
from bezag_desktop.ui.widgets.table import FilterTable

# The long topic comes last, so name, lead and member counts fit beside the detail panel.
GROUP_COLUMNS: tuple[Column[CommitteeRow], ...] = (
    Column("Name", lambda g: g.name),
    Column("Sprecher/in", lambda g: g.lead),
    Column("Mitglieder", lambda g: g.member_count, numeric=True),
    Column("davon Partner", lambda g: g.partner_count, numeric=True),
    Column("Art", lambda g: g.kind_label),
    Column("gegründet", lambda g: g.founded),
    Column("Status", lambda g: g.status_label),
    Column("Thema", lambda g: g.topic),
)
MEMBER_COLUMNS: tuple[Column[MemberRow], ...] = (
    Column("Person", lambda m: m.person),
    Column("Rolle", lambda m: m.role_label),
    Column("Organisation", lambda m: m.organisation),
    Column("für", lambda m: m.organisation_kind_label),
    Column("von", lambda m: m.start),
    Column("bis", lambda m: m.end),
    Column("E-Mail", lambda m: m.email),
)
MEETING_COLUMNS: tuple[Column[MeetingRef], ...] = (
    Column("Beginn", lambda m: m.start),
    Column("Sitzung", lambda m: m.title),
    Column("Status", lambda m: m.status_label),
    Column("Anwesenheit", lambda m: m.attendance_text),
)
ACTION_COLUMNS: tuple[Column[ActionRow], ...] = (
    Column("Aufgabe", lambda a: a.text),
    Column("zuständig", lambda a: a.responsible),
    Column("fällig", lambda a: a.due),
    Column("Status", lambda a: a.status_label),
    Column("aus Sitzung", lambda a: a.meeting_title),
)
REPORT_COLUMNS: tuple[Column[ReportRow], ...] = (
    Column("Plenarsitzung", lambda r: r.meeting_title),
    Column("Datum", lambda r: r.reported_on),
    Column("Bericht", lambda r: r.text.splitlines()[0] if r.text else ""),
)

#: Status filter of the group list: (label, key).
STATUS_FILTERS: tuple[tuple[str, str], ...] = (("aktive", "active"), ("aufgelöste", "dissolved"), ("alle", "all"))


class WorkingGroupsPage(Page):
    title = "Arbeitsgruppen"
    areas = ("committees", "meetings", "people", "partners", "mandates")

    #: Ask the main window to show another page: (page key, record id).
    navigate = Signal(str, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.groups: list[CommitteeRow] = []
        self.overview: GroupOverview | None = None

        buttons, left = self._build_group_list()
        facts_box = self._build_facts()
        members_tab = self._build_members_tab()
        meetings_tab = self._build_meetings_tab()
        # action items
        self.actions_model: RowsModel[ActionRow] = RowsModel(ACTION_COLUMNS, parent=self)
        self.actions_table = FilterTable(self.actions_model, placeholder="Aufgabe suchen …", parent=self)
        reports_tab = self._build_reports_tab()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(members_tab, "&Mitglieder")
        self.tabs.addTab(meetings_tab, "&Sitzungen")
        self.tabs.addTab(self.actions_table, "Offene &Aufgaben")
        self.tabs.addTab(reports_tab, "&Berichte")

        self.empty_label = QLabel(
            "Noch keine Arbeitsgruppe ausgewählt. Eine Arbeitsgruppe wird durch Beschluss des Plenums gegründet: "
            "„AG gründen …“ (Strg+N).",
            self,
        )
        self.empty_label.setWordWrap(True)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.heading)
        rl.addWidget(self.empty_label)
        rl.addWidget(facts_box)
        rl.addWidget(self.tabs, 1)
        self.detail = right

        splitter = split_pane(self, left, right, stretch=(2, 3), sizes=(560, 840))
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._update_enabled()

    # --- building -------------------------------------------------------------------------

    def _build_group_list(self) -> tuple[QHBoxLayout, QWidget]:
        """The action buttons above everything and the filterable list of groups on the left."""
        self.new_button = push_button(
            self,
            "AG gründen …",
            self.found_group,
            tip="Eine Arbeitsgruppe durch Beschluss des Plenums gründen (Strg+N)",
        )
        self.edit_button = push_button(
            self, "Bearbeiten …", self.edit_group, tip="Name, Thema, Auftrag und Gründungsbeschluss ändern (F2)"
        )
        self.dissolve_button = push_button(self, "AG auflösen …", self.dissolve_group)
        self.agenda_button = QPushButton("Berichte auf die nächste Plenar-Tagesordnung", self)
        self.agenda_button.setToolTip(
            "Für jede aktive Arbeitsgruppe einen TOP „Bericht aus der AG …“ mit der Sprecherin/dem Sprecher "
            "auf die Tagesordnung der nächsten Plenarsitzung setzen"
        )
        self.agenda_button.clicked.connect(self.reports_to_agenda)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.found_group)
        QShortcut(QKeySequence("F2"), self, self.edit_group)

        self.status_combo = QComboBox(self)
        for label, key in STATUS_FILTERS:
            self.status_combo.addItem(label, key)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.groups_model: RowsModel[CommitteeRow] = RowsModel(
            GROUP_COLUMNS, highlight=lambda g: "muted" if g.dissolved else None, parent=self
        )
        self.groups_table = FilterTable(self.groups_model, placeholder="Arbeitsgruppe suchen …", parent=self)
        self.groups_table.selection_changed.connect(self._selection_changed)
        self.groups_table.row_activated.connect(lambda _row: self.edit_group())

        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.dissolve_button, self.agenda_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        filter_row = QHBoxLayout()
        filter_row.addWidget(caption(self, "&Zeigen:", self.status_combo))
        filter_row.addWidget(self.status_combo)
        filter_row.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.groups_table)
        return buttons, left

    def _build_facts(self) -> QGroupBox:
        """The profile of the chosen group (heading and „Steckbrief“)."""
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.labels: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, text in (
            ("topic", "Thema:"),
            ("goal", "Auftrag:"),
            ("founding", "Gründungsbeschluss:"),
            ("dates", "Bestehen:"),
            ("lead", "Sprecher/in:"),
            ("deputy", "stellv. Sprecher/in:"),
            ("next_meeting", "Nächste Sitzung:"),
            ("actions", "Offene Aufgaben:"),
            ("last_report", "Letzter Bericht:"),
        ):
            value_label = QLabel(self)
            value_label.setWordWrap(True)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key] = value_label
            facts.addRow(text, value_label)
        facts_box = QGroupBox("Steckbrief", self)
        facts_box.setLayout(facts)
        return facts_box

    def _build_members_tab(self) -> QWidget:
        self.members_model: RowsModel[MemberRow] = RowsModel(
            MEMBER_COLUMNS, highlight=self._member_highlight, parent=self
        )
        self.members_table = FilterTable(self.members_model, placeholder="Mitglied suchen …", parent=self)
        self.history_check = QCheckBox("ehemalige Sitze zeigen", self)
        self.history_check.toggled.connect(lambda _on: self._fill_members())
        self.add_member_button = push_button(
            self,
            "Mitglied hinzufügen …",
            self.add_member,
            tip="Eine Vertretung oder eine Kontaktperson eines Netzwerkpartners (Strg+M)",
        )
        QShortcut(QKeySequence("Ctrl+M"), self, self.add_member)
        self.role_button = push_button(self, "Rolle ändern …", self.change_role)
        self.end_seat_button = push_button(self, "Sitz beenden …", self.end_seat)
        members_tab = QWidget(self)
        mt = QVBoxLayout(members_tab)
        mrow = QHBoxLayout()
        for w in (self.add_member_button, self.role_button, self.end_seat_button):
            mrow.addWidget(w)
        mrow.addStretch(1)
        mrow.addWidget(self.history_check)
        mt.addLayout(mrow)
        mt.addWidget(self.members_table)
        return members_tab

    def _build_meetings_tab(self) -> QWidget:
        self.meetings_model: RowsModel[MeetingRef] = RowsModel(
            MEETING_COLUMNS, highlight=lambda m: "muted" if m.status == "abgesagt" else None, parent=self
        )
        self.meetings_table = FilterTable(self.meetings_model, placeholder="Sitzung suchen …", parent=self)
        self.meetings_table.row_activated.connect(self._open_meeting_row)
        self.plan_button = push_button(
            self,
            "Sitzung planen …",
            self.plan_meeting,
            tip="Eine Sitzung dieser Arbeitsgruppe im Sitzungseditor anlegen",
        )
        self.open_meeting_button = QPushButton("Sitzung öffnen …", self)
        self.open_meeting_button.setToolTip(
            "Die gewählte Sitzung im Sitzungseditor öffnen: Tagesordnung, Einladung, Anwesenheit, Niederschrift"
        )
        self.open_meeting_button.clicked.connect(self.open_meeting)
        self.show_meeting_button = push_button(self, "unter „Sitzungen“ zeigen", self.show_meeting)
        meetings_tab = QWidget(self)
        mtl = QVBoxLayout(meetings_tab)
        brow = QHBoxLayout()
        brow.addWidget(self.plan_button)
        brow.addWidget(self.open_meeting_button)
        brow.addStretch(1)
        brow.addWidget(self.show_meeting_button)
        mtl.addLayout(brow)
        mtl.addWidget(self.meetings_table)
        return meetings_tab

    def _build_reports_tab(self) -> QWidget:
        self.reports_model: RowsModel[ReportRow] = RowsModel(REPORT_COLUMNS, parent=self)
        self.reports_table = FilterTable(self.reports_model, placeholder="Bericht suchen …", parent=self)
        self.reports_table.selection_changed.connect(self._show_report)
        self.report_text = QPlainTextEdit(self)
        self.report_text.setReadOnly(True)
        self.report_button = push_button(self, "Bericht erfassen …", self.record_report)
        reports_tab = QWidget(self)
        rtl = QVBoxLayout(reports_tab)
        rrow = QHBoxLayout()
        rrow.addWidget(self.report_button)
        rrow.addStretch(1)
        rtl.addLayout(rrow)
        splitter_reports = QSplitter(Qt.Orientation.Vertical, reports_tab)
        splitter_reports.addWidget(self.reports_table)
        splitter_reports.addWidget(self.report_text)
        rtl.addWidget(splitter_reports)
        return reports_tab

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        keep = self.selected_group()
        self.groups = group_queries.list_groups(self.ctx.store, self.ctx.today())
        self._apply_filter(keep_id=keep.id if keep else None)

    def _apply_filter(self, *_args: object, keep_id: int | None = None) -> None:
        if keep_id is None:
            current = self.selected_group()
            keep_id = current.id if current else None
        key = self.status_combo.currentData()
        today = self.ctx.today()
        rows = [g for g in self.groups if key == "all" or (key == "active") == g.is_active(today)]
        self._filling = True
        try:
            self.groups_model.set_rows(rows)
            self.groups_table.resize_columns()
            if not (keep_id is not None and self.groups_table.select_where(lambda g: g.id == keep_id)):
                self.groups_table.select_where(lambda _g: True)
        finally:
            self._filling = False
        self._load_detail()

    def selected_group(self) -> CommitteeRow | None:
        row = self.groups_table.selected()
        return row if isinstance(row, CommitteeRow) else None

    def select_group(self, committee_id: object) -> bool:
        """Show one group (used by links from other pages); switches the filter when needed."""
        self.ensure_fresh()
        if self.groups_table.select_where(lambda g: g.id == committee_id):
            self._load_detail()
            return True
        self.status_combo.setCurrentIndex(self.status_combo.findData("all"))
        found = self.groups_table.select_where(lambda g: g.id == committee_id)
        self._load_detail()
        return found

    _filling = False

    def _selection_changed(self, _row: object) -> None:
        if not self._filling:
            self._load_detail()

    def _load_detail(self) -> None:
        group = self.selected_group()
        self.overview = (
            None if group is None else group_queries.group_overview(self.ctx.store, group.id, self.ctx.today())
        )
        self._fill_detail()

    def _fill_detail(self) -> None:
        ov = self.overview
        self.empty_label.setVisible(ov is None)
        self.tabs.setVisible(ov is not None)
        if ov is None:
            self.heading.setText("")
            for label in self.labels.values():
                label.setText("")
            self.members_model.set_rows([])
            self.meetings_model.set_rows([])
            self.actions_model.set_rows([])
            self.reports_model.set_rows([])
            self.report_text.setPlainText("")
            self._update_enabled()
            return
        state = f"aufgelöst zum {fmt_date(ov.dissolved)}" if ov.dissolved else "aktiv"
        self.heading.setText(f"{ov.name} ({ov.kind_label}, {state})")
        self.labels["topic"].setText(ov.topic or "–")
        self.labels["goal"].setText(ov.goal or "–")
        self.labels["founding"].setText(
            f"{ov.founding.text}" + (f": „{ov.founding.resolution_text}“" if ov.founding.resolution_text else "")
            if ov.founding
            else "–"
        )
        dates = f"gegründet am {fmt_date(ov.founded)}" if ov.founded else "Gründungsdatum nicht erfasst"
        if ov.dissolved:
            dates += f", aufgelöst am {fmt_date(ov.dissolved)}"
        self.labels["dates"].setText(dates)
        self.labels["lead"].setText(ov.lead or "nicht besetzt")
        self.labels["deputy"].setText(ov.deputy_lead or "nicht besetzt")
        nxt = ov.next_meeting
        self.labels["next_meeting"].setText(
            f"{nxt.title} am {fmt_datetime(nxt.start)} ({nxt.status_label})" if nxt else "keine geplant"
        )
        self.labels["actions"].setText(str(len(ov.open_actions)) if ov.open_actions else "keine")
        last = ov.last_report
        self.labels["last_report"].setText(
            f"{fmt_date(last.reported_on)} ({last.meeting_title}): {_excerpt(last.text)}" if last else "noch keiner"
        )
        self._fill_members()
        self.meetings_model.set_rows(list(ov.meetings))
        self.actions_model.set_rows(list(ov.open_actions))
        self.reports_model.set_rows(list(ov.reports))
        self.reports_table.select_where(lambda _r: True)
        self._show_report()
        for table in (self.meetings_table, self.actions_table, self.reports_table):
            table.resize_columns()
        self._update_enabled()

    def _fill_members(self) -> None:
        ov = self.overview
        if ov is None:
            self.members_model.set_rows([])
            return
        rows = list(ov.members) if self.history_check.isChecked() else list(ov.current_members)
        self.members_model.set_rows(rows)
        self.members_table.resize_columns()

    def _member_highlight(self, m: MemberRow) -> str | None:
        return None if m.is_current(self.ctx.today()) else "muted"

    def _show_report(self, *_args: object) -> None:
        row = self.reports_table.selected()
        self.report_text.setPlainText(row.text if isinstance(row, ReportRow) else "")

    def _update_enabled(self) -> None:
        writable = not self.ctx.read_only
        ov = self.overview
        active = ov is not None and (ov.dissolved is None or ov.dissolved >= self.ctx.today())
        self.new_button.setEnabled(writable)
        self.agenda_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and ov is not None)
        self.dissolve_button.setEnabled(writable and ov is not None)
        self.dissolve_button.setText(
            "Auflösung zurücknehmen …" if ov is not None and ov.dissolved is not None else "AG auflösen …"
        )
        for b in (self.add_member_button, self.role_button, self.end_seat_button, self.plan_button, self.report_button):
            b.setEnabled(writable and active)
        self.open_meeting_button.setEnabled(ov is not None and bool(ov.meetings))
        self.show_meeting_button.setEnabled(ov is not None and bool(ov.meetings))

    def _changed(self, committee_id: int | None = None) -> None:
        """After a change: reload list and detail, tell the other pages."""
        self.ctx.notify("committees")  # refreshes this page too when it is visible
        if not self.isVisible():
            self.refresh()
        if committee_id is not None:
            self.select_group(committee_id)

    # --- actions ------------------------------------------------------------------------------

    @user_action("Arbeitsgruppe gründen")
    def found_group(self) -> None:
        if self.ctx.read_only:
            return
        new_id = group_dialog.ask(self, self.ctx)
        if new_id is not None:
            self._changed(new_id)

    @user_action("Arbeitsgruppe bearbeiten")
    def edit_group(self) -> None:
        group = self.selected_group()
        if group is None or self.ctx.read_only:
            return
        if group_dialog.ask(self, self.ctx, group.id) is not None:
            self._changed(group.id)

    @user_action("Arbeitsgruppe auflösen")
    def dissolve_group(self) -> None:
        ov = self.overview
        if ov is None or self.ctx.read_only:
            return
        if ov.dissolved is not None:
            if messages.confirm(
                self,
                "Auflösung zurücknehmen",
                f"Die Auflösung von „{ov.name}“ zum {fmt_date(ov.dissolved)} zurücknehmen (Korrektur)? "
                "Die beendeten Sitze bleiben beendet; Mitglieder können danach neu hinzugefügt werden.",
            ):
                committees.reopen_group(self.ctx.store, ov.id)
                self._changed(ov.id)
            return
        on = group_dialog.ask_date(
            self,
            f"{ov.name} auflösen",
            "&Letzter Tag:",
            "Alle laufenden Sitze enden an diesem Tag. Die Arbeitsgruppe bleibt mit ihren Mitgliedern, "
            "Sitzungen und Berichten in der Geschichte erhalten; es wird nichts gelöscht.",
            self.ctx.today(),
            "Weiter …",
        )
        if on is None:
            return
        members = len(ov.current_members)
        if not messages.confirm(
            self,
            "Arbeitsgruppe auflösen",
            f"„{ov.name}“ wirklich zum {fmt_date(on)} auflösen? {members} laufende(r) Sitz(e) enden an diesem Tag.",
        ):
            return
        result = committees.dissolve_group(self.ctx.store, ov.id, on)
        self._changed(ov.id)
        if result.later_meetings:
            listing = "\n".join(f"• {m.title} am {fmt_date(m.start)}" for m in result.later_meetings)
            messages.warning(
                self,
                "Arbeitsgruppe aufgelöst",
                f"Nach dem Auflösungstag sind noch Sitzungen geplant; bitte unter „Sitzungen“ absagen:\n{listing}",
            )

    @user_action("Mitglied hinzufügen")
    def add_member(self) -> None:
        ov = self.overview
        # a dissolution on a later day still allows seats until then (the service checks the dates)
        if ov is None or (ov.dissolved is not None and ov.dissolved < self.ctx.today()) or self.ctx.read_only:
            return
        if group_member_dialog.ask(self, self.ctx, ov.id) is not None:
            self._changed(ov.id)

    def selected_member(self) -> MemberRow | None:
        row = self.members_table.selected()
        return row if isinstance(row, MemberRow) else None

    @user_action("Rolle ändern")
    def change_role(self) -> None:
        ov, member = self.overview, self.selected_member()
        if ov is None or self.ctx.read_only:
            return
        if member is None:
            messages.info(self, "Rolle ändern", "Bitte zuerst ein Mitglied in der Liste auswählen.")
            return
        if group_member_dialog.ask_role(self, self.ctx, member) is not None:
            self._changed(ov.id)

    @user_action("Sitz beenden")
    def end_seat(self) -> None:
        ov, member = self.overview, self.selected_member()
        if ov is None or self.ctx.read_only:
            return
        if member is None:
            messages.info(self, "Sitz beenden", "Bitte zuerst ein Mitglied in der Liste auswählen.")
            return
        if group_member_dialog.ask_end(self, self.ctx, member):
            self._changed(ov.id)

    @user_action("Bericht erfassen")
    def record_report(self) -> None:
        ov = self.overview
        if ov is None or self.ctx.read_only:
            return
        if group_dialog.ask_report(self, self.ctx, ov.id) is not None:
            self._changed(ov.id)
            self.tabs.setCurrentIndex(3)

    @user_action("Sitzung planen")
    def plan_meeting(self) -> None:
        ov = self.overview
        if ov is None or self.ctx.read_only:
            return
        from bezag_desktop.ui.dialogs import meeting_editor

        meeting_id = meeting_editor.ask_new(self, self.ctx, committee_id=ov.id)
        if meeting_id is not None:
            self.ctx.notify("meetings")
            self._changed(ov.id)
            self.tabs.setCurrentIndex(1)

    def selected_meeting(self) -> MeetingRef | None:
        row = self.meetings_table.selected()
        return row if isinstance(row, MeetingRef) else None

    def _open_meeting_row(self, row: object) -> None:
        if isinstance(row, MeetingRef):
            self._edit_meeting(row)

    def _meeting_to_open(self) -> MeetingRef | None:
        """The selected meeting, else the next one, else the latest."""
        meeting = self.selected_meeting()
        if meeting is None and self.overview is not None:
            meeting = self.overview.next_meeting or (self.overview.meetings[-1] if self.overview.meetings else None)
        return meeting

    def open_meeting(self) -> None:
        """Open the meeting in the meeting editor (agenda, invitation, attendance, minutes)."""
        meeting = self._meeting_to_open()
        if meeting is not None:
            self._edit_meeting(meeting)

    def show_meeting(self) -> None:
        """Show the meeting in the Sitzungen page."""
        meeting = self._meeting_to_open()
        if meeting is not None:
            self.navigate.emit("meetings", meeting.id)

    @user_action("Sitzung öffnen")
    def _edit_meeting(self, meeting: MeetingRef) -> None:
        from bezag_desktop.ui.dialogs import meeting_editor

        meeting_editor.ask(self, self.ctx, meeting.id)
        # attendance, status or time may have changed in the editor
        self.ctx.notify("meetings")
        if not self.isVisible():
            self.refresh()
        self.select_group(meeting.committee_id)
        self.meetings_table.select_where(lambda m: m.id == meeting.id)

    @user_action("Berichte auf die Tagesordnung")
    def reports_to_agenda(self) -> None:
        if self.ctx.read_only:
            return
        nxt = group_queries.next_plenary_meeting(self.ctx.store, self.ctx.today())
        if nxt is None:
            messages.info(
                self,
                "Berichte auf die Tagesordnung",
                "Es ist keine Plenarsitzung geplant. Bitte zuerst unter „Sitzungen“ die nächste Sitzung des Plenums anlegen.",
            )
            return
        if not messages.confirm(
            self,
            "Berichte auf die Tagesordnung",
            f"Für jede aktive Arbeitsgruppe einen TOP „Bericht aus der AG …“ auf die Tagesordnung der "
            f"{nxt.text} setzen? Arbeitsgruppen, die dort schon stehen, werden übersprungen.",
            default_yes=True,
        ):
            return
        added = committees.add_report_items_to_agenda(self.ctx.store, nxt.id)
        self.ctx.notify("meetings")
        if added:
            from bezag_desktop.services import meetings

            items = [a for a in meetings.meeting_detail(self.ctx.store, nxt.id).agenda if a.id in added]
            listing = "\n".join(
                f"• TOP {a.number} {a.title}" + (f" ({a.presenter})" if a.presenter else "") for a in items
            )
            messages.info(
                self,
                "Berichte auf die Tagesordnung",
                f"{len(added)} Tagesordnungspunkt(e) auf die Tagesordnung der {nxt.text} gesetzt:\n{listing}",
            )
        else:
            messages.info(
                self,
                "Berichte auf die Tagesordnung",
                f"Alle aktiven Arbeitsgruppen stehen bereits auf der Tagesordnung der {nxt.text}.",
            )


def _excerpt(text: str, limit: int = 280) -> str:
    """A long report shortened for the profile; the Berichte tab shows it in full."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
