"""Drafts of the core documents (AI policy, scope, risk criteria, objectives) in our own words,
from the project's answers and records; edited as plain text, exported to DOCX and PDF."""

from aims_desktop.domain.drafting.core import (
    DraftInputs,
    DraftKind,
    RiskCriteriaFacts,
    ScaleLevel,
    draft,
    risk_criteria,
)
from aims_desktop.domain.drafting.model import Block, BlockKind, Draft, from_text, to_text

__all__ = [
    "Block",
    "BlockKind",
    "Draft",
    "DraftInputs",
    "DraftKind",
    "RiskCriteriaFacts",
    "ScaleLevel",
    "draft",
    "from_text",
    "risk_criteria",
    "to_text",
]
