"""The application's own icons, loaded once from resources/icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from aims_desktop.resources import resource_path


@cache
def app_icon() -> QIcon:
    """The AIMS Desktop icon: PNG renderings where present (sharp at small sizes), else SVG."""
    folder = resource_path("icons")
    icon = QIcon()
    for png in sorted(folder.glob("aims-desktop-*.png")):
        icon.addFile(str(png))
    svg = folder / "aims-desktop.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon
