"""Build AIMS Desktop for this platform, smoke-test the build and package it.

    uv run python packaging/build.py [--out build/packaging] [--skip-build] [--no-package]

1. PyInstaller builds the one-folder application from packaging/aims-desktop.spec.
2. The build's folder and compressed sizes are printed.
3. The smoke test runs the build as a user would: `--version`; `demo`, `check` and `report` (gap
   analysis and Statement of Applicability) on the demo project; and the GUI, started offscreen
   with the demo, until its window has painted and the project's dashboard is drawn.
4. The installer for this platform:
   - Linux: aims-desktop-VERSION-linux-ARCH.tar.gz (the application, its desktop entry, MIME type
     and icons, and install.sh for a per-user install).
   - macOS: AIMS Desktop.app in a DMG. Signed and notarised only when MACOS_SIGN_IDENTITY is set
     (a "Developer ID Application: ..." identity in the keychain), notarised when
     MACOS_NOTARY_PROFILE names a `xcrun notarytool store-credentials` profile.
   - Windows: aims-desktop-VERSION-windows-setup.exe from packaging/windows/aims-desktop.iss
     (Inno Setup 6's ISCC.exe on PATH or in its default folder). The executables and the
     installer are signed only when WINDOWS_SIGN_CERTIFICATE (a .pfx file) is set, with
     WINDOWS_SIGN_PASSWORD; WINDOWS_SIGN_TIMESTAMP_URL overrides the timestamp server.

Exits non-zero, saying which step failed, if any step fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import formats  # noqa: E402

PLATFORM = "win32" if sys.platform == "win32" else "darwin" if sys.platform == "darwin" else "linux"
VERSION = formats.application_version(ROOT)
SPEC = HERE / "aims-desktop.spec"
MIB = 1024 * 1024
SMOKE_TIMEOUT = 300
STARTUP_PROBE_ENV = "AIMS_DESKTOP_STARTUP_PROBE"
STARTUP_MARKER = "AIMS-DESKTOP-WINDOW-SHOWN"
USABLE_MARKER = "AIMS-DESKTOP-PROJECT-USABLE"
DEFAULT_TIMESTAMP_URL = "http://timestamp.digicert.com"


class BuildFailed(Exception):
    """A step failed; the message says which and why."""


@dataclass
class Build:
    """Where a build is: the folder PyInstaller made and the executables in it."""

    out: Path
    folder: Path  # the one-folder application (on macOS, the .app bundle)
    executables: Path  # the folder holding both executables

    @property
    def cli(self) -> Path:
        return self.executables / _exe(formats.CLI_EXECUTABLE)

    @property
    def gui(self) -> Path:
        return self.executables / _exe(formats.GUI_EXECUTABLE[PLATFORM])

    @property
    def internal(self) -> Path:
        """Where the bundled libraries and resources are (sys._MEIPASS)."""
        if PLATFORM == "darwin":
            return self.folder / "Contents" / "Frameworks"
        return self.folder / "_internal"


@dataclass
class SmokeResult:
    seconds: dict[str, float] = field(default_factory=dict)


def _exe(name: str) -> str:
    return f"{name}.exe" if PLATFORM == "win32" else name


def locate(out: Path) -> Build:
    dist = out / "dist"
    if PLATFORM == "darwin":
        app = dist / f"{formats.APP_NAME}.app"
        return Build(out, app, app / "Contents" / "MacOS")
    folder = dist / formats.FOLDER_NAME
    return Build(out, folder, folder)


def folder_size(path: Path) -> int:
    """Bytes of the regular files under `path` (symbolic links count nothing)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            file = Path(dirpath) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def run_pyinstaller(out: Path) -> Build:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(out / "dist"),
        "--workpath",
        str(out / "work"),
    ]
    print(f"== PyInstaller: {' '.join(command[3:])}", flush=True)
    done = subprocess.run(command, cwd=ROOT)
    if done.returncode != 0:
        raise BuildFailed(f"PyInstaller failed (exit code {done.returncode}); see its output above")
    build = locate(out)
    if not build.cli.exists() or not build.gui.exists():
        raise BuildFailed(f"PyInstaller made no executables in {build.executables}")
    return build


