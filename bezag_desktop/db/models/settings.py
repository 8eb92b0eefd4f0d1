"""Key/value settings (Geschäftsordnung, office details) and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bezag_desktop.db.base import Base


class Setting(Base):
    __tablename__ = "settings"

    #: "rules" (Geschäftsordnung) or "office" (Geschäftsstelle); more may follow without migration.
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: JSON document.
    value: Mapped[str] = mapped_column(Text, default="{}")

    def __repr__(self) -> str:
        return f"<Setting {self.key}>"


class AuditEntry(Base):
    """Who changed what, when: one row per user action."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: UTC.
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} {self.entity}:{self.entity_id}>"
