"""The name block of a form about a person: Anrede, Titel, Vorname, Nachname, Funktion.

A person (``PersonDialog``) and a partner's contact person (``ContactDialog``) are named the same way;
both build this block so the labels, mnemonics, placeholders and the order of the fields agree.
"""

from __future__ import annotations

from typing import Protocol, TypedDict

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from bezag_desktop.domain.codes import FormOfAddress


class Named(Protocol):
    """What a stored person or contact offers to fill the block."""

    @property
    def form_of_address(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def function(self) -> str: ...


class NameValues(TypedDict):
    """The block's fields under the names the service inputs use (``PersonInput(**values, ...)``)."""

    form_of_address: str
    title: str
    first_name: str
    last_name: str
    function: str


class NameFields:
    """The five widgets (children of ``parent``, created in tab order) and their form rows."""

    def __init__(self, parent: QWidget, *, address: FormOfAddress, function_hint: str = "") -> None:
        self.address_combo = QComboBox(parent)
        for f in FormOfAddress:
            self.address_combo.addItem(f.label, f.value)
        self.address_combo.setCurrentIndex(self.address_combo.findData(address.value))
        self.title_edit = QLineEdit(parent)
        self.title_edit.setPlaceholderText("z. B. Dr.")
        self.first_edit = QLineEdit(parent)
        self.last_edit = QLineEdit(parent)
        self.function_edit = QLineEdit(parent)
        if function_hint:
            self.function_edit.setPlaceholderText(function_hint)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.address_combo, self.title_edit, self.first_edit, self.last_edit, self.function_edit)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("&Anrede:", self.address_combo)
        form.addRow("&Titel:", self.title_edit)
        form.addRow("&Vorname:", self.first_edit)
        form.addRow("&Nachname:", self.last_edit)
        form.addRow("&Funktion:", self.function_edit)

    def load(self, named: Named) -> None:
        self.address_combo.setCurrentIndex(max(0, self.address_combo.findData(named.form_of_address)))
        self.title_edit.setText(named.title)
        self.first_edit.setText(named.first_name)
        self.last_edit.setText(named.last_name)
        self.function_edit.setText(named.function)

    def values(self) -> NameValues:
        return NameValues(
            form_of_address=str(self.address_combo.currentData()),
            title=self.title_edit.text(),
            first_name=self.first_edit.text(),
            last_name=self.last_edit.text(),
            function=self.function_edit.text(),
        )
