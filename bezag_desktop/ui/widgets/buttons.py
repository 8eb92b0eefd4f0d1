"""A push button wired to what it does, in one call: ``push_button(self, "&Wahl erfassen …", self.new_election)``.

Pages and dialogs create many buttons; building each the same way keeps the text, the tooltip (where a
shortcut or a consequence is worth saying) and the connection together.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget


def push_button(parent: QWidget, text: str, slot: Callable[..., object], *, tip: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button
