"""Errors with a German message for the user; services raise them, UI and CLI show them."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can act on. ``str(err)`` is the German message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that breaks a rule; nothing was written."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserError):
    """A record the user named does not exist."""
