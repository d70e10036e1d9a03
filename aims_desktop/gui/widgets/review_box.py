"""Review mode on a page: the comments on one clause, control or record, and a box to add one.

An auditor opening a colleague's project switches on review mode (View menu): every page then
hides its editing and shows this box, where a comment, a question or a finding is written and
signed with the reviewer's name. Outside review mode the box lists the comments already made
(the manager reads them here and answers on the Review comments page), and disappears when
there are none.

`freeze_inputs` / `thaw_inputs` make a page's editing widgets read-only while review mode is on
and give them back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.registers.certification import CommentKind, CommentStatus, ReviewComment
from aims_desktop.domain.registers.keys import REVIEW_COMMENT
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import (
    LinkButton,
    NotesEdit,
    plain_label,
    set_muted,
    set_point_size,
)
from aims_desktop.gui.widgets.flow import flow_row

Frozen = list[tuple[QWidget, bool]]


def freeze_inputs(container: QWidget, keep: Iterable[QWidget] = ()) -> Frozen:
    """Make every input in `container` read-only (text) or disabled (buttons, choices, dates),
    except those inside `keep` and links that only navigate; returns how to undo it."""
    kept = list(keep)
    frozen: Frozen = []
    for widget in container.findChildren(QWidget):
        if any(k is widget or k.isAncestorOf(widget) for k in kept):
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
                continue  # the editor inside a combo box or date box: its owner is frozen
            frozen.append((widget, widget.isReadOnly()))
            widget.setReadOnly(True)
        elif _is_choice(widget):
            frozen.append((widget, widget.isEnabled()))
            widget.setEnabled(False)
    return frozen


def _is_choice(widget: QWidget) -> bool:
    """A button, box or spinner that changes something (a link that only navigates does not)."""
    if isinstance(widget, QAbstractButton):
        return not isinstance(widget, LinkButton)
    return isinstance(widget, QComboBox | QAbstractSpinBox)


def thaw_inputs(frozen: Frozen) -> None:
    for widget, previous in frozen:
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            widget.setReadOnly(previous)
        else:
            widget.setEnabled(previous)


def comment_text(comment: ReviewComment) -> str:
    """One comment as the box shows it: who, when, what kind, the text, and the response."""
    kind = comment.kind.label if comment.kind else "Comment"
    status = comment.status.label if comment.status else ""
    when = format_date(comment.made_on) if comment.made_on else ""
    head = " · ".join(p for p in (comment.ref, kind, comment.reviewer, when, status) if p)
    text = f"{head}\n{comment.comment}"
    if comment.response.strip():
        text += f"\nResponse: {comment.response}"
    return text


class ReviewBox(QFrame):
    """The review comments on one target ("6.1.2", "A.6.2.4", "register:ai_system:<id>")."""

    def __init__(self, context: ProjectContext, target: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewBox")
        self.context = context
        self.target = target
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        self.title = plain_label(self.tr("Reviewer's comments"))
        set_point_size(self.title, 1.1, bold=True)
        layout.addWidget(self.title)
        self.list = QVBoxLayout()
        self.list.setSpacing(6)
        layout.addLayout(self.list)
        self.empty = plain_label(self.tr("No comments yet."))
        set_muted(self.empty)
        layout.addWidget(self.empty)

        self.editor = QWidget(self)
        column = QVBoxLayout(self.editor)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(4)
        self.kind = QComboBox(self.editor)
        self.kind.setObjectName("reviewKind")
        self.kind.setAccessibleName(self.tr("Kind of comment"))
        for member in CommentKind:
            self.kind.addItem(member.label, member)
        # narrow enough for a detail panel at 800 pixels; the list shows the full labels
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(14)
        self.text = NotesEdit(self.editor)
        self.text.setObjectName("reviewText")
        self.text.setAccessibleName(self.tr("Your comment"))
        self.text.setPlaceholderText(
            self.tr("What you noticed, want to ask, or found (it is signed with your name).")
        )
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 3 + 16)
        self.add_button = QPushButton(self.tr("Add comment"), self.editor)
        self.add_button.setObjectName("addReviewComment")
        self.add_button.clicked.connect(lambda _c=False: self.add())
        self.signed = plain_label()
        set_muted(self.signed)
        self.error = plain_label()
        self.error.setObjectName("reviewError")
        self.error.hide()
        column.addWidget(self.text)
        column.addWidget(flow_row(self.kind, self.add_button))
        column.addWidget(self.signed)
        column.addWidget(self.error)
        layout.addWidget(self.editor)
        self._labels: list[QLabel] = []

        context.changed.connect(self._changed)
        context.sessionChanged.connect(self.refresh)
        context.reviewModeChanged.connect(self._mode_changed)
        self.refresh()

    def set_target(self, target: str) -> None:
        if target != self.target:
            self.target = target
            self.text.clear()
            self.error.hide()
        self.refresh()

    def _mode_changed(self, _on: bool) -> None:
        self.refresh()

    def _changed(self, change_set: object) -> None:
        if isinstance(change_set, ChangeSet) and any(
            c.entity == REVIEW_COMMENT for c in change_set.changes
        ):
            self.refresh()

    def comments(self) -> list[ReviewComment]:
        session = self.context.session
        if session is None or not self.target:
            return []
        from aims_desktop.services import review

        return review.comments(session, self.target)

    def refresh(self) -> None:
        found = self.comments()
        reviewing = self.context.review_mode
        for label in self._labels:
            self.list.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for comment in found:
            label = plain_label(comment_text(comment), self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if comment.status is CommentStatus.CLOSED:
                set_muted(label)
            self.list.addWidget(label)
            self._labels.append(label)
        count = len(found)
        self.title.setText(
            self.tr("Reviewer's comments (%1)").replace("%1", str(count))
            if count
            else self.tr("Reviewer's comments")
        )
        self.empty.setVisible(not found)
        self.editor.setVisible(reviewing)
        session = self.context.session
        if session is not None:
            self.signed.setText(
                self.tr("Signed as %1. Change the name in Preferences.").replace("%1", session.user)
            )
        self.setVisible(bool(self.target) and (reviewing or bool(found)))

    def add(self) -> bool:
        """Add the comment typed in the box (a review operation: allowed in review mode)."""
        text = self.text.toPlainText().strip()
        kind = self.kind.currentData()
        target = self.target
        from aims_desktop.services import review
        from aims_desktop.services.errors import UserFacingError

        try:
            self.context.apply(lambda s: review.add_comment(s, target, text, kind), review=True)
        except UserFacingError as error:
            self.error.setText(str(error))
            self.error.show()
            return False
        self.error.hide()
        self.text.clear()
        self.kind.setCurrentIndex(0)
        return True
