"""The Übersicht page: counts, next meetings, the joint chair, warnings and the election action."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from factories import add_chair, add_meeting, add_person, seat_plenary
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from querycount import count_queries

from bezag_desktop.domain.findings import Ref
from bezag_desktop.services import checks
from bezag_desktop.services.store import Store, open_store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.pages.overview import WARNING_ROLE, OverviewPage

Answer = Callable[..., list[tuple[str, str, str]]]


def _page(qtbot: QtBot, store: Store) -> OverviewPage:
    page = OverviewPage(UiContext(store))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    return page


def _warning_codes(page: OverviewPage) -> list[str]:
    return [page.warnings_list.item(i).data(WARNING_ROLE).code for i in range(page.warnings_list.count())]


def test_demo_data_fills_the_page(qtbot: QtBot, demo_store: Store, qtmodeltester: Any) -> None:
    page = _page(qtbot, demo_store)
    qtmodeltester.check(page.meetings_model)
    assert page.today_label.text() == "Stand 21.11.2026"
    assert page.tiles["bodies"].number.text() == "24"
    assert int(page.tiles["persons"].number.text()) > 48
    model = page.meetings_model
    assert model.rowCount() >= 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Datum", "Uhrzeit", "Gremium", "Sitzung", "Ort", "Status"]
    for row in range(model.rowCount()):
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", model.index(row, 0).data())
        assert re.fullmatch(r"\d+\. Sitzung \d{4}", model.index(row, 3).data())
        day, month, year = map(int, model.index(row, 0).data().split("."))
        assert date(year, month, day) >= date(2026, 11, 21)
    assert "Bezirksarbeitsgemeinschaft Sozialplanung" in [model.index(r, 2).data() for r in range(model.rowCount())]
    for side in ("bezirk", "kommunen"):
        name, term = page.chair_labels[side]
        assert name.text() not in ("", "nicht besetzt")
        assert term.text().startswith("seit ")
    # The warnings list shows exactly what the checks find.
    assert _warning_codes(page) == [w.code for w in checks.collect_warnings(demo_store, date(2026, 11, 21))]
    assert [t.caption.text() for t in page.tiles.values()] == [
        "Körperschaften",
        "Personen",
        "Arbeitsgruppen",
        "Offene Aufgaben",
    ]
    # Narrow enough for the main window's default size (1200 pixels minus the navigation) without scrolling.
    assert page.minimumSizeHint().width() <= 900
    # The columns fill the table: the place takes the room left over, nothing is cut off.
    view = page.meetings_view
    widths = [view.columnWidth(c) for c in range(model.columnCount())]
    assert sum(widths) == pytest.approx(view.viewport().width(), abs=2)
    for column in range(model.columnCount()):
        if column != 4:
            assert widths[column] >= view.sizeHintForColumn(column), headers[column]


def test_fresh_database_shows_vacancies_and_coloured_warnings(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store)
    assert page.meetings_empty.isVisible()
    assert not page.meetings_view.isVisible()
    assert page.chair_labels["kommunen"][0].text() == "nicht besetzt"
    assert page.warnings_summary.text() == "27 Warnungen, keine Hinweise"
    item = page.warnings_list.item(0)
    assert item.background().color().name() == "#f8d7da"
    assert not page.election_button.isEnabled()
    assert page.select_warning("body_without_representation")
    assert page.open_button.isEnabled()
    assert not page.election_button.isEnabled()


def test_note_has_its_own_colour(qtbot: QtBot, store: Store) -> None:
    add_meeting(store, datetime(2026, 12, 10, 10))  # invite within five days: a note
    page = _page(qtbot, store)
    row = _warning_codes(page).index("invite_soon")
    assert page.warnings_list.item(row).background().color().name() == "#fff3cd"


@pytest.fixture
def chair_ending(store: Store) -> Store:
    """The Kommunen chair's term ends on 31.01.2027; the next plenary meeting is on 10.12.2026."""
    seat_plenary(store)
    add_chair(
        store,
        side="bezirk",
        person_id=add_person(store, first="Maria", last="Pröbstl", title="Dr."),
        start=date(2025, 1, 13),
        end=None,
    )
    add_chair(
        store,
        side="kommunen",
        person_id=add_person(store, first="Josef", last="Mößmer"),
        start=date(2024, 2, 1),
        end=date(2027, 1, 31),
    )
    add_meeting(store, datetime(2026, 3, 10, 10), status="durchgefuehrt")
    add_meeting(store, datetime(2026, 7, 8, 10), status="durchgefuehrt")
    add_meeting(store, datetime(2026, 12, 10, 10))
    return store


def test_election_action_puts_the_election_on_the_next_plenary(
    qtbot: QtBot, chair_ending: Store, answer: Answer
) -> None:
    shown = answer()
    page = _page(qtbot, chair_ending)
    assert page.select_warning("chair_term_ending")
    assert page.election_button.isEnabled()
    qtbot.mouseClick(page.election_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _title, _text in shown] == ["info"]
    _kind, title, text = shown[0]
    assert title == "Wahl auf die Tagesordnung gesetzt"
    assert re.search(
        r"TOP \d+ „Wahl.*“ der 3\. Sitzung 2026 \(Bezirksarbeitsgemeinschaft Sozialplanung\) am 10\.12\.2026", text
    )
    # The page reloaded: the warning became a note without an action.
    codes = _warning_codes(page)
    assert "chair_term_ending" not in codes
    assert "chair_election_scheduled" in codes
    assert page.select_warning("chair_election_scheduled")
    assert not page.election_button.isEnabled()


