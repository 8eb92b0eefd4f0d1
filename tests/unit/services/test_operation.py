"""``@operation``: one transaction with a Store, the caller's transaction with a Session."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import AuditEntry
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services.audit import audit
from bezag_desktop.services.store import Store, operation


@operation
def _note(s: Session, text: str, *, fail: bool = False) -> int:
    audit(s, "test.note", "test", None, text)
    if fail:
        raise ValidationError("Absichtlich abgelehnt.")
    return len(text)


def _count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "test.note")) or 0


def test_a_store_call_is_its_own_committed_transaction(store: Store) -> None:
    assert _note(store, "eins") == 4
    assert _count(store) == 1


def test_a_failing_store_call_writes_nothing(store: Store) -> None:
    with pytest.raises(ValidationError, match="Absichtlich"):
        _note(store, "zwei", fail=True)
    assert _count(store) == 0


def test_calls_with_a_session_compose_into_one_transaction(store: Store) -> None:
    def both_notes() -> None:
        with store.session() as s:
            _note(s, "erste")
            _note(s, "zweite", fail=True)

    with pytest.raises(ValidationError):
        both_notes()
    assert _count(store) == 0  # the first note went with the failed second one

    with store.session() as s:
        _note(s, "erste")
        _note(s, "zweite")
    assert _count(store) == 2


def test_the_wrapped_function_keeps_its_name_and_doc() -> None:
    assert _note.__name__ == "_note"
    assert getattr(_note, "__wrapped__", None) is not None  # functools.wraps keeps the original
