"""The checks of the Geschäftsordnung (``bezag check`` and the Übersicht) and the file's integrity."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from factories import (
    add_agenda_item,
    add_chair,
    add_group,
    add_mandate,
    add_meeting,
    add_person,
    body_ids,
    plenum_id,
    record_invitation,
    seat_plenary,
)
from querycount import count_queries

from bezag_desktop.domain.findings import Ref
from bezag_desktop.services import checks
from bezag_desktop.services.settings import get_rules, save_rules
from bezag_desktop.services.store import Store, open_store

TODAY = date(2026, 11, 21)


def _codes(found: list[checks.Finding]) -> list[str]:
    return [w.code for w in found]


def _only(found: list[checks.Finding], code: str) -> list[checks.Finding]:
    return [w for w in found if w.code == code]


def _set_rules(store: Store, **changes: object) -> None:
    save_rules(store, replace(get_rules(store), **changes))  # type: ignore[arg-type]


@pytest.fixture
def staffed(store: Store) -> Store:
    """Every body represented, both chairs in office, two plenary meetings this year: nothing to warn about."""
    seat_plenary(store)
    bezirk = add_person(store, first="Maria", last="Pröbstl", title="Dr.")
    kommunen = add_person(store, first="Josef", last="Mößmer")
    add_chair(store, side="bezirk", person_id=bezirk, start=date(2025, 1, 13), end=None)
    add_chair(store, side="kommunen", person_id=kommunen, start=date(2025, 1, 30), end=date(2028, 1, 29))
    add_meeting(store, datetime(2026, 1, 30, 10), status="protokoll_genehmigt")
    add_meeting(store, datetime(2026, 7, 8, 10), status="durchgefuehrt")
    return store


def test_staffed_database_has_no_warnings(staffed: Store) -> None:
    assert checks.collect_warnings(staffed, TODAY) == []


def test_fresh_database_warns_about_everything_missing(store: Store) -> None:
    found = checks.collect_warnings(store, TODAY)
    plenary = _only(found, "too_few_plenary_meetings")
    assert [w.level for w in plenary] == ["warnung"]
    assert plenary[0].text.startswith("2026: Bisher ist keine Plenarsitzung erfasst")
    vacant = _only(found, "chair_vacant")
    assert [(w.text.split(":")[0], w.action) for w in vacant] == [
        ("Vorsitz Bezirk", None),
        ("Vorsitz Landkreise/Städte", "election"),
    ]
    unrepresented = _only(found, "body_without_representation")
    assert len(unrepresented) == 24
    assert (
        unrepresented[0].text == "Bezirk Oberbayern hat derzeit weder ein Mitglied noch eine Stellvertretung entsandt."
    )
    assert {w.action for w in unrepresented} == {"body"}
    assert {w.ref.kind for w in unrepresented if w.ref is not None} == {"body"}
    plenum = Ref.committee(plenum_id(store))
    assert [w.ref for w in vacant] == [plenum, plenum]
    assert [w.ref for w in plenary] == [plenum]
    assert all(w.level == "warnung" for w in found)


def test_representation_counts_only_current_plenary_mandates(store: Store) -> None:
    a, b, c, d = body_ids(store)[:4]
    seat_plenary(store, skip=frozenset({a, b, c, d}))
    add_mandate(
        store, person_id=add_person(store, first="Anna", last="Huber"), body_id=a, role="mitglied"
    )  # a: member only
    add_mandate(
        store, person_id=add_person(store, first="Jonas", last="Weiß"), body_id=b, role="stellvertretung"
    )  # b: deputy only
    # c: both, but the member's mandate ended yesterday and the deputy's starts tomorrow
    add_mandate(
        store, person_id=add_person(store, first="Eva", last="Alt"), body_id=c, role="mitglied", end=date(2026, 11, 20)
    )
    add_mandate(
        store,
        person_id=add_person(store, first="Ole", last="Neu"),
        body_id=c,
        role="stellvertretung",
        start=date(2026, 11, 22),
    )
    # d: member and deputy in a working group only
    group = add_group(store)
    add_mandate(
        store, person_id=add_person(store, first="Uwe", last="Gruppe"), body_id=d, role="mitglied", committee_id=group
    )
    add_mandate(
        store,
        person_id=add_person(store, first="Ute", last="Gruppe"),
        body_id=d,
        role="stellvertretung",
        committee_id=group,
    )
    found = [w for w in checks.collect_warnings(store, TODAY) if w.area == "vertretungen"]
    by_body = {w.ref.id: (w.level, w.code) for w in found if w.ref is not None and w.ref.kind == "body"}
    assert by_body == {
        a: ("hinweis", "body_without_deputy"),
        b: ("warnung", "body_without_member"),
        c: ("warnung", "body_without_representation"),
        d: ("warnung", "body_without_representation"),
    }


def test_mandate_ending_today_is_still_current(store: Store) -> None:
    first = body_ids(store)[0]
    seat_plenary(store, skip=frozenset({first}))
    add_mandate(store, person_id=add_person(store), body_id=first, role="mitglied", end=TODAY)
    add_mandate(
        store, person_id=add_person(store, first="Jonas", last="Weiß"), body_id=first, role="stellvertretung", end=TODAY
    )
    assert not [w for w in checks.collect_warnings(store, TODAY) if w.area == "vertretungen"]
    later = checks.collect_warnings(store, date(2026, 11, 22))
    assert [w.ref for w in later if w.area == "vertretungen"] == [Ref.body(first)]


def test_year_with_one_plenary_meeting_warns_and_settings_apply_at_once(staffed: Store) -> None:
    store = staffed
    add_meeting(store, datetime(2025, 3, 12, 10), status="durchgefuehrt")
    add_meeting(store, datetime(2025, 10, 1, 10), status="abgesagt")  # cancelled: does not count
    group = add_group(store)
    add_meeting(store, datetime(2025, 6, 1, 10), committee_id=group, status="durchgefuehrt")  # not plenary
    add_meeting(store, datetime(2027, 3, 10, 10))
    found = _only(checks.collect_warnings(store, TODAY), "too_few_plenary_meetings")
    assert [(w.level, w.text.split(":")[0]) for w in found] == [("warnung", "2025"), ("hinweis", "2027")]
    assert found[0].text == (
        "2025: Es fand nur eine Plenarsitzung statt; die Geschäftsordnung verlangt mindestens 2 Plenarsitzungen im Jahr."
    )
    assert found[1].text.startswith("2027: Bisher ist erst eine Plenarsitzung geplant")

    _set_rules(store, min_plenary_meetings_per_year=1)
    assert _only(checks.collect_warnings(store, TODAY), "too_few_plenary_meetings") == []
    _set_rules(store, min_plenary_meetings_per_year=3)
    years = [w.text[:4] for w in _only(checks.collect_warnings(store, TODAY), "too_few_plenary_meetings")]
    assert years == ["2025", "2026", "2027"]


def test_past_year_without_meetings_between_is_reported(staffed: Store) -> None:
    add_meeting(staffed, datetime(2024, 2, 1, 10), status="durchgefuehrt")
    add_meeting(staffed, datetime(2024, 9, 1, 10), status="durchgefuehrt")
    texts = [w.text for w in _only(checks.collect_warnings(staffed, TODAY), "too_few_plenary_meetings")]
    assert texts == [
        "2025: Es fand keine Plenarsitzung statt; die Geschäftsordnung verlangt mindestens 2 Plenarsitzungen im Jahr."
    ]


def test_chair_term_ending_within_warning_period(staffed: Store) -> None:
    store = staffed
    # Replace the Kommunen chair by one whose term ends on 31.01.2027 (within 3 months of 21.11.2026).
    with store.session() as s:
        from bezag_desktop.db.models import ChairTerm

        s.query(ChairTerm).filter(ChairTerm.side == "kommunen").delete()
    person = add_person(store, first="Josef", last="Mößmer")
    add_chair(store, side="kommunen", person_id=person, start=date(2024, 2, 1), end=date(2027, 1, 31))
    found = _only(checks.collect_warnings(store, TODAY), "chair_term_ending")
    assert len(found) == 1
    w = found[0]
    assert (w.level, w.area, w.action, w.ref) == ("warnung", "vorsitz", "election", Ref.person(person))
    assert w.text == (
        "Vorsitz Landkreise/Städte: Die Amtszeit von Josef Mößmer endet am 31.01.2027. Die Wahl der Nachfolge steht an."
    )
    # Two months of warning: the end is still more than two months away.
    _set_rules(store, chair_warning_months=2)
    assert _only(checks.collect_warnings(store, TODAY), "chair_term_ending") == []
    _set_rules(store, chair_warning_months=3)

    # An election item on a coming plenary meeting turns the warning into a note without action.
    meeting = add_meeting(store, datetime(2026, 12, 10, 10))
    add_agenda_item(store, meeting_id=meeting, title="Wahl des Vorsitzes", kind="wahl", number="5")
    found = checks.collect_warnings(store, TODAY)
    assert _only(found, "chair_term_ending") == []
    note = _only(found, "chair_election_scheduled")
    assert len(note) == 1
    assert note[0].level == "hinweis"
    assert note[0].action is None
    assert note[0].ref == Ref.person(person)
    assert "Sitzung vom 10.12.2026 (TOP 5)" in note[0].text

    # An elected successor ends the matter.
    add_chair(
        store,
        side="kommunen",
        person_id=add_person(store, first="Lena", last="Nachfolgerin"),
        start=date(2027, 2, 1),
        end=date(2030, 1, 31),
    )
    assert [w for w in checks.collect_warnings(store, TODAY) if w.area == "vorsitz"] == []


def test_bezirk_chair_ending_has_no_election_action(staffed: Store) -> None:
    with staffed.session() as s:
        from bezag_desktop.db.models import ChairTerm

        s.query(ChairTerm).filter(ChairTerm.side == "bezirk").update({"end_date": date(2026, 12, 31)})
    found = _only(checks.collect_warnings(staffed, TODAY), "chair_term_ending")
    assert [(w.action, w.text.endswith("Der Bezirk benennt die Nachfolge.")) for w in found] == [(None, True)]


def test_uninvited_meetings_inside_notice_period(staffed: Store) -> None:
    store = staffed
    late = add_meeting(store, datetime(2026, 11, 30, 10))  # deadline 16.11.: missed
    soon = add_meeting(store, datetime(2026, 12, 10, 10))  # deadline 26.11.: in five days
    later = add_meeting(store, datetime(2027, 3, 10, 10))  # deadline far away
    invited = add_meeting(store, datetime(2026, 11, 28, 10))
    record_invitation(store, invited)
    found = checks.collect_warnings(store, TODAY)
    assert [(w.code, w.level, w.ref) for w in found if w.area == "sitzungen"] == [
        ("not_invited", "warnung", Ref.meeting(late)),
        ("invite_soon", "hinweis", Ref.meeting(soon)),
    ]
    text = _only(found, "not_invited")[0].text
    assert text == (
        "Die Sitzung „3. Sitzung 2026“ (Bezirksarbeitsgemeinschaft Sozialplanung) am 30.11.2026 ist noch nicht "
        "eingeladen; die Ladungsfrist von 14 Tagen ist nicht mehr einzuhalten (Einladung bis 16.11.2026, "
        "die Sitzung ist in 9 Tagen)."
    )
    assert Ref.meeting(later) not in [w.ref for w in found]
    # A longer notice period (read on every call) makes the December meeting late as well.
    _set_rules(store, notice_period_days=30)
    late_refs = [w.ref for w in _only(checks.collect_warnings(store, TODAY), "not_invited")]
    assert late_refs == [Ref.meeting(late), Ref.meeting(soon)]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (13, ("warnung", "not_invited", "die Ladungsfrist von 14 Tagen ist nicht mehr einzuhalten")),
        (14, ("warnung", "invite_soon", "die Einladung muss bis heute (21.11.2026) hinausgehen")),
        (15, ("hinweis", "invite_soon", "die Einladung muss bis 22.11.2026 hinausgehen")),
    ],
)
def test_notice_boundary(staffed: Store, days: int, expected: tuple[str, str, str]) -> None:
    meeting = add_meeting(staffed, datetime.combine(TODAY + timedelta(days=days), time(10)))
    found = [w for w in checks.collect_warnings(staffed, TODAY) if w.ref == Ref.meeting(meeting)]
    level, code, words = expected
    assert [(w.level, w.code) for w in found] == [(level, code)]
    assert words in found[0].text


def test_custom_title_is_used(staffed: Store) -> None:
    meeting = add_meeting(staffed, datetime(2026, 11, 30, 10), title="Klausurtagung")
    add_meeting(staffed, datetime(2026, 11, 30, 11))
    found = checks.findings_about(staffed, Ref.meeting(meeting), TODAY)
    assert [w.code for w in found] == ["not_invited"]
    assert found[0].text.startswith("Die Sitzung „Klausurtagung“ (Bezirksarbeitsgemeinschaft Sozialplanung)")
    overlap = _only(checks.collect_warnings(staffed, TODAY), "overlap")
    assert "„Klausurtagung“ (30.11.2026, 10:00 Uhr) und „4. Sitzung 2026“ (30.11.2026, 11:00 Uhr)" in overlap[0].text


def test_overlapping_meetings_of_one_committee(staffed: Store) -> None:
    store = staffed
    group = add_group(store)
    first = add_meeting(store, datetime(2026, 12, 3, 10), hours=3)
    second = add_meeting(store, datetime(2026, 12, 3, 11), hours=1.5)  # overlaps the first
    add_meeting(store, datetime(2026, 12, 3, 13), hours=1)  # starts when the first ends: fine
    add_meeting(store, datetime(2026, 12, 3, 10), committee_id=group)  # another committee: fine
    add_meeting(store, datetime(2026, 12, 3, 11), status="abgesagt")  # cancelled: fine
    found = _only(checks.collect_warnings(store, TODAY), "overlap")
    assert [w.ref for w in found] == [Ref.meeting(second)]
    assert "überschneiden sich" in found[0].text
    assert first != second


def test_past_meeting_still_open_is_noted(staffed: Store) -> None:
    old = add_meeting(staffed, datetime(2026, 10, 1, 10), status="eingeladen")
    found = _only(checks.collect_warnings(staffed, TODAY), "past_meeting_open")
    assert [(w.level, w.ref) for w in found] == [("hinweis", Ref.meeting(old))]
    assert "noch als „eingeladen“ erfasst" in found[0].text


def test_warnings_come_before_notes(store: Store) -> None:
    add_meeting(store, datetime(2026, 10, 1, 10), status="eingeladen")
    levels = [w.level for w in checks.collect_warnings(store, TODAY)]
    assert levels == sorted(levels, key=lambda lvl: lvl != "warnung")
    assert "hinweis" in levels
    assert "warnung" in levels


def test_query_count_does_not_grow_with_rows(store: Store) -> None:
    with count_queries(store.engine) as few:
        checks.collect_warnings(store, TODAY)
    seat_plenary(store)
    for month in range(1, 13):
        add_meeting(store, datetime(2026, month, 3, 10))
        add_meeting(store, datetime(2026, month, 3, 11))  # overlapping, all reported
    add_chair(store, side="kommunen", person_id=add_person(store), start=date(2024, 2, 1), end=date(2027, 1, 31))
    with count_queries(store.engine) as many:
        found = checks.collect_warnings(store, TODAY)
    assert len(_only(found, "overlap")) == 12
    assert many.count == few.count, many


def test_to_json_uses_codes() -> None:
    w = checks.Finding("warnung", "vorsitz", "chair_term_ending", "Text", "election", Ref.person(3))
    assert w.to_json() == {
        "level": "warnung",
        "area": "vorsitz",
        "code": "chair_term_ending",
        "text": "Text",
        "action": "election",
        "ref": {"kind": "person", "id": 3},
    }
    assert (w.level_label, w.area_label) == ("Warnung", "Vorsitz")


def test_integrity_ok_and_dangling_reference(store: Store, db_path: Path) -> None:
    assert checks.integrity(store).ok
    store.close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute(
        "INSERT INTO memberships (person_id, committee_id, role, voting_right, notes) VALUES (999, 1, 'mitglied', 1, '')"
    )
    con.commit()
    con.close()
    with open_store(db_path, read_only=True) as ro:
        report = checks.integrity(ro)
    assert not report.ok
    assert report.problems == ("Tabelle memberships, Zeile 1: verweist auf einen fehlenden Eintrag in persons.",)


def test_invitation_cancellation_and_overlaps_change_the_findings(staffed: Store) -> None:
    soon = add_meeting(staffed, datetime(2026, 11, 30, 10))
    assert [w.code for w in checks.findings_about(staffed, Ref.meeting(soon), TODAY)] == ["not_invited"]
    record_invitation(staffed, soon)
    assert checks.findings_about(staffed, Ref.meeting(soon), TODAY) == []
    # two overlapping plenary meetings in 2027 both count towards the minimum
    add_meeting(staffed, datetime(2027, 3, 1, 10))
    clash = add_meeting(staffed, datetime(2027, 3, 1, 12))
    found = checks.collect_warnings(staffed, TODAY)
    assert _only(found, "too_few_plenary_meetings") == []
    assert [w.ref for w in _only(found, "overlap")] == [Ref.meeting(clash)]
    with staffed.session() as s:
        from bezag_desktop.db.models import Meeting

        meeting = s.get(Meeting, clash)
        assert meeting is not None
        meeting.status = "abgesagt"
    found = checks.collect_warnings(staffed, TODAY)
    assert _only(found, "overlap") == []
    assert [w.text[:4] for w in _only(found, "too_few_plenary_meetings")] == ["2027"]
