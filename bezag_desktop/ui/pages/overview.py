"""Übersicht: counts, the next meetings, the joint chair and the warnings of ``bezag check``.

The first page after start: it is built before the window shows and filled right after
(``refresh`` runs from the main window's first event-loop turn), so start-up stays quick.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain import findings
from bezag_desktop.domain.codes import ChairSide
from bezag_desktop.domain.findings import Finding, RefKind
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services import checks, overview
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action, user_action
from bezag_desktop.ui.models.rows import ROW_ROLE, Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button

#: Background of a warning row by level.
LEVEL_COLOURS = {checks.WARNUNG: QColor("#f8d7da"), checks.HINWEIS: QColor("#fff3cd")}
#: The page that shows a record a warning points at (its ``ref``); other kinds have no page to open.
REF_PAGES: dict[RefKind, str] = {RefKind.MEETING: "meetings", RefKind.BODY: "bodies"}
WARNING_ROLE = Qt.ItemDataRole.UserRole + 10

MEETING_COLUMNS: tuple[Column[overview.UpcomingMeeting], ...] = (
    Column("Datum", lambda m: m.start.date()),
    Column("Uhrzeit", lambda m: m.time),
    Column("Gremium", lambda m: m.committee),
    Column("Sitzung", lambda m: m.title),
    Column("Ort", lambda m: m.place),
    Column("Status", lambda m: m.status_label),
)
#: The column that takes the room left over (places are the longest texts).
MEETING_PLACE_COLUMN = 4


class CountTile(QFrame):
    """A number with a caption underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("–", self)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(caption, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.number.setText(str(value))


def _table(model: RowsModel[object], parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class OverviewPage(Page):
    title = "Übersicht"
    areas = ("people", "mandates", "chairs", "elections", "meetings", "committees", "partners", "settings")

    #: Ask the main window to show another page: (page key, record id or None).
    navigate = Signal(str, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: overview.Overview | None = None
        self.warnings: list[Finding] = []

        top = self._build_top()
        tiles = self._build_tiles()
        meetings_box = self._build_meetings()
        warnings_box = self._build_warnings()
        tiles.addWidget(self._build_chairs(), 2)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(meetings_box)
        splitter.addWidget(warnings_box)
        splitter.setChildrenCollapsible(False)

        grid = QGridLayout(self)
        grid.addLayout(top, 0, 0)
        grid.addLayout(tiles, 1, 0)
        grid.addWidget(splitter, 2, 0)
        grid.setRowStretch(2, 1)
        self._update_buttons()

    # --- building -----------------------------------------------------------------------------

    def _build_top(self) -> QHBoxLayout:
        heading = QLabel("Übersicht", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.today_label = QLabel(self)
        self.refresh_button = QPushButton("Aktualisieren", self)
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.setToolTip("Daten neu laden (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.today_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        return top

    def _build_tiles(self) -> QHBoxLayout:
        self.tiles = {
            "bodies": CountTile("Körperschaften", self),
            "persons": CountTile("Personen", self),
            "working_groups": CountTile("Arbeitsgruppen", self),
            "open_action_items": CountTile("Offene Aufgaben", self),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        return tiles

    def _build_meetings(self) -> QGroupBox:
        self.meetings_model: RowsModel[overview.UpcomingMeeting] = RowsModel(
            MEETING_COLUMNS, highlight=lambda m: "muted" if m.status == "abgesagt" else None, parent=self
        )
        self.meetings_view = _table(self.meetings_model, self)  # type: ignore[arg-type]
        header = self.meetings_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(MEETING_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MEETING_PLACE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.meetings_view.setToolTip("Doppelklick öffnet die Sitzungen")
        self.meetings_view.doubleClicked.connect(self._meeting_activated)
        self.meetings_view.activated.connect(self._meeting_activated)
        self.meetings_empty = QLabel("Keine Sitzungen geplant.", self)
        self.meetings_empty.setVisible(False)
        meetings_box = QGroupBox("Nächste Sitzungen", self)
        mb = QVBoxLayout(meetings_box)
        mb.addWidget(self.meetings_view)
        mb.addWidget(self.meetings_empty)
        return meetings_box

    def _build_warnings(self) -> QGroupBox:
        self.warnings_list = QListWidget(self)
        self.warnings_list.setWordWrap(True)
        self.warnings_list.setAlternatingRowColors(False)
        self.warnings_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.warnings_list.customContextMenuRequested.connect(self._warnings_menu)
        self.warnings_list.currentRowChanged.connect(self._update_buttons)
        self.warnings_list.itemDoubleClicked.connect(lambda _item: self._follow_warning())
        self.election_action = QAction("Wahl auf die nächste Plenarsitzung setzen", self)
        self.election_action.triggered.connect(self.put_election_on_agenda)
        self.election_button = QPushButton(self.election_action.text(), self)
        self.election_button.setToolTip(
            "Setzt den Tagesordnungspunkt „Wahl des Vorsitzes“ auf die nächste geplante Plenarsitzung."
        )
        self.election_button.clicked.connect(self.put_election_on_agenda)
        self.open_button = push_button(
            self, "Öffnen", self._follow_warning, tip="Die Sitzung oder Körperschaft des Hinweises anzeigen"
        )
        self.warnings_summary = QLabel(self)
        warnings_box = QGroupBox("Hinweise und Warnungen (Geschäftsordnung)", self)
        wb = QVBoxLayout(warnings_box)
        wb.addWidget(self.warnings_summary)
        wb.addWidget(self.warnings_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.election_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        wb.addLayout(buttons)
        return warnings_box

    def _build_chairs(self) -> QGroupBox:
        chairs_box = QGroupBox("Gemeinsamer Vorsitz", self)
        self.chairs_grid = QGridLayout(chairs_box)
        self.chair_labels: dict[str, tuple[QLabel, QLabel]] = {}
        self.chairs_grid.setVerticalSpacing(0)
        self.chairs_grid.setHorizontalSpacing(12)
        for index, (side, label) in enumerate(ChairSide.choices()):
            # The box says "Vorsitz" already; short side names and the term under the name keep the
            # Übersicht narrow enough for the default window without scrolling.
            caption = QLabel(f"{label.removeprefix('Vorsitz ')}:", chairs_box)
            name = QLabel(chairs_box)
            bold = name.font()
            bold.setBold(True)
            name.setFont(bold)
            term = QLabel(chairs_box)
            row = 2 * index
            self.chairs_grid.addWidget(caption, row, 0)
            self.chairs_grid.addWidget(name, row, 1)
            self.chairs_grid.addWidget(term, row + 1, 1)
            if index:
                self.chairs_grid.setRowMinimumHeight(row - 1, term.sizeHint().height() + 6)  # gap between sides
            self.chair_labels[side] = (name, term)
        self.chairs_grid.setColumnStretch(1, 1)
        return chairs_box

    # --- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        run_action(self, "Übersicht laden", self._load)

    def _load(self) -> None:
        today = self.ctx.today()
        data = overview.load_overview(self.ctx.store, today)
        found = checks.collect_warnings(self.ctx.store, today)
        self.overview = data
        self.warnings = found
        self.today_label.setText(f"Stand {fmt_date(today)}")
        for key, tile in self.tiles.items():
            tile.set_value(getattr(data.counts, key))
        self.meetings_model.set_rows(data.meetings)
        self.meetings_view.setVisible(bool(data.meetings))
        self.meetings_empty.setVisible(not data.meetings)
        for chair in data.chairs:
            name, term = self.chair_labels[chair.side]
            if chair.person:
                name.setText(chair.person)
                name.setStyleSheet("")
                until = f"bis {fmt_date(chair.end)}" if chair.end else "unbefristet"
                term.setText(f"seit {fmt_date(chair.start)}, {until}")
            else:
                name.setText("nicht besetzt")
                name.setStyleSheet("color: #b02a37;")
                term.setText("")
        self._fill_warnings(found)

    def _fill_warnings(self, found: list[Finding]) -> None:
        self.warnings_list.clear()
        style = self.style()
        icons = {
            checks.WARNUNG: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            checks.HINWEIS: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        for w in found:
            item = QListWidgetItem(icons.get(w.level, icons[checks.HINWEIS]), w.text)
            item.setData(WARNING_ROLE, w)
            item.setToolTip(f"{w.level_label} – {w.area_label}")
            colour = LEVEL_COLOURS.get(w.level)
            if colour is not None:
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(QColor("#212529")))
            self.warnings_list.addItem(item)
        if not found:
            self.warnings_summary.setText("Keine Warnungen: Die Regeln der Geschäftsordnung sind eingehalten.")
        else:
            self.warnings_summary.setText(findings.summary(found))
        self._update_buttons()

    # --- actions ----------------------------------------------------------------------------

    def selected_warning(self) -> Finding | None:
        item = self.warnings_list.currentItem()
        found = None if item is None else item.data(WARNING_ROLE)
        return found if isinstance(found, Finding) else None

    def select_warning(self, code: str) -> bool:
        """Select the first warning with rule ``code`` (for tests and keyboard users)."""
        for row in range(self.warnings_list.count()):
            w = self.warnings_list.item(row).data(WARNING_ROLE)
            if w.code == code:
                self.warnings_list.setCurrentRow(row)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        w = self.selected_warning()
        can_elect = w is not None and w.action == checks.ACTION_ELECTION and not self.ctx.read_only
        self.election_action.setEnabled(can_elect)
        self.election_button.setEnabled(can_elect)
        can_open = w is not None and w.ref is not None and w.ref.kind in REF_PAGES
        self.open_button.setEnabled(can_open)
        if self.ctx.read_only:
            self.election_button.setToolTip("Die Datenbank ist schreibgeschützt geöffnet.")

    def _warnings_menu(self, pos: QPoint) -> None:
        item = self.warnings_list.itemAt(pos)
        if item is None:
            return
        self.warnings_list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.election_action)
        open_action = menu.addAction("Öffnen")
        open_action.setEnabled(self.open_button.isEnabled())
        open_action.triggered.connect(self._follow_warning)
        menu.exec(self.warnings_list.viewport().mapToGlobal(pos))

    def _follow_warning(self) -> None:
        w = self.selected_warning()
        if w is None:
            return
        if w.action == checks.ACTION_ELECTION:
            if not self.ctx.read_only:
                self.put_election_on_agenda()
        elif w.ref is not None and w.ref.kind in REF_PAGES:
            self.navigate.emit(REF_PAGES[w.ref.kind], w.ref.id)

    def _meeting_activated(self, index: object) -> None:
        row = self.meetings_model.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if row is not None:
            self.navigate.emit("meetings", row.id)

    @user_action("Wahl auf die Tagesordnung setzen")
    def put_election_on_agenda(self, *_args: object) -> None:
        if self.ctx.read_only:
            messages.warning(self, "Schreibgeschützt", "Die Datenbank ist schreibgeschützt geöffnet.")
            return
        # Imported here: the Sitzungen area owns the agenda, and start-up should not load it.
        agenda = importlib.import_module("bezag_desktop.services.meetings.agenda")
        item_id = agenda.add_election_item_to_next_plenary(self.ctx.store, today=self.ctx.today())
        if item_id is None:
            messages.warning(
                self,
                "Keine Plenarsitzung geplant",
                "Es ist keine künftige Plenarsitzung angelegt, auf deren Tagesordnung die Wahl gesetzt werden "
                "könnte. Bitte legen Sie zuerst unter „Sitzungen“ die nächste Plenarsitzung an.",
            )
            return
        ref = overview.agenda_item_ref(self.ctx.store, int(item_id))
        self.ctx.notify("meetings")
        self.ensure_fresh()
        text = (
            f"Die Wahl steht jetzt als {ref.text} auf der Tagesordnung."
            if ref is not None
            else "Die Wahl steht jetzt auf der Tagesordnung der nächsten Plenarsitzung."
        )
        messages.info(self, "Wahl auf die Tagesordnung gesetzt", text)
