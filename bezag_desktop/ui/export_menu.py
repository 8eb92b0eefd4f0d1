"""The main window's Export menu: the XLSX lists (contacts, attendance matrix, open action items,
election results). Each asks for a file, writes it in a background thread (the window stays
responsive, a busy dialog shows after a moment) and says where the file is.

``ask_save_path`` is a module attribute so tests can replace the file dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services import lists
from bezag_desktop.services.groups.contacts import committee_choices
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.jobs import run_with_progress

XLSX_FILTER = "Excel-Arbeitsmappe (*.xlsx)"
_last_folder: Path | None = None


def _default_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def _file_dialog(parent: QWidget | None, title: str, filename: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(_default_folder() / filename), filters)
    return path or None


#: (parent, title, suggested file name, filter) -> chosen path or None. Replaced in tests.
ask_save_path: Callable[[QWidget | None, str, str, str], str | None] = _file_dialog


def choose_path(parent: QWidget | None, title: str, filename: str, filters: str, suffix: str) -> Path | None:
    """Ask for the target file; adds ``suffix`` when the user typed a name without it."""
    global _last_folder
    chosen = ask_save_path(parent, title, filename, filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix and suffix:
        path = path.with_name(path.name + suffix)
    _last_folder = path.parent
    return path


def _done(parent: QWidget | None, title: str, result: lists.ListResult) -> None:
    messages.info(
        parent,
        title,
        f"Die Datei wurde gespeichert:\n{result.path}\n\n{result.summary}.",
    )


def export_contacts(parent: QWidget | None, ctx: UiContext) -> Path | None:
    title = "Kontaktliste exportieren"

    def work() -> Path | None:
        committees = [c for c in committee_choices(ctx.store) if c.dissolved is None]
        options = ["Alle Kontakte (dazu ein Blatt je Gremium)", *(c.name for c in committees)]
        picked = messages.choose(parent, title, "Welche Liste soll exportiert werden?", options)
        if picked is None:
            return None
        committee: int | None = committees[picked - 1].id if picked > 0 else None
        stem = "Kontakte" if committee is None else f"Verteiler {committees[picked - 1].name}"
        path = choose_path(parent, title, f"{stem}.xlsx", XLSX_FILTER, ".xlsx")
        if path is None:
            return None
        result = run_with_progress(
            parent, "Kontaktliste wird geschrieben …", lambda: lists.export_contacts(ctx.store, path, committee)
        )
        _done(parent, title, result)
        return result.path

    out: Path | None = run_action(parent, title, work)
    return out


def export_attendance_matrix(parent: QWidget | None, ctx: UiContext) -> Path | None:
    title = "Anwesenheitsmatrix exportieren"

    def work() -> Path | None:
        text = messages.ask_text(parent, title, "Für welches Jahr?", str(ctx.today().year))
        if text is None:
            return None
        if not text.strip().isdigit():
            raise ValidationError(f"„{text}“ ist keine Jahreszahl.", "year")
        year = int(text.strip())
        path = choose_path(parent, title, f"Anwesenheit {year}.xlsx", XLSX_FILTER, ".xlsx")
        if path is None:
            return None
        result = run_with_progress(
            parent,
            "Anwesenheitsmatrix wird geschrieben …",
            lambda: lists.export_attendance_matrix(ctx.store, path, year),
        )
        _done(parent, title, result)
        return result.path

    out: Path | None = run_action(parent, title, work)
    return out


def _simple(parent: QWidget | None, title: str, filename: str, fn: Callable[[Path], lists.ListResult]) -> Path | None:
    def work() -> Path | None:
        path = choose_path(parent, title, filename, XLSX_FILTER, ".xlsx")
        if path is None:
            return None
        result = run_with_progress(parent, f"{title} …", lambda: fn(path))
        _done(parent, title, result)
        return result.path

    out: Path | None = run_action(parent, title, work)
    return out


def export_actions(parent: QWidget | None, ctx: UiContext) -> Path | None:
    return _simple(
        parent, "Offene Aufgaben exportieren", "Offene Aufgaben.xlsx", lambda p: lists.export_actions(ctx.store, p)
    )


def export_elections(parent: QWidget | None, ctx: UiContext) -> Path | None:
    return _simple(
        parent,
        "Wahlergebnisse exportieren",
        "Wahlergebnisse.xlsx",
        lambda p: lists.export_election_results(ctx.store, p),
    )


def populate(menu: QMenu, ctx: UiContext, parent: QWidget) -> None:
    """Add the export actions (contacts, attendance matrix, action items, election results)."""
    entries: list[tuple[str, str, Callable[[QWidget | None, UiContext], Any]]] = [
        ("export_contacts", "&Kontaktliste …", export_contacts),
        ("export_attendance", "&Anwesenheitsmatrix …", export_attendance_matrix),
        ("export_actions", "&Offene Aufgaben …", export_actions),
        ("export_elections", "&Wahlergebnisse …", export_elections),
    ]
    for name, text, fn in entries:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setStatusTip(text.replace("&", "").replace(" …", "") + " als Excel-Datei (.xlsx) speichern")
        action.triggered.connect(lambda _checked=False, f=fn: f(parent, ctx))
    menu.setEnabled(bool(menu.actions()))
