"""Demo data: the days things happen on (meeting slots, working days, Bavarian public holidays)."""

from __future__ import annotations

from datetime import date, timedelta

from bezag_desktop.domain.codes import MeetingKind


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ``weekday`` (Monday 0) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def next_weekday(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holidays(year: int) -> set[date]:
    """Public holidays in Bavaria (as far as they close the offices in Oberbayern)."""
    sunday = easter(year)
    fixed = {(1, 1), (1, 6), (5, 1), (8, 15), (10, 3), (11, 1), (12, 24), (12, 25), (12, 26), (12, 31)}
    moving = {sunday + timedelta(days=n) for n in (-2, 1, 39, 50, 60)}
    return {date(year, mo, dy) for mo, dy in fixed} | moving


def workday(d: date) -> date:
    """``d`` or the next working day outside the Christmas break (21.12.–06.01.)."""
    while d.weekday() >= 5 or d in holidays(d.year) or (d.month, d.day) >= (12, 21) or (d.month, d.day) <= (1, 6):
        d += timedelta(days=1)
    return d


def constituent_day(year: int) -> date:
    """The constituent meeting: the last Thursday of January (the founding text: "Ende Januar")."""
    return nth_weekday(year, 1, 3, -1)


def plenary_days(first_year: int, last_year: int, today: date, notice: int) -> list[tuple[date, MeetingKind]]:
    """Three regular slots a year; the first meeting of the first year is the constituent one.

    One more meeting in the following March when nothing lies beyond the notice period yet, so the
    demo always has a planned meeting that still waits for its invitation.
    """
    days: list[tuple[date, MeetingKind]] = []
    for year in range(first_year, last_year + 1):
        if year == first_year:
            days.append((constituent_day(year), MeetingKind.KONSTITUIEREND))
        else:
            days.append((nth_weekday(year, 3, 2, 2), MeetingKind.ORDENTLICH))
        days.append((nth_weekday(year, 7, 3, 1), MeetingKind.ORDENTLICH))
        days.append((nth_weekday(year, 12, 3, 2), MeetingKind.ORDENTLICH))
    future = [d for d, _k in days if d >= today]
    if not any((d - today).days > notice for d in future):
        days.append((nth_weekday(last_year + 1, 3, 2, 2), MeetingKind.ORDENTLICH))
    return days
