"""Tick the agenda items of another meeting to copy onto this one (``choose_items``).

``choose_items`` is module-level so tests can replace it with a function that answers at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.services.meetings import AgendaRow
from bezag_desktop.ui.dialogs.meeting_editor.base import ID_ROLE
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.editor_buttons import button_box


class ItemChooser(QDialog):
    """Tick the agenda items of another meeting to copy (sub-items indented)."""

    def __init__(self, title: str, rows: Sequence[AgendaRow], checked: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        hint = QLabel(
            "Gewählte Punkte werden ohne Niederschrift (Aussprache, Beschluss, Abstimmung) vor „Verschiedenes“ "
            "angefügt. Punkte, die schon auf der Tagesordnung stehen, sind nicht angehakt.",
            self,
        )
        hint.setWordWrap(True)
        self.list = QListWidget(self)
        for row in rows:
            item = QListWidgetItem(f"{'      ' if row.parent_id else ''}TOP {row.number}  {row.title}")
            item.setData(ID_ROLE, row.id)
            item.setToolTip(row.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.id in checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        all_button = push_button(self, "&Alle", lambda: self._check_all(Qt.CheckState.Checked))
        none_button = push_button(self, "&Keine", lambda: self._check_all(Qt.CheckState.Unchecked))
        buttons = button_box(self, "Übernehmen")
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(all_button)
        row_buttons.addWidget(none_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(row_buttons)
        self.resize(620, 480)

    def _check_all(self, state: Qt.CheckState) -> None:
        for n in range(self.list.count()):
            self.list.item(n).setCheckState(state)

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(n).data(ID_ROLE))
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]


def choose_items(parent: QWidget | None, title: str, rows: Sequence[AgendaRow], checked: set[int]) -> list[int] | None:
    """Module-level so tests can replace it; the ticked item ids, or None when cancelled."""
    dlg = ItemChooser(title, rows, checked, parent)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        return dlg.chosen()
    return None
