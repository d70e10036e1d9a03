"""Project snapshots built in memory, for the pure checks of the domain (no database)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.organisation import Organisation
from aims_desktop.domain.readiness import compute_readiness
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

CATALOG = load_catalog()
TODAY = date(2027, 3, 15)


def snapshot(
    *records: RegisterRecord,
    keys: Mapping[type, str] | None = None,
    statuses: Mapping[str, Status] | None = None,
    today: date = TODAY,
) -> ProjectSnapshot:
    """A snapshot of the given records (filed under their register by model class) and
    assessments with the given statuses."""
    from aims_desktop.domain.registers import REGISTERS

    by_model = {spec.model: key for key, spec in REGISTERS.items()}
    by_model.update(keys or {})
    registers: dict[str, tuple[RegisterRecord, ...]] = {}
    for record in records:
        key = by_model[type(record)]
        registers[key] = (*registers.get(key, ()), record)
    assessments = {i: _assessment(i, s) for i, s in (statuses or {}).items()}
    return ProjectSnapshot(
        catalog=CATALOG,
        organisation=Organisation(name="Acme", scope="All AI systems of Acme."),
        assessments=assessments,
        evidence=(),
        readiness=compute_readiness(CATALOG, assessments),
        actions=(),
        not_assessed=(),
        revision=1,
        fingerprint="",
        generated_at=datetime(today.year, today.month, today.day, 9, tzinfo=UTC),
        prepared_by="",
        registers=registers,
    )


def _assessment(item_id: str, status: Status) -> Assessment:
    """A control with an implementation status has been decided to apply."""
    from aims_desktop.domain.assessment import IMPLEMENTATION_STATUSES, Applicability

    if item_id.startswith("A.") and status in IMPLEMENTATION_STATUSES:
        return Assessment(item_id=item_id, status=status, applicability=Applicability.APPLICABLE)
    return Assessment(item_id=item_id, status=status)


def all_met(items: Iterable[str] | None = None) -> dict[str, Status]:
    return {i.id: Status.MET for i in CATALOG.items if items is None or i.id in set(items)}
