"""The AI risk register (6.1.2 assessment, 6.1.3 treatment, 8.2 and 8.3 in operation).

One record per risk: what could go wrong, with which AI systems, from which Annex C source and
threatening which objective; what it would mean for the organisation, for individuals and for
society; how likely and how bad it is on the project's own scales (the risk criteria); and its
treatment: the option, the controls chosen (Annex A controls and the organisation's own), the
plan with its owner and due date, the risk that remains afterwards and who accepted it.

Levels are computed from the criteria, never stored: a change of the matrix re-rates every risk.
The one hard rule is the one an auditor checks first: a risk is only "accepted" once a named
person has accepted what remains of it, on a recorded date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any

from aims_desktop.domain.fields import (
    CONTROLS,
    RegisterRecord,
    choice,
    choices,
    date_field,
    link,
    long_text,
    person,
    scale,
    text,
)
from aims_desktop.domain.registers.keys import AI_SYSTEM, ORGANISATION_CONTROL, RISK
from aims_desktop.domain.registers.spec import ComputedColumn, RecordContext, RegisterSpec
from aims_desktop.domain.risk_criteria import CONSEQUENCE, LIKELIHOOD, RiskCriteria


class RiskSource(StrEnum):
    """The risk sources of ISO/IEC 42001 Annex C.3 (numbers and short titles are facts)."""

    COMPLEXITY = "C.3.1"
    TRANSPARENCY = "C.3.2"
    AUTOMATION = "C.3.3"
    MACHINE_LEARNING = "C.3.4"
    HARDWARE = "C.3.5"
    LIFE_CYCLE = "C.3.6"
    READINESS = "C.3.7"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SOURCE_TITLES[self.value]

    @property
    def aliases(self) -> tuple[str, ...]:
        """Words a spreadsheet may use instead: the title without its number."""
        return (_SOURCE_TITLES[self.value].partition(" ")[2],) if self.value != "other" else ()


_SOURCE_TITLES = {
    "C.3.1": "C.3.1 Complexity of environment",
    "C.3.2": "C.3.2 Lack of transparency and explainability",
    "C.3.3": "C.3.3 Level of automation",
    "C.3.4": "C.3.4 Risk sources related to machine learning",
    "C.3.5": "C.3.5 System hardware issues",
    "C.3.6": "C.3.6 System life cycle issues",
    "C.3.7": "C.3.7 Technology readiness",
    "other": "Other (described below)",
}


class AIObjective(StrEnum):
    """The AI-related objectives of ISO/IEC 42001 Annex C.2 that a risk can threaten."""

    ACCOUNTABILITY = "C.2.1"
    EXPERTISE = "C.2.2"
    DATA_QUALITY = "C.2.3"
    ENVIRONMENT = "C.2.4"
    FAIRNESS = "C.2.5"
    MAINTAINABILITY = "C.2.6"
    PRIVACY = "C.2.7"
    ROBUSTNESS = "C.2.8"
    SAFETY = "C.2.9"
    SECURITY = "C.2.10"
    TRANSPARENCY = "C.2.11"

    @property
    def label(self) -> str:
        return _OBJECTIVE_TITLES[self.value]

    @property
    def aliases(self) -> tuple[str, ...]:
        return (_OBJECTIVE_TITLES[self.value].partition(" ")[2],)


_OBJECTIVE_TITLES = {
    "C.2.1": "C.2.1 Accountability",
    "C.2.2": "C.2.2 AI expertise",
    "C.2.3": "C.2.3 Availability and quality of training and test data",
    "C.2.4": "C.2.4 Environmental impact",
    "C.2.5": "C.2.5 Fairness",
    "C.2.6": "C.2.6 Maintainability",
    "C.2.7": "C.2.7 Privacy",
    "C.2.8": "C.2.8 Robustness",
    "C.2.9": "C.2.9 Safety",
    "C.2.10": "C.2.10 Security",
    "C.2.11": "C.2.11 Transparency and explainability",
}


class RiskStatus(StrEnum):
    """Where a risk stands. Stored by value: never rename one."""

    OPEN = "open"
    IN_TREATMENT = "in_treatment"
    TREATED = "treated"
    ACCEPTED = "accepted"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "in_treatment": "Treatment in progress",
            "treated": "Treated (to be accepted)",
            "accepted": "Accepted",
            "closed": "Closed (no longer applies)",
        }[self.value]

    @property
    def aliases(self) -> tuple[str, ...]:
        """What spreadsheets of small companies tend to say instead."""
        return {
            "open": ("new", "identified", "to do", "not started"),
            "in_treatment": ("in progress", "ongoing", "in treatment", "being treated"),
            "treated": ("done", "complete", "completed", "mitigated", "implemented"),
            "accepted": ("residual accepted", "signed off"),
            "closed": ("retired", "obsolete", "no longer applies"),
        }[self.value]

    @property
    def is_live(self) -> bool:
        return self is not RiskStatus.CLOSED


class TreatmentOption(StrEnum):
    """The four ways of treating a risk."""

    MODIFY = "modify"
    AVOID = "avoid"
    SHARE = "share"
    RETAIN = "retain"

    @property
    def label(self) -> str:
        return {
            "modify": "Modify (reduce it with controls)",
            "avoid": "Avoid (stop or change the activity)",
            "share": "Share (with a supplier or insurer)",
            "retain": "Retain (accept it as it is)",
        }[self.value]

    @property
    def aliases(self) -> tuple[str, ...]:
        return {
            "modify": ("reduce", "mitigate", "treat"),
            "avoid": ("terminate", "stop"),
            "share": ("transfer", "insure"),
            "retain": ("accept", "tolerate"),
        }[self.value]


class Risk(RegisterRecord):
    ref: str = text("Reference", "A short number, such as R-007.", aliases=("id", "risk id", "no"))
    title: str = text(
        "Risk",
        "What could go wrong, in one line: the event and what it leads to.",
        required=True,
        aliases=("risk title", "risk name", "name"),
    )
    description: str = long_text(
        "Description", "How it could happen, and what makes it more or less likely."
    )
    ai_systems: tuple[str, ...] = link(
        "AI systems",
        AI_SYSTEM,
        "The AI systems the risk comes from or affects.",
        aliases=("system", "systems", "ai system"),
    )
    sources: frozenset[RiskSource] = choices(
        "Risk sources (Annex C.3)", "Where the risk comes from. Choose Other to describe another."
    )
    other_source: str = text("Other source", "The source, when it is not in the Annex C list.")
    objectives: frozenset[AIObjective] = choices(
        "Objectives it threatens (Annex C.2)",
        "The AI objectives of the organisation that the risk puts at stake.",
    )
    consequence_organisation: str = long_text(
        "Consequences for the organisation", "Money, reputation, contracts, regulators, operations."
    )
    consequence_individuals: str = long_text(
        "Consequences for individuals",
        "Harm to the people the AI system affects: their rights, safety, money or dignity.",
    )
    consequence_society: str = long_text(
        "Consequences for society", "Wider effects: groups, trust, the environment."
    )
    likelihood: int | None = scale(
        "Likelihood",
        "How likely it is, before treatment, on your likelihood scale (see the risk criteria).",
        levels=LIKELIHOOD,
        aliases=("probability", "likelihood score"),
    )
    consequence: int | None = scale(
        "Consequence",
        "How bad it would be, before treatment, on your consequence scale.",
        levels=CONSEQUENCE,
        aliases=("impact", "severity", "consequence score"),
    )
    owner: str = person("Risk owner", "Who is accountable for the risk.", aliases=("owner",))
    status: RiskStatus | None = choice("Status", aliases=("state",))
    review_date: date | None = date_field("Next review")
    option: TreatmentOption | None = choice(
        "Treatment option", "Modify, avoid, share or retain.", aliases=("response",)
    )
    controls: tuple[str, ...] = link(
        "Annex A controls chosen",
        CONTROLS,
        "The Annex A controls that treat the risk; they show in the Statement of "
        "Applicability as the reason for including them.",
    )
    organisation_controls: tuple[str, ...] = link(
        "Our own controls chosen",
        ORGANISATION_CONTROL,
        "Controls of your own, beyond Annex A, that treat the risk.",
    )
    treatment_plan: str = long_text(
        "Treatment plan",
        "What will be done, by when, and how you will know it worked.",
        aliases=("treatment", "mitigation", "actions", "action plan"),
    )
    treatment_owner: str = person("Treatment owner", "Who carries out the plan.")
    treatment_due: date | None = date_field("Treatment due", "When the plan should be done.")
    residual_likelihood: int | None = scale(
        "Residual likelihood", "How likely it is once treated.", levels=LIKELIHOOD
    )
    residual_consequence: int | None = scale(
        "Residual consequence", "How bad it would be once treated.", levels=CONSEQUENCE
    )
    accepted_by: str = person(
        "Residual risk accepted by",
        "The person (a name and role) who accepted the risk that remains after treatment.",
    )
    accepted_on: date | None = date_field("Accepted on", "When the remaining risk was accepted.")


# -- levels ------------------------------------------------------------------------------------


def inherent_level(risk: Any, criteria: RiskCriteria) -> int | None:
    """The risk level before treatment, from the project's matrix."""
    return criteria.level(risk.likelihood, risk.consequence)


