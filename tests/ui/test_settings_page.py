"""Einstellungen: every rule editable and explained; saving makes quorum, warnings and term ends follow at once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from bezag_desktop.domain.rules import RULE_EXPLANATIONS, RulesOfProcedure
from bezag_desktop.services import checks, settings
from bezag_desktop.services.meetings import operations as meetings
from bezag_desktop.services.representation import chairs, elections
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
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


def _held_plenary(store: Store) -> int:
    return next(m.id for m in elections.meeting_options(store) if m.label == "„2. Sitzung 2026“ am 02.07.2026")


def _future_plenary(store: Store) -> int:
    return next(m.id for m in elections.meeting_options(store) if m.day > date(2026, 11, 21))


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
    warnings = {w.code: w for w in checks.collect_warnings(demo_store) if w.ref_id == future}
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
    warnings = {w.code: w for w in checks.collect_warnings(demo_store) if w.ref_id == future}
    assert "Ladungsfrist von 30 Tagen" in warnings["not_invited"].text
    assert any(w.code == "not_invited" and w.ref_id == future for w in overview.warnings)
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
        f"{checks.add_months(term.end, -3):%d.%m.%Y}" in page.effects_label.text()
    )
    # Far enough ahead the warning comes.
    months = (term.end.year - 2026) * 12 + term.end.month - 11 + 1
    page.set_rule("chair_warning_months", months)
    assert f"ab dem {checks.add_months(term.end, -months):%d.%m.%Y}" in page.effects_label.text()
    assert not [w for w in checks.collect_warnings(demo_store) if w.code == "chair_term_ending"]
    page.save_button.click()
    ending = [w for w in checks.collect_warnings(demo_store) if w.code == "chair_term_ending"]
    assert [w.action for w in ending] == ["election"]
    assert term.person in ending[0].text
