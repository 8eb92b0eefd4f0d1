"""A sortable table with a filter field above it (umlaut- and case-insensitive)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from bezag_desktop.domain.text import fold
from bezag_desktop.ui.models.rows import ROW_ROLE, SORT_ROLE, RowsModel


class FoldingFilterProxy(QSortFilterProxyModel):
    """Matches every word of the filter against the row's text, folded ("muller" finds "Müller")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filter_text(self, text: str) -> None:
        words = [w for w in fold(text).split() if w]
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 replaces invalidateFilter()
            self.beginFilterChange()
            self._words = words
            self.endFilterChange()
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        text = " ".join(
            str(model.data(model.index(source_row, c, source_parent)) or "") for c in range(model.columnCount())
        )
        folded = fold(text)
        return all(w in folded for w in self._words)


class FilterTable(QWidget):
    """``FilterTable(model)``: filter field, sortable table; emits the row object on activation."""

    row_activated = Signal(object)
    selection_changed = Signal(object)

    def __init__(self, model: RowsModel[Any], *, placeholder: str = "Suchen …", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = FoldingFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit(self.selected()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if row is not None:
            self.row_activated.emit(row)

    def selected(self) -> Any:
        indexes = self.view.selectionModel().selectedRows()
        if not indexes:
            current = self.view.currentIndex()
            return self.proxy.data(current, ROW_ROLE) if current.isValid() else None
        return self.proxy.data(indexes[0], ROW_ROLE)

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        """Select the first visible row for which ``predicate(row)`` is true."""
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if predicate(self.proxy.data(idx, ROW_ROLE)):
                self.view.selectRow(r)
                self.view.setCurrentIndex(idx)
                return True
        return False

    def resize_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for c in range(self.proxy.columnCount()):
            if header.sectionSize(c) > 320:
                header.resizeSection(c, 320)
