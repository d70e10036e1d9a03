"""Dates as messages of the domain write them: "27 November 2026", the same in every locale."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """27 November 2026: unambiguous on both sides of the Atlantic, and never in the process
    locale's language."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
