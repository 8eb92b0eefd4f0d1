"""The surfaces built on the shared terms say the same: a custom meeting title reaches the Übersicht and ``bezag check``."""

from __future__ import annotations

from datetime import date, datetime

from factories import add_meeting

from bezag_desktop.domain.findings import Ref
from bezag_desktop.services import checks, overview
from bezag_desktop.services.store import Store

TODAY = date(2026, 11, 21)  # tests/conftest.py fixes the day


def _meeting(store: Store, title: str, start: datetime) -> int:
    # bare on purpose (no end, no place): only the title is under test
    return add_meeting(store, start, number=7, title=title, hours=None, location="")


def test_overview_shows_the_custom_title(store: Store) -> None:
    custom = _meeting(store, "Klausurtagung", datetime(2026, 12, 10, 10))
    plain = _meeting(store, "", datetime(2027, 1, 14, 10))
    titles = {m.id: m.title for m in overview.load_overview(store, TODAY).meetings}
    assert titles[custom] == "Klausurtagung"
    assert titles[plain] == "7. Sitzung 2027"


def test_check_findings_name_the_custom_title(store: Store) -> None:
    # five days ahead and not invited: inside the notice period, so `bezag check` names the meeting
    mid = _meeting(store, "Klausurtagung", datetime(2026, 11, 26, 10))
    texts = [f.text for f in checks.findings_about(store, Ref.meeting(mid), TODAY)]
    assert texts
    assert all("Klausurtagung" in t for t in texts), texts
    assert not any("7. Sitzung 2026" in t for t in texts)
