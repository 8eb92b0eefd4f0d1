"""The Export menu: each list asks for a file, writes it in the background and reports where it is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import plenary_meeting
from PySide6.QtWidgets import QMainWindow, QMenu

from bezag_desktop.exporters import verify
from bezag_desktop.services.store import Store
from bezag_desktop.ui import export_menu
from bezag_desktop.ui.context import UiContext

Answer = Callable[..., list[tuple[str, str, str]]]


@pytest.fixture
def window(qtbot: Any, store: Store) -> tuple[QMainWindow, QMenu, UiContext]:
    plenary_meeting(store)
    ctx = UiContext(store)
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("Export")
    export_menu.populate(menu, ctx, win)
    return win, menu, ctx


def _action(menu: QMenu, name: str) -> Any:
    return next(a for a in menu.actions() if a.objectName() == name)


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    asked: list[str] = []

    def fake(_parent: Any, title: str, filename: str, _filters: str) -> str | None:
        asked.append(filename)
        return str(path) if path else None

    monkeypatch.setattr(export_menu, "ask_save_path", fake)
    return asked


def test_menu_entries(window: tuple[QMainWindow, QMenu, UiContext]) -> None:
    _win, menu, _ctx = window
    assert [a.text() for a in menu.actions()] == [
        "&Kontaktliste …",
        "&Anwesenheitsmatrix …",
        "&Offene Aufgaben …",
        "&Wahlergebnisse …",
    ]
    assert menu.isEnabled()


def test_contacts_of_one_committee(
    window: tuple[QMainWindow, QMenu, UiContext], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    _win, menu, _ctx = window
    target = tmp_path / "verteiler"  # without suffix: .xlsx is added
    asked = _save_to(monkeypatch, target)
    shown = answer(choice=1)  # the first committee (the plenary)
    _action(menu, "export_contacts").trigger()
    written = tmp_path / "verteiler.xlsx"
    assert written.exists()
    assert asked == ["Verteiler Bezirksarbeitsgemeinschaft Sozialplanung.xlsx"]
    assert len(openpyxl.load_workbook(written).sheetnames) == 1
    assert shown[-1][0] == "info"
    assert str(written) in shown[-1][2]


def test_attendance_matrix_asks_for_the_year(
    window: tuple[QMainWindow, QMenu, UiContext], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    _win, menu, _ctx = window
    asked = _save_to(monkeypatch, tmp_path / "a.xlsx")
    shown = answer(text="2026")
    _action(menu, "export_attendance").trigger()
    assert asked == ["Anwesenheit 2026.xlsx"]
    assert shown[-1][2].endswith("24 Zeilen; Tabellenblatt: Anwesenheit 2026.")
    assert verify.check_xlsx(tmp_path / "a.xlsx", min_rows=24) == []
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    assert ws.title == "Anwesenheit 2026"
    shown = answer(text="zwanzig")
    _action(menu, "export_attendance").trigger()
    assert shown[-1][0] == "error"
    assert "keine Jahreszahl" in shown[-1][2]


def test_actions_and_elections_and_cancel(
    window: tuple[QMainWindow, QMenu, UiContext], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    _win, menu, _ctx = window
    answer()
    _save_to(monkeypatch, tmp_path / "o.xlsx")
    _action(menu, "export_actions").trigger()
    assert openpyxl.load_workbook(tmp_path / "o.xlsx").sheetnames == ["Offene Aufgaben"]
    _save_to(monkeypatch, tmp_path / "w.xlsx")
    _action(menu, "export_elections").trigger()
    assert openpyxl.load_workbook(tmp_path / "w.xlsx").sheetnames == ["Wahlen", "Wahlgänge"]
    _save_to(monkeypatch, None)
    shown = answer()
    _action(menu, "export_actions").trigger()
    assert shown == []  # cancelled: no message


def test_errors_are_shown_not_raised(
    window: tuple[QMainWindow, QMenu, UiContext], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    _win, menu, _ctx = window
    blocker = tmp_path / "datei"
    blocker.write_text("x", encoding="utf-8")
    _save_to(monkeypatch, blocker / "o.xlsx")  # a folder that cannot exist
    shown = answer()
    _action(menu, "export_actions").trigger()
    assert shown[-1][0] == "error"
    assert "kann nicht geschrieben werden" in shown[-1][2]
