"""The main window's Export menu. The minutes/lists issue fills it; the main window calls ``populate``."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from bezag_desktop.ui.context import UiContext


def populate(menu: QMenu, ctx: UiContext, parent: QWidget) -> None:
    """Add the export actions (contacts, attendance matrix, action items, election results)."""
    menu.setEnabled(bool(menu.actions()))
