"""The frozen Linux application, built here by packaging/build.py exactly as a release is.

build.py builds the one folder with PyInstaller, prints its sizes, smoke-tests it (`--version`,
`demo`, `check`, both reports, the GUI offscreen until the demo's dashboard is drawn) and makes
the tarball. These tests then check what a user depends on: every data file the spec names is in
the build, what it leaves out stays out, and the build works from a moved copy in an environment
with nothing but PATH=/usr/bin:/bin, HOME and the Qt platform, without reading anything from a
Python installation, the virtual environment or this checkout; every library it needs is in it
or among the system libraries the README lists; and the tarball installs for a user.

One build (about a minute on two cores) serves the whole module.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.conftest import ROOT, load, tool

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build is the one built here"),
]

build_script = load("build")
bundle = load("bundle")
formats = load("formats")

BUILD_TIMEOUT = 1500


@dataclass
class Built:
    build: Any  # build.Build
    output: str
    tarball: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    out = tmp_path_factory.mktemp("frozen")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIMS_DESKTOP_")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(out)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    print(done.stdout)  # shown with -s: the sizes and the smoke test's timings
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    (tarball,) = out.glob("aims-desktop-*-linux-*.tar.gz")
    yield Built(build_script.locate(out), done.stdout, tarball)
    shutil.rmtree(out, ignore_errors=True)  # several hundred MB: do not keep it around


def test_the_build_passed_its_smoke_test_and_printed_its_sizes(built: Built) -> None:
    for step in ("--version", " demo ", " check ", "--kind gap", "--kind soa", "aims-desktop-gui"):
        assert re.search(rf"^   ok  .*{re.escape(step)}", built.output, re.MULTILINE), step
    folder = re.search(r"folder size:\s+([\d.]+) MiB", built.output)
    compressed = re.search(r"compressed size:\s+([\d.]+) MiB", built.output)
    assert folder and compressed
    # Near the trial build's 149 MiB / 61 MiB: a large jump means something unwanted came in.
    assert float(folder.group(1)) < 175
    assert float(compressed.group(1)) < 72
    assert abs(float(compressed.group(1)) * 2**20 - built.tarball.stat().st_size) < 2**20


def test_every_data_file_of_the_spec_is_in_the_build(built: Built) -> None:
    internal = built.build.internal
    missing, different = [], []
    for source, dest in bundle.data_files(ROOT):
        target = internal / dest / Path(source).name
        if not target.exists():
            missing.append(str(target))
        elif target.read_bytes() != Path(source).read_bytes():
            different.append(str(target))
    assert missing == [] and different == []
    assert (internal / "resources" / "catalog" / "clauses.toml").exists()


def test_what_the_spec_leaves_out_stays_out(built: Built) -> None:
    internal = built.build.internal
    shipped = [p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()]
    plugins = [bundle.qt_plugin(p) for p in shipped if bundle.qt_plugin(p)]
    assert plugins and all(bundle.keep(f"PySide6/Qt/plugins/{p}") for p in plugins)
    assert any("qoffscreen" in p for p in plugins) and any("qxcb" in p for p in plugins)
    languages = bundle.translated_languages(ROOT)
    translations = [p for p in shipped if bundle.is_qt_translation(p)]
    assert all(Path(p).stem.removeprefix("qtbase_") in languages for p in translations)
    for unwanted in ("setuptools/", "pkg_resources/", "libqgtk3", "libcairo", "libQt6Quick"):
        assert not [p for p in shipped if unwanted in p], unwanted

    from PyInstaller.archive.readers import CArchiveReader

    for executable in (built.build.cli, built.build.gui):
        entries = set(CArchiveReader(str(executable)).toc)
        hooks = {name for name in entries if name.startswith("pyi_rth_")}
        assert hooks, "the archive lists its runtime hooks"
        assert not hooks & {"pyi_rth_setuptools", "pyi_rth_pkgres", "pyi_rth_multiprocessing"}


def _moved_copy(built: Built, tmp_path: Path) -> Any:
    """The build copied to a new place (with a space in its path), as a user unpacks it."""
    folder = tmp_path / "unpacked here" / built.build.folder.name
    shutil.copytree(built.build.folder, folder, symlinks=True)
    return build_script.Build(tmp_path, folder, folder)


def test_the_build_runs_from_a_moved_copy_with_only_path_home_and_the_qt_platform(
    built: Built, tmp_path: Path
) -> None:
    moved = _moved_copy(built, tmp_path)
    result = build_script.smoke_test(moved, tmp_path / "scratch", clean=True)
    assert set(result.seconds) == {"version", "demo", "check", "report gap", "report soa", "gui"}


def test_the_build_reads_nothing_from_python_uv_or_this_checkout(
    built: Built, tmp_path: Path
) -> None:
    """Every file the frozen application opens, and every program it starts, is traced: none
    may come from a Python installation, the virtual environment, uv, this checkout or the
    original build folder (a lookup that finds nothing there is harmless and allowed)."""
    strace = tool("strace", "strace")
    moved = _moved_copy(built, tmp_path)
    traces = tmp_path / "traces"
    traces.mkdir()
    wrapper = [strace, "-f", "-ff", "-qq", "-e", "trace=%file,execve", "-o", str(traces / "t")]
    build_script.smoke_test(moved, tmp_path / "scratch", clean=True, wrapper=wrapper)
    forbidden = {
        Path(sys.prefix),
        Path(sys.base_prefix),
        ROOT,
        built.build.folder,
        *(Path(p) for p in ("/usr/lib/python3", "/usr/local/lib/python3") if Path(p).exists()),
    }
    uv = shutil.which("uv")
    if uv:
        forbidden.add(Path(uv).resolve().parent)
    success = re.compile(r'^(?:\d+\s+)?(\w+)\([^"\n]*"([^"\n]+)"[^\n]*\)\s+=\s+(\d+)', re.M)
    used: set[str] = set()
    for trace in traces.iterdir():
        for call, path, _result in success.findall(trace.read_text(errors="replace")):
            if call in ("openat", "open", "execve", "readlink", "readlinkat"):
                used.add(path)
    assert used, "strace recorded the files the application opened"
    offending = sorted(
        path
        for path in used
        if any(Path(path) == root or root in Path(path).parents for root in forbidden)
    )
    assert offending == []
    started = {p for p in used if os.access(p, os.X_OK) and Path(p).is_file() and "/bin/" in p}
    assert not [p for p in started if "python" in Path(p).name or Path(p).name == "uv"]


# The system libraries the README tells a minimal Debian or Ubuntu system to install, by the
# library names the build links against (glibc's own are on every system).
GLIBC = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2"}
README_PACKAGE_LIBRARIES = {
    "libegl1": {"libEGL.so.1"},
    "libgl1": {"libGL.so.1", "libGLX.so.0", "libGLdispatch.so.0", "libOpenGL.so.0"},
    "libfontconfig1": {"libfontconfig.so.1"},
    "libxkbcommon0": {"libxkbcommon.so.0"},
    "libxkbcommon-x11-0": {"libxkbcommon-x11.so.0"},
    "libdbus-1-3": {"libdbus-1.so.3"},
    "libxcb-cursor0": {"libxcb-cursor.so.0", "libxcb.so.1"},
    "libxcb-icccm4": {"libxcb-icccm.so.4", "libxcb.so.1"},
    "libxcb-keysyms1": {"libxcb-keysyms.so.1", "libxcb.so.1"},
    "libxcb-shape0": {"libxcb-shape.so.0", "libxcb.so.1"},
    "libwayland-client0": {"libwayland-client.so.0"},
    "libwayland-cursor0": {"libwayland-cursor.so.0"},
    "libwayland-egl1": {"libwayland-egl.so.1"},
}


def test_every_library_the_build_needs_is_in_it_or_in_the_readme(built: Built) -> None:
    ldd = tool("ldd", "libc-bin")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (apt_line,) = [line for line in readme.splitlines() if "apt install libegl1" in line]
    listed = re.search(r"apt install ([\w .+-]+?)`", apt_line)
    assert listed, apt_line
    packages = set(listed.group(1).split())
    provided = GLIBC.union(*(README_PACKAGE_LIBRARIES.get(p, set()) for p in packages))
    internal = built.build.internal
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}  # as the bootloader sets it
    from_system: dict[str, set[str]] = {}
    elf = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    for binary in [built.build.cli, *elf]:
        done = subprocess.run([ldd, str(binary)], env=env, capture_output=True, text=True)
        for name, where in re.findall(r"^\s*(\S+) => (\S+)", done.stdout, re.MULTILINE):
            if not where.startswith(str(internal)):
                from_system.setdefault(name, set()).add(binary.name)
    unlisted = {name: users for name, users in from_system.items() if name not in provided}
    assert unlisted == {}, "bundle these libraries or add their package to the README"


def test_the_tarball_installs_for_a_user_and_the_installed_application_runs(
    built: Built, tmp_path: Path
) -> None:
    with tarfile.open(built.tarball) as archive:
        archive.extractall(tmp_path / "download", filter="tar")
    (top,) = (tmp_path / "download").iterdir()
    assert (top / "install.sh").stat().st_mode & 0o111
    assert (top / "app" / formats.GUI_EXECUTABLE["linux"]).exists()
    assert (top / "LICENSE").exists() and "install.sh" in (top / "README.txt").read_text()
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        ["sh", str(top / "install.sh")], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    shutil.rmtree(tmp_path / "download")  # the download can go: the installed copy stands alone
    command = home / ".local" / "bin" / formats.CLI_EXECUTABLE
    ran = subprocess.run(
        [str(command), "--version"], env=env, capture_output=True, text=True, timeout=120
    )
    assert ran.stdout.strip() == f"{formats.APP_NAME} {build_script.VERSION}", ran.stderr
    entry = home / ".local" / "share" / "applications" / f"{formats.APP_ID}.desktop"
    assert str(home / ".local" / "opt" / "aims-desktop") in entry.read_text(encoding="utf-8")
