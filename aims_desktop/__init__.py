"""AIMS Desktop: build, self-assess and keep the records of an ISO/IEC 42001 AI management
system, offline."""

__version__ = "0.1.0"
"""The single source of the version: pyproject.toml reads it from here (hatch dynamic version).
A literal, not importlib.metadata, because that lookup costs start-up time on every launch."""

APP_NAME = "AIMS Desktop"
