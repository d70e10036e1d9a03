"""Words and colours for statuses and answers, as the assessment pages show them.

The domain has English labels for reports and logs; on screen every word goes through Qt's
translation function, so the literal strings live here where lupdate can find them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.status import Answer, Status


def status_label(status: Status) -> str:
    translate = QCoreApplication.translate
    return {
        Status.NOT_ASSESSED: translate("Status", "Not assessed"),
        Status.NOT_MET: translate("Status", "Not met"),
        Status.PARTIALLY_MET: translate("Status", "Partially met"),
        Status.MET: translate("Status", "Met"),
        Status.NOT_APPLICABLE: translate("Status", "Excluded"),
    }[status]


def answer_label(answer: Answer) -> str:
    translate = QCoreApplication.translate
    return {
        Answer.YES: translate("Answer", "Yes"),
        Answer.PARTLY: translate("Answer", "Partly"),
        Answer.NO: translate("Answer", "No"),
        Answer.NOT_SURE: translate("Answer", "Not sure"),
    }[answer]


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


_LIGHT = {
    Status.NOT_ASSESSED: "#9e9e9e",
    Status.NOT_MET: "#c0392b",
    Status.PARTIALLY_MET: "#d68910",
    Status.MET: "#2e8b57",
    Status.NOT_APPLICABLE: "#7f8c9a",
}
_DARK = {
    Status.NOT_ASSESSED: "#8a8a8a",
    Status.NOT_MET: "#e57368",
    Status.PARTIALLY_MET: "#f0b04a",
    Status.MET: "#5fbf8a",
    Status.NOT_APPLICABLE: "#9aa6b2",
}


def status_color(status: Status, palette: QPalette | None = None) -> QColor:
    return QColor((_DARK if is_dark(palette) else _LIGHT)[status])


def status_icon(status: Status, palette: QPalette | None = None) -> QIcon:
    """A small filled dot (hollow ring for not assessed): colour is never the only cue, the
    status is always written next to it as well."""
    icon = QIcon()
    color = status_color(status, palette)
    for size in (12, 16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = size * 0.18
        rect = pixmap.rect().toRectF().adjusted(margin, margin, -margin, -margin)
        if status is Status.NOT_ASSESSED:
            pen = painter.pen()
            pen.setColor(color)
            pen.setWidthF(max(1.0, size / 10))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
        painter.drawEllipse(rect)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def muted_color(palette: QPalette) -> QColor:
    """Secondary text that stays readable in light and dark palettes."""
    return palette.color(QPalette.ColorRole.PlaceholderText)


def touched_items(change_set: ChangeSet) -> set[str]:
    """Catalogue items whose assessment, answers or evidence a change set touched."""
    return {
        change.subject.partition(" question ")[0]
        for change in change_set.changes
        if change.entity in ("assessment", "guidance_answer", "evidence") and change.subject
    }
