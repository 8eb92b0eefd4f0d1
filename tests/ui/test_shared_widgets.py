"""The small shared building blocks of dialogs and pages: buttons, stacked dialogs, split panes, name fields,
text areas and captions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from bezag_desktop.domain.codes import FormOfAddress
from bezag_desktop.services.groups.partners import ContactInput
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.editor_buttons import button_box, stack_with_buttons
from bezag_desktop.ui.widgets.fields import caption, text_area
from bezag_desktop.ui.widgets.name_fields import NameFields
from bezag_desktop.ui.widgets.split import split_pane


def test_button_box_names_the_ok_button_and_wires_accept_and_reject(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = button_box(dialog, "Berufen")
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Berufen"
    assert ok.isDefault()
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_stack_with_buttons_keeps_the_order_and_the_stretch(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    info, table = QLabel("Hinweis", dialog), QLabel("Tabelle", dialog)
    form = QFormLayout()
    buttons = stack_with_buttons(dialog, (info, form, (table, 1)), "Hinzufügen")
    layout = dialog.layout()
    assert isinstance(layout, QVBoxLayout)
    items = [layout.itemAt(i) for i in range(layout.count())]
    assert [item.widget() or item.layout() for item in items if item is not None] == [
        info,
        form,
        table,
        buttons,
    ]
    assert layout.stretch(2) == 1
    assert layout.stretch(0) == 0
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Hinzufügen"


def test_stack_with_buttons_without_parts_has_only_the_buttons(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = stack_with_buttons(dialog, (), "OK")
    layout = dialog.layout()
    assert layout is not None
    assert layout.count() == 1
    item = layout.itemAt(0)
    assert item is not None
    assert item.widget() is buttons


def test_split_pane_shares_the_room(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    left, right = QLabel("links", parent), QLabel("rechts", parent)
    splitter = split_pane(parent, left, right, stretch=(2, 3), sizes=(200, 300))
    assert isinstance(splitter, QSplitter)
    assert splitter.orientation() == Qt.Orientation.Horizontal
    assert (splitter.widget(0), splitter.widget(1)) == (left, right)
    vertical = split_pane(parent, QLabel(parent), QLabel(parent), orientation=Qt.Orientation.Vertical)
    assert vertical.orientation() == Qt.Orientation.Vertical


def test_push_button_carries_text_tip_and_slot(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    clicked: list[bool] = []
    button = push_button(parent, "&Wahl erfassen …", lambda: clicked.append(True), tip="Strg+N")
    assert button.text() == "&Wahl erfassen …"
    assert button.toolTip() == "Strg+N"
    assert button.parent() is parent
    button.click()
    assert clicked == [True]
    assert push_button(parent, "Ohne Hinweis", lambda: None).toolTip() == ""


def test_name_fields_load_and_give_back_the_values(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    names = NameFields(parent, address=FormOfAddress.NEUTRAL, function_hint="z. B. Sozialplanung")
    assert names.address_combo.currentData() == FormOfAddress.NEUTRAL.value
    assert names.function_edit.placeholderText() == "z. B. Sozialplanung"
    contact = ContactInput(
        last_name="Großmann", first_name="Lena", title="Dr.", form_of_address="frau", function="Leitung"
    )
    names.load(contact)
    assert names.values() == {
        "form_of_address": "frau",
        "title": "Dr.",
        "first_name": "Lena",
        "last_name": "Großmann",
        "function": "Leitung",
    }
    form = QFormLayout()
    names.add_rows(form)
    assert form.rowCount() == 5
    assert len(names.widgets) == 5


def test_name_fields_keep_an_unknown_form_of_address_from_breaking_the_form(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    names = NameFields(parent, address=FormOfAddress.FRAU)
    names.load(ContactInput(last_name="X", form_of_address="unbekannt"))
    assert names.address_combo.currentIndex() == 0  # the first choice rather than none


def test_text_area_lets_tab_move_on_and_keeps_the_given_height_and_placeholder(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    plain = text_area(parent)
    note = text_area(parent, max_height=70, placeholder="Was ist zu tun?")
    assert plain.parent() is parent
    assert plain.tabChangesFocus()
    assert plain.placeholderText() == ""
    assert plain.maximumHeight() > 70  # no limit asked for: Qt's default stays
    assert note.tabChangesFocus()
    assert note.maximumHeight() == 70
    assert note.placeholderText() == "Was ist zu tun?"


def test_caption_gives_its_mnemonic_to_the_field(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    field = QLabel(parent)
    label = caption(parent, "&Gremium:", field)
    assert label.text() == "&Gremium:"
    assert label.buddy() is field
    assert label.parent() is parent
