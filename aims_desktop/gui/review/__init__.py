"""The auditor's visit: what changed since a revision, as a dialog."""
