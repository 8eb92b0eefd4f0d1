"""The self-test from source, in-process: every step passes on this machine, and a failure is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bezag_desktop.ui import selftest


def test_self_test_from_source_passes(qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "selbsttest.log"
    assert selftest.run_self_test(qapp, log_path=log) == 0
    text = log.read_text(encoding="utf-8")
    assert "Ergebnis: alle" in text
    for step in ("Kalendereinladung", "E-Mail-Entwurf", "Niederschrift", "Anwesenheitsmatrix", "Seiten besuchen"):
        assert step in text
    assert "Selbsttest" in capsys.readouterr().out


def test_self_test_names_a_failing_step(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bezag_desktop.services import lists

    def broken(*_args: object, **_kw: object) -> None:
        raise OSError("Datenträger voll")

    monkeypatch.setattr(lists, "export_actions", broken)
    log = tmp_path / "selbsttest.log"
    assert selftest.run_self_test(qapp, log_path=log) == 1
    text = log.read_text(encoding="utf-8")
    assert "[FEHLER] Offene Aufgaben (XLSX)" in text
    assert "Datenträger voll" in text
    assert "1 von" in text
    capsys.readouterr()
