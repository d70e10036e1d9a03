"""Pure-Python rules of an AI management system: entities, statuses, readiness, actions."""
