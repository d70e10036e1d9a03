"""First drafts of the core documents, from what the project already says: the AI policy (5.2),
the scope statement (4.3), the AI risk criteria (6.1.1) and the AI objectives (6.2).

Every sentence is our own wording. A draft says only what the project's records and answers
support; where they are silent it leaves a placeholder in square brackets for the user to fill
in, so nothing invented ends up in an approved document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from aims_desktop.catalog import Catalog
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.dates import long_date
from aims_desktop.domain.drafting.model import Block, Draft, bullets, heading, paragraph
from aims_desktop.domain.fields import enum_label
from aims_desktop.domain.organisation import AIRole, Organisation
from aims_desktop.domain.status import Answer


class DraftKind(StrEnum):
    AI_POLICY = "ai-policy"
    SCOPE = "scope"
    RISK_CRITERIA = "risk-criteria"
    OBJECTIVES = "objectives"

    @property
    def document_title(self) -> str:
        return {
            "ai-policy": "AI policy",
            "scope": "Scope of the AI management system",
            "risk-criteria": "AI risk criteria",
            "objectives": "AI objectives and plans to achieve them",
        }[self.value]

    @property
    def clause(self) -> str:
        return {"ai-policy": "5.2", "scope": "4.3", "risk-criteria": "6.1.1", "objectives": "6.2"}[
            self.value
        ]

    @property
    def requirements(self) -> tuple[str, ...]:
        """The clauses and controls a document of this kind serves."""
        return {
            "ai-policy": ("5.2", "A.2.2"),
            "scope": ("4.3",),
            "risk-criteria": ("6.1.1", "6.1.2"),
            "objectives": ("6.2",),
        }[self.value]

    @property
    def record(self) -> str:
        """The catalogue's record to keep that a document of this kind holds."""
        return {
            "ai-policy": "5.2:r1",
            "scope": "4.3:r1",
            "risk-criteria": "6.1.1:r1",
            "objectives": "6.2:r1",
        }[self.value]

    @property
    def document_kind(self) -> str:
        """The document register's kind for it (domain/registers/documents.DocumentKind)."""
        return "plan" if self is DraftKind.OBJECTIVES else "policy"


@dataclass(frozen=True)
class ScaleLevel:
    value: int
    name: str
    meaning: str = ""


@dataclass(frozen=True)
class RiskCriteriaFacts:
    """What the risk criteria statement needs from the risk register's criteria: the scales,
    where the line between acceptable and not acceptable lies, and who may accept a risk.

    Built from the project's risk criteria by whoever keeps them (an adapter beside the risk
    register); without them the draft uses placeholders and the catalogue's guidance."""

    likelihood: tuple[ScaleLevel, ...]
    consequence: tuple[ScaleLevel, ...]
    acceptance: str
    """In words: "a risk scoring 6 or less (likelihood times consequence) may be accepted"."""
    accepted_by: str = ""
    """Who may accept a risk above the line, and who below it."""
    review: str = ""


@dataclass(frozen=True)
class DraftInputs:
    """Everything the drafts draw on, read once from the project."""

    catalog: Catalog
    organisation: Organisation
    assessments: dict[str, Assessment]
    today: date
    ai_systems: Sequence[Any] = ()
    interested_parties: Sequence[Any] = ()
    issues: Sequence[Any] = ()
    objectives: Sequence[Any] = ()
    roles: Sequence[Any] = ()
    people: Sequence[Any] = ()
    risk_criteria: RiskCriteriaFacts | None = None
    labels: dict[str, str] = field(default_factory=dict)
    """id -> label of records the drafts mention (AI systems linked from objectives)."""

    def answer(self, item_id: str, question: str) -> Answer | None:
        found = self.assessments.get(item_id)
        return found.answers.get(question) if found is not None else None


def _name(inputs: DraftInputs) -> str:
    return str(inputs.organisation.name)


def _finish(kind: DraftKind, inputs: DraftInputs, blocks: list[Block]) -> Draft:
    return Draft(kind.document_title, _name(inputs), tuple(blocks), _subtitle(inputs))


def _subtitle(inputs: DraftInputs) -> str:
    return (
        f"Draft prepared on {long_date(inputs.today)} by AIMS Desktop from the project's "
        "records. Replace every text in square brackets, then have it approved."
    )


def _in_scope(inputs: DraftInputs) -> list[Any]:
    return [s for s in inputs.ai_systems if getattr(s, "in_scope", True)]


