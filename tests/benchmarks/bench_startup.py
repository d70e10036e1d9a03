"""Start-up: process start to the main window shown with the demo project open, against a bare
PySide6 window started the same way in the same run.

Each figure is taken from just before subprocess.Popen in this process to the moment the child
prints its marker after its window's first paint, so interpreter start-up and every import count.
The application is started as `python -m aims_desktop.cli DEMO` with AIMS_DESKTOP_STARTUP_PROBE
set, which makes it print the marker and quit. Both children run with bytecode caching on (a
private pycache folder, warmed by one uncounted run each), as an installed application does,
even where PYTHONDONTWRITEBYTECODE is set for development. Runs alternate between the two so
that a busy machine slows both alike; the medians are reported.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

MARKER = "AIMS-DESKTOP-WINDOW-SHOWN"

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
        print("{MARKER}", flush=True)
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


def _time_to_marker(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    elapsed: float | None = None
    for line in child.stdout:
        if MARKER in line:
            elapsed = time.perf_counter() - start
            break
    _out, err = child.communicate(timeout=120)
    if elapsed is None:
        raise RuntimeError(f"{command[1:]} never showed its window:\n{err}")
    return elapsed


def run(quick: bool) -> dict[str, float | int | str]:
    from aims_desktop.services.demo import write_demo

    runs = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="aims-bench-startup-") as folder:
        scratch = Path(folder)
        env = _environment(scratch)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = env["AIMS_DESKTOP_DATA_DIR"]
        demo = write_demo(scratch / "Kestrel Freight.aims")
        bare_script = scratch / "bare_window.py"
        bare_script.write_text(BARE, encoding="utf-8")
        app_command = [sys.executable, "-m", "aims_desktop.cli", str(demo)]
        bare_command = [sys.executable, str(bare_script)]
        _time_to_marker(bare_command, env)  # warm the bytecode cache and the OS file cache
        _time_to_marker(app_command, env)
        app_times: list[float] = []
        bare_times: list[float] = []
        for _ in range(runs):
            bare_times.append(_time_to_marker(bare_command, env))
            app_times.append(_time_to_marker(app_command, env))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    return {
        "runs_each": runs,
        "platform": env.get("QT_QPA_PLATFORM", "native"),
        "startup_demo_open_seconds": app_median,
        "startup_demo_open_best_seconds": min(app_times),
        "bare_pyside6_window_seconds": bare_median,
        "bare_pyside6_window_best_seconds": min(bare_times),
        "startup_ratio": app_median / bare_median,
    }


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<40} {value}")
