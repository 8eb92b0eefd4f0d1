"""Wahlen & Vorsitz: current and past chair terms, the Bezirk's designation, elections and their sheets."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPdfWriter, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import BodyKind, ChairSide, ElectionStatus
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services import settings
from bezag_desktop.services.representation import chairs, election_queries, elections
from bezag_desktop.services.representation.bodies import BodyRow, list_bodies
from bezag_desktop.services.representation.chairs import ChairRow
from bezag_desktop.services.representation.election_queries import ElectionRow, ElectionSheet
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.mandate_dialog import PersonPicker
from bezag_desktop.ui.guard import run_action, user_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.dates import DateEdit
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.split import split_pane
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
    Column("Amt", lambda e: e.office_label),
    Column("Gewählt", lambda e: e.elected),
    Column("Status", lambda e: e.status_label),
    Column("Wahlgänge", lambda e: e.rounds, numeric=True),
    Column("Sitzung", lambda e: e.meeting),
)


def sheet_html(sheet: ElectionSheet) -> str:
    """The election sheet: a table of the counts (one column per round), the verdicts, the result."""
    e = escape
    held = f" am {fmt_date(sheet.held_on)}" if sheet.held_on and not sheet.meeting else ""
    head = [
        f"<h3>{e(sheet.title)}</h3>",
        f"<p>Sitzung: {e(sheet.meeting or '–')}{held}<br>Stimmberechtigt: {sheet.electorate}<br>"
        f"Bewerbungen: {e(', '.join(sheet.candidates) or '–')}<br>Stand: {e(sheet.status_label)}</p>",
    ]
    names = list(sheet.candidates)
    rounds = sheet.rounds
    # One column per round, one line per count and per candidate: many candidates still fit on A4.
    lines: list[tuple[str, list[str]]] = [
        ("abgegebene Stimmzettel", [str(r.ballots_cast) for r in rounds]),
        ("davon leer", [str(r.abstentions) for r in rounds]),
        ("davon ungültig", [str(r.invalid) for r in rounds]),
        ("gültige Stimmen", [str(r.valid) for r in rounds]),
        ("nötig (mehr als die Hälfte)", [str(r.majority) if r.majority else "" for r in rounds]),
    ]
    ballots = [r for r in rounds if r.kind != "ja_nein"]
    for name in names if ballots else ():
        lines.append((name, ["" if r.kind == "ja_nein" else str(dict(r.votes).get(name, "–")) for r in rounds]))
    if any(r.kind == "ja_nein" for r in rounds):
        lines.append(("Ja", [str(r.yes) if r.kind == "ja_nein" else "" for r in rounds]))
        lines.append(("Nein", [str(r.no) if r.kind == "ja_nein" else "" for r in rounds]))
    if any(r.lot_winners for r in rounds):
        lines.append(("Los fiel auf", [", ".join(r.lot_winners) for r in rounds]))
    th = "<th></th>" + "".join(f"<th>{r.number}. {e(r.kind_label)}</th>" for r in rounds)
    body = "".join(
        f'<tr><td style="white-space: nowrap;">{e(label)}</td>'
        + "".join(f'<td align="right">{e(v)}</td>' for v in values)
        + "</tr>"
        for label, values in lines
    )
    table = f'<table border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse;"><tr>{th}</tr>{body}</table>'
    verdicts = []
    for r in sheet.rounds:
        lot = f" Vermerk zum Los: {r.lot_note.rstrip('.')}." if r.lot_winners and r.lot_note else ""
        verdicts.append(f"<p><b>{r.number}. {e(r.kind_label)}:</b> {e(r.text)}{e(lot)}</p>")
    result = [f"<p><b>{e(sheet.result_text)}</b>"]
    if sheet.term_start is not None:
        until = f" bis {fmt_date(sheet.term_end)}" if sheet.term_end else ""
        result.append(f"<br>Amtszeit ab {fmt_date(sheet.term_start)}{until}.")
    result.append("</p>")
    if sheet.notes:
        result.append(f"<p>Vermerk: {e(sheet.notes)}</p>")
    return "".join([*head, table if sheet.rounds else "<p>Noch kein Wahlgang erfasst.</p>", *verdicts, *result])


def write_sheet_pdf(sheet: ElectionSheet, path: Path) -> Path:
    """The election sheet as an A4 PDF (for the file or the signatures of the chairs)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(sheet.title)
    writer.setCreator("BezAG Desktop")
    document = QTextDocument()
    # Lay the text out on the PDF's own resolution, else the offscreen/screen DPI shrinks it to a strip.
    document.documentLayout().setPaintDevice(writer)
    font = document.defaultFont()
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setHtml(sheet_html(sheet))
    document.setPageSize(QSizeF(writer.pageLayout().paintRectPixels(writer.resolution()).size()))
    document.print_(writer)
    return path


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
        self.start_edit = DateEdit(self, ctx.today())
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
        stack_with_buttons(self, (info, form), "Benennen")

    def accept(self) -> None:
        run_action(self, "Vorsitz benennen", self._save)

    def _save(self) -> None:
        person_id = self.picker.selected_id()
        if person_id is None:
            messages.warning(self, "Vorsitz benennen", "Bitte eine Person auswählen.")
            return
        row = chairs.designate_bezirk(self.ctx.store, person_id, self.start_edit.value(), notes=self.notes_edit.text())
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
        self.end_edit = DateEdit(self, max(ctx.today(), term.start))
        form = QFormLayout()
        form.addRow("Amtszeit:", QLabel(f"{term.side_label}: {term.person} seit {fmt_date(term.start)}", self))
        form.addRow("&Letzter Tag:", self.end_edit)
        stack_with_buttons(self, (form,), "Beenden")

    def accept(self) -> None:
        run_action(self, "Amtszeit beenden", self._save)

    def _save(self) -> None:
        chairs.end_chair_term(self.ctx.store, self.term.id, self.end_edit.value())
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
        self.designate_button = push_button(self, "Vorsitz des &Bezirks benennen …", self.designate)
        self.end_term_button = push_button(self, "Amtszeit be&enden …", self.end_term)
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
        self.new_election_button = push_button(self, "&Wahl erfassen …", self.new_election, tip="Strg+N")
        self.continue_button = push_button(self, "Offene Wahl &weiter erfassen …", self.continue_election)
        self.delete_button = push_button(self, "Offene Wahl &löschen", self.delete_election)
        self.pdf_button = push_button(
            self,
            "Wahlblatt als &PDF …",
            self.choose_sheet_pdf,
            tip="Das Wahlblatt der gewählten Wahl als PDF speichern (zum Ausdrucken oder Ablegen)",
        )
        election_buttons = QHBoxLayout()
        for b in (self.new_election_button, self.continue_button, self.delete_button):
            election_buttons.addWidget(b)
        election_buttons.addStretch(1)
        election_buttons.addWidget(self.pdf_button)
        self.sheet_view = QTextBrowser(self)
        self.sheet_view.setPlaceholderText("Eine Wahl wählen, um ihr Wahlblatt (Wahlgänge und Ergebnis) zu sehen.")
        lower = split_pane(self, self.election_table, self.sheet_view, stretch=(1, 1))
        election_box = QGroupBox("Wahlen", self)
        el = QVBoxLayout(election_box)
        el.addLayout(election_buttons)
        el.addWidget(lower)

        # A handful of terms above, the elections with their sheets below get the room.
        splitter = split_pane(
            self, chair_box, election_box, stretch=(2, 3), sizes=(300, 600), orientation=Qt.Orientation.Vertical
        )
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_election)
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
        self.election_model.set_rows(election_queries.list_elections(self.ctx.store))
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
        sheet = election_queries.election_sheet(self.ctx.store, row.id)
        self.sheet_view.setHtml(sheet_html(sheet))

    def choose_sheet_pdf(self, *_args: object) -> None:
        row = self.selected_election()
        if row is None:
            messages.info(self, "Wahlblatt", "Bitte zuerst eine Wahl wählen.")
            return
        suggested = f"Wahlblatt {row.held_on.isoformat() if row.held_on else row.id}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Wahlblatt als PDF speichern", suggested, "PDF (*.pdf)")
        if path:
            self.save_sheet_pdf(Path(path))

    @user_action("Wahlblatt speichern")
    def save_sheet_pdf(self, path: Path) -> Path | None:
        row = self.selected_election()
        if row is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        if not path.parent.is_dir():
            messages.error(self, "Wahlblatt", f"Den Ordner {path.parent} gibt es nicht.")
            return None
        written = write_sheet_pdf(election_queries.election_sheet(self.ctx.store, row.id), path)
        if not written.is_file() or written.stat().st_size == 0:
            messages.error(self, "Wahlblatt", f"{path} konnte nicht geschrieben werden (ist die Datei geöffnet?).")
            return None
        messages.info(self, "Wahlblatt", f"Das Wahlblatt wurde gespeichert: {written}")
        return written

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