def _system_line(system: Any) -> str:
    purpose = (getattr(system, "purpose", "") or "").strip().split(". ")[0].rstrip(".")
    owner = getattr(system, "owner", "")
    text = str(system.name)
    if purpose:
        text += f": {purpose}"
    if owner:
        text += f" (owner: {owner})"
    return text


def _holders(inputs: DraftInputs, role_name: str) -> list[str]:
    role_ids = {r.id for r in inputs.roles if r.name.strip().casefold() == role_name.casefold()}
    return [p.name for p in inputs.people if role_ids & set(p.roles)]


def _roles_text(organisation: Organisation) -> str:
    if not organisation.roles:
        return "[say whether you build, provide or use AI systems]"
    order = [r for r in AIRole if r in organisation.roles]
    return ", ".join(r.label.lower() for r in order)


# -- the AI policy (5.2) ------------------------------------------------------------------


def ai_policy(inputs: DraftInputs) -> Draft:
    org = inputs.organisation
    systems = _in_scope(inputs)
    personal = any(getattr(s, "personal_data", False) for s in systems)
    public_facing = any(
        getattr(getattr(s, "eu_ai_act", None), "value", "") in ("limited", "high_risk")
        for s in systems
    )
    lead = _holders(inputs, "AIMS lead")
    blocks: list[Block] = [
        heading("Why we have this policy"),
        paragraph(
            f"{_name(inputs)} uses artificial intelligence (AI) in its work"
            + (f" in {org.sector.lower()}" if org.sector.strip() else "")
            + ". AI helps us work faster and better, but an AI system can be wrong, unfair or "
            "unclear in ways that affect the people it touches. This policy says what we are "
            "prepared to do with AI, the principles we follow, and how we keep AI under "
            "control through our AI management system."
        ),
        heading("What it covers"),
        paragraph(
            f"The policy applies to everyone who works for or on behalf of {_name(inputs)}, and "
            f"to every AI system we {_verbs(org)}. Our role for AI: {_roles_text(org)}."
        ),
    ]
    if systems:
        blocks.append(paragraph("The AI systems in use today are:"))
        blocks.append(bullets([_system_line(s) for s in systems]))
    else:
        blocks.append(paragraph("[List the AI systems the organisation builds, provides or uses.]"))
    commitments = [
        "We meet the legal, regulatory and contractual requirements that apply to our AI "
        "systems, and the commitments we make to customers and staff.",
        "We set AI objectives, measure them and review them, and this policy is the framework "
        "for setting them.",
        "We keep improving the AI management system, learning from incidents, audits, "
        "complaints and reviews.",
        "Every AI system has a named owner and is listed in our AI system inventory.",
        "Before an AI system is used, and when it changes, we assess its risks and its impact "
        "on the people and groups it affects.",
        "People stay in charge: a person can check and overrule any AI output that matters "
        "to a customer or a colleague.",
    ]
    if personal:
        commitments.append(
            "Personal data is used in AI systems only as our data protection policy allows, "
            "and only as much as the purpose needs."
        )
    if public_facing:
        commitments.append(
            "People are told when they are dealing with an AI system rather than a person."
        )
    commitments.append(
        "Anyone can raise a concern about an AI system without fear of blame, and it will be "
        "looked into."
    )
    blocks += [heading("Our commitments"), bullets(commitments)]
    responsibilities = [
        "Top management approves this policy, provides the resources and reviews the AI "
        "management system at least once a year.",
        (
            f"The AIMS lead ({', '.join(lead)}) runs the AI management system day to day."
            if lead
            else "The AIMS lead ([name]) runs the AI management system day to day."
        ),
        "The owner of each AI system keeps its documentation, risks, monitoring and changes "
        "up to date.",
        "Everyone uses AI systems as intended and reports anything that looks wrong.",
    ]
    blocks += [heading("Who is responsible"), bullets(responsibilities)]
    blocks += [
        heading("Exceptions"),
        paragraph(
            "An exception to this policy is asked for in writing to the AIMS lead, with its "
            "reason and how long it is needed. Top management decides, and approved "
            "exceptions are recorded with their expiry date."
        ),
        heading("Communication and review"),
        paragraph(
            "This policy is published to all staff, explained in our awareness sessions, and "
            "given to customers, suppliers and other interested parties who ask for it. It is "
            "reviewed at least once a year, and whenever we introduce a significant new AI "
            "system or the requirements that apply to us change."
        ),
        heading("Approval"),
        paragraph("Approved by [name and role] on [date]. Version [number]."),
    ]
    return Draft(
        DraftKind.AI_POLICY.document_title, _name(inputs), tuple(blocks), _subtitle(inputs)
    )


