"""The date rules of ``domain.timeutil``: month arithmetic clamps to the month's end."""

from datetime import date

import pytest

from bezag_desktop.domain.timeutil import add_months, span_status


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 11, 21), 3, date(2027, 2, 21)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_backwards_across_a_year() -> None:
    assert add_months(date(2027, 2, 28), -3) == date(2026, 11, 28)
    assert add_months(date(2026, 5, 31), -3) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 22), None, "künftig"),
        (date(2026, 11, 21), date(2026, 11, 21), "laufend"),  # both days inclusive
        (None, None, "laufend"),
        (date(2020, 1, 1), date(2026, 11, 20), "beendet"),
        (None, date(2026, 11, 20), "beendet"),
    ],
)
def test_span_status_on_its_boundaries(start: date | None, end: date | None, expected: str) -> None:
    assert span_status(start, end, date(2026, 11, 21)) == expected
