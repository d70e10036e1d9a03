"""The open project as the widgets see it: one session, one undo stack, one change signal.

Every edit goes through `ProjectContext.apply`: it calls a service (one transaction), pushes the
returned ChangeSet on the undo stack as one command, and emits `changed` so pages refresh what
the change touched. Undo and redo revert change sets through services.history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers.keys import REVIEW_COMMENT

if TYPE_CHECKING:  # the services pull in the database layer: not needed to show the welcome page
    from aims_desktop.services.history import HistoryRemoval
    from aims_desktop.services.session import ProjectSession


def _review_refusal() -> RuleViolation:
    return RuleViolation(
        "Review mode is on: answers and records cannot be changed, only commented on. Leave "
        "review mode (View menu) to edit."
    )


class ChangeCommand(QUndoCommand):
    """One service call, already applied; undo/redo revert it through the services."""

    def __init__(self, context: ProjectContext, change_set: ChangeSet) -> None:
        super().__init__(change_set.description)
        self._context = context
        self._change_set = change_set
        self._applied = True  # the first redo() (called by QUndoStack.push) must not re-apply

    def redo(self) -> None:
        if self._applied:
            return
        if self._context._try_revert(self):
            self._applied = True

    def undo(self) -> None:
        if not self._applied:
            return  # a redo that failed: the stack is only stepping back to where it was
        if self._context._try_revert(self):
            self._applied = False


class ProjectContext(QObject):
    """Holds the open ProjectSession (or none) and its undo stack.

    Signals:
        sessionChanged(): a project was opened, created, recovered or closed; pages reload.
        changed(object): a ChangeSet was applied, undone or redone; pages refresh what it touched.
        saved(): the project was written to its file; the undo stack's clean state moved.
        problem(object): an undo or redo could not be done (a UserFacingError, such as a full
            disk under the working copy); nothing changed and the stack stays where it was.
        reviewModeChanged(bool): review mode was switched on or off; pages hide or show their
            editing and show a comment box.
    """

    sessionChanged = Signal()
    changed = Signal(object)
    saved = Signal()
    problem = Signal(object)
    reviewModeChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: ProjectSession | None = None
        self.undo_stack = QUndoStack(self)
        self.review_mode = False

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.set_review_mode(False)  # each project is opened for editing
        self.sessionChanged.emit()

    def set_review_mode(self, on: bool) -> None:
        """Review mode: the reviewer comments, and nothing the manager wrote can change. Every
        operation is refused except those marked as review operations (the comments)."""
        if on != self.review_mode:
            self.review_mode = on
            self.reviewModeChanged.emit(on)

    def apply(
        self, operation: Callable[[ProjectSession], ChangeSet], *, review: bool = False
    ) -> ChangeSet:
        """Run one service operation on the session and make it undoable.

        Exceptions from the service (RuleViolation, ProjectFileError) propagate unchanged and
        nothing is pushed, so the caller can show the message and keep the user's input. In
        review mode only a review operation (`review`: a review comment) runs.
        """
        if self.session is None:
            raise RuntimeError("no project is open")
        if self.review_mode and not review:
            raise _review_refusal()
        change_set = operation(self.session)
        if change_set:
            self.undo_stack.push(ChangeCommand(self, change_set))
            self.changed.emit(change_set)
        return change_set

    def _revert(self, change_set: ChangeSet) -> ChangeSet:
        from aims_desktop.services import history

        assert self.session is not None
        if self.review_mode and any(c.entity != REVIEW_COMMENT for c in change_set.changes):
            raise _review_refusal()
        reverted = history.revert(self.session, change_set)
        self.changed.emit(reverted)
        return reverted

    def _try_revert(self, command: ChangeCommand) -> bool:
        """Revert the command's change set; on a user-facing failure report it and put the
        stack's position back once QUndoStack has moved it (the data did not move)."""
        from aims_desktop.services.errors import UserFacingError

        undoing = command._applied
        try:
            command._change_set = self._revert(command._change_set)
        except UserFacingError as error:
            step_back = self.undo_stack.redo if undoing else self.undo_stack.undo
            QTimer.singleShot(0, step_back)
            self.problem.emit(error)
            return False
        return True

    def remove_from_history(self, value: str, reason: str) -> HistoryRemoval:
        """ "Remove from history" (services.history): it cannot be undone, and the undo stack
        still holds the removed text in memory, so the stack is emptied; the project counts as
        modified until saved."""
        from aims_desktop.services import history

        if self.session is None:
            raise RuntimeError("no project is open")
        if self.review_mode:
            raise _review_refusal()
        result = history.remove_from_history(self.session, value, reason)
        self.undo_stack.clear()
        self.undo_stack.resetClean()
        self.changed.emit(ChangeSet("Remove from history"))
        return result

    def mark_saved(self) -> None:
        self.undo_stack.setClean()
        self.saved.emit()
