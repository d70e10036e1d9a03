"""Import records from a spreadsheet: map its columns to the register's fields, see a preview
and every row that cannot be imported with the reason, then import all rows or none.

Many small companies start their registers in Excel; this is how they bring them in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.fields import FieldKind
from aims_desktop.domain.registers import RegisterSpec, register
from aims_desktop.domain.registers.spec import display
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.fields import plain_label, set_muted, set_point_size
from aims_desktop.services import exchange
from aims_desktop.services.errors import UserFacingError

PREVIEW_ROWS = 20
LEAVE_OUT = ""


class ImportDialog(QDialog):
    def __init__(
        self,
        context: ProjectContext,
        key: str,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.context = context
        self.spec: RegisterSpec = register(key)
        self.sheet: exchange.Sheet | None = None
        self.plan: exchange.ImportPlan | None = None
        self.path: Path | None = None
        self.result: ChangeSet | None = None
        self.setWindowTitle(self.tr("Import %1").replace("%1", self.spec.plural))
        layout = QVBoxLayout(self)

        row = QHBoxLayout()
        self.file_label = plain_label(self.tr("Choose a spreadsheet (.xlsx or .csv)."))
        self.choose_button = QPushButton(self.tr("Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)

        self.error_label = plain_label()
        self.error_label.setObjectName("importError")
        self.error_label.setStyleSheet(
            "QLabel#importError { border: 1px solid #c0392b; border-radius: 4px; padding: 6px; }"
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)

        mapping_title = plain_label(self.tr("Which column goes where"))
        set_point_size(mapping_title, 1.05, bold=True)
        layout.addWidget(mapping_title)
        hint = plain_label(
            self.tr(
                "Each column of your sheet, with its first value, and the field it goes into. "
                "Columns left out are not imported. Dates are read as day/month/year or "
                "2026-03-31; several values in one cell are separated by semicolons."
            )
        )
        set_muted(hint)
        layout.addWidget(hint)
        self.mapping = QTableWidget(0, 3, self)
        self.mapping.setObjectName("mappingTable")
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Column in your sheet"), self.tr("First value"), self.tr("Goes into")]
        )
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.mapping, 2)

        preview_title = plain_label(self.tr("Preview"))
        set_point_size(preview_title, 1.05, bold=True)
        layout.addWidget(preview_title)
        self.preview = QTableWidget(0, 0, self)
        self.preview.setObjectName("previewTable")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(True)
        layout.addWidget(self.preview, 2)
        self.summary_label = plain_label()
        layout.addWidget(self.summary_label)
        self.problems = QListWidget(self)
        self.problems.setObjectName("problemList")
        self.problems.setAccessibleName(self.tr("Rows that cannot be imported"))
        self.problems.hide()
        layout.addWidget(self.problems, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(860, 680)
        if path is not None:
            self.load(path)

    # -- file ------------------------------------------------------------------------------

    def ask_file(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a spreadsheet"),
            "",
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        return Path(path) if path else None

    def choose_file(self) -> None:
        path = self.ask_file()
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        self.error_label.hide()
        try:
            sheet = exchange.read_spreadsheet(path)
        except UserFacingError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return False
        self.path = path
        self.sheet = sheet
        self.file_label.setText(
            self.tr("%1 — %2 row(s) under the heading row")
            .replace("%1", path.name)
            .replace("%2", f"{len(sheet.rows):,}")
        )
        self._fill_mapping(exchange.mapping_for(self.spec.key, sheet.headers))
        self.update_plan()
        return True

    def _fill_mapping(self, guessed: dict[int, str]) -> None:
        assert self.sheet is not None
        sheet = self.sheet
        self.mapping.setRowCount(len(sheet.headers))
        self.combos: list[QComboBox] = []
        for column, header in enumerate(sheet.headers):
            self.mapping.setItem(column, 0, QTableWidgetItem(header or f"({column + 1})"))
            sample = next(
                (
                    str(r[column])
                    for r in sheet.rows
                    if column < len(r) and r[column] not in (None, "")
                ),
                "",
            )
            self.mapping.setItem(column, 1, QTableWidgetItem(sample.split("\n", 1)[0][:80]))
            combo = QComboBox(self.mapping)
            combo.setAccessibleName(self.tr("Goes into, for column %1").replace("%1", header))
            combo.addItem(self.tr("(leave out)"), LEAVE_OUT)
            for field in self.spec.fields:
                combo.addItem(field.title, field.name)
            wanted = guessed.get(column, LEAVE_OUT)
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.currentIndexChanged.connect(lambda _i: self.update_plan())
            self.mapping.setCellWidget(column, 2, combo)
            self.combos.append(combo)
        self.mapping.resizeColumnsToContents()

    def current_mapping(self) -> dict[int, str]:
        mapping: dict[int, str] = {}
        for column, combo in enumerate(getattr(self, "combos", [])):
            name = str(combo.currentData() or "")
            if name:
                mapping[column] = name
        return mapping

    def set_mapping(self, column: int, field: str) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    # -- plan ------------------------------------------------------------------------------

    def update_plan(self) -> None:
        session = self.context.session
        if session is None or self.sheet is None:
            return
        mapping = self.current_mapping()
        duplicate = {n for n in mapping.values() if list(mapping.values()).count(n) > 1}
        self.problems.clear()
        if duplicate:
            titles = ", ".join(self.spec.field(n).title for n in sorted(duplicate))
            self._summary(
                self.tr("Two columns go into the same field (%1): choose one.").replace(
                    "%1", titles
                ),
                False,
            )
            self.plan = None
            return
        required = [f for f in self.spec.fields if f.required and f.kind is FieldKind.TEXT]
        missing = [f.title for f in required if f.name not in mapping.values()]
        self.plan = exchange.plan(session, self.spec.key, self.sheet, mapping)
        self._fill_preview(mapping)
        for problem in self.plan.problems:
            self.problems.addItem(
                self.tr("Row %1: %2").replace("%1", str(problem.row)).replace("%2", problem.message)
            )
        self.problems.setVisible(bool(self.plan.problems))
        if missing:
            text = self.tr("Choose a column for %1: every record needs one.").replace(
                "%1", ", ".join(f"“{m}”" for m in missing)
            )
            self._summary(text, False)
        elif self.plan.problems:
            text = self.tr(
                "%1 row(s) cannot be imported (listed below). Nothing will be imported until "
                "every row can be: correct them in the spreadsheet, or leave out the column."
            ).replace("%1", str(len(self.plan.problems)))
            self._summary(text, False)
        elif not self.plan.rows:
            self._summary(self.tr("There is nothing to import."), False)
        else:
            text = self.tr("%1 record(s) will be added.").replace("%1", f"{len(self.plan.rows):,}")
            if self.plan.skipped_empty:
                text += " " + self.tr("%1 empty row(s) will be skipped.").replace(
                    "%1", str(self.plan.skipped_empty)
                )
            self._summary(text, True)

    def _summary(self, text: str, ok: bool) -> None:
        self.summary_label.setText(text)
        self.import_button.setEnabled(ok)

    def _fill_preview(self, mapping: dict[int, str]) -> None:
        assert self.plan is not None
        names = list(dict.fromkeys(mapping.values()))
        self.preview.clear()
        self.preview.setColumnCount(len(names))
        self.preview.setHorizontalHeaderLabels([self.spec.field(n).title for n in names])
        shown = self.plan.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for row, (number, values) in enumerate(shown):
            self.preview.setVerticalHeaderItem(row, QTableWidgetItem(str(number)))
            for column, name in enumerate(names):
                text = display(self.spec.field(name), values.get(name))
                self.preview.setItem(row, column, QTableWidgetItem(text.split("\n", 1)[0][:120]))

    # -- import ----------------------------------------------------------------------------

    def do_import(self) -> None:
        if self.plan is None or not self.plan.ok:
            return
        plan = self.plan
        source = self.path.name if self.path else ""
        try:
            self.result = self.context.apply(
                lambda s: exchange.import_plan(s, self.spec.key, plan, source)
            )
        except UserFacingError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.accept()
