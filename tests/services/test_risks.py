"""Risk management through the services: criteria changes that re-score risks in one undo step,
scores bounded by the scales, risks imported from a small company's spreadsheet, suggested
risks, the applicability choice and the Statement of Applicability's details."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers.risks import RiskStatus, TreatmentOption
from aims_desktop.domain.risk_criteria import DEFAULT_CRITERIA, Rescoring, resized
from aims_desktop.domain.status import Status
from aims_desktop.resources import resource_path
from aims_desktop.services import assessments, exchange, history, registers, risks, soa
from aims_desktop.services.fingerprint import content_fingerprint
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.services.session import ProjectSession


@pytest.fixture
def session() -> Iterator[ProjectSession]:
    s = new_project("Acme Ltd", user="Tester", ai_systems="Kestrel Assist\nRoutePilot")
    yield s
    close_project(s)


def _risk(session: ProjectSession, **values: object) -> str:
    values.setdefault("title", "A risk")
    return registers.add(session, "risk", values).changes[0].entity_id


def _scores(session: ProjectSession, record_id: str) -> tuple[object, ...]:
    r = registers.record(session, "risk", record_id)
    return (
        r.likelihood,  # type: ignore[attr-defined]
        r.consequence,  # type: ignore[attr-defined]
        r.residual_likelihood,  # type: ignore[attr-defined]
        r.residual_consequence,  # type: ignore[attr-defined]
    )


def test_a_smaller_scale_re_scores_every_risk_in_one_undoable_step(
    session: ProjectSession,
) -> None:
    high = _risk(
        session, likelihood=5, consequence=4, residual_likelihood=2, residual_consequence=2
    )
    low = _risk(session, likelihood=1, consequence=1)
    blank = _risk(session)
    smaller = resized(DEFAULT_CRITERIA, 3, 5, 4)
    change = risks.change_criteria(session, smaller)
    assert change.description == "Change the risk criteria and re-score 1 risk"
    assert _scores(session, high) == (3, 4, 2, 2)
    assert _scores(session, low) == (1, 1, None, None)
    assert _scores(session, blank) == (None, None, None, None)
    assert risks.criteria(session) == smaller
    undone = history.revert(session, change)
    assert risks.criteria(session) == DEFAULT_CRITERIA
    assert _scores(session, high) == (5, 4, 2, 2)
    history.revert(session, undone)  # redo
    assert risks.criteria(session) == smaller and _scores(session, high) == (3, 4, 2, 2)


def test_the_user_decides_where_old_scores_go(session: ProjectSession) -> None:
    record = _risk(session, likelihood=2, consequence=3)
    smaller = resized(DEFAULT_CRITERIA, 3, 5, 4)
    mine = Rescoring(likelihood={1: 1, 2: 1, 3: 2, 4: 3, 5: 3})
    risks.change_criteria(session, smaller, mine)
    assert _scores(session, record)[:2] == (1, 3)
    with pytest.raises(RuleViolation, match="cannot go to level 5"):
        risks.change_criteria(
            session, resized(smaller, 3, 3, 4), Rescoring(consequence={n: 5 for n in range(1, 6)})
        )
    assert risks.criteria(session) == smaller, "refused: nothing changed"


def test_new_words_keep_the_scores_and_bad_criteria_change_nothing(
    session: ProjectSession,
) -> None:
    record = _risk(session, likelihood=4, consequence=4)
    renamed = DEFAULT_CRITERIA.model_copy(
        update={
            "levels": tuple(
                lv.model_copy(update={"label": lv.label + "!"}) for lv in DEFAULT_CRITERIA.levels
            )
        }
    )
    change = risks.change_criteria(session, renamed)
    assert change.description == "Change the risk criteria"
    assert _scores(session, record)[:2] == (4, 4)
    broken = renamed.model_copy(update={"acceptance": 9})
    with pytest.raises(RuleViolation, match="acceptance level"):
        risks.change_criteria(session, broken)
    assert risks.criteria(session) == renamed
    assert not risks.change_criteria(session, renamed), "no change, no undo step"


def test_scores_are_bounded_by_the_current_scales(session: ProjectSession) -> None:
    risks.change_criteria(session, resized(DEFAULT_CRITERIA, 3, 3, 3))
    with pytest.raises(RuleViolation, match="can be at most 3"):
        _risk(session, likelihood=4)
    record = _risk(session, likelihood=3, consequence=3)
    with pytest.raises(RuleViolation, match="“Residual consequence” can be at most 3"):
        registers.edit(session, "risk", record, residual_consequence=5)


def test_criteria_survive_save_and_reopen_and_change_the_fingerprint(tmp_path: Path) -> None:
    session = new_project("Acme Ltd", user="Tester")
    before = content_fingerprint(session)
    custom = resized(DEFAULT_CRITERIA, 4, 3, 3).model_copy(update={"acceptance": 2})
    risks.change_criteria(session, custom)
    assert content_fingerprint(session) != before
    path = save_project(session, tmp_path / "criteria.aims")
    close_project(session)
    again = open_project(path)
    try:
        assert risks.criteria(again) == custom
    finally:
        close_project(again)


def test_the_demo_spreadsheet_of_risks_imports(session: ProjectSession) -> None:
    """The spreadsheet Kestrel started from: likelihood "(1-5)", impact, a level column that is
    computed here, statuses in everyday words, systems by name."""
    path = resource_path("demo", "evidence") / "ai-risk-register.csv"
    sheet = exchange.read_spreadsheet(path)
    mapping = exchange.mapping_for("risk", sheet.headers)
    named = {sheet.headers[c]: f for c, f in mapping.items()}
    assert named == {
        "id": "ref",
        "system": "ai_systems",
        "risk": "title",
        "likelihood (1-5)": "likelihood",
        "impact (1-5)": "consequence",
        "owner": "owner",
        "treatment": "treatment_plan",
        "status": "status",
    }
    plan = exchange.plan(session, "risk", sheet, mapping)
    assert plan.problems == [] and len(plan.rows) == 4
    exchange.import_plan(session, "risk", plan, source="ai-risk-register.csv")
    found = {r.ref: r for r in registers.records(session, "risk")}  # type: ignore[attr-defined]
    first = found["R-01"]
    assert (first.likelihood, first.consequence) == (3, 3)  # type: ignore[attr-defined]
    assert first.status is RiskStatus.IN_TREATMENT  # type: ignore[attr-defined]
    assert first.treatment_plan.startswith("Answers limited to tracking data")  # type: ignore[attr-defined]
    assert [registers.label(session, "ai_system", i) for i in first.ai_systems] == [  # type: ignore[attr-defined]
        "AI-001 Kestrel Assist"
    ]
    assert found["R-02"].status is RiskStatus.OPEN  # type: ignore[attr-defined]
    assert found["R-04"].status is RiskStatus.TREATED  # type: ignore[attr-defined]


def test_likelihood_and_consequence_import_as_the_scales_words(
    session: ProjectSession, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Risk", "Likelihood", "Severity", "Response", "State"])
    sheet.append(["Wrong answers", "Likely", "4 Major", "Mitigate", "Ongoing"])
    sheet.append(["Outage", 2, 3.0, "transfer", "new"])
    sheet.append(["Drift", "Often", "Huge", "", ""])
    path = tmp_path / "risks.xlsx"
    book.save(path)
    read = exchange.read_spreadsheet(path)
    plan = exchange.plan(session, "risk", read, exchange.mapping_for("risk", read.headers))
    assert [v["likelihood"] for _n, v in plan.rows] == [4, 2]
    assert [v["consequence"] for _n, v in plan.rows] == [4, 3]
    assert [v["option"] for _n, v in plan.rows] == [TreatmentOption.MODIFY, TreatmentOption.SHARE]
    assert [v["status"] for _n, v in plan.rows] == [RiskStatus.IN_TREATMENT, RiskStatus.OPEN]
    (problem,) = plan.problems
    assert problem.row == 4
    assert "“Often” is not a level of the scale (1 Rare, 2 Unlikely" in problem.message
    assert "“Huge” is not a level of the scale" in problem.message


def test_suggested_risks_are_added_as_open_risks_to_adapt(session: ProjectSession) -> None:
    system = registers.records(session, "ai_system")[0].id
    change = risks.add_suggested(
        session, ["chatbot-wrong-answer", "chatbot-not-told-ai"], [system], owner="Priya"
    )
    assert change.description == "Add 2 suggested risks"
    added = registers.records(session, "risk")
    assert [r.ref for r in added] == ["R-001", "R-002"]  # type: ignore[attr-defined]
    first = added[0]
    assert first.status is RiskStatus.OPEN and first.owner == "Priya"  # type: ignore[attr-defined]
    assert first.ai_systems == (system,)  # type: ignore[attr-defined]
    assert first.likelihood is None, "the user judges how likely it is"  # type: ignore[attr-defined]
    assert "A.6.2.4" in first.controls  # type: ignore[attr-defined]
    history.revert(session, change)
    assert registers.records(session, "risk") == []
    with pytest.raises(RuleViolation, match="at least one"):
        risks.add_suggested(session, [])


def test_applicability_is_three_way_and_a_status_decides(session: ProjectSession) -> None:
    assert session.assessment("A.5.5").applicability is Applicability.UNDECIDED
    change = assessments.set_applicability(session, "A.5.5", Applicability.APPLICABLE)
    assert change.description == "Include A.5.5 in the Statement of Applicability"
    assert session.assessment("A.5.5").applicability is Applicability.APPLICABLE
    with pytest.raises(RuleViolation, match="justification"):
        assessments.set_applicability(session, "A.5.5", Applicability.EXCLUDED)
    assessments.set_applicability(session, "A.5.5", Applicability.EXCLUDED, "No societal reach.")
    stored = session.assessment("A.5.5")
    assert stored.status is Status.NOT_APPLICABLE and stored.applicability is Applicability.EXCLUDED
    back = assessments.set_applicability(session, "A.5.5", Applicability.UNDECIDED)
    stored = session.assessment("A.5.5")
    assert stored.status is Status.NOT_ASSESSED and stored.applicability is Applicability.UNDECIDED
    history.revert(session, back)
    assert session.assessment("A.5.5").excluded
    assessments.update_assessment(session, "A.4.4", status=Status.PARTIALLY_MET)
    assert session.assessment("A.4.4").applicability is Applicability.APPLICABLE
    assessments.update_assessment(session, "A.4.5", status=Status.NOT_ASSESSED)
    assert session.assessment("A.4.5").applicability is Applicability.UNDECIDED
    with pytest.raises(RuleViolation, match="clause"):
        assessments.set_applicability(session, "6.1.2", Applicability.APPLICABLE)


def test_the_statements_details_are_kept_logged_and_undone(session: ProjectSession) -> None:
    before = content_fingerprint(session)
    change = soa.update_document(
        session,
        number=" SOA-1 ",
        version="2.0",
        approved_by="Jane  Doe (Director)",
        approved_on="2026-11-20",
    )
    assert change.description == (
        "Edit the document number and version and approver and approval date of the Statement "
        "of Applicability"
    )
    document = soa.document(session)
    assert (document.number, document.approved_by) == ("SOA-1", "Jane Doe (Director)")
    assert document.approved_on == date(2026, 11, 20) and document.approved
    assert content_fingerprint(session) != before
    history.revert(session, change)
    assert soa.document(session).number == "" and not soa.document(session).approved
    with pytest.raises(RuleViolation, match="not a date"):
        soa.update_document(session, approved_on="next Tuesday")
    with pytest.raises(RuleViolation, match="longer than 100"):
        soa.update_document(session, number="x" * 101)


def test_the_history_says_what_the_criteria_were_in_words(session: ProjectSession) -> None:
    from aims_desktop.services import changelog

    risks.change_criteria(session, resized(DEFAULT_CRITERIA, 3, 3, 3))
    soa.update_document(session, number="SOA-1")
    rows, _total = changelog.entries(session, changelog.HistoryFilter())
    number, criteria = rows[0], rows[1]
    assert (number.kind, number.field, number.new) == (
        "Statement of Applicability",
        "Document number",
        "SOA-1",
    )
    assert (criteria.kind, criteria.field) == (
        "Risk criteria",
        "Scales, matrix and acceptance level",
    )
    assert criteria.old.startswith("Likelihood: Rare, Unlikely, Possible, Likely, Almost certain;")
    assert criteria.new.startswith("Likelihood: Rare, Unlikely, Possible; Consequence:")
    assert "accepted up to Low" in criteria.new
