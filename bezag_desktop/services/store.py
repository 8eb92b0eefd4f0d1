"""The open database of a session of work: engine, sessions, lock; creating and upgrading files.

``open_store`` is the one way in for the GUI, the CLI and the tests.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bezag_desktop.db import store as dbstore
from bezag_desktop.domain.errors import UserError

log = logging.getLogger(__name__)


@dataclass
class OpenReport:
    """What opening did: created the file, migrated it (and where the backup went)."""

    created: bool = False
    migrated_from: str | None = None
    backup: Path | None = None
    notes: list[str] = field(default_factory=list)


class Store:
    """An open database. ``with store.session() as s:`` is one transaction: commit or roll back whole."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, lock: dbstore.DatabaseLock | None) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._lock = lock
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.report = OpenReport()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        s = self._factory()
        try:
            yield s
            if self.read_only and (s.new or s.dirty or s.deleted):
                raise UserError("Die Datenbank ist schreibgeschützt geöffnet; Änderungen sind nicht möglich.")
            s.commit()
        except DBAPIError as exc:
            s.rollback()
            translated = dbstore.translate_db_error(exc)
            if translated is exc:
                raise
            raise translated from exc
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


P = ParamSpec("P")
R = TypeVar("R")


def operation(fn: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Store | Session, P], R]:
    """Make a service function callable with a ``Store`` (one transaction) or a ``Session`` (composed).

    Operations are written against a session so that one area's operation can call another's inside
    the same transaction (Indico's ``create_x(session, data)``). Front ends pass the ``Store``: the
    call then is one transaction of its own, committed whole or rolled back whole.
    """

    @functools.wraps(fn)
    def run(target: Store | Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if isinstance(target, Session):
            return fn(target, *args, **kwargs)
        with target.session() as s:
            return fn(s, *args, **kwargs)

    return run


def create_database(path: Path) -> None:
    """Build a new database beside ``path`` and move it into place only when complete."""
    from bezag_desktop.db.seed import seed  # only new files need the seed (keeps start-up lean)

    path.parent.mkdir(parents=True, exist_ok=True)
    with dbstore.temporary_sibling(path) as tmp:
        dbstore.run_migrations(tmp)
        engine = dbstore.make_engine(tmp)
        try:
            with Session(engine) as s:
                seed(s)
                s.commit()
        finally:
            engine.dispose()
        os.replace(tmp, path)


def open_store(path: Path, *, read_only: bool = False, migrate: bool = True, create: bool = True) -> Store:
    """Identify, lock, back up, migrate, seed, in that order. Raises ``StoreError`` with a German message."""
    path = Path(path)
    state = dbstore.identify(path)
    report = OpenReport()
    if read_only:
        if state.state == "new":
            raise dbstore.StoreError(f"Die Datenbank {path} existiert nicht.")
        if state.state == "outdated":
            report.notes.append(
                "Die Datenbank hat ein älteres Format; sie wird schreibgeschützt und ohne Aktualisierung angezeigt."
            )
        store = Store(path, dbstore.make_engine(path, read_only=True), read_only=True, lock=None)
        store.report = report
        return store
    if state.state == "new" and create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise dbstore.StorageEnvironmentError(
                f"Der Ordner {path.parent} kann nicht angelegt werden ({exc.strerror})."
            ) from exc
    lock = dbstore.DatabaseLock(path)
    lock.acquire()
    try:
        if state.state == "new":
            if not create:
                raise dbstore.StoreError(f"Die Datenbank {path} existiert nicht.")
            if path.exists():
                path.unlink()  # an empty file (0 bytes or no tables) carries nothing to keep
            create_database(path)
            report.created = True
        elif state.state == "outdated":
            if not migrate:
                raise dbstore.StoreError(f"Die Datenbank {path} muss erst aktualisiert werden (bezag init).")
            report.backup = dbstore.backup_database(path)
            report.migrated_from = state.revision
            log.info("Migrating %s from %s, backup %s", path, state.revision, report.backup)
            dbstore.run_migrations(path)
        store = Store(path, dbstore.make_engine(path), read_only=False, lock=lock)
    except BaseException:
        lock.release()
        raise
    store.report = report
    return store
