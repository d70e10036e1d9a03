"""The dashboard: readiness, what to do next, and what the auditor's eye has found."""
