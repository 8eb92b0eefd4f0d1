"""The one background runner: results, errors and progress reach the GUI thread; the immediate runner of the tests."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from factories import invited_meeting
from PySide6.QtWidgets import QApplication

from bezag_desktop.domain.errors import UserError
from bezag_desktop.services.store import Store
from bezag_desktop.ui import jobs
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import invitation_dialog


def _gui_thread() -> bool:
    """The test's QApplication lives in the main thread: that is the GUI thread."""
    app = QApplication.instance()
    assert app is not None
    return threading.current_thread() is threading.main_thread()


def test_the_tests_run_jobs_at_once() -> None:
    assert isinstance(jobs.runner(), jobs.ImmediateRunner)
    seen: list[Any] = []
    job = jobs.submit(lambda report: report("halb") or 6 * 7, on_result=seen.append, on_progress=seen.append)
    assert job.done
    assert seen == ["halb", 42]
    assert job.result == 42
    assert job.error is None


def test_an_immediate_job_reports_its_error() -> None:
    errors: list[BaseException] = []

    def fail(_report: jobs.Reporter) -> None:
        raise UserError("Der Ordner ist schreibgeschützt.")

    job = jobs.submit(fail, on_result=lambda _r: pytest.fail("no result expected"), on_error=errors.append)
    assert job.done
    assert isinstance(job.error, UserError)
    assert errors == [job.error]


def test_a_threaded_job_works_off_the_gui_thread_and_reports_in_it(qtbot: Any, threaded_jobs: Any) -> None:
    work_threads: list[threading.Thread] = []
    delivered: list[tuple[str, Any, bool]] = []

    def work(report: jobs.Reporter) -> str:
        work_threads.append(threading.current_thread())
        report("Datei 1 von 1 …")
        return "fertig"

    job = jobs.submit(
        work,
        on_progress=lambda text: delivered.append(("progress", text, _gui_thread())),
        on_result=lambda value: delivered.append(("result", value, _gui_thread())),
    )
    assert not job.done  # nothing reaches the GUI thread before its event loop runs
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert work_threads
    assert work_threads[0] is not threading.main_thread()
    assert delivered == [("progress", "Datei 1 von 1 …", True), ("result", "fertig", True)]


def test_a_threaded_job_hands_its_error_to_the_gui_thread(qtbot: Any, threaded_jobs: Any) -> None:
    errors: list[tuple[BaseException, bool]] = []

    def fail(_report: jobs.Reporter) -> None:
        raise OSError("Der Datenträger ist voll.")

    job = jobs.submit(fail, on_error=lambda exc: errors.append((exc, _gui_thread())))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert len(errors) == 1
    assert isinstance(errors[0][0], OSError)
    assert errors[0][1] is True


@pytest.mark.parametrize("threaded", [False, True])
def test_run_with_progress_returns_and_raises_in_the_gui_thread(qtbot: Any, request: Any, threaded: bool) -> None:
    if threaded:
        request.getfixturevalue("threaded_jobs")
    assert jobs.run_with_progress(None, "Rechnen …", lambda: 6 * 7) == 42

    def fail() -> None:
        raise UserError("Der Datenträger ist voll.")

    with pytest.raises(UserError, match="voll"):
        jobs.run_with_progress(None, "Schreiben …", fail)
    assert threading.current_thread() is threading.main_thread()


def test_set_runner_returns_the_previous_one() -> None:
    mine = jobs.ImmediateRunner()
    previous = jobs.set_runner(mine)
    try:
        assert jobs.runner() is mine
    finally:
        jobs.set_runner(previous)
    assert jobs.runner() is previous


def test_the_invitation_dialog_writes_its_files_in_the_worker_thread(
    qtbot: Any, store: Store, tmp_path: Path, answer: Any, monkeypatch: pytest.MonkeyPatch, threaded_jobs: Any
) -> None:
    """The real runner end to end: the dialog is busy (buttons off) until the job reports back."""
    monkeypatch.setattr(invitation_dialog, "OPEN_FOLDER", False)
    shown = answer(confirm=True)
    mid = invited_meeting(store, tmp_path)
    dialog = invitation_dialog.InvitationDialog(UiContext(store), mid)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "out"
    dialog.folder_edit.setText(str(out))
    dialog.create_button.click()
    assert dialog.busy()
    assert not dialog.cancel_button.isEnabled()
    dialog.reject()  # no half-done sending: closing waits
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert dialog.result_value is not None
    assert len(list(out.iterdir())) == 3
    assert any(kind == "info" and "gespeichert" in text for kind, _t, text in shown)
    assert not dialog.isVisible()
