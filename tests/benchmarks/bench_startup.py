"""Start-up, in two figures, each against a bare PySide6 window started the same way in the same
run:

- first paint: process start to the main window's first paint (it says "Opening <file>…");
- usable: process start to the demo project open and its dashboard drawn.

Each figure is taken from just before subprocess.Popen in this process to the moment the child
reports its marker, so interpreter start-up and every import count. The application is started
as `python -m aims_desktop.cli DEMO` with AIMS_DESKTOP_STARTUP_PROBE set, which makes it report
both markers (first paint, then usable) and quit. Both children run with bytecode caching on (a
private pycache folder, warmed by one uncounted run each), as an installed application does, even
where PYTHONDONTWRITEBYTECODE is set for development. Runs alternate between the two so that a
busy machine slows both alike; the medians are reported.

Where a frozen build exists (packaging/build.py's default output, or the folder named by
AIMS_FROZEN_BUILD), the same two figures are taken for its GUI executable against a bare PySide6
window frozen by the same PyInstaller (built once into build/packaging/bench/, then reused).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SHOWN = "AIMS-DESKTOP-WINDOW-SHOWN"
USABLE = "AIMS-DESKTOP-PROJECT-USABLE"
FROZEN_BUILD_ENV = "AIMS_FROZEN_BUILD"
DEFAULT_BUILD = ROOT / "build" / "packaging" / "dist" / "aims-desktop"
BENCH_BUILD = ROOT / "build" / "packaging" / "bench"

BARE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)


class Window(QMainWindow):
    shown = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.shown:
            self.shown = True
            QTimer.singleShot(0, self.report)

    def report(self):
        print("{SHOWN}", flush=True)
        app.quit()


window = Window()
window.resize(1280, 800)
window.show()
app.exec()
"""


def _environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env["AIMS_DESKTOP_DATA_DIR"] = str(scratch / "data")
    env["AIMS_DESKTOP_SETTINGS_DIR"] = str(scratch / "settings")
    env["AIMS_DESKTOP_STARTUP_PROBE"] = "1"
    headless = sys.platform.startswith("linux") and not (
        env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    )
    if headless:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _time_to_markers(command: list[str], env: dict[str, str], markers: int) -> list[float]:
    """Seconds from starting `command` to each of its first `markers` markers."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    times: list[float] = []
    for line in child.stdout:
        if SHOWN in line or USABLE in line:
            times.append(time.perf_counter() - start)
            if len(times) == markers:
                break
    _out, err = child.communicate(timeout=120)
    if len(times) < markers:
        raise RuntimeError(f"{command} reported {len(times)} of {markers} markers:\n{err}")
    return times


def _measure(
    app_command: list[str], bare_command: list[str], env: dict[str, str], runs: int
) -> dict[str, float]:
    _time_to_markers(bare_command, env, 1)  # warm the bytecode cache and the OS file cache
    _time_to_markers(app_command, env, 2)
    bare: list[float] = []
    first_paint: list[float] = []
    usable: list[float] = []
    for _ in range(runs):
        bare.append(_time_to_markers(bare_command, env, 1)[0])
        shown, ready = _time_to_markers(app_command, env, 2)
        first_paint.append(shown)
        usable.append(ready)
    bare_median = statistics.median(bare)
    return {
        "first_paint_seconds": statistics.median(first_paint),
        "usable_seconds": statistics.median(usable),
        "bare_window_seconds": bare_median,
        "first_paint_ratio": statistics.median(first_paint) / bare_median,
        "usable_ratio": statistics.median(usable) / bare_median,
    }


def frozen_build() -> Path | None:
    folder = Path(os.environ.get(FROZEN_BUILD_ENV, DEFAULT_BUILD))
    gui = folder / ("AIMS Desktop.exe" if os.name == "nt" else "aims-desktop-gui")
    return gui if gui.exists() else None


def frozen_bare_window() -> Path:
    """The bare window frozen like the application (one folder, the same PyInstaller and Qt),
    built once and kept until the script changes."""
    digest = hashlib.sha256(BARE.encode()).hexdigest()[:12]
    name = f"bare-window-{digest}"
    executable = BENCH_BUILD / "dist" / name / (name + (".exe" if os.name == "nt" else ""))
    if executable.exists():
        return executable
    if BENCH_BUILD.exists():
        shutil.rmtree(BENCH_BUILD)
    BENCH_BUILD.mkdir(parents=True)
    script = BENCH_BUILD / f"{name}.py"
    script.write_text(BARE, encoding="utf-8")
    excludes = ["setuptools", "pkg_resources", "multiprocessing", "tkinter", "unittest"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--onedir",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--name",
            name,
            "--distpath",
            str(BENCH_BUILD / "dist"),
            "--workpath",
            str(BENCH_BUILD / "work"),
            "--specpath",
            str(BENCH_BUILD),
            *(arg for module in excludes for arg in ("--exclude-module", module)),
            str(script),
        ],
        check=True,
        cwd=BENCH_BUILD,
    )
    return executable


def run(quick: bool) -> dict[str, float | int | str]:
    from aims_desktop.services.demo import write_demo

    runs = 3 if quick else 9
    results: dict[str, float | int | str] = {"runs_each": runs}
    with tempfile.TemporaryDirectory(prefix="aims-bench-startup-") as folder:
        scratch = Path(folder)
        env = _environment(scratch)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = env["AIMS_DESKTOP_DATA_DIR"]
        demo = write_demo(scratch / "Kestrel Freight.aims")
        bare_script = scratch / "bare_window.py"
        bare_script.write_text(BARE, encoding="utf-8")
        results["platform"] = env.get("QT_QPA_PLATFORM", "native")
        source = _measure(
            [sys.executable, "-m", "aims_desktop.cli", str(demo)],
            [sys.executable, str(bare_script)],
            env,
            runs,
        )
        results.update(source)
        gui = frozen_build()
        if gui is None:
            results["frozen"] = "no build (run packaging/build.py to measure one)"
        else:
            bare = frozen_bare_window()
            frozen = _measure([str(gui), str(demo)], [str(bare)], env, runs)
            results.update({f"frozen_{key}": value for key, value in frozen.items()})
    return results


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<40} {value}")
