"""The dashboard: how ready the organisation is, what to do next, and what is still unassessed.

Every figure and row is a link to the place where it can be improved, because a manager looking at
"17 gaps" wants to start closing one, not to read a number. The page only reads the session; it
refreshes whenever the project changes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.actions import Action, not_assessed
from aims_desktop.domain.readiness import Readiness, ReadinessReport
from aims_desktop.domain.status import Status
from aims_desktop.gui.dashboard.readiness_chart import ChartRow, ReadinessChart
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.theme import status_colours
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.plain_text import plain_tooltip
from aims_desktop.gui.widgets.section_labels import percent_label, section_titles
from aims_desktop.gui.widgets.status_labels import status_label

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_DATE_COLUMN = 3


def _height(font: QFont) -> int:
    return QFontMetrics(font).height()


class FigureCard(QAbstractButton):
    """A big figure with a caption, clickable like a button (mouse, Space or Enter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = ""
        self.caption = ""
        self.detail = ""
        self.tone = ""  # a status_colours key for the figure, "" for the text colour
        self.target = ""
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_content(
        self, figure: str, caption: str, detail: str, target: str, tone: str = ""
    ) -> None:
        self.figure, self.caption, self.detail, self.target, self.tone = (
            figure,
            caption,
            detail,
            target,
            tone,
        )
        self.setAccessibleName(f"{figure} {caption}")
        self.setAccessibleDescription(detail)
        self.setToolTip(detail)
        self.updateGeometry()
        self.update()

    def _figure_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        big = _height(self._figure_font())
        return QSize(180, big + 3 * line + int(line * 1.4))

    def minimumSizeHint(self) -> QSize:
        return QSize(140, self.sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        base = palette.color(QPalette.ColorRole.Base)
        if self.underMouse() or self.isDown():
            base = palette.color(QPalette.ColorRole.AlternateBase)
        painter.setBrush(base)
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if self.hasFocus()
            else palette.color(QPalette.ColorRole.Mid)
        )
        painter.setPen(QPen(border, 2 if self.hasFocus() else 1))
        painter.drawRoundedRect(rect, 8, 8)
        line = self.fontMetrics().height()
        inner = rect.adjusted(line * 0.8, line * 0.5, -line * 0.8, -line * 0.5)
        big = self._figure_font()
        big_height = _height(big)
        painter.setFont(big)
        colour = (
            status_colours(palette)[self.tone]
            if self.tone
            else palette.color(QPalette.ColorRole.WindowText)
        )
        painter.setPen(colour)
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), big_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.figure,
        )
        small = QFont(self.font())
        small.setBold(True)
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        top = inner.top() + big_height
        painter.drawText(
            QRectF(inner.left(), top, inner.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.fontMetrics().elidedText(
                self.caption, Qt.TextElideMode.ElideRight, int(inner.width())
            ),
        )
        painter.setFont(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRectF(inner.left(), top + line, inner.width(), line * 2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            | int(Qt.TextFlag.TextWordWrap),
            self.detail,
        )
        painter.end()


class FlowList(QListWidget):
    """A list laid out in as many columns as fit, exactly as tall as its content, so a long
    list of unassessed items reads like an index instead of scrolling in a small box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(0)

    def _fit(self) -> None:
        line = self.fontMetrics().height()
        width = self.width() - 2 * self.frameWidth() - 2
        columns = max(1, width // (line * 22))
        grid = QSize(width // columns, int(line * 1.6))
        if grid != self.gridSize():
            self.setGridSize(grid)
        cell = QSize(grid.width() - 4, grid.height())
        for row in range(self.count()):
            self.item(row).setSizeHint(cell)
        rows = max(1, -(-self.count() // columns))
        self.setFixedHeight(rows * grid.height() + 2 * self.frameWidth() + 2)
        self.scrollToTop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def refit(self) -> None:
        self._fit()


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    return label


class FullTable(QTableWidget):
    """A table exactly as tall as its rows: the page scrolls, never the table inside it, and
    it never scrolls sideways (text wraps in the stretching first column)."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().sectionResized.connect(lambda *_args: self.updateGeometry())
        self.horizontalHeader().sectionResized.connect(lambda *_args: self._rows_changed())

    def _rows_changed(self) -> None:
        self.resizeRowsToContents()
        self.updateGeometry()

    def content_height(self) -> int:
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        return self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.content_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 20, self.content_height())


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = FullTable(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)
    table.setCursor(Qt.CursorShape.PointingHandCursor)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return table


def _item(text: str, target: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(TARGET_ROLE, target)
    item.setToolTip(plain_tooltip(text))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class DashboardPage(QWidget):
    """Signals:
    navigateRequested(str): go to a target ("6.1.2", "A", "4", ...) where a figure can improve.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.context = context
        self.report: ReadinessReport | None = None
        self.plan: list[Action] = []
        self.to_assess: list[str] = []

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Dashboard"))
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        body.setObjectName("dashboardBody")
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        line = self.fontMetrics().height()
        layout.setContentsMargins(
            int(line * 1.6), int(line * 1.2), int(line * 1.6), int(line * 1.2)
        )
        layout.setSpacing(int(line * 0.8))

        self.organisation_label = QLabel(body)
        self.organisation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.organisation_label.setObjectName("organisationName")
        font = self.organisation_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.organisation_label.setFont(font)
        self.subtitle = QLabel(body)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.organisation_label)
        layout.addWidget(self.subtitle)

        cards = QGridLayout()  # four in a row, or two by two in a narrow window
        cards.setSpacing(int(line * 0.8))
        self._cards_layout = cards
        self.overall_card = FigureCard(body)
        self.overall_card.setObjectName("overallCard")
        self.gaps_card = FigureCard(body)
        self.gaps_card.setObjectName("gapsCard")
        self.overdue_card = FigureCard(body)
        self.overdue_card.setObjectName("overdueCard")
        self.not_assessed_card = FigureCard(body)
        self.not_assessed_card.setObjectName("notAssessedCard")
        self._cards = (self.overall_card, self.gaps_card, self.overdue_card, self.not_assessed_card)
        for card in self._cards:
            card.clicked.connect(lambda _checked=False, c=card: self._go(c.target))
        self._card_columns = 0
        layout.addLayout(cards)

        grid = QGridLayout()
        self._grid = grid
        grid.setHorizontalSpacing(int(line * 1.6))
        grid.setVerticalSpacing(int(line * 0.5))
        chart_heading = _heading(self.tr("Readiness by clause and for Annex A"), body)
        self.chart = ReadinessChart(body)
        self.chart.setObjectName("readinessChart")
        self.chart.rowActivated.connect(self._go)
        chart_heading.setBuddy(self.chart)
        figures_heading = _heading(self.tr("Figures"), body)
        self.figures = _table(
            body,
            [
                self.tr("Part"),
                self.tr("Readiness"),
                self.tr("Met"),
                self.tr("Partly"),
                self.tr("Not met"),
                self.tr("Not assessed"),
            ],
            self.tr("Readiness figures"),
        )
        self.figures.setObjectName("figuresTable")
        figures_heading.setBuddy(self.figures)
        self._chart_heading, self._figures_heading = chart_heading, figures_heading
        self._stacked: bool | None = None

        self.eye_heading = _heading(self.tr("What an auditor would question"), body)
        self.eye_note = QLabel(body)
        self.eye_note.setTextFormat(Qt.TextFormat.PlainText)
        self.eye_note.setWordWrap(True)
        self.eye_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.eye_table = _table(
            body, [self.tr("Finding"), self.tr("Where")], self.tr("What an auditor would question")
        )
        self.eye_table.setObjectName("findingsTable")
        self.eye_heading.setBuddy(self.eye_table)
        self.cycle_heading = _heading(self.tr("Certification reminders"), body)
        self.cycle_table = _table(body, [self.tr("Reminder")], self.tr("Certification reminders"))
        self.cycle_table.setObjectName("certificationReminders")
        self.cycle_heading.setBuddy(self.cycle_table)
        self.actions_heading = _heading(self.tr("Next actions"), body)
        self.actions_table = _table(
            body,
            [
                self.tr("Requirement"),
                self.tr("Status"),
                self.tr("Owner"),
                self.tr("Target date"),
                self.tr("When"),
            ],
            self.tr("Next actions"),
        )
        self.actions_table.setObjectName("actionsTable")
        self.actions_heading.setBuddy(self.actions_table)
        self.assess_heading = _heading(self.tr("Still to assess"), body)
        self.assess_list = FlowList(body)
        self.assess_list.setObjectName("stillToAssessList")
        self.assess_list.setAccessibleName(self.tr("Still to assess"))
        self.assess_list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.assess_heading.setBuddy(self.assess_list)
        layout.addLayout(grid)
        self._reflow(self.width())
        layout.addSpacing(int(line * 0.4))
        layout.addWidget(self.eye_heading)
        layout.addWidget(self.eye_note)
        layout.addWidget(self.eye_table)
        layout.addSpacing(int(line * 0.4))
        layout.addWidget(self.cycle_heading)
        layout.addWidget(self.cycle_table)
        layout.addWidget(self.actions_heading)
        layout.addWidget(self.actions_table)
        layout.addSpacing(int(line * 0.4))
        layout.addWidget(self.assess_heading)
        layout.addWidget(self.assess_list)
        layout.addStretch(1)

        for table in (self.figures, self.eye_table, self.cycle_table, self.actions_table):
            table.clicked.connect(lambda index, t=table: self._go_table(t, index.row()))
            table.activated.connect(lambda index, t=table: self._go_table(t, index.row()))
        self.assess_list.itemClicked.connect(self._go_list)
        self.assess_list.itemActivated.connect(self._go_list)

        self.setTabOrder(self.overall_card, self.gaps_card)
        self.setTabOrder(self.gaps_card, self.overdue_card)
        self.setTabOrder(self.overdue_card, self.not_assessed_card)
        self.setTabOrder(self.not_assessed_card, self.chart)
        self.setTabOrder(self.chart, self.figures)
        self.setTabOrder(self.figures, self.eye_table)
        self.setTabOrder(self.eye_table, self.actions_table)
        self.setTabOrder(self.actions_table, self.assess_list)

        self._stale = False
        context.sessionChanged.connect(self.refresh)
        context.changed.connect(self._project_changed)
        context.saved.connect(self._project_changed)
        self.refresh()

    # -- reflow ----------------------------------------------------------------------------

    def _reflow(self, width: int) -> None:
        """Four cards in a row and the chart beside its figures when there is room; two by two
        and one above the other in a narrow window (800 logical pixels: 200% on 1600)."""
        unit = self.fontMetrics().horizontalAdvance("M")
        columns = 4 if width >= unit * 70 else 2
        if columns != self._card_columns:
            self._card_columns = columns
            for card in self._cards:
                self._cards_layout.removeWidget(card)
            for n, card in enumerate(self._cards):
                self._cards_layout.addWidget(card, n // columns, n % columns)
            for column in range(4):
                self._cards_layout.setColumnStretch(column, 1 if column < columns else 0)
        stacked = width < unit * 90
        if stacked != self._stacked:
            self._stacked = stacked
            grid = self._grid
            for widget in (self._chart_heading, self.chart, self._figures_heading, self.figures):
                grid.removeWidget(widget)
            top = Qt.AlignmentFlag.AlignTop
            if stacked:
                grid.addWidget(self._chart_heading, 0, 0)
                grid.addWidget(self.chart, 1, 0, top)
                grid.addWidget(self._figures_heading, 2, 0)
                grid.addWidget(self.figures, 3, 0, top)
                grid.setColumnStretch(1, 0)
            else:
                grid.addWidget(self._chart_heading, 0, 0)
                grid.addWidget(self.chart, 1, 0, top)
                grid.addWidget(self._figures_heading, 0, 1)
                grid.addWidget(self.figures, 1, 1, top)
                grid.setColumnStretch(1, 1)
            grid.setColumnStretch(0, 1)
        narrow = width < unit * 75
        if narrow != self.actions_table.isColumnHidden(ACTION_DATE_COLUMN):
            self.actions_table.setColumnHidden(ACTION_DATE_COLUMN, narrow)  # "When" says it
            self._fit(self.actions_table, stretch=0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow(event.size().width())
        super().resizeEvent(event)

    # -- navigation ------------------------------------------------------------------------

    def _go(self, target: str) -> None:
        if target:
            self.navigateRequested.emit(target)

    def _go_table(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self._go(str(item.data(TARGET_ROLE) or ""))

    def _go_list(self, item: QListWidgetItem) -> None:
        self._go(str(item.data(TARGET_ROLE) or ""))

    # -- content ---------------------------------------------------------------------------

    def _first_to_improve(self) -> str:
        if self.plan:
            return self.plan[0].item_id
        if self.to_assess:
            return self.to_assess[0]
        return ""

    def _project_changed(self, *_args: object) -> None:
        """Refresh now if the dashboard is on screen; otherwise when it is next shown (reading
        a large project after every edit made elsewhere would slow the editing down)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self, *_args: object) -> None:
        self._stale = False
        session = self.context.session
        if session is None:
            self.report, self.plan, self.to_assess = None, [], []
            self.organisation_label.clear()
            self.chart.set_rows([])
            self.figures.setRowCount(0)
            self.eye_table.setRowCount(0)
            self.actions_table.setRowCount(0)
            self.assess_list.clear()
            return
        self.report = session.readiness()
        self.plan = session.action_plan()
        self.to_assess = not_assessed(session.catalog, session.assessments())
        today = session.today()
        self.organisation_label.setText(session.organisation().name)
        self.subtitle.setText(
            self.tr(
                "Readiness for ISO/IEC 42001 certification, as assessed so far. Click any figure "
                "or row to work on it."
            )
        )
        self._fill_cards(self.report)
        self._fill_chart(self.report)
        self._fill_figures(self.report)
        self._fill_findings()
        self._fill_reminders()
        self._fill_actions(today)
        self._fill_to_assess()

    def _describe(self, r: Readiness) -> str:
        return (
            self.tr("%1% ready: %2 met, %3 partly met, %4 not met, %5 not assessed")
            .replace("%1", str(r.percent))
            .replace("%2", str(r.counts[Status.MET]))
            .replace("%3", str(r.counts[Status.PARTIALLY_MET]))
            .replace("%4", str(r.counts[Status.NOT_MET]))
            .replace("%5", str(r.counts[Status.NOT_ASSESSED]))
        )

    def _fill_cards(self, report: ReadinessReport) -> None:
        overall = report.overall
        self.overall_card.set_content(
            percent_label(overall.percent),
            self.tr("Overall readiness"),
            self.tr("%1 of %2 met, %3 partly met")
            .replace("%1", str(overall.counts[Status.MET]))
            .replace("%2", str(overall.counted))
            .replace("%3", str(overall.counts[Status.PARTIALLY_MET])),
            self._first_to_improve(),
            "bar",
        )
        first_gap = self.plan[0].item_id if self.plan else ""
        self.gaps_card.set_content(
            str(overall.gaps),
            self.tr("Gaps to close"),
            self.tr("%1 not met, %2 partially met")
            .replace("%1", str(overall.counts[Status.NOT_MET]))
            .replace("%2", str(overall.counts[Status.PARTIALLY_MET])),
            first_gap,
            "not_met" if overall.gaps else "",
        )
        overdue = [a for a in self.plan if a.overdue]
        self.overdue_card.set_content(
            str(len(overdue)),
            self.tr("Overdue actions"),
            self.tr("Past their target date") if overdue else self.tr("Nothing is overdue"),
            overdue[0].item_id if overdue else first_gap,
            "not_met" if overdue else "",
        )
        self.not_assessed_card.set_content(
            str(overall.not_assessed),
            self.tr("Not assessed yet"),
            self.tr("Requirements still to look at")
            if overall.not_assessed
            else self.tr("Everything has been assessed"),
            self.to_assess[0] if self.to_assess else "",
        )

    def _fill_chart(self, report: ReadinessReport) -> None:
        titles = section_titles()
        rows = [
            ChartRow(r.key, r.key, titles.get(r.key, r.title), r.percent, self._describe(r))
            for r in report.clauses
        ]
        a = report.annex_a
        rows.append(ChartRow("A", self.tr("A"), titles["A"], a.percent, self._describe(a)))
        self.chart.set_rows(rows)

    def _fill_figures(self, report: ReadinessReport) -> None:
        titles = section_titles()
        parts = [(f"{r.key}  {titles.get(r.key, r.title)}", r.key, r) for r in report.clauses]
        parts.append((titles["A"], "A", report.annex_a))
        parts.append((self.tr("Overall"), self._first_to_improve(), report.overall))
        table = self.figures
        table.setRowCount(len(parts))
        for row, (label, target, r) in enumerate(parts):
            table.setItem(row, 0, _item(label, target))
            table.setItem(row, 1, _item(percent_label(r.percent), target, True))
            for column, status in enumerate(
                (Status.MET, Status.PARTIALLY_MET, Status.NOT_MET, Status.NOT_ASSESSED), start=2
            ):
                table.setItem(row, column, _item(str(r.counts[status]), target, True))
        last = len(parts) - 1
        for column in range(table.columnCount()):
            cell = table.item(last, column)
            if cell is not None:
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
        self._fit(table, stretch=0)

    def _when(self, action: Action, today: date) -> str:
        """Urgency in words ("Overdue by 3 days"), so it never depends on colour alone."""
        if action.target_date is None:
            return self.tr("No target date")
        days = (action.target_date - today).days
        if action.overdue:
            if days == -1:
                return self.tr("Overdue by 1 day")
            return self.tr("Overdue by %1 days").replace("%1", str(-days))
        if days == 0:
            return self.tr("Due today")
        if days == 1:
            return self.tr("Due tomorrow")
        return self.tr("Due in %1 days").replace("%1", str(days))

    def _fill_actions(self, today: date) -> None:
        table = self.actions_table
        colours = status_colours(self.palette())
        count = len(self.plan)
        self.actions_heading.setText(self.tr("&Next actions (%1)").replace("%1", str(count)))
        if not self.plan:
            table.setRowCount(1)
            table.setItem(0, 0, _item(self.tr("No gaps recorded so far."), ""))
            for column in range(1, table.columnCount()):
                table.setItem(0, column, _item("", ""))
            self._fit(table, stretch=0)
            return
        table.setRowCount(count)
        for row, action in enumerate(self.plan):
            target = action.item_id
            table.setItem(row, 0, _item(f"{action.item_id}  {action.title}", target))
            status = _item(status_label(action.status), target)
            status.setForeground(colours[action.status.value])
            table.setItem(row, 1, status)
            table.setItem(row, 2, _item(action.owner or self.tr("No owner"), target))
            shown_date = format_date(action.target_date) if action.target_date else "—"
            table.setItem(row, 3, _item(shown_date, target))
            when = _item(self._when(action, today), target)
            if action.target_date:  # the date column is hidden in a narrow window
                when.setToolTip(f"{when.text()} ({shown_date})")
            if action.overdue:
                when.setForeground(colours["not_met"])
                font = when.font()
                font.setBold(True)
                when.setFont(font)
            table.setItem(row, 4, when)
        self._fit(table, stretch=0)

    def _fill_findings(self) -> None:
        from aims_desktop.services.eye import project_findings

        session = self.context.session
        assert session is not None
        self.findings = project_findings(session)
        self.eye_heading.setText(
            self.tr("What an auditor would question (%1)").replace("%1", str(len(self.findings)))
        )
        self.eye_note.setText(
            self.tr(
                "Places where your records and your answers do not agree yet, as an auditor "
                "would check them. Click one to go where it is put right."
            )
            if self.findings
            else self.tr("Nothing: your records and answers agree as far as the checks go.")
        )
        table = self.eye_table
        table.setRowCount(len(self.findings))
        for row, finding in enumerate(self.findings):
            table.setItem(row, 0, _item(finding.message, finding.target))
            table.setItem(row, 1, _item(finding.subject, finding.target))
        table.setVisible(bool(self.findings))
        self._fit(table, stretch=0)

    def _fill_reminders(self) -> None:
        """The certification audits due or coming up (hidden when there are none)."""
        from aims_desktop.services.evaluation import certification_reminders

        session = self.context.session
        assert session is not None
        found = certification_reminders(session)
        table = self.cycle_table
        table.setRowCount(len(found))
        colours = status_colours(self.palette())
        for row, reminder in enumerate(found):
            item = _item(reminder.message, reminder.target)
            if reminder.urgent:
                item.setForeground(colours["not_met"])
            table.setItem(row, 0, item)
        self.cycle_heading.setVisible(bool(found))
        table.setVisible(bool(found))
        self._fit(table, stretch=0)

    def _fill_to_assess(self) -> None:
        session = self.context.session
        assert session is not None
        self.assess_heading.setText(
            self.tr("&Still to assess (%1)").replace("%1", str(len(self.to_assess)))
        )
        self.assess_list.clear()
        if not self.to_assess:
            item = QListWidgetItem(self.tr("Everything has been assessed."))
            item.setData(TARGET_ROLE, "")
            self.assess_list.addItem(item)
            self.assess_list.refit()
            return
        for item_id in self.to_assess:
            text = f"{item_id}  {session.catalog.title_in_context(item_id)}"
            item = QListWidgetItem(text)
            item.setData(TARGET_ROLE, item_id)
            item.setToolTip(plain_tooltip(text))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.assess_list.addItem(item)
        self.assess_list.refit()

    def _fit(self, table: QTableWidget, stretch: int) -> None:
        """Columns as wide as their contents, except the first, which takes the rest and wraps;
        a long owner name wraps too rather than squeezing the requirement."""
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        if table is self.actions_table and table.isColumnHidden(ACTION_DATE_COLUMN):
            widest = self.fontMetrics().horizontalAdvance("M") * 13  # narrow: long names wrap
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(2, min(table.sizeHintForColumn(2), widest))
        else:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        table.updateGeometry()
