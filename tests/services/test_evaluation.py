"""Services of clauses 9 and 10 and of the auditor's visit, on real projects: nonconformities
raised from findings and incidents, the management review's inputs drafted from the project,
review comments that never change an answer, and what changed since revision N."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from aims_desktop.domain.change_list import ADDED, CHANGED, DELETED
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers.certification import CommentKind, CommentStatus
from aims_desktop.domain.registers.evaluation import (
    ActionStatus,
    AuditStatus,
    Direction,
    FindingGrade,
    ReviewStatus,
)
from aims_desktop.domain.registers.improvement import (
    NonconformitySource,
    NonconformityStatus,
)
from aims_desktop.domain.registers.risks import RiskStatus
from aims_desktop.domain.status import Answer, Status
from aims_desktop.services import assessments, changes, evaluation, history, registers, review
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.services.session import ProjectSession


@pytest.fixture
def session() -> Iterator[ProjectSession]:
    s = new_project("Acme Ltd", user="Priya Shah")
    yield s
    close_project(s)


def _add(session: ProjectSession, key: str, parent: str | None = None, **values: object) -> str:
    return registers.add(session, key, values, parent_id=parent).changes[0].entity_id


def _audit_with_finding(session: ProjectSession) -> tuple[str, str]:
    audit = _add(
        session,
        "internal_audit",
        title="AI risk management",
        status=AuditStatus.COMPLETED,
        held_on=session.today() - timedelta(days=10),
        auditor="Sam Auditor",
    )
    finding = _add(
        session,
        "audit_finding",
        audit,
        title="Risk register not reviewed",
        grade=FindingGrade.MINOR,
        requirements=("6.1.2",),
        statement="The register was last reviewed 14 months ago.",
        evidence="Risk register v1.2",
    )
    return audit, finding


# -- nonconformities from findings and incidents -----------------------------------------------


def test_a_finding_raises_a_nonconformity_in_one_undo_step(session: ProjectSession) -> None:
    _audit, finding = _audit_with_finding(session)
    change = evaluation.raise_from_finding(session, finding)
    raised = registers.record(session, "audit_finding", finding).nonconformity  # type: ignore[attr-defined]
    (nc_id,) = raised
    nc = registers.record(session, "nonconformity", nc_id)
    assert nc.title == "Risk register not reviewed"  # type: ignore[attr-defined]
    assert nc.source is NonconformitySource.INTERNAL_AUDIT  # type: ignore[attr-defined]
    assert nc.requirements == ("6.1.2",)  # type: ignore[attr-defined]
    assert nc.raised_by == "Sam Auditor"  # type: ignore[attr-defined]
    assert "14 months ago" in nc.description and "IA-001" in nc.description  # type: ignore[attr-defined]
    assert nc.ref == "NC-001"  # type: ignore[attr-defined]
    with pytest.raises(RuleViolation, match="already has a nonconformity"):
        evaluation.raise_from_finding(session, finding)
    history.revert(session, change)  # one undo takes both away
    assert registers.count(session, "nonconformity") == 0
    assert registers.record(session, "audit_finding", finding).nonconformity == ()  # type: ignore[attr-defined]


def test_an_incident_raises_a_nonconformity(session: ProjectSession) -> None:
    incident = _add(session, "ai_incident", title="Chatbot gave a wrong refund policy")
    evaluation.raise_from_incident(session, incident)
    (nc_id,) = registers.record(session, "ai_incident", incident).nonconformity  # type: ignore[attr-defined]
    nc = registers.record(session, "nonconformity", nc_id)
    assert nc.source is NonconformitySource.INCIDENT  # type: ignore[attr-defined]


def test_deleting_an_audit_deletes_its_findings_and_undo_brings_them_back(
    session: ProjectSession,
) -> None:
    audit, finding = _audit_with_finding(session)
    evaluation.raise_from_finding(session, finding)
    deleted = registers.delete(session, "internal_audit", audit)
    assert registers.count(session, "audit_finding") == 0
    assert registers.count(session, "nonconformity") == 1  # the nonconformity stays
    history.revert(session, deleted)
    assert registers.record(session, "audit_finding", finding).nonconformity  # type: ignore[attr-defined]


# -- the management review's inputs ------------------------------------------------------------


def test_the_review_inputs_are_drafted_from_the_project(session: ProjectSession) -> None:
    today = session.today()
    last = _add(
        session,
        "management_review",
        title="Review 2026",
        status=ReviewStatus.HELD,
        held_on=today - timedelta(days=200),
        chair="Helen",
    )
    _add(session, "review_action", last, action="Train the dispatchers", owner="Dan",
         due=today - timedelta(days=5), status=ActionStatus.OPEN)  # fmt: skip
    _add(session, "review_action", last, action="Publish the AI policy",
         status=ActionStatus.DONE, done_on=today - timedelta(days=30))  # fmt: skip
    _add(session, "context_issue", title="EU AI Act obligations")
    _add(session, "nonconformity", title="Chat transcripts kept too long",
         raised_on=today - timedelta(days=20), status=NonconformityStatus.OPEN,
         action_due=today - timedelta(days=1))  # fmt: skip
    measure = _add(session, "monitoring_measure", name="Chats handed to a person",
                   unit="%", target="10", direction=Direction.LOWER)  # fmt: skip
    for days, value in ((60, "8"), (30, "12.5")):
        evaluation.add_result(session, measure, value, today - timedelta(days=days))
    _audit_with_finding(session)
    _add(session, "improvement", title="Offer the chatbot in Welsh", raised_on=today)
    current = _add(session, "management_review", title="Review 2027", held_on=today)

    risk = _add(session, "risk", title="Chatbot gives wrong delivery dates",
                likelihood=4, consequence=4)  # fmt: skip
    _add(session, "risk", title="Old trial", status=RiskStatus.CLOSED)

    drafts = {d.field: d.text for d in evaluation.review_drafts(session, current)}
    assert "input_objectives" not in drafts  # the objectives register is not here yet
    assert "Risks that apply: 1. Above the acceptance level" in drafts["input_risks"]
    assert "of which 1 with no treatment decided" in drafts["input_risks"]
    label = registers.label(session, "risk", risk)
    assert f"• {label} (" in drafts["input_risks"] and "Old trial" not in drafts["input_risks"]
    since = f"since the last review on {(today - timedelta(days=200)).day}"
    assert "1 open, 1 done" in drafts["input_actions"]
    assert "MA-001 Train the dispatchers (Dan), was due" in drafts["input_actions"]
    assert "MA-002 Publish the AI policy" in drafts["input_actions"]
    assert "1 new and 0 changed" in drafts["input_issues"] and since in drafts["input_issues"]
    assert "IS-001 EU AI Act obligations" in drafts["input_issues"]
    assert "1 raised and 0 closed" in drafts["input_nonconformities"]
    assert "1 of them with a corrective action past its due date" in drafts["input_nonconformities"]
    assert "NC-001 Chat transcripts kept too long" in drafts["input_nonconformities"]
    assert "MM-001 Chats handed to a person: 12.5%" in drafts["input_monitoring"]
    assert "up from 8%" in drafts["input_monitoring"] and "NOT met" in drafts["input_monitoring"]
    assert "IA-001 AI risk management" in drafts["input_audits"]
    assert "1 minor nonconformity" in drafts["input_audits"]
    assert "CI-001 Offer the chatbot in Welsh" in drafts["input_improvement"]

    evaluation.prefill_review(session, current)
    stored = registers.record(session, "management_review", current)
    assert stored.input_actions == drafts["input_actions"]  # type: ignore[attr-defined]
    # the manager's own words are kept when the inputs are filled again
    registers.edit(session, "management_review", current, input_audits="Discussed in detail.")
    evaluation.prefill_review(session, current)
    assert registers.record(session, "management_review", current).input_audits == (  # type: ignore[attr-defined]
        "Discussed in detail."
    )


def test_the_first_review_drafts_from_the_start(session: ProjectSession) -> None:
    review_id = _add(session, "management_review", title="First review")
    drafts = {d.field: d.text for d in evaluation.review_drafts(session, review_id)}
    assert drafts["input_actions"] == "No actions were agreed at earlier management reviews."
    assert "this is the first management review" in drafts["input_nonconformities"]


# -- review comments ---------------------------------------------------------------------------


def test_a_review_comment_never_changes_an_answer(session: ProjectSession) -> None:
    assessments.update_assessment(
        session, "6.1.2", status=Status.PARTIALLY_MET, notes="Started for two systems."
    )
    assessments.set_answer(session, "6.1.2", "q1", Answer.YES)
    system = _add(session, "ai_system", name="RoutePilot", owner="Dan")
    before = (session.assessment("6.1.2"), registers.record(session, "ai_system", system))
    log_before = session.db.change_log_count()
    session.user = "Jane Auditor"
    on_clause = review.add_comment(
        session, "6.1.2", "Where is the risk assessment of DocuScan?", CommentKind.MINOR
    )
    on_record = review.add_comment(session, f"register:ai_system:{system}", "Owner is vague.")
    assert {c.entity for c in (*on_clause.changes, *on_record.changes)} == {"review_comment"}
    assert (session.assessment("6.1.2"), registers.record(session, "ai_system", system)) == before
    new_entries = session.db.change_log(limit=session.db.change_log_count() - log_before)
    assert {e.entity for e in new_entries} == {"review_comment"}
    (comment,) = review.comments(session, "6.1.2")
    assert comment.reviewer == "Jane Auditor" and comment.made_on == session.today()
    assert comment.about == f"6.1.2 {session.catalog.title_in_context('6.1.2')}"
    assert comment.target == "6.1.2"
    assert comment.kind is CommentKind.MINOR and comment.status is CommentStatus.OPEN
    (other,) = review.comments(session, f"register:ai_system:{system}")
    assert other.about == "AI system AI-001 RoutePilot"
    assert review.open_count(session) == 2


def test_a_review_comment_needs_text_and_a_real_target(session: ProjectSession) -> None:
    with pytest.raises(RuleViolation, match="Write the comment"):
        review.add_comment(session, "6.1.2", "  ")
    with pytest.raises(RuleViolation, match="clause, a control or a record"):
        review.add_comment(session, "99.9", "Hello")


# -- what changed since revision N -------------------------------------------------------------


def test_the_change_list_since_a_revision(session: ProjectSession, tmp_path: Path) -> None:
    path = tmp_path / "p.aims"
    system = _add(session, "ai_system", name="RoutePilot")
    assessments.update_assessment(session, "4.1", status=Status.PARTIALLY_MET, notes="Draft")
    save_project(session, path)  # revision 1
    assessments.update_assessment(session, "4.1", notes="Second draft")
    assessments.update_assessment(session, "4.1", notes="Workshop held", status=Status.MET)
    registers.edit(session, "ai_system", system, owner="Dan")
    gone = _add(session, "ai_system", name="Old bot")
    save_project(session, path)  # revision 2
    registers.delete(session, "ai_system", gone)
    _add(session, "ai_system", name="Temp")  # added and deleted again: not a change
    temp = registers.records(session, "ai_system")[-1].id
    registers.delete(session, "ai_system", temp)
    assessments.update_assessment(session, "4.2", owner="Priya")
    assessments.update_assessment(session, "4.2", owner="")  # cancels out
    save_project(session, path)  # revision 3

    since_1 = changes.session_change_list(session, since_revision=1)
    assert since_1.sections == ["Clauses and controls", "AI systems"]
    (clause,) = since_1.in_section("Clauses and controls")
    assert clause.title.startswith("4.1 ") and clause.target == "4.1"
    lines = {line.field: line for line in clause.lines}
    # (a save already merges the edits made between two saves into one entry)
    assert (lines["Notes"].old, lines["Notes"].new) == ("Draft", "Workshop held")
    assert (lines["Status"].old, lines["Status"].new) == ("Partially met", "Met")
    systems = {g.title: g for g in since_1.in_section("AI systems")}
    # "Old bot" was added in revision 2 and deleted in 3: since revision 1, nothing moved
    assert set(systems) == {"AI system AI-001 RoutePilot"}
    (owner,) = systems["AI system AI-001 RoutePilot"].lines
    assert (owner.what, owner.field, owner.new) == (CHANGED, "Owner", "Dan")
    assert systems["AI system AI-001 RoutePilot"].target == f"register:ai_system:{system}"

    since_2 = changes.session_change_list(session, since_revision=2)
    (old_bot,) = since_2.groups
    assert old_bot.title == "AI system “AI-002 Old bot”" and old_bot.target == "register:ai_system"
    (line,) = old_bot.lines
    assert line.what == DELETED and "Name: Old bot" in line.old
    since_0 = changes.session_change_list(session, since_revision=0)
    added = next(g for g in since_0.groups if g.title == "AI system AI-001 RoutePilot")
    assert added.lines[0].what == ADDED and "Name: RoutePilot" in added.lines[0].new
    # a file on disk gives the same list, without opening it for editing
    on_disk = changes.file_change_list(path, since_revision=1)
    assert [g.title for g in on_disk.groups] == [g.title for g in since_1.groups]
    text = "\n".join(changes.as_text(on_disk))
    assert "Notes: Draft -> Workshop held" in text and "since revision 1" in text
    with pytest.raises(RuleViolation, match="no revision 7"):
        changes.session_change_list(session, since_revision=7)


def test_the_change_list_since_a_date(session: ProjectSession) -> None:
    assessments.update_assessment(session, "5.1", status=Status.MET)
    today = session.today()
    assert changes.session_change_list(session, since=today + timedelta(days=1)).groups == ()
    found = changes.session_change_list(session, since=today)
    assert [g.target for g in found.groups] == ["5.1", "organisation"]
    assert found.unsaved and found.since_text.startswith("since ")


def test_review_records_survive_save_and_reopen(session: ProjectSession, tmp_path: Path) -> None:
    session.user = "Jane Auditor"
    review.add_comment(session, "A.6.2.4", "Verification records missing.", CommentKind.MAJOR)
    path = save_project(session, tmp_path / "p.aims")
    close_project(session)
    reopened = open_project(path)
    try:
        (comment,) = review.comments(reopened, "A.6.2.4")
        assert comment.reviewer == "Jane Auditor" and comment.kind is CommentKind.MAJOR
        assert comment.target == "A.6.2.4"
    finally:
        close_project(reopened)
