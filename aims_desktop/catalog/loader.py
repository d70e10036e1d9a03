"""Load the catalogue from resources/catalog/*.toml into frozen pydantic models.

TOML keeps long prose readable in review and needs nothing beyond the standard library. The loader
checks the structure (parents exist, ids unique, cross-references resolve) so that a typo in the
data fails the test suite instead of confusing a user.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aims_desktop.catalog.models import (
    AnnexCEntry,
    CatalogItem,
    GuidanceQuestion,
    Heading,
    ItemKind,
    RecordToKeep,
    sort_key,
)
from aims_desktop.resources import resource_path

CATALOG_VERSION = "ISO/IEC 42001:2023 catalogue 1"

GENERIC_TITLES = frozenset({"General"})
"""Titles that say nothing without their parent's: 6.1.1, 7.5.1, 9.2.1 and 9.3.1 are all
"General"."""


class CatalogError(Exception):
    """The bundled catalogue data is malformed: a packaging or authoring bug, not user error."""


@dataclass(frozen=True)
class Catalog:
    """The whole catalogue, in the standard's order, with lookups by id."""

    headings: tuple[Heading, ...]
    items: tuple[CatalogItem, ...]
    objectives: tuple[AnnexCEntry, ...]
    risk_sources: tuple[AnnexCEntry, ...]
    version: str = CATALOG_VERSION
    _by_id: dict[str, CatalogItem] = field(default_factory=dict, repr=False, compare=False)
    _headings_by_id: dict[str, Heading] = field(default_factory=dict, repr=False, compare=False)

    _records_by_id: dict[str, RecordToKeep] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({item.id: item for item in self.items})
        self._headings_by_id.update({heading.id: heading for heading in self.headings})
        self._records_by_id.update({r.id: r for item in self.items for r in item.records})

    # -- records to keep -------------------------------------------------------------------

    @property
    def records_to_keep(self) -> tuple[RecordToKeep, ...]:
        """Every record the catalogue names, in the standard's order."""
        return tuple(r for item in self.items for r in item.records)

    @property
    def required_records(self) -> tuple[RecordToKeep, ...]:
        """The documented information the standard's clauses require, each record once (an
        entry restated under another item is left out): the mandatory documented information."""
        return tuple(r for r in self.records_to_keep if r.required and r.same_as is None)

    def record(self, record_id: str) -> RecordToKeep:
        try:
            return self._records_by_id[record_id]
        except KeyError:
            raise KeyError(f"no record to keep {record_id!r}") from None

    def has_record(self, record_id: str) -> bool:
        return record_id in self._records_by_id

    def same_record(self, record_id: str) -> tuple[str, ...]:
        """Every entry that stands for the same record as `record_id` (itself included)."""
        canonical = self.record(record_id).canonical_id
        return tuple(r.id for r in self.records_to_keep if r.canonical_id == canonical)

    def record_label(self, record_id: str) -> str:
        """ "5.2 AI policy (approved and version-controlled) (required by 5.2)"."""
        record = self.record(record_id)
        return f"{record.item_id} {record.text} ({record.basis_text.lower()})"

    def item(self, item_id: str) -> CatalogItem:
        try:
            return self._by_id[item_id]
        except KeyError:
            raise KeyError(f"no catalogue item {item_id!r}") from None

    def heading(self, heading_id: str) -> Heading:
        return self._headings_by_id[heading_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._by_id

    def title_of(self, some_id: str) -> str:
        """Title of an item or a heading, so cross-references can be shown with words."""
        if some_id in self._by_id:
            return self._by_id[some_id].title
        return self._headings_by_id[some_id].title

    def title_in_context(self, some_id: str) -> str:
        """The title, with its parent's where the title alone is ambiguous: "General (Management
        review)" for 9.3.1. For lists, links and reports where the parent is not shown nearby."""
        title = self.title_of(some_id)
        if title not in GENERIC_TITLES:
            return title
        parent = (
            self._by_id[some_id].parent
            if some_id in self._by_id
            else self._headings_by_id[some_id].parent
        )
        if parent is None:
            return title
        return f"{title} ({self.title_of(parent)})"

    def label(self, some_id: str) -> str:
        """Number and title in context: "9.3.1 General (Management review)", "A.2.2 AI policy"."""
        return f"{some_id} {self.title_in_context(some_id)}"

    @property
    def clauses(self) -> tuple[CatalogItem, ...]:
        return tuple(i for i in self.items if i.kind is ItemKind.CLAUSE)

    @property
    def controls(self) -> tuple[CatalogItem, ...]:
        return tuple(i for i in self.items if i.kind is ItemKind.CONTROL)

    @property
    def clause_headings(self) -> tuple[Heading, ...]:
        """The seven top-level clauses 4 to 10, in order."""
        return tuple(h for h in self.headings if h.parent is None and not h.id.startswith("A."))

    @property
    def annex_a_groups(self) -> tuple[Heading, ...]:
        """The nine Annex A groups A.2 to A.10, in order."""
        return tuple(h for h in self.headings if h.parent is None and h.id.startswith("A."))

    def children_of(self, heading_id: str) -> Iterator[CatalogItem]:
        """Assessable items under a heading at any depth (6 -> 6.1.1 ... 6.3)."""
        prefix = heading_id + "."
        return (i for i in self.items if i.id.startswith(prefix))

    def related(self, item_id: str) -> tuple[str, ...]:
        """Cross-references in both directions: the item's own, then items that point to it.

        Authors link where it helps the reader; navigation should work both ways without
        asking them to keep every pair in step by hand.
        """
        own = self.item(item_id).related
        back = tuple(i.id for i in self.items if item_id in i.related and i.id not in own)
        return own + back

    def sub_headings_of(self, heading_id: str) -> tuple[Heading, ...]:
        return tuple(h for h in self.headings if h.parent == heading_id)


def _parent_of(item_id: str) -> str:
    return item_id.rsplit(".", 1)[0]


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"cannot read catalogue file {path.name}: {exc}") from exc


