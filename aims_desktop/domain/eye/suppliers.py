"""Checks on suppliers and AI providers (A.10)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.dates import long_date
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import SUPPLIER
from aims_desktop.domain.snapshot import ProjectSnapshot


def supplier_not_reviewed(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """A supplier never reviewed, or whose next review has passed."""
    spec = REGISTERS[SUPPLIER]
    for supplier in snapshot.records(SUPPLIER):
        label = spec.label(supplier)
        reviewed = getattr(supplier, "reviewed_on", None)
        due = getattr(supplier, "review_date", None)
        if reviewed is None:
            message = (
                f"No review of {label} is recorded. Check that they still meet what was "
                "agreed (A.10.3), record the date, and set the next review."
            )
        elif due is not None and due < snapshot.today:
            message = (
                f"The review of {label} was due on {long_date(due)}; the last one was on "
                f"{long_date(reviewed)}."
            )
        else:
            continue
        yield Finding(
            "supplier-not-reviewed",
            message,
            f"register:{SUPPLIER}:{supplier.id}",
            getattr(supplier, "ref", "") or label,
        )


RULES = (supplier_not_reviewed,)