def _verbs(org: Organisation) -> str:
    verbs = []
    if AIRole.PRODUCER in org.roles:
        verbs.append("build")
    if AIRole.PROVIDER in org.roles:
        verbs.append("provide")
    if AIRole.CUSTOMER in org.roles or not verbs:
        verbs.append("use")
    if len(verbs) == 1:
        return verbs[0]
    return ", ".join(verbs[:-1]) + " or " + verbs[-1]


# -- the scope statement (4.3) -------------------------------------------------------------


def scope(inputs: DraftInputs) -> Draft:
    org = inputs.organisation
    inside = _in_scope(inputs)
    outside = [s for s in inputs.ai_systems if not getattr(s, "in_scope", True)]
    blocks: list[Block] = [heading("Scope statement")]
    if org.scope.strip():
        blocks.append(paragraph(org.scope))
    else:
        blocks.append(
            paragraph(
                f"The AI management system of {_name(inputs)} covers [the activities, sites "
                "and AI systems it covers]."
            )
        )
    blocks += [
        heading("The organisation"),
        paragraph(
            f"{_name(inputs)}"
            + (f", {org.sector.strip()}" if org.sector.strip() else "")
            + (f", {org.country.strip()}" if org.country.strip() else "")
            + f". Our role for AI: {_roles_text(org)}."
        ),
        heading("AI systems covered"),
    ]
    if inside:
        blocks.append(bullets([_system_line(s) for s in inside]))
    else:
        blocks.append(paragraph("[List the AI systems the AI management system covers.]"))
    blocks.append(heading("Exclusions and why"))
    if outside:
        blocks.append(
            bullets(
                [
                    f"{s.name}: {getattr(s, 'scope_reason', '').strip() or '[reason]'}"
                    for s in outside
                ]
            )
        )
    else:
        blocks.append(
            paragraph(
                "No AI system of the organisation is left out. [Name any site, activity or "
                "AI system left out, with the reason.]"
            )
        )
    blocks.append(heading("What the scope takes into account"))
    considered = []
    if inputs.issues:
        considered.append(
            "The internal and external issues in our register, among them: "
            + "; ".join(i.title for i in list(inputs.issues)[:5])
            + "."
        )
    else:
        considered.append("[The internal and external issues that shape the scope (4.1).]")
    if inputs.interested_parties:
        considered.append(
            "The requirements of our interested parties, among them: "
            + "; ".join(p.name for p in list(inputs.interested_parties)[:5])
            + "."
        )
    else:
        considered.append("[The interested parties and their requirements (4.2).]")
    blocks.append(bullets(considered))
    version = org.scope_version.strip() or "[number]"
    approver = org.scope_approved_by.strip() or "[name and role]"
    approved = long_date(org.scope_approved_on) if org.scope_approved_on else "[date]"
    blocks += [
        heading("Approval"),
        paragraph(f"Version {version}, approved by {approver} on {approved}."),
    ]
    return _finish(DraftKind.SCOPE, inputs, blocks)


# -- the AI risk criteria (6.1.1) ------------------------------------------------------------


def _scale_rows(levels: Sequence[ScaleLevel]) -> list[str]:
    return [
        f"{lvl.value}: {lvl.name}" + (f" ({lvl.meaning})" if lvl.meaning else "") for lvl in levels
    ]


