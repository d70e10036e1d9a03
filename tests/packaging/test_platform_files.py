"""The files that make the platforms know AIMS Desktop and its .aims files, checked without a
build: the Linux desktop entry and MIME type (validated by the freedesktop tools and used for
real by Qt's MIME database), the per-user install script, the macOS Info.plist generated from
the one list of formats, the Windows installer script, the icons, and the release workflow.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import sqlite3
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aims_desktop.store.schema import APPLICATION_ID
from tests.packaging.conftest import PACKAGING, ROOT, load, tool

formats = load("formats")
bundle = load("bundle")

DESKTOP = PACKAGING / "linux" / f"{formats.APP_ID}.desktop"
MIME_XML = PACKAGING / "linux" / f"{formats.APP_ID}.xml"
ISS = PACKAGING / "windows" / "aims-desktop.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
DTD = Path(__file__).with_name("shared-mime-info.dtd")
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
FORMAT = formats.FORMATS[0]


def _desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


# -- Linux: the desktop entry and the MIME type ---------------------------------------------


def test_the_desktop_entry_is_valid() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_desktop_entry_opens_project_files_with_the_gui() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Exec"] == f"{formats.GUI_EXECUTABLE['linux']} %f"
    assert entry["Icon"] == formats.APP_ID
    assert entry["Terminal"] == "false"
    assert set(filter(None, entry["MimeType"].split(";"))) == {f.mime_type for f in formats.FORMATS}
    # The window's desktop file name ties running windows to this entry (taskbar icon, grouping).
    from aims_desktop.gui.app import DESKTOP_FILE

    assert DESKTOP_FILE == formats.APP_ID


def test_the_mime_type_is_valid_xml_of_the_shared_mime_info_format() -> None:
    xmllint = tool("xmllint", "libxml2-utils")
    done = subprocess.run(
        [xmllint, "--noout", "--dtdvalid", str(DTD), str(MIME_XML)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_mime_type_matches_the_extension_and_the_file_header() -> None:
    root = ET.parse(MIME_XML).getroot()
    (mime,) = root.findall("m:mime-type", NS)
    assert mime.get("type") == FORMAT.mime_type
    assert [g.get("pattern") for g in mime.findall("m:glob", NS)] == [f"*.{FORMAT.extension}"]
    (outer,) = mime.findall("m:magic/m:match", NS)
    assert (outer.get("type"), outer.get("offset")) == ("string", "0")
    assert outer.get("value", "").replace("\\000", "\x00").encode() == formats.SQLITE_HEADER
    (inner,) = outer.findall("m:match", NS)
    assert (inner.get("type"), inner.get("offset")) == ("big32", str(formats.APPLICATION_ID_OFFSET))
    assert int(inner.get("value", ""), 16) == formats.APPLICATION_ID == APPLICATION_ID


def test_a_project_file_really_carries_that_header(demo_file: Path) -> None:
    head = demo_file.read_bytes()[:100]
    assert head.startswith(formats.SQLITE_HEADER)
    offset = formats.APPLICATION_ID_OFFSET
    assert struct.unpack(">I", head[offset : offset + 4])[0] == formats.APPLICATION_ID


MIME_PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication, QMimeDatabase
app = QCoreApplication(sys.argv)
db = QMimeDatabase()
content = QMimeDatabase.MatchMode.MatchContent
print(json.dumps({
    name: [db.mimeTypeForFile(path).name(), db.mimeTypeForFile(path, content).name()]
    for name, path in json.loads(sys.argv[1]).items()
}))
"""


def test_the_desktop_recognises_projects_by_name_and_by_content(
    demo_file: Path, tmp_path: Path
) -> None:
    """Qt's MIME database reads the same shared-mime-info files as the desktop: with our XML
    installed, a project is recognised by its extension and, renamed, by its content; another
    SQLite database is not taken for one."""
    import json

    data = tmp_path / "share"
    packages = data / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy2(MIME_XML, packages)
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if system.exists():  # the generic SQLite type ours must win against
        shutil.copy2(system, packages)
    update = shutil.which("update-mime-database")
    if update:  # also proves the XML acceptable to the freedesktop tool itself
        done = subprocess.run([update, str(data / "mime")], capture_output=True, text=True)
        assert done.returncode == 0 and "rror" not in done.stderr, done.stderr
    files = tmp_path / "files"
    files.mkdir()
    shutil.copy2(demo_file, files / "project.aims")
    shutil.copy2(demo_file, files / "renamed attachment.bin")
    other = sqlite3.connect(files / "other.sqlite")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    paths = {p.name: str(p) for p in files.iterdir()}
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "empty"),
        "XDG_DATA_DIRS": str(data),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", MIME_PROBE, json.dumps(paths)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["project.aims"] == [FORMAT.mime_type, FORMAT.mime_type]
    assert found["renamed attachment.bin"][1] == FORMAT.mime_type  # by content alone
    assert FORMAT.mime_type not in found["other.sqlite"]


# -- Linux: the per-user install script ----------------------------------------------------


