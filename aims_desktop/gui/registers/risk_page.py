"""The AI risk register: the generic register page, with the heat maps above the list (a cell
filters the list to its risks), the risk criteria editor and the suggested risks.

Everything the page changes goes through the services (one undo step each), like any register.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.heat_map import Cell, heat_map, in_cell
from aims_desktop.domain.registers import RegisterSpec
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.heat_map import HeatMapView
from aims_desktop.gui.registers.register_page import RegisterPage
from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.widgets.fields import plain_label, set_muted
from aims_desktop.gui.widgets.flow import flow_row

HEAT_MAP_KEY = "registers/risk/heatMap"
"""Whether the heat map is shown (the user's choice, remembered)."""


class RiskRegisterPage(RegisterPage):
    """The risk register with its heat maps (see the module docstring)."""

    def __init__(
        self, context: ProjectContext, spec: RegisterSpec, parent: QWidget | None = None
    ) -> None:
        self.cell: Cell | None = None
        self.residual = False
        super().__init__(context, spec, parent)
        self.setObjectName("register_risk")

    # -- building --------------------------------------------------------------------------

    def _build_extra_toolbar(self, outer: QVBoxLayout) -> None:
        self.heat_button = QPushButton(self.tr("Heat map"), self)
        self.heat_button.setObjectName("heatMapButton")
        self.heat_button.setCheckable(True)
        self.heat_button.setToolTip(self.tr("Show or hide the heat map of the risks"))
        self.criteria_button = QPushButton(self.tr("Risk criteria…"), self)
        self.criteria_button.setObjectName("criteriaButton")
        self.criteria_button.setToolTip(
            self.tr("Your likelihood and consequence scales, the risk matrix and what you accept")
        )
        self.criteria_button.clicked.connect(self.edit_criteria)
        self.suggest_button = QPushButton(self.tr("Suggested risks…"), self)
        self.suggest_button.setObjectName("suggestButton")
        self.suggest_button.setToolTip(
            self.tr("Common risks of small companies' AI uses, to add and adapt")
        )
        self.suggest_button.clicked.connect(self.suggest_risks)
        outer.addWidget(
            flow_row(self.heat_button, self.criteria_button, self.suggest_button, spacing=6)
        )

    def _build_list_area(self, table: QTableView) -> QWidget:
        # The map and the list share their room through a splitter, and the map scrolls up and
        # down when there is little of it (800 x 500 logical pixels), never sideways.
        area = QSplitter(Qt.Orientation.Vertical, self)
        area.setObjectName("riskListArea")
        area.setChildrenCollapsible(False)
        self.heat_scroll = QScrollArea(area)
        self.heat_scroll.setObjectName("heatMapArea")
        self.heat_scroll.setAccessibleName(self.tr("Heat map"))
        self.heat_scroll.setWidgetResizable(True)
        self.heat_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.heat_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.heat_scroll.setMinimumHeight(self.fontMetrics().height() * 4)
        self.heat_panel = QWidget()
        self.heat_panel.setObjectName("heatMapPanel")
        panel = QVBoxLayout(self.heat_panel)
        panel.setContentsMargins(0, 0, 0, 4)
        panel.setSpacing(2)
        self.inherent_radio = QRadioButton(self.tr("Before treatment (inherent)"))
        self.residual_radio = QRadioButton(self.tr("After treatment (residual)"))
        self.inherent_radio.setChecked(True)
        self.which = QButtonGroup(self)
        self.which.addButton(self.inherent_radio, 0)
        self.which.addButton(self.residual_radio, 1)
        self.which.idClicked.connect(lambda index: self.show_residual(index == 1))
        panel.addWidget(flow_row(self.inherent_radio, self.residual_radio, spacing=14))
        self.heat_view = HeatMapView(self.heat_panel)
        self.heat_view.setObjectName("heatMap")
        self.heat_view.cellActivated.connect(lambda li, ci: self.toggle_cell((li, ci)))
        panel.addWidget(self.heat_view)
        self.heat_note = plain_label(
            self.tr(
                "Each cell shows how many risks it holds and its risk level; a framed cell is "
                "above your acceptance level. Click a cell to list only its risks."
            )
        )
        set_muted(self.heat_note)
        panel.addWidget(self.heat_note)
        panel.addStretch(1)
        self.heat_scroll.setWidget(self.heat_panel)
        lower = QWidget(area)
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.cell_bar = QWidget(lower)
        bar = QHBoxLayout(self.cell_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.cell_label = plain_label("")
        self.cell_label.setObjectName("cellFilterLabel")
        self.clear_cell_button = QPushButton(self.tr("Show all risks"), self.cell_bar)
        self.clear_cell_button.clicked.connect(lambda: self.set_cell(None))
        bar.addWidget(self.cell_label, 1)
        bar.addWidget(self.clear_cell_button, 0, Qt.AlignmentFlag.AlignTop)
        self.cell_bar.hide()
        column.addWidget(self.cell_bar)
        column.addWidget(table, 1)
        area.addWidget(self.heat_scroll)
        area.addWidget(lower)
        area.setStretchFactor(0, 3)
        area.setStretchFactor(1, 2)
        shown = app_settings().value(HEAT_MAP_KEY, True)
        visible = shown not in (False, "false", "0", 0)
        self.heat_scroll.setVisible(visible)
        self.heat_button.setChecked(visible)
        self.heat_button.toggled.connect(self.set_heat_map_visible)
        return area

    # -- the heat map ----------------------------------------------------------------------

    def set_heat_map_visible(self, visible: bool) -> None:
        self.heat_scroll.setVisible(visible)
        if self.heat_button.isChecked() != visible:
            self.heat_button.setChecked(visible)
        app_settings().setValue(HEAT_MAP_KEY, visible)

    def _redraw_map(self) -> None:
        records = self.model.all_records()
        self.heat_view.set_map(
            heat_map(records, self.model.context.criteria, residual=self.residual)
        )

    def _records_loaded(self, records: list[Any]) -> None:
        self._redraw_map()
        if self.cell is not None:
            self._apply_cell()

    def _records_updated(self) -> None:
        self._redraw_map()
        if self.cell is not None:
            self._apply_cell()

    def show_residual(self, residual: bool) -> None:
        """Switch between the inherent and the residual map (a cell filter follows it)."""
        if residual == self.residual:
            return
        self.residual = residual
        (self.residual_radio if residual else self.inherent_radio).setChecked(True)
        self._redraw_map()
        if self.cell is not None:
            self._apply_cell()

    def toggle_cell(self, cell: Cell) -> None:
        self.set_cell(None if cell == self.cell else cell)

    def set_cell(self, cell: Cell | None) -> None:
        """List only the risks of one heat-map cell (None: all of them again)."""
        self.cell = cell
        self.heat_view.set_selected(cell)
        self._apply_cell()

    def _apply_cell(self) -> None:
        cell = self.cell
        current = self._current_id
        if cell is None:
            self.model.set_row_filter(None)
            self.cell_bar.hide()
        else:
            residual = self.residual
            self.model.set_row_filter(lambda r: in_cell(r, cell, residual=residual))
            criteria = self.model.context.criteria
            likelihood, consequence = cell
            which = self.tr("after treatment") if residual else self.tr("before treatment")
            self.cell_label.setText(
                self.tr("Showing the risks %1 at likelihood “%2” and consequence “%3”.")
                .replace("%1", which)
                .replace("%2", criteria.likelihood[likelihood - 1].label)
                .replace("%3", criteria.consequence[consequence - 1].label)
            )
            self.cell_bar.show()
        self._update_count()
        if current is not None and self.model.row_of(current) is not None:
            self.show_record(current, focus=False)
        elif self.model.rowCount():
            self.select_row(0)
        else:
            self._current_id = None
            self._show_current()

    # -- criteria and suggestions ----------------------------------------------------------

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a dialog modally (tests replace this to drive the dialog instead)."""
        return dialog.exec()

    def edit_criteria(self) -> None:
        from aims_desktop.gui.registers.criteria_dialog import CriteriaDialog

        if self.context.session is None:
            return
        self.run_dialog(CriteriaDialog(self.context, self))

    def suggest_risks(self) -> None:
        from aims_desktop.gui.registers.suggestions_dialog import SuggestionsDialog

        if self.context.session is None:
            return
        dialog = SuggestionsDialog(self.context, self)
        if self.run_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.added:
            if self.cell is not None:
                self.set_cell(None)
            if self.filter_edit.text():
                self.filter_edit.clear()
            self.reload()
            self.show_record(dialog.added[0])
