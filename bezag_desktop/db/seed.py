"""Seed of a new database: the 24 member bodies, the plenary and the default Geschäftsordnung."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.config import resources_dir
from bezag_desktop.db.models import Body, Committee, Setting
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.rules import OfficeDetails, RulesOfProcedure

PLENUM_NAME = "Bezirksarbeitsgemeinschaft Sozialplanung"


def load_bodies() -> list[dict[str, str]]:
    with (resources_dir() / "bodies.json").open(encoding="utf-8") as fh:
        data: list[dict[str, str]] = json.load(fh)
    return data


def seed(session: Session) -> None:
    """Fill a freshly migrated, empty database. Idempotent: existing rows are left alone."""
    known = set(session.scalars(select(Body.ags)))
    for order, row in enumerate(load_bodies()):
        if row["ags"] not in known:
            session.add(Body(sort_order=order, **row))
    if session.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value)) is None:
        session.add(Committee(name=PLENUM_NAME, short_name="BezAG Sozialplanung", kind=CommitteeKind.PLENUM.value))
    if session.get(Setting, "rules") is None:
        session.add(Setting(key="rules", value=json.dumps(RulesOfProcedure().to_dict(), ensure_ascii=False)))
    if session.get(Setting, "office") is None:
        session.add(Setting(key="office", value=json.dumps(OfficeDetails().to_dict(), ensure_ascii=False)))
