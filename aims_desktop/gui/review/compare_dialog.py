"""File > Compare with…: the open project beside another copy of it, or beside an earlier
revision kept in its history. What was added, changed and removed, grouped by requirement and
register as "What changed" lists it (services/compare.py); Save as PDF prints the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.change_list import ChangeList
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.review.changes_dialog import line_text
from aims_desktop.gui.widgets.fields import plain_label
from aims_desktop.gui.widgets.flow import flow_row
from aims_desktop.gui.widgets.plain_text import plain_tooltip


def fill_list(widget: QListWidget, listed: ChangeList) -> None:
    """The groups of `listed`, section by section, each change on its own line."""
    widget.clear()
    for section in listed.sections:
        groups = listed.in_section(section)
        top = QListWidgetItem(f"{section} ({len(groups)})")
        font = top.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        top.setFont(font)
        widget.addItem(top)
        for group in groups:
            item = QListWidgetItem(group.title)
            bold = item.font()
            bold.setBold(True)
            item.setFont(bold)
            item.setToolTip(plain_tooltip(group.title))
            widget.addItem(item)
            for change in group.lines:
                text = line_text(change)
                child = QListWidgetItem("    " + text)
                child.setToolTip(plain_tooltip(text))
                widget.addItem(child)


class CompareDialog(QDialog):
    """Compare the open project with another copy (`compare_copy`) or an earlier revision
    (`compare_revision`); `save_pdf` writes what is shown."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare with…"))
        self.context = context
        self.listed: ChangeList | None = None
        self.other: Path | None = None
        session = context.session
        revision = session.revision if session is not None else 0
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "What was added, changed and removed, by clause, control and register. "
                    "Compare with another copy of this project (what each copy did since they "
                    "parted) or with a revision saved earlier."
                )
            )
        )
        self.by_copy = QRadioButton(self.tr("Another &copy"), self)
        self.by_revision = QRadioButton(self.tr("An earlier &revision"), self)
        group = QButtonGroup(self)
        group.addButton(self.by_copy)
        group.addButton(self.by_revision)
        self.choose_button = QPushButton(self.tr("C&hoose a file…"), self)
        self.choose_button.setObjectName("chooseCopy")
        self.choose_button.clicked.connect(self._choose_file)
        self.revision = QSpinBox(self)
        self.revision.setObjectName("compareRevision")
        self.revision.setAccessibleName(self.tr("Earlier revision"))
        self.revision.setRange(0, max(revision, 0))
        self.revision.setValue(max(revision - 1, 0))
        self.revision.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 8 + 40)
        self.revision.valueChanged.connect(lambda value: self.compare_revision(value))
        layout.addWidget(
            flow_row(self.by_copy, self.choose_button, self.by_revision, self.revision, spacing=12)
        )
        self.summary = plain_label()
        self.summary.setObjectName("compareSummary")
        layout.addWidget(self.summary)
        self.list = QListWidget(self)
        self.list.setObjectName("compareList")
        self.list.setAccessibleName(self.tr("Differences"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("Save as &PDF…"), self)
        self.print_button.setObjectName("printComparison")
        self.print_button.clicked.connect(lambda: self.save_pdf())
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.by_revision.setChecked(True)
        self.by_revision.toggled.connect(
            lambda on: self.compare_revision(self.revision.value()) if on else None
        )
        self.by_copy.toggled.connect(
            lambda on: self.compare_copy(self.other) if on and self.other else None
        )
        line = self.fontMetrics().height()
        self.resize(line * 50, line * 32)
        self.compare_revision(self.revision.value())

    def ask_copy_path(self) -> Path | None:
        """The other copy (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Compare with a copy"), "", self.tr("AIMS Desktop projects (*.aims)")
        )
        return Path(path) if path else None

    def ask_pdf_path(self) -> Path | None:
        """Where to save the PDF (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the comparison as PDF"), "Comparison.pdf", "PDF (*.pdf)"
        )
        return Path(path) if path else None

    def _choose_file(self) -> None:
        path = self.ask_copy_path()
        if path is not None:
            self.compare_copy(path)

    def compare_copy(self, path: Path | None) -> bool:
        from aims_desktop.services.compare import compare_with_copy

        session = self.context.session
        if session is None or path is None:
            return False
        self.other = path
        if not self.by_copy.isChecked():
            self.by_copy.blockSignals(True)
            self.by_copy.setChecked(True)
            self.by_copy.blockSignals(False)
        return self._show(lambda: compare_with_copy(session, path))

    def compare_revision(self, revision: int) -> bool:
        from aims_desktop.services.compare import compare_with_revision

        session = self.context.session
        if session is None:
            return False
        if not self.by_revision.isChecked():
            self.by_revision.blockSignals(True)
            self.by_revision.setChecked(True)
            self.by_revision.blockSignals(False)
        return self._show(lambda: compare_with_revision(session, revision))

    def _show(self, compute: object) -> bool:
        from aims_desktop.services.errors import UserFacingError

        assert callable(compute)
        try:
            listed = compute()
        except UserFacingError as error:
            self.listed = None
            self.list.clear()
            self.summary.setText(str(error))
            self.print_button.setEnabled(False)
            return False
        assert isinstance(listed, ChangeList)
        self.listed = listed
        count = len(listed.groups)
        self.summary.setText(
            self.tr("%n clause(s), control(s) or record(s) differ", "", count)
            + " "
            + listed.since_text
            + "."
            if count
            else self.tr("No differences %1.").replace("%1", listed.since_text)
        )
        fill_list(self.list, listed)
        self.print_button.setEnabled(True)
        return True

    def save_pdf(self, path: Path | None = None) -> Path | None:
        from aims_desktop.services.compare import write_comparison
        from aims_desktop.services.errors import UserFacingError

        session = self.context.session
        if session is None or self.listed is None:
            return None
        target = path or self.ask_pdf_path()
        if target is None:
            return None
        try:
            return write_comparison(session, self.listed, target)
        except UserFacingError as error:
            self.summary.setText(str(error))
            return None
