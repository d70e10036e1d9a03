"""Root test configuration: no real screen, no real user settings or data folders."""

from __future__ import annotations

import os
import shutil

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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project written once per test run (tests copy it, never change it)."""
    folder = tmp_path_factory.mktemp("demo-template")
    previous = os.environ.get("AIMS_DESKTOP_DATA_DIR")
    os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
    try:
        from aims_desktop.services.demo import write_demo

        return write_demo(folder / "demo.aims")
    finally:
        if previous is None:
            os.environ.pop("AIMS_DESKTOP_DATA_DIR", None)
        else:
            os.environ["AIMS_DESKTOP_DATA_DIR"] = previous


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo project for one test."""
    target = tmp_path / "Kestrel Freight.aims"
    shutil.copyfile(demo_template, target)
    return target