def residual_scores(risk: Any) -> tuple[int | None, int | None]:
    """Likelihood and consequence after treatment: as recorded, or (for a risk retained as it
    is and not rated again) the inherent ones."""
    if risk.residual_likelihood is not None or risk.residual_consequence is not None:
        return risk.residual_likelihood, risk.residual_consequence
    if risk.option is TreatmentOption.RETAIN:
        return risk.likelihood, risk.consequence
    return None, None


def residual_level(risk: Any, criteria: RiskCriteria) -> int | None:
    likelihood, consequence = residual_scores(risk)
    return criteria.level(likelihood, consequence)


def has_treatment(risk: Any) -> bool:
    """An option is chosen, and (unless the risk is retained) something is done about it:
    controls chosen or a plan written."""
    if risk.option is None:
        return False
    if risk.option is TreatmentOption.RETAIN:
        return True
    return bool(risk.controls or risk.organisation_controls or risk.treatment_plan.strip())


def is_accepted(risk: Any) -> bool:
    return bool(risk.accepted_by.strip()) and risk.accepted_on is not None


def _rules(record: Risk) -> list[str]:
    problems: list[str] = []
    if record.status is RiskStatus.ACCEPTED:
        if not is_accepted(record):
            problems.append(
                f"“{record.title}” can only be recorded as accepted once a named person has "
                "accepted the risk that remains: fill in “Residual risk accepted by” and "
                "“Accepted on” first. An auditor asks who accepted every residual risk."
            )
        elif residual_scores(record) == (None, None) or None in residual_scores(record):
            problems.append(
                f"Rate what remains of “{record.title}” (residual likelihood and consequence) "
                "before it is recorded as accepted: the person accepting it needs to know how "
                "big it is."
            )
    return problems


