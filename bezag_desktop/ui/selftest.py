"""``bezag-desktop --self-test``: prove on this PC that the program works end to end.

Creates a database in a temporary folder (migrations included), loads the demo data, opens the
main window and visits every page, writes every export (ICS, EML, both DOCX, every XLSX) and
re-reads each with the checks the export tests use (``exporters.verify``). Prints a German
summary and writes it to a log file, since a windowed program on Windows has no console.
Exit code 0 when every step passed; otherwise 1, and the summary names what failed.
"""

from __future__ import annotations

import functools
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from bezag_desktop import APP_NAME, __version__
from bezag_desktop.domain.timeutil import fmt_datetime
from bezag_desktop.services.store import Store

LOG_NAME = "selbsttest.log"


@dataclass
class StepResult:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


@dataclass
class SelfTest:
    folder: Path
    results: list[StepResult] = field(default_factory=list)

    def step(self, name: str, fn: Callable[[], str | list[str] | None]) -> bool:
        """Run one step; a returned list is a list of problems (empty = fine), a string is a detail."""
        started = time.perf_counter()
        try:
            outcome = fn()
        except Exception as exc:  # every failure is reported by name, none aborts the run
            detail = f"{type(exc).__name__}: {exc}"
            tb = traceback.format_exc(limit=6)
            self.results.append(StepResult(name, False, f"{detail}\n{tb}", time.perf_counter() - started))
            return False
        elapsed = time.perf_counter() - started
        if isinstance(outcome, list):
            ok = not outcome
            self.results.append(StepResult(name, ok, "; ".join(outcome), elapsed))
            return ok
        self.results.append(StepResult(name, True, outcome or "", elapsed))
        return True

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results)

    def summary(self) -> str:
        passed = sum(r.ok for r in self.results)
        lines = [
            f"{APP_NAME} {__version__} – Selbsttest vom {fmt_datetime(datetime.now())}",
            f"System: {platform.system()} {platform.release()}, Python {platform.python_version()}",
            f"Arbeitsordner: {self.folder}",
            "",
        ]
        for r in self.results:
            mark = "OK    " if r.ok else "FEHLER"
            lines.append(f"[{mark}] {r.name} ({r.seconds:.2f} s)")
            if r.detail:
                lines.extend(f"         {line}" for line in r.detail.rstrip().splitlines())
        lines.append("")
        if self.ok:
            lines.append(f"Ergebnis: alle {passed} Prüfungen bestanden.")
        else:
            failed = [r.name for r in self.results if not r.ok]
            lines.append(
                f"Ergebnis: {len(failed)} von {len(self.results)} Prüfungen fehlgeschlagen: {', '.join(failed)}."
            )
        return "\n".join(lines)


def default_log_path() -> Path:
    from bezag_desktop.config import data_dir

    return data_dir() / LOG_NAME


def run_self_test(app: QApplication, *, log_path: Path | None = None, keep_folder: bool = False) -> int:
    """Run every step; print and log the German summary; return the exit code."""
    folder = Path(tempfile.mkdtemp(prefix="bezag-selbsttest-"))
    test = SelfTest(folder)
    try:
        _run_steps(app, test)
    finally:
        text = test.summary()
        print(text)
        target = log_path or default_log_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text + "\n", encoding="utf-8")
            print(f"Protokoll: {target}")
        except OSError as exc:
            print(f"Das Protokoll konnte nicht nach {target} geschrieben werden: {exc}", file=sys.stderr)
        if not keep_folder:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if test.ok else 1


def _run_steps(app: QApplication, test: SelfTest) -> None:
    from bezag_desktop.db import store as dbstore
    from bezag_desktop.services.store import Store, open_store

    db_path = test.folder / "selbsttest.sqlite"
    out = test.folder / "export"
    out.mkdir()
    holder: dict[str, object] = {}

    def create() -> str:
        store = open_store(db_path)
        holder["store"] = store
        state = dbstore.identify(db_path)
        if state.state != "current":
            raise RuntimeError(f"Schema nach dem Anlegen: {state.state}")
        return f"Schema {state.revision}, Sperre und Migrationen in Ordnung"

    if not test.step("Datenbank anlegen und migrieren", create):
        return
    store = holder["store"]
    assert isinstance(store, Store)  # set by create()
    try:
        _with_store(app, test, store, out)
    finally:
        store.close()


def _with_store(app: QApplication, test: SelfTest, store: Store, out: Path) -> None:
    from bezag_desktop.demo import build as demo
    from bezag_desktop.domain.codes import CommitteeKind, MeetingStatus
    from bezag_desktop.domain.procedure import HELD
    from bezag_desktop.domain.timeutil import today as berlin_today
    from bezag_desktop.services import meetings

    today = berlin_today()

    def load_demo() -> str:
        summary = demo.fill_demo(store, years=2, seed=1, today=today)
        return str(summary.text if hasattr(summary, "text") else summary)

    if not test.step("Demodaten laden", load_demo):
        return

    _visit_pages(app, test, store)

    rows = meetings.list_meetings(store)
    plenum = [r for r in rows if r.committee_kind == CommitteeKind.PLENUM.value]
    future = [r for r in plenum if r.start.date() > today and r.status == MeetingStatus.GEPLANT.value]
    held = [r for r in plenum if r.status in HELD]
    if not future or not held:
        test.results.append(
            StepResult(
                "Sitzungen für die Exporte finden", False, "Demodaten ohne künftige oder gehaltene Plenarsitzung"
            )
        )
        return
    invite_id = future[0].id
    minutes_id = held[-1].id
    _export_meeting_files(test, store, invite_id, minutes_id, out)
    _export_lists(test, store, held[-1].year, out)


