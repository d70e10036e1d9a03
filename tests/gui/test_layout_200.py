"""Everything wraps or reflows down to 800x500 logical pixels: a 1600x1000 screen at 200%.

Qt lays out in logical pixels, so a window of 800x500 at 100% is laid out exactly as the same
window at 200% on that screen. In every window, page and dialog the test fails on horizontal
scrolling, on content cut off at the right of a scroll area, on a label wider than its viewport
or narrower than its own text, and on titles shortened with "…" in a list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStatusBar,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from aims_desktop.gui.shell import dialogs
from aims_desktop.gui.shell.about_dialog import AboutDialog
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.shell.new_project_wizard import NewProjectWizard
from aims_desktop.gui.shell.preferences_dialog import PreferencesDialog

pytestmark = pytest.mark.gui

SIZE = (800, 500)
SLACK = 1


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def _viewport_of(widget: QWidget, window: QWidget) -> QWidget:
    """The viewport that shows `widget`: the nearest scroll area's, or the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return parent
        parent = grand
    return window


def _rows(view: QAbstractItemView, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    model = view.model()
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _rows(view, index)


def _shortened(view: QTreeView, index: QModelIndex) -> bool:
    """Whether the view shows less of the item's text than there is ("A.2.2 …")."""
    rect = view.visualRect(index)
    if not rect.isValid() or view.isRowHidden(index.row(), index.parent()):
        return False
    room = rect.width() - 8  # the style's text margins
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        room -= (view.iconSize().width() if view.iconSize().isValid() else 16) + 4
    font = index.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
    text = str(index.data() or "")
    if not view.wordWrap():
        return any(metrics.horizontalAdvance(line) > room for line in text.split("\n"))
    flags = int(Qt.TextFlag.TextWordWrap)
    needed = metrics.boundingRect(QRect(0, 0, max(room, 1), 100_000), flags, text).height()
    return needed > rect.height()


def layout_problems(window: QWidget, state: str) -> list[str]:
    QApplication.processEvents()
    found: list[str] = []
    for area in window.findChildren(QAbstractScrollArea):
        if not _visible(area, window):
            continue
        name = area.accessibleName() or area.objectName() or type(area).__name__
        bar = area.horizontalScrollBar()
        if bar.isVisible() and bar.maximum() > 0:
            found.append(f"{state}: {name} scrolls sideways by {bar.maximum()} px")
        if isinstance(area, QScrollArea) and area.widget() is not None:
            overflow = area.widget().width() - area.viewport().width()
            if overflow > SLACK:
                found.append(f"{state}: {name} is cut off by {overflow} px at the right")
        if isinstance(area, QTreeView):
            for index in _rows(area):
                if _shortened(area, index):
                    found.append(f"{state}: {name} shortens {index.data()!r}")
                    break
    for label in window.findChildren(QLabel):
        if not _visible(label, window) or not label.text():
            continue
        viewport = _viewport_of(label, window)
        right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
        if right > viewport.width() + SLACK:
            past = right - viewport.width()
            found.append(f"{state}: label {label.text()[:40]!r} runs {past} px past the edge")
        in_status_bar = isinstance(label.parentWidget(), QStatusBar)
        if not label.wordWrap() and not in_status_bar:
            needed = label.sizeHint().width()
            if needed > label.width() + SLACK and label.pixmap().isNull():
                found.append(
                    f"{state}: label {label.text()[:40]!r} is cut ({label.width()} of {needed} px)"
                )
    for edit in window.findChildren(QLineEdit):
        if _visible(edit, window) and edit.width() < edit.fontMetrics().horizontalAdvance("M") * 8:
            found.append(f"{state}: field {edit.accessibleName()!r} is only {edit.width()} px wide")
    return found


@pytest.fixture
def small_window(window: MainWindow, demo_file: Path) -> MainWindow:
    window.resize(*SIZE)
    assert window.open_file(demo_file)
    return window


def test_the_welcome_page_fits(window: MainWindow, demo_file: Path) -> None:
    window.resize(*SIZE)
    assert window.open_file(demo_file)
    window.close_project()
    assert window.size().width() == SIZE[0]
    assert layout_problems(window, "welcome") == []


@pytest.mark.parametrize(
    "target",
    [
        "dashboard",
        "4.3",
        "6.1.2",
        "6.summary",
        "7.5.1",
        "A.2.2",
        "A.6",
        "A.6.2.4",
        "A.10.4",
        "reports",
        "register:risk",
        "register:organisation_control",
        "register:ai_system",
        "certification",
        "register:internal_audit",
        "register:monitoring_measure",
        "register:management_review",
        "register:nonconformity",
        "register:ai_incident",
        "register:certification_audit",
        "register:review_comment",
        "review:6.1.2",
        "review:A.6.2.4",
        "review:register:ai_system",
        "review:register:internal_audit",
        "register:document",
        "register:impact_assessment",
        "register:objective",
        "register:planned_change",
        "register:person",
        "register:awareness_session",
        "register:communication",
        "register:supplier",
        "register:mandatory-records",
        "register:competence-matrix",
        "register:drafting",
    ],
)
def test_every_page_wraps_to_800_by_500(small_window: MainWindow, target: str) -> None:
    window = small_window
    if target.startswith("review:"):  # review mode: the comment box on the page
        target = target.removeprefix("review:")
        window.set_review_mode(True)
        window.navigate_to(target)
    elif target.endswith(".summary"):
        clause = target.split(".")[0]
        window.navigate_to(clause)
        workspace = window.page(clause)
        workspace.go_to(len(workspace.steps) - 1)  # type: ignore[attr-defined]
    else:
        window.navigate_to(target)
    assert (window.width(), window.height()) == SIZE
    assert layout_problems(window, target) == []


def _dialog_states(parent: QWidget) -> Iterator[tuple[str, QDialog]]:
    wizard = NewProjectWizard(parent)
    wizard.show()
    wizard.organisation_page.name_edit.setText("Kestrel Freight Solutions Ltd")
    for page_id in wizard.pageIds():
        while wizard.currentId() != page_id:
            wizard.next()
        yield f"new-project wizard: {wizard.currentPage().title()}", wizard
    wizard.close()
    for name, dialog in (
        ("preferences", PreferencesDialog(parent)),
        ("about", AboutDialog(parent)),
        ("name", dialogs.NameDialog("root", parent)),
    ):
        dialog.show()
        yield name, dialog
        dialog.close()


def _project_dialog_states(window: MainWindow) -> Iterator[tuple[str, QDialog]]:
    """Dialogs that show a project: what changed since a revision."""
    from aims_desktop.gui.review.changes_dialog import ChangesDialog

    dialog = ChangesDialog(window.context, window)
    dialog.show()
    yield "what changed", dialog
    dialog.close()


def test_every_project_dialog_fits_and_wraps(small_window: MainWindow) -> None:
    problems: list[str] = []
    for state, dialog in _project_dialog_states(small_window):
        QApplication.processEvents()
        if dialog.width() > SIZE[0] or dialog.height() > SIZE[1]:
            problems.append(
                f"{state}: {dialog.width()}x{dialog.height()} is larger than the screen"
            )
        problems += layout_problems(dialog, state)
    assert problems == []


def test_every_dialog_fits_and_wraps(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    problems: list[str] = []
    for state, dialog in _dialog_states(parent):
        QApplication.processEvents()
        if dialog.width() > SIZE[0] or dialog.height() > SIZE[1]:
            problems.append(
                f"{state}: {dialog.width()}x{dialog.height()} is larger than the screen"
            )
        problems += layout_problems(dialog, state)
    assert problems == []


def test_the_risk_register_fits_in_every_state(small_window: MainWindow) -> None:
    """The heat map shown or hidden, residual, filtered to a cell: nothing scrolls sideways."""
    from aims_desktop.gui.registers.risk_page import RiskRegisterPage

    window = small_window
    window.navigate_to("register:risk")
    page = window.page("registers").current_page()  # type: ignore[attr-defined]
    assert isinstance(page, RiskRegisterPage)
    problems: list[str] = []
    page.set_heat_map_visible(True)
    page.set_cell((2, 4))
    problems += layout_problems(window, "risk register, a cell")
    page.show_residual(True)
    problems += layout_problems(window, "risk register, residual")
    page.set_cell(None)
    page.set_heat_map_visible(False)
    problems += layout_problems(window, "risk register, no heat map")
    page.set_heat_map_visible(True)
    assert (window.width(), window.height()) == SIZE
    assert problems == []


def test_the_risk_and_statement_dialogs_fit(small_window: MainWindow) -> None:
    from aims_desktop.domain.risk_criteria import DEFAULT_CRITERIA, resized
    from aims_desktop.gui.assessment.soa_details import SoADetailsDialog
    from aims_desktop.gui.registers.criteria_dialog import CriteriaDialog, RescoreDialog
    from aims_desktop.gui.registers.suggestions_dialog import SuggestionsDialog
    from aims_desktop.services.risks import rescoring_for

    window = small_window
    session = window.session
    assert session is not None
    new = resized(DEFAULT_CRITERIA, 3, 4, 3)
    proposal = rescoring_for(session, new)
    assert proposal is not None
    problems: list[str] = []
    for name, dialog in (
        ("criteria", CriteriaDialog(window.context, window)),
        ("suggested risks", SuggestionsDialog(window.context, window)),
        ("statement details", SoADetailsDialog(window.context, window)),
        ("re-scoring", RescoreDialog(DEFAULT_CRITERIA, new, proposal, 21, window)),
    ):
        dialog.show()
        QApplication.processEvents()
        if dialog.width() > SIZE[0] or dialog.height() > SIZE[1]:
            problems.append(f"{name}: {dialog.width()}x{dialog.height()} is larger than the screen")
        problems += layout_problems(dialog, name)
        dialog.close()
    assert problems == []


def test_the_check_finds_a_cut_label(qtbot: QtBot) -> None:
    """The checks themselves can fail: a long unwrapped label in a narrow scroll area."""
    area = QScrollArea()
    qtbot.addWidget(area)
    label = QLabel("A clause text that is much too long to fit into this narrow little viewport")
    area.setWidget(label)
    area.resize(200, 100)
    area.show()
    assert layout_problems(area, "probe")


CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from aims_desktop.gui.theme import Appearance, apply_appearance
apply_appearance(app, Appearance.LIGHT)
from aims_desktop.gui.shell.main_window import MainWindow
from tests.gui.test_layout_200 import _dialog_states, layout_problems
screen = app.primaryScreen()
found = [f"screen {screen.size().width()}x{screen.size().height()} at {screen.devicePixelRatio()}"]
window = MainWindow()
window.resize(screen.availableGeometry().size())
window.show()
window.open_file(sys.argv[1])
for target in (
    "dashboard",
    "6.1.2",
    "A.2.2",
    "reports",
    "register:risk",
    "register:document",
    "register:drafting",
):
    window.navigate_to(target)
    found += layout_problems(window, target)
for state, dialog in _dialog_states(QWidget()):
    app.processEvents()
    if dialog.width() > 800 or dialog.height() > 500:
        found.append(f"{state}: {dialog.width()}x{dialog.height()}")
    found += layout_problems(dialog, state)
window.release_project()
print(json.dumps(found))
"""


def test_on_a_1600_by_1000_screen_at_200_percent(demo_file: Path, tmp_path: Path) -> None:
    """The real thing, in a process of its own: a 1600x1000 screen scaled to 200%."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "S", "x": 0, "y": 0, "width": 1600, "height": 1000}]})
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "2",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(demo_file)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == ["screen 800x500 at 2.0"]


def test_the_next_actions_table_never_scrolls_inside_the_page(small_window: MainWindow) -> None:
    small_window.navigate_to("dashboard")
    QApplication.processEvents()
    table = small_window.page("dashboard").actions_table  # type: ignore[attr-defined]
    assert table.rowCount() == 20
    assert table.verticalScrollBar().maximum() == 0
    last = table.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()


def test_an_exclusion_does_not_widen_the_annex_a_status_column(
    qtbot: QtBot, window: MainWindow, demo_file: Path
) -> None:
    from aims_desktop.gui.assessment.annex_a_page import STATUS_COLUMN
    from aims_desktop.services import assessments

    window.resize(1280, 800)  # wide: the Status column shows
    assert window.open_file(demo_file)
    window.navigate_to("A.3.2")
    page = window.page("A")
    tree = page.tree  # type: ignore[attr-defined]
    assert not tree.isColumnHidden(STATUS_COLUMN)
    before = tree.columnWidth(STATUS_COLUMN)
    window.context.apply(lambda s: assessments.exclude_control(s, "A.3.3", "No staff at all."))
    QApplication.processEvents()
    group = page.model.index_of("A.3")  # type: ignore[attr-defined]
    assert "1 excluded" in group.siblingAtColumn(STATUS_COLUMN).data()
    assert tree.columnWidth(STATUS_COLUMN) == before
    assert layout_problems(window, "A.3 with an exclusion") == []
