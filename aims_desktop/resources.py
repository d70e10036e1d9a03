"""Where the bundled resources (catalogue, fonts, icons, demo evidence) are found.

Three layouts must work: a source checkout (resources/ beside the package), an installed wheel
(the build copies resources/ into the package as aims_desktop/resources) and a frozen PyInstaller
bundle (resources/ beside the executable's unpacked files).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    package = Path(__file__).resolve().parent
    candidates = [package / "resources", package.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "resources")
    for candidate in candidates:
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError(
        "AIMS Desktop cannot find its resources folder; looked in "
        + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
