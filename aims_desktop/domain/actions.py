"""The action plan: every gap with its owner and target date, the most urgent first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from aims_desktop.catalog import Catalog
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.status import Status


@dataclass(frozen=True)
class Action:
    item_id: str
    title: str
    status: Status
    owner: str
    target_date: date | None
    notes: str
    overdue: bool


def action_plan(
    catalog: Catalog, assessments: Mapping[str, Assessment], today: date
) -> list[Action]:
    """Not met and partially met items: overdue first, then by target date, undated last."""
    actions = [
        Action(
            item_id=item.id,
            title=catalog.title_in_context(item.id),
            status=a.status,
            owner=a.owner,
            target_date=a.target_date,
            notes=a.notes,
            overdue=a.target_date is not None and a.target_date < today,
        )
        for item in catalog.items
        if (a := assessments.get(item.id)) is not None and a.status.is_gap
    ]
    order = {item.id: n for n, item in enumerate(catalog.items)}
    return sorted(
        actions,
        key=lambda x: (
            not x.overdue,
            x.target_date is None,
            x.target_date or date.max,
            order[x.item_id],
        ),
    )


def not_assessed(catalog: Catalog, assessments: Mapping[str, Assessment]) -> list[str]:
    """Ids of items nobody has assessed yet, in catalogue order."""
    return [
        item.id
        for item in catalog.items
        if (a := assessments.get(item.id)) is None or a.status is Status.NOT_ASSESSED
    ]
