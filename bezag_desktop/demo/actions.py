"""Demo data: how far the action items got by the demo's day.

Old tasks are mostly done, recent ones open or in progress; every status and an overdue task are
present. Each change goes through the action service, which records the day a task was done.
"""

from __future__ import annotations

from datetime import date, timedelta

from bezag_desktop.demo.builder import Builder, PlannedAction
from bezag_desktop.domain.codes import ActionStatus
from bezag_desktop.services.meetings import actions as action_service


def _statuses(b: Builder, planned: list[PlannedAction]) -> dict[int, ActionStatus]:
    today = b.today
    status: dict[int, ActionStatus] = {}
    for a in planned:
        r = b.rng.random()
        if a.due < today:
            status[a.id] = (
                ActionStatus.ERLEDIGT if r < 0.6 else ActionStatus.IN_ARBEIT if r < 0.8 else ActionStatus.OFFEN
            )
        else:
            status[a.id] = ActionStatus.OFFEN if r < 0.5 else ActionStatus.IN_ARBEIT
    overdue = [a for a in planned if a.due < today]
    if overdue and all(status[a.id] == ActionStatus.ERLEDIGT for a in overdue):
        status[overdue[-1].id] = ActionStatus.OFFEN
    for wanted, pick in (
        (ActionStatus.ERLEDIGT, planned[0]),
        (ActionStatus.OFFEN, planned[-1]),
        (ActionStatus.IN_ARBEIT, planned[len(planned) // 2]),
    ):
        if wanted not in status.values():
            status[pick.id] = wanted
    return status


def settle_actions(b: Builder) -> None:
    """Give every action item its status as of the demo's day."""
    planned = sorted(b.actions, key=lambda a: (a.created, a.id))
    if not planned:
        return
    status = _statuses(b, planned)
    for a in planned:
        st = status[a.id]
        if st == ActionStatus.OFFEN:
            continue
        on = b.today
        notes = "Entwurf liegt vor, Abstimmung läuft."
        if st == ActionStatus.ERLEDIGT:
            on = _done_on(b, a)
            notes = "Erledigt; Bericht in der folgenden Sitzung."
        action_service.update_action(
            b.store,
            a.id,
            action_service.ActionInput(
                text=a.text,
                responsible_person_id=a.person_id,
                responsible_body_id=a.body_id,
                due_date=a.due,
                status=st.value,
                notes=notes,
            ),
            today=on,
        )


def _done_on(b: Builder, a: PlannedAction) -> date:
    """Some day between the meeting and the due date (or yesterday, when that is earlier)."""
    latest = max(min(a.due, b.today - timedelta(days=1)), a.created)
    span = (latest - a.created).days
    return a.created + timedelta(days=b.rng.randint(span // 2, span))