def _level_column(residual: bool) -> Any:
    def compute(record: Any, context: RecordContext) -> tuple[str, Any]:
        criteria = context.criteria
        likelihood, consequence = (
            residual_scores(record) if residual else (record.likelihood, record.consequence)
        )
        level = criteria.level(likelihood, consequence)
        if level is None:
            return "", (True, 0, 0)
        return criteria.rating_text(likelihood, consequence), (
            False,
            level,
            (likelihood or 0) * (consequence or 0),
        )

    return compute


INHERENT = "inherent_level"
RESIDUAL = "residual_level"

RISKS = RegisterSpec(
    key=RISK,
    model=Risk,
    title="Risk",
    plural="AI risks",
    slug="risks",
    description=(
        "What could go wrong with your AI systems, how likely and how bad it is on your own "
        "scales, and what you do about it: the treatment option, the controls chosen, the plan, "
        "and who accepted the risk that remains."
    ),
    evidence_for=("6.1.2", "6.1.3", "8.2", "8.3"),
    columns=(
        "ref",
        "title",
        "ai_systems",
        INHERENT,
        "option",
        "owner",
        "status",
        RESIDUAL,
        "review_date",
    ),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_rules,
    group="planning",
    ref_prefix="R",
    hidden_columns=("review_date",),
    computed=(
        ComputedColumn(
            INHERENT,
            "Inherent level",
            "The risk level before treatment, from your risk matrix.",
            _level_column(residual=False),
            after="consequence",
        ),
        ComputedColumn(
            RESIDUAL,
            "Residual level",
            "The risk level that remains after treatment.",
            _level_column(residual=True),
            after="residual_consequence",
        ),
    ),
)


def live(risks: Iterable[Any]) -> list[Any]:
    """Risks that still apply (not closed)."""
    return [r for r in risks if r.status is not RiskStatus.CLOSED]