# -- smoke test --------------------------------------------------------------------------------


def smoke_environment(scratch: Path, *, clean: bool) -> dict[str, str]:
    """The environment the build runs in. `clean`: only PATH, HOME and the Qt platform, as on
    a machine without Python or uv (nothing from a virtual environment or the developer's
    settings can leak in)."""
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    if clean and PLATFORM != "win32":
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    else:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "VIRTUAL_ENV", "UV_", "AIMS_DESKTOP_"))
        }
        env["AIMS_DESKTOP_DATA_DIR"] = str(scratch / "data")
        env["AIMS_DESKTOP_SETTINGS_DIR"] = str(scratch / "settings")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(
    command: Sequence[str | Path],
    env: Mapping[str, str],
    cwd: Path,
    expect: str | None = None,
    wrapper: Sequence[str] = (),
) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*wrapper, *(str(c) for c in command)],
            env=dict(env),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=SMOKE_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        raise BuildFailed(f"{Path(command[0]).name} {command[1:]} did not finish") from error
    seconds = time.perf_counter() - start
    shown = f"{Path(command[0]).name} {' '.join(str(c) for c in command[1:])}"
    if done.returncode != 0:
        raise BuildFailed(
            f"`{shown}` exited with {done.returncode}\n{done.stdout}\n{done.stderr}".rstrip()
        )
    if "Traceback" in done.stderr:
        raise BuildFailed(f"`{shown}` printed a traceback:\n{done.stderr}")
    if expect is not None and expect not in done.stdout:
        raise BuildFailed(f"`{shown}` did not print {expect!r}:\n{done.stdout}\n{done.stderr}")
    print(f"   ok  {shown}  ({seconds:.1f} s)", flush=True)
    return done.stdout, seconds


def smoke_test(
    build: Build, scratch: Path, *, clean: bool = True, wrapper: Sequence[str] = ()
) -> SmokeResult:
    """Run the build as a user would; raises BuildFailed at the first thing that goes wrong."""
    scratch.mkdir(parents=True, exist_ok=True)
    env = smoke_environment(scratch, clean=clean)
    result = SmokeResult()
    cli = build.cli
    demo = scratch / "Kestrel Freight.aims"

    def step(name: str, args: Sequence[str | Path], expect: str | None = None) -> None:
        _out, result.seconds[name] = _run([cli, *args], env, scratch, expect, wrapper)

    step("version", ["--version"], f"{formats.APP_NAME} {VERSION}")
    step("demo", ["demo", demo], "Wrote the demo project")
    step("check", ["check", demo], "File is valid.")
    for kind in ("gap", "soa"):
        pdf = scratch / f"{kind}.pdf"
        step(f"report {kind}", ["report", demo, "--kind", kind, "-o", pdf], "Wrote")
        if not pdf.read_bytes().startswith(b"%PDF-") or pdf.stat().st_size < 10_000:
            raise BuildFailed(f"the {kind} report {pdf} is not a PDF of substance")
    # The GUI executable, offscreen: it reports its first paint and the demo's dashboard drawn.
    probe = scratch / "startup-probe.txt"
    gui_env = {**env, STARTUP_PROBE_ENV: str(probe)}
    _out, result.seconds["gui"] = _run([build.gui, demo], gui_env, scratch, None, wrapper)
    markers = probe.read_text(encoding="utf-8").split() if probe.exists() else []
    if markers != [STARTUP_MARKER, USABLE_MARKER]:
        raise BuildFailed(f"the GUI did not show the demo project (it reported {markers})")
    return result


# -- packages ----------------------------------------------------------------------------------


def linux_arch() -> str:
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(
        platform.machine().lower(), platform.machine()
    )


