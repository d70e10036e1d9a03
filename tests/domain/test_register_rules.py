"""The rules of the registers of issue 10 (documents, impact assessments, objectives, changes,
training), the mandatory documented information against the catalogue, and the competence
matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.competence import CellState, competence_matrix
from aims_desktop.domain.documented_information import Coverage, mandatory_records
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers import REGISTERS

CATALOG = load_catalog()


def validate(key: str, **values: Any) -> Any:
    spec = REGISTERS[key]
    data = {f.name: f.empty() for f in spec.fields}
    data.update(values)
    return spec.validate(data)


@pytest.mark.parametrize(
    ("key", "values", "message"),
    [
        ("document", {"title": "Policy", "status": "approved"}, "who approved it and when"),
        ("document", {"title": "Policy", "kept": "elsewhere"}, "Say where “Policy” is kept"),
        (
            "document_version",
            {"parent_id": "p", "version": "1", "sha256": "not-a-hash", "file_name": "a.pdf"},
            "not a SHA-256",
        ),
        ("document_version", {"parent_id": "p", "version": "1", "sha256": "a" * 64}, "file's name"),
        (
            "document_version",
            {"parent_id": "p", "version": "2", "status": "approved"},
            "record who approved it and when",
        ),
        (
            "impact_assessment",
            {"title": "Chatbot", "status": "completed"},
            "needs “Date of the assessment”, “Carried out by” and “Result”",
        ),
        (
            "impact",
            {"parent_id": "p", "description": "Wrong answers", "direction": "negative"},
            "severity",
        ),
        (
            "planned_change",
            {"change": "New supplier", "status": "approved"},
            "consequences considered",
        ),
        ("training", {"parent_id": "p", "title": "Course"}, "when “Course” was completed"),
        (
            "training",
            {"parent_id": "p", "title": "Course", "status": "planned"},
            "when the planned “Course” is due",
        ),
        ("objective_progress", {"parent_id": "p", "value": "3 of 4"}, "needs a date"),
    ],
)
def test_each_register_rule_refuses_with_a_message(key: str, values: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(RuleViolation) as caught:
        validate(key, **values)
    assert message in str(caught.value)


def test_rules_accept_a_complete_record() -> None:
    validate(
        "document",
        title="Policy",
        status="approved",
        approver="Tom",
        approved_on=date(2026, 1, 1),
        kept="elsewhere",
        location="SharePoint",
    )
    validate("document_version", parent_id="p", version="1", sha256="a" * 64, file_name="a.pdf")
    validate("impact", parent_id="p", description="Faster answers", direction="positive")
    validate("planned_change", change="New supplier", status="proposed")
    assessment = validate("impact_assessment", title="Chatbot")
    with pytest.raises(RuleViolation, match="its own earlier version"):
        validate("impact_assessment", id=assessment.id, title="Chatbot", previous=(assessment.id,))


# -- the mandatory documented information --------------------------------------------------


def _doc(**values: Any) -> Any:
    return validate("document", **{"title": "Doc", **values})


def _label(doc: Any) -> str:
    return str(doc.title)


def test_every_required_record_is_listed_once_against_the_catalogue() -> None:
    listed = mandatory_records(CATALOG, [], _label, {})
    assert [m.record.id for m in listed] == [r.id for r in CATALOG.required_records]
    assert {m.coverage for m in listed} == {Coverage.GAP}
    policy = next(m for m in listed if m.record.id == "5.2:r1")
    assert policy.also_listed_under == ("A.2.2",)


def test_coverage_by_approved_document_draft_register_or_gap() -> None:
    approved = _doc(
        title="Scope",
        records=("4.3:r1",),
        status="approved",
        approver="Tom",
        approved_on=date(2026, 1, 1),
    )
    draft = _doc(title="Policy draft", records=("A.2.2:r1",), status="draft")
    withdrawn = _doc(title="Old SoA", records=("6.1.3:r2",), status="withdrawn")
    serves_only = _doc(
        title="Risk procedure",
        requirements=("8.2",),
        status="approved",
        approver="T",
        approved_on=date(2026, 1, 1),
    )
    listed = {
        m.record.id: m
        for m in mandatory_records(
            CATALOG,
            [approved, draft, withdrawn, serves_only],
            _label,
            {"impact_assessment": 2, "objective": 0},
        )
    }
    assert listed["4.3:r1"].coverage is Coverage.APPROVED
    assert [d.label for d in listed["4.3:r1"].documents] == ["Scope"]
    assert listed["5.2:r1"].coverage is Coverage.DRAFT  # named under A.2.2: the same record
    assert listed["6.1.3:r2"].coverage is Coverage.GAP  # withdrawn counts for nothing
    assert listed["8.2:r1"].coverage is Coverage.GAP  # serving 8.2 is not holding its results
    assert listed["8.4:r1"].coverage is Coverage.REGISTER
    assert listed["8.4:r1"].register == "impact_assessment"
    assert listed["6.2:r1"].coverage is Coverage.GAP  # an empty register covers nothing


# -- the competence matrix -------------------------------------------------------------------


def test_the_matrix_shows_gaps_renewals_and_training_due() -> None:
    today = date(2026, 11, 29)
    literacy = validate("competence", name="AI literacy")
    review = validate("competence", name="Reviewing outputs")
    python = validate("competence", name="Python")
    role = validate("role", name="Reviewer", competences=(literacy.id, review.id))
    marek = validate("person", name="Marek", roles=(role.id,))
    grace = validate("person", name="Grace", roles=(role.id,))
    trainings = [
        validate(
            "training",
            parent_id=marek.id,
            title="E-learning",
            completed_on=date(2025, 1, 1),
            valid_until=date(2026, 12, 20),
            competences=(literacy.id,),
        ),
        validate(
            "training",
            parent_id=marek.id,
            title="On the job",
            completed_on=date(2025, 1, 1),
            competences=(review.id, python.id),
        ),
        validate(
            "training",
            parent_id=grace.id,
            title="E-learning",
            status="planned",
            due_on=date(2026, 11, 1),
            competences=(literacy.id,),
        ),
    ]
    matrix = competence_matrix([marek, grace], [role], [literacy, review, python], trainings, today)
    assert [name for _id, name in matrix.competences] == [
        "AI literacy",
        "Reviewing outputs",
        "Python",
    ]
    marek_row, grace_row = matrix.rows
    assert marek_row.cells[literacy.id].state is CellState.RENEW
    assert marek_row.cells[literacy.id].note == "renew by 2026-12-20"
    assert marek_row.cells[python.id].state is CellState.EXTRA
    assert marek_row.gaps == ()
    assert set(grace_row.gaps) == {literacy.id, review.id}
    assert grace_row.cells[literacy.id].note == "planned for 2026-11-01 (overdue)"
    assert matrix.gap_count == 2
    assert [(d.person, d.overdue, d.renewal) for d in matrix.due] == [
        ("Grace", True, False),
        ("Marek", False, True),
    ]
