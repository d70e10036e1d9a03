"""The report service as the GUI and the CLI use it: snapshot, file names, reading a file
read-only, and `aims-desktop report` without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aims_desktop.cli import main
from aims_desktop.services import reports
from aims_desktop.services.demo import write_demo
from aims_desktop.services.errors import FileMissing
from aims_desktop.services.fingerprint import content_fingerprint
from aims_desktop.services.project import close_project, inspect_file, new_project
from aims_desktop.services.session import ProjectSession
from tests.reports.conftest import fixed_clock, read_pdf


def test_report_kinds_are_listed_with_a_title_and_a_one_line_description() -> None:
    from aims_desktop.domain.registers import REGISTERS

    slugs = [s.slug for s in REGISTERS.values() if s.parent is None]
    own = ["internal-audit", "management-review", "changes"]  # one record, or a period
    assert list(reports.REPORT_KINDS) == ["gap", "soa", "registers", *slugs, *own]
    for kind in reports.REPORT_KINDS.values():
        assert kind.title and kind.description and "\n" not in kind.description


def test_snapshot_holds_what_the_report_needs(demo_session: ProjectSession) -> None:
    snapshot = reports.snapshot(demo_session)
    assert snapshot.fingerprint == content_fingerprint(demo_session)
    assert snapshot.revision == demo_session.revision
    assert snapshot.prepared_by == demo_session.user
    assert snapshot.confidentiality == "Confidential"
    assert list(snapshot.actions) == demo_session.action_plan()
    assert snapshot.today == fixed_clock().date()
    other = reports.snapshot(demo_session, prepared_by="  Auditor  ", confidentiality="Internal")
    assert (other.prepared_by, other.confidentiality) == ("Auditor", "Internal")


def test_default_name_has_organisation_report_and_date(demo_session: ProjectSession) -> None:
    snapshot = reports.snapshot(demo_session)
    assert (
        reports.default_report_name(snapshot, "gap")
        == "Kestrel Freight Solutions Ltd - Gap analysis - 2026-11-27.pdf"
    )
    assert reports.default_report_name(snapshot, "soa").endswith(
        "Statement of Applicability - 2026-11-27.pdf"
    )


def test_default_name_is_safe_on_windows_and_macos() -> None:
    session = new_project('Müller/Söhne: "A*B" <AI>? | Co.\\ ', user="x", clock=fixed_clock)
    snapshot = reports.snapshot(session)
    close_project(session)
    name = reports.default_report_name(snapshot, "gap")
    assert not set(name) & set('<>:"/\\|?*')
    assert name.startswith("Müller Söhne A B AI Co - Gap analysis")


def test_write_report_reads_the_file_without_changing_it(tmp_path: Path) -> None:
    project = write_demo(tmp_path / "demo.aims", clock=fixed_clock)
    before = (project.read_bytes(), os.stat(project).st_mtime_ns)
    output = reports.write_report(project, "gap", tmp_path / "gap.pdf", prepared_by="Auditor")
    assert (project.read_bytes(), os.stat(project).st_mtime_ns) == before
    cover = read_pdf(output).page_text(0)
    # the fingerprint an auditor gets from `aims-desktop check` is the one on the cover
    assert inspect_file(project).fingerprint in cover
    assert "Auditor" in cover


def test_write_report_in_deterministic_mode_gives_the_same_bytes(tmp_path: Path) -> None:
    project = write_demo(tmp_path / "demo.aims", clock=fixed_clock)
    for kind in ("gap", "soa"):
        first = reports.write_report(project, kind, tmp_path / "a.pdf", deterministic=True)
        second = reports.write_report(project, kind, tmp_path / "b.pdf", deterministic=True)
        assert first.read_bytes() == second.read_bytes()


def test_write_report_of_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileMissing):
        reports.write_report(tmp_path / "gone.aims", "gap", tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_an_unknown_kind_is_a_programming_error(demo_session: ProjectSession) -> None:
    with pytest.raises(ValueError, match="unknown report kind"):
        reports.build_report(reports.snapshot(demo_session), "risk", Path("x.pdf"))


def test_cli_writes_a_report_without_a_display_or_qt(tmp_path: Path) -> None:
    project = write_demo(tmp_path / "demo.aims", clock=fixed_clock)
    script = (
        "import sys\n"
        "from aims_desktop.cli import main\n"
        "code = main(['report', sys.argv[1], '--kind', 'soa', '-o', sys.argv[2]])\n"
        "assert 'PySide6' not in sys.modules, 'the CLI imported Qt'\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = subprocess.run(
        [sys.executable, "-c", script, str(project), str(tmp_path / "soa")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote Statement of Applicability to {tmp_path / 'soa.pdf'}."
    assert "A.10.4" in read_pdf(tmp_path / "soa.pdf").text


def test_cli_explains_a_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_demo(tmp_path / "demo.aims", clock=fixed_clock)
    code = main(["report", str(project), "--kind", "gap", "-o", str(tmp_path / "no" / "r.pdf")])
    assert code == 5
    err = capsys.readouterr().err
    assert "could not be written (the folder does not exist)" in err
    assert "Traceback" not in err


def test_cli_prints_the_preparer_and_marking_given(tmp_path: Path) -> None:
    project = write_demo(tmp_path / "demo.aims", clock=fixed_clock)
    out = tmp_path / "gap.pdf"
    code = main(
        [
            "report",
            str(project),
            "--kind",
            "gap",
            "-o",
            str(out),
            "--prepared-by",
            "Zofia Wójcik, external consultant",
            "--confidentiality",
            "Internal: board only",
        ]
    )
    assert code == 0
    text = read_pdf(out).text
    assert "Zofia Wójcik, external consultant" in text
    assert "Internal: board only" in text
