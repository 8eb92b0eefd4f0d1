"""Run a user action: German message for expected failures, a short apology (and a log) for bugs."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from bezag_desktop.domain.errors import UserError
from bezag_desktop.ui import messages

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


def run_action(parent: QWidget | None, title: str, fn: Callable[[], Any]) -> Any:
    """Call ``fn``; on ``UserError`` show its message; on a bug, log it and say so in German."""
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


def user_action(title: str) -> Callable[[F], F]:
    """Decorator for slots on widgets: ``@user_action("Person speichern")``."""

    def deco(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(self: QWidget, *args: Any, **kwargs: Any) -> Any:
            return run_action(self, title, lambda: fn(self, *args, **kwargs))

        return wrapper  # type: ignore[return-value]

    return deco
