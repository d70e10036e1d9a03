"""Dates and times as the user reads them: the user's locale, a month in words, never the bare
numeric form (is 03/04 March or April?)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale


def format_date(value: date | None) -> str:
    """ "3 Feb 2027" in English, in the user's language and order elsewhere."""
    if value is None:
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale.toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def format_stamp(stamp: str | None) -> str:
    """A stored UTC time stamp in local time: "1 May 2026, 10:30"."""
    if not stamp:
        return QCoreApplication.translate("dates", "never")
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return f"{format_date(moment.date())}, {QLocale().toString(shown.time(), 'HH:mm')}"
