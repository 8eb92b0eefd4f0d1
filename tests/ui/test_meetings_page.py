"""The Sitzungen page on demo data: list with filters and warnings, year view, open action items,
and the actions Neue Sitzung, Bearbeiten, Kopieren, Absagen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from factories import new_meeting, plenum_id, record_invitation
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QShortcut
from querycount import count_queries

from bezag_desktop.domain.findings import Ref
from bezag_desktop.services import checks, meetings
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import meeting_editor
from bezag_desktop.ui.pages.meetings import TAB_ACTIONS, TAB_LIST, TAB_YEAR, MeetingsPage

Answer = Callable[..., list[tuple[str, str, str]]]


def _page(qtbot: Any, store: Store) -> MeetingsPage:
    page = MeetingsPage(UiContext(store))
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.refresh()
    return page


def _pick(combo: Any, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _ids(page: MeetingsPage) -> list[int]:
    proxy = page.table.proxy
    from bezag_desktop.ui.models.rows import ROW_ROLE

    return [proxy.data(proxy.index(r, 0), ROW_ROLE).id for r in range(proxy.rowCount())]


def test_list_shows_demo_meetings_and_filters(qtbot: Any, demo_store: Store, qtmodeltester: Any) -> None:
    page = _page(qtbot, demo_store)
    assert page.title == "Sitzungen"
    every = meetings.list_meetings(demo_store)
    assert page.model.rowCount() == len(every) >= 10
    qtmodeltester.check(page.model)
    _pick(page.committee_filter, plenum_id(demo_store))
    assert {r.committee_kind for r in page.model.rows} == {"plenum"}
    _pick(page.year_filter, 2025)
    assert {r.year for r in page.model.rows} == {2025}
    _pick(page.status_filter, "geplant")
    assert page.model.rows == []
    _pick(page.year_filter, None)
    assert [r.status for r in page.model.rows] == ["geplant"]
    # sortable: newest first by the Beginn column
    _pick(page.status_filter, None)
    page.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    starts = [meetings.meeting_detail(demo_store, i).start for i in _ids(page)]
    assert starts == sorted(starts, reverse=True)
    # the text filter
    page.table.filter_edit.setText("1. sitzung 2026")
    assert {page.table.proxy.data(page.table.proxy.index(r, 3)) for r in range(page.table.proxy.rowCount())} == {
        "1. Sitzung 2026"
    }


def test_list_query_count_does_not_grow(qtbot: Any, store: Store) -> None:
    page = _page(qtbot, store)
    with count_queries(store.engine) as few:
        page.refresh()
    for month in range(1, 13):
        new_meeting(store, datetime(2026, month, 3, 10))
    with count_queries(store.engine) as many:
        page.refresh()
    assert page.model.rowCount() == 12
    assert many.count == few.count, (few, many)


def test_warnings_are_shown_and_rows_highlighted(qtbot: Any, demo_store: Store) -> None:
    soon = new_meeting(demo_store, datetime(2026, 11, 30, 10), committee_id=plenum_id(demo_store))
    overlap = new_meeting(demo_store, datetime(2026, 11, 30, 11), committee_id=plenum_id(demo_store))
    page = _page(qtbot, demo_store)
    text = page.warnings_label.text()
    assert "ist noch nicht eingeladen; die Ladungsfrist von 14 Tagen ist nicht mehr einzuhalten" in text
    assert "(30.11.2026, 10:00 Uhr) und „" in text
    assert "überschneiden sich." in text
    assert not page.warnings_label.isHidden()
    rows = {r.id: n for n, r in enumerate(page.model.rows)}
    brush = page.model.data(page.model.index(rows[soon], 0), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color().name() == "#fff3cd"
    assert page.model.data(page.model.index(rows[overlap], 0), Qt.ItemDataRole.BackgroundRole) is not None
    record_invitation(demo_store, soon)
    meetings.cancel(demo_store, overlap)
    page.refresh()
    assert "30.11.2026 ist noch nicht eingeladen" not in page.warnings_label.text()
    assert "überschneiden sich" not in page.warnings_label.text()


def test_too_few_plenary_meetings_warning(qtbot: Any, store: Store) -> None:
    new_meeting(store, datetime(2026, 3, 4, 10))
    page = _page(qtbot, store)
    assert "2026: Bisher ist nur eine Plenarsitzung erfasst" in page.warnings_label.text()


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (
            13,
            "⚠ Die Sitzung „2. Sitzung 2026“ (Bezirksarbeitsgemeinschaft Sozialplanung) am 04.12.2026 ist noch "
            "nicht eingeladen; die Ladungsfrist von 14 Tagen ist nicht mehr einzuhalten",
        ),
        (
            14,
            "⚠ Die Sitzung „2. Sitzung 2026“ (Bezirksarbeitsgemeinschaft Sozialplanung) am 05.12.2026 ist noch "
            "nicht eingeladen; die Einladung muss bis heute (21.11.2026) hinausgehen",
        ),
        (
            15,
            "ℹ Die Sitzung „2. Sitzung 2026“ (Bezirksarbeitsgemeinschaft Sozialplanung) am 06.12.2026 ist noch "
            "nicht eingeladen; die Einladung muss bis 22.11.2026 hinausgehen",
        ),
    ],
)
def test_notice_boundary(qtbot: Any, store: Store, days: int, words: str) -> None:
    new_meeting(store, datetime(2026, 3, 4, 10))
    meeting = new_meeting(store, datetime.combine(date(2026, 11, 21) + timedelta(days=days), time(10)))
    page = _page(qtbot, store)
    assert words in page.warnings_label.text()
    # the same text as bezag check's finding about that meeting
    [finding] = checks.findings_about(store, Ref.meeting(meeting))
    assert finding.text in page.warnings_label.text()
    row = next(n for n, r in enumerate(page.model.rows) if r.id == meeting)
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    record_invitation(store, meeting)
    page.refresh()
    assert "eingeladen;" not in page.warnings_label.text()
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_year_view_by_month(qtbot: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    page.tabs.setCurrentIndex(TAB_YEAR)
    page.year_spin.setValue(2026)
    months = meetings.year_view(demo_store, 2026)
    for group, lst, box in zip(months, page.month_lists, page.month_boxes, strict=True):
        assert lst.count() == len(group.meetings)
        assert box.title().startswith(group.name)
    december = page.month_lists[11]
    assert december.count() >= 2
    assert any(
        "3. Sitzung 2026 – Bezirksarbeitsgemeinschaft Sozialplanung" in december.item(n).text()
        for n in range(december.count())
    )
    _pick(page.year_committee, plenum_id(demo_store))
    assert sum(lst.count() for lst in page.month_lists) == len(
        meetings.list_meetings(demo_store, plenum_id(demo_store), 2026)
    )


def test_open_actions_overdue_status_and_carry(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True, choice=2)
    page = _page(qtbot, demo_store)
    page.tabs.setCurrentIndex(TAB_ACTIONS)
    rows = page.actions_model.rows
    assert rows
    assert all(r.status != "erledigt" for r in rows)
    overdue = [n for n, r in enumerate(rows) if r.overdue]
    assert overdue, "die Demodaten haben überfällige Aufgaben"
    brush = page.actions_model.data(page.actions_model.index(overdue[0], 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == "#f8d7da"
    assert "überfällig" in page.overdue_label.text()
    # without a chosen task the task buttons are off (they would have nothing to act on)
    page.actions_table.view.clearSelection()
    buttons = (page.action_status_button, page.action_done_button, page.action_edit_button, page.carry_button)
    assert not any(b.isEnabled() for b in buttons)
    # status change through the choice (index 2 = erledigt)
    target = rows[overdue[0]]
    assert page.actions_table.select_where(lambda r: r.id == target.id)
    assert all(b.isEnabled() for b in buttons)
    page.action_status_button.click()
    assert all(r.id != target.id for r in page.actions_model.rows)
    page.show_done.setChecked(True)
    assert any(r.id == target.id and r.status == "erledigt" for r in page.actions_model.rows)
    page.show_done.setChecked(False)
    # carry the plenary's open items into its next meeting
    plenary = next((r for r in page.actions_model.rows if r.committee_id == plenum_id(demo_store)), None)
    assert plenary is not None
    nxt = meetings.next_meeting(demo_store, plenum_id(demo_store), date(2026, 11, 21))
    assert nxt is not None
    assert page.actions_table.select_where(lambda r: r.id == plenary.id)
    page.carry_button.click()
    assert shown[-1][1] == "Aufgaben übernommen"
    titles = [a.title for a in meetings.meeting_detail(demo_store, nxt.id).agenda]
    assert titles.count("Beschlusskontrolle") == 1
    assert next(r for r in page.actions_model.rows if r.id == plenary.id).carried_to == nxt.title


def test_new_edit_shortcuts_open_the_editor(
    qtbot: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    answer()
    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(
        meeting_editor, "ask_new", lambda _p, _c, committee_id=None: calls.append(("neu", committee_id))
    )
    monkeypatch.setattr(meeting_editor, "ask", lambda _p, _c, mid: calls.append(("bearbeiten", mid)))
    page = _page(qtbot, demo_store)
    keys = {s.key().toString() for s in page.findChildren(QShortcut)}
    assert {"Ctrl+N", "F2"} <= keys
    page.new_button.click()
    assert calls[-1] == ("neu", None)
    first = page.model.rows[0]
    assert page.table.select_where(lambda r: r.id == first.id)
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert calls[-1] == ("bearbeiten", first.id)
    page.edit_button.click()
    assert calls[-1] == ("bearbeiten", first.id)
    for shortcut in page.findChildren(QShortcut):
        if shortcut.key().toString() == "F2":
            shortcut.activated.emit()
    assert calls[-1] == ("bearbeiten", first.id)


def test_copy_and_cancel(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True, text="10.03.2027 14:00")
    page = _page(qtbot, demo_store)
    source = next(r for r in page.model.rows if r.status == "geplant" and r.committee_kind == "plenum")
    assert page.select_meeting(source.id)
    page.copy_button.click()
    copy = next(r for r in meetings.list_meetings(demo_store, year=2027) if r.committee_kind == "plenum")
    assert (copy.start, copy.title, copy.location) == (datetime(2027, 3, 10, 14), "1. Sitzung 2027", source.location)
    assert page.selected_meeting() is not None
    assert page.selected_meeting().id == copy.id  # type: ignore[union-attr]
    # bad date: German message, nothing copied
    shown = answer(confirm=True, text="im März")
    page.copy_button.click()
    assert shown[-1][0] == "error"
    assert "kein gültiger Zeitpunkt" in shown[-1][2]
    assert len(meetings.list_meetings(demo_store, year=2027)) == 1
    # cancel the copy
    assert page.select_meeting(copy.id)
    assert page.cancel_button.isEnabled()
    shown = answer(confirm=True)
    page.cancel_button.click()
    assert meetings.meeting_detail(demo_store, copy.id).status == "abgesagt"
    assert not page.cancel_button.isEnabled()
    assert shown[0][0] == "confirm"


def test_select_meeting_clears_filters(qtbot: Any, demo_store: Store) -> None:
    page = _page(qtbot, demo_store)
    group = next(r for r in page.model.rows if r.committee_kind != "plenum")
    _pick(page.committee_filter, plenum_id(demo_store))
    page.tabs.setCurrentIndex(TAB_YEAR)
    assert page.select_meeting(group.id)
    assert page.tabs.currentIndex() == TAB_LIST
    selected = page.selected_meeting()
    assert selected is not None
    assert selected.id == group.id
