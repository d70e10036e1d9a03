"""Every form in aims_desktop/gui/forms is what pyside6-uic makes of its ui/*.ui today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
FORMS = ROOT / "aims_desktop" / "gui" / "forms"


def _comparable(text: str) -> list[str]:
    """The generated text without the line naming the uic version (it changes with PySide6)."""
    return [line for line in text.splitlines() if "Qt User Interface Compiler" not in line]


def _uic() -> str:
    candidate = Path(sys.executable).with_name("pyside6-uic")
    return str(candidate) if candidate.exists() else "pyside6-uic"


@pytest.mark.parametrize("ui", sorted(UI.glob("*.ui")), ids=lambda p: p.name)
def test_generated_form_is_up_to_date(ui: Path, tmp_path: Path) -> None:
    form = FORMS / f"ui_{ui.stem}.py"
    assert form.exists(), f"run: uv run pyside6-uic ui/{ui.name} -o {form.relative_to(ROOT)}"
    fresh = tmp_path / form.name
    subprocess.run([_uic(), str(ui), "-o", str(fresh)], check=True, capture_output=True)
    assert _comparable(form.read_text(encoding="utf-8")) == _comparable(
        fresh.read_text(encoding="utf-8")
    ), f"stale: run uv run pyside6-uic ui/{ui.name} -o {form.relative_to(ROOT)}"
    assert "WARNING! All changes made in this file will be lost" in form.read_text(encoding="utf-8")


def test_every_form_has_its_ui_source() -> None:
    sources = {p.stem for p in UI.glob("*.ui")}
    forms = {p.stem.removeprefix("ui_") for p in FORMS.glob("ui_*.py")}
    assert forms <= sources
