"""A PySide6 build that drops references to None crashes the application after a while.

PySide6 6.12.0 wheels, run on Python 3.11, return None from every void method without taking a
reference to it (pyproject.toml pins below 6.12 for this reason). Python 3.12+ makes None
immortal, so the bug is harmless there; on 3.11 None's reference count falls with every
setText()/setPen() until the interpreter aborts with "Fatal Python error: none_dealloc".
Painting the window calls such methods thousands of times, so repainting must leave None's
reference count where it was.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from aims_desktop.gui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_repainting_the_window_does_not_use_up_references_to_none(
    window: MainWindow, demo_file: Path
) -> None:
    window.open_file(demo_file)

    def repaint_many_times() -> None:
        for _ in range(30):
            window.sidebar.set_readiness(window.session.readiness())  # type: ignore[union-attr]
            window.grab()
        gc.collect()

    repaint_many_times()  # first paints create caches and free start-up objects: not counted
    before = sys.getrefcount(None)
    repaint_many_times()
    assert sys.getrefcount(None) >= before - 20
