"""A wheel built from the repository works outside the source tree (resources included)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_installed_wheel_runs_demo_and_check(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    assert uv, "uv is needed to build the wheel (the README's set-up installs it)"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    dist = tmp_path / "dist"
    _run([uv, "build", "--wheel", "--out-dir", dist, ROOT], cwd=tmp_path, env=env)
    (wheel,) = dist.glob("aims_desktop-*.whl")

    venv = tmp_path / "venv"
    _run([uv, "venv", "--python", sys.executable, venv], cwd=tmp_path, env=env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run([uv, "pip", "install", "--python", python, wheel], cwd=tmp_path, env=env)
    command = venv / ("Scripts/aims-desktop.exe" if os.name == "nt" else "bin/aims-desktop")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _run([command, "demo", "demo.aims"], cwd=elsewhere, env=env)
    out = _run([command, "check", "demo.aims"], cwd=elsewhere, env=env)
    assert "Kestrel Freight Solutions Ltd" in out
    assert "File is valid." in out
    where = _run(
        [
            python,
            "-c",
            "from aims_desktop.resources import resources_root; print(resources_root())",
        ],
        cwd=elsewhere,
        env=env,
    )
    assert str(ROOT) not in where  # the installed copy's resources, not the checkout's
