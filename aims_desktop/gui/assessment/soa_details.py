"""The Statement of Applicability as a controlled document: its number, version and approval,
edited from the Annex A review and printed on the statement (one undo step per save)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.soa import StatementOfApplicability
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import DateEdit, LineEdit, plain_label, set_muted
from aims_desktop.gui.widgets.flow import flow_row
from aims_desktop.services import soa
from aims_desktop.services.errors import UserFacingError


def _tr(text: str) -> str:
    return QCoreApplication.translate("SoADetails", text)


def describe(document: StatementOfApplicability) -> str:
    """One line for the Annex A page: "SOA-01, version 1.2, approved by X on 3 Feb 2027"."""
    parts = [document.number or _tr("no document number")]
    if document.version:
        parts.append(_tr("version %1").replace("%1", document.version))
    if document.approved and document.approved_on is not None:
        parts.append(
            _tr("approved by %1 on %2")
            .replace("%1", document.approved_by)
            .replace("%2", format_date(document.approved_on))
        )
    else:
        parts.append(_tr("not approved yet"))
    return ", ".join(parts)


class SoADetailsDialog(QDialog):
    """Edit the statement's number, version, approver and approval date."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        session = context.session
        if session is None:
            raise RuntimeError("the statement's details need an open project")
        self.context = context
        self.setObjectName("soaDetailsDialog")
        self.setWindowTitle(self.tr("Statement of Applicability: document details"))
        current = soa.document(session)
        column = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "The statement is a controlled document: give it a number and a version, and "
                "record who in top management approved it and when. The PDF prints them, and "
                "its sign-off names the approver once the approval is recorded."
            )
        )
        set_muted(intro)
        column.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.number_edit = LineEdit(self)
        self.number_edit.setMaxLength(100)
        self.number_edit.setText(current.number)
        self.number_edit.setAccessibleName(self.tr("Document number"))
        self.version_edit = LineEdit(self)
        self.version_edit.setMaxLength(100)
        self.version_edit.setText(current.version)
        self.version_edit.setAccessibleName(self.tr("Version"))
        self.approver_edit = LineEdit(self)
        self.approver_edit.setText(current.approved_by)
        self.approver_edit.setPlaceholderText(self.tr("Name and role, such as Jane Doe (Director)"))
        self.approver_edit.setAccessibleName(self.tr("Approved by"))
        self.date_edit = DateEdit(self)
        self.date_edit.setAccessibleName(self.tr("Approved on"))
        self.no_date_check = QCheckBox(self.tr("Not approved yet"), self)
        shown = current.approved_on or session.today()
        self.date_edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.no_date_check.setChecked(current.approved_on is None)
        self.date_edit.setEnabled(current.approved_on is not None)
        self.no_date_check.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        for text, widget in (
            (self.tr("Document &number"), self.number_edit),
            (self.tr("&Version"), self.version_edit),
            (self.tr("Approved &by"), self.approver_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        date_label = QLabel(self.tr("Approved o&n"), self)
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, flow_row(self.date_edit, self.no_date_check, spacing=18))
        column.addLayout(form)
        self.error_label = plain_label()
        self.error_label.hide()
        column.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        unit = self.fontMetrics().horizontalAdvance("M")
        self.resize(min(unit * 46, 760), self.sizeHint().height())

    def approved_on(self) -> date | None:
        if self.no_date_check.isChecked():
            return None
        value = self.date_edit.date().toPython()
        assert isinstance(value, date)
        return value

    def save(self) -> None:
        values = {
            "number": self.number_edit.text(),
            "version": self.version_edit.text(),
            "approved_by": self.approver_edit.text(),
            "approved_on": self.approved_on(),
        }
        try:
            self.context.apply(lambda s: soa.update_document(s, **values))
        except UserFacingError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.accept()
