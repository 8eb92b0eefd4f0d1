"""Test setup: Qt offscreen before any QApplication, a fresh seeded database per test, answerable dialogs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BEZAG_TODAY", "2026-11-21")

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bezag_desktop.services.store import Store, create_database, open_store

TODAY = "2026-11-21"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test runs on 21.11.2026 and keeps its data folder (logs, defaults) in tmp_path."""
    monkeypatch.setenv("BEZAG_TODAY", TODAY)
    monkeypatch.delenv("BEZAG_DB", raising=False)
    monkeypatch.delenv("BEZAG_DB_URL", raising=False)
    monkeypatch.setattr("bezag_desktop.config.data_dir", lambda: tmp_path / "datenordner")


@pytest.fixture(autouse=True)
def _immediate_jobs() -> Iterator[None]:
    """Background jobs run at once in the test's thread (Picard's FakeThreadPool): deterministic UI tests.

    ``threaded_jobs`` puts the real thread runner back for the tests of the runner itself.
    """
    from bezag_desktop.ui import jobs

    previous = jobs.set_runner(jobs.ImmediateRunner())
    yield
    jobs.set_runner(previous)


@pytest.fixture
def threaded_jobs(_immediate_jobs: None) -> Iterator[Any]:
    """The program's real runner (a worker thread); waits for its jobs at the end of the test."""
    from bezag_desktop.ui import jobs

    runner = jobs.ThreadRunner()
    jobs.set_runner(runner)
    yield runner
    runner.wait()


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite"
    create_database(path)
    return path


@pytest.fixture
def db_path(tmp_path: Path, _template_db: Path) -> Path:
    """A copy of a freshly created, seeded database (24 bodies, plenum, default rules)."""
    path = tmp_path / "bezag.sqlite"
    shutil.copyfile(_template_db, path)
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bezag_desktop.demo.build import create_demo_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    os.environ["BEZAG_TODAY"] = TODAY
    create_demo_database(path, years=2, seed=1, today=TODAY)
    return path


@pytest.fixture
def demo_db_path(tmp_path: Path, _demo_template: Path) -> Path:
    """A copy of the demo database (2 years ending 2026, seed 1, today 21.11.2026)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_db_path: Path) -> Iterator[Store]:
    s = open_store(demo_db_path)
    yield s
    s.close()


@pytest.fixture
def answer() -> Iterator[Callable[..., list[tuple[str, str, str]]]]:
    """Answer message boxes: ``answer(confirm=True, choice=0, text="…")``; returns the list of shown boxes."""
    from bezag_desktop.ui import messages

    def setup(confirm: bool = True, choice: int | None = 0, text: str | None = "") -> list[tuple[str, str, str]]:
        def reply(kind: str, _title: str, _text: str, _choices: Any) -> Any:
            return {"confirm": confirm, "choice": choice, "text": text}.get(kind)

        messages.set_answerer(reply)
        return messages.shown

    # Unanswered boxes would block a test; by default refuse confirmations and record everything.
    setup(confirm=False, choice=None, text=None)
    yield setup
    messages.set_answerer(None)