def _visit_pages(app: QApplication, test: SelfTest, store: Store) -> None:
    """Open the main window and show every page once (each must render)."""
    from bezag_desktop.ui.pages import PAGES

    def pages() -> list[str]:
        from bezag_desktop.ui.context import UiContext
        from bezag_desktop.ui.main_window import MainWindow

        problems: list[str] = []
        window = MainWindow(UiContext(store), remember=False)
        window.resize(1280, 800)
        window.show()
        try:
            for spec in PAGES:
                page = window.show_page(spec.key)
                app.processEvents()
                if page is None:
                    problems.append(f"Seite „{spec.title}“ konnte nicht geöffnet werden.")
                    continue
                if window.grab().isNull():
                    problems.append(f"Seite „{spec.title}“ lässt sich nicht darstellen.")
        finally:
            window.close()
            app.processEvents()
        return problems

    test.step(f"Hauptfenster öffnen und alle {len(PAGES)} Seiten besuchen", pages)


def _export_meeting_files(test: SelfTest, store: Store, invite_id: int, minutes_id: int, out: Path) -> None:
    """Invitation (ICS, EML, letter), minutes and attendance sheet of the demo's meetings, each re-read."""
    from bezag_desktop.exporters import verify as v
    from bezag_desktop.services import meetings
    from bezag_desktop.services.meetings import invitations, minutes

    detail = meetings.meeting_detail(store, invite_id)
    agenda_title = detail.agenda[0].title if detail.agenda else ""

    ics_path = out / "einladung.ics"
    test.step(
        "Kalendereinladung (ICS, METHOD:REQUEST)",
        lambda: _write_then(
            lambda: invitations.export_ics(store, invite_id, ics_path, confirmed=True),
            lambda: v.check_ics(ics_path, method="REQUEST", expect_text=[agenda_title] if agenda_title else []),
        ),
    )
    pub_path = out / "veroeffentlichung.ics"
    test.step(
        "Kalendereintrag zum Veröffentlichen (ICS, METHOD:PUBLISH)",
        lambda: _write_then(
            lambda: invitations.export_ics(store, invite_id, pub_path, publish=True),
            lambda: v.check_ics(pub_path, method="PUBLISH"),
        ),
    )
    eml_path = out / "einladung.eml"
    test.step(
        "E-Mail-Entwurf (EML mit Kalender und Brief)",
        lambda: _write_then(
            lambda: invitations.export_eml(store, invite_id, eml_path, confirmed=True),
            lambda: v.check_eml(eml_path),
        ),
    )
    letter_path = out / "einladung.docx"
    test.step(
        "Einladungsschreiben (DOCX)",
        lambda: _write_then(
            lambda: invitations.export_letter(store, invite_id, letter_path),
            lambda: v.check_docx(letter_path, expect_text=[agenda_title] if agenda_title else []),
        ),
    )
    minutes_path = out / "niederschrift.docx"
    test.step(
        "Niederschrift (DOCX)",
        lambda: _write_then(
            lambda: minutes.export_minutes(store, minutes_id, minutes_path),
            lambda: v.check_docx(minutes_path, expect_text=["Niederschrift"], repeated_header_tables=1),
        ),
    )
    sheet_path = out / "anwesenheitsliste.docx"
    test.step(
        "Anwesenheitsliste zum Unterschreiben (DOCX)",
        lambda: _write_then(
            lambda: minutes.export_attendance_sheet(store, invite_id, sheet_path),
            lambda: v.check_docx(sheet_path, repeated_header_tables=1),
        ),
    )


def _export_lists(test: SelfTest, store: Store, year: int, out: Path) -> None:
    """The XLSX lists and the import template, each re-read sheet by sheet."""
    from bezag_desktop.services import lists
    from bezag_desktop.services.representation import importing as import_representatives

    xlsx_jobs: list[tuple[str, str, Callable[[Path], object], int]] = [
        ("Kontaktliste (XLSX)", "kontakte.xlsx", lambda p: lists.export_contacts(store, p), 24),
        (
            "Anwesenheitsmatrix (XLSX)",
            "anwesenheit.xlsx",
            lambda p: lists.export_attendance_matrix(store, p, year),
            24,
        ),
        ("Offene Aufgaben (XLSX)", "aufgaben.xlsx", lambda p: lists.export_actions(store, p), 1),
        ("Wahlergebnisse (XLSX)", "wahlen.xlsx", lambda p: lists.export_election_results(store, p), 1),
        (
            "Importvorlage Vertretungen (XLSX)",
            "vorlage.xlsx",
            lambda p: import_representatives.write_template(store, p),
            0,
        ),
    ]
    for name, filename, writer, min_rows in xlsx_jobs:
        test.step(name, functools.partial(_write_then_check_xlsx, writer, out / filename, min_rows))


def _write_then(write: Callable[[], object], check: Callable[[], list[str]]) -> list[str]:
    write()
    return check()


def _write_then_check_xlsx(write: Callable[[Path], object], path: Path, min_rows: int) -> list[str]:
    from bezag_desktop.exporters import verify as v

    write(path)
    return v.check_xlsx(path, min_rows=min_rows) + v.check_xlsx(path, all_sheets=True)
