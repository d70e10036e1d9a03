"""The per-user data folder (working copies, the demo, logs), for layers above the store.

Kept in a module of its own that imports nothing heavy, so the GUI can find its log file before
the database layer is loaded.
"""

from __future__ import annotations

from pathlib import Path

from aims_desktop.store.workspace import data_dir, same_file

__all__ = ["data_folder", "same_file"]


def data_folder() -> Path:
    return data_dir()
