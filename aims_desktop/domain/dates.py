"""Dates in the words the application writes into text the user keeps (review inputs, checks)."""

from __future__ import annotations

from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """3 Mar 2027: unambiguous in any country, and independent of the process locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
