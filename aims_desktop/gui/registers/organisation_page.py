"""The Organisation page: who the organisation is, its roles towards AI, whether climate change
matters, and the scope statement with its version and approval (clause 4).

The same RecordForm as every register, over the Organisation model; each field the user leaves
is one edit through the services, with Undo. Placeholder text left from the first draft of the
scope ("[describe …]") is flagged here, because reports would otherwise print it word for word.

Contract with the main window: `OrganisationPage(context, parent)`, signal navigateRequested.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.fields import fields_of
from aims_desktop.domain.organisation import Organisation, placeholders
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.record_form import RecordForm
from aims_desktop.gui.widgets.fields import LinkButton, plain_label, set_muted, set_point_size
from aims_desktop.services import organisation as organisation_service
from aims_desktop.services import registers
from aims_desktop.services.errors import UserFacingError

CONTENT_WIDTH = 760
CONTEXT_REGISTERS = ("context_issue", "interested_party", "ai_system")


class OrganisationPage(QScrollArea):
    """Signals:
    navigateRequested(str): go to a clause or a register ("register:ai_system").
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_organisation")
        self.context = context
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        outer = QHBoxLayout(inner)
        outer.setContentsMargins(24, 16, 24, 24)
        column_widget = QWidget()
        column_widget.setMaximumWidth(CONTENT_WIDTH)
        outer.addWidget(column_widget, 1)
        outer.addStretch(0)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)

        title = plain_label(self.tr("Organisation and scope"))
        set_point_size(title, 1.45, bold=True)
        column.addWidget(title)
        intro = plain_label(
            self.tr(
                "Who you are and what your AI management system covers. Clause 4 asks for "
                "this first, and every report prints it. Changes are saved as you leave each "
                "field, and Undo takes them back."
            )
        )
        set_muted(intro)
        column.addWidget(intro)

        self.placeholder_warning = plain_label()
        self.placeholder_warning.setObjectName("placeholderWarning")
        self.placeholder_warning.setStyleSheet(
            "QLabel#placeholderWarning { border: 1px solid #b9770e; border-radius: 4px;"
            " padding: 6px; }"
        )
        self.placeholder_warning.hide()
        column.addWidget(self.placeholder_warning)

        self.form = RecordForm(fields_of(Organisation), column_widget, people=self._people)
        self.form.fieldCommitted.connect(self._committed)
        column.addWidget(self.form)

        registers_title = plain_label(self.tr("Records of your context"))
        set_point_size(registers_title, 1.1, bold=True)
        registers_title.setContentsMargins(0, 12, 0, 0)
        column.addWidget(registers_title)
        self.register_links: dict[str, LinkButton] = {}
        for key in CONTEXT_REGISTERS:
            spec = REGISTERS[key]
            link = LinkButton(spec.plural, f"register:{key}")
            link.clicked.connect(
                lambda _c=False, k=key: self.navigateRequested.emit(f"register:{k}")
            )
            column.addWidget(link)
            self.register_links[key] = link
        column.addStretch(1)
        self.setWidget(inner)
        context.changed.connect(self._changed)
        context.sessionChanged.connect(self.reload)
        self.reload()

    def _people(self) -> list[str]:
        session = self.context.session
        return registers.people(session) if session is not None else []

    def reload(self, changed: set[str] | None = None) -> None:
        session = self.context.session
        if session is None:
            return
        org = session.organisation()
        self.form.show_values(org.model_dump(), changed)
        found = placeholders(org.scope)
        if found:
            self.placeholder_warning.setText(
                self.tr(
                    "The scope statement still holds text from the draft for you to replace: "
                    "%1. Reports would print it as it is."
                ).replace("%1", "; ".join(found))
            )
        self.placeholder_warning.setVisible(bool(found))
        counts = registers.counts(session)
        for key, link in self.register_links.items():
            spec = REGISTERS[key]
            text = f"{spec.plural} ({counts.get(key, 0)})"
            link.full_text = text
            link.setText(text)
            link.setAccessibleName(text)

    def _changed(self, change_set: object) -> None:
        if not isinstance(change_set, ChangeSet):
            return
        fields = {c.field for c in change_set.changes if c.entity == "organisation"}
        structural = any(
            c.entity in CONTEXT_REGISTERS and c.field == "" for c in change_set.changes
        )
        if fields or structural:
            self.reload(fields or set())

    def _committed(self, name: str, value: Any) -> None:
        try:
            self.context.apply(
                lambda s: organisation_service.update_organisation(s, **{name: value})
            )
        except UserFacingError as error:
            self.form.show_error(str(error))
            self.form.refused(name)
            return
        self.form.clear_error()
