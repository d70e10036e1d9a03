"""AI system impact assessments (6.1.4, 8.4, A.5): what an AI system could do to people and to
society, judged before it is used and again when it changes.

Each assessment covers one AI system, is dated and carries a version; a revision is a new
assessment that points at the one it replaces, so the earlier results stay on file. Its impacts
are child records, each positive or negative with a severity and a likelihood. The guided
questions are our own words.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from aims_desktop.domain.fields import (
    ChildRecord,
    RegisterRecord,
    choice,
    date_field,
    link,
    long_text,
    person,
    scale,
    text,
)
from aims_desktop.domain.registers import keys
from aims_desktop.domain.registers.keys import AI_SYSTEM, IMPACT, IMPACT_ASSESSMENT
from aims_desktop.domain.registers.spec import RegisterSpec

RISK_REGISTER: str | None = getattr(keys, "RISK", None)
"""The risk register's key, once it exists (it arrives with the risk register): an impact then
links to the risks it feeds."""


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return {
            "draft": "In progress",
            "completed": "Completed",
            "superseded": "Superseded by a later version",
        }[self.value]


class AssessmentResult(StrEnum):
    ACCEPTABLE = "acceptable"
    WITH_MEASURES = "with_measures"
    NOT_ACCEPTABLE = "not_acceptable"

    @property
    def label(self) -> str:
        return {
            "acceptable": "Acceptable as it is",
            "with_measures": "Acceptable with the measures listed",
            "not_acceptable": "Not acceptable: do not use it (as planned)",
        }[self.value]


class ImpactAssessment(RegisterRecord):
    ref: str = text("Reference", "A short number, such as IA-002.")
    title: str = text("Assessment", "What is assessed, in a few words.", required=True)
    ai_systems: tuple[str, ...] = link(
        "AI system", AI_SYSTEM, "The AI system this assessment is about.", max_links=1
    )
    version: str = text("Version", "Such as 1.0; a revision gets the next number.")
    assessed_on: date | None = date_field("Date of the assessment")
    status: AssessmentStatus | None = choice("Status")
    intended_use: str = long_text(
        "Intended use", "What the system is for, who uses it, and in which situations."
    )
    misuse: str = long_text(
        "Foreseeable misuse",
        "Ways people could reasonably use it other than intended, by mistake or on purpose.",
    )
    affected: str = long_text(
        "Individuals and groups affected",
        "Who is touched by its outputs or decisions, directly or indirectly.",
    )
    vulnerable: str = long_text(
        "Vulnerable groups",
        "Children, older people, people with disabilities or in difficulty, anyone less able "
        "to understand or challenge the system.",
    )
    societal: str = long_text(
        "Effects on society",
        "Effects beyond individuals: on communities, the environment, public services, "
        "trust, the information people receive.",
    )
    measures: str = long_text(
        "Measures taken", "What reduces the negative impacts or strengthens the positive ones."
    )
    result: AssessmentResult | None = choice("Result")
    conclusion: str = long_text("Conclusion", "The reasoning behind the result, in a few lines.")
    assessor: str = person("Carried out by")
    reviewer: str = person("Reviewed by", "Someone other than the assessor, ideally.")
    reviewed_on: date | None = date_field("Reviewed on")
    review_date: date | None = date_field("Next review")
    review_trigger: str = long_text(
        "Changes that call for a new assessment",
        "Such as a new use, new data, a new model or supplier, or a serious complaint.",
        lines=2,
    )
    previous: tuple[str, ...] = link(
        "Earlier version",
        IMPACT_ASSESSMENT,
        "The assessment this one revises (kept on file).",
        max_links=1,
    )


def _assessment_rules(record: ImpactAssessment) -> list[str]:
    if record.status is AssessmentStatus.COMPLETED:
        missing = [
            title
            for title, value in (
                ("“Date of the assessment”", record.assessed_on),
                ("“Carried out by”", record.assessor.strip()),
                ("“Result”", record.result),
            )
            if not value
        ]
        if missing:
            return [
                "A completed impact assessment needs "
                + ", ".join(missing[:-1])
                + (" and " if len(missing) > 1 else "")
                + missing[-1]
                + "."
            ]
    if record.id in record.previous:
        return ["An assessment cannot be its own earlier version."]
    return []


GUIDE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "intended_use",
        (
            "What task does the system do, and which decisions rest on its output?",
            "Who operates it, and who receives its results?",
            "Where and when is it used, and how often?",
        ),
    ),
    (
        "misuse",
        (
            "How could a user rely on it for something it was not built or tested for?",
            "What would someone trying to cheat it, or to harm others with it, try?",
            "What happens when it is used with data unlike the data it was built on?",
        ),
    ),
    (
        "affected",
        (
            "Whose situation changes because of an output: customers, staff, the public?",
            "Who is affected without ever using the system?",
            "Can an affected person find out, ask for a person, and challenge the result?",
        ),
    ),
    (
        "vulnerable",
        (
            "Could children, older people or people with disabilities meet the system?",
            "Is anyone affected in a weak position to complain (job applicants, debtors)?",
            "Does it work as well for every group, language and accessibility need?",
        ),
    ),
    (
        "societal",
        (
            "Could it change what people see, believe or can access at scale?",
            "What does it cost the environment (energy, hardware) to build and run?",
            "Could it weaken trust in your organisation or in a public service?",
        ),
    ),
    (
        "measures",
        (
            "Which human checks, limits or safeguards are in place for each negative impact?",
            "How will you notice if an impact is worse than expected?",
        ),
    ),
)
"""Guided questions for the whole assessment (our own words)."""


IMPACT_ASSESSMENTS = RegisterSpec(
    key=IMPACT_ASSESSMENT,
    model=ImpactAssessment,
    title="Impact assessment",
    plural="Impact assessments",
    slug="impact-assessments",
    description=(
        "What each AI system could do to people, groups and society, good and bad, judged "
        "before it is used and again when it changes: dated, versioned and reviewed."
    ),
    evidence_for=("6.1.4", "8.4", "A.5.2", "A.5.3", "A.5.4", "A.5.5"),
    columns=("ref", "title", "ai_systems", "version", "assessed_on", "status", "review_date"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_assessment_rules,
    group="planning",
    ref_prefix="IA",
    hidden_columns=("version",),
    guide=GUIDE,
)


class ImpactArea(StrEnum):
    RIGHTS = "rights"
    SAFETY = "safety"
    LIVELIHOODS = "livelihoods"
    ENVIRONMENT = "environment"
    SOCIETY = "society"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "rights": "Rights and freedoms (privacy, fairness, dignity)",
            "safety": "Health and safety",
            "livelihoods": "Work, income and livelihoods",
            "environment": "Environment",
            "society": "Society and democracy",
            "other": "Other",
        }[self.value]


class Direction(StrEnum):
    NEGATIVE = "negative"
    POSITIVE = "positive"

    @property
    def label(self) -> str:
        return {"negative": "Negative", "positive": "Positive"}[self.value]


class Impact(ChildRecord):
    description: str = text("Impact", "The impact in one line.", required=True)
    area: ImpactArea | None = choice("Area")
    direction: Direction | None = choice("Positive or negative")
    who: str = text("Who is affected")
    severity: int | None = scale("Severity", "1: slight and easily undone; 5: severe or lasting.")
    likelihood: int | None = scale("Likelihood", "1: hardly ever; 5: almost certainly.")
    measures: str = long_text("Measures", "What limits it (or, if positive, secures it).", lines=3)


ImpactModel: type[Impact] = Impact
if RISK_REGISTER is not None:  # pragma: no cover - the risk register arrives separately
    _RISKS: str = RISK_REGISTER

    class ImpactFeedingRisks(Impact):
        risks: tuple[str, ...] = link(
            "Risks it feeds",
            _RISKS,
            "The risks in the risk register that take account of this impact (6.1.2).",
        )

    ImpactModel = ImpactFeedingRisks


def _impact_rules(record: Any) -> list[str]:
    if record.direction is Direction.NEGATIVE and record.severity is None:
        return [f"Give the severity of the negative impact “{record.description}”."]
    return []


IMPACTS = RegisterSpec(
    key=IMPACT,
    model=ImpactModel,
    title="Impact",
    plural="Impacts",
    slug="impacts",
    description="The impacts an impact assessment found, each with its severity and likelihood.",
    evidence_for=("A.5.4", "A.5.5"),
    columns=("description", "area", "direction", "severity", "likelihood"),
    label_fields=("description",),
    rules=_impact_rules,
    group="planning",
    parent=IMPACT_ASSESSMENT,
    guide=(
        (
            "description",
            (
                "What could go wrong for someone because of an output, and what could go right?",
                "Does it touch rights (privacy, fairness, free expression), safety, jobs or "
                "income, or the environment?",
            ),
        ),
        (
            "severity",
            ("How bad, and how easily undone, would the worst realistic case be?",),
        ),
    ),
)
