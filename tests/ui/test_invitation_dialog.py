"""Einladung erstellen…: the dialog driven through its real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import MEMBERS, OFFICE, invited_meeting
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from bezag_desktop.db.models import Invitation, Meeting
from bezag_desktop.domain.findings import Ref
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.services import checks
from bezag_desktop.services.settings import save_office
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import invitation_dialog
from bezag_desktop.ui.dialogs.invitation_dialog import InvitationDialog

Answer = Callable[..., list[tuple[str, str, str]]]


@pytest.fixture(autouse=True)
def _no_file_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(invitation_dialog, "OPEN_FOLDER", False)


def _dialog(qtbot: Any, store: Store, meeting_id: int) -> InvitationDialog:
    dialog = InvitationDialog(UiContext(store), meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _texts(model: Any, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _sendings(store: Store, mid: int) -> list[tuple[int, str, str]]:
    with store.session() as s:
        rows = s.scalars(select(Invitation).where(Invitation.meeting_id == mid).order_by(Invitation.id))
        return [(i.sequence, i.method, i.channel) for i in rows]


def _wait(qtbot: Any, dialog: InvitationDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy() and (dialog.result_value is not None or dialog.error is not None))


def test_preview_shows_recipients_missing_addresses_and_texts(
    qtbot: Any, qtmodeltester: Any, store: Store, tmp_path: Path
) -> None:
    mid = invited_meeting(store, tmp_path)
    dialog = _dialog(qtbot, store, mid)
    qtmodeltester.check(dialog.recipients)
    qtmodeltester.check(dialog.missing)
    assert sorted(_texts(dialog.recipients, 1)) == sorted(MEMBERS)
    roles = dict(zip(_texts(dialog.recipients, 1), _texts(dialog.recipients, 2), strict=True))
    assert roles["vorsitz@bezirk.example"] == "Vorsitz"
    assert roles["anna@lra-a.example"] == "Mitglied"
    assert roles["joerg.weiss@lra-a.example"] == "Stellvertretung"
    organisations = _texts(dialog.recipients, 3)
    assert any(organisations)
    assert _texts(dialog.missing, 0) == ["Otto Ohneadresse"]
    assert dialog.missing_table.isVisibleTo(dialog)
    assert "ohne (gültige) E-Mail-Adresse" in dialog.missing_label.text()
    assert dialog.subject_edit.text().startswith("Einladung: Bezirksarbeitsgemeinschaft Sozialplanung")
    assert "TOP 2.1  AG Wohnen (Eva Schön)" in dialog.body_edit.toPlainText()
    assert dialog.summary_edit.text() == "Bezirksarbeitsgemeinschaft Sozialplanung: 1. Sitzung 2027"
    assert "Bericht AG Wohnen.pdf" in dialog.files_edit.toPlainText()
    assert not dialog.problems_label.isVisibleTo(dialog)
    assert dialog.create_button.isEnabled()
    # the filter narrows the recipients, umlaut-insensitively
    dialog.recipient_table.filter_edit.setText("schon")
    assert dialog.recipient_table.proxy.rowCount() == 1


def test_create_writes_files_in_the_chosen_folder_and_records(
    qtbot: Any, store: Store, tmp_path: Path, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    mid = invited_meeting(store, tmp_path)
    shown = answer(confirm=True)
    target = tmp_path / "Einladungen"
    target.mkdir()
    monkeypatch.setattr(invitation_dialog, "choose_folder", lambda _parent, _start: str(target))
    dialog = _dialog(qtbot, store, mid)
    changed: list[str] = []
    dialog.ctx.data_changed.connect(changed.append)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(target)
    with qtbot.waitSignal(dialog.invitation_sent, timeout=10000):
        dialog.create_button.click()
    _wait(qtbot, dialog)
    assert dialog.error is None
    assert sorted(p.name for p in target.iterdir()) == [
        "BezAG Sozialplanung 1. Sitzung 2027 Einladung.docx",
        "BezAG Sozialplanung 1. Sitzung 2027.eml",
        "BezAG Sozialplanung 1. Sitzung 2027.ics",
    ]
    assert _sendings(store, mid) == [(0, "REQUEST", "gui")]
    assert changed == ["meetings"]
    assert shown[-1][0] == "info"
    assert "Sequenz 0" in shown[-1][2]
    assert "Otto Ohneadresse" in shown[-1][2]
    assert dialog.result() == dialog.DialogCode.Accepted
    with store.session() as s:
        assert s.get(Meeting, mid).status == "eingeladen"


def test_second_run_into_the_same_folder_asks_before_replacing_and_repeats_the_sending(
    qtbot: Any, store: Store, tmp_path: Path, answer: Answer
) -> None:
    mid = invited_meeting(store, tmp_path)
    out = tmp_path / "out"
    first = _dialog(qtbot, store, mid)
    first.folder_edit.setText(str(out))
    first.create_files()
    _wait(qtbot, first)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    shown = answer(confirm=False)
    again = _dialog(qtbot, store, mid)
    assert "bisher 1× versandt" in again.heading.text()
    assert "seitdem unverändert" in again.heading.text()
    assert "Sequenz 0" in again.heading.text()
    again.folder_edit.setText(str(out))
    again.create_files()
    assert shown[-1][0] == "confirm"
    assert "gibt es bereits" in shown[-1][2]
    assert "1. Sitzung 2027.ics" in shown[-1][2]
    assert not again.busy()
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert _sendings(store, mid) == [(0, "REQUEST", "gui")]

    shown = answer(confirm=True)
    again.create_files()
    _wait(qtbot, again)
    assert again.result_value is not None
    assert _sendings(store, mid) == [(0, "REQUEST", "gui"), (0, "REQUEST", "gui")]


def test_notice_period_asks_and_refusal_writes_nothing(
    qtbot: Any, store: Store, tmp_path: Path, answer: Answer
) -> None:
    mid = invited_meeting(store, tmp_path, start=datetime(2026, 11, 26, 10, 0))
    out = tmp_path / "out"
    shown = answer(confirm=False)
    dialog = _dialog(qtbot, store, mid)
    assert dialog.notice_label.isVisibleTo(dialog)
    assert "Ladungsfrist" in dialog.notice_label.text()
    dialog.folder_edit.setText(str(out))
    dialog.create_files()
    assert shown[-1][0] == "confirm"
    assert "Ladungsfrist" in shown[-1][2]
    assert not dialog.busy()
    assert not out.exists()
    assert _sendings(store, mid) == []

    answer(confirm=True)
    dialog.create_files()
    _wait(qtbot, dialog)
    assert dialog.result_value is not None
    assert len(list(out.iterdir())) == 3
    assert _sendings(store, mid) == [(0, "REQUEST", "gui")]


def test_problems_disable_creation(qtbot: Any, store: Store, tmp_path: Path) -> None:
    mid = invited_meeting(store, tmp_path)
    save_office(store, OfficeDetails(**{**OFFICE.to_dict(), "email": ""}))
    dialog = _dialog(qtbot, store, mid)
    assert dialog.problems_label.isVisibleTo(dialog)
    assert "E-Mail-Adresse der Geschäftsstelle" in dialog.problems_label.text()
    assert not dialog.create_button.isEnabled()
    dialog.create_files()  # the shortcut path does nothing either
    assert not dialog.busy()


def test_error_while_writing_is_shown_in_german(qtbot: Any, store: Store, tmp_path: Path, answer: Answer) -> None:
    mid = invited_meeting(store, tmp_path)
    shown = answer()
    dialog = _dialog(qtbot, store, mid)
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner", encoding="utf-8")
    (tmp_path / "unterlagen" / "Bericht AG Wohnen.pdf").unlink()  # disappears after the preview
    dialog.folder_edit.setText(str(blocker))
    dialog.create_files()
    _wait(qtbot, dialog)
    assert dialog.result_value is None
    assert shown[-1][0] == "error"
    assert "Anlage" in shown[-1][2]
    assert dialog.create_button.isEnabled()
    assert _sendings(store, mid) == []


def test_ask_opens_the_dialog(qtbot: Any, store: Store, tmp_path: Path) -> None:
    mid = invited_meeting(store, tmp_path)
    seen: list[str] = []

    def close_it() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, InvitationDialog)
        seen.append(modal.windowTitle())
        modal.reject()

    QTimer.singleShot(0, close_it)
    invitation_dialog.ask(None, UiContext(store), mid)
    assert seen == ["Einladung erstellen – 1. Sitzung 2027"]
    assert _sendings(store, mid) == []


def test_ask_for_an_unknown_meeting_shows_a_message(store: Store, answer: Answer) -> None:
    shown = answer()
    invitation_dialog.ask(None, UiContext(store), 4711)
    assert shown[-1][0] == "error"
    assert "gibt es nicht" in shown[-1][2]


@pytest.mark.parametrize(("days", "asks"), [(13, True), (14, False), (15, False)])
def test_notice_boundary_shows_the_check_finding(
    qtbot: Any, store: Store, tmp_path: Path, answer: Answer, days: int, asks: bool
) -> None:
    start = datetime.combine(date(2026, 11, 21) + timedelta(days=days), time(10))
    mid = invited_meeting(store, tmp_path, start=start)
    [finding] = checks.findings_about(store, Ref.meeting(mid))
    dialog = _dialog(qtbot, store, mid)
    # the same words as the Übersicht and bezag check
    assert dialog.notice_label.isVisibleTo(dialog)
    assert dialog.notice_label.text() == f"{finding.level_label}: {finding.text}"
    shown = answer(confirm=True)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.create_files()
    _wait(qtbot, dialog)
    assert dialog.result_value is not None
    asked = [text for kind, title, text in shown if kind == "confirm" and title == "Ladungsfrist"]
    assert len(asked) == (1 if asks else 0)
    if asks:
        assert asked[0].startswith(finding.text)
    # once invited, bezag check has nothing more to say about the notice period
    assert checks.findings_about(store, Ref.meeting(mid)) == []


def test_notice_far_ahead_shows_nothing(qtbot: Any, store: Store, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, store, invited_meeting(store, tmp_path))
    assert not dialog.notice_label.isVisibleTo(dialog)
