"""Run a user action: German message for expected failures, a short apology (and a log) for bugs."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtWidgets import QWidget

from bezag_desktop.domain.errors import UserError
from bezag_desktop.ui import messages

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
W = TypeVar("W", bound=QWidget)


def run_action(parent: QWidget | None, title: str, fn: Callable[[], R]) -> R | None:
    """Call ``fn``; on ``UserError`` show its message; on a bug, log it and say so in German.

    ``None`` tells the caller that the action failed and the user has been told.
    """
    try:
        return fn()
    except UserError as exc:
        messages.error(parent, title, exc.message)
    except Exception:
        log.exception("Unexpected error in %s", title)
        messages.error(
            parent,
            title,
            "Ein unerwarteter Fehler ist aufgetreten; es wurde nichts gespeichert. "
            "Die Einzelheiten stehen in der Protokolldatei im Datenordner.",
        )
    return None


def user_action(
    title: str,
) -> Callable[[Callable[Concatenate[W, P], R]], Callable[Concatenate[W, P], R | None]]:
    """Decorator for slots on widgets: ``@user_action("Person speichern")``; a failed action returns ``None``."""

    def deco(fn: Callable[Concatenate[W, P], R]) -> Callable[Concatenate[W, P], R | None]:
        @functools.wraps(fn)
        def wrapper(self: W, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
            return run_action(self, title, lambda: fn(self, *args, **kwargs))

        return wrapper

    return deco
