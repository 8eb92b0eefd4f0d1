"""Combo and spin boxes that ignore the mouse wheel unless focused, so scrolling a long form changes nothing.

Qt's boxes take the wheel as input even when the pointer only passes over them while the user scrolls
the page; a rule of the Geschäftsordnung would change unnoticed. These take focus only by click or Tab
(``StrongFocus``) and pass an unfocused wheel on to the scroll area around them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget


def _wheel_if_focused(box: QWidget, event: QWheelEvent, take: Callable[[QWheelEvent], None]) -> None:
    if box.hasFocus():
        take(event)
    else:
        event.ignore()  # the parent (the scroll area) scrolls instead


class FocusWheelComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        _wheel_if_focused(self, event, super().wheelEvent)


class FocusWheelSpinBox(QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        _wheel_if_focused(self, event, super().wheelEvent)
