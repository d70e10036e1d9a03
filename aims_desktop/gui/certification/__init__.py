"""The certification path: the Stage 1 readiness check and the three-year cycle."""
