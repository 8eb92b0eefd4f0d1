"""Small form fields built one way everywhere: a multi-line text field and a caption for a field.

A multi-line field takes Tab as "next field" (typing a tab into a note is never wanted, and Tab
must not trap the keyboard user); a caption's mnemonic (``&Gremium:``) moves the focus to its
field, which matters where the caption does not stand in a ``QFormLayout`` row with the field
itself (filter rows, or a row whose field is a whole layout).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget


def text_area(parent: QWidget, *, max_height: int | None = None, placeholder: str = "") -> QPlainTextEdit:
    """A multi-line text field that Tab leaves; ``max_height`` keeps a note field from taking the form."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    if max_height is not None:
        edit.setMaximumHeight(max_height)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def caption(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
    """A label whose mnemonic focuses ``buddy``."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label