def risk_criteria(inputs: DraftInputs, criteria: RiskCriteriaFacts | None = None) -> Draft:
    """The AI risk criteria statement, from the project's risk criteria when there are any
    (`criteria`, or `inputs.risk_criteria`); otherwise from the catalogue's guidance, with
    placeholders for the scales."""
    facts = criteria or inputs.risk_criteria
    guidance = inputs.catalog.item("6.1.1")
    blocks: list[Block] = [
        heading("Purpose"),
        paragraph(
            f"These criteria say how {_name(inputs)} judges AI risks: how likely a harm is, "
            "how bad it would be, and where the line lies between a risk we accept and one we "
            "must treat. They are used for every AI risk assessment and every AI system "
            "impact assessment, so that results can be compared."
        ),
        heading("Likelihood"),
    ]
    if facts is not None:
        blocks.append(bullets(_scale_rows(facts.likelihood)))
    else:
        blocks.append(
            bullets(
                [
                    "[1: rare (not expected in the life of the system)]",
                    "[2: unlikely]",
                    "[3: possible (could happen once a year)]",
                    "[4: likely]",
                    "[5: almost certain (expected to happen repeatedly)]",
                ]
            )
        )
    blocks.append(heading("Consequence"))
    if facts is not None:
        blocks.append(bullets(_scale_rows(facts.consequence)))
    else:
        blocks.append(
            paragraph(
                "Judge the consequence for the people affected (their rights, safety and "
                "livelihoods), for society and the environment, and for the organisation."
            )
        )
        blocks.append(
            bullets(
                [
                    "[1: negligible (no lasting effect on anyone)]",
                    "[2: minor]",
                    "[3: moderate (harm that can be put right)]",
                    "[4: major]",
                    "[5: severe (lasting harm to people, or a breach of law)]",
                ]
            )
        )
    blocks.append(heading("Acceptable and not acceptable"))
    if facts is not None:
        blocks.append(paragraph(facts.acceptance))
        if facts.accepted_by:
            blocks.append(paragraph(facts.accepted_by))
    else:
        blocks.append(
            paragraph(
                "[State the level up to which a risk may be accepted without further "
                "treatment, for example a score of likelihood times consequence of 6 or less, "
                "and who may accept a risk above it.]"
            )
        )
    blocks += [
        heading("Sources of AI risk to consider"),
        paragraph(
            "Every assessment considers at least these sources of risk (ISO/IEC 42001, Annex C):"
        ),
        bullets([entry.title for entry in inputs.catalog.risk_sources]),
        heading("How the criteria are used"),
        paragraph(guidance.summary),
        heading("Review"),
        paragraph(
            facts.review
            if facts is not None and facts.review
            else "The criteria are reviewed once a year with the AI policy, and when an "
            "assessment shows they no longer separate risks sensibly."
        ),
        heading("Approval"),
        paragraph("Approved by [name and role] on [date]. Version [number]."),
    ]
    return Draft(
        DraftKind.RISK_CRITERIA.document_title, _name(inputs), tuple(blocks), _subtitle(inputs)
    )


# -- the AI objectives (6.2) ---------------------------------------------------------------


def objectives(inputs: DraftInputs) -> Draft:
    blocks: list[Block] = [
        heading("Purpose"),
        paragraph(
            f"These are the AI objectives of {_name(inputs)}: what our AI management system "
            "sets out to achieve, in line with the AI policy, each with how it is measured, "
            "who is responsible, by when, with what, and how the results are evaluated."
        ),
    ]
    active = [
        o
        for o in inputs.objectives
        if getattr(getattr(o, "status", None), "value", "") != "dropped"
    ]
    if not active:
        blocks += [
            heading("Objectives"),
            paragraph(
                "[Set two to five objectives. The standard suggests areas such as these (Annex C):]"
            ),
            bullets([f"[{entry.title}]" for entry in inputs.catalog.objectives]),
        ]
    for objective in active:
        title = f"{objective.ref} {objective.objective}".strip()
        rows = [
            f"Category: {enum_label(objective.category)}" if objective.category else "",
            f"How it is measured: {objective.measure.strip() or '[measure]'}",
            f"Target: {objective.target.strip() or '[target]'}",
            f"Responsible: {objective.owner.strip() or '[owner]'}",
            f"Due: {long_date(objective.due) if objective.due else '[date]'}",
            f"Resources: {objective.resources.strip() or '[resources]'}",
            f"How results are evaluated: {objective.evaluation.strip() or '[who, how often]'}",
        ]
        systems = [inputs.labels.get(i, "") for i in getattr(objective, "ai_systems", ())]
        if any(systems):
            rows.append("AI systems: " + ", ".join(s for s in systems if s))
        blocks += [heading(title), bullets([r for r in rows if r])]
    blocks += [
        heading("Monitoring and review"),
        paragraph(
            "Progress against each objective is recorded at least every quarter and reported "
            "to top management; the objectives are reviewed at the management review."
        ),
        heading("Approval"),
        paragraph("Approved by [name and role] on [date]. Version [number]."),
    ]
    return Draft(
        DraftKind.OBJECTIVES.document_title, _name(inputs), tuple(blocks), _subtitle(inputs)
    )


def draft(kind: DraftKind, inputs: DraftInputs) -> Draft:
    if kind is DraftKind.AI_POLICY:
        return ai_policy(inputs)
    if kind is DraftKind.SCOPE:
        return scope(inputs)
    if kind is DraftKind.RISK_CRITERIA:
        return risk_criteria(inputs)
    return objectives(inputs)
