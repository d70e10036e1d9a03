"""`aims-desktop merge`: exit codes, nothing written on conflicts, --prefer each way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aims_desktop.cli import MERGE_CONFLICTS, NOT_A_COPY, main
from aims_desktop.services import assessments
from aims_desktop.services.merge import MergeConflicts, NotACopy
from aims_desktop.services.project import close_project, open_project, save_project


def _edit(path: Path, who: str, notes: str, item: str = "7.2") -> None:
    session = open_project(path, user=who)
    assessments.update_assessment(session, item, notes=notes)
    save_project(session)
    close_project(session)


@pytest.fixture
def two(demo_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    b = tmp_path / "b.aims"
    shutil.copyfile(demo_file, b)
    _edit(demo_file, "Manager", "Manager's view.")
    _edit(b, "HR lead", "HR's view.")
    _edit(b, "HR lead", "Awareness each quarter.", "7.3")
    return demo_file, b


def test_the_exit_codes_are_their_own() -> None:
    assert MergeConflicts.exit_code == MERGE_CONFLICTS == 22
    assert NotACopy.exit_code == NOT_A_COPY == 23


def test_conflicts_write_nothing_and_are_listed(
    two: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = two
    out = tmp_path / "out.aims"
    assert main(["merge", str(a), str(b), "-o", str(out)]) == MERGE_CONFLICTS
    assert not out.exists()
    captured = capsys.readouterr()
    assert "1 conflict(s)" in captured.out
    assert "HR's view." in captured.out and "by HR lead" in captured.out
    assert captured.err.startswith("aims-desktop: 1 change conflicts")


@pytest.mark.parametrize(
    ("prefer", "expected"), [("ours", "Manager's view."), ("theirs", "HR's view.")]
)
def test_prefer_writes_the_merge(
    two: tuple[Path, Path], tmp_path: Path, prefer: str, expected: str
) -> None:
    a, b = two
    out = tmp_path / "out.aims"
    assert main(["merge", str(a), str(b), "-o", str(out), "--prefer", prefer]) == 0
    session = open_project(out)
    try:
        assert session.assessment("7.2").notes == expected
        assert session.assessment("7.3").notes == "Awareness each quarter."
    finally:
        close_project(session)
    assert main(["check", str(out)]) == 0


def test_another_project_is_refused(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.aims"
    assert main(["new", str(other), "--org", "Someone else"]) == 0
    out = tmp_path / "out.aims"
    assert main(["merge", str(demo_file), str(other), "-o", str(out)]) == NOT_A_COPY
    assert not out.exists()
    assert "another project" in capsys.readouterr().err
