"""The button row at the foot of an editor: its own actions on the left, then a status text
("Gespeichert"), "Speichern" and "Schließen" on the right.

The status text is how an editor that stays open after saving says so visibly; it is cleared as soon
as the form changes again (``show_dirty``). The small dialogs that close on confirming use
``button_box`` instead: one confirming button named for what it does, and "Abbrechen";
``stack_with_buttons`` lays such a dialog out, its parts top to bottom and the buttons at the foot.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

SAVED_TEXT = "Gespeichert"


class EditorButtons(QWidget):
    """``EditorButtons(parent, extra=[...])``: ``save_button``, ``close_button``, ``status_label``."""

    def __init__(self, parent: QWidget | None = None, extra: tuple[QPushButton, ...] = ()) -> None:
        super().__init__(parent)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("editorStatus")
        self.save_button = QPushButton("&Speichern", self)
        self.save_button.setToolTip("Alle Änderungen speichern (Strg+S)")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.close_button = QPushButton("Schließen", self)
        self.close_button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in extra:
            button.setParent(self)
            button.setAutoDefault(False)
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.save_button)
        layout.addWidget(self.close_button)

    def show_saved(self, when: datetime | None = None, text: str = SAVED_TEXT) -> None:
        """``Gespeichert (14:05)``: stays until the form changes again."""
        stamp = f" ({when:%H:%M})" if when is not None else ""
        self.status_label.setText(f"{text}{stamp}")
        self.status_label.setStyleSheet("color: #146c43;")

    def show_dirty(self, dirty: bool) -> None:
        if dirty:
            self.status_label.setText("Ungespeicherte Änderungen")
            self.status_label.setStyleSheet("color: #b02a37;")
        elif self.status_label.text() and not self.status_label.text().startswith(SAVED_TEXT):
            self.status_label.clear()


def button_box(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK (named ``ok_text``, the default button) and "Abbrechen", wired to the dialog's accept/reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


#: A part of a stacked dialog: a widget, a layout, or a widget with its stretch factor.
Part = QWidget | QLayout | tuple[QWidget, int]


def stack_with_buttons(dialog: QDialog, parts: tuple[Part, ...], ok_text: str) -> QDialogButtonBox:
    """The dialog's layout: ``parts`` top to bottom, then ``button_box(dialog, ok_text)``; returns the buttons."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        elif isinstance(part, tuple):
            layout.addWidget(part[0], part[1])
        else:
            layout.addWidget(part)
    buttons = button_box(dialog, ok_text)
    layout.addWidget(buttons)
    return buttons
