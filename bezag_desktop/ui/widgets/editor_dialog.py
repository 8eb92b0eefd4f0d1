"""Base of the small editors (person, mandate, group, seat, partner, contact, action item): nothing typed is lost.

An ``EditorDialog`` watches its input widgets with a ``ChangeTracker``: the title carries ``*`` while
the form holds changes; closing it any way (Abbrechen, Esc, the window's close button) with changes
asks "Änderungen speichern?" - Speichern saves and closes (or stays open with the German message when
saving fails), Verwerfen closes without writing, Abbrechen keeps everything typed. Ctrl+S saves.
Subclasses implement ``save()``: write the form and return whether it worked; the dialog then closes
as accepted. Loading a record (before ``watch`` or inside ``tracker.loading()``) is never a change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from bezag_desktop.ui.widgets.unsaved import (
    ChangeTracker,
    UnsavedAnswer,
    ask_unsaved,
    install_save_shortcut,
    title_with_mark,
)


class EditorDialog(QDialog):
    #: Names the form in the question ("Die Person enthält ungespeicherte Änderungen.").
    what = "Das Formular"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = ChangeTracker(self)
        self.tracker.dirty_changed.connect(self._show_dirty)
        self.save_shortcut = install_save_shortcut(self, self.accept)

    def watch(self, *widgets: QWidget) -> None:
        """Count edits in these widgets as unsaved changes (call after the form was filled)."""
        self.tracker.watch(*widgets)

    @property
    def dirty(self) -> bool:
        return self.tracker.dirty

    @property
    def plain_title(self) -> str:
        """The window title without the unsaved mark (for messages)."""
        return title_with_mark(self.windowTitle(), False)

    def _show_dirty(self, dirty: bool) -> None:
        self.setWindowTitle(title_with_mark(self.windowTitle(), dirty))

    def save(self) -> bool:
        """Write the form; ``True`` when saved (a refusal has shown its German message)."""
        raise NotImplementedError

    def accept(self) -> None:
        """Speichern (button, Enter, Ctrl+S): save, then close; stay open when saving failed."""
        if self.save():
            self.tracker.mark_clean()
            super().accept()

    def reject(self) -> None:
        """Abbrechen, Esc and the window's close button: ask first when something was changed."""
        if not self.tracker.dirty:
            super().reject()
            return
        answer = ask_unsaved(self, self.what)
        if answer is UnsavedAnswer.SAVE:
            self.accept()
        elif answer is UnsavedAnswer.DISCARD:
            self.tracker.mark_clean()
            super().reject()
