"""Agenda: numbering, moving, sub-items, attachments, copying, election item, minutes, approval."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from factories import add_chair, add_person, new_meeting, plenum_id, seat_plenary
from sqlalchemy import select

from bezag_desktop.db.models import AgendaItem
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import agenda, attendance
from bezag_desktop.services.store import Store


def _agenda(store: Store, mid: int) -> list[tuple[str, str]]:
    return [(a.number, a.title) for a in meetings.meeting_detail(store, mid).agenda]


def _id(store: Store, mid: int, title: str) -> int:
    return next(a.id for a in meetings.meeting_detail(store, mid).agenda if a.title == title)


@pytest.fixture
def mid(store: Store) -> int:
    """A plenary meeting with a short agenda A, B, C."""
    from dataclasses import replace

    from bezag_desktop.services import settings

    settings.save_rules(store, replace(settings.get_rules(store), standard_agenda=("A", "B", "C")))
    return new_meeting(store, datetime(2026, 12, 10, 10))


def test_sub_items_are_numbered_and_follow_moves(store: Store, mid: int) -> None:
    b = _id(store, mid, "B")
    b1 = agenda.add_item(store, mid, agenda.AgendaItemInput(title="B eins"), parent_id=b)
    agenda.add_item(store, mid, agenda.AgendaItemInput(title="B zwei"), parent_id=b)
    assert _agenda(store, mid) == [("1", "A"), ("2", "B"), ("2.1", "B eins"), ("2.2", "B zwei"), ("3", "C")]
    assert agenda.move_item(store, b, -1)
    assert _agenda(store, mid) == [("1", "B"), ("1.1", "B eins"), ("1.2", "B zwei"), ("2", "A"), ("3", "C")]
    assert agenda.move_item(store, b1, +1)
    assert _agenda(store, mid)[1:3] == [("1.1", "B zwei"), ("1.2", "B eins")]
    assert not agenda.move_item(store, b1, +1)  # already last among its siblings
    assert not agenda.move_item(store, b, -1)


def test_move_to_position_like_drag_and_drop(store: Store, mid: int) -> None:
    a, b, c = (_id(store, mid, t) for t in "ABC")
    agenda.move_to(store, c, None, 0)
    assert _agenda(store, mid) == [("1", "C"), ("2", "A"), ("3", "B")]
    agenda.move_to(store, a, b, 0)  # A becomes a sub-item of B
    assert _agenda(store, mid) == [("1", "C"), ("2", "B"), ("2.1", "A")]
    agenda.move_to(store, a, None, 99)  # out again, to the end
    assert _agenda(store, mid) == [("1", "C"), ("2", "B"), ("3", "A")]
    b1 = agenda.add_item(store, mid, agenda.AgendaItemInput(title="B eins"), parent_id=b)
    with pytest.raises(ValidationError, match="hat Unterpunkte"):
        agenda.move_to(store, b, c, 0)
    with pytest.raises(ValidationError, match="keine weiteren Unterpunkte"):
        agenda.move_to(store, a, b1, 0)
    with pytest.raises(ValidationError, match="sein eigener Unterpunkt"):
        agenda.move_to(store, a, a, 0)
    assert _agenda(store, mid) == [("1", "C"), ("2", "B"), ("2.1", "B eins"), ("3", "A")]


def test_add_at_index_edit_delete(store: Store, mid: int) -> None:
    new = agenda.add_item(
        store,
        mid,
        agenda.AgendaItemInput(title="Neu", kind="beschluss", presenter="Dr. Huber", planned_minutes=20, public=False),
        index=1,
    )
    assert _agenda(store, mid) == [("1", "A"), ("2", "Neu"), ("3", "B"), ("4", "C")]
    row = meetings.meeting_detail(store, mid).item(new)
    assert row is not None
    assert (row.kind, row.presenter, row.planned_minutes, row.public) == ("beschluss", "Dr. Huber", 20, False)
    agenda.update_item(store, new, agenda.AgendaItemInput(title="Neu geändert", kind="wahl"))
    row = meetings.meeting_detail(store, mid).item(new)
    assert row is not None
    assert (row.title, row.kind) == ("Neu geändert", "wahl")
    b = _id(store, mid, "B")
    agenda.add_item(store, mid, agenda.AgendaItemInput(title="B eins"), parent_id=b)
    agenda.delete_item(store, b)
    assert _agenda(store, mid) == [("1", "A"), ("2", "Neu geändert"), ("3", "C")]


def test_bad_items_refused(store: Store, mid: int) -> None:
    before = _agenda(store, mid)
    with pytest.raises(ValidationError, match="braucht einen Titel"):
        agenda.add_item(store, mid, agenda.AgendaItemInput(title="  "))
    with pytest.raises(ValidationError, match="Unbekannte Art"):
        agenda.add_item(store, mid, agenda.AgendaItemInput(title="X", kind="plausch"))
    with pytest.raises(ValidationError, match="600 Minuten"):
        agenda.add_item(store, mid, agenda.AgendaItemInput(title="X", planned_minutes=-5))
    with pytest.raises(NotFoundError):
        agenda.add_item(store, 999, agenda.AgendaItemInput(title="X"))
    assert _agenda(store, mid) == before


def test_append_item_session_helper(store: Store, mid: int) -> None:
    with store.session() as s:
        parent = agenda.append_item(s, mid, title="Berichte", kind="bericht")
        agenda.append_item(s, mid, title="Bericht AG Pflege", presenter="Sara Sprecherin", parent_id=parent)
    assert _agenda(store, mid)[-2:] == [("4", "Berichte"), ("4.1", "Bericht AG Pflege")]
    with store.session() as s:
        item = s.get(AgendaItem, parent)
        assert item is not None
        item.position = 0  # someone wrote positions by hand
        agenda.renumber(s, mid)
    assert _agenda(store, mid)[:2] == [("1", "Berichte"), ("1.1", "Bericht AG Pflege")]


def test_attachments_must_exist(store: Store, mid: int, tmp_path: Path) -> None:
    a = _id(store, mid, "A")
    with pytest.raises(ValidationError, match="gibt es nicht"):
        agenda.add_attachment(store, a, tmp_path / "fehlt.pdf")
    file = tmp_path / "Vorlage Bedarfsplanung.pdf"
    file.write_bytes(b"%PDF-1.4")
    att = agenda.add_attachment(store, a, file)
    row = meetings.meeting_detail(store, mid).item(a)
    assert row is not None
    assert [(x.id, x.label, x.path) for x in row.attachments] == [(att, file.name, str(file.resolve()))]
    agenda.remove_attachment(store, att)
    row = meetings.meeting_detail(store, mid).item(a)
    assert row is not None
    assert row.attachments == ()


def test_copy_items_from_earlier_meeting(store: Store, mid: int) -> None:
    b = _id(store, mid, "B")
    agenda.add_item(store, mid, agenda.AgendaItemInput(title="B eins"), parent_id=b)
    agenda.record_minutes(store, b, agenda.MinutesInput(notes="Aussprache", result="kenntnis"))
    target = meetings.create_meeting(
        store,
        meetings.MeetingInput(committee_id=plenum_id(store), start=datetime(2027, 3, 1, 10)),
        standard_agenda=False,
    )
    assert agenda.copy_items_from(store, mid, target, [b, _id(store, mid, "B eins")]) == 2
    copied = meetings.meeting_detail(store, target).agenda
    assert [(a.number, a.title) for a in copied] == [("1", "B"), ("1.1", "B eins")]
    assert copied[0].notes == ""
    assert copied[0].result is None
    assert agenda.copy_items_from(store, mid, target) == 4
    assert len(meetings.meeting_detail(store, target).agenda) == 6
    with pytest.raises(ValidationError, match="dieselbe Sitzung"):
        agenda.copy_items_from(store, mid, mid)


def test_copied_items_go_before_verschiedenes_and_sub_items_under_the_same_title(store: Store) -> None:
    from dataclasses import replace

    from bezag_desktop.services import settings

    settings.save_rules(
        store,
        replace(
            settings.get_rules(store), standard_agenda=("Begrüßung", "Berichte aus den Arbeitsgruppen", "Verschiedenes")
        ),
    )
    source = new_meeting(store, datetime(2026, 7, 1, 10))
    reports = _id(store, source, "Berichte aus den Arbeitsgruppen")
    ag = agenda.add_item(store, source, agenda.AgendaItemInput(title="Bericht aus der AG Pflege"), parent_id=reports)
    topic = agenda.add_item(store, source, agenda.AgendaItemInput(title="Datenbericht", kind="beschluss"), index=2)
    target = new_meeting(store, datetime(2026, 12, 10, 10))
    with pytest.raises(ValidationError, match="mindestens einen"):
        agenda.copy_items_from(store, source, target, [])
    assert agenda.copy_items_from(store, source, target, [ag, topic]) == 2
    assert _agenda(store, target) == [
        ("1", "Begrüßung"),
        ("2", "Berichte aus den Arbeitsgruppen"),
        ("2.1", "Bericht aus der AG Pflege"),
        ("3", "Datenbericht"),
        ("4", "Verschiedenes"),
    ]


# --- the election item ------------------------------------------------------------------------


def test_election_item_proposed_when_the_chair_term_ends(store: Store) -> None:
    chair = add_person(store, last="Vorsitz", first="Klara")
    add_chair(store, person_id=chair, side="kommunen", start=date(2024, 1, 30), end=date(2027, 1, 29))
    late = new_meeting(store, datetime(2027, 3, 10, 10))
    far = new_meeting(store, datetime(2026, 7, 1, 10))  # long before the end: nothing
    assert agenda.propose_election_item(store, far) is None
    proposal = agenda.propose_election_item(store, late)
    assert proposal is not None
    assert proposal.title == "Wahl der/des Vorsitzenden der Landkreise und kreisfreien Städte"
    assert proposal.term_end == date(2027, 1, 29)
    assert "29.01.2027" in proposal.text
    assert "Klara Vorsitz" in proposal.text
    item = agenda.add_election_item(store, late)
    assert agenda.add_election_item(store, late) == item  # once
    titles = [a.title for a in meetings.meeting_detail(store, late).agenda]
    assert titles.index(proposal.title) == titles.index("Verschiedenes") - 1
    assert agenda.propose_election_item(store, late) is None


def test_no_proposal_when_a_successor_is_elected(store: Store) -> None:
    old, new = add_person(store, last="Alt", first="A"), add_person(store, last="Neu", first="N")
    add_chair(store, person_id=old, side="kommunen", start=date(2024, 1, 30), end=date(2027, 1, 29))
    add_chair(store, person_id=new, side="kommunen", start=date(2027, 1, 30), end=date(2030, 1, 29))
    assert agenda.propose_election_item(store, new_meeting(store, datetime(2027, 3, 10, 10))) is None


def test_add_election_item_to_next_plenary(store: Store) -> None:
    assert agenda.add_election_item_to_next_plenary(store, today=date(2026, 11, 21)) is None
    new_meeting(store, datetime(2026, 10, 1, 10))  # past
    nxt = new_meeting(store, datetime(2026, 12, 10, 10))
    item = agenda.add_election_item_to_next_plenary(store, today=date(2026, 11, 21))
    assert item is not None
    row = meetings.meeting_detail(store, nxt).item(item)
    assert row is not None
    assert row.kind == "wahl"
    assert agenda.add_election_item_to_next_plenary(store, today=date(2026, 11, 21)) == item


# --- minutes ----------------------------------------------------------------------------------


def _held_meeting_with_attendance(store: Store, present: int) -> tuple[int, int]:
    seats = seat_plenary(store, count=24)
    mid = new_meeting(store, datetime(2026, 11, 10, 10))
    attendance.build_attendance(store, mid)
    rows = {a.person_id: a for a in meetings.meeting_detail(store, mid).attendance}
    for seat in seats[:present]:
        attendance.set_status(store, rows[seat.member_id].id, "anwesend")
    item = _id(store, mid, "Genehmigung der Tagesordnung")
    return mid, item


def test_minutes_with_vote(store: Store) -> None:
    mid, item = _held_meeting_with_attendance(store, 14)
    agenda.record_minutes(
        store,
        item,
        agenda.MinutesInput(
            notes="Keine Änderungen.",
            resolution_text="Die Tagesordnung wird genehmigt.",
            votes_yes=12,
            votes_no=1,
            votes_abstain=1,
            result="beschlossen",
        ),
    )
    row = meetings.meeting_detail(store, mid).item(item)
    assert row is not None
    assert (row.votes_yes, row.votes_no, row.votes_abstain, row.result) == (12, 1, 1, "beschlossen")
    assert row.vote_text == "12 ja, 1 nein, 1 Enthaltung"
    agenda.record_minutes(store, item, agenda.MinutesInput(unanimous=True, result="beschlossen"))
    row = meetings.meeting_detail(store, mid).item(item)
    assert row is not None
    assert row.vote_text == "einstimmig"


def test_more_votes_than_voters_refused(store: Store) -> None:
    mid, item = _held_meeting_with_attendance(store, 14)
    with pytest.raises(ValidationError, match="15 Stimmen erfasst, aber nur 14") as err:
        agenda.record_minutes(store, item, agenda.MinutesInput(votes_yes=10, votes_no=5, result="beschlossen"))
    assert err.value.field == "votes"
    row = meetings.meeting_detail(store, mid).item(item)
    assert row is not None
    assert (row.votes_yes, row.result) == (None, None)


def test_votes_per_body_counts(store: Store) -> None:
    from dataclasses import replace

    from bezag_desktop.services import settings

    _mid, item = _held_meeting_with_attendance(store, 3)
    with pytest.raises(ValidationError, match="nur 3"):
        agenda.record_minutes(store, item, agenda.MinutesInput(votes_yes=4))
    settings.save_rules(store, replace(settings.get_rules(store), votes_per_body=2))
    agenda.record_minutes(store, item, agenda.MinutesInput(votes_yes=4, votes_abstain=2))


def test_minutes_nonsense_refused(store: Store) -> None:
    _mid, item = _held_meeting_with_attendance(store, 3)
    with pytest.raises(ValidationError, match="negativ"):
        agenda.record_minutes(store, item, agenda.MinutesInput(votes_yes=-1))
    with pytest.raises(ValidationError, match="Einstimmig"):
        agenda.record_minutes(store, item, agenda.MinutesInput(unanimous=True, votes_no=1))
    with pytest.raises(ValidationError, match="Ergebnis"):
        agenda.record_minutes(store, item, agenda.MinutesInput(result="super"))


def test_approval_of_previous_minutes(store: Store) -> None:
    first = new_meeting(store, datetime(2026, 3, 10, 10))
    second = new_meeting(store, datetime(2026, 11, 10, 10))
    future = new_meeting(store, datetime(2027, 3, 10, 10))
    with pytest.raises(ValidationError, match="„geplant“"):
        agenda.approve_minutes(store, second)
    meetings.set_status(store, first, "durchgefuehrt")
    meetings.set_status(store, first, "protokoll_entwurf")
    with pytest.raises(ValidationError, match="noch nicht stattgefunden"):
        agenda.approve_minutes(store, future, first)
    assert agenda.approve_minutes(store, second) == first
    d = meetings.meeting_detail(store, first)
    assert (d.status, d.minutes_approved_in_id, d.minutes_approved_on) == (
        "protokoll_genehmigt",
        second,
        date(2026, 11, 10),
    )
    with pytest.raises(ValidationError, match="bereits genehmigt"):
        agenda.approve_minutes(store, second, first)
    with pytest.raises(ValidationError, match="früheren Sitzung"):
        agenda.approve_minutes(store, first, second)


def test_items_are_ordered_in_one_query(store: Store, mid: int) -> None:
    with store.session() as s:
        ids = [i.id for i in agenda.ordered_items(s, mid)]
        assert ids == list(
            s.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == mid).order_by(AgendaItem.position))
        )
