"""The command line works with no display and reports bad files by kind."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aims_desktop import __version__
from aims_desktop.cli import main
from tests.support.badfiles import BAD_KINDS, EXPECTED_PHRASE, make_bad_file


def test_new_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "acme.aims"
    assert main(["new", str(target), "--org", "Acme Sp. z o.o."]) == 0
    assert main(["check", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Acme Sp. z o.o." in out
    assert "Revision:      1" in out
    for clause in ("4 Context", "5 Leadership", "10 Improvement", "Annex A controls", "Overall"):
        assert clause in out
    assert main(["new", str(target), "--org", "Other"]) == 1  # refuses to overwrite


def test_demo_then_check_prints_readiness_per_clause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "demo.aims"
    assert main(["demo", str(target)]) == 0
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    assert main(["check", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Kestrel Freight Solutions Ltd" in out
    assert "Fingerprint:" in out
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before  # check never writes


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_check_reports_each_bad_file_kind(
    kind: str, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = make_bad_file(kind, demo_file, tmp_path)
    code = main(["check", str(bad)])
    captured = capsys.readouterr()
    assert code != 0
    assert EXPECTED_PHRASE[kind] in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_exit_codes_differ_by_kind(demo_file: Path, tmp_path: Path) -> None:
    codes = {}
    for kind in ("missing", "empty", "zip", "sqlite", "newer", "damaged", "table"):
        codes[kind] = main(["check", str(make_bad_file(kind, demo_file, tmp_path))])
    assert len(set(codes.values())) == len(codes)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_check_works_with_no_display_and_no_qt(tmp_path: Path, demo_file: Path) -> None:
    """`check` must not import PySide6: auditors run it on servers and in CI."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    code = (
        "import sys; from aims_desktop.cli import main; rc = main(['check', sys.argv[1]]); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "File is valid." in result.stdout


@pytest.fixture
def gui_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record a start of the GUI instead of starting it."""
    from aims_desktop.gui import app

    started: list[list[str]] = []
    monkeypatch.setattr(app, "run", lambda argv: started.append(list(argv)) or 0)
    return started


@pytest.mark.parametrize(
    ("argv", "said", "nearest"),
    [
        (
            ["chek", "demo.aims"],
            "unknown command 'chek'",
            "Did you mean 'check'? (aims-desktop check demo.aims)",
        ),
        (
            ["reprot", "x.aims", "--kind", "gap"],
            "unknown command 'reprot'",
            "Did you mean 'report'?",
        ),
        (["frobnicate"], "unknown command 'frobnicate'", None),
        (["notes.txt"], "'notes.txt' is not a project file", None),
    ],
)
def test_a_mistyped_command_is_refused_with_the_nearest_one_and_no_gui(
    argv: list[str],
    said: str,
    nearest: str | None,
    gui_runs: list[list[str]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "The commands are: new, demo, check, report" in err
    if nearest:
        assert nearest in err
    else:
        assert "Did you mean" not in err
    assert gui_runs == []


def test_no_argument_or_project_files_start_the_gui(
    gui_runs: list[list[str]], demo_file: Path, tmp_path: Path
) -> None:
    assert main([]) == 0
    assert main([str(demo_file)]) == 0
    assert main([str(tmp_path / "not yet there.aims")]) == 0  # the GUI explains a missing file
    renamed = tmp_path / "project from email"
    renamed.write_bytes(demo_file.read_bytes())
    assert main([str(renamed)]) == 0  # an existing file: the GUI checks it and says what it is
    assert gui_runs == [
        [],
        [str(demo_file)],
        [str(tmp_path / "not yet there.aims")],
        [str(renamed)],
    ]


def test_a_mistyped_command_returns_at_once_without_qt(tmp_path: Path) -> None:
    """In a script with no display the old behaviour hung (offscreen) or asked for a desktop."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    code = (
        "import sys; from aims_desktop.cli import main; rc = main(['chek', 'demo.aims']); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert "Did you mean 'check'?" in result.stderr
