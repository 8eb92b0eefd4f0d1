"""Date and date-time edits that show German dates (dd.MM.yyyy) and speak Python's date types.

Every editor uses these instead of configuring ``QDateEdit``/``QDateTimeEdit`` itself, so the display
format, the calendar pop-up and the conversion to ``date``/``datetime`` are the same everywhere.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

DATE_FORMAT = "dd.MM.yyyy"
DATETIME_FORMAT = "dd.MM.yyyy HH:mm"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_qdatetime(value: datetime) -> QDateTime:
    """Wall time, minutes precision (meetings are kept as local wall time, DOMAIN.md "Time")."""
    return QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute))


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class DateEdit(QDateEdit):
    """A day, shown as ``dd.MM.yyyy`` with a calendar pop-up."""

    def __init__(self, parent: QWidget | None = None, value: date | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(to_qdate(value))


class DateTimeEdit(QDateTimeEdit):
    """A day and a time of day, shown as ``dd.MM.yyyy HH:mm`` with a calendar pop-up."""

    def __init__(self, parent: QWidget | None = None, value: datetime | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATETIME_FORMAT)
        self.setCalendarPopup(True)
        if value is not None:
            self.set_value(value)

    def value(self) -> datetime:
        return from_qdatetime(self.dateTime())

    def set_value(self, value: datetime) -> None:
        self.setDateTime(to_qdatetime(value))
