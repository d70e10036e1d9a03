"""Root test configuration: no real screen, no real user settings or data folders."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own data and settings folders, so working copies, recovery and
    preferences never leak between tests or into the developer's real profile."""
    folder = tmp_path_factory.mktemp("aims-data")
    monkeypatch.setenv("AIMS_DESKTOP_DATA_DIR", str(folder))
    monkeypatch.setenv("AIMS_DESKTOP_SETTINGS_DIR", str(folder / "settings"))
    yield folder
