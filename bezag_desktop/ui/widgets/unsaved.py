"""Unsaved changes in an editor: one tracker per form, one question before anything is discarded.

Every editor (meeting, person, mandate, group, partner, settings) watches its input widgets with a
``ChangeTracker``. While the form holds changes, the window title carries ``*``; closing or switching
to another record asks ``ask_unsaved`` ("Änderungen speichern?" Speichern / Verwerfen / Abbrechen);
Ctrl+S saves (``install_save_shortcut``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from bezag_desktop.ui import messages


class UnsavedAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ChangeTracker(QObject):
    """Knows whether a form differs from what was last loaded or saved.

    ``watch`` connects the change signals of the usual input widgets; ``loading()`` suspends tracking
    while a form is filled from the database, so loading never counts as a change.
    """

    dirty_changed = Signal(bool)
    #: Every user edit (not only the first): editors that keep a draft per record listen to this.
    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self._paused = 0

    @property
    def dirty(self) -> bool:
        return self._dirty

    def watch(self, *widgets: QWidget) -> None:
        for w in widgets:
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self.touch)
            elif isinstance(w, QPlainTextEdit | QTextEdit):
                w.textChanged.connect(self.touch)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.touch)
                if w.isEditable():
                    w.editTextChanged.connect(self.touch)
            elif isinstance(w, QDateTimeEdit):  # QDateEdit and QTimeEdit too
                w.dateTimeChanged.connect(self.touch)
            elif isinstance(w, QAbstractSpinBox):
                # valueChanged only: editingFinished also fires when focus merely passes through
                value_changed = getattr(w, "valueChanged", None)
                if value_changed is not None:
                    value_changed.connect(self.touch)
            elif isinstance(w, QAbstractButton):
                w.toggled.connect(self.touch)
            else:  # a composite widget of ours: it says when it changed
                signal = getattr(w, "changed", None)
                if signal is None:
                    raise TypeError(f"Cannot watch {type(w).__name__} for changes")
                signal.connect(self.touch)

    def touch(self, *_: object) -> None:
        """A watched widget changed (ignored while loading)."""
        if self._paused:
            return
        self.set_dirty(True)
        self.edited.emit()

    def set_dirty(self, dirty: bool = True) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def mark_clean(self) -> None:
        self.set_dirty(False)

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """Fill the form without counting it as a change."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1


def ask_unsaved(parent: QWidget | None, what: str) -> UnsavedAnswer:
    """ "Änderungen speichern?" with Speichern / Verwerfen / Abbrechen (Esc cancels)."""
    choice = messages.choose(
        parent,
        "Änderungen speichern?",
        f"{what} enthält ungespeicherte Änderungen.\nMöchten Sie die Änderungen speichern?",
        ["Speichern", "Verwerfen"],
        cancel_label="Abbrechen",
    )
    if choice == 0:
        return UnsavedAnswer.SAVE
    if choice == 1:
        return UnsavedAnswer.DISCARD
    return UnsavedAnswer.CANCEL


def resolve_unsaved(parent: QWidget | None, tracker: ChangeTracker, what: str, save: Callable[[], bool]) -> bool:
    """Before closing or switching: ``True`` when it may go ahead (saved, discarded or nothing to save).

    ``save`` returns whether saving succeeded; a failed save (a German message was shown) keeps the form open.
    """
    if not tracker.dirty:
        return True
    answer = ask_unsaved(parent, what)
    if answer is UnsavedAnswer.SAVE:
        return save()
    if answer is UnsavedAnswer.DISCARD:
        tracker.mark_clean()
        return True
    return False


def title_with_mark(title: str, dirty: bool) -> str:
    """``Sitzung bearbeiten*`` while unsaved (the usual desktop convention)."""
    base = title.removesuffix("*").rstrip()
    return f"{base}*" if dirty else base


def install_save_shortcut(widget: QWidget, save: Callable[[], object]) -> QShortcut:
    """Ctrl+S saves in every editor."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), widget)
    shortcut.activated.connect(save)
    return shortcut
