"""The preview of an Excel import (its dry run): what would be added or changed, then confirm."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from bezag_desktop.services.import_representatives import ImportResult, PlannedRow
from bezag_desktop.ui.models.rows import Column, RowsModel
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        changes = any(r.changes_something for r in result.rows)
        ok.setText("Importieren" if changes else "Schließen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def confirm_import(parent: QWidget | None, result: ImportResult) -> bool:
    """Show the dry run; True when the user confirms the import."""
    return ImportPreviewDialog(result, parent).exec() == QDialog.DialogCode.Accepted
