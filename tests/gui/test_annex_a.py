"""The Annex A review: all controls, exclusion only with a justification, undo of both at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.status import Answer, Status
from aims_desktop.gui.assessment.annex_a_page import (
    CONTROL,
    GROUP,
    ID_ROLE,
    KIND_ROLE,
    STATUS_COLUMN,
    AnnexAPage,
)
from aims_desktop.gui.assessment.editor import ANSWERS
from aims_desktop.gui.assessment.soa_details import SoADetailsDialog
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.services import assessments, soa
from aims_desktop.services.project import close_project, new_project

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def context() -> Iterator[ProjectContext]:
    session = new_project("Annex Ltd", user="Test User")
    context = ProjectContext()
    context.set_session(session)
    yield context
    close_project(session)


@pytest.fixture
def page(qtbot: QtBot, context: ProjectContext) -> AnnexAPage:
    page = AnnexAPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from rows(model, index)


def click_row(qtbot: QtBot, page: AnnexAPage, item_id: str) -> None:
    index = next(i for i in rows(page.tree.model()) if i.data(ID_ROLE) == item_id)
    page.tree.scrollTo(index)
    rect = page.tree.visualRect(index)
    qtbot.mouseClick(page.tree.viewport(), LEFT, pos=rect.center())


def click_check(qtbot: QtBot, box: QAbstractButton) -> None:
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def row_status(page: AnnexAPage, item_id: str) -> str:
    index = page.model.index_of(item_id)
    return str(index.siblingAtColumn(STATUS_COLUMN).data())


def test_lists_exactly_the_38_controls_in_9_groups(page: AnnexAPage) -> None:
    view_model = page.tree.model()
    top = [view_model.index(r, 0) for r in range(view_model.rowCount())]
    assert [i.data(ID_ROLE) for i in top] == [f"A.{n}" for n in range(2, 11)]
    assert all(i.data(KIND_ROLE) == GROUP for i in top)
    controls = [i.data(ID_ROLE) for i in rows(view_model) if i.data(KIND_ROLE) == CONTROL]
    assert len(controls) == 38 == len(set(controls))
    a6 = top[4]
    assert [view_model.index(r, 0, a6).data(ID_ROLE) for r in range(view_model.rowCount(a6))] == [
        "A.6.1",
        "A.6.2",
    ]
    assert page.counts_label.text() == (
        "38 controls: 0 apply, 0 excluded, 38 not decided yet, 0 met"
    )
    assert row_status(page, "A.2.2") == "Not decided yet"


def test_group_shows_its_objective_and_controls(qtbot: QtBot, page: AnnexAPage) -> None:
    click_row(qtbot, page, "A.5")
    panel = page.group_panel
    assert panel is not None
    texts = [w.text() for w in panel.findChildren(QWidget) if hasattr(w, "text")]
    assert any("Understand, before and throughout use" in t for t in texts)
    assert set(panel.links) == {"A.5.2", "A.5.3", "A.5.4", "A.5.5"}
    qtbot.mouseClick(panel.links["A.5.3"], LEFT)
    assert page.editor is not None and page.editor.item_id == "A.5.3"
    assert page.tree.currentIndex().data(ID_ROLE) == "A.5.3"


def test_excluding_needs_a_justification_and_undo_restores_both(
    qtbot: QtBot, page: AnnexAPage, context: ProjectContext
) -> None:
    session = context.session
    assert session is not None
    click_row(qtbot, page, "A.10.4")
    editor = page.editor
    assert editor is not None and editor.item_id == "A.10.4"
    assert editor.undecided_radio.isChecked(), "a new project has decided nothing yet"
    steps = context.undo_stack.count()

    click_check(qtbot, editor.excluded_radio)
    assert editor.undecided_radio.isChecked(), "refused: the control stays undecided"
    assert editor.error_label.isVisible()
    assert "can only be excluded with a justification" in editor.error_label.text()
    assert session.assessment("A.10.4").status is Status.NOT_ASSESSED
    assert context.undo_stack.count() == steps

    qtbot.mouseClick(editor.justification_edit.viewport(), LEFT)
    reason = "We sell no AI products or services to customers."
    qtbot.keyClicks(editor.justification_edit, reason)
    click_check(qtbot, editor.excluded_radio)
    assert editor.excluded_radio.isChecked()
    assert not editor.error_label.isVisible()
    stored = session.assessment("A.10.4")
    assert (stored.status, stored.justification) == (Status.NOT_APPLICABLE, reason)
    assert stored.applicability is Applicability.EXCLUDED
    assert context.undo_stack.count() == steps + 1, "justification and exclusion: one step"
    assert row_status(page, "A.10.4") == "Excluded"
    assert editor.justification_label.text() == "Why it is excluded"
    assert not any(b.isEnabled() for b in editor.status_group.buttons())
    assert "1 excluded" in page.counts_label.text()

    context.undo_stack.undo()
    stored = session.assessment("A.10.4")
    assert (stored.status, stored.justification) == (Status.NOT_ASSESSED, "")
    assert stored.applicability is Applicability.UNDECIDED
    assert editor.undecided_radio.isChecked()
    assert editor.justification_edit.toPlainText() == ""
    assert row_status(page, "A.10.4") == "Not decided yet"
    context.undo_stack.redo()
    assert editor.excluded_radio.isChecked()
    assert editor.justification_edit.toPlainText() == reason


def test_the_three_way_choice_and_a_status_that_decides(
    qtbot: QtBot, page: AnnexAPage, context: ProjectContext
) -> None:
    session = context.session
    assert session is not None
    click_row(qtbot, page, "A.6.2.5")
    editor = page.editor
    assert editor is not None
    click_check(qtbot, editor.applies_radio)
    assert session.assessment("A.6.2.5").applicability is Applicability.APPLICABLE
    assert row_status(page, "A.6.2.5") == "Not assessed"
    assert "1 apply" in page.counts_label.text()
    assert editor.justification_label.text() == "Why it is included"
    click_check(qtbot, editor.undecided_radio)
    assert session.assessment("A.6.2.5").applicability is Applicability.UNDECIDED
    assert row_status(page, "A.6.2.5") == "Not decided yet"
    # recording how far it is implemented decides that it applies
    click_check(qtbot, editor.status_group.button(3))  # Met
    assert session.assessment("A.6.2.5").status is Status.MET
    assert editor.applies_radio.isChecked()
    assert session.assessment("A.6.2.5").applicability is Applicability.APPLICABLE


def test_including_again_and_editing_a_control(
    qtbot: QtBot, page: AnnexAPage, context: ProjectContext
) -> None:
    session = context.session
    assert session is not None
    context.apply(lambda s: assessments.exclude_control(s, "A.7.3", "We use no external data."))
    click_row(qtbot, page, "A.7.3")
    editor = page.editor
    assert editor is not None
    assert editor.excluded_radio.isChecked()
    assert editor.justification_edit.toPlainText() == "We use no external data."

    click_check(qtbot, editor.applies_radio)
    assert session.assessment("A.7.3").status is Status.NOT_ASSESSED
    assert session.assessment("A.7.3").applicability is Applicability.APPLICABLE
    assert row_status(page, "A.7.3") == "Not assessed"

    group = editor.answer_groups[editor.item.questions[0].key]
    qtbot.mouseClick(group.button(ANSWERS.index(Answer.PARTLY)), LEFT, pos=QPoint(8, 8))
    assert session.assessment("A.7.3").answers == {"q1": Answer.PARTLY}
    qtbot.mouseClick(editor.owner_edit, LEFT)
    qtbot.keyClicks(editor.owner_edit, "Data team")
    click_row(qtbot, page, "A.7.4")  # changing the selection saves what was being typed
    assert session.assessment("A.7.3").owner == "Data team"
    assert page.editor is not None and page.editor.item_id == "A.7.4"


def test_not_decided_filter_and_the_statements_document_details(
    qtbot: QtBot, page: AnnexAPage, context: ProjectContext
) -> None:
    session = context.session
    assert session is not None
    context.apply(lambda s: assessments.update_assessment(s, "A.4.2", status=Status.MET))
    page.status_filter.setCurrentIndex(page.status_filter.findData("undecided"))
    visible = [i.data(ID_ROLE) for i in rows(page.tree.model()) if i.data(KIND_ROLE) == CONTROL]
    assert len(visible) == 37 and "A.4.2" not in visible

    assert "not approved yet" in page.document_label.text()
    shown: list[SoADetailsDialog] = []

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, SoADetailsDialog)
        shown.append(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.number_edit, "SOA-7")
        qtbot.keyClicks(dialog.version_edit, "1.0")
        qtbot.keyClicks(dialog.approver_edit, "Jane Doe (Director)")
        click_check(qtbot, dialog.no_date_check)
        assert dialog.date_edit.isEnabled()
        dialog.save()
        return dialog.result()

    page.run_dialog = drive  # type: ignore[method-assign]
    steps = context.undo_stack.count()
    qtbot.mouseClick(page.document_button, LEFT)
    assert shown and shown[0].result() == QDialog.DialogCode.Accepted
    document = soa.document(session)
    assert (document.number, document.version, document.approved_by) == (
        "SOA-7",
        "1.0",
        "Jane Doe (Director)",
    )
    assert document.approved_on == session.today()
    assert context.undo_stack.count() == steps + 1
    assert "SOA-7, version 1.0, approved by Jane Doe (Director)" in page.document_label.text()
    context.undo_stack.undo()
    assert soa.document(session).number == ""
    assert "not approved yet" in page.document_label.text()


def test_filter_by_text_and_status_keeps_the_place(
    qtbot: QtBot, page: AnnexAPage, context: ProjectContext
) -> None:
    context.apply(lambda s: assessments.update_assessment(s, "A.4.2", status=Status.MET))
    qtbot.keyClicks(page.filter_edit, "data")
    visible = [i.data(ID_ROLE) for i in rows(page.tree.model()) if i.data(KIND_ROLE) == CONTROL]
    assert "A.7.4" in visible and "A.4.3" in visible  # title, and the group "Data for AI ..."
    assert "A.2.2" not in visible
    page.filter_edit.clear()
    page.status_filter.setFocus()
    qtbot.keyClick(page.status_filter, Qt.Key.Key_End)  # "Excluded": none yet
    assert not [i for i in rows(page.tree.model()) if i.data(KIND_ROLE) == CONTROL]
    page.status_filter.setCurrentIndex(page.status_filter.findData("met"))
    visible = [i.data(ID_ROLE) for i in rows(page.tree.model()) if i.data(KIND_ROLE) == CONTROL]
    assert visible == ["A.4.2"]
    page.show_item("A.9.2")  # hidden by the filter: the filter gives way
    assert page.status_filter.currentData() == "all"
    assert page.tree.currentIndex().data(ID_ROLE) == "A.9.2"


def test_remembers_the_selected_control_per_project(
    qtbot: QtBot, page: AnnexAPage, context: ProjectContext
) -> None:
    click_row(qtbot, page, "A.8.4")
    again = AnnexAPage(context)
    qtbot.addWidget(again)
    assert again.selected_id == "A.8.4"
    assert again.editor is not None and again.editor.item_id == "A.8.4"
