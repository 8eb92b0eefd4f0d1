"""Nothing typed is lost in the small editors: ``*`` in the title, the question on closing, Ctrl+S.

Every editor (person, mandate, working group and its seats and reports, partner and contact, action
item) is driven through its real widgets: change a field, close it (Abbrechen, Esc, the window's
close button), answer Speichern / Verwerfen / Abbrechen, and look into the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from factories import add_agenda_item, add_mandate, add_meeting, add_person, body_id, found_group
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bezag_desktop.services.groups import partners, queries
from bezag_desktop.services.groups.partners import ContactInput, PartnerInput
from bezag_desktop.services.meetings import actions
from bezag_desktop.services.representation import mandates, people
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import action_dialog, group_dialog, group_member_dialog, mandate_dialog, partner_dialog
from bezag_desktop.ui.dialogs.person_dialog import PersonDialog
from bezag_desktop.ui.widgets.editor_dialog import EditorDialog

Answer = Callable[..., list[tuple[str, str, str]]]
SAVE, DISCARD, CANCEL = 0, 1, None
NEW_DAY = date(2026, 12, 31)


def _type(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a user (the tracker sees textEdited, not only textChanged); QTest types ASCII only."""
    qtbot.keyClicks(widget, text)


# --- one case per editor: open it on a record, change one thing, read that thing back -----------


@dataclass(frozen=True)
class Case:
    name: str
    #: (store) -> the record's id (or whatever ``open`` needs)
    make: Callable[[Store], Any]
    #: (ctx, made) -> the dialog, filled from the database
    open: Callable[[UiContext, Any], EditorDialog]
    #: (qtbot, dialog) -> None: one edit through the widgets
    change: Callable[[Any, Any], None]
    #: (store, made, dialog) -> whether the edit is in the database (or the dialog's result)
    saved: Callable[[Store, Any, Any], bool]


def _person(store: Store) -> int:
    return add_person(store, first="Anna", last="Huber", ags="09175")


def _mandate(store: Store) -> int:
    return add_mandate(store, person_id=_person(store), body_id=body_id(store, "09175"))


def _group(store: Store) -> int:
    return found_group(store)


def _seat(store: Store) -> Any:
    gid = found_group(store)
    pid = _person(store)
    add_mandate(store, person_id=pid, body_id=body_id(store, "09175"), committee_id=gid, start=date(2026, 8, 1))
    return next(m for m in queries.group_overview(store, gid).members if m.person_id == pid)


def _partner(store: Store) -> int:
    return partners.save_partner(store, None, PartnerInput(name="Caritas Ebersberg"), [])


def _action(store: Store) -> actions.ActionRow:
    mid = add_meeting(store, datetime(2026, 10, 7, 10, 0), status="durchgefuehrt")
    item = add_agenda_item(store, meeting_id=mid, title="Wohnraum", kind="beschluss", result="beschlossen")
    aid = actions.create_action(store, item, actions.ActionInput(text="Zahlen sammeln"), today=date(2026, 10, 7))
    return next(a for a in actions.list_actions(store, open_only=False) if a.id == aid)


def _candidate(store: Store) -> tuple[int, int]:
    gid = found_group(store)
    pid = _person(store)
    add_mandate(store, person_id=pid, body_id=body_id(store, "09175"))
    return gid, pid


