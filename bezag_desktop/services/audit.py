"""The audit trail: every user action writes one entry in the same transaction."""

from __future__ import annotations

import getpass

from sqlalchemy.orm import Session

from bezag_desktop.db.models import AuditEntry
from bezag_desktop.domain.timeutil import utc_now


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no name is configured
        return ""


def audit(session: Session, action: str, entity: str = "", entity_id: int | None = None, summary: str = "") -> None:
    session.add(
        AuditEntry(
            at=utc_now().replace(tzinfo=None),
            user=_user(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary,
        )
    )
