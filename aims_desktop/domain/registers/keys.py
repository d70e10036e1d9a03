"""The keys of the registers, for links between them: a link names its target by key, so two
registers can link to each other without importing each other.

A key is stored in project files (table names, the change log, the link table): never rename one.
"""

from __future__ import annotations

CONTEXT_ISSUE = "context_issue"
INTERESTED_PARTY = "interested_party"
AI_SYSTEM = "ai_system"
RISK = "risk"
ORGANISATION_CONTROL = "organisation_control"

# Performance evaluation and improvement (clauses 9 and 10), the certification path
MONITORING_MEASURE = "monitoring_measure"
MEASUREMENT_RESULT = "measurement_result"
INTERNAL_AUDIT = "internal_audit"
AUDIT_FINDING = "audit_finding"
MANAGEMENT_REVIEW = "management_review"
REVIEW_ACTION = "review_action"
NONCONFORMITY = "nonconformity"
IMPROVEMENT = "improvement"
AI_INCIDENT = "ai_incident"
CERTIFICATION_AUDIT = "certification_audit"
REVIEW_COMMENT = "review_comment"
DOCUMENT = "document"
DOCUMENT_VERSION = "document_version"
IMPACT_ASSESSMENT = "impact_assessment"
IMPACT = "impact"
OBJECTIVE = "objective"
OBJECTIVE_PROGRESS = "objective_progress"
PLANNED_CHANGE = "planned_change"
COMPETENCE = "competence"
ROLE = "role"
PERSON = "person"
TRAINING = "training"
AWARENESS_SESSION = "awareness_session"
COMMUNICATION = "communication"
SUPPLIER = "supplier"
