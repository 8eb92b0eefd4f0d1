"""Einstellungen: every rule editable and explained; saving makes quorum, warnings and term ends follow at once."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel

from bezag_desktop.domain import timeutil
from bezag_desktop.domain.rules import RULE_EXPLANATIONS, RulesOfProcedure
from bezag_desktop.services import checks, meetings, settings
from bezag_desktop.services.representation import chairs, election_queries
from bezag_desktop.services.store import Store, open_store
from bezag_desktop.ui import messages
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.main_window import MainWindow
from bezag_desktop.ui.pages.elections import ElectionsPage
from bezag_desktop.ui.pages.overview import OverviewPage
from bezag_desktop.ui.pages.settings import OFFICE_LABELS, SettingsPage

Answer = Callable[..., list[tuple[str, str, str]]]
RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def _shown(qtbot: Any, page: Any) -> Any:
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.refresh()
    return page


def _about(finding: Any, meeting_id: int) -> bool:
    return finding.ref is not None and finding.ref.kind == "meeting" and finding.ref.id == meeting_id


def _held_plenary(store: Store) -> int:
    return next(m.id for m in election_queries.meeting_options(store) if m.label == "„2. Sitzung 2026“ am 02.07.2026")


def _future_plenary(store: Store) -> int:
    return next(m.id for m in election_queries.meeting_options(store) if m.day > date(2026, 11, 21))


def test_every_rule_has_a_widget_and_its_sentence(qtbot: Any, demo_store: Store) -> None:
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    texts = {label.text() for label in page.findChildren(QLabel)}
    for f in fields(RulesOfProcedure):
        label, sentence = RULE_EXPLANATIONS[f.name]
        assert sentence in " ".join(texts), f.name
        if f.name != "standard_agenda":
            assert f"{label}:" in texts
            assert f.name in page.rule_widgets
    assert set(page.office_edits) == set(OFFICE_LABELS)
    assert page.rules() == settings.get_rules(demo_store)
    assert page.office() == settings.get_office(demo_store)


def test_changed_rules_take_effect_at_once(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    ctx = UiContext(demo_store)
    page = _shown(qtbot, SettingsPage(ctx))
    elections_page = _shown(qtbot, ElectionsPage(ctx))
    overview = _shown(qtbot, OverviewPage(ctx))
    held, future = _held_plenary(demo_store), _future_plenary(demo_store)

    before = meetings.meeting_detail(demo_store, held)
    assert before.quorum.required == 13  # more than half of 24
    warnings = {w.code: w for w in checks.collect_warnings(demo_store) if _about(w, future)}
    assert "not_invited" not in warnings
    assert "Beschlussfähig ab 13 von 24" in page.effects_label.text()
    assert "3 Jahre; eine heute beginnende Amtszeit endet am 20.11.2029" in elections_page.term_label.text()

    page.set_rule("quorum_rule", "zwei_drittel")
    page.set_rule("notice_period_days", 30)
    page.set_rule("chair_term_years", 4)
    # The effects are previewed before saving ...
    assert "Beschlussfähig ab 16 von 24" in page.effects_label.text()
    assert "im Amt bis 20.11.2030" in page.effects_label.text()
    assert settings.get_rules(demo_store).quorum_rule == "mehr_als_haelfte"
    page.save_button.click()

    # ... and after saving every computation follows.
    rules = settings.get_rules(demo_store)
    assert (rules.quorum_rule, rules.notice_period_days, rules.chair_term_years) == ("zwei_drittel", 30, 4)
    after = meetings.meeting_detail(demo_store, held)
    assert after.quorum.required == 16
    assert "erforderlich 16" in after.quorum_label
    warnings = {w.code: w for w in checks.collect_warnings(demo_store) if _about(w, future)}
    assert "Ladungsfrist von 30 Tagen" in warnings["not_invited"].text
    assert any(w.code == "not_invited" and _about(w, future) for w in overview.warnings)
    assert chairs.computed_term_end(demo_store, date(2026, 11, 21)) == date(2030, 11, 20)
    assert "4 Jahre; eine heute beginnende Amtszeit endet am 20.11.2030" in elections_page.term_label.text()
    assert "Gespeichert" in page.status_label.text()


def test_invalid_values_are_refused_and_nothing_saved(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer()
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    before_rules, before_office = settings.get_rules(demo_store), settings.get_office(demo_store)
    page.set_rule("chair_term_years", 0)
    page.office_edits["email"].setText("geschaeftsstelle-ohne-at")
    page.save_button.click()
    errors = [text for kind, _t, text in shown if kind == "error"]
    assert "Amtszeit des gewählten Vorsitzes (Jahre)" in errors[-1]
    page.set_rule("chair_term_years", 3)
    page.save_button.click()
    errors = [text for kind, _t, text in shown if kind == "error"]
    assert "keine gültige E-Mail-Adresse" in errors[-1]
    assert settings.get_rules(demo_store) == before_rules
    assert settings.get_office(demo_store) == before_office


def test_office_details_and_standard_agenda(qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path) -> None:
    answer(text="Bericht aus dem Bezirk")
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    page.office_edits["uid_domain"].setText("bezag-sozialplanung.example")
    own = tmp_path / "Niederschrift.docx"
    shutil.copyfile(RESOURCES / "niederschrift.docx", own)
    page.office_edits["minutes_template"].setText(str(own))
    first = page.agenda_list.item(0).text()
    count = page.agenda_list.count()
    page.agenda_add.click()
    assert page.agenda_list.count() == count + 1
    page.agenda_list.setCurrentRow(count)
    page.agenda_up.click()
    assert page.agenda_list.item(count - 1).text() == "Bericht aus dem Bezirk"
    page.agenda_list.setCurrentRow(0)
    page.agenda_remove.click()
    page.save_button.click()
    rules, office = settings.get_rules(demo_store), settings.get_office(demo_store)
    assert first not in rules.standard_agenda
    assert rules.standard_agenda[-2] == "Bericht aus dem Bezirk"
    assert office.uid_domain == "bezag-sozialplanung.example"
    assert office.minutes_template == str(own)


def test_reset_to_defaults_needs_saving(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(confirm=True)
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    page.set_rule("notice_period_days", 21)
    page.save_button.click()
    page.defaults_button.click()
    assert page.rules() == RulesOfProcedure()
    assert settings.get_rules(demo_store).notice_period_days == 21
    page.revert_button.click()
    assert page.rules().notice_period_days == 21


def test_chosen_logo_and_templates_are_checked(qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path) -> None:
    shown = answer()
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    before = settings.get_office(demo_store)

    # A template without the placeholders of a letter is named at once when chosen ...
    assert not page.use_file("invitation_template", RESOURCES / "niederschrift.docx")
    warnings = [text for kind, _t, text in shown if kind == "warning"]
    assert "fehlen die Platzhalter" in warnings[-1]
    assert "{{ANSCHRIFT}}" in warnings[-1]
    assert page.office_edits["invitation_template"].text() == ""
    # ... and typed into the field it is refused on saving, with nothing saved.
    page.office_edits["invitation_template"].setText(str(RESOURCES / "niederschrift.docx"))
    page.save_button.click()
    errors = [text for kind, _t, text in shown if kind == "error"]
    assert errors[-1].startswith("Vorlage Einladungsschreiben (.docx): In der Vorlage „niederschrift.docx“")
    assert settings.get_office(demo_store) == before

    not_an_image = tmp_path / "logo.png"
    not_an_image.write_text("kein Bild", encoding="utf-8")
    page.office_edits["invitation_template"].setText("")
    page.office_edits["logo_path"].setText(str(not_an_image))
    page.save_button.click()
    errors = [text for kind, _t, text in shown if kind == "error"]
    assert "„logo.png“ ist kein Bild, das Word lesen kann" in errors[-1]
    page.office_edits["logo_path"].setText(str(tmp_path / "fehlt.png"))
    page.save_button.click()
    errors = [text for kind, _t, text in shown if kind == "error"]
    assert "wurde nicht gefunden" in errors[-1]
    assert settings.get_office(demo_store) == before

    # Real files are taken.
    logo = tmp_path / "logo-ok.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(logo))
    assert page.use_file("logo_path", logo)
    assert page.use_file("invitation_template", RESOURCES / "einladung.docx")
    page.save_button.click()
    office = settings.get_office(demo_store)
    assert (office.logo_path, office.invitation_template) == (str(logo), str(RESOURCES / "einladung.docx"))


def test_warning_time_of_the_chair_term_is_previewed_and_applied(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    ctx = UiContext(demo_store)
    page = _shown(qtbot, SettingsPage(ctx))
    term = next(c for c in chairs.list_chairs(demo_store) if c.side == "kommunen" and c.current)
    assert term.end is not None
    assert (
        f"Die Amtszeit von {term.person} endet am {term.end:%d.%m.%Y}; die Übersicht warnt davor ab dem "
        f"{timeutil.add_months(term.end, -3):%d.%m.%Y}" in page.effects_label.text()
    )
    # Far enough ahead the warning comes.
    months = (term.end.year - 2026) * 12 + term.end.month - 11 + 1
    page.set_rule("chair_warning_months", months)
    assert f"ab dem {timeutil.add_months(term.end, -months):%d.%m.%Y}" in page.effects_label.text()
    assert not [w for w in checks.collect_warnings(demo_store) if w.code == "chair_term_ending"]
    page.save_button.click()
    ending = [w for w in checks.collect_warnings(demo_store) if w.code == "chair_term_ending"]
    assert [w.action for w in ending] == ["election"]
    assert term.person in ending[0].text


# --- nothing typed is lost ------------------------------------------------------------------------


def test_loading_is_not_a_change_and_an_unchanged_page_is_left_without_asking(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer(choice=None)
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    assert not page.dirty
    page.refresh()
    assert not page.dirty
    assert page.may_leave()
    assert shown == []


def test_changes_are_marked_and_ctrl_s_saves_with_a_visible_gespeichert(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    answer()
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    marks: list[bool] = []
    page.dirty_changed.connect(marks.append)
    qtbot.keyClicks(page.office_edits["phone"], "089 2198-0")
    assert page.dirty
    assert marks == [True]
    assert "Ungespeicherte Änderungen" in page.status_label.text()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(page.office_edits["phone"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert settings.get_office(demo_store).phone.endswith("089 2198-0")
    assert not page.dirty
    assert marks == [True, False]
    assert page.status_label.text().startswith("Gespeichert.")


@pytest.mark.parametrize("edit", ["rule", "office", "agenda_add", "agenda_remove", "agenda_move", "defaults"])
def test_every_kind_of_edit_counts(qtbot: Any, demo_store: Store, answer: Answer, edit: str) -> None:
    answer(confirm=True, text="Neuer Punkt")
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    page.agenda_list.setCurrentRow(1)
    assert not page.dirty
    if edit == "rule":
        page.set_rule("notice_period_days", 21)
    elif edit == "office":
        page.office_edits["city"].setText("Neustadt am Testbach")
    elif edit == "agenda_add":
        page.agenda_add.click()
    elif edit == "agenda_remove":
        page.agenda_remove.click()
    elif edit == "agenda_move":
        page.agenda_up.click()
    else:
        page.defaults_button.click()
    assert page.dirty


def _changed_page(qtbot: Any, store: Store) -> SettingsPage:
    page = _shown(qtbot, SettingsPage(UiContext(store)))
    page.set_rule("notice_period_days", 21)
    return page


def test_leaving_with_abbrechen_keeps_the_input(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(choice=None)
    page = _changed_page(qtbot, demo_store)
    assert not page.may_leave()
    assert [(k, t) for k, t, _x in shown] == [("choice", "Änderungen speichern?")]
    assert "Die Seite „Einstellungen“" in shown[0][2]
    assert page.rules().notice_period_days == 21
    assert page.dirty
    assert settings.get_rules(demo_store).notice_period_days == 14


def test_leaving_with_verwerfen_restores_the_saved_values(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(choice=1)
    page = _changed_page(qtbot, demo_store)
    assert page.may_leave()
    assert page.rules().notice_period_days == 14
    assert not page.dirty
    assert settings.get_rules(demo_store).notice_period_days == 14


def test_leaving_with_speichern_saves(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(choice=0)
    page = _changed_page(qtbot, demo_store)
    assert page.may_leave()
    assert settings.get_rules(demo_store).notice_period_days == 21
    assert not page.dirty


def test_leaving_with_speichern_and_invalid_input_stays(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(choice=0)
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    page.set_rule("chair_term_years", 0)
    assert not page.may_leave()
    assert [k for k, _t, _x in shown] == ["choice", "error"]
    assert page.dirty
    assert page.rules().chair_term_years == 0
    assert settings.get_rules(demo_store).chair_term_years == 3


def test_a_change_elsewhere_does_not_overwrite_unsaved_input(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    page = _changed_page(qtbot, demo_store)
    page.ctx.notify("settings")
    assert page.rules().notice_period_days == 21
    assert page.dirty
    page.discard()
    assert page.rules().notice_period_days == 14


def _wheel(widget: Any) -> None:
    center = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        center,
        widget.mapToGlobal(center),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch towards the user: the next entry / a smaller number
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("name", ["quorum_rule", "notice_period_days"])
def test_the_mouse_wheel_does_not_change_a_rule_while_scrolling(
    qtbot: Any, demo_store: Store, answer: Answer, name: str
) -> None:
    answer()
    page = _shown(qtbot, SettingsPage(UiContext(demo_store)))
    widget = page.rule_widgets[name]
    assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    before = page.rules()
    _wheel(widget)
    assert page.rules() == before
    assert not page.dirty
    # Clicked into (focused), the wheel changes it as usual.
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    _wheel(widget)
    assert page.rules() != before
    assert page.dirty


# --- leaving the page in the main window ------------------------------------------------------------


@pytest.fixture
def window(qtbot: Any, demo_db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    win = MainWindow(UiContext(open_store(demo_db_path)), remember=False, start_page="settings")
    qtbot.addWidget(win)
    win.load_current()
    yield win
    messages.set_answerer(lambda *_a: 1)  # whatever is left: Verwerfen, so the window can close
    win.close()
    messages.set_answerer(None)
    win.ctx.store.close()


def _settings_in(window: MainWindow) -> SettingsPage:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


def test_navigation_away_asks_and_abbrechen_stays(window: MainWindow, answer: Answer) -> None:
    shown = answer(choice=None)
    page = _settings_in(window)
    page.set_rule("notice_period_days", 21)
    row = window.nav.currentRow()
    assert window.nav.item(row).text() == "Einstellungen*"
    window.show_page("overview")
    assert len(shown) == 1
    assert window.current_key == "settings"
    assert window.stack.currentWidget() is window.holders["settings"]
    assert page.rules().notice_period_days == 21


def test_navigation_away_with_verwerfen_goes_and_drops_the_input(window: MainWindow, answer: Answer) -> None:
    answer(choice=1)
    page = _settings_in(window)
    page.set_rule("notice_period_days", 21)
    window.show_page("overview")
    assert window.current_key == "overview"
    assert window.stack.currentWidget() is window.holders["overview"]
    assert page.rules().notice_period_days == 14
    assert window.nav.item(next(i for i, s in enumerate(window.specs) if s.key == "settings")).text() == (
        "Einstellungen"
    )
    assert settings.get_rules(window.ctx.store).notice_period_days == 14


def test_navigation_away_with_speichern_saves(window: MainWindow, answer: Answer) -> None:
    answer(choice=0)
    _settings_in(window).set_rule("notice_period_days", 21)
    window.show_page("overview")
    assert window.current_key == "overview"
    assert settings.get_rules(window.ctx.store).notice_period_days == 21


def test_closing_the_window_asks_too(window: MainWindow, answer: Answer) -> None:
    shown = answer(choice=None)
    window.show()
    _settings_in(window).set_rule("notice_period_days", 21)
    assert not window.close()
    assert len(shown) == 1
    assert window.isVisible()
