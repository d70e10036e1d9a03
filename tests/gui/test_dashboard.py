"""The dashboard shows the same figures as session.readiness(), and every figure is a link."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aims_desktop.domain.actions import not_assessed
from aims_desktop.domain.status import Status
from aims_desktop.gui.dashboard.dashboard_page import DashboardPage
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services.project import close_project, open_project
from tests.gui.shell_helpers import edit

pytestmark = pytest.mark.gui


@pytest.fixture
def dashboard(qtbot: QtBot, demo_file: Path) -> DashboardPage:
    context = ProjectContext()
    session = open_project(demo_file)
    context.set_session(session)
    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitExposed(page)
    yield page
    context.set_session(None)
    close_project(session)


def _row(page: DashboardPage, label: str) -> list[str]:
    table = page.figures
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == label:
            return [table.item(row, c).text() for c in range(table.columnCount())]
    raise AssertionError(label)


def test_figures_match_the_readiness_of_the_demo_project(dashboard: DashboardPage) -> None:
    report = dashboard.context.session.readiness()  # type: ignore[union-attr]
    for part in (*report.clauses, report.annex_a, report.overall):
        label = {
            "overall": "Overall",
            "A": "Annex A controls",
        }.get(part.key)
        if label is None:
            label = next(
                dashboard.figures.item(r, 0).text()
                for r in range(dashboard.figures.rowCount())
                if dashboard.figures.item(r, 0).text().startswith(f"{part.key}  ")
            )
        assert _row(dashboard, label)[1:] == [
            f"{part.percent}%",
            str(part.counts[Status.MET]),
            str(part.counts[Status.PARTIALLY_MET]),
            str(part.counts[Status.NOT_MET]),
            str(part.counts[Status.NOT_ASSESSED]),
        ]
    assert dashboard.overall_card.figure == f"{report.overall.percent}%"
    assert dashboard.gaps_card.figure == str(report.overall.gaps)
    assert dashboard.not_assessed_card.figure == str(report.overall.not_assessed)
    chart = {row.key: row.percent for row in dashboard.chart.rows()}
    assert chart == {
        **{c.key: c.percent for c in report.clauses},
        "A": report.annex_a.percent,
    }


def test_the_chart_describes_its_figures_in_words(dashboard: DashboardPage) -> None:
    description = dashboard.chart.accessibleDescription()
    assert "4 Context: 75% ready: 2 met, 2 partly met, 0 not met, 0 not assessed" in description
    assert "A Annex A controls: 14% ready" in description


def test_next_actions_put_overdue_first_and_say_so_in_words(dashboard: DashboardPage) -> None:
    session = dashboard.context.session
    assert session is not None
    actions = session.action_plan()
    table = dashboard.actions_table
    assert table.rowCount() == len(actions)
    overdue = [a for a in actions if a.overdue]
    assert overdue and actions[: len(overdue)] == overdue
    for row, action in enumerate(actions):
        assert table.item(row, 0).text().startswith(action.item_id + "  ")
        assert table.item(row, 2).text() == (action.owner or "No owner")
        assert table.item(row, 4).text().startswith("Overdue") is action.overdue
    assert dashboard.overdue_card.figure == str(len(overdue))


def test_still_to_assess_lists_every_unassessed_item(dashboard: DashboardPage) -> None:
    session = dashboard.context.session
    assert session is not None
    expected = not_assessed(session.catalog, session.assessments())
    shown = [
        dashboard.assess_list.item(r).text().split("  ")[0]
        for r in range(dashboard.assess_list.count())
    ]
    assert shown == expected
    assert dashboard.assess_heading.text() == f"&Still to assess ({len(expected)})"


def test_rows_and_figures_link_to_where_they_can_be_improved(
    dashboard: DashboardPage, qtbot: QtBot
) -> None:
    session = dashboard.context.session
    assert session is not None
    first_action = session.action_plan()[0]
    table = dashboard.actions_table
    with qtbot.waitSignal(dashboard.navigateRequested) as blocker:
        rect = table.visualItemRect(table.item(0, 3))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [first_action.item_id]

    with qtbot.waitSignal(dashboard.navigateRequested) as blocker:
        qtbot.mouseClick(
            dashboard.chart, Qt.MouseButton.LeftButton, pos=dashboard.chart.row_rect(2).center()
        )
    assert blocker.args == ["6"]

    with qtbot.waitSignal(dashboard.navigateRequested) as blocker:
        dashboard.chart.setFocus()
        qtbot.keyClick(dashboard.chart, Qt.Key.Key_End)
        qtbot.keyClick(dashboard.chart, Qt.Key.Key_Return)
    assert blocker.args == ["A"]

    with qtbot.waitSignal(dashboard.navigateRequested) as blocker:
        qtbot.mouseClick(dashboard.not_assessed_card, Qt.MouseButton.LeftButton)
    assert blocker.args == [not_assessed(session.catalog, session.assessments())[0]]

    with qtbot.waitSignal(dashboard.navigateRequested) as blocker:
        dashboard.gaps_card.setFocus()
        qtbot.keyClick(dashboard.gaps_card, Qt.Key.Key_Space)
    assert blocker.args == [first_action.item_id]

    listing = dashboard.assess_list
    with qtbot.waitSignal(dashboard.navigateRequested) as blocker:
        rect = listing.visualItemRect(listing.item(1))
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [listing.item(1).text().split("  ")[0]]


def test_clicking_an_action_in_the_window_goes_to_its_item(
    window: MainWindow, demo_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(demo_file)
    first = window.session.action_plan()[0]  # type: ignore[union-attr]
    section = first.item_id.split(".")[0] if not first.item_id.startswith("A") else "A"
    shown: list[str] = []
    monkeypatch.setattr(window.page(section), "show_item", shown.append)
    dashboard = window.page("dashboard")
    table = dashboard.actions_table  # type: ignore[attr-defined]
    rect = table.visualItemRect(table.item(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_section() == section
    assert shown == [first.item_id]


def test_the_dashboard_follows_edits_undo_and_closing(window: MainWindow, demo_file: Path) -> None:
    window.open_file(demo_file)
    dashboard = window.page("dashboard")
    before = dashboard.not_assessed_card.figure  # type: ignore[attr-defined]
    edit(window, "8.1", status=Status.MET)
    assert int(dashboard.not_assessed_card.figure) == int(before) - 1  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert dashboard.not_assessed_card.figure == before  # type: ignore[attr-defined]
    window.close_project()
    assert dashboard.actions_table.rowCount() == 0  # type: ignore[attr-defined]
