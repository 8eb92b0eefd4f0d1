"""Drive modal dialogs from pytest-qt tests: act on the dialog once it is shown, never hang.

``when_modal(DialogClass, fill)`` waits for the next modal dialog of that class and calls
``fill(dialog)``; a failure inside ``fill`` rejects the dialog and is re-raised by ``check()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


class ModalDriver:
    def __init__(self, cls: type[QDialog], fill: Callable[[Any], None], timeout: float = 10.0) -> None:
        self.cls = cls
        self.fill = fill
        self.deadline = time.monotonic() + timeout
        self.done = False
        self.error: BaseException | None = None
        self.dialog: QDialog | None = None
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, self.cls) and widget.isVisible():
            self.dialog = widget
            try:
                self.fill(widget)
            except BaseException as exc:  # reported by check(); the dialog must not stay open
                self.error = exc
                widget.reject()
            self.done = True
            return
        if time.monotonic() > self.deadline:
            self.error = TimeoutError(f"kein Dialog {self.cls.__name__} erschienen")
            if isinstance(widget, QDialog):
                widget.reject()
            return
        QTimer.singleShot(20, self._poll)

    def check(self) -> None:
        if self.error is not None:
            raise self.error
        assert self.done, f"Dialog {self.cls.__name__} wurde nicht bedient"


def when_modal(cls: type[QDialog], fill: Callable[[Any], None]) -> ModalDriver:
    return ModalDriver(cls, fill)


def click_ok(dialog: QDialog) -> None:
    """Press the dialog's OK button (which validates through the service)."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()
