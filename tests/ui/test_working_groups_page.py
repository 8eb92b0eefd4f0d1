"""The Arbeitsgruppen page on demo data, driven through its real widgets with pytest-qt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from factories import found_group, plenum_id
from PySide6.QtCore import QDate, QDateTime, QTime
from ui_helpers import click_ok, when_modal

from bezag_desktop.services import meetings
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.groups import rows as group_rows
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.group_dialog import DateDialog, GroupDialog, ReportDialog
from bezag_desktop.ui.dialogs.group_member_dialog import EndSeatDialog, MemberDialog, RoleDialog
from bezag_desktop.ui.dialogs.meeting_editor import MeetingEditor
from bezag_desktop.ui.pages.working_groups import WorkingGroupsPage

Answer = Callable[..., list[tuple[str, str, str]]]


def _page(qtbot: Any, store: Store) -> WorkingGroupsPage:
    page = WorkingGroupsPage(UiContext(store))
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.refresh()
    return page


def _held_resolution(store: Store) -> group_rows.ResolutionRow:
    today = date(2026, 11, 21)
    return next(r for r in group_queries.founding_choices(store) if r.meeting_date < today)


def _model_texts(model: Any, column: int = 0) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _add_member(
    page: WorkingGroupsPage, source: str, pick: Callable[[group_rows.CandidateRow], bool], role: str
) -> Any:
    chosen: dict[str, group_rows.CandidateRow] = {}

    def fill(d: MemberDialog) -> None:
        d.set_source(source)
        candidate = next(c for c in d.model.rows if pick(c))
        chosen["row"] = candidate
        assert d.select_person(candidate.person_id)
        d.role_combo.setCurrentIndex(d.role_combo.findData(role))
        click_ok(d)

    driver = when_modal(MemberDialog, fill)
    page.add_member_button.click()
    driver.check()
    return chosen["row"]


def test_demo_groups_are_listed_with_their_details(qtbot: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    names = _model_texts(page.groups_model)
    assert sum(1 for g in page.groups if g.kind == "arbeitsgruppe") >= 3
    assert all(name in names for name in (g.name for g in page.groups if g.dissolved is None))
    assert page.selected_group() is not None
    ov = page.overview
    assert ov is not None
    assert page.heading.text().startswith(ov.name)
    assert page.members_model.rowCount() == len(ov.current_members) > 0
    assert page.meetings_model.rowCount() == len(ov.meetings) > 0


def test_found_members_meeting_attendance_report_and_dissolve(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer(confirm=True)
    page = _page(qtbot, demo_store)
    resolution = _held_resolution(demo_store)

    # --- found the group from a plenary resolution (Ctrl+N opens the same dialog)
    def fill_group(d: GroupDialog) -> None:
        d.name_edit.setText("AG Fachkräftesicherung")
        d.topic_edit.setText("Fachkräftemangel in der sozialen Arbeit")
        d.goal_edit.setPlainText("Bis Ende 2027 gemeinsame Maßnahmen zur Gewinnung von Fachkräften vorschlagen.")
        assert d.select_resolution(resolution.agenda_item_id)
        # the founding day follows the resolution's meeting
        assert d.founded_edit.date() == QDate(
            resolution.meeting_date.year, resolution.meeting_date.month, resolution.meeting_date.day
        )
        click_ok(d)

    driver = when_modal(GroupDialog, fill_group)
    page.new_button.click()
    driver.check()
    group = page.selected_group()
    assert group is not None
    assert group.name == "AG Fachkräftesicherung"
    assert "AG Fachkräftesicherung" in _model_texts(page.groups_model)
    assert resolution.title in page.labels["founding"].text()
    assert "Fachkräften vorschlagen" in page.labels["goal"].text()

    # --- two representatives of member bodies and one partner contact
    first = _add_member(page, "body", lambda c: c.plenum_role == "mitglied", "sprecher")
    second = _add_member(
        page, "body", lambda c: c.plenum_role == "mitglied" and c.organisation != first.organisation, "mitglied"
    )
    partner = _add_member(page, "partner", lambda _c: True, "mitglied")
    assert page.members_model.rowCount() == 3
    rows = {m.person: m for m in page.members_model.rows}
    assert rows[first.name].role_label == "Sprecher/in"
    assert rows[partner.name].organisation_kind_label == "Netzwerkpartner"
    assert rows[second.name].organisation == second.organisation
    assert page.labels["lead"].text() == first.name

    # --- the same seat twice at the same time is refused, in German, and the dialog stays open
    shown.clear()

    def fill_twice(d: MemberDialog) -> None:
        d.set_source("body")
        assert d.select_person(second.person_id)
        click_ok(d)
        assert d.isVisible()  # still open after the refusal
        d.tracker.mark_clean()  # Abbrechen without the unsaved-changes question (tested in test_editors_unsaved)
        d.reject()

    driver = when_modal(MemberDialog, fill_twice)
    page.add_member_button.click()
    driver.check()
    assert any(kind == "error" and "zweimal zur gleichen Zeit" in text for kind, _t, text in shown)
    assert page.members_model.rowCount() == 3

    # --- its first meeting, planned in the meeting editor, and the attendance recorded there
    planned: dict[str, int] = {}

    def fill_meeting(d: MeetingEditor) -> None:
        assert d.committee_combo.currentData() == group.id
        d.start_edit.setDateTime(QDateTime(QDate(2026, 12, 15), QTime(14, 0)))
        d.end_edit.setDateTime(QDateTime(QDate(2026, 12, 15), QTime(16, 0)))
        d.location_name_edit.setText("Landratsamt Ebersberg")
        d.save_button.click()
        assert d.meeting_id is not None
        planned["id"] = d.meeting_id
        d.build_button.click()
        assert d.attendance_model.rowCount() == 3
        for row in list(d.attendance_model.rows):
            assert d.attendance_table.select_where(lambda r, pid=row.person_id: r.person_id == pid)
            d.set_attendance_status("entschuldigt" if row.person == partner.name else "anwesend")
        d.close_button.click()

    driver = when_modal(MeetingEditor, fill_meeting)
    page.plan_button.click()
    driver.check()
    mid = planned["id"]
    statuses = {r.person: r.status for r in meetings.meeting_detail(demo_store, mid).attendance}
    assert statuses == {first.name: "anwesend", second.name: "anwesend", partner.name: "entschuldigt"}
    assert page.overview is not None
    assert page.overview.next_meeting is not None
    assert page.overview.next_meeting.id == mid
    assert "15.12.2026" in page.labels["next_meeting"].text()
    assert _model_texts(page.meetings_model, 3) == ["2 von 3 anwesend"]

    # --- status report to the next plenary meeting
    def fill_report(d: ReportDialog) -> None:
        assert d.meeting_combo.count() > 0
        d.text_edit.setPlainText("Konstituierende Sitzung am 15.12.2026 vorbereitet.")
        click_ok(d)

    driver = when_modal(ReportDialog, fill_report)
    page.report_button.click()
    driver.check()
    assert "Konstituierende Sitzung" in page.labels["last_report"].text()
    assert page.reports_model.rowCount() == 1

    # --- dissolve: with confirmation; history kept
    shown.clear()

    def fill_date(d: DateDialog) -> None:
        d.date_edit.setDate(QDate(2026, 12, 31))
        click_ok(d)

    driver = when_modal(DateDialog, fill_date)
    page.dissolve_button.click()
    driver.check()
    assert any(kind == "confirm" and "31.12.2026" in text for kind, _t, text in shown)
    ov = page.overview
    assert ov is not None
    assert ov.id == group.id
    assert ov.dissolved == date(2026, 12, 31)
    assert "aufgelöst zum 31.12.2026" in page.heading.text()
    assert {m.end for m in page.members_model.rows} == {date(2026, 12, 31)}

    # in January the group is history: not active, no current members, everything kept
    monkeypatch.setenv("BEZAG_TODAY", "2027-01-15")
    page.refresh()
    assert "AG Fachkräftesicherung" not in _model_texts(page.groups_model)
    page.status_combo.setCurrentIndex(page.status_combo.findData("dissolved"))
    assert _model_texts(page.groups_model) == ["AG Fachkräftesicherung"]
    assert page.select_group(group.id)
    assert not page.add_member_button.isEnabled()
    assert page.dissolve_button.text() == "Auflösung zurücknehmen …"
    assert page.members_model.rowCount() == 0
    page.history_check.setChecked(True)
    assert sorted(m.person for m in page.members_model.rows) == sorted([first.name, second.name, partner.name])
    assert page.meetings_model.rowCount() == 1
    assert page.reports_model.rowCount() == 1
    assert resolution.title in page.labels["founding"].text()


def test_role_change_and_end_seat(qtbot: Any, store: Store, answer: Answer) -> None:
    answer(confirm=True)
    from factories import add_person

    gid = found_group(store, "AG Wohnungslosenhilfe")
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    weiss = add_person(store, last="Weiß", first="Jonas", ags="09162")
    committees.add_member(store, gid, huber, "mitglied", date(2026, 7, 8))
    committees.add_member(store, gid, weiss, "mitglied", date(2026, 7, 8))
    page = _page(qtbot, store)
    assert page.select_group(gid)
    assert page.members_table.select_where(lambda m: m.person == "Anna Huber")

    def fill_role(d: RoleDialog) -> None:
        d.role_combo.setCurrentIndex(d.role_combo.findData("sprecher"))
        d.on_edit.setDate(QDate(2026, 11, 21))
        click_ok(d)

    driver = when_modal(RoleDialog, fill_role)
    page.role_button.click()
    driver.check()
    assert page.labels["lead"].text() == "Anna Huber"

    assert page.members_table.select_where(lambda m: m.person == "Jonas Weiß")

    def fill_end(d: EndSeatDialog) -> None:
        d.end_edit.setDate(QDate(2026, 11, 20))
        click_ok(d)

    driver = when_modal(EndSeatDialog, fill_end)
    page.end_seat_button.click()
    driver.check()
    assert [m.person for m in page.members_model.rows] == ["Anna Huber"]
    page.history_check.setChecked(True)
    persons = sorted((m.person, m.role) for m in page.members_model.rows)
    assert persons == [("Anna Huber", "mitglied"), ("Anna Huber", "sprecher"), ("Jonas Weiß", "mitglied")]


def test_reports_to_next_plenary_agenda(qtbot: Any, store: Store, answer: Answer) -> None:
    shown = answer(confirm=True)
    page = _page(qtbot, store)
    page.agenda_button.click()
    assert any(kind == "info" and "keine Plenarsitzung geplant" in text for kind, _t, text in shown)
    found_group(store, "AG Wohnungslosenhilfe")
    mid = meetings.create_meeting(
        store,
        meetings.MeetingInput(
            committee_id=plenum_id(store), start=datetime(2026, 12, 10, 10), end=datetime(2026, 12, 10, 13)
        ),
    )
    shown.clear()
    page.agenda_button.click()
    assert any(kind == "info" and "1 Tagesordnungspunkt" in text for kind, _t, text in shown)
    titles = [a.title for a in meetings.meeting_detail(store, mid).agenda]
    assert "Bericht aus der AG Wohnungslosenhilfe" in titles
    shown.clear()
    page.agenda_button.click()
    assert any("bereits auf der Tagesordnung" in text for _k, _t, text in shown)


def test_group_dialog_refuses_without_resolution(qtbot: Any, store: Store, answer: Answer) -> None:
    shown = answer()
    dialog = GroupDialog(UiContext(store))
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("AG Ohne Beschluss")
    dialog.resolution_combo.setCurrentIndex(0)
    dialog.accept()
    assert dialog.result_id is None
    assert any("Beschluss des Plenums" in text for _k, _t, text in shown)


def test_read_only_disables_changes(qtbot: Any, demo_db_path: Any) -> None:
    from bezag_desktop.services.store import open_store

    ro = open_store(demo_db_path, read_only=True)
    try:
        page = _page(qtbot, ro)
        assert not page.new_button.isEnabled()
        assert not page.add_member_button.isEnabled()
        assert page.groups_model.rowCount() >= 3
    finally:
        ro.close()


@pytest.mark.parametrize("model_name", ["groups_model", "members_model", "meetings_model"])
def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, demo_store: Store, model_name: str) -> None:
    page = _page(qtbot, demo_store)
    qtmodeltester.check(getattr(page, model_name))


@pytest.mark.parametrize(
    ("choice", "expected_lead", "still_seated"),
    [(0, "", False), (1, "Max Berger", False), (2, "Anna Huber", True)],
    ids=["beenden", "uebergeben", "behalten"],
)
def test_ending_a_body_mandate_asks_about_group_seats(
    qtbot: Any, store: Store, answer: Answer, choice: int, expected_lead: str, still_seated: bool
) -> None:
    from factories import add_person, body_id

    from bezag_desktop.ui.dialogs.group_member_dialog import ask_group_seats_after_mandate_end

    shown = answer(choice=choice)
    gid = found_group(store, "AG Wohnungslosenhilfe")
    huber = add_person(store, last="Huber", first="Anna", ags="09175")
    berger = add_person(store, last="Berger", first="Max", ags="09175")
    committees.add_member(store, gid, huber, "sprecher", date(2026, 7, 8))
    ctx = UiContext(store)
    result = ask_group_seats_after_mandate_end(
        None,
        ctx,
        huber,
        date(2026, 11, 30),
        body_id=body_id(store, "09175"),
        successor_id=berger,
        successor_name="Max Berger",
    )
    question = [text for kind, _t, text in shown if kind == "choice"]
    assert len(question) == 1
    assert "AG Wohnungslosenhilfe (Sprecher/in, 08.07.2026 bis offen)" in question[0]
    assert "30.11.2026" in question[0]
    row = next(r for r in group_queries.list_committees(store, on=date(2026, 12, 1)) if r.id == gid)
    assert row.lead == expected_lead
    assert (result is None) == still_seated
    # without running seats nothing is asked
    shown.clear()
    nobody = add_person(store, last="Ohne", first="Sitz", ags="09162")
    assert ask_group_seats_after_mandate_end(None, ctx, nobody, date(2026, 11, 30)) is None
    assert shown == []


def _demo_speaker(store: Store, group_name: str) -> tuple[int, group_rows.MemberRow]:
    """The group's lead, who also holds a current plenary mandate of a body (member or deputy: demo data)."""
    from bezag_desktop.services.representation import bodies

    group = next(g for g in group_queries.list_groups(store) if g.name == group_name)
    lead = next(m for m in group.members if m.role == "sprecher")
    body = next(
        b for b in bodies.list_bodies(store) if any(m.person_id == lead.person_id for m in (*b.members, *b.deputies))
    )
    return body.id, lead


