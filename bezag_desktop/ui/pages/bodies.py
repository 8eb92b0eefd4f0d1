"""Körperschaften & Vertretungen: the 24 bodies with their current members and deputies, gaps highlighted;
the history of a body on demand; people; appointing, ending, handing over; the Excel import."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.representation import bodies, mandates, people
from bezag_desktop.services.representation.bodies import BodyRow
from bezag_desktop.services.representation.mandates import MandateRow
from bezag_desktop.services.representation.people import PersonRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.split import split_pane
from bezag_desktop.ui.widgets.table import FilterTable

BODY_COLUMNS: tuple[Column[BodyRow], ...] = (
    Column("Körperschaft", lambda b: b.name),
    Column("Art", lambda b: b.kind_label),
    Column("AGS", lambda b: b.ags),
    Column("Mitglied(er)", lambda b: b.member_names, tooltip=lambda b: "\n".join(r.email for r in b.members)),
    Column("Stellvertretung(en)", lambda b: b.deputy_names, tooltip=lambda b: "\n".join(r.email for r in b.deputies)),
    Column("Lücken", lambda b: b.gap_text),
)

HISTORY_COLUMNS: tuple[Column[MandateRow], ...] = (
    Column("Person", lambda m: m.person),
    Column("Rolle", lambda m: m.role_label),
    Column("Beginn", lambda m: m.start),
    Column("Ende", lambda m: m.end),
    Column("Status", lambda m: m.status),
    Column("Nachfolge von", lambda m: m.predecessor),
)

PEOPLE_COLUMNS: tuple[Column[PersonRow], ...] = (
    Column("Name", lambda p: p.name),
    Column("Funktion", lambda p: p.function),
    Column("Arbeitgeber", lambda p: p.employer),
    Column("E-Mail", lambda p: p.email),
    Column("Telefon", lambda p: p.phone),
    Column("Status", lambda p: p.status_label),
)


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while a file is read and checked."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _history_highlight(m: MandateRow) -> str | None:
    return {"laufend": "ok", "beendet": "muted"}.get(m.status)


class BodiesPage(Page):
    title = "Körperschaften & Vertretungen"
    areas = ("people", "mandates", "chairs", "settings")
    #: (page key, reference) for the main window, e.g. to another page.
    navigate = Signal(str, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.body_model: RowsModel[BodyRow] = RowsModel(BODY_COLUMNS, highlight=lambda b: b.gap_level, parent=self)
        self.body_table = FilterTable(
            self.body_model, placeholder="Körperschaft, AGS oder Person suchen …", parent=self
        )
        self.body_table.selection_changed.connect(self._body_selected)
        self.body_table.row_activated.connect(lambda _b: self.appoint())

        self.history_model: RowsModel[MandateRow] = RowsModel(
            HISTORY_COLUMNS, highlight=_history_highlight, parent=self
        )
        self.history_table = FilterTable(self.history_model, placeholder="Verlauf filtern …", parent=self)
        self.history_table.row_activated.connect(lambda _m: self.edit_person())
        self.history_box = QGroupBox("Verlauf", self)
        hl = QVBoxLayout(self.history_box)
        self.history_hint = QLabel("Eine Körperschaft wählen, um ihre Mitglieder und Stellvertretungen "
                                   "(laufend, künftig, beendet) zu sehen.", self)  # fmt: skip
        self.history_hint.setWordWrap(True)
        hl.addWidget(self.history_hint)
        hl.addWidget(self.history_table)

        # The bodies with their gaps need the room; the history of one body fits in less.
        splitter = split_pane(self, self.body_table, self.history_box, stretch=(3, 2), sizes=(900, 500))

        self.people_model: RowsModel[PersonRow] = RowsModel(
            PEOPLE_COLUMNS, highlight=lambda p: None if p.active else "muted", parent=self
        )
        self.people_table = FilterTable(
            self.people_model, placeholder="Person suchen (z. B. „muller“ findet „Müller“) …", parent=self
        )
        self.people_table.row_activated.connect(lambda _p: self.edit_person())
        self.inactive_check = QCheckBox("auch deaktivierte Personen zeigen", self)
        self.inactive_check.toggled.connect(lambda _on: self._load_people())
        people_tab = QWidget(self)
        pl = QVBoxLayout(people_tab)
        pl.addWidget(self.inactive_check)
        pl.addWidget(self.people_table)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(splitter, "Körperschaften")
        self.tabs.addTab(people_tab, "Personen")

        row1 = self._build_actions()
        self.status_label = QLabel(self)

        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)

        QShortcut(QKeySequence("Ctrl+N"), self, self.new_person)
        QShortcut(QKeySequence("F2"), self, self.edit_person)
        self._update_buttons()

    def _build_actions(self) -> QHBoxLayout:
        """The row of person and mandate actions, with the Excel menu at its end."""

        self.new_person_button = push_button(self, "Person &anlegen …", self.new_person, tip="Strg+N")
        self.edit_person_button = push_button(self, "Person &bearbeiten …", self.edit_person, tip="F2")
        self.deactivate_button = push_button(self, "Person &deaktivieren", self.deactivate_person)
        self.appoint_button = push_button(
            self, "Vertretung be&rufen …", self.appoint, tip="Mitglied oder Stellvertretung berufen"
        )
        self.end_button = push_button(self, "Mandat be&enden …", self.end_mandate)
        self.handover_button = push_button(self, "Nach&folge …", self.handover)
        # Excel import and its template share one menu button, so the row fits a 1280-px window.
        self.excel_button = QToolButton(self)
        self.excel_button.setText("E&xcel")
        self.excel_button.setToolTip("Vertretungen aus Excel importieren oder die Importvorlage speichern")
        self.excel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        excel_menu = QMenu(self.excel_button)
        self.import_action = excel_menu.addAction("&Import aus Excel …", self.choose_import)
        self.template_action = excel_menu.addAction("&Vorlage speichern …", self.choose_template)
        self.excel_button.setMenu(excel_menu)
        row1 = QHBoxLayout()
        for b in (self.new_person_button, self.edit_person_button, self.deactivate_button):
            row1.addWidget(b)
        row1.addSpacing(16)
        for b in (self.appoint_button, self.end_button, self.handover_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row1.addWidget(self.excel_button)
        return row1

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        selected = self.selected_body()
        rows = bodies.list_bodies(self.ctx.store, self.ctx.today())
        self.body_model.set_rows(rows)
        self.body_table.resize_columns()
        gaps = sum(1 for r in rows if r.gap_level)
        self.status_label.setText(
            f"{len(rows)} Körperschaften, Stand {fmt_date(self.ctx.today())}; "
            + (f"{gaps} mit Lücken (farbig markiert)." if gaps else "alle Sitze besetzt.")
        )
        if selected is not None:
            self.body_table.select_where(lambda b: b.id == selected.id)
        elif rows:
            # Show a body's history from the start; the first body with a gap if there is one.
            first_gap = next((r.id for r in rows if r.gap_level), rows[0].id)
            self.body_table.select_where(lambda b: b.id == first_gap)
        self._load_history()
        self._load_people()

    def _load_people(self) -> None:
        chosen = self.people_table.selected()
        rows = people.list_people(self.ctx.store, include_inactive=self.inactive_check.isChecked())
        self.people_model.set_rows(rows)
        self.people_table.resize_columns()
        if chosen is not None:
            self.people_table.select_where(lambda p: p.id == chosen.id)

    def _body_selected(self, _row: object) -> None:
        self._load_history()
        self._update_buttons()

    def _load_history(self) -> None:
        body = self.selected_body()
        if body is None:
            self.history_box.setTitle("Verlauf")
            self.history_model.set_rows([])
            self.history_hint.setVisible(True)
            return
        self.history_box.setTitle(f"Verlauf: {body.name}")
        self.history_hint.setVisible(False)
        self.history_model.set_rows(bodies.body_history(self.ctx.store, body.id, on=self.ctx.today()))
        self.history_table.resize_columns()

    def _update_buttons(self) -> None:
        writable = not self.ctx.read_only
        for b in (
            self.new_person_button,
            self.edit_person_button,
            self.deactivate_button,
            self.appoint_button,
            self.end_button,
            self.handover_button,
        ):
            b.setEnabled(writable)
        self.import_action.setEnabled(writable)

    # --- selection -------------------------------------------------------------------------------

    def selected_body(self) -> BodyRow | None:
        row = self.body_table.selected()
        return row if isinstance(row, BodyRow) else None

    def select_body(self, body_id: object) -> bool:
        """Used by the main window when a warning of the Übersicht points here."""
        self.tabs.setCurrentIndex(0)
        self.ensure_fresh()
        return self.body_table.select_where(lambda b: b.id == body_id)

    def selected_mandate(self) -> MandateRow | None:
        row = self.history_table.selected()
        return row if isinstance(row, MandateRow) else None

    def selected_person_id(self) -> int | None:
        if self.tabs.currentIndex() == 1:
            row = self.people_table.selected()
            return row.id if isinstance(row, PersonRow) else None
        mandate = self.selected_mandate()
        return mandate.person_id if mandate is not None else None

    def _running_mandate(self, title: str) -> MandateRow | None:
        """The mandate to end or hand over: the selected one in the history, else one to choose."""
        chosen = self.selected_mandate()
        if chosen is not None:
            if chosen.status == "beendet":
                messages.warning(self, title, f"Das Mandat von {chosen.person} ist bereits beendet.")
                return None
            return chosen
        body = self.selected_body()
        if body is None:
            messages.info(self, title, "Bitte zuerst eine Körperschaft wählen.")
            return None
        running = [m for m in self.history_model.rows if m.status != "beendet"]
        if not running:
            messages.info(self, title, f"{body.name} hat derzeit kein laufendes Mandat.")
            return None
        if len(running) == 1:
            return running[0]
        choice = messages.choose(
            self, title, f"Welches Mandat von {body.name}?", [f"{m.person} ({m.role_label})" for m in running]
        )
        return None if choice is None else running[choice]

    # --- actions ---------------------------------------------------------------------------------

    @user_action("Person anlegen")
    def new_person(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import person_dialog

        body = self.selected_body() if self.tabs.currentIndex() == 0 else None
        new_id = person_dialog.ask(self, self.ctx, employer_body_id=body.id if body else None)
        if new_id is not None:
            self.tabs.setCurrentIndex(1)
            self._load_people()
            self.people_table.select_where(lambda p: p.id == new_id)

    @user_action("Person bearbeiten")
    def edit_person(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import person_dialog

        person_id = self.selected_person_id()
        if person_id is None:
            messages.info(self, "Person bearbeiten", "Bitte eine Person (im Verlauf oder unter „Personen“) wählen.")
            return
        person_dialog.ask(self, self.ctx, person_id)

    @user_action("Person deaktivieren")
    def deactivate_person(self, *_args: object) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            messages.info(self, "Person deaktivieren", "Bitte eine Person (im Verlauf oder unter „Personen“) wählen.")
            return
        person = people.get_person(self.ctx.store, person_id)
        if not person.active:
            if messages.confirm(self, "Person aktivieren", f"{person.name} ist deaktiviert. Wieder aktivieren?"):
                people.reactivate_person(self.ctx.store, person_id)
                self.ctx.notify("people")
            return
        today = self.ctx.today()
        running = people.running_mandates(self.ctx.store, person_id, today)
        question = f"{person.name} deaktivieren? Die Person bleibt im Verlauf erhalten, erscheint aber nicht mehr in Auswahllisten."
        if running:
            listed = "\n".join(f"• {m.text}" for m in running)
            question = (
                f"{person.name} hat noch laufende Mandate:\n{listed}\n\nDiese Mandate enden mit der Deaktivierung am "
                f"{fmt_date(today)}. Fortfahren?"
            )
        if not messages.confirm(self, "Person deaktivieren", question):
            return
        people.deactivate_person(self.ctx.store, person_id, end_mandates_on=today if running else None)
        self.ctx.notify("people")
        self.ctx.notify("mandates")

    @user_action("Vertretung berufen")
    def appoint(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import mandate_dialog

        body = self.selected_body()
        if body is None:
            messages.info(self, "Vertretung berufen", "Bitte zuerst eine Körperschaft wählen.")
            return
        mandate_dialog.ask_appoint(self, self.ctx, body.id)

    @user_action("Mandat beenden")
    def end_mandate(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import mandate_dialog

        mandate = self._running_mandate("Mandat beenden")
        if mandate is None:
            return
        if mandate.status == "künftig":
            undo = " Die Nachfolge wird damit rückgängig gemacht." if mandate.predecessor else ""
            if messages.confirm(
                self,
                "Berufung zurücknehmen",
                f"Das Mandat von {mandate.person} beginnt erst am {fmt_date(mandate.start)}. "
                f"Soll die Berufung zurückgenommen werden?{undo}",
            ):
                mandates.withdraw_mandate(self.ctx.store, mandate.id, self.ctx.today())
                self.ctx.notify("mandates")
            return
        if mandate_dialog.ask_end(self, self.ctx, mandate.id):
            self._ask_group_seats(mandate.id)

    @user_action("Nachfolge")
    def handover(self, *_args: object) -> None:
        from bezag_desktop.ui.dialogs import mandate_dialog

        mandate = self._running_mandate("Nachfolge")
        if mandate is None:
            return
        successor_mandate = mandate_dialog.ask_handover(self, self.ctx, mandate.id)
        if successor_mandate is not None:
            self._ask_group_seats(mandate.id, successor_mandate)

    def _ask_group_seats(self, ended_mandate_id: int, successor_mandate_id: int | None = None) -> None:
        """A body mandate ended: ask what happens to the person's working-group seats (issue 5)."""
        from bezag_desktop.ui.dialogs.group_member_dialog import ask_group_seats_after_mandate_end

        ended = mandates.get_mandate(self.ctx.store, ended_mandate_id)
        if ended.end is None:
            return
        successor = mandates.get_mandate(self.ctx.store, successor_mandate_id) if successor_mandate_id else None
        if ask_group_seats_after_mandate_end(
            self,
            self.ctx,
            ended.person_id,
            ended.end,
            body_id=ended.body_id,
            successor_id=successor.person_id if successor else None,
            successor_name=successor.person if successor else "",
        ):
            self.ctx.notify("committees")

    def choose_import(self, *_args: object) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Vertretungen aus Excel importieren", "", "Excel-Dateien (*.xlsx)"
        )
        if path:
            self.import_file(Path(path))

    @user_action("Import aus Excel")
    def import_file(self, path: Path) -> bool:
        """Dry run, the preview table, then (confirmed) the import. True when imported."""
        from bezag_desktop.services.representation import importing as imp
        from bezag_desktop.ui.dialogs.import_preview_dialog import confirm_import, show_errors

        try:
            with _busy():
                preview = imp.import_representatives(self.ctx.store, path, dry_run=True)
        except imp.ImportRefused as exc:
            show_errors(self, path, exc)
            return False
        if not confirm_import(self, preview):
            return False
        if not any(r.changes_something for r in preview.rows):
            messages.info(self, "Import aus Excel", "Die Datei enthält nichts Neues; es wurde nichts geändert.")
            return False
        with _busy():
            result = imp.import_representatives(self.ctx.store, path)
        self.ctx.notify("people")
        self.ctx.notify("mandates")
        messages.info(self, "Import aus Excel", result.summary)
        return True

    def choose_template(self, *_args: object) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Importvorlage speichern", "Vertretungen-Vorlage.xlsx", "Excel-Dateien (*.xlsx)"
        )
        if path:
            self.save_template(Path(path))

    @user_action("Vorlage speichern")
    def save_template(self, path: Path) -> Path | None:
        from bezag_desktop.services.representation.importing import write_template

        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            written = write_template(self.ctx.store, path)
        except OSError as exc:
            messages.error(
                self,
                "Vorlage speichern",
                f"{path} kann nicht geschrieben werden ({exc.strerror}); ist die Datei geöffnet?",
            )
            return None
        messages.info(self, "Vorlage speichern", f"Die Importvorlage wurde gespeichert: {written}")
        return written
