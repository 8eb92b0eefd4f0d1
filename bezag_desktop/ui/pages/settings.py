"""Einstellungen: every rule of the Geschäftsordnung with one sentence of explanation, the standard agenda,
and the Geschäftsstelle's details. Saving validates and tells every page at once (``ctx.notify("settings")``).

Nothing typed is lost: a ``ChangeTracker`` watches every field; while there are unsaved changes the status
line says so and the navigation marks the page with ``*`` (``dirty_changed``); leaving the page or closing
the window asks first (``may_leave``, called by the main window). Ctrl+S saves. Combo and spin boxes
ignore the mouse wheel unless focused, so scrolling the long page changes no rule.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.codes import ChairSide, QuorumRule, RunoffTieRule
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.procedure import invitation_deadline
from bezag_desktop.domain.rules import RULE_EXPLANATIONS, OfficeDetails, RulesOfProcedure, quorum_required
from bezag_desktop.domain.timeutil import add_months, fmt_date, term_end
from bezag_desktop.services import settings
from bezag_desktop.services.representation import chairs
from bezag_desktop.services.representation.bodies import list_bodies
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import user_action
from bezag_desktop.ui.pages.base import Page
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.unsaved import ChangeTracker, UnsavedAnswer, ask_unsaved, install_save_shortcut
from bezag_desktop.ui.widgets.wheel import FocusWheelComboBox, FocusWheelSpinBox

#: Choices of the rules that are codes.
_CHOICES: dict[str, list[tuple[str, str]]] = {
    "quorum_rule": QuorumRule.choices(),
    "election_runoff_tie_rule": RunoffTieRule.choices(),
}

#: The Geschäftsstelle's fields in the order shown, with their German labels.
OFFICE_LABELS: dict[str, str] = {
    "name": "Name der Geschäftsstelle",
    "department": "Abteilung/Referat",
    "street": "Straße und Hausnummer",
    "postcode": "PLZ",
    "city": "Ort",
    "email": "E-Mail (Absender der Einladungen)",
    "phone": "Telefon",
    "website": "Internet",
    "contact_person": "Ansprechperson",
    "uid_domain": "Domäne für Kalender-UIDs",
    "logo_path": "Logo (Bilddatei)",
    "invitation_template": "Vorlage Einladungsschreiben (.docx)",
    "minutes_template": "Vorlage Niederschrift (.docx)",
}
_OFFICE_HINTS = {
    "logo_path": "Erscheint im Briefkopf des Einladungsschreibens (PNG, JPG, GIF, BMP oder TIFF); leer: ohne Logo.",
    "email": "Erscheint als Organisator in den Kalendereinladungen; Antworten gehen an diese Adresse.",
    "uid_domain": "Z. B. bezag-sozialplanung.example; bildet mit der Sitzungskennung die dauerhafte Kalender-UID.",
    "invitation_template": "Leer: die mitgelieferte Vorlage im DIN-5008-Format.",
    "minutes_template": "Leer: die mitgelieferte Vorlage.",
}
_FILE_FILTERS = {
    "logo_path": "Bilder (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff)",
    "invitation_template": "Word-Dokumente (*.docx)",
    "minutes_template": "Word-Dokumente (*.docx)",
}


def check_logo(path: Path) -> None:
    """The logo must be an image Word can show (the letter uses python-docx, so ask it)."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    if not path.is_file():
        raise ValidationError(f"Die Datei „{path}“ wurde nicht gefunden.", field="logo_path")
    try:
        Image.from_file(str(path))
    except (UnrecognizedImageError, OSError) as exc:
        raise ValidationError(
            f"„{path.name}“ ist kein Bild, das Word lesen kann (PNG, JPG, GIF, BMP oder TIFF).", field="logo_path"
        ) from exc


def check_letter_template(path: Path) -> None:
    """The letter template needs the styles and placeholders of the bundled one (German message naming them)."""
    from bezag_desktop.exporters.docx_common import open_template
    from bezag_desktop.exporters.letter_template import REQUIRED_PLACEHOLDERS, REQUIRED_STYLES

    open_template(path, REQUIRED_STYLES, REQUIRED_PLACEHOLDERS)


def check_minutes_template(path: Path) -> None:
    """The minutes template needs the styles and the placeholder of the bundled one."""
    from bezag_desktop.exporters.docx_common import open_template
    from bezag_desktop.exporters.docx_minutes import REQUIRED_PLACEHOLDERS, REQUIRED_STYLES

    open_template(path, REQUIRED_STYLES, REQUIRED_PLACEHOLDERS)


