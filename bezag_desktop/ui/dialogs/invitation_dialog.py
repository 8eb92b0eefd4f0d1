"""Einladung erstellen…: preview of recipients and texts, folder choice, then ICS, .eml and letter.

``ask(parent, ctx, meeting_id)`` is what the meeting editor's button calls. The files are written
in a worker thread (the window stays responsive); the sending is recorded by the service.
Tests replace ``choose_folder`` and set ``OPEN_FOLDER = False``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bezag_desktop.domain.errors import UserError
from bezag_desktop.domain.timeutil import fmt_datetime
from bezag_desktop.services.meetings import invitation_plan, invitations
from bezag_desktop.services.meetings.invitation_plan import InvitationPlan, MissingAddress, RecipientRow
from bezag_desktop.services.meetings.invitations import SendResult
from bezag_desktop.ui import jobs, messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.guard import run_action
from bezag_desktop.ui.models.rows import Column, RowsModel
from bezag_desktop.ui.widgets.buttons import push_button
from bezag_desktop.ui.widgets.table import FilterTable

log = logging.getLogger(__name__)

TITLE = "Einladung erstellen"
#: Open the folder in the file manager when done (tests switch it off).
OPEN_FOLDER = True


def _default_choose_folder(parent: QWidget | None, start: str) -> str | None:
    folder = QFileDialog.getExistingDirectory(parent, "Ordner für die Einladung wählen", start)
    return folder or None


#: ``(parent, start folder) -> folder or None``; tests replace it.
choose_folder: Callable[[QWidget | None, str], str | None] = _default_choose_folder


RECIPIENT_COLUMNS: tuple[Column[RecipientRow], ...] = (
    Column("Name", lambda r: r.name),
    Column("E-Mail", lambda r: r.email),
    Column("Rolle", lambda r: r.role_label),
    Column("Organisation", lambda r: r.organisation),
    Column("Kalender", lambda r: invitation_plan.role_label(r.ical_role)),
)
MISSING_COLUMNS: tuple[Column[MissingAddress], ...] = (
    Column("Name", lambda r: r.name),
    Column("Rolle", lambda r: r.role_label),
    Column("Organisation", lambda r: r.organisation),
    Column("Hinweis", lambda r: f"ungültige Adresse „{r.email}“" if r.email else "keine E-Mail-Adresse"),
)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(n / 1024))} KB"


class InvitationDialog(QDialog):
    """Preview and creation of one meeting's invitation (or update, or cancellation)."""

    #: Emitted with the ``SendResult`` after the files were written and the sending recorded.
    invitation_sent = Signal(object)

    def __init__(self, ctx: UiContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.result_value: SendResult | None = None
        self.error: BaseException | None = None
        self._job: jobs.Job[SendResult] | None = None
        self.plan: InvitationPlan = invitation_plan.plan_invitation(ctx.store, meeting_id, today=ctx.today())
        self.setWindowTitle(f"{TITLE} – {self.plan.meeting_title}")
        self.resize(980, 680)
        self._build()
        self._fill()

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("QLabel { background: #f8d7da; padding: 6px; }")
        self.notice_label = QLabel(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel { background: #fff3cd; padding: 6px; }")

        self.recipients = RowsModel(RECIPIENT_COLUMNS, highlight=lambda r: "muted" if r.earlier_only else None)
        self.recipient_table = FilterTable(self.recipients, placeholder="Empfänger filtern …", parent=self)
        self.missing = RowsModel(MISSING_COLUMNS, highlight=lambda _r: "warning")
        self.missing_table = FilterTable(self.missing, placeholder="Filtern …", parent=self)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        people = QWidget(self)
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.recipient_table, 3)
        people_layout.addWidget(self.missing_label)
        people_layout.addWidget(self.missing_table, 1)

        self.subject_edit = QLineEdit(self)
        self.subject_edit.setReadOnly(True)
        self.summary_edit = QLineEdit(self)
        self.summary_edit.setReadOnly(True)
        self.letter_subject_edit = QLineEdit(self)
        self.letter_subject_edit.setReadOnly(True)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setReadOnly(True)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setReadOnly(True)
        texts = QWidget(self)
        form = QFormLayout(texts)
        form.addRow("Betreff der E-Mail:", self.subject_edit)
        form.addRow("Kalendereintrag:", self.summary_edit)
        form.addRow("Betreff des Schreibens:", self.letter_subject_edit)
        form.addRow("Text der E-Mail:", self.body_edit)
        form.addRow("Beschreibung im Kalender:", self.description_edit)

        self.files_edit = QPlainTextEdit(self)
        self.files_edit.setReadOnly(True)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(people, "&Empfänger")
        self.tabs.addTab(texts, "&Texte")
        self.tabs.addTab(self.files_edit, "&Dateien und Anlagen")

        self.folder_edit = QLineEdit(self)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder_edit.setText(documents or str(Path.home()))
        self.folder_button = push_button(self, "&Ordner wählen …", self.pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Zielordner:", self))
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setFormat("Dateien werden geschrieben …")

        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton("Dateien &erstellen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_files)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.create_files)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        p = self.plan
        what = {
            "einladung": "Einladung",
            "aktualisierung": "Aktualisierung einer versandten Einladung",
            "absage": "Absage",
        }[p.notice]
        earlier = f"; bisher {p.previous_sendings}× versandt" if p.previous_sendings else ""
        if p.repeat:
            earlier += " – seitdem unverändert, die Dateien wiederholen die letzte Sendung"
        self.heading.setText(
            f"{what}: {p.committee} – {p.meeting_title}, {fmt_datetime(p.start)}\n"
            f"{len(p.recipients)} Empfänger, Kalender {p.method}, Sequenz {p.sequence}{earlier}"
        )
        self.problems_label.setVisible(bool(p.problems))
        self.problems_label.setText(
            "Die Einladung kann so nicht erstellt werden:\n" + "\n".join(f"– {x}" for x in p.problems)
        )
        # the notice-period finding as ``bezag check`` words it, also when the invitation is still in time
        notice = p.notice_finding
        self.notice_label.setVisible(notice is not None)
        self.notice_label.setText(f"{notice.level_label}: {notice.text}" if notice is not None else "")
        self.recipients.set_rows(p.recipients)
        self.recipient_table.resize_columns()
        self.missing.set_rows(p.without_email)
        self.missing_table.resize_columns()
        self.missing_table.setVisible(bool(p.without_email))
        self.missing_label.setVisible(bool(p.without_email))
        self.missing_label.setText(
            f"Achtung: {len(p.without_email)} eingeladene Person(en) ohne (gültige) E-Mail-Adresse – "
            "bitte auf anderem Weg einladen:"
        )
        self.subject_edit.setText(p.subject)
        self.summary_edit.setText(p.summary)
        self.letter_subject_edit.setText(p.letter_subject)
        self.body_edit.setPlainText(p.body)
        self.description_edit.setPlainText(p.description)
        files = [p.ics_filename, p.eml_filename, p.letter_filename]
        lines = ["Es werden geschrieben:", *(f"  {f}" for f in files), "", "Anlagen der Tagesordnung:"]
        lines += [
            f"  {a.filename} ({_size(a.size)})" if a.exists else f"  {a.filename} – NICHT GEFUNDEN: {a.path}"
            for a in p.attachments
        ] or ["  keine"]
        self.files_edit.setPlainText("\n".join(lines))
        self.create_button.setEnabled(self._can_create())

    def _can_create(self) -> bool:
        return not self.plan.problems and not self.ctx.read_only

    # --- actions ----------------------------------------------------------------------------

    def pick_folder(self) -> None:
        folder = choose_folder(self, self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def create_files(self) -> None:
        """Ask for confirmation inside the notice period, then write the files in a worker thread."""
        if self.busy() or not self.create_button.isEnabled():
            return
        text = self.folder_edit.text().strip()
        if not text:
            self.pick_folder()
            text = self.folder_edit.text().strip()
            if not text:
                return
        folder = Path(text)
        present = [
            name
            for name in (self.plan.ics_filename, self.plan.eml_filename, self.plan.letter_filename)
            if (folder / name).exists()
        ]
        if present:
            names = "\n".join(f"  {name}" for name in present)
            if not messages.confirm(
                self, "Dateien ersetzen", f"Im Ordner {folder} gibt es bereits:\n{names}\n\nDiese Dateien ersetzen?"
            ):
                return
        confirmed = False
        if self.plan.notice_warning:
            if not messages.confirm(self, "Ladungsfrist", f"{self.plan.notice_warning}\n\nTrotzdem erstellen?"):
                return
            confirmed = True
        store, meeting_id, today = self.ctx.store, self.meeting_id, self.ctx.today()

        def work(_report: jobs.Reporter) -> SendResult:
            return invitations.send_invitation(store, meeting_id, folder, today=today, confirmed=confirmed)

        self._set_busy(True)
        self._job = jobs.Job(work, TITLE, self)
        self._job.finished.connect(self._finished)
        jobs.runner().start(self._job)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.create_button, self.cancel_button, self.folder_button, self.folder_edit):
            w.setEnabled(not busy)

    def _finished(self) -> None:
        """In the GUI thread, after the job ran: show the outcome."""
        job = self._job
        assert job is not None
        result, error = job.result, job.error
        self._set_busy(False)
        self.create_button.setEnabled(self._can_create())
        self.error = error
        if error is not None:
            if isinstance(error, UserError):
                messages.error(self, TITLE, error.message)
            else:
                log.error("Invitation failed", exc_info=error)
                messages.error(
                    self,
                    TITLE,
                    "Ein unerwarteter Fehler ist aufgetreten; es wurde nichts gespeichert. "
                    "Die Einzelheiten stehen in der Protokolldatei im Datenordner.",
                )
            return
        assert result is not None
        self.result_value = result
        self.ctx.notify("meetings")
        self.invitation_sent.emit(result)
        folder = result.files[0].parent
        names = "\n".join(f"  {p.name}" for p in result.files)
        notes = "".join(f"\n\n{w}" for w in result.warnings)
        messages.info(
            self,
            TITLE,
            f"Die Dateien wurden in {folder} gespeichert:\n{names}\n\n"
            f"Die Sendung (Sequenz {result.sequence}, {result.recipients} Empfänger) ist vermerkt. "
            f"Öffnen Sie die .eml-Datei in Outlook und senden Sie sie ab.{notes}",
        )
        if OPEN_FOLDER:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.accept()

    def reject(self) -> None:
        if self.busy():
            return  # never leave a half-done sending behind
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.busy():
            event.ignore()
            return
        super().closeEvent(event)


def ask(parent: QWidget | None, ctx: UiContext, meeting_id: int) -> None:
    """Show the preview; on "Dateien erstellen" write the three files and record the sending."""

    def show() -> None:
        dialog = InvitationDialog(ctx, meeting_id, parent)
        dialog.exec()

    run_action(parent, TITLE, show)