CASES = [
    Case(
        "person",
        _person,
        lambda ctx, pid: PersonDialog(ctx, pid),
        lambda qtbot, d: _type(qtbot, d.phone_edit, "08092 1234"),
        lambda store, pid, _d: people.get_person(store, pid).phone == "08092 1234",
    ),
    Case(
        "appoint",
        _person,
        lambda ctx, _pid: mandate_dialog.AppointDialog(ctx, body_id(ctx.store, "09175")),
        lambda qtbot, d: _type(qtbot, d.picker.search_edit, "Huber"),
        lambda store, pid, _d: bool(mandates.list_mandates(store, person_id=pid)),
    ),
    Case(
        "end mandate",
        _mandate,
        lambda ctx, mid: mandate_dialog.EndMandateDialog(ctx, mid),
        lambda _qtbot, d: d.end_edit.set_value(NEW_DAY),
        lambda store, mid, _d: mandates.get_mandate(store, mid).end == NEW_DAY,
    ),
    Case(
        "group",
        _group,
        lambda ctx, gid: group_dialog.GroupDialog(ctx, gid),
        lambda qtbot, d: _type(qtbot, d.topic_edit, "Wohnen"),
        lambda store, gid, _d: queries.group_overview(store, gid).topic == "Wohnen",
    ),
    Case(
        "report",
        _group,
        lambda ctx, gid: group_dialog.ReportDialog(ctx, gid),
        lambda qtbot, d: _type(qtbot, d.text_edit, "Erste Ergebnisse"),
        lambda store, gid, _d: [r.text for r in queries.group_overview(store, gid).reports] == ["Erste Ergebnisse"],
    ),
    Case(
        "member",
        _candidate,
        lambda ctx, made: group_member_dialog.MemberDialog(ctx, made[0]),
        lambda _qtbot, d: d.select_person(d.candidates[0].person_id),
        lambda store, made, _d: any(m.person_id == made[1] for m in queries.group_overview(store, made[0]).members),
    ),
    Case(
        "role",
        _seat,
        lambda ctx, seat: group_member_dialog.RoleDialog(ctx, seat),
        lambda _qtbot, d: d.role_combo.setCurrentIndex(d.role_combo.findData("gast")),
        lambda store, seat, _d: any(
            m.person_id == seat.person_id and m.role == "gast"
            for g in queries.list_groups(store)
            for m in queries.group_overview(store, g.id).members
        ),
    ),
    Case(
        "end seat",
        _seat,
        lambda ctx, seat: group_member_dialog.EndSeatDialog(ctx, seat),
        lambda _qtbot, d: d.end_edit.set_value(NEW_DAY),
        lambda store, seat, _d: any(
            m.membership_id == seat.membership_id and m.end == NEW_DAY
            for g in queries.list_groups(store)
            for m in queries.group_overview(store, g.id).members
        ),
    ),
    Case(
        "partner",
        _partner,
        lambda ctx, pid: partner_dialog.PartnerDialog(ctx, pid),
        lambda qtbot, d: _type(qtbot, d.city_edit, "Ebersberg"),
        lambda store, pid, _d: partners.get_partner(store, pid).partner.city == "Ebersberg",
    ),
    Case(
        "contact",
        lambda _store: ContactInput(last_name="Berger", first_name="Eva"),
        lambda _ctx, value: partner_dialog.ContactDialog(value),
        lambda qtbot, d: _type(qtbot, d.names.function_edit, "Leitung"),
        lambda _store, _value, d: d.result_value is not None and d.result_value.function == "Leitung",
    ),
    Case(
        "action",
        _action,
        lambda ctx, row: action_dialog.ActionDialog(ctx, row=row),
        lambda qtbot, d: _type(qtbot, d.text_edit, " bis Ende Mai"),
        lambda store, row, _d: any(
            a.id == row.id and "bis Ende Mai" in a.text for a in actions.list_actions(store, open_only=False)
        ),
    ),
]
IDS = [c.name for c in CASES]


def _opened(qtbot: Any, store: Store, case: Case) -> tuple[Any, Any]:
    made = case.make(store)
    dialog = case.open(UiContext(store), made)
    qtbot.addWidget(dialog)
    dialog.show()
    return made, dialog


def _close(qtbot: Any, dialog: Any, how: str) -> None:
    if how == "button":
        dialog.reject()  # what Abbrechen is connected to
    elif how == "esc":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()  # the window's close button


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_loaded_unchanged_form_closes_without_asking(qtbot: Any, store: Store, answer: Answer, case: Case) -> None:
    shown = answer(choice=CANCEL)
    made, dialog = _opened(qtbot, store, case)
    assert not dialog.dirty
    assert not dialog.windowTitle().endswith("*")
    dialog.reject()
    assert shown == []
    assert not dialog.isVisible()
    assert not case.saved(store, made, dialog)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("how", ["button", "esc", "window"])
