"""Wahlen & Vorsitz on demo data: record a chair election with a runoff, the lot, the Bezirk's designation."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from ui_helpers import click_ok, when_modal

from bezag_desktop.cli import main
from bezag_desktop.services.representation import bodies, chairs, election_queries
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.election_dialog import ElectionDialog
from bezag_desktop.ui.pages.elections import DesignateDialog, ElectionsPage, EndTermDialog
from bezag_desktop.ui.pages.overview import OverviewPage

Answer = Callable[..., list[tuple[str, str, str]]]
JULY = "„2. Sitzung 2026“ am 02.07.2026"


def _page(qtbot: Any, ctx: UiContext) -> ElectionsPage:
    page = ElectionsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    page.refresh()
    return page


def _meeting(store: Store, label: str = JULY) -> int:
    return next(m.id for m in election_queries.meeting_options(store) if m.label == label)


def _kommunen_chair(store: Store) -> chairs.ChairRow:
    with store.session() as s:
        return next(c for c in chairs.current_chairs(s, date(2026, 11, 21)) if c.side == "kommunen")


def test_record_chair_election_with_runoff(
    qtbot: Any,
    qtmodeltester: Any,
    demo_store: Store,
    demo_db_path: Path,
    answer: Answer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = answer(confirm=True)
    ctx = UiContext(demo_store)
    page = _page(qtbot, ctx)
    overview = OverviewPage(ctx)
    qtbot.addWidget(overview)
    overview.show()
    overview.refresh()
    qtmodeltester.check(page.chair_model)
    qtmodeltester.check(page.election_model)
    old = _kommunen_chair(demo_store)
    assert overview.chair_labels["kommunen"][0].text() == old.person

    # The chair resigned at the end of June; the office is vacant until the election on 02.07.2026.
    assert page.chair_table.select_where(lambda c: c.id == old.id)

    def end_term(d: EndTermDialog) -> None:
        d.end_edit.setDate(QDate(2026, 6, 30))
        click_ok(d)

    driver = when_modal(EndTermDialog, end_term)
    page.end_term_button.click()
    driver.check()

    meeting = _meeting(demo_store)
    chosen: dict[str, Any] = {}

    def fill(d: ElectionDialog) -> None:
        d.meeting_combo.setCurrentIndex(d.meeting_combo.findData(meeting))
        electorate = d.electorate_spin.value()
        assert electorate > 10
        assert "aus der Anwesenheit" in d.electorate_label.text()
        a, b, c = (o.person_id for o in d.options[:3])
        d.set_candidates([a, b, c])
        d.add_round()
        assert d.table.rowCount() == 1
        first = electorate - 1
        votes_a = first // 2 - 1  # no majority
        votes_b = first // 3
        votes_c = first - votes_a - votes_b
        if votes_c >= votes_b:
            votes_b, votes_c = votes_c, votes_b
        d.set_round_values(0, {"Abgegeben": electorate, "Leer": 1, a: votes_a, b: votes_b, c: votes_c})
        assert "Stichwahl zwischen" in d.verdict_view.toPlainText()
        runoff = d.outcome().rounds[0].runoff
        d.add_round()
        assert d.rounds[1].kind == "stichwahl"
        loser, winner = runoff
        d.set_round_values(1, {"Abgegeben": electorate, winner: electorate - 3, loser: 3})
        assert "ist gewählt" in d.result_label.text()
        assert "Amtszeit ab 02.07.2026 bis 01.07.2029" in d.result_label.text()
        chosen["winner"] = winner
        chosen["name"] = next(o.name for o in d.options if o.person_id == winner)
        click_ok(d)

    driver = when_modal(ElectionDialog, fill)
    page.new_election_button.click()
    driver.check()

    name = chosen["name"]
    assert any(kind == "info" and f"{name} ist gewählt" in text for kind, _t, text in shown)
    new = next(c for c in page.chair_model.rows if c.person_id == chosen["winner"] and c.side == "kommunen")
    assert (new.start, new.end, new.status) == (date(2026, 7, 2), date(2029, 7, 1), "laufend")
    assert new.election_id is not None
    assert name in page.current_label.text()
    assert page.selected_election().id == new.election_id
    assert "Stichwahl" in page.sheet_view.toPlainText()
    # The Übersicht follows at once (ctx.notify), and so does the CLI.
    assert overview.chair_labels["kommunen"][0].text() == name
    capsys.readouterr()  # qtmodeltester writes to stdout
    assert main(["--db", str(demo_db_path), "chairs", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {
        "side": "kommunen",
        "person": name,
        "start": "2026-07-02",
        "end": "2029-07-01",
        "election_id": new.election_id,
    } in data
    assert next(d for d in data if d["person"] == old.person and d["side"] == "kommunen")["end"] == "2026-06-30"


def test_lot_in_the_runoff_is_asked_for(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True, choice=1, text="Gezogen von der Schriftführerin")
    ctx = UiContext(demo_store)
    page = _page(qtbot, ctx)
    meeting = _meeting(demo_store)
    result: dict[str, Any] = {}

    def fill(d: ElectionDialog) -> None:
        d.meeting_combo.setCurrentIndex(d.meeting_combo.findData(meeting))
        d.electorate_spin.setValue(20)
        a, b = (o.person_id for o in d.options[3:5])
        d.set_candidates([a, b])
        d.add_round()
        d.set_round_values(0, {"Abgegeben": 20, a: 10, b: 10})
        assert d.outcome().rounds[0].verdict.value == "stichwahl"
        d.add_round()
        d.set_round_values(1, {"Abgegeben": 20, a: 10, b: 10})
        assert d.lot_button.isEnabled()
        assert "Losentscheid" in d.result_label.text()
        d.lot_button.click()
        assert "ist gewählt" in d.result_label.text()
        result["elected"] = d.rounds[1].lot_winners[0]
        result["tied"] = d.outcome().rounds[1].tied
        click_ok(d)

    driver = when_modal(ElectionDialog, fill)
    page.new_election()
    driver.check()
    assert result["elected"] == result["tied"][1]  # choice 1
    assert any(kind == "choice" and title == "Losentscheid" for kind, title, _t in shown)
    election = page.selected_election()
    sheet = election_queries.election_sheet(demo_store, election.id)
    assert sheet.elected_person_id == result["elected"]
    assert sheet.rounds[1].lot_note == "Gezogen von der Schriftführerin"
    # The current chair's term runs until 2028: the new one follows the day after.
    assert sheet.term_start == date(2028, 1, 30)


def test_ballots_beyond_the_electorate_are_shown_as_error(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    dialog = ElectionDialog(UiContext(demo_store), meeting_id=_meeting(demo_store))
    qtbot.addWidget(dialog)
    a, b = (o.person_id for o in dialog.options[:2])
    dialog.set_candidates([a, b])
    dialog.add_round()
    n = dialog.electorate_spin.value()
    dialog.set_round_values(0, {"Abgegeben": n + 1, a: n, b: 1})
    assert "Mehr Stimmzettel als Stimmberechtigte" in dialog.result_label.text()
    assert not dialog.add_round_button.isEnabled()
    dialog.set_round_values(0, {"Abgegeben": n})
    assert "Die Summe stimmt nicht" in dialog.result_label.text()
    dialog.set_round_values(0, {a: n - 1})
    assert "ist gewählt" in dialog.result_label.text()


def test_only_eligible_candidates_are_offered(qtbot: Any, demo_store: Store) -> None:
    dialog = ElectionDialog(UiContext(demo_store), meeting_id=_meeting(demo_store))
    qtbot.addWidget(dialog)
    bezirk = next(b for b in bodies.list_bodies(demo_store) if b.kind == "bezirk")
    offered = {o.person_id for o in dialog.options}
    assert offered
    assert not offered & {r.person_id for r in (*bezirk.members, *bezirk.deputies)}
    dialog.office_combo.setCurrentIndex(dialog.office_combo.findData("vorsitz_bezirk"))
    assert {o.person_id for o in dialog.options} == {r.person_id for r in (*bezirk.members, *bezirk.deputies)}


def test_designate_bezirk_chair(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    page = _page(qtbot, UiContext(demo_store))
    bezirk = next(b for b in bodies.list_bodies(demo_store) if b.kind == "bezirk")
    with demo_store.session() as s:
        current = next(c for c in chairs.current_chairs(s, date(2026, 11, 21)) if c.side == "bezirk")
    successor = next(r for r in (*bezirk.members, *bezirk.deputies) if r.person_id != current.person_id)

    def fill(d: DesignateDialog) -> None:
        d.picker.search_edit.setText(successor.email)
        assert d.picker.selected_id() == successor.person_id
        d.start_edit.setDate(QDate(2027, 1, 1))
        click_ok(d)

    driver = when_modal(DesignateDialog, fill)
    page.designate_button.click()
    driver.check()
    rows = {(c.person_id, c.side): c for c in page.chair_model.rows}
    assert rows[(successor.person_id, "bezirk")].start == date(2027, 1, 1)
    assert rows[(successor.person_id, "bezirk")].status == "künftig"
    assert rows[(current.person_id, "bezirk")].end == date(2026, 12, 31)


def test_demo_election_sheet(qtbot: Any, demo_store: Store) -> None:
    page = _page(qtbot, UiContext(demo_store))
    assert page.election_table.select_where(lambda e: e.status == "abgeschlossen")
    text = page.sheet_view.toPlainText()
    assert text.startswith("Wahl: Vorsitz der Landkreise und kreisfreien Städte")
    assert "Stichwahl" in text
    assert "eine heute beginnende Amtszeit endet am 20.11.2029" in page.term_label.text()
    sheet = election_queries.election_sheet(demo_store, page.selected_election().id)
    # The sheet's table: one column per round, one line per count and per candidate.
    assert "1. Wahlgang" in text
    assert "2. Stichwahl" in text
    assert "gültige Stimmen" in text
    for name in sheet.candidates:
        assert name in text
    assert sheet.result_text in text


def test_election_sheet_as_pdf(qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path) -> None:
    shown = answer()
    page = _page(qtbot, UiContext(demo_store))
    assert page.election_table.select_where(lambda e: e.status == "abgeschlossen")
    sheet = election_queries.election_sheet(demo_store, page.selected_election().id)
    written = page.save_sheet_pdf(tmp_path / "wahlblatt")
    assert written == tmp_path / "wahlblatt.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert any(kind == "info" and str(written) in text for kind, _t, text in shown)
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(written), "-"], capture_output=True, text=True, check=True).stdout
        assert "Wahl: Vorsitz der Landkreise und kreisfreien Städte" in out
        assert sheet.elected in out
        assert "gültige Stimmen" in out
    assert page.save_sheet_pdf(tmp_path / "fehlt" / "x.pdf") is None
    assert "gibt es nicht" in [text for kind, _t, text in shown if kind == "error"][-1]


def test_open_election_is_saved_and_continued(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True, choice=1, text="")  # choice 1: "Als offene Wahl speichern"
    page = _page(qtbot, UiContext(demo_store))
    meeting = _meeting(demo_store)
    ids: dict[str, Any] = {}

    def first(d: ElectionDialog) -> None:
        d.meeting_combo.setCurrentIndex(d.meeting_combo.findData(meeting))
        a, b, c = (o.person_id for o in d.options[:3])
        ids["tied"] = (b, c)
        d.set_candidates([a, b, c])
        d.add_round()
        d.set_round_values(0, {"Abgegeben": 20, a: 8, b: 6, c: 6})
        assert d.lot_button.isEnabled()
        click_ok(d)

    driver = when_modal(ElectionDialog, first)
    page.new_election()
    driver.check()
    assert any(kind == "choice" and title == "Losentscheid fehlt" for kind, title, _t in shown)
    election = page.selected_election()
    assert election.status == "offen"
    assert "Losentscheid" in page.sheet_view.toPlainText()

    answer(confirm=True, choice=0, text="Los gezogen vom Vorsitz")

    def proceed(d: ElectionDialog) -> None:
        assert len(d.rounds) == 1
        assert d.checked_candidates() == election_queries.election_input(demo_store, election.id).candidates
        assert d.lot_button.isEnabled()
        d.lot_button.click()
        runoff = d.outcome().rounds[0].runoff
        assert runoff[1] == ids["tied"][0]  # choice 0 of the tied
        d.add_round()
        d.set_round_values(1, {"Abgegeben": 20, runoff[0]: 9, runoff[1]: 11})
        click_ok(d)

    driver = when_modal(ElectionDialog, proceed)
    page.continue_button.click()
    driver.check()
    sheet = election_queries.election_sheet(demo_store, election.id)
    assert sheet.status == "abgeschlossen"
    assert sheet.elected_person_id == ids["tied"][0]
    assert sheet.rounds[0].lot_note == "Los gezogen vom Vorsitz"
    assert [e.id for e in election_queries.list_elections(demo_store) if e.status == "offen"] == []


def test_ballot_form_note_comes_from_the_rules_and_is_saved(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    from dataclasses import replace

    from bezag_desktop.services import settings

    answer(confirm=True)
    ctx = UiContext(demo_store)
    dialog = ElectionDialog(ctx, meeting_id=_meeting(demo_store))
    qtbot.addWidget(dialog)
    assert dialog.notes_edit.text() == "Geheime Wahl mit Stimmzetteln."
    settings.save_rules(demo_store, replace(settings.get_rules(demo_store), election_secret_ballot=False))
    open_vote = ElectionDialog(ctx, meeting_id=_meeting(demo_store))
    qtbot.addWidget(open_vote)
    assert open_vote.notes_edit.text().startswith("Offene Wahl")
    open_vote.notes_edit.setText("Offene Wahl durch Handzeichen; niemand widersprach.")
    a = open_vote.options[0].person_id
    open_vote.set_candidates([a])
    open_vote.add_round()
    n = open_vote.electorate_spin.value()
    open_vote.set_round_values(0, {"Abgegeben": n, "Ja": n - 1, "Nein": 1})
    assert "ist gewählt" in open_vote.result_label.text()
    open_vote.accept()
    sheet = election_queries.election_sheet(demo_store, open_vote.result_id)
    assert sheet.notes == "Offene Wahl durch Handzeichen; niemand widersprach."
    assert sheet.lines()[-1] == "Vermerk: Offene Wahl durch Handzeichen; niemand widersprach."
