"""The preview of an Excel import (its dry run): what would be added or changed, then confirm.

A refused file gets its own window listing every error with row and column (a file can have many;
a message box would grow taller than the screen), with a button that copies the list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.services.representation.importing import ImportIssue, ImportRefused, ImportResult, PlannedRow
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.editor_buttons import button_box
from bezag_desktop.ui.widgets.table import FilterTable

PREVIEW_COLUMNS: tuple[Column[PlannedRow], ...] = (
    Column("Zeile", lambda r: r.row, numeric=True),
    Column("Körperschaft", lambda r: r.body),
    Column("Rolle", lambda r: r.role_label),
    Column("Person", lambda r: r.person),
    Column("E-Mail", lambda r: r.email),
    Column("Aktion", lambda r: r.action_text),
    Column("Einzelheiten", lambda r: r.details),
)

ISSUE_COLUMNS: tuple[Column[ImportIssue], ...] = (
    Column("Zeile", lambda i: i.row, numeric=True),
    Column("Spalte", lambda i: f"{i.column} „{i.header}“" if i.column else ""),
    Column("Fehler", lambda i: i.message, tooltip=lambda i: i.message),
)


class ImportPreviewDialog(QDialog):
    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import prüfen – {result.path.name}")
        self.resize(960, 520)
        self.model: RowsModel[PlannedRow] = RowsModel(
            PREVIEW_COLUMNS, highlight=lambda r: "ok" if r.changes_something else "muted", parent=self
        )
        self.model.set_rows(result.rows)
        self.table = FilterTable(self.model, placeholder="Zeilen filtern …", parent=self)
        self.table.resize_columns()
        summary = QLabel(result.summary, self)
        summary.setWordWrap(True)
        changes = any(r.changes_something for r in result.rows)
        buttons = button_box(self, "Importieren" if changes else "Schließen")
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


class ImportErrorsDialog(QDialog):
    """Every error of a refused file: row (as Excel numbers it), column and the German message."""

    def __init__(self, path: Path, refused: ImportRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused = refused
        self.setWindowTitle(f"Import nicht möglich – {Path(path).name}")
        self.resize(960, 480)
        count = "1 Fehler" if len(refused.issues) == 1 else f"{len(refused.issues)} Fehler"
        self.summary = QLabel(
            f"Die Datei {Path(path).name} wurde nicht importiert ({count}); es wurde nichts geändert. "
            "Bitte die genannten Zellen in Excel korrigieren und die Datei erneut importieren.",
            self,
        )
        self.summary.setWordWrap(True)
        self.model: RowsModel[ImportIssue] = RowsModel(ISSUE_COLUMNS, highlight=lambda _i: "error", parent=self)
        self.model.set_rows(refused.issues)
        self.table = FilterTable(self.model, placeholder="Fehler filtern …", parent=self)
        self.table.resize_columns()
        self.copy_button = push_button(self, "Fehlerliste &kopieren", self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Schließen")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def text(self) -> str:
        """The list as plain text (for the clipboard, an e-mail to whoever filled in the file)."""
        return "\n".join(i.text for i in self.refused.issues)

    def copy(self, *_args: object) -> None:
        QApplication.clipboard().setText(self.text())


def confirm_import(parent: QWidget | None, result: ImportResult) -> bool:
    """Show the dry run; True when the user confirms the import."""
    return ImportPreviewDialog(result, parent).exec() == QDialog.DialogCode.Accepted


def show_errors(parent: QWidget | None, path: Path, refused: ImportRefused) -> None:
    """Show why a file was refused, row by row."""
    ImportErrorsDialog(path, refused, parent).exec()
