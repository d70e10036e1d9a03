"""Suggested risks for the ways small companies commonly use AI, to add to the risk register and
adapt: a starting point, never a finished assessment.

Written in our own words. Each suggestion names the Annex C.3 risk sources it comes from, the
Annex C.2 objectives it threatens, the three kinds of consequence, a treatment option and the
Annex A controls that usually treat it; the likelihood and consequence are left for the user to
judge, because they depend on the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from aims_desktop.domain.registers.risks import AIObjective, RiskSource, TreatmentOption

S = RiskSource
AO = AIObjective


@dataclass(frozen=True)
class UseCase:
    key: str
    title: str
    description: str


@dataclass(frozen=True)
class SuggestedRisk:
    key: str
    """Stable identifier ("chatbot-wrong-answer")."""
    use: str
    """The UseCase key it belongs to."""
    title: str
    description: str
    sources: tuple[RiskSource, ...]
    objectives: tuple[AIObjective, ...]
    for_organisation: str
    for_individuals: str
    for_society: str
    option: TreatmentOption
    controls: tuple[str, ...]
    plan: str

    def values(self) -> dict[str, object]:
        """The risk register fields this suggestion fills in (the user adds the rest)."""
        return {
            "title": self.title,
            "description": self.description,
            "sources": frozenset(self.sources),
            "objectives": frozenset(self.objectives),
            "consequence_organisation": self.for_organisation,
            "consequence_individuals": self.for_individuals,
            "consequence_society": self.for_society,
            "option": self.option,
            "controls": self.controls,
            "treatment_plan": self.plan,
        }


USES = (
    UseCase(
        "chatbot",
        "Chatbot for customers",
        "An assistant on your website or in your app that answers customers' questions, "
        "usually built on a hosted language model.",
    ),
    UseCase(
        "cv-screening",
        "CV screening and recruitment",
        "Software that ranks, filters or summarises job applications, or scores interviews.",
    ),
    UseCase(
        "generative",
        "Generative AI used by staff",
        "Staff using public or licensed AI assistants to write, summarise, translate, code or "
        "make images at work.",
    ),
    UseCase(
        "forecasting",
        "Forecasting and planning",
        "Models that predict demand, volumes, prices or staffing needs from your own history.",
    ),
    UseCase(
        "vendor",
        "AI features in software you buy",
        "AI switched on inside tools you already use: accounting, CRM, document capture, route "
        "planning, security products.",
    ),
)

SUGGESTIONS: tuple[SuggestedRisk, ...] = (
    # -- chatbot ---------------------------------------------------------------------------
    SuggestedRisk(
        "chatbot-wrong-answer",
        "chatbot",
        "The chatbot gives a customer a wrong or invented answer that they act on",
        "Language models can produce fluent answers that are not true: a delivery date, a "
        "price, a refund rule or a promise the business never made.",
        (S.TRANSPARENCY, S.MACHINE_LEARNING, S.COMPLEXITY),
        (AO.ROBUSTNESS, AO.TRANSPARENCY, AO.ACCOUNTABILITY),
        "Complaints, goodwill payments, and being held to what the chatbot said.",
        "Customers lose time or money, or miss a deadline, because they trusted the answer.",
        "Less trust in automated customer service generally.",
        TreatmentOption.MODIFY,
        ("A.6.2.4", "A.6.2.6", "A.9.4", "A.8.2"),
        "Limit answers to your own verified sources; test with real questions before each "
        "change; review a weekly sample of conversations; let customers reach a person.",
    ),
    SuggestedRisk(
        "chatbot-not-told-ai",
        "chatbot",
        "Customers are not told they are talking to an AI system",
        "People may believe they are talking to a member of staff and share more, or rely more "
        "on the answers, than they would with a machine.",
        (S.TRANSPARENCY,),
        (AO.TRANSPARENCY, AO.ACCOUNTABILITY),
        "Breach of transparency duties (EU AI Act article 50 for chatbots); complaints.",
        "People are misled about who they are dealing with.",
        "Erodes people's ability to know when they deal with AI.",
        TreatmentOption.MODIFY,
        ("A.8.2", "A.8.5", "A.10.4"),
        "Say plainly at the start of every conversation that it is an AI assistant, and how "
        "to reach a person.",
    ),
    SuggestedRisk(
        "chatbot-personal-data",
        "chatbot",
        "Personal data typed into the chatbot is kept or reused by the model provider",
        "Customers paste names, addresses, order numbers and sometimes health or payment "
        "details; the provider's terms may allow logging or training on them.",
        (S.LIFE_CYCLE, S.TRANSPARENCY),
        (AO.PRIVACY, AO.SECURITY),
        "Data protection breach, regulator's enquiry, contract problems with customers.",
        "Loss of control over their personal data.",
        "",
        TreatmentOption.MODIFY,
        ("A.10.3", "A.7.5", "A.4.3"),
        "Choose a provider contract with no training on your data and short retention; mask "
        "personal data before sending; update the privacy notice.",
    ),
    SuggestedRisk(
        "chatbot-manipulated",
        "chatbot",
        "Someone manipulates the chatbot into revealing data or saying something harmful",
        "Crafted messages (prompt injection) can make a chatbot ignore its instructions, show "
        "other customers' data or produce offensive text under your name.",
        (S.COMPLEXITY, S.READINESS),
        (AO.SECURITY, AO.SAFETY),
        "Data leak, reputational damage from screenshots shared online.",
        "Exposure of other customers' data; offensive or harmful replies.",
        "",
        TreatmentOption.MODIFY,
        ("A.6.2.4", "A.6.2.8", "A.8.4"),
        "Give the chatbot access only to the data of the customer who is signed in; test with "
        "known attack prompts; keep logs; have an incident procedure.",
    ),
    # -- CV screening ------------------------------------------------------------------------
    SuggestedRisk(
        "cv-unfair",
        "cv-screening",
        "Screening treats candidates unfairly because of a protected characteristic",
        "Models learn from past hiring decisions and from text that correlates with sex, age, "
        "ethnicity or disability, and can rank some groups lower for reasons that have nothing "
        "to do with the job.",
        (S.MACHINE_LEARNING, S.TRANSPARENCY, S.AUTOMATION),
        (AO.FAIRNESS, AO.ACCOUNTABILITY, AO.TRANSPARENCY),
        "Discrimination claims; a high-risk use under the EU AI Act; damage as an employer.",
        "Qualified people are rejected and never know why.",
        "Existing inequalities in work are reinforced.",
        TreatmentOption.MODIFY,
        ("A.5.4", "A.5.5", "A.6.2.4", "A.7.4", "A.10.3"),
        "Run an impact assessment before use; ask the vendor for bias test results; compare "
        "outcomes across groups each hiring round; a person reviews every rejection.",
    ),
    SuggestedRisk(
        "cv-no-human",
        "cv-screening",
        "Candidates are rejected automatically without a person looking at their application",
        "Once the tool works well enough, people stop checking its decisions.",
        (S.AUTOMATION,),
        (AO.ACCOUNTABILITY, AO.FAIRNESS),
        "Breach of the rules on solely automated decisions (UK GDPR and GDPR article 22).",
        "No chance to explain or be considered by a person.",
        "",
        TreatmentOption.MODIFY,
        ("A.9.2", "A.9.4", "A.3.2"),
        "Write down that the tool only suggests; record who made each decision; tell "
        "candidates how to ask for a review by a person.",
    ),
    SuggestedRisk(
        "cv-explain",
        "cv-screening",
        "We cannot explain to a candidate or a regulator why an application was ranked low",
        "Vendor models rarely show their reasoning; without it, complaints cannot be answered.",
        (S.TRANSPARENCY,),
        (AO.TRANSPARENCY, AO.ACCOUNTABILITY),
        "Unanswerable complaints and subject access requests; regulator's enquiry.",
        "People cannot challenge a decision about them.",
        "",
        TreatmentOption.SHARE,
        ("A.10.3", "A.8.5", "A.6.2.7"),
        "Make explanations a contract requirement of the vendor; keep the criteria used for "
        "each role.",
    ),
    # -- generative AI used by staff -----------------------------------------------------------
    SuggestedRisk(
        "genai-confidential",
        "generative",
        "Staff paste confidential or personal data into a public AI assistant",
        "Free AI tools may keep what is typed into them and use it to train later models.",
        (S.LIFE_CYCLE, S.TRANSPARENCY),
        (AO.PRIVACY, AO.SECURITY),
        "Loss of trade secrets; data protection breach; breach of customer contracts.",
        "Personal data of customers or colleagues leaves your control.",
        "",
        TreatmentOption.MODIFY,
        ("A.2.2", "A.9.2", "A.4.6"),
        "An acceptable-use rule for AI tools; a business account with no training on your "
        "data; a short training session; a list of approved tools.",
    ),
    SuggestedRisk(
        "genai-wrong-content",
        "generative",
        "AI-written content sent out with errors, invented facts or sources",
        "Drafts look finished; staff under time pressure send them without checking.",
        (S.MACHINE_LEARNING, S.READINESS),
        (AO.ROBUSTNESS, AO.ACCOUNTABILITY),
        "Wrong advice to customers; embarrassment; liability for what was published.",
        "People act on incorrect information.",
        "Spread of convincing but false information.",
        TreatmentOption.MODIFY,
        ("A.9.2", "A.9.3", "A.4.6"),
        "A rule that a named person checks and owns every AI-assisted text that leaves the "
        "company; training on typical errors.",
    ),
    SuggestedRisk(
        "genai-copyright",
        "generative",
        "Generated text, code or images infringe someone else's rights",
        "Models can reproduce protected material; licences of AI tools differ on who owns the "
        "output.",
        (S.MACHINE_LEARNING, S.LIFE_CYCLE),
        (AO.ACCOUNTABILITY,),
        "Infringement claims; code that cannot be used in a product.",
        "Creators' work used without permission.",
        "",
        TreatmentOption.MODIFY,
        ("A.2.3", "A.10.3", "A.9.2"),
        "Use tools whose terms cover commercial use; check code with a licence scanner; do "
        "not use generated images in branding without review.",
    ),
    # -- forecasting -------------------------------------------------------------------------
    SuggestedRisk(
        "forecast-drift",
        "forecasting",
        "Forecasts become inaccurate when conditions change and nobody notices",
        "A model trained on the past assumes the future looks like it; a new customer, a "
        "strike or a season without precedent breaks that.",
        (S.MACHINE_LEARNING, S.COMPLEXITY),
        (AO.ROBUSTNESS, AO.DATA_QUALITY),
        "Too many or too few staff and vehicles; wasted cost or missed deliveries.",
        "Staff given shifts that are cancelled, or overloaded.",
        "",
        TreatmentOption.MODIFY,
        ("A.6.2.6", "A.6.2.4", "A.7.4"),
        "Track forecast error every week against a threshold; retrain or fall back to manual "
        "planning when it is exceeded.",
    ),
    SuggestedRisk(
        "forecast-key-person",
        "forecasting",
        "Only one person can run or fix the in-house model",
        "Small teams build a model once; when its author is away or leaves, it cannot be "
        "maintained.",
        (S.LIFE_CYCLE,),
        (AO.MAINTAINABILITY, AO.EXPERTISE),
        "Planning stops or runs on a model nobody understands.",
        "",
        "",
        TreatmentOption.MODIFY,
        ("A.6.2.3", "A.6.2.7", "A.4.6"),
        "Document the model, its data and how to retrain it; train a second person; keep the "
        "code under version control.",
    ),
    SuggestedRisk(
        "forecast-bad-data",
        "forecasting",
        "Errors in the history the model learns from skew every forecast",
        "Duplicates, missing days or a changed way of recording data teach the model patterns "
        "that are not real.",
        (S.MACHINE_LEARNING,),
        (AO.DATA_QUALITY, AO.ROBUSTNESS),
        "Systematically wrong plans; decisions made on bad numbers.",
        "",
        "",
        TreatmentOption.MODIFY,
        ("A.7.4", "A.7.5", "A.7.6"),
        "Data checks before each retraining; record where each data set comes from and what "
        "was cleaned.",
    ),
    # -- vendor AI features ------------------------------------------------------------------------
    SuggestedRisk(
        "vendor-unknown",
        "vendor",
        "A supplier switches on an AI feature in a tool we use without us deciding to use it",
        "Updates of SaaS products add AI features, sometimes on by default, that process your "
        "data in new ways.",
        (S.LIFE_CYCLE, S.TRANSPARENCY),
        (AO.ACCOUNTABILITY, AO.PRIVACY),
        "AI in use that is outside the AI management system and its risk assessment.",
        "Personal data processed in ways nobody told them about.",
        "",
        TreatmentOption.MODIFY,
        ("A.10.3", "A.4.2", "A.9.4"),
        "Review suppliers' release notes and settings twice a year; keep the AI system "
        "inventory up to date; decide on each feature before it is used.",
    ),
    SuggestedRisk(
        "vendor-black-box",
        "vendor",
        "We cannot check how the supplier's AI reaches its results or how well it works",
        "Vendors share little about training data, testing and known limits.",
        (S.TRANSPARENCY, S.READINESS),
        (AO.TRANSPARENCY, AO.ACCOUNTABILITY, AO.ROBUSTNESS),
        "Errors found late; no evidence for customers' or auditors' questions.",
        "Decisions about them made by a system nobody here can explain.",
        "",
        TreatmentOption.SHARE,
        ("A.10.3", "A.10.2", "A.6.2.6"),
        "A supplier questionnaire before buying or renewing; contract terms on documentation, "
        "incident notice and testing; our own sample checks of the results.",
    ),
    SuggestedRisk(
        "vendor-outage",
        "vendor",
        "The supplier's AI service fails or is withdrawn and our work stops",
        "Cloud AI services have outages, change their models without notice or close down.",
        (S.HARDWARE, S.LIFE_CYCLE),
        (AO.ROBUSTNESS, AO.MAINTAINABILITY),
        "Operations stop or slow down; costs of switching in a hurry.",
        "Customers or staff left waiting.",
        "",
        TreatmentOption.MODIFY,
        ("A.4.4", "A.4.5", "A.10.3"),
        "A manual fallback that has been tried; notice periods in the contract; know which "
        "other supplier could replace it.",
    ),
)


def by_use(use: str) -> list[SuggestedRisk]:
    return [s for s in SUGGESTIONS if s.use == use]


def suggestion(key: str) -> SuggestedRisk:
    for found in SUGGESTIONS:
        if found.key == key:
            return found
    raise KeyError(f"no suggested risk {key!r}")
