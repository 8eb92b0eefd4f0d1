"""Time in one meaning everywhere: Europe/Berlin wall time, ISO 8601 with offset, dd.MM.yyyy."""

from __future__ import annotations

import calendar
import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bezag_desktop.domain.errors import ValidationError

BERLIN = ZoneInfo("Europe/Berlin")


def today() -> date:
    """Today in Europe/Berlin; ``BEZAG_TODAY=YYYY-MM-DD`` fixes it for demos and tests."""
    fixed = os.environ.get("BEZAG_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    return datetime.now(BERLIN).date()


def now_local() -> datetime:
    """Now as naive Europe/Berlin wall time (the form meetings are stored in)."""
    fixed = os.environ.get("BEZAG_TODAY")
    if fixed:
        return datetime.combine(date.fromisoformat(fixed), time(12, 0))
    return datetime.now(BERLIN).replace(tzinfo=None)


def utc_now() -> datetime:
    return datetime.now(UTC)


def aware(local: datetime) -> datetime:
    """Attach Europe/Berlin to a stored naive wall time."""
    return local.replace(tzinfo=BERLIN) if local.tzinfo is None else local.astimezone(BERLIN)


def iso_local(local: datetime | None) -> str | None:
    """``2027-03-10T14:00:00+01:00`` for a stored wall time."""
    if local is None:
        return None
    return aware(local).isoformat(timespec="seconds")


def iso_date(d: date | None) -> str | None:
    return d.isoformat() if d else None


def parse_local(text: str) -> datetime:
    """Read ISO 8601 date-time; without an offset it is Berlin wall time. Returns naive wall time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"„{text}“ ist kein gültiger Zeitpunkt. Erwartet wird z. B. 2027-03-10T14:00.") from None
    if value.tzinfo is not None:
        value = value.astimezone(BERLIN).replace(tzinfo=None)
    return value


def parse_date(text: str) -> date:
    """Read ``YYYY-MM-DD`` or ``TT.MM.JJJJ``."""
    s = text.strip()
    try:
        if "." in s:
            d, m, y = s.split(".")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(s)
    except ValueError:
        raise ValidationError(f"„{text}“ ist kein gültiges Datum (TT.MM.JJJJ).") from None


def fmt_date(d: date | datetime | None) -> str:
    """``21.11.2026``; empty for no date."""
    return d.strftime("%d.%m.%Y") if d else ""


def fmt_time(dt: datetime | None) -> str:
    return dt.strftime("%H:%M") if dt else ""


def fmt_datetime(dt: datetime | None) -> str:
    return f"{fmt_date(dt)} {fmt_time(dt)} Uhr" if dt else ""


WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def fmt_long_date(d: date | datetime) -> str:
    """``Mittwoch, 10.03.2027``."""
    return f"{WEEKDAYS[d.weekday()]}, {fmt_date(d)}"


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31.08. + 6 = 28./29.02.)."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def term_end(start: date, years: int) -> date:
    """Inclusive end of a term of ``years`` starting on ``start``: the day before the anniversary."""
    return add_years(start, years) - timedelta(days=1)


def is_current(start: date | None, end: date | None, on: date) -> bool:
    """Inclusive validity of a mandate or term on a day."""
    return (start is None or start <= on) and (end is None or on <= end)


def span_status(start: date | None, end: date | None, on: date) -> str:
    """Where a mandate or term stands on ``on``: "künftig", "laufend" or "beendet" (the lists' status column)."""
    if start is not None and start > on:
        return "künftig"
    return "laufend" if is_current(start, end, on) else "beendet"
