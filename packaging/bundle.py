"""What goes into the frozen application and what stays out: the spec applies these rules, and
the packaging tests check the build against them. No Qt, no project imports.

Out: Qt plug-ins the application never loads (it uses QtCore, QtGui, QtWidgets and QtNetwork's
local sockets only), every Qt translation but qtbase_LANG for the languages we translate into
(`install_translators` loads Qt's own only beside ours),
image formats but SVG (PNG is built into QtGui), setuptools (its runtime hook costs an import at
every start), Pillow's optional codecs and font, colour and Tk modules (reportlab imports
PIL.Image at start but our reports draw no raster image), and standard-library parts a desktop
application has no use for.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Collection, Iterable
from pathlib import Path, PurePosixPath

DATA_FOLDERS = ("catalog", "demo", "fonts", "icons", "translations")
"""Folders of resources/ the application reads at run time (the wheel's list too)."""
DATA_SKIP = ("translations/README.md",)
"""Files of those folders (relative to resources/) that stay out: notes for translators."""

EXCLUDED_MODULES = (
    # Build tools: setuptools' runtime hook (pyi_rth_setuptools, pyi_rth_pkgres) runs at start.
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "distutils",
    "pip",
    "PyInstaller",
    # Development tools the analysis finds through pydantic's mypy plug-in module.
    "mypy",
    "pydantic.mypy",
    "ast_serialize",
    # pydantic pretty-prints with rich where it is installed; a debugging aid only.
    "rich",
    "pygments",
    "markdown_it",
    # reportlab imports PIL.Image (so Pillow's core stays); the rest of Pillow is unused.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingft",
    "PIL.ImageFont",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL._imagingmath",
    "PIL.ImageMath",
    "PIL._imagingmorph",
    "PIL.ImageMorph",
    "PIL.ImageQt",
    "PIL.ImageShow",
    "PIL.ImageGrab",
    # Standard library a desktop application does not use.
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "ensurepip",
    "venv",
    "pydoc_data",
    "test",
    "unittest",
    "doctest",
    "xmlrpc",
    "curses",
    "readline",  # only the interactive prompt uses it; it brings libreadline and ncurses
    "pydoc",
    "multiprocessing",  # unused (threads only); its runtime hook would import it at every start
    # SQLAlchemy dialects other than SQLite (the .aims file is SQLite).
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.oracle",
    "sqlalchemy.dialects.mssql",
    # The store uses SQLAlchemy Core only: no ORM, no extensions.
    "sqlalchemy.orm",
    "sqlalchemy.ext",
    "sqlalchemy.testing",
    "pydantic.v1",  # pydantic 1 compatibility, for models we do not have
    # Nothing goes online: no TLS (hashlib keeps OpenSSL for its fast SHA-256).
    "ssl",
    "_ssl",
    # Qt for Python modules we never import (the hooks may pull them in through plugins).
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPdf",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtXml",
    "PySide6.QtSvgWidgets",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
)

QT_PLUGINS_KEPT = (
    "platforms/*qxcb*",
    "platforms/*qwayland*",
    "platforms/*qoffscreen*",  # the smoke tests and headless CI start the GUI offscreen
    "platforms/qwindows*",
    "platforms/*qcocoa*",
    "platformthemes/*xdgdesktopportal*",  # native file dialogs through the desktop portal
    "platforminputcontexts/*compose*",  # dead keys and compose sequences
    "platforminputcontexts/*ibus*",  # input methods
    "xcbglintegrations/*",
    "wayland-decoration-client/*",
    "wayland-shell-integration/*xdg-shell*",
    "wayland-graphics-integration-client/*wayland-egl*",
    "wayland-graphics-integration-client/*shm-emulation*",
    "iconengines/*qsvgicon*",  # theme icons (message boxes, file dialogs) may be SVG
    "imageformats/*qsvg*",
    "styles/*",  # the native look on Windows and macOS
)
"""Qt plug-ins (paths under Qt's plugins folder) that ship; every other plug-in stays out."""

QT_LIBRARIES_DROPPED = (
    "*Qt6Pdf*",
    "*Qt6Qml*",
    "*Qt6Quick*",
    "*Qt6VirtualKeyboard*",
    "*Qt6EglFS*",
    "*Qt6PrintSupport*",
    "*Qt6Sql*",
    "*Qt6Designer*",
    "*Qt6Help*",
    "*Qt6Lottie*",
    "*Qt6Labs*",
    "*Qt6WaylandCompositor*",
)
"""Qt libraries only the dropped plug-ins or modules need."""

OTHER_DROPPED = (
    "setuptools/*",
    "*/setuptools/*",
    "pkg_resources/*",
    "*/pkg_resources/*",
    # Libraries of the Pillow modules left out above.
    "pillow.libs/libavif*",
    "pillow.libs/libsharpyuv*",
    "pillow.libs/libwebp*",
    "pillow.libs/liblcms2*",
    "pillow.libs/libfreetype*",
    "pillow.libs/libharfbuzz*",
    "pillow.libs/libbrotli*",
    "pillow.libs/libpng16*",
)


def _parts(dest: str) -> PurePosixPath:
    return PurePosixPath(dest.replace("\\", "/"))


def qt_plugin(dest: str) -> str | None:
    """The path of a Qt plug-in below the plugins folder, or None if `dest` is not a plug-in."""
    parts = _parts(dest).parts
    if "PySide6" not in parts or "plugins" not in parts:
        return None
    index = parts.index("plugins")
    return "/".join(parts[index + 1 :]) or None


def is_qt_translation(dest: str) -> bool:
    path = _parts(dest)
    return "PySide6" in path.parts and "translations" in path.parts and path.suffix == ".qm"


def translated_languages(root: Path) -> set[str]:
    """The languages of our own translations: "de" for resources/translations/aims_desktop_de.qm."""
    folder = root / "resources" / "translations"
    return {qm.stem.removeprefix("aims_desktop_") for qm in folder.glob("aims_desktop_*.qm")}


def keep(dest: str, languages: Collection[str] = ()) -> bool:
    """Whether a file bound for `dest` (relative to the bundle) ships; `languages` are ours."""
    path = str(_parts(dest))
    plugin = qt_plugin(dest)
    if plugin is not None:
        return any(fnmatch.fnmatch(plugin, pattern) for pattern in QT_PLUGINS_KEPT)
    if is_qt_translation(dest):
        name = PurePosixPath(path).stem
        return name.startswith("qtbase_") and name.removeprefix("qtbase_") in languages
    name = PurePosixPath(path).name
    if any(fnmatch.fnmatch(name, pattern) for pattern in QT_LIBRARIES_DROPPED):
        return False
    return not any(fnmatch.fnmatch(path, pattern) for pattern in OTHER_DROPPED)


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller: resources/ as the app reads it."""
    pairs: list[tuple[str, str]] = []
    resources = root / "resources"
    for folder in DATA_FOLDERS:
        for source in sorted((resources / folder).rglob("*")):
            inside = source.relative_to(resources).as_posix()
            if not source.is_file() or any(fnmatch.fnmatch(inside, p) for p in DATA_SKIP):
                continue
            relative = source.relative_to(root).parent
            pairs.append((str(source), relative.as_posix()))
    return pairs


TocEntry = tuple[str, str, str]


def prune_libraries(
    binaries: Iterable[TocEntry], imports: Callable[[str], Iterable[tuple[str, str | None]]]
) -> list[TocEntry]:
    """Drop the shared libraries that nothing kept needs any more (Linux).

    The analysis collects the libraries of every plug-in before `keep` drops plug-ins, so the
    libraries only a dropped plug-in linked (GTK's cairo, pango and friends) would still ship.
    `imports(path)` lists a binary's link-time dependencies, transitively (PyInstaller's
    `bindepend.get_imports`, which runs ldd). A symbolic link to a dropped library goes too."""
    entries = list(binaries)
    roots = [
        source
        for dest, source, kind in entries
        if kind == "EXTENSION"
        or qt_plugin(dest) is not None
        or PurePosixPath(dest).name.startswith("libpython")
    ]
    needed: set[str] = set()
    for source in roots:
        needed.update(PurePosixPath(name).name for name, _path in imports(source))
    kept = [
        entry
        for entry in entries
        if entry[2] != "BINARY"
        or qt_plugin(entry[0]) is not None
        or PurePosixPath(entry[0]).name in needed
        or PurePosixPath(entry[0]).name.startswith("libpython")
    ]
    destinations = {dest for dest, _source, _kind in kept}
    return [e for e in kept if e[2] != "SYMLINK" or _parts(e[1]).as_posix() in destinations]
