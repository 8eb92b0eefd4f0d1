"""Minutes from the meeting editor: options dialog, file choice, background writing, printing."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import docx
import pytest
from factories import plenary_meeting
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters import pdf
from bezag_desktop.services.store import Store
from bezag_desktop.ui import export_menu
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import minutes_export
from bezag_desktop.ui.dialogs.minutes_export import MinutesExportDialog

Answer = Callable[..., list[tuple[str, str, str]]]


@pytest.fixture
def setup(qtbot: Any, store: Store) -> tuple[QWidget, UiContext, Any]:
    plan = plenary_meeting(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent, UiContext(store), plan


def _choose(
    monkeypatch: pytest.MonkeyPatch, pdf_: bool = False, public: bool = False, email: bool = False
) -> list[bool]:
    seen: list[bool] = []  # whether the PDF choice was enabled

    def fake_exec(dialog: MinutesExportDialog) -> int:
        seen.append(dialog.pdf_button.isEnabled())
        if pdf_:
            dialog.pdf_button.setChecked(True)
        dialog.public_box.setChecked(public)
        dialog.email_box.setChecked(email)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(minutes_export, "exec_dialog", fake_exec)
    return seen


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    asked: list[str] = []

    def fake(_parent: Any, _title: str, filename: str, _filters: str) -> str | None:
        asked.append(filename)
        return str(path) if path else None

    monkeypatch.setattr(export_menu, "ask_save_path", fake)
    return asked


def _text(path: Path) -> str:
    return "\n".join(p.text for p in dc.iter_paragraphs(docx.Document(str(path))))


def test_dialog_defaults_and_pdf_disabled_without_converter(qtbot: Any) -> None:
    dialog = MinutesExportDialog(None, pdf_available=False)
    qtbot.addWidget(dialog)
    assert dialog.docx_button.isChecked()
    assert not dialog.pdf_button.isEnabled()
    assert "LibreOffice oder Word fehlt" in dialog.pdf_button.text()
    assert dialog.options() == minutes_export.MinutesOptions(pdf=False, public=False, email=False)
    dialog.show()
    qtbot.mouseClick(dialog.public_box, Qt.MouseButton.LeftButton)
    assert dialog.options().public


def test_export_minutes_docx_public_with_email(
    setup: tuple[QWidget, UiContext, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    parent, ctx, plan = setup
    monkeypatch.setattr(pdf, "find_converter", lambda path=None: None)
    _choose(monkeypatch, public=True, email=True)
    asked = _save_to(monkeypatch, tmp_path / "niederschrift.docx")
    shown = answer()
    written = minutes_export.export_minutes(parent, ctx, plan.meeting_id)
    assert written == tmp_path / "niederschrift.docx"
    assert asked == [
        "2026-07-02 Bezirksarbeitsgemeinschaft Sozialplanung 2. Sitzung 2026 Niederschrift öffentlich.docx"
    ]
    text = _text(written)
    assert plan.secret_item_title not in text
    assert plan.resolution in text
    eml = tmp_path / "niederschrift.eml"
    msg = message_from_bytes(eml.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1"
    kind, _title, info = shown[-1]
    assert kind == "info"
    assert "E-Mail-Entwurf an 48 Empfänger" in info
    assert "Ohne PDF-Anhang" in info


def test_cancel_writes_nothing(
    setup: tuple[QWidget, UiContext, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    parent, ctx, plan = setup
    monkeypatch.setattr(minutes_export, "exec_dialog", lambda d: QDialog.DialogCode.Rejected)
    out = tmp_path / "ausgabe"
    asked = _save_to(monkeypatch, out / "x.docx")
    shown = answer()
    assert minutes_export.export_minutes(parent, ctx, plan.meeting_id) is None
    assert asked == []
    _choose(monkeypatch)
    _save_to(monkeypatch, None)
    assert minutes_export.export_minutes(parent, ctx, plan.meeting_id) is None
    assert shown == []
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice (soffice) ist nicht installiert")
def test_export_minutes_pdf(
    setup: tuple[QWidget, UiContext, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    parent, ctx, plan = setup
    dialogs = _choose(monkeypatch, pdf_=True, email=True)
    _save_to(monkeypatch, tmp_path / "n")  # suffix added
    answer()
    written = minutes_export.export_minutes(parent, ctx, plan.meeting_id)
    assert dialogs == [True]
    assert written == tmp_path / "n.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    # the e-mail draft carries that very PDF (converted once) and the DOCX
    msg = message_from_bytes((tmp_path / "n.eml").read_bytes(), policy=default)
    attached = {a.get_filename(): a.get_content() for a in msg.iter_attachments()}
    assert sorted(name.rsplit(".", 1)[1] for name in attached) == ["docx", "pdf"]
    assert written.read_bytes() in attached.values()


def test_attendance_sheet(
    setup: tuple[QWidget, UiContext, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    parent, ctx, plan = setup
    asked = _save_to(monkeypatch, tmp_path / "liste")
    shown = answer()
    written = minutes_export.export_attendance_sheet(parent, ctx, plan.meeting_id)
    assert written == tmp_path / "liste.docx"
    assert asked[0].endswith("Anwesenheitsliste.docx")
    assert "Unterschrift" in _text(written)
    assert shown[-1][0] == "info"


def test_print_opens_the_generated_docx(
    setup: tuple[QWidget, UiContext, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    parent, ctx, plan = setup
    opened: list[Path] = []
    monkeypatch.setattr(minutes_export, "open_file", lambda p: opened.append(p) or True)
    monkeypatch.setattr(minutes_export, "print_folder", lambda: tmp_path)
    shown = answer()
    path = minutes_export.print_minutes(parent, ctx, plan.meeting_id)
    assert opened == [path]
    assert path is not None
    assert path.parent == tmp_path
    assert path.name.endswith("Niederschrift.docx")
    assert "ENTWURF" in _text(path)
    assert shown == []
    # the system could not open it: the user is told where the file is
    monkeypatch.setattr(minutes_export, "open_file", lambda p: False)
    minutes_export.print_minutes(parent, ctx, plan.meeting_id)
    assert shown[-1][0] == "warning"
    assert str(tmp_path) in shown[-1][2]


def test_errors_become_messages(
    setup: tuple[QWidget, UiContext, Any], monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    parent, ctx, _plan = setup
    shown = answer()
    assert minutes_export.export_attendance_sheet(parent, ctx, 9999) is None
    assert shown[-1][0] == "error"
    assert "Die Sitzung Nr. 9999 gibt es nicht." in shown[-1][2]


def test_meeting_editor_buttons_write_real_files(
    setup: tuple[QWidget, UiContext, Any],
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: Answer,
) -> None:
    """End to end from the meeting editor: "Niederschrift…", "Anwesenheitsliste…", "Niederschrift drucken"."""
    from bezag_desktop.exporters import verify
    from bezag_desktop.ui.dialogs.meeting_editor import MeetingEditor

    parent, ctx, plan = setup
    monkeypatch.setattr(pdf, "find_converter", lambda path=None: None)
    _choose(monkeypatch)
    opened: list[Path] = []
    monkeypatch.setattr(minutes_export, "open_file", lambda p: opened.append(p) or True)
    monkeypatch.setattr(minutes_export, "print_folder", lambda: tmp_path / "druck")
    (tmp_path / "druck").mkdir()
    shown = answer()
    editor = MeetingEditor(ctx, plan.meeting_id, parent=parent)
    qtbot.addWidget(editor)
    _save_to(monkeypatch, tmp_path / "niederschrift.docx")
    qtbot.mouseClick(editor.minutes_export_button, Qt.MouseButton.LeftButton)
    assert verify.check_docx(tmp_path / "niederschrift.docx", expect_text=[plan.resolution]) == []
    _save_to(monkeypatch, tmp_path / "liste.docx")
    qtbot.mouseClick(editor.attendance_sheet_button, Qt.MouseButton.LeftButton)
    assert verify.check_docx(tmp_path / "liste.docx", expect_text=["Unterschrift"], repeated_header_tables=1) == []
    qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert opened[0].parent == tmp_path / "druck"
    assert verify.check_docx(opened[0], expect_text=["ENTWURF"]) == []
    assert [kind for kind, _title, _text in shown] == ["info", "info"]
