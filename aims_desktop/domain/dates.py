"""Dates as the domain writes them into messages and text the user keeps: "27 November 2026"
or "3 Mar 2027", the same in every locale."""

from __future__ import annotations

from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """3 Mar 2027: unambiguous in any country, and independent of the process locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


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
