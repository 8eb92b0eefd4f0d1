"""One runner for long work (backup, restore, exports, invitations) off the GUI thread.

After Vorta's jobs manager: a ``Job`` wraps a callable; the runner executes it in a worker thread and
the job reports its progress text, its result or its error back *in the GUI thread* (queued signals to
the job, which lives there), so the callbacks may touch widgets and the work itself never does.

Tests install ``ImmediateRunner`` (after Picard's ``FakeThreadPool``): it runs the job at once, in the
calling thread, and delivers the same callbacks synchronously. ``run_with_progress`` is the blocking
form for callers that want a value back: a busy dialog appears after a moment while the window stays
responsive.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from bezag_desktop import APP_NAME

log = logging.getLogger(__name__)
T = TypeVar("T")

#: What a job calls to say how far it got ("Datei 2 von 3 …"); callable from the worker thread.
Reporter = Callable[[str], None]


class Job(QObject, Generic[T]):
    """One piece of long work. Its public signals are emitted in the GUI thread only.

    ``progress(text)`` while it runs, then either ``succeeded(result)`` or ``failed(error)``, then
    ``finished()``. ``done``, ``result`` and ``error`` can be read afterwards.
    """

    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    # Emitted in the worker thread; queued to the job's own slots, which run in the GUI thread.
    _progress_in_worker = Signal(str)
    _done_in_worker = Signal(object, object)

    def __init__(self, fn: Callable[[Reporter], T], label: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self._fn = fn
        self._direct = False
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self._progress_in_worker.connect(self._relay_progress, Qt.ConnectionType.QueuedConnection)
        self._done_in_worker.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def report(self, text: str) -> None:
        """Progress text from the work (any thread)."""
        if self._direct:
            self.progress.emit(text)
        else:
            self._progress_in_worker.emit(text)

    def execute(self) -> None:
        """Run the work in the current (worker) thread; the outcome is queued to the GUI thread."""
        result, error = self._call()
        self._done_in_worker.emit(result, error)

    def execute_now(self) -> None:
        """Run the work here and deliver at once (the immediate runner)."""
        self._direct = True
        result, error = self._call()
        self._deliver(result, error)

    def _call(self) -> tuple[T | None, BaseException | None]:
        try:
            return self._fn(self.report), None
        except BaseException as exc:  # handed to the GUI thread, which shows or raises it there
            return None, exc

    def _relay_progress(self, text: str) -> None:
        self.progress.emit(text)

    def _deliver(self, result: T | None, error: BaseException | None) -> None:
        self.done = True
        self.result, self.error = result, error
        if error is None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)
        self.finished.emit()


class JobRunner(Protocol):
    def start(self, job: Job[Any]) -> None: ...

    def wait(self, msecs: int = -1) -> bool: ...


class _Task(QRunnable):
    def __init__(self, job: Job[Any]) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.execute()


class ThreadRunner:
    """The program's runner: a small thread pool of its own (one job at a time, in order).

    One worker thread keeps long jobs from competing for the same SQLite file.
    """

    def __init__(self, max_threads: int = 1) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Job[Any]] = set()
        self._lock = threading.Lock()

    def start(self, job: Job[Any]) -> None:
        # The runner keeps the job alive until it has reported back.
        with self._lock:
            self._running.add(job)
        job.finished.connect(lambda: self._forget(job))
        task = _Task(job)
        task.setAutoDelete(True)
        self._pool.start(task)

    def _forget(self, job: Job[Any]) -> None:
        with self._lock:
            self._running.discard(job)

    def wait(self, msecs: int = -1) -> bool:
        """Wait until every started job has run (its report may still be queued)."""
        return self._pool.waitForDone(msecs)


class ImmediateRunner:
    """Runs each job at once in the calling thread (tests; after Picard's FakeThreadPool)."""

    def start(self, job: Job[Any]) -> None:
        job.execute_now()

    def wait(self, msecs: int = -1) -> bool:
        return True


_runner: JobRunner | None = None


def runner() -> JobRunner:
    """The runner in use (a ``ThreadRunner`` unless a test installed another)."""
    global _runner
    if _runner is None:
        _runner = ThreadRunner()
    return _runner


def set_runner(new: JobRunner | None) -> JobRunner | None:
    """Install ``new`` (``None``: the default again); returns the previous runner."""
    global _runner
    previous, _runner = _runner, new
    return previous


def submit(
    fn: Callable[[Reporter], T],
    *,
    on_result: Callable[[T], object] | None = None,
    on_error: Callable[[BaseException], object] | None = None,
    on_progress: Callable[[str], object] | None = None,
    label: str = "",
    parent: QObject | None = None,
) -> Job[T]:
    """Start ``fn(report)`` off the GUI thread; the callbacks run in the GUI thread.

    ``fn`` must not touch widgets. The callbacks are connected before the job starts, so an
    immediate runner reaches them too.
    """
    job: Job[T] = Job(fn, label, parent)
    if on_progress is not None:
        job.progress.connect(on_progress)
    if on_result is not None:
        job.succeeded.connect(on_result)
    if on_error is not None:
        job.failed.connect(on_error)
    runner().start(job)
    return job


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[[], T]) -> T:
    """Run ``fn`` as a job and wait for it while the window stays responsive; a busy dialog appears after a moment.

    ``fn`` must not touch widgets. Its exception is raised here, in the GUI thread.
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)  # None removes the button
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.reset()  # no automatic showing; the timer below decides
    show_timer = QTimer(dialog)
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(dialog.show)
    loop = QEventLoop()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        show_timer.start(400)
        job = submit(lambda _report: fn(), on_progress=dialog.setLabelText, label=label)
        if not job.done:
            job.finished.connect(loop.quit)
            loop.exec()
    finally:
        show_timer.stop()
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]  # a job that did not fail returned fn's value
