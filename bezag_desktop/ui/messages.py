"""One small wrapper around message boxes, so tests can answer them.

Every confirmation, warning and error the user sees goes through here. Tests call
``set_answerer`` (the ``answer`` fixture) to reply without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

#: (kind, title, text, choices) -> answer. kind is "confirm", "info", "warning", "error", "choice", "text".
Answerer = Callable[[str, str, str, Sequence[str]], Any]
_answerer: Answerer | None = None
#: Everything shown while an answerer is set, for assertions: (kind, title, text).
shown: list[tuple[str, str, str]] = []


def set_answerer(fn: Answerer | None) -> None:
    global _answerer
    _answerer = fn
    shown.clear()


def _ask(kind: str, title: str, text: str, choices: Sequence[str] = ()) -> tuple[bool, Any]:
    if _answerer is None:
        return False, None
    shown.append((kind, title, text))
    return True, _answerer(kind, title, text, choices)


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    handled, answer = _ask("confirm", title, text)
    if handled:
        return bool(answer)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("Ja", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("Nein", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def choose(
    parent: QWidget | None, title: str, text: str, choices: Sequence[str], *, cancel_label: str = "Abbrechen"
) -> int | None:
    """Let the user pick one of several buttons; ``None`` when cancelled (the ``cancel_label`` button or Esc)."""
    handled, answer = _ask("choice", title, text, choices)
    if handled:
        return None if answer is None else int(answer)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = [box.addButton(c, QMessageBox.ButtonRole.AcceptRole) for c in choices]
    cancel = box.addButton(cancel_label, QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def ask_text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
    handled, answer = _ask("text", title, label)
    if handled:
        return None if answer is None else str(answer)
    text, ok = QInputDialog.getText(parent, title, label, text=value)
    return text if ok else None


def info(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _ask("info", title, text)
    if not handled:
        QMessageBox.information(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _ask("warning", title, text)
    if not handled:
        QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _ask("error", title, text)
    if not handled:
        QMessageBox.critical(parent, title, text)
