"""File > Merge a copy… with conflicts chosen in the dialog (and undone), and File > Compare
with… another copy and an earlier revision, printed as a PDF."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from aims_desktop.gui.review.compare_dialog import CompareDialog
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.shell.merge_dialog import MergeDialog
from aims_desktop.services import assessments, registers
from aims_desktop.services.project import close_project, open_project, save_project
from tests.reports.conftest import read_pdf

SHOTS = os.environ.get("AIMS_SHOTS", "")


def _two_copies(demo_file: Path, tmp_path: Path) -> Path:
    """The demo (ours, edited by the manager) and a copy the HR lead edited."""
    other = tmp_path / "from HR.aims"
    shutil.copyfile(demo_file, other)
    ours = open_project(demo_file, user="Manager")
    assessments.update_assessment(ours, "7.2", notes="Manager: training plan for 2027.")
    assessments.update_assessment(ours, "7.3", notes="Manager: awareness talks.")
    save_project(ours)
    close_project(ours)
    theirs = open_project(other, user="HR lead")
    assessments.update_assessment(theirs, "7.2", notes="HR: competence matrix done.")
    assessments.update_assessment(theirs, "7.3", notes="HR: quarterly awareness sessions.")
    assessments.update_assessment(theirs, "7.4", notes="HR: communication plan.")
    registers.add(theirs, "ai_system", {"ref": "AI-099", "name": "HR Screening Bot"})
    save_project(theirs)
    close_project(theirs)
    return other


def test_merge_a_copy_with_conflicts_then_undo(
    window: MainWindow, demo_file: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    other = _two_copies(demo_file, tmp_path)
    assert window.open_file(demo_file)
    shown: list[MergeDialog] = []

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, MergeDialog)
        shown.append(dialog)
        assert len(dialog.conflicts) == 2
        assert dialog.table.rowCount() == 2
        ours_cell = dialog.table.item(0, 1).text()
        theirs_cell = dialog.table.item(0, 2).text()
        assert "Manager" in ours_cell and "HR lead" in theirs_cell  # who, beside the value
        assert not dialog.merge_button.isEnabled()  # nothing decided silently
        dialog.choose_all("ours")
        by_id = {c.key[2] + c.subject: c for c in dialog.conflicts}
        conflict_72 = next(c for c in dialog.conflicts if c.subject.startswith("7.2"))
        dialog.choose(conflict_72.id, "theirs")
        assert len(by_id) == 2
        assert dialog.merge_button.isEnabled()
        if SHOTS:
            dialog.resize(1100, 420)
            dialog.grab().save(os.path.join(SHOTS, "merge-conflicts.png"))
        return QDialog.DialogCode.Accepted

    window.run_dialog = drive  # type: ignore[method-assign]
    assert window.merge_copy(other)
    assert shown
    session = window.session
    assert session is not None
    assert session.assessment("7.2").notes == "HR: competence matrix done."  # theirs chosen
    assert session.assessment("7.3").notes == "Manager: awareness talks."  # ours chosen
    assert session.assessment("7.4").notes == "HR: communication plan."  # one side: taken
    assert any(r.ref == "AI-099" for r in registers.records(session, "ai_system"))  # type: ignore[attr-defined]
    assert window.isWindowModified()
    assert window.context.undo_stack.count() == 1
    window.undo_action.trigger()
    qtbot.wait(10)
    assert session.assessment("7.4").notes != "HR: communication plan."
    assert session.assessment("7.2").notes == "Manager: training plan for 2027."
    assert not any(r.ref == "AI-099" for r in registers.records(session, "ai_system"))  # type: ignore[attr-defined]
    window.redo_action.trigger()
    qtbot.wait(10)
    assert session.assessment("7.4").notes == "HR: communication plan."


def test_merge_a_copy_of_another_project_is_refused(
    window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    from aims_desktop.services.merge import NotACopy
    from aims_desktop.services.project import new_project

    stranger = new_project("Someone Else Ltd", user="x")
    path = save_project(stranger, tmp_path / "stranger.aims")
    close_project(stranger)
    assert window.open_file(demo_file)
    assert not window.merge_copy(path)
    errors = window.answers.errors  # type: ignore[attr-defined]
    assert isinstance(errors[-1], NotACopy)
    assert window.context.undo_stack.count() == 0


def test_compare_with_a_copy_and_an_earlier_revision(
    window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    other = _two_copies(demo_file, tmp_path)
    assert window.open_file(demo_file)
    dialog = CompareDialog(window.context, window)
    dialog.ask_copy_path = lambda: other  # type: ignore[method-assign]
    dialog.findChild(QPushButton, "chooseCopy").click()
    assert dialog.listed is not None
    texts = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    joined = "\n".join(texts)
    assert "only in this copy" in joined and "only in the other copy" in joined
    assert "HR Screening Bot" in joined and "Manager: awareness talks." in joined
    if SHOTS:
        dialog.resize(1000, 640)
        dialog.grab().save(os.path.join(SHOTS, "compare-copy.png"))
    pdf = dialog.save_pdf(tmp_path / "comparison.pdf")
    assert pdf is not None and "HR Screening Bot" in read_pdf(pdf).text
    dialog.by_revision.setChecked(True)
    session = window.session
    assert session is not None
    dialog.revision.setValue(session.revision - 1)
    assert dialog.listed is not None and dialog.listed.since_revision == session.revision - 1
    joined = "\n".join(dialog.list.item(n).text() for n in range(dialog.list.count()))
    assert "Manager: training plan for 2027." in joined
    assert "HR Screening Bot" not in joined
    dialog.close()
