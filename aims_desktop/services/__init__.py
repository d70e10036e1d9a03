"""Use cases: one transaction each, change-logged, returning what changed. No Qt here."""