#: The checks of the office's files, run when a file is chosen or changed.
_FILE_CHECKS = {
    "logo_path": check_logo,
    "invitation_template": check_letter_template,
    "minutes_template": check_minutes_template,
}


def _explained(widget: QWidget, text: str, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 6)
    layout.setSpacing(2)
    layout.addWidget(widget)
    hint = QLabel(text, box)
    hint.setWordWrap(True)
    hint.setStyleSheet("color: #555555;")
    layout.addWidget(hint)
    return box


class SettingsPage(Page):
    title = "Einstellungen"
    areas = ("settings",)

    #: True while the page holds unsaved changes (the main window marks the navigation).
    dirty_changed = Signal(bool)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tracker = ChangeTracker(self)
        self.rule_widgets: dict[str, QWidget] = {}
        self.office_edits: dict[str, QLineEdit] = {}
        self.voting_bodies = 24
        #: The running elected chair term (person, last day), for the warning time in the effects.
        self.elected_term: tuple[str, date] | None = None

        content = QWidget(self)
        cl = QVBoxLayout(content)
        cl.addWidget(self._build_rules())
        effects_box = QGroupBox("Auswirkungen (mit den eingestellten Werten)", self)
        self.effects_label = QLabel(effects_box)
        self.effects_label.setWordWrap(True)
        QVBoxLayout(effects_box).addWidget(self.effects_label)
        cl.addWidget(effects_box)
        cl.addWidget(self._build_agenda())
        cl.addWidget(self._build_office())
        cl.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.save_button = push_button(self, "&Speichern", self.save, tip="Strg+S")
        self.revert_button = push_button(self, "&Verwerfen", self.discard)
        self.defaults_button = push_button(self, "Geschäftsordnung auf &Standard zurücksetzen", self.reset_rules)
        self.status_label = QLabel(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.defaults_button)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self.save_shortcut = install_save_shortcut(self, self.save)
        for b in (self.save_button, self.defaults_button, self.agenda_add, self.agenda_remove):
            b.setEnabled(not ctx.read_only)

        self.tracker.watch(*self.rule_widgets.values())
        for edit in self.office_edits.values():
            # textChanged, not only textEdited: a chosen file or a pasted path is a change too.
            edit.textChanged.connect(self.tracker.touch)
        self.agenda_list.itemChanged.connect(self.tracker.touch)
        self.tracker.dirty_changed.connect(self._show_dirty)

    def _build_rules(self) -> QGroupBox:
        rules_box = QGroupBox("Geschäftsordnung", self)
        rules_form = QFormLayout(rules_box)
        for f in fields(RulesOfProcedure):
            if f.name == "standard_agenda":
                continue
            label, sentence = RULE_EXPLANATIONS[f.name]
            widget = self._rule_widget(f.name, f.default)
            self.rule_widgets[f.name] = widget
            rules_form.addRow(f"{label}:", _explained(widget, sentence, rules_box))
        return rules_box

    def _build_agenda(self) -> QGroupBox:
        agenda_label, agenda_sentence = RULE_EXPLANATIONS["standard_agenda"]
        self.agenda_list = QListWidget(self)
        self.agenda_list.setMinimumHeight(140)
        self.agenda_add = QPushButton("&Hinzufügen", self)
        self.agenda_remove = QPushButton("E&ntfernen", self)
        self.agenda_up = QPushButton("Nach &oben", self)
        self.agenda_down = QPushButton("Nach &unten", self)
        self.agenda_add.clicked.connect(self.add_agenda_item)
        self.agenda_remove.clicked.connect(self.remove_agenda_item)
        self.agenda_up.clicked.connect(lambda: self.move_agenda_item(-1))
        self.agenda_down.clicked.connect(lambda: self.move_agenda_item(1))
        agenda_buttons = QVBoxLayout()
        for b in (self.agenda_add, self.agenda_remove, self.agenda_up, self.agenda_down):
            agenda_buttons.addWidget(b)
        agenda_buttons.addStretch(1)
        agenda_row = QHBoxLayout()
        agenda_row.addWidget(self.agenda_list, 1)
        agenda_row.addLayout(agenda_buttons)
        agenda_box = QGroupBox(agenda_label, self)
        al = QVBoxLayout(agenda_box)
        hint = QLabel(agenda_sentence + " Doppelklick auf einen Punkt ändert ihn.", agenda_box)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        al.addWidget(hint)
        al.addLayout(agenda_row)
        return agenda_box

    def _build_office(self) -> QGroupBox:
        office_box = QGroupBox("Geschäftsstelle", self)
        office_form = QFormLayout(office_box)
        for name, label in OFFICE_LABELS.items():
            edit = QLineEdit(office_box)
            self.office_edits[name] = edit
            widget: QWidget = edit
            if name in _FILE_FILTERS:
                row = QWidget(office_box)
                rl = QHBoxLayout(row)
                rl.setContentsMargins(0, 0, 0, 0)
                rl.addWidget(edit, 1)
                browse = push_button(row, "Durchsuchen …", lambda _c=False, n=name: self.choose_file(n))
                rl.addWidget(browse)
                widget = row
            if name in _OFFICE_HINTS:
                widget = _explained(widget, _OFFICE_HINTS[name], office_box)
            office_form.addRow(f"{label}:", widget)
        return office_box

    # --- widgets ---------------------------------------------------------------------------------

    def _rule_widget(self, name: str, default: Any) -> QWidget:
        if name in _CHOICES:
            combo = FocusWheelComboBox(self)
            for code, label in _CHOICES[name]:
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(self._update_effects)
            return combo
        if isinstance(default, bool):
            check = QCheckBox("ja", self)
            check.toggled.connect(self._update_effects)
            return check
        spin = FocusWheelSpinBox(self)
        spin.setRange(0, 99)
        spin.setMaximumWidth(110)
        spin.valueChanged.connect(self._update_effects)
        return spin

    def _set_rule(self, name: str, value: Any) -> None:
        widget = self.rule_widgets[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))

    def set_rule(self, name: str, value: Any) -> None:
        """Change one rule's widget (keyboard users and tests)."""
        self._set_rule(name, value)

    def _rule_value(self, name: str) -> Any:
        widget = self.rule_widgets[name]
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        assert isinstance(widget, QSpinBox)
        return widget.value()

    def rules(self) -> RulesOfProcedure:
        values = {name: self._rule_value(name) for name in self.rule_widgets}
        agenda = tuple(self.agenda_list.item(i).text() for i in range(self.agenda_list.count()))
        return RulesOfProcedure(**values, standard_agenda=agenda)

    def office(self) -> OfficeDetails:
        return OfficeDetails(**{name: edit.text().strip() for name, edit in self.office_edits.items()})

    # --- loading and saving ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the saved settings; what was typed and not saved is dropped (``discard``, ``may_leave`` ask first)."""
        super().refresh()
        rules = settings.get_rules(self.ctx.store)
        office = settings.get_office(self.ctx.store)
        self.voting_bodies = len(list_bodies(self.ctx.store, self.ctx.today()))
        running = [
            c
            for c in chairs.list_chairs(self.ctx.store, self.ctx.today())
            if c.current and c.side == ChairSide.KOMMUNEN.value and c.end is not None
        ]
        self.elected_term = (running[0].person, running[0].end) if running and running[0].end else None
        with self.tracker.loading():
            self._fill(rules, office)
        self.tracker.mark_clean()
        self.status_label.clear()

    def _on_data_changed(self, area: str) -> None:
        # Another part of the program saved something: reload later, never over unsaved input.
        if self.tracker.dirty and (area == "all" or area in self.areas):
            self._stale = True
            return
        super()._on_data_changed(area)

    def _fill(self, rules: RulesOfProcedure, office: OfficeDetails | None = None) -> None:
        for name in self.rule_widgets:
            widget = self.rule_widgets[name]
            widget.blockSignals(True)
            self._set_rule(name, getattr(rules, name))
            widget.blockSignals(False)
        self.agenda_list.clear()
        for text in rules.standard_agenda:
            self._agenda_item(text)
        if office is not None:
            for name, edit in self.office_edits.items():
                edit.setText(str(getattr(office, name)))
        self._update_effects()

    # --- unsaved changes -------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.tracker.dirty

    def _show_dirty(self, dirty: bool) -> None:
        if dirty:
            self.status_label.setText("Ungespeicherte Änderungen – „Speichern“ (Strg+S) übernimmt sie.")
        self.dirty_changed.emit(dirty)

    def discard(self, *_args: object) -> None:
        """Verwerfen: back to the saved settings."""
        self.refresh()

    def may_leave(self) -> bool:
        """Before the page is left or the window closes: ask about unsaved changes; ``True`` when it may go."""
        if not self.tracker.dirty:
            return True
        answer = ask_unsaved(self, "Die Seite „Einstellungen“")
        if answer is UnsavedAnswer.SAVE:
            return bool(self.save())
        if answer is UnsavedAnswer.DISCARD:
            self.refresh()
            return True
        return False

    def _update_effects(self, *_args: object) -> None:
        rules = self.rules()
        today = self.ctx.today()
        required = quorum_required(self.voting_bodies, rules.quorum_rule)
        meeting = today + timedelta(days=28)
        self.effects_label.setText(
            f"Beschlussfähig ab {required} von {self.voting_bodies} vertretenen Mitgliedskörperschaften.\n"
            f"Für eine Sitzung am {fmt_date(meeting)} müssen die Einladungen bis "
            f"{fmt_date(invitation_deadline(meeting, rules.notice_period_days))} hinausgehen.\n"
            f"Eine heute gewählte Vorsitzende bzw. ein heute gewählter Vorsitzender ist im Amt bis "
            f"{fmt_date(term_end(today, max(1, rules.chair_term_years)))}." + self._warning_effect(rules)
        )

    def _warning_effect(self, rules: RulesOfProcedure) -> str:
        if self.elected_term is None:
            return ""
        person, last_day = self.elected_term
        months = rules.chair_warning_months
        if months <= 0:
            return (
                f"\nDie Amtszeit von {person} endet am {fmt_date(last_day)}; ohne Vorwarnzeit warnt die Übersicht "
                "erst an diesem letzten Amtstag."
            )
        return (
            f"\nDie Amtszeit von {person} endet am {fmt_date(last_day)}; die Übersicht warnt davor ab dem "
            f"{fmt_date(add_months(last_day, -months))} und schlägt die Wahl vor."
        )

    @user_action("Einstellungen speichern")
    def save(self, *_args: object) -> bool:
        rules = self.rules()
        rules = replace(rules, standard_agenda=tuple(t.strip() for t in rules.standard_agenda if t.strip()))
        office = self.office()
        # Both parts are checked before either is written.
        settings.validate_rules(rules)
        settings.validate_office(office)
        self._check_files(office)
        settings.save_rules(self.ctx.store, rules)
        settings.save_office(self.ctx.store, office)
        self.tracker.mark_clean()
        self.ctx.notify("settings")
        self.status_label.setText("Gespeichert. Warnungen, Beschlussfähigkeit und Amtszeiten folgen den neuen Werten.")
        return True

    def _check_files(self, office: OfficeDetails) -> None:
        """A newly chosen logo or template is checked now, not when the first letter fails.

        A file saved earlier is not checked again: a network drive that is away for a moment must not
        block saving the other settings (the export names the problem when it happens).
        """
        saved = settings.get_office(self.ctx.store)
        for name, check in _FILE_CHECKS.items():
            value = str(getattr(office, name)).strip()
            if not value or value == str(getattr(saved, name)).strip():
                continue
            try:
                check(Path(value).expanduser())
            except UserError as exc:
                raise ValidationError(f"{OFFICE_LABELS[name]}: {exc.message}", field=name) from exc

    @user_action("Geschäftsordnung zurücksetzen")
    def reset_rules(self, *_args: object) -> None:
        if messages.confirm(
            self,
            "Geschäftsordnung zurücksetzen",
            "Alle Regeln der Geschäftsordnung und die Standard-Tagesordnung auf die Standardwerte setzen? "
            "Gespeichert wird erst mit „Speichern“.",
        ):
            self._fill(RulesOfProcedure())
            self.tracker.touch()

    def choose_file(self, name: str) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, OFFICE_LABELS[name], "", _FILE_FILTERS[name])
        if path:
            self.use_file(name, Path(path))

    def use_file(self, name: str, path: Path) -> bool:
        """Put a chosen file into its field after checking it; a bad file is named at once, not on saving."""
        try:
            _FILE_CHECKS[name](path)
        except UserError as exc:
            messages.warning(self, OFFICE_LABELS[name], exc.message)
            return False
        self.office_edits[name].setText(str(path))
        self.tracker.touch()
        self.status_label.setText("Noch nicht gespeichert.")
        return True

    # --- the standard agenda ---------------------------------------------------------------------

    def _agenda_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.agenda_list.addItem(item)
        return item

    def add_agenda_item(self, *_args: object) -> None:
        text = messages.ask_text(self, "Standard-Tagesordnung", "Neuer Tagesordnungspunkt:")
        if text and text.strip():
            item = self._agenda_item(text.strip())
            self.agenda_list.setCurrentItem(item)
            self.tracker.touch()

    def remove_agenda_item(self, *_args: object) -> None:
        row = self.agenda_list.currentRow()
        if row >= 0:
            self.agenda_list.takeItem(row)
            self.tracker.touch()

    def move_agenda_item(self, step: int) -> None:
        row = self.agenda_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.agenda_list.count():
            return
        item = self.agenda_list.takeItem(row)
        self.agenda_list.insertItem(target, item)
        self.agenda_list.setCurrentRow(target)
        self.tracker.touch()
