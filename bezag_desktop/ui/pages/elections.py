"""Wahlen & Vorsitz: current and past chair terms, the Bezirk's designation, elections and their sheets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import BodyKind, ChairSide, ElectionStatus
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services import chairs, elections, settings
from bezag_desktop.services.bodies import BodyRow, list_bodies
from bezag_desktop.services.chairs import ChairRow
from bezag_desktop.services.elections import ElectionRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.mandate_dialog import PersonPicker, button_box, date_edit, date_of
from bezag_desktop.ui.guard import run_action, user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.table import FilterTable

CHAIR_COLUMNS: tuple[Column[ChairRow], ...] = (
    Column("Seite", lambda c: c.side_label),
    Column("Person", lambda c: c.person),
    Column("Beginn", lambda c: c.start),
    Column("Ende", lambda c: c.end or "offen"),
    Column("Status", lambda c: c.status),
    Column("Herkunft", lambda c: c.origin, tooltip=lambda c: c.notes),
)

ELECTION_COLUMNS: tuple[Column[ElectionRow], ...] = (
    Column("Datum", lambda e: e.held_on),
    Column("Sitzung", lambda e: e.meeting),
    Column("Amt", lambda e: e.office_label),
    Column("Gewählt", lambda e: e.elected),
    Column("Wahlgänge", lambda e: e.rounds, numeric=True),
    Column("Status", lambda e: e.status_label),
)


class DesignateDialog(QDialog):
    """Vorsitz des Bezirks benennen: the person the Bezirk designates, from a day on."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_id: int | None = None
        self.setWindowTitle("Vorsitz des Bezirks benennen")
        self.resize(540, 420)
        bezirk_id = next((b.id for b in _bezirk_bodies(ctx)), None)
        self.picker = PersonPicker(ctx, self, employer_body_id=bezirk_id)
        self.start_edit = date_edit(self, ctx.today())
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setPlaceholderText("z. B. Schreiben des Bezirks vom …")
        form = QFormLayout()
        form.addRow("&Person:", self.picker)
        form.addRow("&ab:", self.start_edit)
        form.addRow("&Vermerk:", self.notes_edit)
        info = QLabel(
            "Der Bezirk benennt seine Sozialplanerin oder seinen Sozialplaner. Die bisherige Amtszeit "
            "endet am Tag vor der neuen.",
            self,
        )
        info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(button_box(self, "Benennen"))

    def accept(self) -> None:
        run_action(self, "Vorsitz benennen", self._save)

    def _save(self) -> None:
        person_id = self.picker.selected_id()
        if person_id is None:
            messages.warning(self, "Vorsitz benennen", "Bitte eine Person auswählen.")
            return
        row = chairs.designate_bezirk(self.ctx.store, person_id, date_of(self.start_edit), notes=self.notes_edit.text())
        self.result_id = row.id
        self.ctx.notify("chairs")
        super().accept()


def _bezirk_bodies(ctx: UiContext) -> list[BodyRow]:
    return [b for b in list_bodies(ctx.store, ctx.today()) if b.kind == BodyKind.BEZIRK.value]


