"""The one list of document formats AIMS Desktop opens, and the identifiers every platform uses.

The macOS Info.plist (document types and the exported UTI) is generated from this list by the
PyInstaller spec; the Linux MIME type and desktop entry and the Windows installer's association
are written by hand for their own formats, and a test checks that they agree with this list.
No Qt, no project imports: the spec, build.py and the tests all load this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

APP_NAME = "AIMS Desktop"
APP_ID = "org.aimsdesktop.AIMSDesktop"
"""Reverse-DNS identity: macOS bundle identifier, Linux desktop-file and icon name."""
CLI_EXECUTABLE = "aims-desktop"
"""The console executable (the command-line tools; with no subcommand it starts the GUI)."""
GUI_EXECUTABLE = {"win32": "AIMS Desktop", "darwin": "AIMS Desktop", "linux": "aims-desktop-gui"}
"""The windowed executable per platform (no space in the name on Linux, where it goes in Exec)."""
FOLDER_NAME = "aims-desktop"
"""The one-folder build's folder name."""

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x41494D53
"""PRAGMA application_id of every .aims file ("AIMS"), stored big-endian at byte offset 68."""
APPLICATION_ID_OFFSET = 68


@dataclass(frozen=True)
class DocumentFormat:
    extension: str
    mime_type: str
    uti: str
    description: str
    icon: str
    """Base name of the document icon in packaging/icons (.icns, .ico, -SIZE.png)."""
    conforms_to: tuple[str, ...]
    role: str = "Editor"
    owned: bool = True
    """The application owns the type: macOS exports its UTI, Windows points it at us."""


FORMATS: tuple[DocumentFormat, ...] = (
    DocumentFormat(
        extension="aims",
        mime_type="application/x-aims-project",
        uti="org.aimsdesktop.aims-project",
        description="AIMS Desktop project",
        icon="aims-project",
        conforms_to=("public.data", "public.database"),
    ),
)


def macos_document_types() -> list[dict[str, Any]]:
    return [
        {
            "CFBundleTypeName": f.description,
            "CFBundleTypeRole": f.role,
            "CFBundleTypeIconFile": f"{f.icon}.icns",
            "LSItemContentTypes": [f.uti],
            "LSHandlerRank": "Owner" if f.owned else "Alternate",
        }
        for f in FORMATS
    ]


def macos_exported_types() -> list[dict[str, Any]]:
    return [
        {
            "UTTypeIdentifier": f.uti,
            "UTTypeDescription": f.description,
            "UTTypeConformsTo": list(f.conforms_to),
            "UTTypeIconFile": f"{f.icon}.icns",
            "UTTypeTagSpecification": {
                "public.filename-extension": [f.extension],
                "public.mime-type": [f.mime_type],
            },
        }
        for f in FORMATS
        if f.owned
    ]


def macos_info_plist(version: str) -> dict[str, Any]:
    """The keys the spec adds to the .app's Info.plist."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": "12.0",
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "AIMS Desktop contributors, Apache License 2.0",
        "CFBundleDocumentTypes": macos_document_types(),
        "UTExportedTypeDeclarations": macos_exported_types(),
    }


def application_version(root: Any) -> str:
    """The version from aims_desktop/__init__.py, read without importing the package."""
    from pathlib import Path

    text = (Path(root) / "aims_desktop" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError("no __version__ in aims_desktop/__init__.py")
