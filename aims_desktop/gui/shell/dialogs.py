"""The questions and messages the main window puts to the user, one function each.

The main window calls these through small methods of its own, so tests can answer a question by
replacing one method while everything around it (saving, closing, keeping the project) runs for
real. File names and error texts are data: every box shows them as plain text, never as markup.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from aims_desktop import APP_NAME
from aims_desktop.gui.widgets import dates


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class FileChangedChoice(Enum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


class RecoveryChoice(Enum):
    RECOVER = "recover"
    DISCARD = "discard"
    LATER = "later"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str, detail: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(detail)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def unsaved_changes_text(name: str, *, never_saved: bool = False) -> tuple[str, str]:
    """The question and its explanation; a project never saved is named and said to be new."""
    if never_saved:
        return (
            tr("Do you want to save the new project for “%1”?").replace("%1", name),
            tr("It has never been saved. If you do not save it now, everything in it is lost."),
        )
    return (
        tr("Do you want to save the changes you made to “%1”?").replace("%1", name),
        tr("If you do not save, the changes since you last saved will be lost."),
    )


def ask_unsaved_changes(
    parent: QWidget | None, name: str, *, never_saved: bool = False
) -> UnsavedChoice:
    text, detail = unsaved_changes_text(name, never_saved=never_saved)
    box = _box(parent, QMessageBox.Icon.Warning, text, detail)
    box.setObjectName("unsavedChangesBox")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def ask_file_changed(parent: QWidget | None, message: str) -> FileChangedChoice:
    box = _box(
        parent, QMessageBox.Icon.Warning, tr("The file was changed by someone else"), message
    )
    box.setObjectName("fileChangedBox")
    overwrite = box.addButton(tr("&Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton(tr("Save &As…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return FileChangedChoice.OVERWRITE
    if clicked is save_as:
        return FileChangedChoice.SAVE_AS
    return FileChangedChoice.CANCEL


def ask_save_as_instead(parent: QWidget | None, title: str, message: str) -> bool:
    """The file cannot be replaced (it is read-only): offer Save As. True to save elsewhere."""
    box = _box(parent, QMessageBox.Icon.Warning, title, message)
    box.setObjectName("readOnlyBox")
    save_as = box.addButton(tr("Save &As…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is save_as


def show_problem(parent: QWidget | None, title: str, message: str) -> None:
    """A problem the user can act on (a bad file, a failed save): its title, then its message."""
    box = _box(parent, QMessageBox.Icon.Warning, title, message)
    box.setObjectName("problemBox")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_recovery(
    parent: QWidget | None, organisation: str, original: str | None, last_change: str
) -> RecoveryChoice:
    where = original or tr("a project that was never saved")
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        tr("AIMS Desktop found unsaved work from a session that ended unexpectedly."),
        tr(
            "Project: %1\nFile: %2\nLast change: %3\n\nRecover it to keep working on it, or "
            "discard it for good. Later keeps it for the next start."
        )
        .replace("%1", organisation)
        .replace("%2", where)
        .replace("%3", format_stamp(last_change)),
    )
    box.setObjectName("recoveryBox")
    recover = box.addButton(tr("&Recover"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(tr("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    if clicked is recover:
        return RecoveryChoice.RECOVER
    if clicked is discard:
        return RecoveryChoice.DISCARD
    return RecoveryChoice.LATER


def confirm_discard_recovery(parent: QWidget | None) -> bool:
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        tr("Discard the recovered work for good?"),
        tr("The unsaved changes cannot be brought back afterwards."),
    )
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return bool(box.exec() == QMessageBox.StandardButton.Discard)


class NameDialog(QDialog):
    """First start: the name AIMS Desktop puts on the user's work. Skipping is fine."""

    def __init__(self, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nameDialog")
        self.setWindowTitle(tr("Welcome to AIMS Desktop"))
        heading = QLabel(tr("Welcome! What is your name?"), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        body = QLabel(
            tr(
                "AIMS Desktop writes it beside every change you make, so that you and an "
                "auditor can see who changed what, and prints it as “Prepared by” on your "
                "reports. Until you give one, your computer login (“%1”) is used. You can "
                "change it at any time in Preferences."
            ).replace("%1", login),
            self,
        )
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        label = QLabel(tr("Your &name:"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(120)
        self.name_edit.setAccessibleName(tr("Your name"))
        self.name_edit.setPlaceholderText(tr("For example: Priya Shah"))
        label.setBuddy(self.name_edit)
        buttons = QDialogButtonBox(self)
        self.use_button = buttons.addButton(
            tr("&Use this name"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.skip_button = buttons.addButton(tr("S&kip"), QDialogButtonBox.ButtonRole.RejectRole)
        self.use_button.setDefault(True)
        self.use_button.setEnabled(False)
        self.name_edit.textChanged.connect(
            lambda text: self.use_button.setEnabled(bool(text.strip()))
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.name_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(480, self.fontMetrics().horizontalAdvance("M") * 40))

    def name(self) -> str:
        return self.name_edit.text().strip()


def ask_user_name(parent: QWidget | None, login: str) -> str | None:
    """The user's name, or None when they skipped."""
    dialog = NameDialog(login, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.name():
        return None
    return dialog.name()


def format_stamp(stamp: str | None) -> str:
    """A stored UTC time stamp ("2026-05-01T09:30:00Z") as every date is shown: local time,
    readable month ("29 Nov 2026, 17:44")."""
    return dates.format_stamp(stamp, never=tr("never"))


class UnexpectedErrorDialog(QDialog):
    """Shown by the exception hook: calm words first, the technical details to copy below."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(APP_NAME)
        self.details = details
        icon = QLabel(self)
        style = self.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(tr("Something went wrong inside AIMS Desktop…"), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        explanation = tr(
            "This is a mistake in AIMS Desktop, not something you did. Your edits so far are "
            "kept in the working copy: save your project now, and if the problem comes back, "
            "please report it with the details below."
        )
        if log_path is not None:
            explanation += "\n\n" + tr("The details were also written to:\n%1").replace(
                "%1", str(log_path)
            )
        body = QLabel(explanation, self)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = QPlainTextEdit(details, self)
        self.details_view.setReadOnly(True)
        self.details_view.setAccessibleName(tr("Technical details"))
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setMinimumHeight(140)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        copy = QPushButton(tr("&Copy details"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.accepted.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon)
        words = QVBoxLayout()
        words.addWidget(heading)
        words.addWidget(body)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)


def show_unexpected_error(details: str, log_path: Path | None) -> None:
    parent = QApplication.activeWindow()
    UnexpectedErrorDialog(details, log_path, parent).exec()
