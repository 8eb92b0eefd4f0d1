"""Kontakte & Netzwerk: all persons and organisations in one searchable list, the network partners,
and each committee's distribution list (who is invited)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import PartnerCategory
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.groups import contacts, partners
from bezag_desktop.services.groups.contacts import ContactFilter, ContactRow, DistributionRow
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import partner_dialog
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.jobs import run_with_progress
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.fields import caption
from bezag_desktop.ui.widgets.table import FilterTable

# How to reach someone comes first; the wide descriptive columns follow.
CONTACT_COLUMNS: tuple[Column[ContactRow], ...] = (
    Column("Name", lambda r: r.name),
    Column("Art", lambda r: r.kind_label),
    Column("Organisation", lambda r: r.organisation),
    Column("E-Mail", lambda r: r.email),
    Column("Telefon", lambda r: r.phone),
    Column("Gremien", lambda r: r.committees_text),
    Column("Funktion", lambda r: r.function),
    Column("Kategorie", lambda r: r.category_label),
    Column("Ort", lambda r: r.city),
    Column("aktiv", lambda r: r.active),
)
DISTRIBUTION_COLUMNS: tuple[Column[DistributionRow], ...] = (
    Column("Name", lambda r: r.name),
    Column("E-Mail", lambda r: r.email or "– keine E-Mail-Adresse –"),
    Column("Organisation", lambda r: r.organisation),
    Column("Rolle", lambda r: r.role_label),
)

KIND_FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("alle", ()),
    ("Personen", (contacts.PERSON,)),
    ("Körperschaften", (contacts.BODY,)),
    ("Netzwerkpartner", (contacts.PARTNER,)),
)
ACTIVE_FILTERS: tuple[tuple[str, bool | None], ...] = (("aktive", True), ("inaktive", False), ("alle", None))


class ContactsPage(Page):
    title = "Kontakte & Netzwerk"
    areas = ("people", "partners", "committees", "mandates", "chairs", "bodies")

    #: Ask the main window to show another page: (page key, record id).
    navigate = Signal(str, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.all_rows: list[ContactRow] = []

        contacts_tab = self._build_contacts_tab(self._build_filters())
        dist_tab = self._build_distribution_tab()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(contacts_tab, "&Kontakte")
        self.tabs.addTab(dist_tab, "&Verteiler")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._update_enabled()

    # --- building -------------------------------------------------------------------------------

    def _build_filters(self) -> QGridLayout:
        """The filter boxes above the contact list, each with its caption."""
        self.kind_combo = QComboBox(self)
        for label, kinds in KIND_FILTERS:
            self.kind_combo.addItem(label, kinds)
        self.body_combo = QComboBox(self)
        self.committee_combo = QComboBox(self)
        self.category_combo = QComboBox(self)
        self.category_combo.addItem("alle Kategorien", None)
        for c in PartnerCategory:
            self.category_combo.addItem(c.label, c.value)
        self.active_combo = QComboBox(self)
        for label, value in ACTIVE_FILTERS:
            self.active_combo.addItem(label, value)
        for combo in (self.kind_combo, self.body_combo, self.committee_combo, self.category_combo, self.active_combo):
            combo.currentIndexChanged.connect(self._apply_filter)

        filters = QGridLayout()
        for col, (text, combo) in enumerate(
            (
                ("&Art:", self.kind_combo),
                ("&Körperschaft:", self.body_combo),
                ("&Gremium:", self.committee_combo),
                ("Ka&tegorie:", self.category_combo),
                ("&Status:", self.active_combo),
            )
        ):
            filters.addWidget(caption(self, text, combo), 0, col)
            filters.addWidget(combo, 1, col)
        return filters

    def _build_contacts_tab(self, filters: QGridLayout) -> QWidget:
        """Filters, partner actions and the contact list."""
        self.model: RowsModel[ContactRow] = RowsModel(
            CONTACT_COLUMNS, highlight=lambda r: None if r.active else "muted", parent=self
        )
        self.table = FilterTable(
            self.model, placeholder="Suchen: Name, Organisation, E-Mail, Gremium … (Strg+F)", parent=self
        )
        self.table.row_activated.connect(self._activated)
        self.table.selection_changed.connect(lambda _row: self._update_enabled())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.table.filter_edit.setFocus)
        self.count_label = QLabel(self)
        self.table.proxy.rowsInserted.connect(self._update_count)
        self.table.proxy.rowsRemoved.connect(self._update_count)
        self.table.proxy.modelReset.connect(self._update_count)
        self.table.proxy.layoutChanged.connect(self._update_count)

        self.new_partner_button = push_button(
            self, "Partner anlegen …", self.new_partner, tip="Neue Partnerorganisation mit Kontaktpersonen (Strg+N)"
        )
        self.edit_partner_button = push_button(
            self,
            "Partner bearbeiten …",
            self.edit_partner,
            tip="Den gewählten Netzwerkpartner oder den Partner der gewählten Person (F2)",
        )
        self.toggle_partner_button = push_button(self, "Partner aktiv/inaktiv", self.toggle_partner)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_partner)
        QShortcut(QKeySequence("F2"), self, self.edit_partner)

        actions = QHBoxLayout()
        for b in (self.new_partner_button, self.edit_partner_button, self.toggle_partner_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        contacts_tab = QWidget(self)
        ct = QVBoxLayout(contacts_tab)
        ct.addLayout(filters)
        ct.addLayout(actions)
        ct.addWidget(self.table, 1)
        return contacts_tab

    def _build_distribution_tab(self) -> QWidget:
        """A committee's distribution list with copying and export."""
        self.dist_committee_combo = QComboBox(self)
        self.dist_committee_combo.currentIndexChanged.connect(self._load_distribution)
        self.dist_model: RowsModel[DistributionRow] = RowsModel(
            DISTRIBUTION_COLUMNS, highlight=lambda r: None if r.email else "warning", parent=self
        )
        self.dist_table = FilterTable(self.dist_model, placeholder="Im Verteiler suchen …", parent=self)
        self.dist_info = QLabel(self)
        self.copy_button = push_button(
            self,
            "E-Mail-Adressen kopieren",
            self.copy_addresses,
            tip="Alle Adressen, durch Semikolon getrennt, für das An-Feld in Outlook",
        )
        self.export_button = push_button(self, "Als Excel exportieren …", self.export_distribution)
        dist_top = QHBoxLayout()
        dist_top.addWidget(caption(self, "&Gremium:", self.dist_committee_combo))
        dist_top.addWidget(self.dist_committee_combo, 1)
        dist_top.addWidget(self.copy_button)
        dist_top.addWidget(self.export_button)
        dist_tab = QWidget(self)
        dt = QVBoxLayout(dist_tab)
        explanation = QLabel(
            "Wer zu den Sitzungen des Gremiums eingeladen wird: im Plenum die Mitglieder, die Stellvertretungen "
            "und der Vorsitz; in einer Arbeitsgruppe ihre aktuellen Mitglieder einschließlich der Kontaktpersonen "
            "der Netzwerkpartner. Jede E-Mail-Adresse erscheint einmal.",
            self,
        )
        explanation.setWordWrap(True)
        dt.addWidget(explanation)
        dt.addLayout(dist_top)
        dt.addWidget(self.dist_table, 1)
        dt.addWidget(self.dist_info)
        return dist_tab

    # --- loading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        self._fill_choices()
        self.all_rows = contacts.list_contacts(self.ctx.store, ContactFilter(active=None), on=self.ctx.today())
        self._apply_filter()
        self._load_distribution()

    def _fill_choices(self) -> None:
        bodies = contacts.body_choices(self.ctx.store)
        committees = contacts.committee_choices(self.ctx.store)
        for combo, empty, items in (
            (self.body_combo, "alle Körperschaften", [(b.name, b.id) for b in bodies]),
            (self.committee_combo, "alle Gremien", [(self._committee_label(c), c.id) for c in committees]),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(empty, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
            combo.blockSignals(False)
        keep = self.dist_committee_combo.currentData()
        self.dist_committee_combo.blockSignals(True)
        self.dist_committee_combo.clear()
        for c in committees:
            self.dist_committee_combo.addItem(self._committee_label(c), c.id)
        index = self.dist_committee_combo.findData(keep) if keep is not None else 0
        self.dist_committee_combo.setCurrentIndex(max(0, index))
        self.dist_committee_combo.blockSignals(False)

    def _committee_label(self, c: contacts.CommitteeChoice) -> str:
        if c.dissolved is None:
            return c.name
        if c.dissolved < self.ctx.today():
            return f"{c.name} (aufgelöst)"
        return f"{c.name} (wird zum {fmt_date(c.dissolved)} aufgelöst)"

    def current_filter(self) -> ContactFilter:
        return ContactFilter(
            body_id=self.body_combo.currentData(),
            committee_id=self.committee_combo.currentData(),
            partner_category=self.category_combo.currentData(),
            active=self.active_combo.currentData(),
            kinds=tuple(self.kind_combo.currentData() or ()),
        )

    def _apply_filter(self, *_args: object) -> None:
        keep = self.selected()
        rows = contacts.filter_contacts(self.all_rows, self.current_filter())
        self.model.set_rows(rows)
        self.table.resize_columns()
        if keep is not None:
            self.table.select_where(lambda r: r.key == keep.key)
        self._update_count()
        self._update_enabled()

    def _update_count(self, *_args: object) -> None:
        shown = self.table.proxy.rowCount()
        self.count_label.setText(f"{shown} von {len(self.all_rows)} Einträgen")

    def set_filter(
        self,
        *,
        body_id: int | None = None,
        committee_id: int | None = None,
        category: str | None = None,
        active: bool | None = True,
        kind: str | None = None,
    ) -> None:
        """Set the filter boxes (used by links from other pages and by tests)."""
        self.ensure_fresh()
        for combo, value in (
            (self.body_combo, body_id),
            (self.committee_combo, committee_id),
            (self.category_combo, category),
            (self.active_combo, active),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        kinds = (kind,) if kind else ()
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kinds)))

    def selected(self) -> ContactRow | None:
        row = self.table.selected()
        return row if isinstance(row, ContactRow) else None

    def _partner_of(self, row: ContactRow | None) -> int | None:
        if row is None:
            return None
        if row.kind == contacts.PARTNER:
            return row.id
        if row.kind == contacts.PERSON and row.organisation_kind == contacts.PARTNER:
            return row.employer_id
        return None

    def _update_enabled(self) -> None:
        writable = not self.ctx.read_only
        partner = self._partner_of(self.selected())
        self.new_partner_button.setEnabled(writable)
        self.edit_partner_button.setEnabled(writable and partner is not None)
        self.toggle_partner_button.setEnabled(writable and partner is not None)

    def _activated(self, row: object) -> None:
        if not isinstance(row, ContactRow):
            return
        if self._partner_of(row) is not None:
            self.edit_partner()
        elif row.kind == contacts.BODY:
            self.navigate.emit("bodies", row.id)
        elif row.kind == contacts.PERSON and row.organisation_kind == contacts.BODY and row.employer_id is not None:
            self.navigate.emit("bodies", row.employer_id)

    # --- partner actions ------------------------------------------------------------------------

    def _changed(self, select: tuple[str, int] | None = None) -> None:
        self.ctx.notify("partners")
        if not self.isVisible():
            self.refresh()
        if select is not None:
            self.table.select_where(lambda r: r.key == select)

    @user_action("Netzwerkpartner anlegen")
    def new_partner(self) -> None:
        if self.ctx.read_only:
            return
        new_id = partner_dialog.ask(self, self.ctx)
        if new_id is not None:
            self._changed((contacts.PARTNER, new_id))

    @user_action("Netzwerkpartner bearbeiten")
    def edit_partner(self) -> None:
        row = self.selected()
        partner_id = self._partner_of(row)
        if self.ctx.read_only or partner_id is None:
            return
        if partner_dialog.ask(self, self.ctx, partner_id) is not None:
            self._changed(row.key if row is not None else None)

    @user_action("Netzwerkpartner aktiv/inaktiv")
    def toggle_partner(self) -> None:
        partner_id = self._partner_of(self.selected())
        if self.ctx.read_only or partner_id is None:
            return
        detail = partners.get_partner(self.ctx.store, partner_id)
        active = not detail.partner.active
        verb = "wieder aktiv setzen" if active else "inaktiv setzen"
        if not messages.confirm(
            self,
            "Netzwerkpartner",
            f"„{detail.partner.name}“ {verb}? Mitgliedschaften und Teilnahmen bleiben in der Geschichte erhalten.",
        ):
            return
        partners.set_partner_active(self.ctx.store, partner_id, active)
        self._changed((contacts.PARTNER, partner_id))

    # --- distribution list ------------------------------------------------------------------------

    def _load_distribution(self, *_args: object) -> None:
        committee_id = self.dist_committee_combo.currentData()
        rows = (
            []
            if committee_id is None
            else contacts.distribution_list(self.ctx.store, int(committee_id), self.ctx.today())
        )
        self.dist_model.set_rows(rows)
        self.dist_table.resize_columns()
        without = sum(1 for r in rows if not r.email)
        text = f"{len(rows)} Personen im Verteiler"
        if without:
            text += f", davon {without} ohne E-Mail-Adresse (gelb markiert)"
        self.dist_info.setText(text + ".")
        self.copy_button.setEnabled(any(r.email for r in rows))
        self.export_button.setEnabled(bool(rows))

    def select_distribution(self, committee_id: int) -> bool:
        self.ensure_fresh()
        self.tabs.setCurrentIndex(1)
        index = self.dist_committee_combo.findData(committee_id)
        if index >= 0:
            self.dist_committee_combo.setCurrentIndex(index)
        return index >= 0

    def distribution_text(self) -> str:
        """The addresses as Outlook takes them in the To field: ``Name <a@b>; …``."""
        parts = []
        for r in self.dist_model.rows:
            if r.email:
                name = r.name.replace('"', "").replace(";", " ").replace(",", " ").strip()
                parts.append(f"{name} <{r.email}>" if name else r.email)
        return "; ".join(parts)

    def copy_addresses(self) -> None:
        text = self.distribution_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            messages.info(
                self,
                "Verteiler",
                f"{text.count('@')} E-Mail-Adressen in die Zwischenablage kopiert (zum Einfügen in das An-Feld).",
            )

    @user_action("Verteiler als Excel exportieren")
    def export_distribution(self) -> None:
        committee_id = self.dist_committee_combo.currentData()
        if committee_id is None:
            return
        from bezag_desktop.services import lists
        from bezag_desktop.ui import export_menu

        name = next(
            (c.name for c in contacts.committee_choices(self.ctx.store) if c.id == committee_id),
            self.dist_committee_combo.currentText(),
        )
        title = "Verteiler als Excel exportieren"
        suggestion = f"Verteiler {safe_file_name(name)} {self.ctx.today().strftime('%Y-%m-%d')}.xlsx"
        path = export_menu.choose_path(self, title, suggestion, export_menu.XLSX_FILTER, ".xlsx")
        if path is None:
            return
        result = run_with_progress(
            self, "Verteiler wird geschrieben …", lambda: lists.export_contacts(self.ctx.store, path, int(committee_id))
        )
        messages.info(self, title, f"{result.rows} Einträge gespeichert in\n{result.path}")


def safe_file_name(text: str) -> str:
    """A file name part without the characters Windows forbids."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text)
    return " ".join(cleaned.split())[:80] or "Verteiler"
