"""Action items: from an agenda item, status, open list with overdue flag, carrying into a meeting."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import add_person, body_ids, new_meeting
from querycount import count_queries

from bezag_desktop.db.models import Committee
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import actions, agenda
from bezag_desktop.services.store import Store


def _item(store: Store, mid: int, title: str = "Genehmigung der Tagesordnung") -> int:
    return next(a.id for a in meetings.meeting_detail(store, mid).agenda if a.title == title)


@pytest.fixture
def held(store: Store) -> int:
    return new_meeting(store, datetime(2026, 7, 8, 10))


def test_create_and_list_open_items_with_overdue(store: Store, held: int) -> None:
    person = add_person(store, last="Huber", first="Anna")
    body = body_ids(store)[8]
    late = actions.create_action(
        store,
        _item(store, held),
        actions.ActionInput(
            text="Zahlen zur Wohnungslosigkeit sammeln", responsible_person_id=person, due_date=date(2026, 10, 1)
        ),
    )
    soon = actions.create_action(
        store,
        _item(store, held, "Verschiedenes"),
        actions.ActionInput(text="Termin AG Pflege abstimmen", responsible_body_id=body, due_date=date(2026, 12, 31)),
    )
    done = actions.create_action(
        store, _item(store, held), actions.ActionInput(text="Protokoll verschicken", status="erledigt")
    )
    rows = actions.list_actions(store, today=date(2026, 11, 21))
    assert [r.id for r in rows] == [late, soon]
    first = rows[0]
    assert first.overdue
    assert not rows[1].overdue
    assert (first.responsible, first.meeting, first.agenda_number, first.status_label) == (
        "Anna Huber",
        "1. Sitzung 2026",
        "2",
        "offen",
    )
    assert first.source == "1. Sitzung 2026, TOP 2"
    assert rows[1].responsible == "Landkreis Ebersberg"
    assert first.committee == "Bezirksarbeitsgemeinschaft Sozialplanung"
    everything = actions.list_actions(store, open_only=False, today=date(2026, 11, 21))
    assert {r.id for r in everything} == {late, soon, done}
    done_row = next(r for r in everything if r.id == done)
    assert (done_row.done_on, done_row.overdue) == (date(2026, 11, 21), False)


def test_status_change_and_edit(store: Store, held: int) -> None:
    aid = actions.create_action(
        store, _item(store, held), actions.ActionInput(text="Bericht", due_date=date(2026, 1, 1))
    )
    actions.set_action_status(store, aid, "in_arbeit")
    row = actions.list_actions(store)[0]
    assert (row.status, row.overdue) == ("in_arbeit", True)
    actions.set_action_status(store, aid, "erledigt", today=date(2026, 11, 20))
    assert actions.list_actions(store) == []
    assert actions.list_actions(store, open_only=False)[0].done_on == date(2026, 11, 20)
    actions.update_action(store, aid, actions.ActionInput(text="Bericht neu", status="offen"))
    row = actions.list_actions(store)[0]
    assert (row.text, row.done_on, row.due_date) == ("Bericht neu", None, None)
    with pytest.raises(ValidationError, match="Unbekannter Status"):
        actions.set_action_status(store, aid, "vergessen")
    actions.delete_action(store, aid)
    assert actions.list_actions(store, open_only=False) == []


def test_bad_action_input(store: Store, held: int) -> None:
    with pytest.raises(ValidationError, match="beschreiben"):
        actions.create_action(store, _item(store, held), actions.ActionInput(text=" "))
    with pytest.raises(NotFoundError, match="Tagesordnungspunkt"):
        actions.create_action(store, 9999, actions.ActionInput(text="x"))
    with pytest.raises(NotFoundError, match="verantwortliche Person"):
        actions.create_action(store, _item(store, held), actions.ActionInput(text="x", responsible_person_id=9999))
    assert actions.list_actions(store, open_only=False) == []


def test_carry_open_actions_into_the_next_meeting_once(store: Store, held: int) -> None:
    a = actions.create_action(
        store, _item(store, held), actions.ActionInput(text="Zahlen sammeln", due_date=date(2026, 12, 1))
    )
    actions.create_action(store, _item(store, held), actions.ActionInput(text="Erledigt", status="erledigt"))
    nxt = new_meeting(store, datetime(2026, 12, 10, 10))
    item = actions.carry_open_actions(store, nxt)
    agenda_rows = meetings.meeting_detail(store, nxt).agenda
    titles = [r.title for r in agenda_rows]
    assert titles.count("Beschlusskontrolle") == 1
    assert titles[-1] == "Verschiedenes"
    assert titles[-2] == "Beschlusskontrolle"
    carried = next(r for r in agenda_rows if r.id == item)
    assert "Zahlen sammeln (fällig 01.12.2026)" in carried.description
    assert "Erledigt" not in carried.description
    row = next(r for r in actions.list_actions(store) if r.id == a)
    assert (row.carried_to_meeting_id, row.carried_to) == (nxt, "2. Sitzung 2026")
    b = actions.create_action(store, _item(store, held), actions.ActionInput(text="Nachzügler"))
    assert actions.carry_open_actions(store, nxt) == item
    assert [r.title for r in meetings.meeting_detail(store, nxt).agenda].count("Beschlusskontrolle") == 1
    assert next(r for r in actions.list_actions(store) if r.id == b).carried_to_meeting_id == nxt


def test_carry_needs_open_items_of_the_committee(store: Store, held: int) -> None:
    nxt = new_meeting(store, datetime(2026, 12, 10, 10))
    with pytest.raises(ValidationError, match="keine offenen Aufgaben"):
        actions.carry_open_actions(store, nxt)
    assert "Beschlusskontrolle" not in [r.title for r in meetings.meeting_detail(store, nxt).agenda]


def test_open_list_query_count_constant(store: Store, held: int) -> None:
    person = add_person(store, last="Huber", first="Anna")
    actions.create_action(store, _item(store, held), actions.ActionInput(text="eins", responsible_person_id=person))
    with count_queries(store.engine) as few:
        actions.list_actions(store)
    with store.session() as s:
        group = Committee(name="AG Pflege", kind="arbeitsgruppe")
        s.add(group)
        s.flush()
        group_id = group.id
    for n in range(15):
        mid = new_meeting(store, datetime(2026, 1 + n % 10, 2 + n, 10), committee_id=group_id)
        item = agenda.add_item(store, mid, agenda.AgendaItemInput(title=f"TOP {n}"))
        actions.create_action(
            store, item, actions.ActionInput(text=f"Aufgabe {n}", responsible_person_id=person, responsible_body_id=1)
        )
    with count_queries(store.engine) as many:
        rows = actions.list_actions(store)
    assert len(rows) == 16
    assert many.count == few.count, (few, many)
