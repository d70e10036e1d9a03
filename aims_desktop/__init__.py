"""AIMS Desktop: build, self-assess and keep the records of an ISO/IEC 42001 AI management
system, offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aims-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "AIMS Desktop"
