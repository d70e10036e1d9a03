"""Errors raised when an edit would break a rule of the standard or of the application."""


class RuleViolation(ValueError):
    """An edit breaks a rule; the message is written for the user and can be shown as it is."""
