"""Minutes and attendance sheet from the meeting editor: "Niederschrift …", "Anwesenheitsliste …",
"Niederschrift drucken".

``export_minutes`` asks for format (DOCX or PDF), the public version and an e-mail draft, then for
the file; the writing runs in a background thread. ``print_minutes`` writes the DOCX into a temp
folder and opens it in the system's default program (Word, LibreOffice), from where the chair
prints. ``open_file`` and ``exec_dialog`` are module attributes so tests can replace them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.errors import UserError
from bezag_desktop.services.meetings import minutes
from bezag_desktop.ui import export_menu, messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.jobs import run_with_progress
from bezag_desktop.ui.widgets.editor_buttons import button_box

DOCX_FILTER = "Word-Dokument (*.docx)"
PDF_FILTER = "PDF-Dokument (*.pdf)"


@dataclass(frozen=True)
class MinutesOptions:
    pdf: bool = False
    public: bool = False
    email: bool = False


class MinutesExportDialog(QDialog):
    """Format, public version, e-mail draft."""

    def __init__(self, parent: QWidget | None, *, pdf_available: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Niederschrift erstellen")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Format der Niederschrift:"))
        self.docx_button = QRadioButton("Word-Dokument (.docx) – zum Bearbeiten")
        self.pdf_button = QRadioButton("PDF (.pdf) – für Archiv und Versand")
        self.docx_button.setChecked(True)
        self.pdf_button.setEnabled(pdf_available)
        if not pdf_available:
            self.pdf_button.setToolTip(minutes.PDF_MISSING_MESSAGE)
            self.pdf_button.setText(self.pdf_button.text() + " – LibreOffice oder Word fehlt")
        layout.addWidget(self.docx_button)
        layout.addWidget(self.pdf_button)
        self.public_box = QCheckBox("Öffentliche Fassung (ohne nichtöffentliche Tagesordnungspunkte)")
        self.email_box = QCheckBox("Zusätzlich E-Mail-Entwurf (.eml) an den Verteiler des Gremiums erstellen")
        layout.addWidget(self.public_box)
        layout.addWidget(self.email_box)
        buttons = button_box(self, "Weiter …")
        layout.addWidget(buttons)

    def options(self) -> MinutesOptions:
        return MinutesOptions(
            pdf=self.pdf_button.isChecked(), public=self.public_box.isChecked(), email=self.email_box.isChecked()
        )


def _exec(dialog: QDialog) -> int:
    return dialog.exec()


#: Shows a dialog modally and returns its result code. Replaced in tests.
exec_dialog: Callable[[QDialog], int] = _exec


def _open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


#: Opens a file in the system's default program. Replaced in tests.
open_file: Callable[[Path], bool] = _open_with_system


def export_minutes(parent: QWidget | None, ctx: UiContext, meeting_id: int) -> Path | None:
    """Ask for format and options, write the minutes (and the e-mail draft); returns the file written."""
    title = "Niederschrift erstellen"

    def work() -> Path | None:
        dialog = MinutesExportDialog(parent, pdf_available=minutes.pdf_available())
        try:
            if exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            opts = dialog.options()
        finally:
            dialog.deleteLater()
        suffix = ".pdf" if opts.pdf else ".docx"
        name = minutes.default_minutes_filename(ctx.store, meeting_id, suffix, public=opts.public)
        path = export_menu.choose_path(parent, title, name, PDF_FILTER if opts.pdf else DOCX_FILTER, suffix)
        if path is None:
            return None

        def write() -> tuple[Path, minutes.MinutesMailResult | None]:
            written = minutes.export_minutes(ctx.store, meeting_id, path, public=opts.public)
            mail = None
            if opts.email:
                mail = minutes.export_minutes_eml(
                    ctx.store,
                    meeting_id,
                    path.with_suffix(".eml"),
                    public=opts.public,
                    pdf_file=written if opts.pdf else None,  # converted once, attached as it is
                )
            return written, mail

        written, mail = run_with_progress(parent, "Niederschrift wird geschrieben …", write)
        text = f"Die Niederschrift wurde gespeichert:\n{written}"
        if mail is not None:
            text += (
                f"\n\nE-Mail-Entwurf an {mail.recipients} Empfänger:\n{mail.path}\n"
                "Doppelklick öffnet ihn in Outlook zum Prüfen und Senden."
            )
            if mail.without_email:
                text += f"\n{mail.without_email_text}"
            if mail.note:
                text += f"\n{mail.note}"
        messages.info(parent, title, text)
        return written

    out: Path | None = run_action(parent, title, work)
    return out


def export_attendance_sheet(parent: QWidget | None, ctx: UiContext, meeting_id: int) -> Path | None:
    """Ask for the file and write the attendance sheet to sign (DOCX, or PDF by file name)."""
    title = "Anwesenheitsliste erstellen"

    def work() -> Path | None:
        name = minutes.default_sheet_filename(ctx.store, meeting_id)
        filters = f"{DOCX_FILTER};;{PDF_FILTER}" if minutes.pdf_available() else DOCX_FILTER
        path = export_menu.choose_path(parent, title, name, filters, "")
        if path is None:
            return None
        if path.suffix.lower() not in (".docx", ".pdf"):
            path = path.with_name(path.name + ".docx")
        written = run_with_progress(
            parent,
            "Anwesenheitsliste wird geschrieben …",
            lambda: minutes.export_attendance_sheet(ctx.store, meeting_id, path),
        )
        messages.info(parent, title, f"Die Anwesenheitsliste wurde gespeichert:\n{written}")
        return written

    out: Path | None = run_action(parent, title, work)
    return out


def print_folder() -> Path:
    """Where documents for printing go: a folder of our own in the system's temp directory."""
    folder = Path(tempfile.gettempdir()) / "BezAG Desktop Druck"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def print_minutes(parent: QWidget | None, ctx: UiContext, meeting_id: int) -> Path | None:
    """Write the minutes (DOCX) to the print folder and open them in the default program to print."""
    title = "Niederschrift drucken"

    def work() -> Path | None:
        name = minutes.default_minutes_filename(ctx.store, meeting_id, ".docx")
        folder = print_folder()

        def write() -> Path:
            last: UserError | None = None
            for n in range(1, 6):
                # the previous print may still be open in Word (locked): take the next free name then
                target = folder / (name if n == 1 else name.replace(".docx", f" ({n}).docx"))
                try:
                    return minutes.export_minutes(ctx.store, meeting_id, target)
                except UserError as exc:
                    if not target.exists():
                        raise
                    last = exc
            assert last is not None
            raise last

        path = run_with_progress(parent, "Niederschrift wird vorbereitet …", write)
        if not open_file(path):
            messages.warning(
                parent,
                title,
                f"Die Niederschrift konnte nicht automatisch geöffnet werden. Sie liegt hier:\n{path}",
            )
        return path

    out: Path | None = run_action(parent, title, work)
    return out