def test_election_action_without_a_planned_plenary(qtbot: QtBot, store: Store, answer: Answer) -> None:
    shown = answer()
    page = _page(qtbot, store)
    assert page.select_warning("chair_vacant")
    # The first vacancy is the Bezirk side (designated, no election); the second offers the election.
    page.warnings_list.setCurrentRow(_warning_codes(page).index("chair_vacant") + 1)
    assert page.election_button.isEnabled()
    page.election_action.trigger()
    assert [(k, t) for k, t, _ in shown] == [("warning", "Keine Plenarsitzung geplant")]


def test_read_only_store_disables_the_election_action(qtbot: QtBot, chair_ending: Store) -> None:
    path = chair_ending.path
    chair_ending.close()
    with open_store(path, read_only=True) as ro:
        page = _page(qtbot, ro)
        assert page.select_warning("chair_term_ending")
        assert not page.election_button.isEnabled()
        assert not page.election_action.isEnabled()
        page.close()


def test_links_to_other_pages(qtbot: QtBot, chair_ending: Store) -> None:
    late = add_meeting(chair_ending, datetime(2026, 11, 30, 10))
    page = _page(qtbot, chair_ending)
    with qtbot.waitSignal(page.navigate) as blocker:
        page.meetings_view.doubleClicked.emit(page.meetings_model.index(0, 0))
    assert blocker.args == ["meetings", late]
    assert page.select_warning("not_invited")
    with qtbot.waitSignal(page.navigate) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["meetings", late]


def test_reload_follows_data_changes(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store)
    assert page.meetings_model.rowCount() == 0
    add_meeting(store, datetime(2027, 2, 3, 10))
    page.ctx.notify("meetings")
    assert page.meetings_model.rowCount() == 1
    assert page.meetings_model.index(0, 0).data() == "03.02.2027"


def test_refresh_query_count_is_constant(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store)
    with count_queries(store.engine) as few:
        page.refresh()
    seat_plenary(store)
    for month in range(1, 13):
        add_meeting(store, datetime(2027, month, 2, 10))
    with count_queries(store.engine) as many:
        page.refresh()
    assert page.meetings_model.rowCount() == 10
    assert many.count == few.count, many


def _row_of(page: OverviewPage, meeting_id: int) -> int:
    for i in range(page.warnings_list.count()):
        w = page.warnings_list.item(i).data(WARNING_ROLE)
        if w.ref == Ref.meeting(meeting_id):
            return i
    raise AssertionError(f"no warning about meeting {meeting_id}")


@pytest.mark.parametrize(
    ("days", "colour", "words"),
    [
        (13, "#f8d7da", "die Ladungsfrist von 14 Tagen ist nicht mehr einzuhalten"),
        (14, "#f8d7da", "die Einladung muss bis heute (21.11.2026) hinausgehen"),
        (15, "#fff3cd", "die Einladung muss bis 22.11.2026 hinausgehen"),
    ],
)
def test_notice_boundary_and_open_by_ref(qtbot: QtBot, store: Store, days: int, colour: str, words: str) -> None:
    meeting = add_meeting(store, datetime.combine(date(2026, 11, 21) + timedelta(days=days), time(10)))
    page = _page(qtbot, store)
    row = _row_of(page, meeting)
    item = page.warnings_list.item(row)
    assert words in item.text()
    assert item.background().color().name() == colour
    # the same finding as bezag check's
    assert item.data(WARNING_ROLE) in checks.findings_about(store, Ref.meeting(meeting))
    page.warnings_list.setCurrentRow(row)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.navigate) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["meetings", meeting]


def test_open_follows_the_body_ref_and_not_a_person(qtbot: QtBot, chair_ending: Store) -> None:
    page = _page(qtbot, chair_ending)
    assert page.select_warning("chair_term_ending")
    assert not page.open_button.isEnabled()  # a person: no page to open, the election button helps instead
    with chair_ending.session() as s:
        from bezag_desktop.db.models import Membership

        s.query(Membership).filter(Membership.role == "stellvertretung").delete()
    page.refresh()
    assert page.select_warning("body_without_deputy")
    body = page.selected_warning()
    assert body is not None
    assert body.ref is not None
    with qtbot.waitSignal(page.navigate) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["bodies", body.ref.id]


def test_custom_title_in_meetings_and_warnings(qtbot: QtBot, store: Store) -> None:
    add_meeting(store, datetime(2026, 11, 30, 10), title="Klausurtagung")
    page = _page(qtbot, store)
    assert page.meetings_model.index(0, 3).data() == "Klausurtagung"
    texts = [page.warnings_list.item(i).text() for i in range(page.warnings_list.count())]
    assert any(t.startswith("Die Sitzung „Klausurtagung“") for t in texts)
