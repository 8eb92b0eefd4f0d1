"""Seats in a working group: add a member (a body's representative or a partner's contact), change a role, end a seat."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from bezag_desktop.domain.codes import MembershipRole
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.groups import rows as group_rows
from bezag_desktop.services.groups.rows import CandidateRow, MemberRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.group_dialog import OneGroupDialog
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets.dates import DateEdit
from bezag_desktop.ui.widgets.editor_buttons import stack_with_buttons
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog
from bezag_desktop.ui.widgets.table import FilterTable

#: Which persons the list offers.
SOURCES: tuple[tuple[str, str], ...] = (
    ("body", "Vertretungen der Körperschaften"),
    ("partner", "Kontaktpersonen der Netzwerkpartner"),
    ("all", "alle Personen"),
)

CANDIDATE_COLUMNS: tuple[Column[CandidateRow], ...] = (
    Column("Name", lambda c: c.name),
    Column("Organisation", lambda c: c.organisation),
    Column("Funktion", lambda c: c.function),
    Column("im Plenum", lambda c: c.plenum_role_label),
    Column("in diesem Gremium", lambda c: c.seat_role_label),
    Column("E-Mail", lambda c: c.email),
)

#: Roles offered for a working-group seat, in this order.
GROUP_ROLES: tuple[MembershipRole, ...] = (
    MembershipRole.MITGLIED,
    MembershipRole.SPRECHER,
    MembershipRole.STELLV_SPRECHER,
    MembershipRole.STELLVERTRETUNG,
    MembershipRole.GAST,
)


def role_combo(parent: QWidget, current: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for role in GROUP_ROLES:
        combo.addItem(role.label, role.value)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class MemberDialog(OneGroupDialog):
    """Give a person a seat: choose from the representatives, the partner contacts or everyone."""

    what = "Die Auswahl"

    def __init__(self, ctx: UiContext, committee_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, committee_id, "Mitglied hinzufügen", parent)
        ov = self.overview
        self.resize(900, 580)
        self.candidates = group_queries.member_candidates(ctx.store, committee_id, ctx.today())

        self.source_combo = QComboBox(self)
        for key, label in SOURCES:
            self.source_combo.addItem(label, key)
        self.model: RowsModel[CandidateRow] = RowsModel(
            CANDIDATE_COLUMNS, highlight=lambda c: "muted" if c.seat_role else None, parent=self
        )
        self.table = FilterTable(self.model, placeholder="Name, Organisation oder E-Mail suchen …", parent=self)
        self.table.row_activated.connect(lambda _row: self.accept())
        self.role_combo = role_combo(self)
        start = ctx.today()
        if ov.founded and ov.founded > start:
            start = ov.founded
        self.start_edit = DateEdit(self, start)
        self.end_check = QCheckBox("befristet bis", self)
        self.end_edit = DateEdit(self, start + timedelta(days=365))
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.notes_edit = QLineEdit(self)
        self.hint = QLabel("Der Sitz wird für die Körperschaft bzw. den Netzwerkpartner der Person wahrgenommen.", self)
        self.hint.setWordWrap(True)

        top = QFormLayout()
        top.addRow("&Auswahl aus:", self.source_combo)
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_check)
        end_row.addWidget(self.end_edit)
        end_row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Rolle:", self.role_combo)
        form.addRow("&Beginn:", self.start_edit)
        form.addRow("Ende:", end_row)
        form.addRow("&Notiz:", self.notes_edit)
        stack_with_buttons(self, (top, (self.table, 1), form, self.hint), "Hinzufügen")
        self.source_combo.currentIndexChanged.connect(self._fill)
        self._fill()
        self.table.resize_columns()
        self.watch(self.role_combo, self.start_edit, self.end_check, self.end_edit, self.notes_edit)
        self.table.view.selectionModel().currentRowChanged.connect(self.tracker.touch)

    def set_source(self, key: str) -> None:
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(key)))

    def _fill(self) -> None:
        key = self.source_combo.currentData()
        rows = [c for c in self.candidates if key == "all" or c.organisation_kind == key]
        self.model.set_rows(rows)

    def select_person(self, person_id: int) -> bool:
        return self.table.select_where(lambda c: c is not None and c.person_id == person_id)

    def save(self) -> bool:
        chosen: CandidateRow | None = self.table.selected()
        if chosen is None:
            messages.warning(self, self.plain_title, "Bitte zuerst eine Person in der Liste auswählen.")
            return False
        role = str(self.role_combo.currentData())
        start = self.start_edit.value()
        end = self.end_edit.value() if self.end_check.isChecked() else None
        notes = self.notes_edit.text()
        result = run_action(
            self,
            "Mitglied hinzufügen",
            lambda: committees.add_member(
                self.ctx.store, self.committee_id, chosen.person_id, role, start, end=end, notes=notes
            ),
        )
        if result is None:
            return False
        self.result_id = int(result)
        return True


def ask(parent: QWidget | None, ctx: UiContext, committee_id: int) -> int | None:
    """Add a seat; returns the membership id or ``None`` when cancelled."""
    dialog = MemberDialog(ctx, committee_id, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_id
    return None


class RoleDialog(EditorDialog):
    """Change a seat's role from a day on (the old seat ends the day before)."""

    what = "Die Rollenänderung"

    def __init__(self, ctx: UiContext, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member = member
        self.result_id: int | None = None
        self.setWindowTitle(f"Rolle ändern – {member.person}")
        self.role_combo = role_combo(self, member.role)
        on = ctx.today()
        if member.start and member.start > on:
            on = member.start
        self.on_edit = DateEdit(self, on)
        info = QLabel(
            f"Bisher: {member.role_label} seit {fmt_date(member.start) or 'unbekannt'}. "
            "Der bisherige Sitz endet am Vortag; die Geschichte bleibt erhalten.",
            self,
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Neue &Rolle:", self.role_combo)
        form.addRow("&ab:", self.on_edit)
        stack_with_buttons(self, (info, form), "Ändern")
        self.watch(self.role_combo, self.on_edit)

    def save(self) -> bool:
        role = str(self.role_combo.currentData())
        on = self.on_edit.value()
        result = run_action(
            self,
            "Rolle ändern",
            lambda: committees.change_role(self.ctx.store, self.member.membership_id, role, on),
        )
        if result is None:
            return False
        self.result_id = int(result)
        return True


def ask_role(parent: QWidget | None, ctx: UiContext, member: MemberRow) -> int | None:
    dialog = RoleDialog(ctx, member, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_id
    return None


class EndSeatDialog(EditorDialog):
    """End one seat on a day (its last day)."""

    what = "Das Beenden des Sitzes"

    def __init__(self, ctx: UiContext, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member = member
        self.done_ok = False
        self.setWindowTitle(f"Sitz beenden – {member.person}")
        end = ctx.today()
        if member.start and member.start > end:
            end = member.start
        self.end_edit = DateEdit(self, end)
        info = QLabel(
            f"{member.person} ({member.role_label}, {member.organisation or 'ohne Organisation'}) "
            "scheidet mit Ablauf dieses Tages aus. Der Sitz bleibt in der Geschichte der Arbeitsgruppe sichtbar.",
            self,
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Letzter Tag:", self.end_edit)
        stack_with_buttons(self, (info, form), "Sitz beenden")
        self.watch(self.end_edit)

    def value(self) -> date:
        return self.end_edit.value()

    def save(self) -> bool:
        end = self.value()
        result = run_action(
            self,
            "Sitz beenden",
            lambda: committees.end_membership(self.ctx.store, self.member.membership_id, end) or True,
        )
        self.done_ok = bool(result)
        return self.done_ok


def ask_end(parent: QWidget | None, ctx: UiContext, member: MemberRow) -> bool:
    dialog = EndSeatDialog(ctx, member, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and dialog.done_ok


def ask_group_seats_after_mandate_end(
    parent: QWidget | None,
    ctx: UiContext,
    person_id: int,
    end_date: date,
    *,
    body_id: int | None = None,
    successor_id: int | None = None,
    successor_name: str = "",
) -> group_rows.EndSeatsResult | None:
    """After a body mandate ended: ask what happens to the person's working-group seats.

    For the Vertretungen page: call it right after the mandate was ended. Without running seats
    (on behalf of ``body_id``, when given) nothing is asked and ``None`` comes back; likewise when
    the user keeps the seats or cancels. Otherwise the seats end on ``end_date`` or, with a
    ``successor_id``, pass to the successor from the next day.
    """
    seats = [
        s
        for s in group_queries.group_seats_of(ctx.store, person_id, end_date)
        if body_id is None or s.body_id == body_id
    ]
    if not seats:
        return None
    listing = "\n".join(f"• {s.text}" for s in seats)
    who = seats[0].person or "Die Person"
    choices = ["Sitze ebenfalls beenden"]
    if successor_id is not None:
        choices.append(f"an {successor_name or 'die Nachfolge'} übergeben")
    choices.append("Sitze behalten")
    answer = messages.choose(
        parent,
        "Sitze in Arbeitsgruppen",
        f"Das Mandat endet am {fmt_date(end_date)}. {who} hat noch {len(seats)} Sitz(e) in Arbeitsgruppen "
        f"oder Netzwerken:\n{listing}\n\nWas soll mit diesen Sitzen geschehen? Beendete Sitze enden am "
        f"{fmt_date(end_date)}; eine Nachfolge übernimmt sie ab dem Folgetag.",
        choices,
    )
    if answer is None or choices[answer] == "Sitze behalten":
        return None
    hand_over = successor_id is not None and answer == 1
    result = run_action(
        parent,
        "Sitze in Arbeitsgruppen",
        lambda: committees.end_group_seats(
            ctx.store, person_id, end_date, successor_id=successor_id if hand_over else None, body_id=body_id
        ),
    )
    if isinstance(result, group_rows.EndSeatsResult):
        ctx.notify("committees")
        show = messages.warning if result.not_handed_over else messages.info
        show(parent, "Sitze in Arbeitsgruppen", result.text)
        return result
    return None