def test_abbrechen_keeps_the_dialog_open_with_what_was_typed(
    qtbot: Any, store: Store, answer: Answer, case: Case, how: str
) -> None:
    shown = answer(choice=CANCEL)
    made, dialog = _opened(qtbot, store, case)
    case.change(qtbot, dialog)
    assert dialog.dirty
    assert dialog.windowTitle().endswith("*")
    _close(qtbot, dialog, how)
    assert [(kind, title) for kind, title, _text in shown] == [("choice", "Änderungen speichern?")]
    assert "ungespeicherte Änderungen" in shown[0][2]
    assert dialog.isVisible()
    assert dialog.dirty
    assert not case.saved(store, made, dialog)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_verwerfen_closes_without_writing(qtbot: Any, store: Store, answer: Answer, case: Case) -> None:
    shown = answer(choice=DISCARD)
    made, dialog = _opened(qtbot, store, case)
    case.change(qtbot, dialog)
    dialog.reject()
    assert len(shown) == 1
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert not case.saved(store, made, dialog)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_speichern_saves_then_closes(qtbot: Any, store: Store, answer: Answer, case: Case) -> None:
    answer(choice=SAVE, confirm=True)
    made, dialog = _opened(qtbot, store, case)
    case.change(qtbot, dialog)
    dialog.reject()
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert case.saved(store, made, dialog)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_ctrl_s_saves(qtbot: Any, store: Store, answer: Answer, case: Case) -> None:
    answer(confirm=True)
    made, dialog = _opened(qtbot, store, case)
    case.change(qtbot, dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert case.saved(store, made, dialog)
    assert not dialog.isVisible()


# --- saving that fails keeps the form -----------------------------------------------------------


def test_speichern_with_invalid_input_stays_open_with_the_german_message(
    qtbot: Any, store: Store, answer: Answer
) -> None:
    shown = answer(choice=SAVE)
    dialog = PersonDialog(UiContext(store))
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.names.first_edit, "Eva")  # no Nachname: refused
    dialog.reject()
    assert [kind for kind, _t, _x in shown] == ["choice", "error"]
    assert "Nachname" in shown[1][2]
    assert dialog.isVisible()
    assert dialog.names.first_edit.text() == "Eva"
    assert dialog.dirty
    assert not [p for p in people.search_people(store, "Eva", limit=10) if p.name.startswith("Eva")]


def test_a_new_person_saved_from_the_question(qtbot: Any, store: Store, answer: Answer) -> None:
    answer(choice=SAVE, confirm=True)
    dialog = PersonDialog(UiContext(store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Person anlegen"
    _type(qtbot, dialog.names.first_edit, "Eva")
    _type(qtbot, dialog.names.last_edit, "Berger")
    assert dialog.windowTitle() == "Person anlegen*"
    dialog.close()
    assert dialog.result_id is not None
    assert people.get_person(store, dialog.result_id).last_name == "Berger"


def test_report_switching_the_meeting_asks_first(qtbot: Any, store: Store, answer: Answer) -> None:
    """Typing a report, then choosing another plenary meeting: the text is not lost silently."""
    gid = found_group(store)
    add_meeting(store, datetime(2027, 3, 10, 10, 0))
    dialog = group_dialog.ReportDialog(UiContext(store), gid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.meeting_combo.count() == 2
    first = dialog.meeting_combo.currentIndex()
    other = 1 - first
    _type(qtbot, dialog.text_edit, "Stand der Arbeit")

    shown = answer(choice=CANCEL)
    dialog.meeting_combo.setCurrentIndex(other)
    assert len(shown) == 1
    assert dialog.meeting_combo.currentIndex() == first
    assert dialog.text_edit.toPlainText() == "Stand der Arbeit"

    answer(choice=SAVE)
    dialog.meeting_combo.setCurrentIndex(other)
    assert dialog.meeting_combo.currentIndex() == other
    assert dialog.text_edit.toPlainText() == ""
    assert not dialog.dirty
    assert [r.text for r in queries.group_overview(store, gid).reports] == ["Stand der Arbeit"]
    dialog.meeting_combo.setCurrentIndex(first)  # nothing typed: no question, the saved text is back
    assert dialog.text_edit.toPlainText() == "Stand der Arbeit"


def test_partner_contacts_count_as_changes(qtbot: Any, store: Store, answer: Answer, monkeypatch: Any) -> None:
    pid = _partner(store)
    dialog = partner_dialog.PartnerDialog(UiContext(store), pid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.dirty
    monkeypatch.setattr(partner_dialog, "ask_contact", lambda *_a, **_k: ContactInput(last_name="Berger"))
    dialog.add_contact()
    assert dialog.dirty
    answer(choice=SAVE)
    dialog.reject()
    assert [c.last_name for c in partners.get_partner(store, pid).contacts] == ["Berger"]


def test_date_question_asks_only_after_a_change(qtbot: Any, answer: Answer) -> None:
    shown = answer(choice=CANCEL)
    dialog = group_dialog.DateDialog("AG auflösen", "Letzter Tag:", "Erklärung", date(2026, 11, 21), "Auflösen")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.set_value(NEW_DAY)
    assert dialog.windowTitle() == "AG auflösen*"
    dialog.reject()
    assert "„AG auflösen“" in shown[0][2]
    assert dialog.isVisible()
