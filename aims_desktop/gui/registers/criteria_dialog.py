"""The risk criteria editor (clause 6.1.1): the likelihood, consequence and risk-level scales in
the organisation's own words, the matrix that turns a likelihood and a consequence into a risk
level, and the acceptance level.

Changing how many levels a scale has asks where the risks already scored should go (proposed
by the domain, changeable here) before anything is saved: scores are never silently re-read on
a scale they were not given on. Saving is one service call and one undo step, re-scored risks
included.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.risk_criteria import (
    CONSEQUENCE,
    LIKELIHOOD,
    MAX_LEVELS,
    MIN_LEVELS,
    RISK_LEVEL,
    SCALE_TITLES,
    Rescoring,
    RiskCriteria,
    ScaleLevel,
    problems,
    resized,
)
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.fields import LineEdit, plain_label, set_muted, set_point_size
from aims_desktop.services import risks
from aims_desktop.services.errors import UserFacingError

_SCALE_HELP = {
    LIKELIHOOD: "How likely a risk is. Give each level a name and say what it means for you.",
    CONSEQUENCE: "How bad it would be, for the organisation, for people and for society.",
    RISK_LEVEL: "The levels a risk can have, lowest first, and what each one asks of you.",
}


class _LevelCount(QComboBox):
    """How many levels a scale has (3 to 5), with the spin box's value() and setValue().

    Signals:
        valueChanged(int): the user chose another number of levels.
    """

    valueChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for count in range(MIN_LEVELS, MAX_LEVELS + 1):
            self.addItem(str(count), count)
        self.currentIndexChanged.connect(lambda _i: self.valueChanged.emit(self.value()))

    def value(self) -> int:
        return int(self.currentData())

    def setValue(self, value: int) -> None:
        self.setCurrentIndex(self.findData(value))


class _ScaleEditor(QWidget):
    """The levels of one scale: how many, and each one's name and meaning."""

    def __init__(self, scale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.rows: list[tuple[LineEdit, LineEdit]] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        title = plain_label(SCALE_TITLES[scale])
        set_point_size(title, 1.1, bold=True)
        column.addWidget(title)
        help_label = plain_label(self.tr(_SCALE_HELP[scale]))
        set_muted(help_label)
        column.addWidget(help_label)
        count_row = QHBoxLayout()
        self.count = _LevelCount(self)
        self.count.setObjectName(f"{scale}Levels")
        self.count.setAccessibleName(
            self.tr("Number of levels of the %1 scale").replace("%1", SCALE_TITLES[scale].lower())
        )
        count_label = QLabel(self.tr("Levels:"), self)
        count_label.setBuddy(self.count)
        count_row.addWidget(count_label)
        count_row.addWidget(self.count)
        count_row.addStretch(1)
        column.addLayout(count_row)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(6)
        column.addLayout(self.grid)

    def show_levels(self, levels: tuple[ScaleLevel, ...]) -> None:
        self.count.blockSignals(True)
        self.count.setValue(len(levels))
        self.count.blockSignals(False)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        unit = self.fontMetrics().horizontalAdvance("M")
        for number, level in enumerate(levels, start=1):
            label = LineEdit(self)
            label.setText(level.label)
            label.setMaxLength(60)
            label.setMinimumWidth(unit * 9)
            label.setObjectName(f"{self.scale}Label{number}")
            label.setAccessibleName(
                self.tr("Name of %1 level %2")
                .replace("%1", SCALE_TITLES[self.scale].lower())
                .replace("%2", str(number))
            )
            description = LineEdit(self)
            description.setText(level.description)
            description.setCursorPosition(0)
            description.setMaxLength(500)
            description.setMinimumWidth(unit * 9)
            description.setPlaceholderText(self.tr("What it means"))
            description.setAccessibleName(
                self.tr("Meaning of %1 level %2")
                .replace("%1", SCALE_TITLES[self.scale].lower())
                .replace("%2", str(number))
            )
            self.grid.addWidget(QLabel(str(number), self), number, 0)
            self.grid.addWidget(label, number, 1)
            self.grid.addWidget(description, number, 2)
            self.rows.append((label, description))

    def levels(self) -> tuple[ScaleLevel, ...]:
        return tuple(
            ScaleLevel(label=" ".join(label.text().split()), description=description.text().strip())
            for label, description in self.rows
        )


class RescoreDialog(QDialog):
    """Where the scores already given go on a scale with a new number of levels."""

    def __init__(
        self,
        old: RiskCriteria,
        new: RiskCriteria,
        proposal: Rescoring,
        scored: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Re-score the risks"))
        self.combos: dict[str, dict[int, QComboBox]] = {LIKELIHOOD: {}, CONSEQUENCE: {}}
        column = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "You changed the number of levels of a scale. %n risk(s) already have scores on "
                "the old scale: choose where each old level goes on the new one. The proposal "
                "keeps each level in the same place, the lowest lowest and the highest highest.",
                "",
                scored,
            )
        )
        column.addWidget(intro)
        for scale, old_levels, new_levels, table in (
            (LIKELIHOOD, old.likelihood, new.likelihood, proposal.likelihood),
            (CONSEQUENCE, old.consequence, new.consequence, proposal.consequence),
        ):
            if len(old_levels) == len(new_levels):
                continue
            title = plain_label(SCALE_TITLES[scale])
            set_point_size(title, 1.05, bold=True)
            column.addWidget(title)
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for number, level in enumerate(old_levels, start=1):
                combo = QComboBox(self)
                for target, new_level in enumerate(new_levels, start=1):
                    combo.addItem(f"{target} {new_level.label}", target)
                combo.setCurrentIndex(max(combo.findData(table.get(number, 1)), 0))
                combo.setAccessibleName(
                    self.tr("New level for “%1”").replace("%1", f"{number} {level.label}")
                )
                label = QLabel(f"{number} {level.label} →", self)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setBuddy(combo)
                form.addRow(label, combo)
                self.combos[scale][number] = combo
            column.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            self.tr("Re-score and save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def rescoring(self) -> Rescoring:
        return Rescoring(
            likelihood={n: int(c.currentData()) for n, c in self.combos[LIKELIHOOD].items()},
            consequence={n: int(c.currentData()) for n, c in self.combos[CONSEQUENCE].items()},
        )


class CriteriaDialog(QDialog):
    """Edit the risk criteria of the open project (see the module docstring)."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        session = context.session
        if session is None:
            raise RuntimeError("the risk criteria need an open project")
        self.context = context
        self.setObjectName("criteriaDialog")
        self.setWindowTitle(self.tr("Risk criteria"))
        self.stored = risks.criteria(session)
        self.matrix: dict[tuple[int, int], QComboBox] = {}

        outer = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "How your organisation rates its AI risks (clause 6.1.1). Every risk's level is "
                "worked out from these criteria, so a change here re-rates the whole register."
            )
        )
        set_muted(intro)
        outer.addWidget(intro)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        self.scales = {
            name: _ScaleEditor(name, inner) for name in (LIKELIHOOD, CONSEQUENCE, RISK_LEVEL)
        }
        for editor in self.scales.values():
            column.addWidget(editor)
            editor.count.valueChanged.connect(lambda _v: self._resize())
        matrix_title = plain_label(self.tr("Risk matrix"))
        set_point_size(matrix_title, 1.1, bold=True)
        column.addWidget(matrix_title)
        matrix_help = plain_label(
            self.tr(
                "The risk level of each likelihood (rows, most likely at the top) and "
                "consequence (columns, most severe at the right)."
            )
        )
        set_muted(matrix_help)
        column.addWidget(matrix_help)
        self.matrix_box = QWidget(inner)
        self.matrix_grid = QGridLayout(self.matrix_box)
        self.matrix_grid.setContentsMargins(0, 0, 0, 0)
        self.matrix_grid.setHorizontalSpacing(4)
        column.addWidget(self.matrix_box)
        acceptance_row = QHBoxLayout()
        self.acceptance = QComboBox(inner)
        self.acceptance.setObjectName("acceptanceLevel")
        self.acceptance.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        acceptance_label = plain_label(
            self.tr("Risks at or below this level are accepted without treatment:")
        )
        acceptance_label.setBuddy(self.acceptance)
        column.addWidget(acceptance_label)
        acceptance_row.addWidget(self.acceptance)
        acceptance_row.addStretch(1)
        column.addLayout(acceptance_row)
        column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.error_label = plain_label()
        self.error_label.setObjectName("criteriaError")
        self.error_label.setStyleSheet(
            "QLabel#criteriaError { border: 1px solid #c0392b; border-radius: 4px; padding: 6px; }"
        )
        self.error_label.hide()
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Save criteria"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.show_criteria(self.stored)
        unit = self.fontMetrics().horizontalAdvance("M")
        self.resize(min(unit * 78, 780), min(self.sizeHint().height(), 470))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    # -- showing and reading ---------------------------------------------------------------

    def show_criteria(self, criteria: RiskCriteria) -> None:
        for name, editor in self.scales.items():
            editor.show_levels(criteria.scale(name))
        self._show_matrix(criteria)

    def _show_matrix(self, criteria: RiskCriteria) -> None:
        while self.matrix_grid.count():
            item = self.matrix_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.matrix = {}
        rows, columns = len(criteria.likelihood), len(criteria.consequence)
        for ci, level in enumerate(criteria.consequence, start=1):
            head = plain_label(f"{ci} {level.label}")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.matrix_grid.addWidget(head, 0, ci)
        for li in range(rows, 0, -1):
            row = rows - li + 1
            name = plain_label(f"{li} {criteria.likelihood[li - 1].label}")
            self.matrix_grid.addWidget(name, row, 0)
            for ci in range(1, columns + 1):
                combo = QComboBox(self.matrix_box)
                combo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                for number, level in enumerate(criteria.levels, start=1):
                    combo.addItem(level.label, number)
                combo.setCurrentIndex(combo.findData(criteria.matrix[li - 1][ci - 1]))
                combo.setAccessibleName(
                    self.tr("Risk level when likelihood is “%1” and consequence “%2”")
                    .replace("%1", criteria.likelihood[li - 1].label)
                    .replace("%2", criteria.consequence[ci - 1].label)
                )
                combo.setObjectName(f"cell{li}{ci}")
                self.matrix_grid.addWidget(combo, row, ci)
                self.matrix[(li, ci)] = combo
        for ci in range(1, columns + 1):
            self.matrix_grid.setColumnStretch(ci, 1)
        self.acceptance.clear()
        for number, level in enumerate(criteria.levels, start=1):
            self.acceptance.addItem(f"{number} {level.label}", number)
        self.acceptance.setCurrentIndex(max(self.acceptance.findData(criteria.acceptance), 0))

    def criteria(self) -> RiskCriteria:
        """The criteria as the dialog shows them now (not checked)."""
        likelihood = self.scales[LIKELIHOOD].levels()
        consequence = self.scales[CONSEQUENCE].levels()
        levels = self.scales[RISK_LEVEL].levels()
        matrix = tuple(
            tuple(
                int(self.matrix[(li, ci)].currentData() or 1) if (li, ci) in self.matrix else 1
                for ci in range(1, len(consequence) + 1)
            )
            for li in range(1, len(likelihood) + 1)
        )
        return RiskCriteria(
            likelihood=likelihood,
            consequence=consequence,
            levels=levels,
            matrix=matrix,
            acceptance=int(self.acceptance.currentData() or 1),
        )

    def _resize(self) -> None:
        """A scale's number of levels changed: keep the names typed so far (the rows still
        show the old sizes), and propose the new matrix from the one shown."""
        proposal = resized(
            self.criteria(),
            self.scales[LIKELIHOOD].count.value(),
            self.scales[CONSEQUENCE].count.value(),
            self.scales[RISK_LEVEL].count.value(),
        )
        self.show_criteria(proposal)

    # -- saving ----------------------------------------------------------------------------

    def ask_rescoring(
        self, new: RiskCriteria, proposal: Rescoring, scored: int
    ) -> Rescoring | None:
        """Ask where stored scores go (tests replace this); None: the user cancelled."""
        dialog = RescoreDialog(self.stored, new, proposal, scored, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.rescoring()

    def save(self) -> None:
        session = self.context.session
        if session is None:
            return
        new = self.criteria()
        found = problems(new)
        if found:
            self.show_error(found[0])
            return
        rescoring: Rescoring | None = None
        proposal = risks.rescoring_for(session, new)
        scored = risks.scored_risks(session) if proposal is not None else 0
        if proposal is not None and scored:
            rescoring = self.ask_rescoring(new, proposal, scored)
            if rescoring is None:
                return
        try:
            self.context.apply(lambda s: risks.change_criteria(s, new, rescoring))
        except UserFacingError as error:
            self.show_error(str(error))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
