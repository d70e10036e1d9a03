"""Dates and times as the application shows them: one format everywhere.

"3 Feb 2027" (day, abbreviated month name, year) in the user's language: the month in words
can be read the same way in every country, where "03/02/27" means March to some readers and
February to others. Times follow the user's locale ("17:44" or "5:44 PM"). Every page, dialog
and the status bar go through these functions, so the format is decided here and only here.
Reports keep their own English dates (reports/text.py): they are read by auditors anywhere.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

DATE_PATTERN = "d MMM yyyy"
"""Also the display format of every date field (widgets.fields.DateEdit)."""


def format_date(value: date) -> str:
    """ "3 Feb 2027" in the user's language."""
    return QLocale().toString(QDate(value.year, value.month, value.day), DATE_PATTERN)


def format_time(value: datetime) -> str:
    """The local time of day in the user's short format ("17:44", "5:44 PM")."""
    local = value.astimezone() if value.tzinfo is not None else value
    time = QTime(local.hour, local.minute, local.second)
    return QLocale().toString(time, QLocale.FormatType.ShortFormat)


def format_moment(value: datetime) -> str:
    """ "29 Nov 2026, 17:44" in local time."""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{format_date(local.date())}, {format_time(local)}"


def parse_stamp(stamp: str | None) -> datetime | None:
    """A stored UTC stamp ("2026-05-01T09:30:00Z") as an aware datetime, None if unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def format_stamp(stamp: str | None, never: str = "") -> str:
    """A stored UTC stamp in local time, or `never` when there is none."""
    moment = parse_stamp(stamp)
    if moment is None:
        return stamp or never
    return format_moment(moment)
