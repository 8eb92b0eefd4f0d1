"""Two panes side by side (or one above the other) that share the room in a fixed ratio.

Pages and editors split a list from its detail the same way: the stretch factors say how extra room
is shared when the window grows, the start sizes how it is shared at first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget


def split_pane(
    parent: QWidget,
    first: QWidget,
    second: QWidget,
    *,
    stretch: tuple[int, int] = (1, 1),
    sizes: Sequence[int] = (),
    orientation: Qt.Orientation = Qt.Orientation.Horizontal,
) -> QSplitter:
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    if sizes:
        splitter.setSizes(list(sizes))
    return splitter
