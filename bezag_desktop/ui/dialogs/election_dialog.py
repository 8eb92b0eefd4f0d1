"""Wahl erfassen: meeting and office, eligible candidates, the ballot rounds; the verdict is shown live.

The rounds follow the rule of the Geschäftsordnung: "Wahlgang hinzufügen" adds the round the verdict asks
for (runoff, repeated ballot, yes/no). When a lot is needed the dialog asks for its outcome. Saving a
decided election for a chair office creates the chair term.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import BallotKind, ElectionOffice
from bezag_desktop.domain.elections import ElectionOutcome
from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.representation import election_queries, elections
from bezag_desktop.services.representation.election_queries import CandidateOption, ElectionInput, Preview, RoundInput
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.fields import caption
from bezag_desktop.ui.widgets.split import split_pane

#: Fixed columns of the rounds table; one column per candidate follows.
FIXED_COLUMNS = ("Wahlgang", "Abgegeben", "Leer", "Ungültig", "Ja", "Nein")
COL_KIND, COL_CAST, COL_BLANK, COL_INVALID, COL_YES, COL_NO = range(6)
_DISABLED = QBrush(QColor("#eeeeee"))


@dataclass
class RoundState:
    """One round as the dialog holds it until saving."""

    kind: str
    #: The candidates on this round's ballot (fixed when the round was added).
    on_ballot: tuple[int, ...]
    ballots_cast: int = 0
    abstentions: int = 0
    invalid: int = 0
    yes: int = 0
    no: int = 0
    votes: dict[int, int] = field(default_factory=dict)
    lot_winners: tuple[int, ...] = ()
    lot_note: str = ""

    def to_input(self) -> RoundInput:
        return RoundInput(
            kind=self.kind,
            ballots_cast=self.ballots_cast,
            votes={p: v for p, v in self.votes.items() if p in self.on_ballot},
            abstentions=self.abstentions,
            invalid=self.invalid,
            yes=self.yes,
            no=self.no,
            lot_winners=self.lot_winners,
            lot_note=self.lot_note,
        )


class ElectionDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        meeting_id: int | None = None,
        election_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.election_id = election_id
        self.result_id: int | None = None
        self.rounds: list[RoundState] = []
        self.options: list[CandidateOption] = []
        self.preview: Preview | None = None
        self.error = ""
        self._loading = False
        self.setWindowTitle("Wahl erfassen" if election_id is None else "Wahl weiter erfassen")
        self.resize(1040, 760)

        form = self._build_form()
        cand_box = self._build_candidates()
        rounds_box = self._build_rounds()

        # Wide enough for "Name (Stellvertretung, Landkreis Bad Tölz-Wolfratshausen)".
        splitter = split_pane(self, cand_box, rounds_box, stretch=(1, 2), sizes=(400, 640))

        stack_with_buttons(self, (form, (splitter, 1)), "Speichern")

        self.meeting_combo.currentIndexChanged.connect(self._meeting_changed)
        self.office_combo.currentIndexChanged.connect(self._office_changed)
        self.office_label_edit.textChanged.connect(lambda _t: self.recompute())
        self.electorate_spin.valueChanged.connect(lambda _v: self.recompute())
        self.candidate_filter.textChanged.connect(self._filter_candidates)
        self.candidate_list.itemChanged.connect(self._candidates_changed)
        self.table.cellChanged.connect(self._cell_changed)
        self.add_round_button.clicked.connect(self.add_round)
        self.remove_round_button.clicked.connect(self.remove_round)
        self.lot_button.clicked.connect(self.ask_lot)
        QShortcut(QKeySequence("Ctrl+R"), self, self.add_round)

        if election_id is not None:
            self._load_election(election_id)
        else:
            self._select_meeting(meeting_id)
            self._office_changed()

    # --- building -------------------------------------------------------------------------------

    def _build_form(self) -> QFormLayout:
        """Meeting, office, electorate and the note on how the election is held."""
        self.meeting_combo = QComboBox(self)
        for m in election_queries.meeting_options(self.ctx.store):
            self.meeting_combo.addItem(m.label, m.id)
        self.office_combo = QComboBox(self)
        for code, label in ElectionOffice.choices():
            self.office_combo.addItem(label, code)
        self.office_label_edit = QLineEdit(self)
        self.office_label_edit.setPlaceholderText("Bezeichnung des Amtes (nur bei „sonstiges Amt“)")
        self.electorate_spin = QSpinBox(self)
        self.electorate_spin.setRange(0, 999)
        self.electorate_label = QLabel(self)
        electorate_row = QHBoxLayout()
        electorate_row.addWidget(self.electorate_spin)
        electorate_row.addWidget(self.electorate_label, 1)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setText(election_queries.ballot_form_note(self.ctx.store))
        self.notes_edit.setToolTip(
            "Erscheint auf dem Wahlblatt und in der Niederschrift (Vorgabe aus der Geschäftsordnung: geheime Wahl)."
        )
        form = QFormLayout()
        form.addRow("&Sitzung:", self.meeting_combo)
        form.addRow("&Amt:", self.office_combo)
        form.addRow("", self.office_label_edit)
        form.addRow(caption(self, "S&timmberechtigte:", self.electorate_spin), electorate_row)
        form.addRow("&Vermerk:", self.notes_edit)
        return form

    def _build_candidates(self) -> QGroupBox:
        """The eligible persons to tick, with a search box."""
        self.candidate_filter = QLineEdit(self)
        self.candidate_filter.setPlaceholderText("Bewerbung suchen …")
        self.candidate_filter.setClearButtonEnabled(True)
        self.candidate_list = QListWidget(self)
        self.candidate_hint = QLabel(self)
        self.candidate_hint.setWordWrap(True)
        cand_box = QGroupBox("Bewerbungen (nur wählbare Personen)", self)
        cl = QVBoxLayout(cand_box)
        cl.addWidget(self.candidate_filter)
        cl.addWidget(self.candidate_list, 1)
        cl.addWidget(self.candidate_hint)
        return cand_box

    def _build_rounds(self) -> QGroupBox:
        """The ballot rounds table, its buttons and the verdict by the Geschäftsordnung."""
        self.table = QTableWidget(0, len(FIXED_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(FIXED_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.add_round_button = QPushButton("&Wahlgang hinzufügen", self)
        self.remove_round_button = QPushButton("Letzten Wahlgang &entfernen", self)
        self.lot_button = QPushButton("&Losergebnis eintragen …", self)
        buttons_row = QHBoxLayout()
        for b in (self.add_round_button, self.remove_round_button, self.lot_button):
            buttons_row.addWidget(b)
        buttons_row.addStretch(1)
        self.verdict_view = QPlainTextEdit(self)
        self.verdict_view.setReadOnly(True)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        font = self.result_label.font()
        font.setBold(True)
        self.result_label.setFont(font)
        rounds_box = QGroupBox("Wahlgänge", self)
        rl = QVBoxLayout(rounds_box)
        rl.addLayout(buttons_row)
        rl.addWidget(self.table, 2)
        rl.addWidget(QLabel("Ergebnis nach der Geschäftsordnung:", self))
        rl.addWidget(self.verdict_view, 2)
        rl.addWidget(self.result_label)
        return rounds_box

    # --- setup -----------------------------------------------------------------------------------

    def _select_meeting(self, meeting_id: int | None) -> None:
        self._loading = True
        index = -1
        if meeting_id is not None:
            index = self.meeting_combo.findData(meeting_id)
        if index < 0:
            today = self.ctx.today()
            days = [o.day for o in election_queries.meeting_options(self.ctx.store)]
            index = next((i for i, d in enumerate(days) if d <= today), 0)
        self.meeting_combo.setCurrentIndex(index)
        self._loading = False

    def _load_election(self, election_id: int) -> None:
        data = election_queries.election_input(self.ctx.store, election_id)
        self._loading = True
        self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(data.meeting_id)))
        self.office_combo.setCurrentIndex(max(0, self.office_combo.findData(data.office)))
        self.office_label_edit.setText(data.office_label)
        self.notes_edit.setText(data.notes)
        self._loading = False
        self._reload_candidates(keep=data.candidates)
        self._refresh_electorate()
        if data.electorate is not None:
            self.electorate_spin.setValue(data.electorate)
        steps_for = list(data.candidates)
        for r in data.rounds:
            on_ballot = (
                tuple(p for p in steps_for if p in r.votes) if r.kind != BallotKind.JA_NEIN.value else data.candidates
            )
            self.rounds.append(
                RoundState(
                    kind=r.kind,
                    on_ballot=on_ballot or data.candidates,
                    ballots_cast=r.ballots_cast,
                    abstentions=r.abstentions,
                    invalid=r.invalid,
                    yes=r.yes,
                    no=r.no,
                    votes=dict(r.votes),
                    lot_winners=r.lot_winners,
                    lot_note=r.lot_note,
                )
            )
        self._rebuild_table()
        self.recompute()

    def meeting_id(self) -> int | None:
        value = self.meeting_combo.currentData()
        return None if value is None else int(value)

    def office(self) -> str:
        return str(self.office_combo.currentData())

    def _meeting_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._reload_candidates(keep=self.checked_candidates())
        self._refresh_electorate()
        self.recompute()

    def _office_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.office_label_edit.setEnabled(self.office() == ElectionOffice.SONSTIGES.value)
        self._reload_candidates(keep=self.checked_candidates())
        self._refresh_electorate()
        self.recompute()

    def _refresh_electorate(self) -> None:
        mid = self.meeting_id()
        if mid is None:
            self.electorate_label.setText("Bitte zuerst eine Plenarsitzung anlegen.")
            return
        electorate = election_queries.electorate_for(self.ctx.store, mid)
        self.electorate_spin.blockSignals(True)
        self.electorate_spin.setValue(electorate.size)
        self.electorate_spin.blockSignals(False)
        if electorate.size:
            self.electorate_label.setText(f"aus der Anwesenheit: {electorate.text}")
        else:
            self.electorate_label.setText(
                "Für diese Sitzung ist keine Anwesenheit erfasst; bitte die Zahl der Stimmberechtigten eintragen."
            )

    def _reload_candidates(self, keep: tuple[int, ...] = ()) -> None:
        mid = self.meeting_id()
        self.options = [] if mid is None else election_queries.eligible_candidates(self.ctx.store, mid, self.office())
        eligible = {o.person_id for o in self.options}
        self.candidate_list.blockSignals(True)
        self.candidate_list.clear()
        for o in self.options:
            item = QListWidgetItem(o.label)
            item.setData(Qt.ItemDataRole.UserRole, o.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if o.person_id in keep else Qt.CheckState.Unchecked)
            self.candidate_list.addItem(item)
        self.candidate_list.blockSignals(False)
        lost = [p for p in keep if p not in eligible]
        office = election_queries.office_label(self.office(), self.office_label_edit.text())
        hint = f"{len(self.options)} wählbare Personen für „{office}“ am Sitzungstag."
        if lost:
            hint += f" {len(lost)} bisherige Bewerbung(en) sind hier nicht wählbar und wurden entfernt."
        self.candidate_hint.setText(hint)
        self._filter_candidates(self.candidate_filter.text())
        self._candidates_changed()

    def _filter_candidates(self, text: str) -> None:
        words = fold(text).split()
        for i in range(self.candidate_list.count()):
            item = self.candidate_list.item(i)
            shown = all(w in fold(item.text()) for w in words) or item.checkState() == Qt.CheckState.Checked
            item.setHidden(not shown)

    def checked_candidates(self) -> tuple[int, ...]:
        out = []
        for i in range(self.candidate_list.count()):
            item = self.candidate_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(out)

    def set_candidates(self, person_ids: tuple[int, ...] | list[int]) -> None:
        """Check exactly these candidates (keyboard users and tests)."""
        wanted = set(person_ids)
        for i in range(self.candidate_list.count()):
            item = self.candidate_list.item(i)
            pid = int(item.data(Qt.ItemDataRole.UserRole))
            item.setCheckState(Qt.CheckState.Checked if pid in wanted else Qt.CheckState.Unchecked)

    def _candidates_changed(self, *_args: object) -> None:
        candidates = self.checked_candidates()
        if self.rounds and set(candidates) != set(self.rounds[0].on_ballot):
            # The first round was held on the old list: the rounds no longer fit.
            self.rounds.clear()
        self._rebuild_table()
        self.recompute()

    # --- the rounds table --------------------------------------------------------------------------

    def _names(self) -> dict[int, str]:
        return {o.person_id: o.name for o in self.options}

    def _rebuild_table(self) -> None:
        candidates = self.checked_candidates()
        names = self._names()
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setColumnCount(len(FIXED_COLUMNS) + len(candidates))
        self.table.setHorizontalHeaderLabels([*FIXED_COLUMNS, *(names.get(p, str(p)) for p in candidates)])
        self.table.setRowCount(len(self.rounds))
        for r, state in enumerate(self.rounds):
            yes_no = state.kind == BallotKind.JA_NEIN.value
            kind_item = QTableWidgetItem(f"{r + 1}. {BallotKind(state.kind).label}")
            kind_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, COL_KIND, kind_item)
            cells: list[tuple[int, int, bool]] = [
                (COL_CAST, state.ballots_cast, True),
                (COL_BLANK, state.abstentions, True),
                (COL_INVALID, state.invalid, True),
                (COL_YES, state.yes, yes_no),
                (COL_NO, state.no, yes_no),
            ]
            for offset, pid in enumerate(candidates):
                editable = not yes_no and pid in state.on_ballot
                cells.append((len(FIXED_COLUMNS) + offset, state.votes.get(pid, 0), editable))
            for col, value, editable in cells:
                item = QTableWidgetItem(str(value) if editable else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not editable:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setBackground(_DISABLED)
                self.table.setItem(r, col, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()

    def column_of(self, person_id: int) -> int:
        return len(FIXED_COLUMNS) + list(self.checked_candidates()).index(person_id)

    def _cell_changed(self, row: int, column: int) -> None:
        if not 0 <= row < len(self.rounds):
            return
        item = self.table.item(row, column)
        text = item.text().strip() if item is not None else ""
        try:
            value = int(text) if text else 0
        except ValueError:
            self.error = f"Wahlgang {row + 1}: „{text}“ ist keine ganze Zahl."
            self._show_outcome(None)
            return
        state = self.rounds[row]
        if column == COL_CAST:
            state.ballots_cast = value
        elif column == COL_BLANK:
            state.abstentions = value
        elif column == COL_INVALID:
            state.invalid = value
        elif column == COL_YES:
            state.yes = value
        elif column == COL_NO:
            state.no = value
        elif column >= len(FIXED_COLUMNS):
            pid = self.checked_candidates()[column - len(FIXED_COLUMNS)]
            state.votes[pid] = value
        # A lot drawn on other numbers no longer holds.
        if state.lot_winners and column != COL_KIND:
            state.lot_winners, state.lot_note = (), ""
        self.recompute()

    def set_round_values(self, row: int, values: dict[object, int]) -> None:
        """Type numbers into the table: keys are column titles ("Abgegeben", "Leer", …) or candidate ids."""
        for key, value in values.items():
            column = self.column_of(key) if isinstance(key, int) else FIXED_COLUMNS.index(str(key))
            item = self.table.item(row, column)
            assert item is not None
            item.setText(str(value))

    def add_round(self, *_args: object) -> None:
        outcome = self.outcome()
        if outcome is None:
            if not self.checked_candidates():
                messages.warning(self, "Wahlgang hinzufügen", "Bitte zuerst die Bewerbungen ankreuzen.")
            else:
                messages.warning(self, "Wahlgang hinzufügen", self.error or "Die Angaben sind unvollständig.")
            return
        if outcome.lot_pending is not None:
            if not self.ask_lot():
                return
            outcome = self.outcome()
            if outcome is None:
                return
        if outcome.finished or outcome.next_step is None:
            messages.info(self, "Wahlgang hinzufügen", outcome.text or "Die Wahl ist entschieden.")
            return
        step = outcome.next_step
        self.rounds.append(RoundState(kind=step.kind, on_ballot=step.candidates))
        self._rebuild_table()
        self.recompute()
        self.table.setCurrentCell(len(self.rounds) - 1, COL_CAST)

    def remove_round(self, *_args: object) -> None:
        if self.rounds:
            self.rounds.pop()
            self._rebuild_table()
            self.recompute()

    # --- the verdict -----------------------------------------------------------------------------

    def data(self) -> ElectionInput | None:
        mid = self.meeting_id()
        if mid is None:
            return None
        return ElectionInput(
            meeting_id=mid,
            candidates=self.checked_candidates(),
            rounds=tuple(r.to_input() for r in self.rounds),
            office=self.office(),
            office_label=self.office_label_edit.text(),
            electorate=self.electorate_spin.value(),
            notes=self.notes_edit.text(),
        )

    def outcome(self) -> ElectionOutcome | None:
        return self.preview.outcome if self.preview is not None and not self.error else None

    def recompute(self) -> None:
        data = self.data()
        self.preview = None
        self.error = ""
        if data is None:
            self.error = "Es gibt noch keine Plenarsitzung, in der gewählt werden könnte."
        elif not data.candidates:
            self.error = "Bitte die Bewerbungen ankreuzen."
        else:
            try:
                self.preview = elections.preview(self.ctx.store, data)
            except UserError as exc:
                self.error = exc.message
        self._show_outcome(self.preview)

    def _show_outcome(self, preview: Preview | None) -> None:
        lines: list[str] = []
        if preview is not None:
            lines = [r.text for r in preview.outcome.rounds]
        self.verdict_view.setPlainText("\n\n".join(lines))
        outcome = preview.outcome if preview is not None and not self.error else None
        if self.error or outcome is None:
            self.result_label.setStyleSheet("color: #b00020;")
            self.result_label.setText(self.error)
        else:
            self.result_label.setStyleSheet("")
            text = outcome.text
            if preview is not None and preview.term_start is not None:
                until = f" bis {fmt_date(preview.term_end)}" if preview.term_end else ""
                text += f" Amtszeit ab {fmt_date(preview.term_start)}{until}."
            self.result_label.setText(text)
        self.lot_button.setEnabled(outcome is not None and outcome.lot_pending is not None)
        self.add_round_button.setEnabled(outcome is not None and not outcome.finished)
        self.remove_round_button.setEnabled(bool(self.rounds))

    def ask_lot(self, *_args: object) -> bool:
        """Ask who the lot favoured (and an optional note); True when entered."""
        outcome = self.outcome()
        pending = outcome.lot_pending if outcome is not None else None
        if pending is None:
            return False
        names = self._names()
        remaining = list(pending.tied)
        winners: list[int] = []
        for _place in range(pending.places):
            which = (
                "Wer zieht in die Stichwahl ein?"
                if pending.verdict.value == "los_stichwahlplatz"
                else "Wer ist gewählt?"
            )
            choice = messages.choose(
                self,
                "Losentscheid",
                f"Wahlgang {pending.number}: Stimmengleichheit zwischen "
                f"{', '.join(names.get(p, str(p)) for p in pending.tied)}. Das Los entscheidet. {which}",
                [names.get(p, str(p)) for p in remaining],
            )
            if choice is None:
                return False
            winners.append(remaining.pop(choice))
        note = messages.ask_text(self, "Losentscheid", "Vermerk zum Losentscheid (z. B. wer das Los gezogen hat):", "")
        state = self.rounds[pending.number - 1]
        state.lot_winners = tuple(winners)
        state.lot_note = (note or "").strip()
        self.recompute()
        return True

    # --- saving ----------------------------------------------------------------------------------

    def accept(self) -> None:
        run_action(self, "Wahl speichern", self._save)

    def _save(self) -> None:
        outcome = self.outcome()
        if outcome is None:
            messages.warning(self, "Wahl speichern", self.error or "Die Angaben sind unvollständig.")
            return
        if outcome.lot_pending is not None:
            choice = messages.choose(
                self,
                "Losentscheid fehlt",
                "Das Ergebnis des Losentscheids ist noch nicht eingetragen.",
                ["Losergebnis jetzt eintragen", "Als offene Wahl speichern"],
            )
            if choice is None:
                return
            if choice == 0 and self.ask_lot():
                outcome = self.outcome()
                if outcome is None:
                    return
        elif not outcome.finished and not messages.confirm(
            self, "Wahl speichern", "Die Wahl ist noch nicht entschieden. Als offene Wahl speichern?"
        ):
            return
        data = self.data()
        assert data is not None
        sheet = elections.record_election(self.ctx.store, data, self.election_id)
        self.result_id = sheet.id
        self.ctx.notify("elections")
        if sheet.chair_term_id is not None:
            self.ctx.notify("chairs")
            until = f" bis {fmt_date(sheet.term_end)}" if sheet.term_end else ""
            messages.info(
                self,
                "Wahl gespeichert",
                f"{sheet.elected} ist gewählt ({sheet.office_label}). Amtszeit ab {fmt_date(sheet.term_start)}{until}.",
            )
        super().accept()


def ask(parent: QWidget | None, ctx: UiContext, meeting_id: int | None = None) -> int | None:
    """Record an election (optionally held in ``meeting_id``); returns the election's id."""
    dialog = ElectionDialog(ctx, meeting_id=meeting_id, parent=parent)
    return dialog.result_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_continue(parent: QWidget | None, ctx: UiContext, election_id: int) -> int | None:
    """Continue an open election (e.g. a lot still to enter)."""
    dialog = ElectionDialog(ctx, election_id=election_id, parent=parent)
    return dialog.result_id if dialog.exec() == QDialog.DialogCode.Accepted else None
