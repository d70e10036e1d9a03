"""The ISO/IEC 42001:2023 catalogue: clauses 4-10, Annex A controls and Annex C lists."""

from aims_desktop.catalog.loader import Catalog, CatalogError, load_catalog
from aims_desktop.catalog.models import (
    AnnexCEntry,
    CatalogItem,
    GuidanceQuestion,
    Heading,
    ItemKind,
    RecordBasis,
    RecordToKeep,
    sort_key,
)

__all__ = [
    "AnnexCEntry",
    "Catalog",
    "CatalogError",
    "CatalogItem",
    "GuidanceQuestion",
    "Heading",
    "ItemKind",
    "RecordBasis",
    "RecordToKeep",
    "load_catalog",
    "sort_key",
]
