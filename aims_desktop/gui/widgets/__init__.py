"""Pieces shared by every feature: input fields, labels for statuses and sections, icons."""
