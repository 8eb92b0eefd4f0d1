"""Pick one entry from a filterable two-column list: a person (guest, stand-in) or a meeting.

``pick`` is module-level so tests can replace it with a function that answers at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets.editor_buttons import button_box
from bezag_desktop.ui.widgets.table import FilterTable

PERSON_HEADERS = ("Name", "Körperschaft/Organisation")
MEETING_HEADERS = ("Sitzung", "Datum")


class PickChoice(Protocol):
    """What the picker shows: an id, a name and one detail (organisation, date, …)."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def detail(self) -> str: ...


class PersonPicker(QDialog):
    """Pick one entry from a filterable list (guests, stand-ins, a meeting to copy from)."""

    def __init__(
        self,
        title: str,
        choices: Sequence[PickChoice],
        preselect: int | None,
        parent: QWidget | None,
        headers: tuple[str, str] = PERSON_HEADERS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model: RowsModel[PickChoice] = RowsModel(
            [Column(headers[0], lambda c: c.name), Column(headers[1], lambda c: c.detail)]
        )
        self.model.set_rows(list(choices))
        self.table = FilterTable(self.model, placeholder=f"{headers[0]} suchen …", parent=self)
        self.table.row_activated.connect(lambda _row: self.accept())
        self.table.resize_columns()
        buttons = button_box(self, "Übernehmen")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)
        if preselect is not None:
            self.table.select_where(lambda c: c is not None and c.id == preselect)

    def chosen(self) -> int | None:
        row = self.table.selected()
        return int(row.id) if row is not None else None


def pick(
    parent: QWidget | None,
    title: str,
    choices: Sequence[PickChoice],
    preselect: int | None = None,
    headers: tuple[str, str] = PERSON_HEADERS,
) -> int | None:
    """The chosen id, or None when cancelled."""
    dlg = PersonPicker(title, choices, preselect, parent, headers)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        return dlg.chosen()
    return None