class EndTermDialog(QDialog):
    def __init__(self, ctx: UiContext, term: ChairRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.term = term
        self.setWindowTitle("Amtszeit beenden")
        self.end_edit = date_edit(self, max(ctx.today(), term.start))
        form = QFormLayout()
        form.addRow("Amtszeit:", QLabel(f"{term.side_label}: {term.person} seit {fmt_date(term.start)}", self))
        form.addRow("&Letzter Tag:", self.end_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(button_box(self, "Beenden"))

    def accept(self) -> None:
        run_action(self, "Amtszeit beenden", self._save)

    def _save(self) -> None:
        chairs.end_chair_term(self.ctx.store, self.term.id, date_of(self.end_edit))
        self.ctx.notify("chairs")
        super().accept()


class ElectionsPage(Page):
    title = "Wahlen & Vorsitz"
    areas = ("chairs", "elections", "people", "mandates", "meetings", "settings")
    navigate = Signal(str, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current_label = QLabel(self)
        self.current_label.setWordWrap(True)
        self.term_label = QLabel(self)
        self.term_label.setWordWrap(True)
        self.chair_model: RowsModel[ChairRow] = RowsModel(
            CHAIR_COLUMNS, highlight=lambda c: {"laufend": "ok", "beendet": "muted"}.get(c.status), parent=self
        )
        self.chair_table = FilterTable(self.chair_model, placeholder="Amtszeiten filtern …", parent=self)
        self.designate_button = QPushButton("Vorsitz des &Bezirks benennen …", self)
        self.designate_button.clicked.connect(self.designate)
        self.end_term_button = QPushButton("Amtszeit be&enden …", self)
        self.end_term_button.clicked.connect(self.end_term)
        chair_buttons = QHBoxLayout()
        chair_buttons.addWidget(self.designate_button)
        chair_buttons.addWidget(self.end_term_button)
        chair_buttons.addStretch(1)
        chair_box = QGroupBox("Gemeinsamer Vorsitz", self)
        cl = QVBoxLayout(chair_box)
        cl.addWidget(self.current_label)
        cl.addWidget(self.term_label)
        cl.addLayout(chair_buttons)
        cl.addWidget(self.chair_table)

        self.election_model: RowsModel[ElectionRow] = RowsModel(
            ELECTION_COLUMNS,
            highlight=lambda e: "warning" if e.status == ElectionStatus.OFFEN.value else None,
            parent=self,
        )
        self.election_table = FilterTable(self.election_model, placeholder="Wahlen filtern …", parent=self)
        self.election_table.selection_changed.connect(self._show_sheet)
        self.election_table.row_activated.connect(lambda _e: self.continue_election())
        self.new_election_button = QPushButton("&Wahl erfassen …", self)
        self.new_election_button.setToolTip("Strg+N")
        self.new_election_button.clicked.connect(self.new_election)
        self.continue_button = QPushButton("Offene Wahl &weiter erfassen …", self)
        self.continue_button.clicked.connect(self.continue_election)
        self.delete_button = QPushButton("Offene Wahl &löschen", self)
        self.delete_button.clicked.connect(self.delete_election)
        election_buttons = QHBoxLayout()
        for b in (self.new_election_button, self.continue_button, self.delete_button):
            election_buttons.addWidget(b)
        election_buttons.addStretch(1)
        self.sheet_view = QPlainTextEdit(self)
        self.sheet_view.setReadOnly(True)
        self.sheet_view.setPlaceholderText("Eine Wahl wählen, um ihr Wahlblatt (Wahlgänge und Ergebnis) zu sehen.")
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.election_table)
        lower.addWidget(self.sheet_view)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        election_box = QGroupBox("Wahlen", self)
        el = QVBoxLayout(election_box)
        el.addLayout(election_buttons)
        el.addWidget(lower)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(chair_box)
        splitter.addWidget(election_box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_election)
        writable = not ctx.read_only
        for b in (
            self.designate_button,
            self.end_term_button,
            self.new_election_button,
            self.continue_button,
            self.delete_button,
        ):
            b.setEnabled(writable)

    def refresh(self) -> None:
        super().refresh()
        today = self.ctx.today()
        rows = chairs.list_chairs(self.ctx.store, today)
        self.chair_model.set_rows(rows)
        self.chair_table.resize_columns()
        current = [r for r in rows if r.current]
        parts = []
        for side in ChairSide:
            holder = next((r for r in current if r.side == side.value), None)
            if holder is None:
                parts.append(f"{side.label}: nicht besetzt")
            else:
                until = f" bis {fmt_date(holder.end)}" if holder.end else ""
                parts.append(f"{side.label}: {holder.person} (seit {fmt_date(holder.start)}{until})")
        self.current_label.setText("Derzeit – " + "; ".join(parts))
        years = settings.get_rules(self.ctx.store).chair_term_years
        self.term_label.setText(
            f"Amtszeit des gewählten Vorsitzes nach der Geschäftsordnung: {years} Jahre; eine heute beginnende "
            f"Amtszeit endet am {fmt_date(chairs.computed_term_end(self.ctx.store, today))}."
        )
        chosen = self.election_table.selected()
        self.election_model.set_rows(elections.list_elections(self.ctx.store))
        self.election_table.resize_columns()
        if chosen is not None:
            self.election_table.select_where(lambda e: e.id == chosen.id)
        elif self.election_model.rows:
            self.election_table.select_where(lambda e: True)
        self._show_sheet()

    def selected_election(self) -> ElectionRow | None:
        row = self.election_table.selected()
        return row if isinstance(row, ElectionRow) else None

    def _show_sheet(self, *_args: object) -> None:
        row = self.selected_election()
        if row is None:
            self.sheet_view.clear()
            return
        sheet = elections.election_sheet(self.ctx.store, row.id)
        self.sheet_view.setPlainText("\n\n".join(sheet.lines()))

    @user_action("Vorsitz benennen")
    def designate(self, *_args: object) -> None:
        DesignateDialog(self.ctx, self).exec()

    @user_action("Amtszeit beenden")
    def end_term(self, *_args: object) -> None:
        row = self.chair_table.selected()
        if not isinstance(row, ChairRow) or row.status == "beendet":
            messages.info(self, "Amtszeit beenden", "Bitte eine laufende oder künftige Amtszeit wählen.")
            return
        EndTermDialog(self.ctx, row, self).exec()

    @user_action("Wahl erfassen")
    def new_election(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import election_dialog

        new_id = election_dialog.ask(self, self.ctx)
        if new_id is not None:
            self.ensure_fresh()
            self.election_table.select_where(lambda e: e.id == new_id)

    @user_action("Wahl weiter erfassen")
    def continue_election(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import election_dialog

        row = self.selected_election()
        if row is None:
            return
        if row.status != ElectionStatus.OFFEN.value:
            self._show_sheet()
            return
        election_dialog.ask_continue(self, self.ctx, row.id)

    @user_action("Wahl löschen")
    def delete_election(self, *_args: object) -> None:
        row = self.selected_election()
        if row is None or row.status != ElectionStatus.OFFEN.value:
            messages.info(self, "Wahl löschen", "Nur eine offene (noch nicht entschiedene) Wahl kann gelöscht werden.")
            return
        if messages.confirm(self, "Wahl löschen", f"Die offene Wahl „{row.office_label}“ ({row.meeting}) löschen?"):
            elections.delete_election(self.ctx.store, row.id)
            self.ctx.notify("elections")
