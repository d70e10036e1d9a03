"""The register page, the Organisation page, the history viewer and the import dialog, driven
with keys and clicks as a user would."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from aims_desktop.gui.registers.history_dialog import HistoryDialog
from aims_desktop.gui.registers.import_dialog import ImportDialog
from aims_desktop.gui.registers.organisation_page import OrganisationPage
from aims_desktop.gui.registers.register_page import RegisterPage
from aims_desktop.gui.registers.registers_section import RegistersSection
from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services import registers

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(window: MainWindow, demo_file: Path) -> Iterator[MainWindow]:
    assert window.open_file(demo_file)
    yield window


def _page(window: MainWindow, key: str) -> RegisterPage:
    assert window.navigate_to(f"register:{key}")
    section = window.page("registers")
    assert isinstance(section, RegistersSection)
    page = section.current_page()
    assert page is not None and page.spec.key == key
    return page


def _names(page: RegisterPage) -> list[str]:
    column = page.model.column_of("name")
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def _focus(qtbot: QtBot, window: MainWindow, widget: object) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: widget.hasFocus())  # type: ignore[attr-defined]


def test_the_demo_inventory_is_listed_sorted_and_filtered(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened, "ai_system")
    assert _names(page) == ["RoutePilot", "DocuScan", "ForecastLab", "Kestrel Assist"]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(page.model.column_of("name")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _names(page) == ["DocuScan", "ForecastLab", "Kestrel Assist", "RoutePilot"]
    _focus(qtbot, opened, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()
    qtbot.keyClicks(page.filter_edit, "kest")
    assert _names(page) == ["Kestrel Assist"]
    assert page.count_label.text() == "1 of 4"
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Escape)
    assert page.filter_edit.text() == "" and page.model.rowCount() == 4


def test_keyboard_add_edit_delete_and_undo(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened, "ai_system")
    _focus(qtbot, opened, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    assert page.model.rowCount() == 5
    name = page.form.editors["name"]
    assert (
        isinstance(name, QLineEdit) and name.hasFocus() and name.selectedText() == "New AI system"
    )
    qtbot.keyClicks(name, "HireMatch")
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # leaving the field saves it
    session = opened.session
    assert session is not None
    added = [r for r in registers.records(session, "ai_system") if r.name == "HireMatch"]  # type: ignore[attr-defined]
    assert len(added) == 1 and added[0].ref == "AI-005"  # type: ignore[attr-defined]
    assert "HireMatch" in _names(page)

    _focus(qtbot, opened, page.table)
    assert page.show_record(added[0].id)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # no "are you sure": Undo is the safety net
    assert "HireMatch" not in _names(page)
    opened.undo_action.trigger()
    assert "HireMatch" in _names(page)
    opened.undo_action.trigger()  # the name
    opened.undo_action.trigger()  # the record itself
    assert _names(page) == ["RoutePilot", "DocuScan", "ForecastLab", "Kestrel Assist"]


def test_ctrl_n_adds_a_record_on_a_register_page(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened, "context_issue")
    _focus(qtbot, opened, page.table)
    before = page.model.rowCount()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == before + 1
    assert opened.session is not None and opened.session.path is not None  # no new project


def test_a_refused_edit_shows_the_rule_and_keeps_the_record(
    opened: MainWindow, qtbot: QtBot
) -> None:
    page = _page(opened, "ai_system")
    page.select_row(0)
    scope_reason = page.form.editors["scope_reason"]
    scope_reason.setPlainText("")  # type: ignore[attr-defined]
    in_scope = page.form.editors["in_scope"]
    qtbot.mouseClick(in_scope, Qt.MouseButton.LeftButton, pos=QPoint(6, in_scope.height() // 2))
    assert page.form.error_label.isVisible()
    assert "outside the scope" in page.form.error_label.text()
    assert in_scope.isChecked()  # type: ignore[attr-defined]
    record = page.model.record_at(0)
    assert record.in_scope is True  # type: ignore[attr-defined]


def test_links_panel_links_and_navigates(opened: MainWindow, qtbot: QtBot) -> None:
    page = _page(opened, "interested_party")
    page.select_row(page.model.row_of(page.model.record_at(0).id) or 0)
    linked = page.links.lists["ai_systems"]
    labels = [linked.item(i).text() for i in range(linked.count())]
    assert "AI-004 Kestrel Assist" in labels
    page.links.ask = lambda picker: (picker.list.item(0).setSelected(True), True)[1]  # type: ignore[method-assign]
    page.links._pick(page.spec.field("ai_systems"))
    after = [linked.item(i).text() for i in range(linked.count())]
    assert len(after) == len(labels) + 1
    item = next(linked.item(i) for i in range(linked.count()) if "Kestrel" in linked.item(i).text())
    linked.setCurrentItem(item)
    linked.opened.emit(item.data(Qt.ItemDataRole.UserRole + 1))
    system_page = _page(opened, "ai_system")
    current = system_page.model.record_at(system_page.table.currentIndex().row())
    assert system_page.spec.label(current) == "AI-004 Kestrel Assist"
    incoming = system_page.links.incoming
    assert any("Interested party" in incoming.item(i).text() for i in range(incoming.count()))


def test_hidden_columns_are_remembered(opened: MainWindow) -> None:
    page = _page(opened, "ai_system")
    page.set_column_visible("owner", False)
    page.set_column_visible("purpose", True)
    assert "owner" not in page.visible_columns() and "purpose" in page.visible_columns()
    stored = app_settings().value("registers/ai_system/columns")
    assert "purpose" in stored and "owner" not in stored
    again = RegisterPage(opened.context, page.spec)
    assert again.visible_columns() == page.visible_columns()
    again.deleteLater()


def test_organisation_page_edits_with_undo_and_flags_placeholders(
    opened: MainWindow, qtbot: QtBot
) -> None:
    assert opened.navigate_to("organisation")
    page = opened.page("organisation")
    assert isinstance(page, OrganisationPage)
    session = opened.session
    assert session is not None
    sector = page.form.editors["sector"]
    _focus(qtbot, opened, sector)
    sector.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(sector, "Parcels")
    qtbot.keyClick(sector, Qt.Key.Key_Tab)
    assert session.organisation().sector == "Parcels"
    opened.undo_action.trigger()
    assert session.organisation().sector == "Road freight and logistics"
    assert sector.text() == "Road freight and logistics"  # type: ignore[attr-defined]

    assert not page.placeholder_warning.isVisible()
    scope = page.form.editors["scope"]
    scope.setPlainText("All of it. [describe any sites left out]")  # type: ignore[attr-defined]
    page.form._commit("scope")
    assert page.placeholder_warning.isVisible()
    assert "[describe any sites left out]" in page.placeholder_warning.text()


def test_history_viewer_filters_and_exports(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(opened, "ai_system")
    page.select_row(0)
    record_id = page.model.record_at(0).id
    opened.context.apply(lambda s: registers.edit(s, "ai_system", record_id, owner="Sam Patel"))
    dialog = HistoryDialog(opened.context, entity="ai_system", entity_id=record_id)
    qtbot.addWidget(dialog)
    rows = dialog.model.rows
    assert rows and all(r.entity_id == record_id for r in rows)
    assert rows[0].field == "Owner" and rows[0].new == "Sam Patel" and rows[0].old == "Daniel Reyes"
    everything = HistoryDialog(opened.context)
    qtbot.addWidget(everything)
    total = everything.model.rowCount()
    everything.text_edit.setText("sam patel")
    everything.refresh()
    assert 0 < everything.model.rowCount() < total
    everything.who_combo.setCurrentIndex(everything.who_combo.findData("Priya Shah"))
    assert all(r.who == "Priya Shah" for r in everything.model.rows)
    everything.text_edit.clear()
    everything.refresh()
    target = tmp_path / "history.csv"
    everything.ask_export_path = lambda: target  # type: ignore[method-assign]
    assert everything.export() == target
    with target.open(encoding="utf-8-sig") as handle:
        exported = list(csv.reader(handle))
    assert exported[0][:3] == ["When (UTC)", "Revision", "Who"]
    assert len(exported) - 1 == everything.model.rowCount()


def test_import_dialog_maps_previews_and_refuses_bad_rows(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sheet = tmp_path / "systems.csv"
    sheet.write_text(
        "System name;Purpose;Go live;Extra\n"
        "HireMatch;Screens CVs;31/03/2026;x\n"
        ";;;\n"
        "ShelfBot;Counts stock;31/31/2026;y\n",
        encoding="cp1252",
    )
    dialog = ImportDialog(opened.context, "ai_system", sheet)
    qtbot.addWidget(dialog)
    assert dialog.current_mapping() == {0: "name", 1: "purpose"}
    dialog.set_mapping(2, "deployed_on")
    assert dialog.plan is not None
    assert [p.row for p in dialog.plan.problems] == [4]
    assert "31/31/2026" in dialog.problems.item(0).text()
    assert not dialog.import_button.isEnabled()
    session = opened.session
    assert session is not None
    before = registers.count(session, "ai_system")
    dialog.set_mapping(2, "")  # leave the dates out: now every row imports
    assert dialog.import_button.isEnabled()
    assert "2 record(s) will be added" in dialog.summary_label.text()
    assert "1 empty row" in dialog.summary_label.text()
    dialog.do_import()
    assert registers.count(session, "ai_system") == before + 2
    opened.undo_action.trigger()  # the whole import is one undo step
    assert registers.count(session, "ai_system") == before