def _fake_build(folder: Path) -> Path:
    """A stand-in for the one-folder build: two executables that say who they are."""
    folder.mkdir(parents=True)
    for name in (formats.CLI_EXECUTABLE, formats.GUI_EXECUTABLE["linux"]):
        script = folder / name
        script.write_text(f'#!/bin/sh\necho {name} "$@"\n', encoding="utf-8")
        script.chmod(0o755)
    (folder / "_internal").mkdir()
    return folder


def _install(top: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run(
        ["sh", str(top / "install.sh"), *args], env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer")
def test_install_sh_installs_for_the_user_and_uninstalls_cleanly(tmp_path: Path) -> None:
    build = load("build")
    top = build.stage_linux(_fake_build(tmp_path / "build"), tmp_path / "staging")
    home = tmp_path / "home with space"
    home.mkdir()
    done = _install(top, home)
    assert done.returncode == 0, done.stderr
    app = home / ".local" / "opt" / "aims-desktop"
    share = home / ".local" / "share"
    entry_path = share / "applications" / f"{formats.APP_ID}.desktop"
    entry = _desktop_entry(entry_path)
    assert entry["Exec"] == f'"{app}/{formats.GUI_EXECUTABLE["linux"]}" %f'
    assert entry["TryExec"] == f"{app}/{formats.GUI_EXECUTABLE['linux']}"
    assert (share / "mime" / "packages" / f"{formats.APP_ID}.xml").exists()
    icon_name = FORMAT.mime_type.replace("/", "-")
    for size in (16, 32, 48, 256):
        assert (share / f"icons/hicolor/{size}x{size}/apps/{formats.APP_ID}.png").exists()
        assert (share / f"icons/hicolor/{size}x{size}/mimetypes/{icon_name}.png").exists()
    assert (share / f"icons/hicolor/scalable/apps/{formats.APP_ID}.svg").exists()
    command = home / ".local" / "bin" / formats.CLI_EXECUTABLE
    ran = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert ran.stdout.strip() == f"{formats.CLI_EXECUTABLE} --version"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry_path)], capture_output=True)
        assert check.returncode == 0, check.stdout
    if shutil.which("update-mime-database"):  # the install refreshed the user's MIME cache
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert f"{FORMAT.mime_type}:*.{FORMAT.extension}" in globs

    again = _install(top, home)  # an update over an earlier install
    assert again.returncode == 0, again.stderr

    projects = home / "Documents"
    projects.mkdir()
    (projects / "mine.aims").write_bytes(b"the user's own work")
    removed = _install(top, home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not app.exists() and not command.exists() and not entry_path.exists()
    assert not (share / "mime" / "packages" / f"{formats.APP_ID}.xml").exists()
    leftovers = [p for p in share.rglob("*") if formats.APP_ID in p.name or icon_name in p.name]
    assert leftovers == []
    assert (projects / "mine.aims").read_bytes() == b"the user's own work"


# -- macOS: the bundle's Info.plist from the one list of formats -----------------------------


def test_the_macos_bundle_owns_the_project_type() -> None:
    info = plistlib.loads(plistlib.dumps(formats.macos_info_plist("1.2.3")))
    assert info["CFBundleShortVersionString"] == "1.2.3"
    (document,) = info["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [FORMAT.uti]
    assert document["LSHandlerRank"] == "Owner"
    assert document["CFBundleTypeRole"] == "Editor"
    (exported,) = info["UTExportedTypeDeclarations"]
    assert exported["UTTypeIdentifier"] == FORMAT.uti
    tags = exported["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [FORMAT.extension]
    assert tags["public.mime-type"] == [FORMAT.mime_type]
    assert "public.data" in exported["UTTypeConformsTo"]
    for icon in (document["CFBundleTypeIconFile"], exported["UTTypeIconFile"]):
        assert (PACKAGING / "icons" / icon).exists()


def test_the_spec_builds_the_bundle_from_that_list() -> None:
    spec = (PACKAGING / "aims-desktop.spec").read_text(encoding="utf-8")
    assert "info_plist=formats.macos_info_plist(VERSION)" in spec
    assert "bundle_identifier=formats.APP_ID" in spec
    assert "excludes=list(bundle.EXCLUDED_MODULES)" in spec
    assert "console=True" in spec and "console=False" in spec  # the CLI and the GUI
    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.cs.allow-unsigned-executable-memory"] is True


# -- Windows: the Inno Setup script --------------------------------------------------------


def test_the_windows_installer_is_per_user_and_owns_the_project_type() -> None:
    text = ISS.read_text(encoding="utf-8")
    defines = dict(
        line.split(" ", 2)[1:] for line in text.splitlines() if line.startswith("#define ")
    )
    assert defines["AppExe"] == f'"{formats.GUI_EXECUTABLE["win32"]}.exe"'
    assert defines["CliExe"] == f'"{formats.CLI_EXECUTABLE}.exe"'
    assert defines["DocumentIcon"] == f'"{FORMAT.icon}.ico"'
    assert (PACKAGING / "icons" / f"{FORMAT.icon}.ico").exists()
    assert "PrivilegesRequired=lowest" in text  # no administrator rights
    assert "DefaultDirName={autopf}" in text  # %LOCALAPPDATA%\Programs for a per-user install
    assert 'Name: "{autoprograms}\\{#AppName}"' in text  # the Start menu entry
    assert "ChangesAssociations=yes" in text
    association = [line for line in text.splitlines() if line.startswith("Root: HKA;")]
    assert all("Software\\Classes" in line for line in association)  # per user (HKCU)
    joined = "\n".join(association)
    assert f'Subkey: "Software\\Classes\\.{FORMAT.extension}"' in joined
    assert "{#ProgId}\\DefaultIcon" in joined and "{#DocumentIcon},0" in joined
    assert '{#ProgId}\\shell\\open\\command"' in joined and '""%1""' in joined
    assert "uninsdeletekey" in joined and "uninsdeletevalue" in joined  # a clean uninstall
    assert "SignTool=aimssign" in text  # signed when build.py passes a certificate


# -- icons ---------------------------------------------------------------------------------


def _png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("name", ["aims-desktop", "aims-project"])
def test_the_windows_and_macos_icons_hold_every_size(name: str) -> None:
    icons = load("icons")
    ico = (PACKAGING / "icons" / f"{name}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        _w, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index : 22 + 16 * index]
        )
        width, height = _png_size(ico[offset : offset + length])
        assert width == height
        sizes.append(width)
    assert sorted(sizes) == sorted(icons.ICO_SIZES)

    icns = (PACKAGING / "icons" / f"{name}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    found = {}
    position = 8
    while position < len(icns):
        kind_code, length = (
            icns[position : position + 4],
            struct.unpack(">I", icns[position + 4 : position + 8])[0],
        )
        found[kind_code] = _png_size(icns[position + 8 : position + length])[0]
        position += length
    assert found == {code: size for code, size in icons.ICNS_TYPES}


# -- what the spec keeps and drops -----------------------------------------------------------


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqgif.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/Qt/translations/qt_help_de.qm", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("setuptools/_vendor/x.py", False),
        ("resources/catalog/clauses.toml", True),
    ],
)
def test_the_spec_keeps_what_the_application_uses(dest: str, kept: bool) -> None:
    assert bundle.keep(dest, {"de"}) is kept


def test_libraries_only_dropped_plugins_needed_are_dropped() -> None:
    entries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libxkbcommon.so.0", "/lib/libxkbcommon.so.0", "BINARY"),
        ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),  # GTK's: the dropped plug-in's
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libcairo-link.so", "libcairo.so.2", "SYMLINK"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    needs = {
        "/src/QtGui.abi3.so": [("libQt6Gui.so.6", "/src/libQt6Gui.so.6")],
        "/src/libqxcb.so": [("libxkbcommon.so.0", "/lib/libxkbcommon.so.0")],
        "/src/libpython3.11.so.1.0": [],
    }
    kept = bundle.prune_libraries(entries, lambda source: needs.get(source, []))
    assert [dest for dest, _s, _k in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libxkbcommon.so.0",
        "libQt6Gui.so.6",
        "libpython3.11.so.1.0",
    ]