@pytest.mark.parametrize("successor_already_sits", [False, True], ids=["frei", "schon-mitglied"])
def test_handover_on_the_bodies_page_passes_the_group_seats_on(
    qtbot: Any, demo_store: Store, answer: Answer, successor_already_sits: bool
) -> None:
    """Issue 5 through the Nachfolge path of Körperschaften & Vertretungen (not only „Mandat beenden“)."""
    from bezag_desktop.services.representation import bodies, people
    from bezag_desktop.ui.dialogs.mandate_dialog import HandoverDialog
    from bezag_desktop.ui.pages.bodies import BodiesPage

    shown = answer(confirm=True, choice=1)  # "an … übergeben"
    body_id, lead = _demo_speaker(demo_store, "AG Wohnungslosenhilfe")
    gid = next(g.id for g in group_queries.list_groups(demo_store) if g.name == "AG Wohnungslosenhilfe")
    mandate = next(
        m
        for b in bodies.list_bodies(demo_store)
        if b.id == body_id
        for m in (*b.members, *b.deputies)
        if m.person_id == lead.person_id
    )
    successor = people.create_person(
        demo_store, people.PersonInput(last_name="Nachfolger", first_name="Nina", body_id=body_id)
    ).id
    if successor_already_sits:
        committees.add_member(demo_store, gid, successor, "mitglied", date(2026, 11, 21))

    page = BodiesPage(UiContext(demo_store))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.body_table.select_where(lambda b: b.id == body_id)
    assert page.history_table.select_where(lambda m: m.id == mandate.membership_id)

    def fill(d: HandoverDialog) -> None:
        assert d.picker.select(successor)
        d.start_edit.setDate(QDate(2026, 12, 1))
        click_ok(d)

    driver = when_modal(HandoverDialog, fill)
    page.handover_button.click()
    driver.check()

    [question] = [text for kind, title, text in shown if kind == "choice" and title == "Sitze in Arbeitsgruppen"]
    assert lead.person in question
    assert "AG Wohnungslosenhilfe (Sprecher/in" in question
    assert "30.11.2026" in question
    # the old seat ends with the mandate in every case
    assert group_queries.group_seats_of(demo_store, lead.person_id, date(2026, 12, 1)) == []
    row = next(g for g in group_queries.list_committees(demo_store, date(2026, 12, 1)) if g.id == gid)
    seats = [(m.person, m.role) for m in row.members if m.person_id == successor]
    if successor_already_sits:
        assert seats == [("Nina Nachfolger", "mitglied")]
        assert row.lead == ""
        assert any(kind == "warning" and "Nicht übergeben" in text for kind, _t, text in shown)
    else:
        assert seats == [("Nina Nachfolger", "sprecher")]
        assert row.lead == "Nina Nachfolger"
        assert any(kind == "info" and "1 an die Nachfolge übergeben" in text for kind, _t, text in shown)


