"""Geschäftsordnung and Geschäftsstelle settings: read, validate, save."""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace
from typing import Any

from sqlalchemy.orm import Session

from bezag_desktop.db.models import Setting
from bezag_desktop.domain.codes import QuorumRule, RunoffTieRule
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.rules import OfficeDetails, RulesOfProcedure
from bezag_desktop.services.audit import audit
from bezag_desktop.services.store import operation

EMAIL_RE = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[A-Za-z]{2,}$")


def is_valid_email(text: str) -> bool:
    return bool(EMAIL_RE.match(text.strip()))


def _load(session: Session, key: str) -> dict[str, Any]:
    row = session.get(Setting, key)
    if row is None:
        return {}
    try:
        data = json.loads(row.value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _save(session: Session, key: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def rules_in(session: Session) -> RulesOfProcedure:
    return RulesOfProcedure.from_dict(_load(session, "rules"))


def office_in(session: Session) -> OfficeDetails:
    return OfficeDetails.from_dict(_load(session, "office"))


@operation
def get_rules(s: Session) -> RulesOfProcedure:
    return rules_in(s)


@operation
def get_office(s: Session) -> OfficeDetails:
    return office_in(s)


def validate_rules(rules: RulesOfProcedure) -> None:
    ranges = {
        "chair_term_years": (1, 10),
        "min_plenary_meetings_per_year": (0, 12),
        "member_seats_per_body": (1, 10),
        "deputy_seats_per_body": (0, 10),
        "member_seats_bezirk": (1, 10),
        "deputy_seats_bezirk": (0, 10),
        "votes_per_body": (1, 10),
        "notice_period_days": (0, 90),
        "chair_warning_months": (0, 24),
    }
    from bezag_desktop.domain.rules import RULE_EXPLANATIONS

    for name, (low, high) in ranges.items():
        value = getattr(rules, name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            label = RULE_EXPLANATIONS[name][0]
            raise ValidationError(f"„{label}“ muss eine ganze Zahl von {low} bis {high} sein.", field=name)
    if rules.quorum_rule not in {q.value for q in QuorumRule}:
        raise ValidationError("Unbekannte Regel für die Beschlussfähigkeit.", field="quorum_rule")
    if rules.election_runoff_tie_rule not in {r.value for r in RunoffTieRule}:
        raise ValidationError("Unbekannte Regel bei Stimmengleichheit.", field="election_runoff_tie_rule")
    if not [t for t in rules.standard_agenda if t.strip()]:
        raise ValidationError("Die Standard-Tagesordnung braucht mindestens einen Punkt.", field="standard_agenda")


@operation
def save_rules(s: Session, rules: RulesOfProcedure) -> RulesOfProcedure:
    rules = replace(rules, standard_agenda=tuple(t.strip() for t in rules.standard_agenda if t.strip()))
    validate_rules(rules)
    _save(s, "rules", rules.to_dict())
    audit(s, "settings.rules", "settings", None, "Geschäftsordnung geändert")
    return rules


def validate_office(office: OfficeDetails) -> None:
    if office.email and not is_valid_email(office.email):
        raise ValidationError(f"„{office.email}“ ist keine gültige E-Mail-Adresse.", field="email")
    if office.uid_domain and not re.match(r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", office.uid_domain):
        raise ValidationError(
            f"„{office.uid_domain}“ ist kein gültiger Domänenname (z. B. bezag-sozialplanung.example).",
            field="uid_domain",
        )


@operation
def save_office(s: Session, office: OfficeDetails) -> OfficeDetails:
    office = OfficeDetails(**{f.name: str(getattr(office, f.name)).strip() for f in fields(OfficeDetails)})
    validate_office(office)
    _save(s, "office", office.to_dict())
    audit(s, "settings.office", "settings", None, "Angaben der Geschäftsstelle geändert")
    return office