def _headings(raw: list[dict[str, Any]]) -> list[Heading]:
    headings = []
    for entry in raw:
        parent = (
            _parent_of(entry["id"])
            if entry["id"].count(".") > (1 if entry["id"].startswith("A.") else 0)
            else None
        )
        headings.append(Heading(parent=parent, **entry))
    return headings


_BASIS_KEYS = ("required_by", "same_as", "basis")


def _records(item_id: str, raw: list[Any]) -> tuple[RecordToKeep, ...]:
    """Records as the TOML states them; each must say why it is kept (required by a clause,
    the same as another entry, or good practice), so nobody has to guess."""
    records = []
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise CatalogError(f"{item_id}: record {n} must say why it is kept")
        data = dict(entry)
        stated = [k for k in _BASIS_KEYS if k in data]
        if len(stated) != 1:
            raise CatalogError(
                f"{item_id}: record {n} needs exactly one of required_by, same_as or basis"
            )
        if data.pop("basis", "good practice") != "good practice":
            raise CatalogError(f"{item_id}: record {n} has an unknown basis")
        records.append(RecordToKeep(id=f"{item_id}:r{n}", item_id=item_id, **data))
    return tuple(records)


def _items(raw: list[dict[str, Any]], kind: ItemKind) -> list[CatalogItem]:
    items = []
    for entry in raw:
        data = dict(entry)
        questions = tuple(
            GuidanceQuestion(key=f"q{n}", text=text)
            for n, text in enumerate(data.pop("questions", []), start=1)
        )
        records = _records(data["id"], data.pop("records", []))
        items.append(
            CatalogItem(
                kind=kind,
                parent=_parent_of(data["id"]),
                questions=questions,
                records=records,
                **data,
            )
        )
    return items


def _resolve_same_records(items: list[CatalogItem]) -> list[CatalogItem]:
    """A record restated under another item is required by the same clause as the entry it
    points at."""
    by_id = {r.id: r for item in items for r in item.records}
    resolved = []
    for item in items:
        records = []
        for record in item.records:
            if record.same_as is not None:
                target = by_id.get(record.same_as)
                if target is None or target.same_as is not None or not target.required:
                    raise CatalogError(
                        f"{record.id} is the same as {record.same_as}, which is not a "
                        "required record of its own"
                    )
                record = record.model_copy(update={"required_by": target.required_by})
            records.append(record)
        resolved.append(item.model_copy(update={"records": tuple(records)}))
    return resolved


def _check_structure(catalog: Catalog) -> None:
    ids = [i.id for i in catalog.items] + [h.id for h in catalog.headings]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise CatalogError(f"duplicate catalogue ids: {sorted(duplicates)}")
    heading_ids = {h.id for h in catalog.headings}
    for item in catalog.items:
        if item.parent not in heading_ids:
            raise CatalogError(f"{item.id} has no heading {item.parent}")
        for record in item.records:
            if record.required_by is not None and (
                not catalog.has_item(record.required_by)
                or catalog.item(record.required_by).is_control
            ):
                raise CatalogError(f"{record.id} is required by unknown clause")
        for ref in item.related:
            if ref not in heading_ids and not catalog.has_item(ref):
                raise CatalogError(f"{item.id} refers to unknown {ref}")
            if ref == item.id:
                raise CatalogError(f"{item.id} refers to itself")
    for heading in catalog.headings:
        if heading.parent is not None and heading.parent not in heading_ids:
            raise CatalogError(f"heading {heading.id} has no parent {heading.parent}")


def load_catalog_from(folder: Path) -> Catalog:
    clauses = _read(folder / "clauses.toml")
    annex_a = _read(folder / "annex_a.toml")
    annex_c = _read(folder / "annex_c.toml")
    try:
        headings = _headings(clauses.get("heading", [])) + _headings(annex_a.get("group", []))
        items = _resolve_same_records(
            _items(clauses.get("item", []), ItemKind.CLAUSE)
            + _items(annex_a.get("control", []), ItemKind.CONTROL)
        )
        objectives = tuple(AnnexCEntry(**e) for e in annex_c.get("objective", []))
        risk_sources = tuple(AnnexCEntry(**e) for e in annex_c.get("risk_source", []))
    except (ValidationError, KeyError, TypeError) as exc:
        raise CatalogError(f"catalogue data is invalid: {exc}") from exc
    catalog = Catalog(
        headings=tuple(sorted(headings, key=lambda h: sort_key(h.id))),
        items=tuple(sorted(items, key=lambda i: sort_key(i.id))),
        objectives=objectives,
        risk_sources=risk_sources,
    )
    _check_structure(catalog)
    return catalog


@cache
def load_catalog() -> Catalog:
    """The bundled catalogue, loaded once per process."""
    return load_catalog_from(resource_path("catalog"))
