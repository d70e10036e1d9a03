"""The risk register page, driven as a user would: levels in the list, the heat map and its cell
filter (mouse and keyboard), the risk criteria editor with its re-scoring question, and the
suggested risks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from aims_desktop.domain.registers.risks import RiskStatus
from aims_desktop.domain.risk_criteria import Rescoring, RiskCriteria
from aims_desktop.gui.registers.criteria_dialog import CriteriaDialog
from aims_desktop.gui.registers.registers_section import RegistersSection
from aims_desktop.gui.registers.risk_page import RiskRegisterPage
from aims_desktop.gui.registers.suggestions_dialog import SuggestionsDialog
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services import registers, risks

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def opened(window: MainWindow, demo_file: Path) -> Iterator[MainWindow]:
    window.resize(1400, 1000)
    assert window.open_file(demo_file)
    yield window


def _page(window: MainWindow) -> RiskRegisterPage:
    assert window.navigate_to("register:risk")
    section = window.page("registers")
    assert isinstance(section, RegistersSection)
    page = section.current_page()
    assert isinstance(page, RiskRegisterPage)
    page.set_heat_map_visible(True)
    return page


def _column(page: RiskRegisterPage, name: str) -> list[str]:
    column = page.model.column_of(name)
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def _click_cell(qtbot: QtBot, page: RiskRegisterPage, cell: tuple[int, int]) -> None:
    rect = page.heat_view.cell_rect(cell)
    qtbot.mouseClick(page.heat_view, LEFT, pos=rect.center())


def test_the_list_shows_computed_levels_and_scale_words(opened: MainWindow) -> None:
    page = _page(opened)
    assert page.model.rowCount() == 21
    refs = _column(page, "ref")
    levels = dict(zip(refs, _column(page, "inherent_level"), strict=True))
    assert levels["R-001"] == "Medium (3 × 3)"  # noqa: RUF001
    assert levels["R-017"] == "Very high (5 × 4)"  # noqa: RUF001
    assert levels["R-005"] == "Medium (3 × 2)"  # noqa: RUF001
    residual = dict(zip(refs, _column(page, "residual_level"), strict=True))
    assert residual["R-016"] == "Low (2 × 2)", "a retained risk stays where it was"  # noqa: RUF001
    assert residual["R-001"] == ""
    likelihood = dict(zip(refs, _column(page, "likelihood"), strict=True))
    assert likelihood["R-001"] == "3 Possible"
    # sorting by the level puts the very high risk last
    page.table.sortByColumn(page.model.column_of("inherent_level"), Qt.SortOrder.AscendingOrder)
    assert _column(page, "ref")[-1] == "R-017"


def test_clicking_a_heat_map_cell_filters_the_register(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened)
    heat = page.heat_view
    assert heat.heat_map is not None and heat.heat_map.count(2, 4) == 5
    _click_cell(qtbot, page, (2, 4))
    assert page.cell == (2, 4)
    assert sorted(_column(page, "ref")) == ["R-002", "R-007", "R-011", "R-019", "R-020"]
    assert page.count_label.text() == "5 of 21"
    assert page.cell_bar.isVisible()
    assert "“Unlikely”" in page.cell_label.text() and "“Major”" in page.cell_label.text()
    # the text filter narrows further, within the cell
    qtbot.keyClicks(page.filter_edit, "law")
    assert _column(page, "ref") == ["R-019"]
    page.filter_edit.clear()
    # the residual map filters by residual scores
    qtbot.mouseClick(page.residual_radio, LEFT, pos=QPoint(6, page.residual_radio.height() // 2))
    assert page.residual
    assert sorted(_column(page, "ref")) == [], "no risk remains at unlikely x major"
    _click_cell(qtbot, page, (1, 4))
    assert sorted(_column(page, "ref")) == ["R-002", "R-019"]
    # clicking the selected cell again shows all risks
    _click_cell(qtbot, page, (1, 4))
    assert page.cell is None and page.model.rowCount() == 21
    assert not page.cell_bar.isVisible()


def test_the_heat_map_works_from_the_keyboard_and_says_what_it_shows(
    opened: MainWindow, qtbot: QtBot
) -> None:
    page = _page(opened)
    heat = page.heat_view
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    heat.setFocus()
    qtbot.waitUntil(heat.hasFocus)
    heat.current = (1, 1)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(heat, key)
    assert heat.current == (4, 3)
    assert heat.accessibleDescription() == (
        "Likely likelihood, moderate consequence: High, above the acceptance level; 1 risk"
    )
    qtbot.keyClick(heat, Qt.Key.Key_Return)
    assert _column(page, "ref") == ["R-013"]
    qtbot.mouseClick(page.clear_cell_button, LEFT)
    assert page.model.rowCount() == 21
    # every cell says its count and level in words: colour is never the only carrier
    assert "Very high" in heat.summary() and "5 risks" in heat.summary()


def test_editing_a_risk_moves_it_on_the_heat_map(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened)
    session = opened.session
    assert session is not None
    risk = next(r for r in registers.records(session, "risk") if r.ref == "R-005")  # type: ignore[attr-defined]
    page.show_record(risk.id)
    combo = page.form.editors["likelihood"]
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "—",
        "1 Rare",
        "2 Unlikely",
        "3 Possible",
        "4 Likely",
        "5 Almost certain",
    ]
    before = page.heat_view.heat_map.count(3, 2)  # type: ignore[union-attr]
    combo.setCurrentIndex(combo.findData(5))
    combo.activated.emit(combo.currentIndex())
    assert registers.record(session, "risk", risk.id).likelihood == 5  # type: ignore[attr-defined]
    assert page.heat_view.heat_map.count(3, 2) == before - 1  # type: ignore[union-attr]
    assert page.heat_view.heat_map.count(5, 2) == 1  # type: ignore[union-attr]
    opened.undo_action.trigger()
    assert page.heat_view.heat_map.count(3, 2) == before  # type: ignore[union-attr]


def test_accepting_a_risk_needs_a_named_approver(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened)
    session = opened.session
    assert session is not None
    risk = next(r for r in registers.records(session, "risk") if r.ref == "R-007")  # type: ignore[attr-defined]
    page.show_record(risk.id)
    status = page.form.editors["status"]
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData(RiskStatus.ACCEPTED))
    status.activated.emit(status.currentIndex())
    assert page.form.error_label.isVisible()
    assert "named person" in page.form.error_label.text()
    assert registers.record(session, "risk", risk.id).status is RiskStatus.TREATED  # type: ignore[attr-defined]
    assert status.currentData() == RiskStatus.TREATED, "the refused choice goes back"


def test_the_criteria_editor_changes_the_scales_and_asks_where_scores_go(
    opened: MainWindow, qtbot: QtBot
) -> None:
    page = _page(opened)
    session = opened.session
    assert session is not None
    asked: list[tuple[RiskCriteria, Rescoring, int]] = []

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, CriteriaDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        likelihood = dialog.scales["likelihood"]
        likelihood.count.setValue(3)  # five levels become three
        assert len(likelihood.rows) == 3
        label = likelihood.rows[2][0]
        label.selectAll()
        qtbot.keyClicks(label, "Expected")
        dialog.acceptance.setCurrentIndex(dialog.acceptance.findData(2))

        def answer(new: RiskCriteria, proposal: Rescoring, scored: int) -> Rescoring:
            asked.append((new, proposal, scored))
            return proposal

        dialog.ask_rescoring = answer  # type: ignore[method-assign]
        qtbot.mouseClick(dialog.save_button, LEFT)
        return dialog.result()

    page.run_dialog = drive  # type: ignore[method-assign]
    steps = opened.context.undo_stack.count()
    qtbot.mouseClick(page.criteria_button, LEFT)
    assert asked, "the user was asked where the old scores go"
    new, proposal, scored = asked[0]
    assert len(new.likelihood) == 3
    assert scored == 21  # closed risks keep their scores too
    assert dict(proposal.likelihood) == {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
    stored = risks.criteria(session)
    assert [lv.label for lv in stored.likelihood] == ["Rare", "Unlikely", "Expected"]
    assert stored.acceptance == 2
    assert opened.context.undo_stack.count() == steps + 1, "criteria and re-scoring: one step"
    likelihoods = {r.ref: r.likelihood for r in registers.records(session, "risk")}  # type: ignore[attr-defined]
    assert likelihoods["R-017"] == 3 and likelihoods["R-013"] == 3 and likelihoods["R-001"] == 2
    # the page follows: three rows in the map, words of the new scale in the list
    assert page.heat_view.heat_map is not None
    assert len(page.heat_view.heat_map.criteria.likelihood) == 3
    refs = _column(page, "ref")
    assert dict(zip(refs, _column(page, "likelihood"), strict=True))["R-017"] == "3 Expected"
    opened.undo_action.trigger()
    assert len(risks.criteria(session).likelihood) == 5
    likelihoods = {r.ref: r.likelihood for r in registers.records(session, "risk")}  # type: ignore[attr-defined]
    assert likelihoods["R-017"] == 5 and likelihoods["R-001"] == 3
    assert len(page.heat_view.heat_map.criteria.likelihood) == 5


def test_the_criteria_editor_refuses_what_cannot_be_used(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened)
    session = opened.session
    assert session is not None
    results: list[int] = []

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, CriteriaDialog)
        dialog.show()
        name = dialog.scales["consequence"].rows[1][0]
        name.clear()  # a level without a name
        qtbot.mouseClick(dialog.save_button, LEFT)
        assert dialog.error_label.isVisible()
        assert "Level 2 of the consequence scale needs a name." in dialog.error_label.text()
        qtbot.keyClicks(name, "Minor")
        dialog.matrix[(5, 5)].setCurrentIndex(0)  # "Low" where the most severe risks are
        qtbot.mouseClick(dialog.save_button, LEFT)
        assert "cannot have a lower level" in dialog.error_label.text()
        dialog.reject()
        results.append(dialog.result())
        return dialog.result()

    page.run_dialog = drive  # type: ignore[method-assign]
    qtbot.mouseClick(page.criteria_button, LEFT)
    assert results == [QDialog.DialogCode.Rejected]
    assert risks.criteria(session).likelihood[0].label == "Rare"


def test_suggested_risks_are_added_linked_and_shown(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened)
    session = opened.session
    assert session is not None
    before = page.model.total()

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, SuggestionsDialog)
        dialog.show()
        for key in ("genai-confidential", "genai-wrong-content"):
            box = dialog.boxes[key]
            qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))
        dialog.system_combo.setCurrentIndex(dialog.system_combo.findText("AI-004 Kestrel Assist"))
        qtbot.keyClicks(dialog.owner_edit, "Amira Haddad (HR)")
        qtbot.mouseClick(dialog.add_button, LEFT)
        return dialog.result()

    page.run_dialog = drive  # type: ignore[method-assign]
    qtbot.mouseClick(page.suggest_button, LEFT)
    assert page.model.total() == before + 2
    added = [r for r in registers.records(session, "risk") if r.ref in ("R-022", "R-023")]  # type: ignore[attr-defined]
    assert {r.title for r in added} == {  # type: ignore[attr-defined]
        "Staff paste confidential or personal data into a public AI assistant",
        "AI-written content sent out with errors, invented facts or sources",
    }
    for risk in added:
        assert risk.status is RiskStatus.OPEN and risk.owner == "Amira Haddad (HR)"  # type: ignore[attr-defined]
        assert [registers.label(session, "ai_system", i) for i in risk.ai_systems] == [  # type: ignore[attr-defined]
            "AI-004 Kestrel Assist"
        ]
        assert risk.sources and risk.controls  # type: ignore[attr-defined]
    assert page.record_title.text().startswith("R-022")
    opened.undo_action.trigger()
    assert page.model.total() == before
