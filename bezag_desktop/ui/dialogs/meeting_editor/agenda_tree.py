"""The agenda as a tree with sub-items: drag and drop, Ctrl+Up/Ctrl+Down, Ins and Del.

Qt never moves tree items itself: a drop or a key only says what the user wants (signals), the
service moves and renumbers, and the tree is rebuilt from the database, so the view cannot show an
order that is not stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from bezag_desktop.services.meetings import AgendaRow
from bezag_desktop.ui.dialogs.meeting_editor.base import ID_ROLE

#: What a dragged agenda item carries: its id, so a drop is decided by the data, not by the selection.
AGENDA_MIME = "application/x-bezag-agenda-item"


def drop_target(
    items: Sequence[AgendaRow], dragged_id: int, target_id: int | None, where: str
) -> tuple[int | None, int]:
    """Where a dropped agenda item goes: (parent id, index among the new siblings without it).

    ``where`` is "above", "below", "on" (the target item) or "end" (empty space). Dropping on a
    top-level item makes the dragged item its last sub-item; on a sub-item, it goes after it.
    """
    dragged = next(i for i in items if i.id == dragged_id)
    if target_id is None or where == "end":
        siblings = [i for i in items if i.parent_id is None and i.id != dragged_id]
        return None, len(siblings)
    target = next(i for i in items if i.id == target_id)
    if where == "on" and target.parent_id is None and target.id != dragged_id:
        children = [i for i in items if i.parent_id == target.id and i.id != dragged_id]
        return target.id, len(children)
    parent = target.parent_id
    siblings = [i for i in items if i.parent_id == parent and i.id != dragged.id]
    index = next((n for n, i in enumerate(siblings) if i.id == target.id), len(siblings))
    if where in ("below", "on"):
        index += 1
    return parent, index


def _values(row: AgendaRow) -> list[str]:
    return [
        row.number,
        row.title,
        row.kind_label,
        row.presenter,
        "" if row.planned_minutes is None else str(row.planned_minutes),
        "ja" if row.public else "nein",
        str(len(row.attachments)) if row.attachments else "",
    ]


class AgendaTree(QTreeWidget):
    """The agenda with sub-items: drag and drop and Ctrl+Up/Ctrl+Down move items, Ins adds, Del deletes."""

    move_requested = Signal(int)  # -1 up, +1 down
    item_dropped = Signal(int, object, int)  # item id, parent id or None, index
    insert_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(7)
        self.setHeaderLabels(["TOP", "Titel", "Art", "Vortrag", "Min.", "öff.", "Anl."])
        header_item = self.headerItem()
        if header_item is not None:  # the short headers keep the title column wide
            for col, tip in ((4, "geplante Dauer in Minuten"), (5, "öffentlich"), (6, "Anzahl der Anlagen")):
                header_item.setToolTip(col, tip)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        self.rows: tuple[AgendaRow, ...] = ()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Insert:
            self.insert_requested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- drag and drop: Qt never moves tree items itself; the service moves and renumbers, and the
    # tree is rebuilt from the database (so the view cannot show an order that is not stored).

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(AGENDA_MIME, QByteArray(str(int(items[0].data(0, ID_ROLE))).encode("ascii")))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dragged_id(self, data: QMimeData | None) -> int | None:
        """The id of an item of this agenda carried by a drag, or None (foreign or other data)."""
        if data is None or not data.hasFormat(AGENDA_MIME):
            return None
        try:
            item_id = int(bytes(data.data(AGENDA_MIME).data()).decode("ascii"))
        except ValueError:
            return None
        return item_id if any(r.id == item_id for r in self.rows) else None

    def dropMimeData(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, action: Qt.DropAction) -> bool:
        """The item model's drop: ``index`` is the row under ``parent`` (None: top level) as the view shows it."""
        dragged = self.dragged_id(data)
        if dragged is None or action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        parent_id = int(parent.data(0, ID_ROLE)) if parent is not None else None
        if parent_id == dragged:
            return False
        parent_row = next((r for r in self.rows if r.id == parent_id), None)
        if parent_row is not None and parent_row.parent_id is not None:
            # only one level of sub-items: a drop into a sub-item goes right after it
            siblings = [r for r in self.rows if r.parent_id == parent_row.parent_id]
            parent_id, index = parent_row.parent_id, siblings.index(parent_row) + 1
        siblings = [r for r in self.rows if r.parent_id == parent_id]
        if index < 0 or index > len(siblings):
            index = len(siblings)
        new_index = sum(1 for r in siblings[:index] if r.id != dragged)
        self.item_dropped.emit(dragged, parent_id, new_index)
        return True

    def drop_position(self, pos: QPoint) -> tuple[int | None, str]:
        """The item under ``pos`` and "above", "below", "on" or "end" (Qt's own rule for the indicator)."""
        target = self.itemAt(pos)
        if target is None:
            return None, "end"
        rect = self.visualItemRect(target)
        margin = max(2, min(round(rect.height() / 5.5), 12))
        if pos.y() - rect.top() < margin:
            where = "above"
        elif rect.bottom() - pos.y() < margin:
            where = "below"
        else:
            where = "on"
        return int(target.data(0, ID_ROLE)), where

    def dropEvent(self, event: QDropEvent) -> None:
        """Let the service move the item (it renumbers); the tree is then rebuilt from the database."""
        dragged = self.dragged_id(event.mimeData())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.ignore()  # nothing for Qt to remove at the drag's source
        if dragged is None:
            return
        target_id, where = self.drop_position(event.position().toPoint())
        if target_id == dragged:
            return
        parent_id, index = drop_target(self.rows, dragged, target_id, where)
        if parent_id == dragged:
            return
        self.item_dropped.emit(dragged, parent_id, index)

    def set_rows(self, rows: tuple[AgendaRow, ...], select_id: int | None = None) -> None:
        self.rows = rows
        self.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for row in rows:
            values = _values(row)
            parent = items.get(row.parent_id) if row.parent_id is not None else None
            item = QTreeWidgetItem(parent, values) if parent is not None else QTreeWidgetItem(values)
            if parent is None:
                self.addTopLevelItem(item)
            item.setData(0, ID_ROLE, row.id)
            item.setToolTip(1, row.title)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[row.id] = item
        self.expandAll()
        for col in (0, 2, 3, 4, 5, 6):
            self.resizeColumnToContents(col)
        for col in (2, 3):  # the title keeps the room: a long presenter name is in the form beside the tree
            self.setColumnWidth(col, min(self.columnWidth(col), 115))
        if select_id is not None and select_id in items:
            self.setCurrentItem(items[select_id])

    def update_row(self, row: AgendaRow) -> None:
        """Show an item's edited fields (the draft) without rebuilding the tree."""
        self.rows = tuple(row if r.id == row.id else r for r in self.rows)
        for item in self._items():
            if int(item.data(0, ID_ROLE)) == row.id:
                for col, text in enumerate(_values(row)):
                    item.setText(col, text)
                item.setToolTip(1, row.title)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for n in range(self.topLevelItemCount()):
            top = self.topLevelItem(n)
            if top is None:
                continue
            out.append(top)
            out.extend(child for c in range(top.childCount()) if (child := top.child(c)) is not None)
        return out

    def selected_id(self) -> int | None:
        item = self.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None
