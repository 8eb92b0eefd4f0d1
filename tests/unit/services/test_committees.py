"""Working groups: founding by a plenary resolution, seats and their rules, dissolution, reports, lists."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import add_agenda_item, add_meeting, add_person, found_group, plenary_with_resolution, plenum_id
from sqlalchemy import select

from bezag_desktop.db.models import ActionItem, AgendaItem, AuditEntry, Committee, Membership
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import partners
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.groups.operations import GroupInput
from bezag_desktop.services.store import Store

TODAY = date(2026, 11, 21)


def _partner_contact(store: Store, org: str = "Caritasverband München und Freising", last: str = "Öztürk") -> int:
    pid = partners.create_partner(store, partners.PartnerInput(name=org, category="wohlfahrtsverband"))
    return partners.add_contact(
        store, pid, partners.ContactInput(last_name=last, first_name="Aylin", email="a.o@caritas.example")
    )


# --- founding ---------------------------------------------------------------------------------


def test_found_group_links_the_plenary_resolution_and_takes_its_date(store: Store) -> None:
    item = plenary_with_resolution(store, datetime(2026, 7, 8, 10, 0), title="Gründung der AG Wohnungslosenhilfe")
    gid = committees.found_group(
        store,
        GroupInput(
            name="AG Wohnungslosenhilfe",
            topic="Hilfen für wohnungslose Menschen",
            goal="Bedarf ermitteln",
            founding_agenda_item_id=item,
        ),
    )
    ov = group_queries.group_overview(store, gid)
    assert ov.founded == date(2026, 7, 8)
    assert ov.founding is not None
    assert ov.founding.agenda_item_id == item
    assert ov.founding.title == "Gründung der AG Wohnungslosenhilfe"
    assert "08.07.2026" in ov.founding.text
    assert ov.goal == "Bedarf ermitteln"
    with store.session() as s:
        c = s.get(Committee, gid)
        assert c is not None
        assert c.parent_id == plenum_id(store)
        assert c.kind == "arbeitsgruppe"
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "committee.found"))
        assert entry is not None
        assert entry.entity_id == gid


def test_working_group_needs_a_plenary_resolution(store: Store) -> None:
    with pytest.raises(ValidationError, match="Beschluss des Plenums"):
        committees.found_group(store, GroupInput(name="AG Pflege", founded_on=TODAY))
    # a network may be founded without one
    nid = committees.found_group(store, GroupInput(name="Pflegekonferenz", kind="netzwerk", founded_on=TODAY))
    assert group_queries.group_overview(store, nid).kind == "netzwerk"


def test_founding_item_must_belong_to_a_plenary_meeting(store: Store) -> None:
    other = found_group(store, "AG Eins")
    mid = add_meeting(store, datetime(2026, 9, 1, 10), committee_id=other, status="durchgefuehrt")
    item = add_agenda_item(store, meeting_id=mid, title="Beschluss", kind="beschluss", result="beschlossen")
    with pytest.raises(ValidationError, match="keiner Plenarsitzung"):
        committees.found_group(store, GroupInput(name="AG Zwei", founding_agenda_item_id=item))


def test_founding_date_not_before_the_resolution_and_names_unique(store: Store) -> None:
    item = plenary_with_resolution(store, datetime(2026, 7, 8, 10))
    with pytest.raises(ValidationError, match="vor der Plenarsitzung"):
        committees.found_group(
            store, GroupInput(name="AG X", founding_agenda_item_id=item, founded_on=date(2026, 7, 1))
        )
    committees.found_group(store, GroupInput(name="AG Fachkräftemangel", founding_agenda_item_id=item))
    with pytest.raises(ValidationError, match="gibt es bereits"):
        committees.found_group(store, GroupInput(name="ag fachkraftemangel", founding_agenda_item_id=item))
    with pytest.raises(ValidationError, match="E-Mail"):
        committees.found_group(store, GroupInput(name="AG Y", founding_agenda_item_id=item, email="keine-adresse"))


def test_update_group_changes_fields_and_keeps_rules(store: Store) -> None:
    gid = found_group(store, "AG Wohnen")
    item = group_queries.group_overview(store, gid).founding
    assert item is not None
    committees.update_group(
        store,
        gid,
        GroupInput(
            name="AG Bezahlbarer Wohnraum", topic="Wohnen", goal="Neu", founding_agenda_item_id=item.agenda_item_id
        ),
    )
    ov = group_queries.group_overview(store, gid)
    assert (ov.name, ov.topic, ov.goal) == ("AG Bezahlbarer Wohnraum", "Wohnen", "Neu")
    with pytest.raises(ValidationError, match="Plenum ist keine Arbeitsgruppe"):
        committees.update_group(
            store, plenum_id(store), GroupInput(name="X", founding_agenda_item_id=item.agenda_item_id)
        )


# --- seats ------------------------------------------------------------------------------------


def test_members_from_bodies_and_partners(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    weiss = add_person(store, last="Weiß", first="Jonas", ags="09162")
    contact = _partner_contact(store)
    committees.add_member(store, gid, huber, "mitglied", date(2026, 7, 8))
    committees.add_member(store, gid, weiss, "mitglied", date(2026, 7, 8))
    committees.add_member(store, gid, contact, "mitglied", date(2026, 9, 1))
    row = next(r for r in group_queries.list_committees(store) if r.id == gid)
    by_person = {m.person: m for m in row.members}
    assert by_person["Anna Huber"].organisation == "Landkreis Ebersberg"
    assert by_person["Anna Huber"].organisation_kind == "body"
    assert by_person["Aylin Öztürk"].organisation == "Caritasverband München und Freising"
    assert by_person["Aylin Öztürk"].organisation_kind == "partner"
    assert row.partner_count == 1
    with store.session() as s:
        ms = s.scalar(select(Membership).where(Membership.person_id == huber))
        assert ms is not None
        assert ms.body_id is not None  # onBehalfOf recorded, not only derived


def test_same_seat_twice_at_overlapping_dates_is_refused_in_german(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    committees.add_member(store, gid, huber, "mitglied", date(2026, 7, 8), end=date(2026, 12, 31))
    with pytest.raises(ValidationError, match=r"Anna Huber hat in „AG Wohnungslosenhilfe“ bereits einen Sitz") as err:
        committees.add_member(store, gid, huber, "mitglied", date(2026, 12, 1))
    assert "zweimal zur gleichen Zeit" in err.value.message
    # lead is a member's seat too: not beside the member seat
    with pytest.raises(ValidationError, match="bereits einen Sitz"):
        committees.add_member(store, gid, huber, "sprecher", date(2026, 10, 1))
    # after the first seat ended, a new one may follow
    committees.add_member(store, gid, huber, "mitglied", date(2027, 1, 1))
    # a guest seat is another kind of seat
    committees.add_member(store, gid, huber, "gast", date(2026, 8, 1), end=date(2026, 8, 31))
    with store.session() as s:
        assert len(list(s.scalars(select(Membership).where(Membership.person_id == huber)))) == 3


def test_one_lead_at_a_time_and_role_change_keeps_history(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    weiss = add_person(store, last="Weiß", first="Jonas", ags="09162")
    m_huber = committees.add_member(store, gid, huber, "mitglied", date(2026, 7, 8))
    committees.add_member(store, gid, weiss, "sprecher", date(2026, 7, 8))
    with pytest.raises(ValidationError, match="bereits Sprecher/in: Jonas Weiß"):
        committees.change_role(store, m_huber, "sprecher", date(2026, 10, 1))
    new_id = committees.change_role(store, m_huber, "stellv_sprecher", date(2026, 10, 1))
    assert new_id != m_huber
    with store.session() as s:
        old = s.get(Membership, m_huber)
        new = s.get(Membership, new_id)
        assert old is not None
        assert new is not None
        assert old.end_date == date(2026, 9, 30)
        assert old.role == "mitglied"
        assert (new.role, new.start_date, new.predecessor_id) == ("stellv_sprecher", date(2026, 10, 1), m_huber)
    row = next(r for r in group_queries.list_committees(store) if r.id == gid)
    assert row.lead == "Jonas Weiß"
    assert row.deputy_lead == "Anna Huber"
    assert [m.role for m in row.members] == ["sprecher", "stellv_sprecher"]
    # the member table in the overview keeps the old seat as history
    ov = group_queries.group_overview(store, gid)
    assert [(m.person, m.role) for m in ov.current_members] == [
        ("Jonas Weiß", "sprecher"),
        ("Anna Huber", "stellv_sprecher"),
    ]
    assert ("Anna Huber", "mitglied") in [(m.person, m.role) for m in ov.members]


def test_seat_dates_inside_the_groups_life(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    with pytest.raises(ValidationError, match="vor der Gründung"):
        committees.add_member(store, gid, huber, "mitglied", date(2026, 1, 1))
    with pytest.raises(ValidationError, match="Ende eines Sitzes liegt vor"):
        committees.add_member(store, gid, huber, "mitglied", date(2026, 9, 1), end=date(2026, 8, 1))
    inactive = add_person(store, last="Alt", first="Otto", ags="09175", active=False)
    with pytest.raises(ValidationError, match="inaktiv"):
        committees.add_member(store, gid, inactive, "mitglied", date(2026, 9, 1))
    with pytest.raises(ValidationError, match="Körperschaften & Vertretungen"):
        committees.add_member(store, plenum_id(store), huber, "mitglied", date(2026, 9, 1))


def test_end_membership(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    mid = committees.add_member(store, gid, huber, "mitglied", date(2026, 7, 8))
    with pytest.raises(ValidationError, match="davor"):
        committees.end_membership(store, mid, date(2026, 7, 1))
    committees.end_membership(store, mid, date(2026, 10, 31))
    with pytest.raises(ValidationError, match="endet bereits"):
        committees.end_membership(store, mid, date(2026, 11, 30))
    row = next(r for r in group_queries.list_committees(store) if r.id == gid)
    assert row.members == ()
    assert [m.end for m in group_queries.group_overview(store, gid).members] == [date(2026, 10, 31)]


# --- dissolving -------------------------------------------------------------------------------


def test_dissolve_ends_seats_and_keeps_history(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    weiss = add_person(store, last="Weiß", first="Jonas", ags="09162")
    committees.add_member(store, gid, huber, "sprecher", date(2026, 7, 8))
    committees.add_member(store, gid, weiss, "mitglied", date(2027, 2, 1))  # would start later: never held
    held = add_meeting(store, datetime(2026, 9, 15, 14), committee_id=gid, status="durchgefuehrt")
    later = add_meeting(store, datetime(2027, 3, 1, 14), committee_id=gid)
    result = committees.dissolve_group(store, gid, date(2026, 12, 31))
    assert result.ended_seats == 1
    assert result.removed_future_seats == 1
    assert [m.id for m in result.later_meetings] == [later]
    ov = group_queries.group_overview(store, gid, on=date(2027, 1, 15))
    assert ov.dissolved == date(2026, 12, 31)
    assert ov.current_members == ()
    assert [(m.person, m.end) for m in ov.members] == [("Anna Huber", date(2026, 12, 31))]
    assert held in [m.id for m in ov.meetings]
    rows = group_queries.list_committees(store, on=date(2027, 1, 15))
    row = next(r for r in rows if r.id == gid)
    assert row.dissolved == date(2026, 12, 31)
    assert row.to_json()["dissolved"] == "2026-12-31"
    with pytest.raises(ValidationError, match=r"bereits seit 31\.12\.2026 aufgelöst"):
        committees.dissolve_group(store, gid, date(2027, 1, 1))
    with pytest.raises(ValidationError, match="aufgelöst"):
        committees.add_member(store, gid, weiss, "mitglied", date(2027, 1, 2))
    assert group_queries.list_groups(store, on=date(2027, 1, 15), include_dissolved=False) == []
    committees.reopen_group(store, gid)
    assert group_queries.group_overview(store, gid).dissolved is None


def test_seat_in_a_group_dissolved_later_ends_with_the_group(store: Store) -> None:
    gid = found_group(store)
    committees.dissolve_group(store, gid, date(2027, 6, 30))
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    weiss = add_person(store, last="Weiß", first="Jonas", ags="09162")
    open_seat = committees.add_member(store, gid, huber, "mitglied", date(2026, 12, 1))
    short_seat = committees.add_member(store, gid, weiss, "mitglied", date(2026, 12, 1), end=date(2027, 1, 31))
    with store.session() as s:
        ends = {ms.id: ms.end_date for ms in s.scalars(select(Membership).where(Membership.committee_id == gid))}
    assert ends == {open_seat: date(2027, 6, 30), short_seat: date(2027, 1, 31)}
    with pytest.raises(ValidationError, match="danach können keine Sitze mehr beginnen"):
        committees.add_member(store, gid, weiss, "gast", date(2027, 7, 1))


def test_dissolve_not_before_founding(store: Store) -> None:
    gid = found_group(store)
    with pytest.raises(ValidationError, match="vor der Gründung"):
        committees.dissolve_group(store, gid, date(2026, 1, 1))


# --- ending a body mandate: the group seats ---------------------------------------------------


def test_group_seats_of_a_person_and_ending_them(store: Store) -> None:
    g1 = found_group(store, "AG Eins")
    g2 = found_group(store, "AG Zwei")
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    committees.add_member(store, g1, huber, "sprecher", date(2026, 7, 8))
    committees.add_member(store, g2, huber, "mitglied", date(2026, 7, 8), end=date(2026, 8, 31))  # already over
    with store.session() as s:
        seats = group_queries.working_group_seats_of(s, huber)
    assert [(x.committee, x.role) for x in seats] == [("AG Eins", "sprecher")]
    assert seats[0].text == "AG Eins (Sprecher/in, 08.07.2026 bis offen)"
    result = committees.end_group_seats(store, huber, date(2026, 11, 30))
    assert (result.ended, result.handed_over, result.removed) == (1, 0, 0)
    assert group_queries.group_seats_of(store, huber, date(2026, 12, 1)) == []


def test_end_group_seats_hands_over_to_the_successor(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    berger = add_person(store, last="Berger", first="Max", ags="09175")
    other = add_person(store, last="Kurz", first="Eva", ags="09162")
    seat = committees.add_member(store, gid, huber, "sprecher", date(2026, 7, 8))
    committees.add_member(store, gid, other, "mitglied", date(2026, 7, 8))
    result = committees.end_group_seats(
        store, huber, date(2026, 11, 30), successor_id=berger, body_id=committees_body(store, huber)
    )
    assert (result.ended, result.handed_over) == (1, 1)
    assert "an die Nachfolge übergeben" in result.text
    row = next(r for r in group_queries.list_committees(store, on=date(2026, 12, 1)) if r.id == gid)
    assert row.lead == "Max Berger"
    with store.session() as s:
        new = s.scalar(select(Membership).where(Membership.person_id == berger))
        assert new is not None
        assert (new.start_date, new.predecessor_id, new.role) == (date(2026, 12, 1), seat, "sprecher")
    # the successor cannot take a seat they already hold: the old seat still ends, the reason is reported
    result = committees.end_group_seats(store, other, date(2026, 12, 31), successor_id=berger)
    assert (result.ended, result.handed_over) == (1, 0)
    assert len(result.not_handed_over) == 1
    assert result.not_handed_over[0].startswith("AG Wohnungslosenhilfe (Mitglied): Max Berger hat")
    assert "bereits einen Sitz" in result.not_handed_over[0]
    assert "Nicht übergeben:" in result.text
    assert group_queries.group_seats_of(store, other, date(2027, 1, 1)) == []
    with store.session() as s:
        assert len(list(s.scalars(select(Membership).where(Membership.person_id == berger)))) == 1


def test_end_group_seats_hands_over_the_seats_the_successor_can_take(store: Store) -> None:
    g1 = found_group(store, "AG Eins")
    g2 = found_group(store, "AG Zwei")
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    berger = add_person(store, last="Berger", first="Max", ags="09175")
    committees.add_member(store, g1, huber, "sprecher", date(2026, 7, 8))
    committees.add_member(store, g2, huber, "mitglied", date(2026, 7, 8))
    committees.add_member(store, g2, berger, "mitglied", date(2026, 9, 1))  # already sits in AG Zwei
    result = committees.end_group_seats(store, huber, date(2026, 11, 30), successor_id=berger)
    assert (result.ended, result.handed_over) == (2, 1)
    assert [r.split(":")[0] for r in result.not_handed_over] == ["AG Zwei (Mitglied)"]
    assert [(x.committee, x.role) for x in group_queries.group_seats_of(store, berger, date(2026, 12, 1))] == [
        ("AG Eins", "sprecher"),
        ("AG Zwei", "mitglied"),
    ]
    assert group_queries.group_seats_of(store, huber, date(2026, 12, 1)) == []
    seat = group_queries.group_seats_of(store, berger, date(2026, 12, 1))[0]
    assert seat.person == "Max Berger"


def committees_body(store: Store, person_id: int) -> int:
    with store.session() as s:
        ms = s.scalar(select(Membership).where(Membership.person_id == person_id))
        assert ms is not None
        assert ms.body_id is not None
        return ms.body_id


def test_end_group_seats_only_for_the_given_body(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    committees.add_member(store, gid, huber, "mitglied", date(2026, 7, 8))
    result = committees.end_group_seats(store, huber, date(2026, 11, 30), body_id=committees_body(store, huber) + 1)
    assert result.ended == 0
    assert len(group_queries.group_seats_of(store, huber)) == 1


# --- reports and overview ---------------------------------------------------------------------


def test_reports_one_per_plenary_meeting_and_the_last_one_shows(store: Store) -> None:
    gid = found_group(store)
    p1 = add_meeting(store, datetime(2026, 9, 1, 10), status="durchgefuehrt")
    p2 = add_meeting(store, datetime(2026, 12, 3, 10))
    committees.save_report(store, gid, p1, "Erste Bestandsaufnahme abgeschlossen.")
    rid = committees.save_report(store, gid, p2, "Entwurf eines Leitfadens.")
    again = committees.save_report(store, gid, p2, "Leitfaden fertig.")
    assert rid == again
    ov = group_queries.group_overview(store, gid)
    assert ov.last_report is not None
    assert ov.last_report.text == "Leitfaden fertig."
    assert ov.last_report.reported_on == date(2026, 12, 3)
    assert len(ov.reports) == 2
    own = add_meeting(store, datetime(2026, 10, 1, 10), committee_id=gid, status="durchgefuehrt")
    with pytest.raises(ValidationError, match="Sitzung des Plenums"):
        committees.save_report(store, gid, own, "x")
    with pytest.raises(ValidationError, match="Text des Berichts"):
        committees.save_report(store, gid, p1, "  ")


def test_overview_next_meeting_and_open_actions(store: Store) -> None:
    gid = found_group(store)
    past = add_meeting(store, datetime(2026, 9, 15, 14), committee_id=gid, status="durchgefuehrt")
    nxt = add_meeting(store, datetime(2026, 12, 10, 14), committee_id=gid, status="eingeladen")
    add_meeting(store, datetime(2027, 2, 10, 14), committee_id=gid)
    add_meeting(store, datetime(2026, 12, 1, 14), committee_id=gid, status="abgesagt")
    with store.session() as s:
        s.add(
            ActionItem(
                committee_id=gid, meeting_id=past, text="Zahlen sammeln", status="offen", due_date=date(2026, 12, 1)
            )
        )
        s.add(ActionItem(committee_id=gid, meeting_id=past, text="Erledigtes", status="erledigt"))
        s.add(ActionItem(committee_id=None, meeting_id=past, text="Ohne Gremium", status="in_arbeit"))
    ov = group_queries.group_overview(store, gid)
    assert ov.next_meeting is not None
    assert ov.next_meeting.id == nxt
    assert [a.text for a in ov.open_actions] == ["Zahlen sammeln", "Ohne Gremium"]
    assert ov.open_actions[1].status_label == "in Arbeit"


def test_list_committees_json_shape_and_plenum_members(store: Store) -> None:
    gid = found_group(store, topic="Hilfen für wohnungslose Menschen")
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    with store.session() as s:
        s.add(
            Membership(
                person_id=huber,
                committee_id=plenum_id(store),
                body_id=None,
                role="mitglied",
                start_date=date(2026, 1, 30),
            )
        )
    committees.add_member(store, gid, huber, "sprecher", date(2026, 7, 8))
    data = [r.to_json() for r in group_queries.list_committees(store)]
    assert data[0]["kind"] == "plenum"
    assert data[0]["members"] == [
        {"person": "Anna Huber", "organisation": "Landkreis Ebersberg", "organisation_kind": "body", "role": "mitglied"}
    ]
    group = next(d for d in data if d["id"] == gid)
    assert group == {
        "id": gid,
        "name": "AG Wohnungslosenhilfe",
        "kind": "arbeitsgruppe",
        "topic": "Hilfen für wohnungslose Menschen",
        "founded": "2026-07-08",
        "dissolved": None,
        "lead": "Anna Huber",
        "members": [
            {
                "person": "Anna Huber",
                "organisation": "Landkreis Ebersberg",
                "organisation_kind": "body",
                "role": "sprecher",
            }
        ],
    }


def test_report_item_title() -> None:
    assert group_queries.report_item_title("AG Wohnungslosenhilfe") == "Bericht aus der AG Wohnungslosenhilfe"
    assert group_queries.report_item_title("Fachkräftemangel") == "Bericht aus der AG Fachkräftemangel"
    assert group_queries.report_item_title("Pflegekonferenz", "netzwerk") == "Bericht aus dem Netzwerk Pflegekonferenz"


# --- report items on the plenary agenda -------------------------------------------------------


def test_report_items_go_on_the_next_plenary_agenda_once(store: Store) -> None:
    from bezag_desktop.services import meetings
    from bezag_desktop.services.meetings import queries as meeting_queries

    g1 = found_group(store, "AG Wohnungslosenhilfe")
    g2 = found_group(store, "Pflegekonferenz", kind="netzwerk")
    gone = found_group(store, "AG Alt")
    committees.dissolve_group(store, gone, date(2026, 10, 31))
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    committees.add_member(store, g1, huber, "sprecher", date(2026, 7, 8))
    mid = meetings.create_meeting(
        store,
        meetings.MeetingInput(
            committee_id=plenum_id(store), start=datetime(2026, 12, 10, 10), end=datetime(2026, 12, 10, 13)
        ),
    )
    nxt = group_queries.next_plenary_meeting(store)
    assert nxt is not None
    assert nxt.id == mid
    new = committees.add_report_items_to_agenda(store, mid)
    assert len(new) == 2
    detail = meeting_queries.meeting_detail(store, mid)
    by_title = {a.title: a for a in detail.agenda}
    report = by_title["Bericht aus der AG Wohnungslosenhilfe"]
    assert report.presenter == "Anna Huber"
    assert "Bericht aus dem Netzwerk Pflegekonferenz" in by_title
    assert "Bericht aus der AG Alt" not in by_title
    # nested under the standard agenda's "Berichte aus den Arbeitsgruppen"
    parent = by_title["Berichte aus den Arbeitsgruppen"]
    assert report.number.startswith(parent.number + ".")
    # second call: nothing doubled
    assert committees.add_report_items_to_agenda(store, mid) == []
    g3 = found_group(store, "AG Fachkräfte")
    assert len(committees.add_report_items_to_agenda(store, mid)) == 1
    assert g3 != g2
    group_meeting = add_meeting(store, datetime(2026, 12, 1, 10), committee_id=g1)
    with pytest.raises(ValidationError, match="Tagesordnung des Plenums"):
        committees.add_report_items_to_agenda(store, group_meeting)


def test_report_item_takes_the_deputy_lead_and_the_groups_report(store: Store) -> None:
    from bezag_desktop.services import meetings
    from bezag_desktop.services.meetings import queries as meeting_queries

    gid = found_group(store, "AG Wohnungslosenhilfe")
    weiss = add_person(store, last="Weiß", first="Jonas", ags="09162")
    committees.add_member(store, gid, weiss, "stellv_sprecher", date(2026, 7, 8))
    mid = meetings.create_meeting(
        store,
        meetings.MeetingInput(
            committee_id=plenum_id(store), start=datetime(2026, 12, 10, 10), end=datetime(2026, 12, 10, 13)
        ),
    )
    committees.save_report(store, gid, mid, "Bestandsaufnahme in 12 Landkreisen abgeschlossen.")
    [item_id] = committees.add_report_items_to_agenda(store, mid)
    item = next(a for a in meeting_queries.meeting_detail(store, mid).agenda if a.id == item_id)
    # no Sprecher/in: the deputy lead presents
    assert (item.presenter, item.presenter_id) == ("Jonas Weiß", weiss)
    assert item.description == "Bestandsaufnahme in 12 Landkreisen abgeschlossen."
    # a changed report follows into the item ...
    committees.save_report(store, gid, mid, "Leitfaden verabschiedet.")
    item = next(a for a in meeting_queries.meeting_detail(store, mid).agenda if a.id == item_id)
    assert item.description == "Leitfaden verabschiedet."
    # ... unless the item's text was written by hand
    with store.session() as s:
        row = s.get(AgendaItem, item_id)
        assert row is not None
        row.description = "Eigener Text der Geschäftsstelle"
    committees.save_report(store, gid, mid, "Noch ein Stand.")
    item = next(a for a in meeting_queries.meeting_detail(store, mid).agenda if a.id == item_id)
    assert item.description == "Eigener Text der Geschäftsstelle"


def test_member_candidates_show_plenary_and_group_roles(store: Store) -> None:
    gid = found_group(store)
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    add_person(store, last="Alt", first="Otto", ags="09175", active=False)
    contact = _partner_contact(store)
    with store.session() as s:
        s.add(
            Membership(
                person_id=huber, committee_id=plenum_id(store), role="stellvertretung", start_date=date(2026, 1, 30)
            )
        )
    committees.add_member(store, gid, contact, "gast", date(2026, 7, 8))
    rows = {c.name: c for c in group_queries.member_candidates(store, gid)}
    assert "Otto Alt" not in rows
    assert rows["Anna Huber"].plenum_role_label == "Stellvertretung"
    assert rows["Anna Huber"].organisation_kind == "body"
    assert rows["Aylin Öztürk"].seat_role_label == "Gast"
    assert rows["Aylin Öztürk"].organisation_kind == "partner"


# --- query counts -----------------------------------------------------------------------------


def _grow(store: Store, groups: int, members: int, offset: int = 0) -> None:
    for g in range(offset, offset + groups):
        gid = found_group(store, f"AG Nummer {g}")
        for m in range(members):
            pid = add_person(store, last=f"Person{g}x{m}", first="Test", ags="09175" if m % 2 else None)
            committees.add_member(store, gid, pid, "sprecher" if m == 0 else "mitglied", date(2026, 7, 8))
        contact = _partner_contact(store, org=f"Partner {g}", last=f"Kontakt{g}")
        committees.add_member(store, gid, contact, "mitglied", date(2026, 7, 8))


def test_list_committees_query_count_does_not_grow(store: Store) -> None:
    from querycount import count_queries

    _grow(store, 1, 1)
    with count_queries(store.engine) as few:
        small = group_queries.list_committees(store)
    _grow(store, 6, 8, offset=1)
    with count_queries(store.engine) as many:
        large = group_queries.list_committees(store)
    assert len(large) > len(small)
    assert sum(len(r.members) for r in large) >= 6 * 9
    assert many.count == few.count, many


def test_group_overview_query_count_does_not_grow(store: Store) -> None:
    from querycount import count_queries

    gid = found_group(store, "AG Fix")
    with count_queries(store.engine) as few:
        group_queries.group_overview(store, gid)
    for m in range(10):
        pid = add_person(store, last=f"Person{m}", first="Test", ags="09175")
        committees.add_member(store, gid, pid, "mitglied", date(2026, 7, 8))
        add_meeting(store, datetime(2026, 9, 1 + m, 10), committee_id=gid, status="durchgefuehrt")
    with count_queries(store.engine) as many:
        ov = group_queries.group_overview(store, gid)
    assert len(ov.members) == 10
    assert len(ov.meetings) == 10
    assert many.count == few.count, many


def test_founding_choices_offer_resolutions_and_suggest_an_unused_founding(store: Store) -> None:
    held = add_meeting(store, datetime(2026, 7, 8, 10), status="durchgefuehrt")
    ids = [
        add_agenda_item(store, meeting_id=held, title="Genehmigung der Tagesordnung"),
        add_agenda_item(store, meeting_id=held, title="Gründung der AG Pflege", kind="beschluss", result="beschlossen"),
        add_agenda_item(store, meeting_id=held, title="Haushalt", kind="beschluss", result="beschlossen"),
    ]
    planned = add_meeting(store, datetime(2026, 12, 10, 10))
    add_agenda_item(store, meeting_id=planned, title="Künftiger Beschluss", kind="beschluss")
    rows = group_queries.founding_choices(store)
    assert [r.title for r in rows] == ["Gründung der AG Pflege", "Haushalt"]
    assert "Künftiger Beschluss" in [r.title for r in group_queries.founding_choices(store, resolutions_only=False)]
    suggestion = group_queries.suggested_founding(rows)
    assert suggestion is not None
    assert suggestion.agenda_item_id == ids[1]
    found_group(store, "AG Pflege", item_id=ids[1])
    rows = group_queries.founding_choices(store)
    assert rows[0].used_by == "AG Pflege"
    assert rows[0].text.endswith("– Gründung von AG Pflege")
    assert group_queries.suggested_founding(rows) is None


# --- operations compose in one transaction ----------------------------------------------------


def test_operations_compose_in_the_callers_session(store: Store) -> None:
    """Given a Session, founding and seating are one transaction: all written, or nothing."""
    item = plenary_with_resolution(store, datetime(2026, 7, 8, 10, 0))
    huber = add_person(store, last="Huber", first="Anna", ags="09175")

    def found_and_seat_then_fail() -> None:
        with store.session() as s:
            gid = committees.found_group(s, GroupInput(name="AG Wohnen", founding_agenda_item_id=item))
            committees.add_member(s, gid, huber, "sprecher", date(2026, 7, 8))
            # a later step of the same transaction fails: the group and the seat go with it
            committees.add_member(s, gid, huber, "sprecher", date(2026, 7, 8))

    with pytest.raises(ValidationError, match="bereits"):
        found_and_seat_then_fail()
    assert [r.name for r in group_queries.list_groups(store)] == []

    with store.session() as s:
        gid = committees.found_group(s, GroupInput(name="AG Wohnen", founding_agenda_item_id=item))
        committees.add_member(s, gid, huber, "sprecher", date(2026, 7, 8))
    ov = group_queries.group_overview(store, gid)
    assert ov.lead == "Anna Huber"


def test_unknown_records_say_which_one_in_german(store: Store) -> None:
    with pytest.raises(UserError, match=r"^Das Gremium Nr\. 999 gibt es nicht\.$"):
        group_queries.group_overview(store, 999)
    with pytest.raises(UserError, match=r"^Das Mandat Nr\. 999 gibt es nicht\.$"):
        committees.end_membership(store, 999, TODAY)
    gid = found_group(store)
    with pytest.raises(UserError, match=r"^Die Person Nr\. 999 gibt es nicht\.$"):
        committees.add_member(store, gid, 999)