def test_open_meeting_from_the_group_page_records_attendance(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(confirm=True)
    page = _page(qtbot, demo_store)
    gid = next(g.id for g in group_queries.list_groups(demo_store) if g.name == "AG Wohnungslosenhilfe")
    assert page.select_group(gid)
    ov = page.overview
    assert ov is not None
    assert ov.next_meeting is not None  # the demo's invited December meeting
    target = ov.next_meeting
    assert page.meetings_table.select_where(lambda m: m.id == target.id)
    seen: dict[str, Any] = {}

    def fill(d: MeetingEditor) -> None:
        seen["id"] = d.meeting_id
        d.tabs.setCurrentIndex(2)
        if d.attendance_model.rowCount() == 0:
            d.build_button.click()
        first = d.attendance_model.rows[0]
        assert d.attendance_table.select_where(lambda r: r.person_id == first.person_id)
        d.set_attendance_status("entschuldigt")
        seen["person"] = first.person
        d.close_button.click()

    driver = when_modal(MeetingEditor, fill)
    page.open_meeting_button.click()
    driver.check()
    assert seen["id"] == target.id
    statuses = {r.person: r.status for r in meetings.meeting_detail(demo_store, target.id).attendance}
    assert statuses[seen["person"]] == "entschuldigt"
    # back on the group page, still on the same group and meeting, with the list refreshed
    assert page.overview is not None
    assert page.overview.id == gid
    selected = page.selected_meeting()
    assert selected is not None
    assert selected.id == target.id
    assert selected.listed == len(statuses)


def test_members_can_join_until_a_later_dissolution_day(qtbot: Any, store: Store, answer: Answer) -> None:
    shown = answer(confirm=True)
    from factories import add_person

    gid = found_group(store, "AG Befristet")
    committees.dissolve_group(store, gid, date(2027, 6, 30))
    add_person(store, last="Huber", first="Anna", ags="09175")
    page = _page(qtbot, store)
    assert page.select_group(gid)
    assert page.add_member_button.isEnabled()
    _add_member(page, "body", lambda c: c.name == "Anna Huber", "mitglied")
    assert [m.person for m in page.members_model.rows] == ["Anna Huber"]
    assert [m.end for m in page.members_model.rows] == [date(2027, 6, 30)]
    assert not [text for kind, _t, text in shown if kind == "error"]


def test_report_items_message_names_items_and_presenters(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True)
    page = _page(qtbot, demo_store)
    page.agenda_button.click()
    [text] = [text for kind, _t, text in shown if kind == "info"]
    active = [g for g in group_queries.list_groups(demo_store) if g.dissolved is None]
    assert text.startswith(f"{len(active)} Tagesordnungspunkt(e)")
    for g in active:
        assert f"{group_queries.report_item_title(g.name, g.kind)} ({g.lead})" in text


def test_long_last_report_is_shortened_in_the_profile() -> None:
    from bezag_desktop.ui.pages.working_groups import _excerpt

    assert _excerpt("kurz\nund gut") == "kurz und gut"
    long = "Wort " * 100
    assert len(_excerpt(long)) == 280
    assert _excerpt(long).endswith("…")


def test_plan_meeting_preselects_a_group_dissolved_later(qtbot: Any, store: Store, answer: Answer) -> None:
    answer(confirm=True)
    gid = found_group(store, "AG Befristet")
    committees.dissolve_group(store, gid, date(2027, 6, 30))
    page = _page(qtbot, store)
    assert page.select_group(gid)
    assert page.plan_button.isEnabled()
    seen: dict[str, object] = {}

    def fill(d: MeetingEditor) -> None:
        seen["committee"] = d.committee_combo.currentData()
        d.reject()

    driver = when_modal(MeetingEditor, fill)
    page.plan_button.click()
    driver.check()
    assert seen["committee"] == gid
