"""What the window shows when no project is open: the three ways to start, and recent projects.

A first-time user has never heard of clause 6.1.2; the page offers the demo project so they can
see a half-finished AIMS before starting their own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aims_desktop import APP_NAME
from aims_desktop.gui.shell.recent import RecentFile
from aims_desktop.gui.theme import draw_focus_ring
from aims_desktop.gui.widgets.dates import format_moment
from aims_desktop.gui.widgets.icons import app_icon
from aims_desktop.gui.widgets.plain_text import plain_tooltip

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class RecentList(QListWidget):
    """Recent project files; a click or Enter opens one.

    Signals:
        fileRequested(str): the path of the chosen file.
    """

    fileRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Recent projects"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setIconSize(QSize(24, 24))
        self.setSpacing(2)
        # Long names wrap in a narrow window; the list never scrolls sideways.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.itemClicked.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.fileRequested.emit(str(path))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._chosen(self.currentItem())
            return
        super().keyPressEvent(event)

    def set_entries(self, entries: list[RecentFile]) -> None:
        """Whose project each file is and when it was last saved; the path as a tooltip."""
        self.clear()
        for entry in entries:
            item = QListWidgetItem(app_icon(), recent_text(entry))
            item.setData(PATH_ROLE, entry.path)
            item.setToolTip(plain_tooltip(entry.path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, recent_text(entry).replace("\n", ", "))
            if not entry.exists:
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.addItem(item)
        if not entries:
            item = QListWidgetItem(self.tr("No recent projects yet."))
            item.setData(PATH_ROLE, "")  # never an unset role: see shell_navigation.KEY_ROLE
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
        elif self.currentRow() < 0:
            self.setCurrentRow(0)


def recent_text(entry: RecentFile) -> str:
    """ "Kestrel Freight Solutions Ltd" over "Kestrel.aims · saved 29 Nov 2026, 17:44"."""
    translate = QCoreApplication.translate
    if not entry.exists or entry.saved is None:
        second = translate("RecentList", "%1 (not found)").replace("%1", entry.name)
    else:
        second = (
            translate("RecentList", "%1 · saved %2")
            .replace("%1", entry.name)
            .replace("%2", format_moment(entry.saved))
        )
    if not entry.organisation:
        return second
    return f"{entry.organisation}\n{second}"


def _arrow_icon(colour: QColor, size: int, ratio: float) -> QIcon:
    """A chevron in the text colour: the style's own arrow is black, invisible in dark mode."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(2.0, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    third = size / 3
    painter.drawPolyline(
        [
            QPointF(third * 1.1, third * 0.6),
            QPointF(third * 2.1, size / 2),
            QPointF(third * 1.1, third * 2.4),
        ]
    )
    painter.end()
    return QIcon(pixmap)


class StartButton(QCommandLinkButton):
    """A command link that shows where the keyboard is: Fusion draws no focus frame for it."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            draw_focus_ring(painter, QRectF(self.rect()), self.palette(), radius=6)
            painter.end()


class WelcomePage(QWidget):
    """Signals:
    newRequested(): start the new-project wizard.
    openRequested(): choose a file to open.
    demoRequested(): open the demo project.
    recentRequested(str): open this recent file.
    """

    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        line = self.fontMetrics().height()

        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAccessibleName(self.tr("AIMS Desktop logo"))
        title = QLabel(APP_NAME, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(
            self.tr(
                "Build your AI management system, check how ready you are for ISO/IEC 42001 "
                "certification, and keep the records an auditor asks for. Everything stays on "
                "this computer."
            ),
            self,
        )
        tagline.setWordWrap(True)
        tagline.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        heading = QHBoxLayout()
        heading.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(tagline)
        heading.addLayout(words, 1)

        self.new_button = StartButton(
            self.tr("&New project…"),
            self.tr("Answer a few questions about your organisation and start the assessment."),
            self,
        )
        self.new_button.setObjectName("newProjectButton")
        self.open_button = StartButton(
            self.tr("&Open…"), self.tr("Open a project file (.aims) from this computer."), self
        )
        self.open_button.setObjectName("openButton")
        self.demo_button = StartButton(
            self.tr("Open the &demo project"),
            self.tr(
                "Explore a fictional small company that is part way through its assessment. "
                "Nothing you change there touches your own projects."
            ),
            self,
        )
        self.demo_button.setObjectName("demoButton")
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button.clicked.connect(self.demoRequested)

        start = QVBoxLayout()
        start_label = QLabel(self.tr("Start"), self)
        start_font = start_label.font()
        start_font.setBold(True)
        start_font.setPointSizeF(start_font.pointSizeF() * 1.15)
        start_label.setFont(start_font)
        start.addWidget(start_label)
        start.addWidget(self.new_button)
        start.addWidget(self.open_button)
        start.addWidget(self.demo_button)
        start.addStretch(1)

        recent = QVBoxLayout()
        recent_label = QLabel(self.tr("&Recent projects"), self)
        recent_label.setFont(start_font)
        self.recent_list = RecentList(self)
        self.recent_list.setObjectName("recentList")
        self.recent_list.fileRequested.connect(self.recentRequested)
        recent_label.setBuddy(self.recent_list)
        recent.addWidget(recent_label)
        recent.addWidget(self.recent_list, 1)

        columns = QHBoxLayout()
        columns.setSpacing(line * 2)
        columns.addLayout(start, 1)
        columns.addLayout(recent, 1)

        panel = QFrame(self)
        panel.setObjectName("welcomePanel")
        panel.setMaximumWidth(line * 56)
        inner = QVBoxLayout(panel)
        inner.setSpacing(line * 2)
        inner.addLayout(heading)
        inner.addLayout(columns, 1)

        # In a scroll area: a short window (500 logical pixels: 200% on a 1000-pixel screen)
        # scrolls instead of squeezing the descriptions of the three ways to start.
        content = QWidget(self)
        content.setObjectName("welcomeContent")
        row = QHBoxLayout(content)
        row.setContentsMargins(line * 2, line * 2, line * 2, line * 2)
        row.addStretch(1)
        row.addWidget(panel, 4)
        row.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own in the Tab chain
        self.recent_list.setMinimumHeight(line * 10)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._style_buttons()
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.recent_list)

    def _style_buttons(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.Link)
        size = self.fontMetrics().height() + 4
        icon = _arrow_icon(colour, size, self.devicePixelRatioF())
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setIcon(icon)
            button.setIconSize(QSize(size, size))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style_buttons()
        super().changeEvent(event)

    def set_recent(self, entries: list[RecentFile]) -> None:
        self.recent_list.set_entries(entries)