def test_the_bundled_resources_are_the_ones_the_application_reads() -> None:
    pairs = bundle.data_files(ROOT)
    sources = {Path(source).relative_to(ROOT).as_posix() for source, _dest in pairs}
    every_file = {
        path.relative_to(ROOT).as_posix()
        for folder in bundle.DATA_FOLDERS
        for path in (ROOT / "resources" / folder).rglob("*")
        if path.is_file()
    }
    assert sources == every_file - {"resources/translations/README.md"}
    assert all(dest == Path(source).relative_to(ROOT).parent.as_posix() for source, dest in pairs)
    assert "resources/catalog/clauses.toml" in sources
    assert "resources/fonts/LICENSE-DejaVu.txt" in sources
    assert "resources/translations/README.md" not in sources
    assert not any(s.startswith("resources/screenshots") for s in sources)
    # The same folders the wheel carries (pyproject's force-include), so both installs agree.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for folder in bundle.DATA_FOLDERS:
        assert f'"resources/{folder}" = "aims_desktop/resources/{folder}"' in pyproject


# -- the release workflow ------------------------------------------------------------------


def test_the_workflow_builds_all_three_on_a_tag_and_by_hand_and_attaches_the_installers() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert 'tags: ["v*"]' in text and "workflow_dispatch:" in text
    for runner in ("ubuntu-", "macos-", "windows-"):
        assert f"os: {runner}" in text
    for installer in ("*.tar.gz", "*.dmg", "*-setup.exe"):
        assert f"installer: build/packaging/{installer}" in text
    assert "run: uv run python packaging/build.py" in text  # builds, smoke-tests, packages
    assert "uv sync --locked" in text
    assert "gh release upload" in text and "startsWith(github.ref, 'refs/tags/v')" in text