def stage_linux(build_folder: Path, staging: Path) -> Path:
    """Lay out the Linux tarball's folder: app/, share/ (desktop entry, MIME type, icons) and
    install.sh. Returns the folder."""
    top = staging / f"aims-desktop-{VERSION}-linux-{linux_arch()}"
    if top.exists():
        shutil.rmtree(top)
    share = top / "share"
    shutil.copytree(build_folder, top / "app", symlinks=True)
    linux = HERE / "linux"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(linux / f"{formats.APP_ID}.desktop", share / "applications")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(linux / f"{formats.APP_ID}.xml", share / "mime" / "packages")
    hicolor = share / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(
        ROOT / "resources" / "icons" / "aims-desktop.svg",
        hicolor / "scalable" / "apps" / f"{formats.APP_ID}.svg",
    )
    for png in sorted((ROOT / "resources" / "icons").glob("aims-desktop-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, folder / f"{formats.APP_ID}.png")
    for fmt in formats.FORMATS:
        icon_name = fmt.mime_type.replace("/", "-")
        for png in sorted((HERE / "icons").glob(f"{fmt.icon}-*.png")):
            size = png.stem.rsplit("-", 1)[1]
            folder = hicolor / f"{size}x{size}" / "mimetypes"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, folder / f"{icon_name}.png")
    shutil.copy2(linux / "install.sh", top / "install.sh")
    (top / "install.sh").chmod(0o755)
    shutil.copy2(ROOT / "LICENSE", top / "LICENSE")
    (top / "README.txt").write_text(LINUX_README, encoding="utf-8")
    return top


LINUX_README = f"""{formats.APP_NAME} {VERSION} for Linux

Install it for yourself (no administrator rights needed):

    ./install.sh

Then start it from your applications menu, or double-click a .aims file. The command-line
tools are `~/.local/bin/aims-desktop --help`. To remove it again:

    ./install.sh --uninstall

Without installing, run app/aims-desktop-gui (the application) or app/aims-desktop --help (the
command-line tools) from this folder.

A desktop system already has the libraries Qt needs. On a minimal Debian or Ubuntu system:

    sudo apt install libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \\
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libwayland-client0 \\
        libwayland-cursor0 libwayland-egl1
"""


def package_linux(build: Build) -> Path:
    staging = build.out / "staging"
    top = stage_linux(build.folder, staging)
    tarball = build.out / f"{top.name}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        archive.add(top, arcname=top.name)
    shutil.rmtree(staging)
    return tarball


def _command(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BuildFailed(f"{name} is needed for this step and was not found")
    return found


def sign_macos(build: Build) -> None:
    identity = os.environ.get("MACOS_SIGN_IDENTITY")
    if not identity:
        print("   (not signed: MACOS_SIGN_IDENTITY is not set)")
        return
    entitlements = HERE / "macos" / "entitlements.plist"
    subprocess.run(
        [
            _command("codesign"),
            "--force",
            "--deep",
            "--timestamp",
            "--options",
            "runtime",
            "--entitlements",
            str(entitlements),
            "--sign",
            identity,
            str(build.folder),
        ],
        check=True,
    )
    subprocess.run(
        [_command("codesign"), "--verify", "--deep", "--strict", str(build.folder)], check=True
    )


def package_macos(build: Build) -> Path:
    sign_macos(build)
    staging = build.out / "dmg"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    shutil.copytree(build.folder, staging / build.folder.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    dmg = build.out / f"aims-desktop-{VERSION}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    subprocess.run(
        [
            _command("hdiutil"),
            "create",
            "-volname",
            formats.APP_NAME,
            "-srcfolder",
            str(staging),
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            "-ov",
            str(dmg),
        ],
        check=True,
    )
    shutil.rmtree(staging)
    identity = os.environ.get("MACOS_SIGN_IDENTITY")
    if identity:
        subprocess.run(
            [_command("codesign"), "--timestamp", "--sign", identity, str(dmg)], check=True
        )
        profile = os.environ.get("MACOS_NOTARY_PROFILE")
        if profile:
            xcrun = _command("xcrun")
            subprocess.run(
                [xcrun, "notarytool", "submit", str(dmg), "--keychain-profile", profile, "--wait"],
                check=True,
            )
            subprocess.run([xcrun, "stapler", "staple", str(dmg)], check=True)
        else:
            print("   (not notarised: MACOS_NOTARY_PROFILE is not set)")
    return dmg


def _signtool_command() -> list[str] | None:
    certificate = os.environ.get("WINDOWS_SIGN_CERTIFICATE")
    if not certificate:
        return None
    command = [
        os.environ.get("WINDOWS_SIGNTOOL", "signtool"),
        "sign",
        "/f",
        certificate,
        "/fd",
        "SHA256",
        "/tr",
        os.environ.get("WINDOWS_SIGN_TIMESTAMP_URL", DEFAULT_TIMESTAMP_URL),
        "/td",
        "SHA256",
    ]
    password = os.environ.get("WINDOWS_SIGN_PASSWORD")
    if password:
        command += ["/p", password]
    return command


def find_iscc() -> str:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    raise BuildFailed("Inno Setup 6 (ISCC.exe) was not found; install it from jrsoftware.org")


def package_windows(build: Build) -> Path:
    signtool = _signtool_command()
    if signtool:
        subprocess.run([*signtool, str(build.cli), str(build.gui)], check=True)
    else:
        print("   (not signed: WINDOWS_SIGN_CERTIFICATE is not set)")
    command = [
        find_iscc(),
        f"/DAppVersion={VERSION}",
        f"/DSourceDir={build.folder}",
        f"/DOutputDir={build.out}",
    ]
    if signtool:
        # Inno Setup signs the installer and uninstaller with this command ($f: the file).
        quoted = " ".join(f'"{part}"' if " " in part else part for part in signtool)
        command += ["/DSign", f"/Saimssign={quoted} $f"]
    command.append(str(HERE / "windows" / "aims-desktop.iss"))
    subprocess.run(command, check=True)
    return build.out / f"aims-desktop-{VERSION}-windows-setup.exe"


def compressed_size(build: Build) -> int:
    """The folder as a gzip-compressed tar stream: comparable on every platform."""
    with tempfile.TemporaryFile() as scratch:
        with tarfile.open(fileobj=scratch, mode="w:gz", compresslevel=6) as archive:
            archive.add(build.folder, arcname=build.folder.name)
        return scratch.tell()


# -- main --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "packaging")
    parser.add_argument("--skip-build", action="store_true", help="test and package a build")
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke test")
    parser.add_argument("--no-package", action="store_true", help="no tarball, DMG or installer")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        if args.skip_build:
            build = locate(out)
            if not build.cli.exists():
                raise BuildFailed(f"no build in {out}; run without --skip-build first")
        else:
            build = run_pyinstaller(out)
        built = time.perf_counter()
        print(f"== Built {build.folder} in {built - started:.0f} s", flush=True)
        print(f"   folder size:      {mib(folder_size(build.folder))}", flush=True)
        if not args.no_smoke:
            print("== Smoke test", flush=True)
            with tempfile.TemporaryDirectory(prefix="aims-smoke-") as scratch:
                smoke_test(build, Path(scratch))
        package: Path | None = None
        if not args.no_package:
            print("== Package", flush=True)
            maker = {"linux": package_linux, "darwin": package_macos, "win32": package_windows}
            package = maker[PLATFORM](build)
            print(
                f"   compressed size:  {mib(package.stat().st_size)} ({package.name})", flush=True
            )
        else:
            print(f"   compressed size:  {mib(compressed_size(build))} (tar.gz)", flush=True)
    except BuildFailed as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 1
    print(f"== Done in {time.perf_counter() - started:.0f} s: {build.folder}", flush=True)
    if package is not None:
        print(f"   installer: {package}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
